"""Helpers shared by the benchmark scripts (not part of the package)."""

import os
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's start-up INFO lines


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


def epoch_clock():
    """A Keras callback that records the wall time of every epoch.

    Pass it to the estimator (``ConvMotifClassifier(callbacks=[clock])``) or
    to ``keras.Model.fit``; ``clock.steady()`` returns the epoch times so far
    without each fit's first epoch (it traces the graph), then forgets them.
    """
    import keras

    class EpochClock(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.epochs = []

        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.epochs.append((epoch, time.perf_counter() - self.start))

        def steady(self):
            times = [seconds for epoch, seconds in self.epochs if epoch > 0]
            self.epochs.clear()
            return times

    return EpochClock()
