"""A fit whose loss becomes NaN or infinite stops with a clear error, and poisons nothing.

A diverged fit raises a ValueError that names the likely causes, leaves the estimator as it
was, drops its pooled trainer, and a later fit of the same architecture learns exactly what a
fit in a fresh process learns. Searches give the failing candidate ``error_score``.
"""

import hashlib
import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from conftest import FAST, planted
from sklearn.exceptions import FitFailedWarning
from sklearn.model_selection import GridSearchCV

from skmotif import ConvMotifClassifier
from skmotif._network import train as _train

TESTS = Path(__file__).resolve().parent
CLEAN = {**FAST, "epochs": 3}


def digest(model, X):
    return hashlib.sha256(model.predict_proba(X).tobytes()).hexdigest()


@pytest.fixture
def empty_pool():
    _train._idle.clear()
    yield
    _train._idle.clear()


@pytest.mark.parametrize(
    ("change", "fit_kwargs", "cause"),
    [
        ({"learning_rate": 1e30}, {}, "learning_rate=1e\\+30 too high"),
        ({}, {"sample_weight": np.full(200, 1e38)}, "the largest weight is 1e\\+38"),
    ],
    ids=["learning-rate", "sample-weight"],
)
def test_a_diverged_fit_raises_and_leaves_the_estimator_as_it_was(change, fit_kwargs, cause):
    X, y = planted(200, seed=1)
    model = ConvMotifClassifier(**CLEAN).fit(X, y)
    before = model.predict_proba(X)
    state = {name: value for name, value in vars(model).items() if name != "model_"}
    network = model.model_
    model.set_params(**change)
    with pytest.raises(ValueError, match=f"Training diverged: the training loss became .*{cause}"):
        model.fit(X, y, **fit_kwargs)
    assert model.model_ is network and vars(model).keys() == {**state, "model_": 0}.keys()
    assert model.history_ == state["history_"]
    np.testing.assert_array_equal(model.predict_proba(X), before)


def test_a_diverged_first_fit_leaves_the_estimator_unfitted():
    _, y = planted(100, seed=1)
    scale = np.random.default_rng(0).normal(size=(100, 40, 4)).astype(np.float32) * 1e20
    model = ConvMotifClassifier(**CLEAN)
    with pytest.raises(
        ValueError, match="numeric input on a large scale \\(the largest \\|X\\| is"
    ):
        model.fit(scale, y)
    assert not [name for name in vars(model) if name.endswith("_")]


def test_a_diverged_fit_drops_its_trainer(empty_pool):
    X, y = planted(100, seed=1)
    with pytest.raises(ValueError, match="diverged"):
        ConvMotifClassifier(**{**CLEAN, "learning_rate": 1e30}).fit(X, y)
    assert not _train._idle


def test_a_poisoned_pooled_trainer_is_reset_to_exact_zeros(empty_pool):
    """NaN in a pooled trainer's optimizer (as a diverged fit left it before) reaches no fit."""
    X, y = planted(200, seed=1)
    fresh = ConvMotifClassifier(**CLEAN).fit(X, y)
    (trainer,) = [t for trainers in _train._idle.values() for t in trainers]
    for variable in trainer.optimizer.variables:
        if "float" in str(variable.dtype):
            variable.assign(np.full(variable.shape, np.nan, variable.dtype))
    again = ConvMotifClassifier(**CLEAN).fit(X, y)
    assert sum(map(len, _train._idle.values())) == 1  # the poisoned trainer was reused
    np.testing.assert_array_equal(again.predict_proba(X), fresh.predict_proba(X))
    assert again.history_ == fresh.history_


@pytest.mark.slow
def test_a_clean_fit_after_a_diverged_one_equals_a_fit_in_a_fresh_process(empty_pool):
    code = (
        "import hashlib, sys\n"
        f"sys.path.insert(0, {str(TESTS)!r})\n"
        "from conftest import planted\n"
        "from test_divergence import CLEAN, digest\n"
        "from skmotif import ConvMotifClassifier\n"
        "X, y = planted(200, seed=1)\n"
        "print(digest(ConvMotifClassifier(**CLEAN).fit(X, y), X))\n"
    )
    import tensorflow as tf

    # The same TensorFlow threads as this process (Dask's import sets OMP_NUM_THREADS here).
    threads = tf.config.threading.get_intra_op_parallelism_threads()
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    if threads:
        env["OMP_NUM_THREADS"] = str(threads)
    fresh = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.split()[-1]
    X, y = planted(200, seed=1)
    with pytest.raises(ValueError, match="diverged"):
        ConvMotifClassifier(**{**CLEAN, "learning_rate": 1e30}).fit(X, y)
    assert digest(ConvMotifClassifier(**CLEAN).fit(X, y), X) == fresh


def test_a_search_scores_the_diverged_candidate_with_error_score(empty_pool):
    X, y = planted(240, seed=2)
    results = {}
    for order in [(1e30, 0.02), (0.02, 1e30)]:
        grid = {"learning_rate": list(order)}
        search = GridSearchCV(ConvMotifClassifier(**CLEAN), grid, cv=2, error_score=np.nan)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FitFailedWarning)
            warnings.simplefilter("ignore", UserWarning)  # scikit-learn's note on failed fits
            search.fit(X, y)
        assert search.best_params_ == {"learning_rate": 0.02}
        results[order] = dict(zip(order, search.cv_results_["mean_test_score"], strict=True))
    for scores in results.values():
        assert np.isnan(scores[1e30]) and scores[0.02] > 0.7  # 0.80 here
    first, second = (scores[0.02] for scores in results.values())
    assert first == second  # the good candidate scores the same in either order
