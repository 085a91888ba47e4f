"""The one door to Keras: imported lazily, with TensorFlow's start-up noise filtered.

``import skmotif`` must stay fast, so nothing here runs at import time.
TensorFlow 2.21 writes INFO lines from C++ (oneDNN, CPU features, missing
CUDA drivers) straight to file descriptor 2 while it loads, ignoring
``TF_CPP_MIN_LOG_LEVEL``. :func:`import_keras` captures that descriptor while
Keras loads and replays every line except those INFO lines, so real warnings
and errors still reach the user. Set ``TF_CPP_MIN_LOG_LEVEL=0`` to see all.

Each fitted network gets its own traced functions (training steps, the
forward pass), so fitting or predicting with many networks in one session (a
search, models of several lengths) traces the same Python code again and
again; TensorFlow reads that as needless retracing and logs a warning that a
user can do nothing about. :func:`import_keras` filters that one message out
of TensorFlow's logger.

TensorFlow's thread pools follow ``OMP_NUM_THREADS`` when it is set: joblib
workers (``GridSearchCV(n_jobs=2)``) and Dask workers set it to their share
of the cores, so parallel fits do not oversubscribe the CPU.
"""

import contextlib
import logging
import os
import re
import sys
import tempfile

import numpy as np

_NOISE = re.compile(
    rb"^(I\d{4} |WARNING: All log messages before absl::InitializeLog\(\)"
    rb"|To enable the following instructions:)"
)
_CUDA_INIT = re.compile(rb"^E\d{4} .*failed call to cuInit")


def _is_noise(line):
    if _NOISE.match(line):
        return True
    # Without an NVIDIA driver a failed CUDA probe is expected, not an error.
    return bool(_CUDA_INIT.match(line)) and not os.path.exists("/dev/nvidiactl")


@contextlib.contextmanager
def _filtered_stderr():
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no real file descriptor 2 (some notebook hosts)
        yield
        return
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            kept = [line for line in capture if not _is_noise(line)]
            if kept:
                sys.stderr.write(b"".join(kept).decode(errors="replace"))


class _NotRetracing(logging.Filter):
    """Drops TensorFlow's "triggered tf.function retracing" warning (see the module's notes)."""

    def filter(self, record):
        return "triggered tf.function retracing" not in record.getMessage()


def _quiet_retracing():
    logger = logging.getLogger("tensorflow")
    if not any(isinstance(f, _NotRetracing) for f in logger.filters):
        logger.addFilter(_NotRetracing())


def import_keras():
    """Import and return the ``keras`` module (Keras 3).

    Returns
    -------
    module
        ``keras``; TensorFlow is also loaded and its devices initialised.
    """
    if "keras" in sys.modules and "tensorflow" in sys.modules:
        _quiet_retracing()
        return sys.modules["keras"]
    quiet = os.environ.get("TF_CPP_MIN_LOG_LEVEL") != "0"
    with _filtered_stderr() if quiet else contextlib.nullcontext():
        import keras
        import tensorflow as tf

        threads = os.environ.get("OMP_NUM_THREADS", "")
        if threads.isdigit() and int(threads) > 0:
            # joblib (loky) and Dask workers set OMP_NUM_THREADS to their share
            # of the cores; TensorFlow ignores it unless told.
            tf.config.threading.set_intra_op_parallelism_threads(int(threads))
            tf.config.threading.set_inter_op_parallelism_threads(int(threads))
        tf.config.list_logical_devices()  # device start-up logs land here
    _quiet_retracing()
    return keras


def model_to_bytes(model):
    """Serialise a Keras model to the bytes of a ``.keras`` file.

    Parameters
    ----------
    model : keras.Model

    Returns
    -------
    data : bytes
    """
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        model.save(path)
        with open(path, "rb") as file:
            return file.read()


def model_from_bytes(data):
    """Restore a Keras model written by :func:`model_to_bytes`.

    Parameters
    ----------
    data : bytes

    Returns
    -------
    model : keras.Model
    """
    keras = import_keras()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        with open(path, "wb") as file:
            file.write(data)
        return keras.saving.load_model(path)


def input_gradient(function, x):
    """Gradient of a per-sample score with respect to the input, on any Keras backend.

    Parameters
    ----------
    function : callable
        Maps a batch of input, shape (batch, ...), to one score per sample,
        shape (batch,); a sample's score depends on its own input only.
    x : ndarray or tensor of float32, shape (batch, ...)

    Returns
    -------
    gradient : tensor or ndarray of float32, shape of ``x``
        The gradient of the sum of the scores, which per sample is the
        gradient of its own score: a TensorFlow tensor on that backend (so
        the call can run inside a traced function), else an array.
    """
    backend = import_keras().backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        x = tf.convert_to_tensor(x)
        with tf.GradientTape() as tape:
            tape.watch(x)
            total = tf.reduce_sum(function(x))
        return tape.gradient(total, x)
    if backend == "jax":
        import jax

        return np.asarray(jax.grad(lambda v: function(v).sum())(x))
    if backend == "torch":
        import torch

        v = torch.tensor(x, requires_grad=True)
        function(v).sum().backward()
        return v.grad.cpu().numpy()
    raise ValueError(
        f"Gradients need the tensorflow, jax or torch Keras backend; this one is {backend!r}."
    )
