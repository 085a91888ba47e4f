"""warm_start: fit continues the fitted network, on the same split, or names what differs."""

import numpy as np
import pytest
from conftest import FAST, planted
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV

from skmotif import ConvMotifClassifier, ConvMotifRegressor

#: Short of convergence: 3 epochs, no early stop, the default learning rate (a fresh Adam at
#: FAST's 0.02 overshoots in the first epoch after a restart).
SHORT = {**FAST, "epochs": 3, "patience_stopping": 100, "patience_lr": 100}
SHORT["learning_rate"] = 0.003


@pytest.fixture(scope="module")
def sequences():
    return planted(400, seed=1)


def test_a_second_fit_continues_where_the_first_ended(sequences):
    X, y = sequences
    warm = ConvMotifClassifier(**SHORT, warm_start=True).fit(X, y)
    first = warm.history_["val_loss"]
    kernel = warm.model_.get_weights()[0].copy()
    warm.fit(X, y)
    second = warm.history_["val_loss"]
    # it starts from the trained weights: its first epoch is below where the first fit began,
    # and at most the first fit's last loss (plus noise: a fresh optimiser)
    assert second[0] < first[0] and second[0] <= first[-1] + 0.02, (first, second)
    assert not np.allclose(warm.model_.get_weights()[0], kernel)
    # two calls of n epochs reach what one call of 2n does
    once = ConvMotifClassifier(**{**SHORT, "epochs": 6}).fit(X, y).history_["val_loss"]
    assert second[-1] == pytest.approx(once[-1], abs=0.1), (second, once)
    assert second[-1] < first[-1]
    # without warm_start the same call starts anew: the first fit again, exactly
    cold = ConvMotifClassifier(**SHORT).fit(X, y)
    cold.fit(X, y)
    np.testing.assert_allclose(cold.history_["val_loss"], first, rtol=1e-5)


def test_the_validation_split_stays_the_same_across_calls(sequences):
    X, y = sequences
    warm = ConvMotifClassifier(**{**SHORT, "epochs": 1, "random_state": None}, warm_start=True)
    splits = [warm.fit(X, y)._seeds_drawn.split for _ in range(3)]
    assert len(set(splits)) == 1
    cold = ConvMotifClassifier(**{**SHORT, "epochs": 1, "random_state": None})
    assert len({cold.fit(X, y)._seeds_drawn.split for _ in range(3)}) == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"y": "relabelled"}, r"its classes differ: \['0', '1'\] before, \['0', '2'\] now"),
        ({"kernel_num": 8}, r"its weights differ: \[\('conv_1/kernel', \(7, 4, 12\)\)\] before"),
        ({"X": "longer"}, r"its input \(length, channels\) differ: \(40, 4\) before, \(50, 4\)"),
    ],
)
def test_what_differs_is_named_before_training_and_nothing_is_lost(sequences, change, message):
    X, y = sequences
    warm = ConvMotifClassifier(**{**SHORT, "epochs": 1}, warm_start=True).fit(X, y)
    weights, history = warm.model_.get_weights(), warm.history_
    if change.get("y"):
        y = np.where(y == 1, 2, y)
    if change.get("X"):
        X = [s + "ACGTACGTAC" for s in X]
    warm.set_params(**{k: v for k, v in change.items() if k not in ("X", "y")})
    with pytest.raises(ValueError, match=message):
        warm.fit(X, y)
    assert warm.history_ is history  # the fitted state is untouched
    for before, now in zip(weights, warm.model_.get_weights(), strict=True):
        np.testing.assert_array_equal(before, now)


def test_clone_and_searches_start_anew(sequences):
    X, y = sequences
    warm = ConvMotifClassifier(**{**SHORT, "epochs": 1}, warm_start=True).fit(X, y)
    copy = clone(warm)
    assert copy.get_params()["warm_start"] and not hasattr(copy, "model_")
    search = GridSearchCV(copy, {"learning_rate": [0.003]}, cv=2).fit(X, y)
    assert search.best_estimator_.warm_start


def test_a_regressor_continues_too(sequences):
    X, y = sequences
    values = y.astype(float) + np.random.RandomState(0).normal(0, 0.1, len(y))
    warm = ConvMotifRegressor(**SHORT, warm_start=True).fit(X, values)
    first = warm.history_["val_loss"]
    warm.fit(X, values)
    assert warm.history_["val_loss"][0] <= first[-1] + 0.02 < first[0]
