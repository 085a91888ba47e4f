"""Helpers shared by the benchmark scripts (not part of the package)."""

import time

import numpy as np

from skmotif._keras import import_keras


def random_dna(n, length, seed=0, motif="TGTAAATA"):
    """n random DNA sequences; odd-numbered ones carry ``motif`` somewhere.

    Returns
    -------
    X : ndarray of str, shape (n,)
    y : ndarray of int, shape (n,)
    """
    rng = np.random.default_rng(seed)
    letters = np.frombuffer(b"ACGT", dtype=np.uint8)
    codes = letters[rng.integers(0, 4, size=(n, length))]
    y = np.arange(n) % 2
    starts = rng.integers(0, length - len(motif) + 1, size=n)
    for i in np.flatnonzero(y):
        codes[i, starts[i] : starts[i] + len(motif)] = np.frombuffer(motif.encode(), np.uint8)
    return np.array([row.tobytes().decode() for row in codes]), y


class Timer:
    """``with Timer() as t: ...``; then ``t.seconds``."""

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


class EpochTimes:
    """Patches keras.Model.fit to record the wall time of every epoch."""

    def __init__(self):
        keras = import_keras()
        self.epochs = []
        original = keras.Model.fit
        log = self.epochs

        class Clock(keras.callbacks.Callback):
            def on_epoch_begin(self, epoch, logs=None):
                self.start = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                log.append((epoch, time.perf_counter() - self.start))

        def fit(model, *args, callbacks=None, **kwargs):
            return original(model, *args, callbacks=[*(callbacks or []), Clock()], **kwargs)

        keras.Model.fit = fit

    def steady(self):
        """Epoch times so far, first epochs left out; then forget them."""
        times = [seconds for epoch, seconds in self.epochs if epoch > 0]
        self.epochs.clear()
        return times
