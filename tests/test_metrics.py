"""Correlation metrics and their scorers, against SciPy and by hand."""

import numpy as np
import pytest
from scipy.stats import pearsonr, spearmanr
from sklearn.linear_model import Ridge
from sklearn.model_selection import cross_val_score

from skmotif.metrics import pearson_r, pearson_scorer, spearman_rho, spearman_scorer


@pytest.fixture
def pair():
    rng = np.random.default_rng(0)
    a = rng.normal(size=60)
    b = a + rng.normal(size=60)
    b[:5] = b[5]  # ties for the ranks
    return a, b


def test_equal_scipy_on_one_output(pair):
    a, b = pair
    assert pearson_r(a, b) == pytest.approx(pearsonr(a, b)[0], abs=1e-12)
    assert spearman_rho(a, b) == pytest.approx(spearmanr(a, b)[0], abs=1e-12)


def test_per_output_and_their_mean(pair):
    a, b = pair
    truth, pred = np.column_stack([a, b]), np.column_stack([b, -a])
    raw = pearson_r(truth, pred, multioutput="raw_values")
    np.testing.assert_allclose(raw, [pearsonr(a, b)[0], -pearsonr(a, b)[0]])
    assert pearson_r(truth, pred) == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(ValueError, match="multioutput must be"):
        pearson_r(truth, pred, multioutput="variance_weighted")


def test_weights_by_hand():
    # Weights 2, 1, 1 equal the first sample counted twice.
    a, b = np.array([0.0, 1.0, 3.0]), np.array([1.0, 0.0, 4.0])
    weighted = pearson_r(a, b, sample_weight=[2, 1, 1])
    assert weighted == pytest.approx(pearsonr([0, 0, 1, 3], [1, 1, 0, 4])[0])
    assert spearman_rho(a, b, sample_weight=[0, 1, 1]) == pytest.approx(1.0)


def test_constant_predictions_give_nan_and_bad_input_is_an_error(pair):
    a, _ = pair
    assert np.isnan(pearson_r(a, np.ones_like(a)))
    with pytest.raises(ValueError, match="two arrays of one shape"):
        pearson_r(a, a[:-1])
    with pytest.raises(ValueError, match="at least two samples"):
        pearson_r([1.0], [2.0])
    with pytest.raises(ValueError, match="finite"):
        spearman_rho(np.r_[a[:-1], np.nan], a)


def test_scorers_in_cross_validation():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 3))
    y = X @ [1.0, -2.0, 0.5] + 0.1 * rng.normal(size=100)
    for scorer in (pearson_scorer, spearman_scorer):
        scores = cross_val_score(Ridge(), X, y, cv=3, scoring=scorer)
        assert (scores > 0.99).all()
