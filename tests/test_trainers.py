"""Pooled trainers: a fit on a reused compiled network learns exactly what a new one learns."""

import threading

import numpy as np
import pytest
from conftest import FAST, planted

from skmotif import ConvMotifClassifier, _trainers
from skmotif._network import ARCHITECTURE, build_network, expand_layer_params

SETTINGS = {
    "default": {},
    "augmented": {"reverse_complement": True, "max_shift": 3},
    "bidirectional GRU": {"conv_num": 1, "rnn_type": "GRU"},
    "sample weights": {"class_weight": "balanced"},
}


@pytest.fixture
def empty_pool():
    _trainers._idle.clear()
    yield
    _trainers._idle.clear()


@pytest.mark.parametrize("params", SETTINGS.values(), ids=SETTINGS.keys())
def test_a_pooled_fit_equals_a_fresh_one(params, motif_data, empty_pool):
    X, y, X_test, _ = motif_data
    params = {**FAST, "epochs": 3, **params}
    fresh = ConvMotifClassifier(**params).fit(X, y)
    assert sum(map(len, _trainers._idle.values())) == 1  # its trainer went to the pool
    pooled = ConvMotifClassifier(**params).fit(X, y)
    assert sum(map(len, _trainers._idle.values())) == 1  # ... and was reused
    np.testing.assert_array_equal(pooled.predict_proba(X_test), fresh.predict_proba(X_test))
    assert pooled.history_ == fresh.history_


def test_the_estimator_keeps_its_own_network(motif_data, empty_pool):
    X, y, X_test, _ = motif_data
    first = ConvMotifClassifier(**FAST).fit(X, y)
    before = first.predict_proba(X_test)
    ConvMotifClassifier(**{**FAST, "random_state": 5}).fit(X, 1 - y)  # same architecture
    np.testing.assert_array_equal(first.predict_proba(X_test), before)
    assert getattr(first.model_, "optimizer", None) is None  # the trainer's stays in the pool


def test_a_new_learning_rate_reuses_the_trainer_and_applies(motif_data, empty_pool):
    X, y, _, _ = motif_data
    ConvMotifClassifier(**FAST).fit(X, y)
    slow = ConvMotifClassifier(**{**FAST, "learning_rate": 1e-4, "patience_lr": 100}).fit(X, y)
    assert slow.history_["learning_rate"][0] == pytest.approx(1e-4)
    assert len(_trainers._idle) == 1


def test_concurrent_fits_get_their_own_trainers(empty_pool):
    """Threads (a Dask worker, joblib's threading backend) fit the same architecture at once."""
    X, y = planted(300, seed=3)
    params = {**FAST, "epochs": 2}
    params.pop("random_state")
    alone = [
        ConvMotifClassifier(**params, random_state=s).fit(X, y).predict_proba(X) for s in (1, 2)
    ]
    together = [None, None]

    def fit(i):
        together[i] = ConvMotifClassifier(**params, random_state=i + 1).fit(X, y).predict_proba(X)

    threads = [threading.Thread(target=fit, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for a, b in zip(alone, together, strict=True):
        np.testing.assert_array_equal(a, b)


def test_the_pool_is_bounded(empty_pool):
    X, y = planted(120, seed=4)
    for kernel_num in range(2, 4 + _trainers.MAX_IDLE):
        ConvMotifClassifier(**{**FAST, "epochs": 1, "kernel_num": kernel_num}).fit(X, y)
    assert sum(map(len, _trainers._idle.values())) == _trainers.MAX_IDLE


def test_architecture_names_every_parameter_the_network_reads_but_the_learning_rate():
    """The pool's key: a parameter build_network reads and ARCHITECTURE misses would let
    two different networks share a trainer."""
    read = set()

    class Recording(dict):
        def __getitem__(self, name):
            read.add(name)
            return super().__getitem__(name)

    for extra in ({}, {"rnn_type": "LSTM", "dense_num": 2}):
        spec = expand_layer_params(ConvMotifClassifier(conv_num=2, **extra).get_params())
        build_network(Recording(spec), (200, 4), 2, False, seed=0)
    assert read - {"learning_rate"} == set(ARCHITECTURE)
