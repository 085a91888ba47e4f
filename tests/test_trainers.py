"""Pooled trainers: a fit on a reused compiled network learns exactly what a new one learns."""

import threading

import numpy as np
import pytest
from conftest import FAST, planted

from skmotif import ConvMotifClassifier
from skmotif._network import train as _train
from skmotif._network.description import Head, describe

SETTINGS = {
    "default": {},
    "augmented": {"reverse_complement": True, "max_shift": 3},
    "bidirectional GRU": {"conv_num": 1, "rnn_type": "GRU"},
    "sample weights": {"class_weight": "balanced"},
}


@pytest.fixture
def empty_pool():
    _train._idle.clear()
    yield
    _train._idle.clear()


@pytest.mark.parametrize("params", SETTINGS.values(), ids=SETTINGS.keys())
def test_a_pooled_fit_equals_a_fresh_one(params, motif_data, empty_pool):
    X, y, X_test, _ = motif_data
    params = {**FAST, "epochs": 3, **params}
    fresh = ConvMotifClassifier(**params).fit(X, y)
    assert sum(map(len, _train._idle.values())) == 1  # its trainer went to the pool
    pooled = ConvMotifClassifier(**params).fit(X, y)
    assert sum(map(len, _train._idle.values())) == 1  # ... and was reused
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
    assert len(_train._idle) == 1


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
    for kernel_num in range(2, 4 + _train.MAX_IDLE):
        ConvMotifClassifier(**{**FAST, "epochs": 1, "kernel_num": kernel_num}).fit(X, y)
    assert sum(map(len, _train._idle.values())) == _train.MAX_IDLE


def test_the_pools_key_is_the_description_the_network_is_built_from():
    """Two fits share a trainer only when their architectures are equal: any parameter
    that shapes the network changes the description; training settings do not."""

    def arch(**params):
        spec = ConvMotifClassifier(**{"conv_num": 2, **params})._layer_spec()
        return describe(spec, (200, 4), Head("softmax", 2))

    base = arch()
    shaping = [
        {"conv_num": 1},
        {"kernel_num": 8},
        {"kernel_len": 9},
        {"pool_size": 3},
        {"pool_stride": 3},
        {"dropout_conv": 0.2},
        {"dense_num": 2},
        {"neuron_num": 50},
        {"dropout_dense": 0.5},
        {"dropout_input": 0.1},
        {"global_skip": False},
        {"global_skip": "first"},
        {"first_activation": "exponential"},
        {"kernel_constraint": None},
        {"rnn_type": "LSTM"},
    ]
    for change in shaping:
        assert arch(**change) != base, change
    for change in ({"learning_rate": 0.1}, {"epochs": 3}, {"batch_size": 7}, {"rnn_units": 9}):
        assert arch(**change) == base, change  # rnn_units: no recurrent layer to shape
    assert arch(rnn_type="GRU", rnn_units=9) != arch(rnn_type="GRU")
    assert len({base, arch(), arch(learning_rate=0.5)}) == 1  # hashable, as a dict key
