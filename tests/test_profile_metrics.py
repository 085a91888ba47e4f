"""Metrics of base-resolution profile models, against SciPy and by hand."""

import numpy as np
import pytest
from scipy.spatial.distance import jensenshannon
from scipy.stats import multinomial, pearsonr
from sklearn.base import BaseEstimator, RegressorMixin

from skmotif.metrics import (
    count_pearson_scorer,
    jensen_shannon,
    multinomial_nll,
    profile_metrics,
    profile_pearson,
    profile_pearson_scorer,
)


@pytest.fixture
def counts():
    """Observed counts (12 regions, 20 positions, 2 tracks) and a noisy prediction."""
    rng = np.random.default_rng(0)
    rate = rng.gamma(2.0, 1.0, size=(12, 20, 2)) * rng.uniform(0.5, 5, size=(12, 1, 1))
    return rng.poisson(rate).astype(float), rate * rng.uniform(0.5, 1.5, size=rate.shape)


def test_nll_equals_scipy_multinomial_in_2d_and_3d(counts):
    truth, pred = counts
    for y_true, y_pred in ((truth, pred), (truth[:, :, 0], pred[:, :, 0])):
        nll = multinomial_nll(y_true, y_pred)
        flat_true, flat_pred = y_true.reshape(len(y_true), -1), y_pred.reshape(len(y_pred), -1)
        expected = [
            -multinomial.logpmf(c, c.sum(), p / p.sum())
            for c, p in zip(flat_true, flat_pred, strict=True)
        ]
        assert nll.shape == (len(y_true),)
        np.testing.assert_allclose(nll, expected, rtol=1e-10)


def test_nll_ignores_the_scale_of_each_region(counts):
    truth, pred = counts
    scale = np.geomspace(1e-3, 1e3, len(pred))[:, None, None]
    np.testing.assert_allclose(multinomial_nll(truth, pred * scale), multinomial_nll(truth, pred))


def test_a_flat_prediction_loses_n_times_kl_on_data_of_the_true_rate():
    # E[NLL(flat) - NLL(true)] = sum(c * log(p / u)) in expectation = sum(rate * log(p / u)).
    rng = np.random.default_rng(1)
    rate = np.tile(np.r_[np.full(10, 0.5), np.full(10, 4.5)], (2000, 1))
    truth = rng.poisson(rate).astype(float)
    gap = multinomial_nll(truth, np.ones_like(rate)) - multinomial_nll(truth, rate)
    p = rate[0] / rate[0].sum()
    expected = (rate[0] * np.log(p * len(p))).sum()  # 5 log(0.2) + 45 log(1.8) nats
    assert expected == pytest.approx(18.403, abs=1e-3)
    assert gap.mean() == pytest.approx(expected, rel=0.02)
    assert (gap > 0).mean() > 0.99


def test_perfect_prediction(counts):
    truth, _ = counts
    np.testing.assert_allclose(profile_pearson(truth, truth), 1.0)
    assert (jensen_shannon(truth, truth) == 0).all()  # the same pseudocount on both sides
    metrics = profile_metrics(truth, truth)
    assert set(metrics) == {
        "multinomial_nll",
        "profile_pearson",
        "jsd",
        "count_pearson",
        "count_spearman",
        "count_mse",
    }
    assert metrics["profile_pearson"] == pytest.approx(1.0)
    assert metrics["jsd"] == 0
    assert metrics["count_mse"] == 0
    assert metrics["count_pearson"] == pytest.approx(1.0)
    assert metrics["count_spearman"] == pytest.approx(1.0)
    assert metrics["multinomial_nll"] == pytest.approx(np.mean(multinomial_nll(truth, truth)))


def test_profile_pearson_and_jsd_equal_scipy(counts):
    truth, pred = counts
    r = profile_pearson(truth, pred)
    np.testing.assert_allclose(
        r, [pearsonr(a.ravel(), b.ravel())[0] for a, b in zip(truth, pred, strict=True)]
    )
    for pseudocount in (1e-3, 0.5):
        expected = [
            jensenshannon(a.ravel() + pseudocount, b.ravel() + pseudocount, base=2)
            for a, b in zip(truth, pred, strict=True)
        ]
        distance = jensen_shannon(truth, pred, pseudocount=pseudocount)
        np.testing.assert_allclose(distance, expected, rtol=1e-10)
        assert ((distance > 0) & (distance < 1)).all()


def test_regions_without_reads():
    truth = np.array([[0.0, 0, 0, 0], [5, 1, 0, 0], [0, 2, 2, 0]])
    pred = np.array([[0.0, 0, 0, 0], [1, 1, 1, 1], [0, 1, 1, 0]])
    assert multinomial_nll(truth, pred)[0] == 0  # and no NaN where both are 0
    assert np.isfinite(multinomial_nll(truth, pred)).all()
    assert np.isnan(profile_pearson(truth, pred)[[0, 1]]).all()  # no reads; a flat prediction
    distance = jensen_shannon(truth, pred)
    assert distance[0] == 0  # both flat once the pseudocount is added
    metrics = profile_metrics(truth, pred)
    assert metrics["jsd"] == pytest.approx(np.median(distance[1:]))
    assert metrics["profile_pearson"] == pytest.approx(1.0)  # region 2 only
    assert metrics["multinomial_nll"] == pytest.approx(multinomial_nll(truth, pred).mean())
    assert np.isnan(jensen_shannon(truth, pred, pseudocount=0)[0])


def test_bad_input_is_an_error(counts):
    truth, pred = counts
    with pytest.raises(ValueError, match=r"y_true has shape \(12, 20, 2\) and y_pred \(12, 20\)"):
        multinomial_nll(truth, pred[:, :, 0])
    with pytest.raises(ValueError, match=r"y_pred has shape \(12,\); give counts of shape"):
        profile_pearson(truth, pred[:, 0, 0])
    with pytest.raises(ValueError, match=r"y_true has shape \(1, 2, 3, 4\)"):
        jensen_shannon(np.ones((1, 2, 3, 4)), np.ones((1, 2, 3, 4)))
    with pytest.raises(ValueError, match="y_pred has negative values"):
        profile_metrics(truth, -pred)
    with pytest.raises(ValueError, match="y_true must be finite"):
        multinomial_nll(np.where(truth > 3, np.nan, truth), pred)
    with pytest.raises(ValueError, match="count correlations need at least two regions"):
        profile_metrics(truth[:1], pred[:1])
    with pytest.raises(ValueError, match="pseudocount must be"):
        jensen_shannon(truth, pred, pseudocount=-1)


class _FakeProfileModel(RegressorMixin, BaseEstimator):
    """Predicts fixed expected counts (row X[i, 0] of them), as a profile model would."""

    def __init__(self, counts=None):
        self.counts = counts

    def fit(self, X, y):
        return self

    def predict(self, X):
        return self.counts[np.asarray(X).ravel().astype(int)]


def test_scorers_call_predict_and_compare_with_y(counts):
    truth, pred = counts
    model, X = _FakeProfileModel(pred), np.arange(len(pred))[:, None]
    assert profile_pearson_scorer(model, X, truth) == pytest.approx(
        np.median(profile_pearson(truth, pred))
    )
    log_totals = [np.log1p(a.sum(axis=(1, 2))) for a in counts]
    assert count_pearson_scorer(model, X, truth) == pytest.approx(pearsonr(*log_totals)[0])
    assert count_pearson_scorer(model, X, truth) == pytest.approx(
        profile_metrics(truth, pred)["count_pearson"]
    )
