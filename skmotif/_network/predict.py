"""Running a fitted network on all inputs, batch by batch, in inference mode."""

import threading

import numpy as np

from .keras_setup import import_keras

#: Batch size for prediction; it changes speed, never the result.
PREDICT_BATCH = 1024
#: Most values of one layer's output per prediction batch (128 MB of float32): networks that
#: keep many positions and channels (a profile model's 2,114 x 64) predict in smaller batches.
ACTIVATION_BUDGET = 2**25


def batch_for(model):
    """The prediction batch of a network: :data:`PREDICT_BATCH`, or fewer samples where one
    layer's output would exceed :data:`ACTIVATION_BUDGET` values.

    Parameters
    ----------
    model : keras.Model

    Returns
    -------
    int
    """
    widest = max(
        (int(np.prod(layer.output.shape[1:])) for layer in model.layers if layer.output.shape),
        default=1,
    )
    return int(np.clip(ACTIVATION_BUDGET // max(widest, 1), 1, PREDICT_BATCH))


def run_batches(function, encoded, batch_size=PREDICT_BATCH):
    """Apply a network (or part of one) to all inputs, batch by batch.

    Parameters
    ----------
    function : callable
        A Keras model or layer, or a function of one batch of network input.
    encoded : EncodedInput
    batch_size : int, default=PREDICT_BATCH

    Yields
    ------
    start : int
        Index of the batch's first sample.
    outputs : ndarray of float32
        ``function`` of the batch, as NumPy.
    """
    keras = import_keras()
    for start, batch in encoded.batches(batch_size):
        yield start, keras.ops.convert_to_numpy(function(batch))


def predict(model, encoded):
    """Network outputs for all inputs.

    Parameters
    ----------
    model : keras.Model
    encoded : EncodedInput

    Returns
    -------
    outputs : ndarray of float32, shape (n_samples, n_outputs)
        Computed :func:`batch_for` samples at a time.
    """
    forward = traced(model, "forward", lambda: lambda x: model(x, training=False))
    batches = run_batches(forward, encoded, batch_for(model))
    return np.concatenate([out for _, out in batches])


def strand_mean(function, encoded, average):
    """A function of the input, averaged over both strands when ``average`` is set.

    The one rule behind ``average_strands``: prediction and variant effects
    both call it.

    Parameters
    ----------
    function : callable
        ``function(encoded, strand)`` with strand ``"+"`` for the input as
        given and ``"-"`` for its reverse complement; returns an array.
    encoded : EncodedInput
    average : bool

    Returns
    -------
    value : ndarray
        ``function(encoded, "+")``, or its mean with the opposite strand's.
    """
    value = function(encoded, "+")
    if average:
        value = (value + function(encoded.reverse_complement(), "-")) / 2
    return value


_TRACING = threading.Lock()


def traced(model, name, make, *extra_inputs):
    """A function of network input, made and traced once per network and name.

    A traced pass runs 1.6 times faster than eager calls (prediction of
    100,000 x 200 nt, benchmarks/bench_speed.py); the trace takes about
    0.05 s, once per fitted network and name (it is kept on the Keras model
    and shared by threads). Other Keras backends get the function untraced.

    Parameters
    ----------
    model : keras.Model
        The network whose input ``function`` takes.
    name : str
        What the function computes (one trace per name and model).
    make : callable
        ``make()`` returns the function, called only when ``name`` has no
        trace yet; the function maps a batch of network input, shape
        (batch, length, channels), and the ``extra_inputs`` to tensors.
        It may raise (e.g. for a network it has no rule for); nothing is
        kept then.
    *extra_inputs : {"input", "index"}
        Further inputs: ``"input"``, another batch of network input (any
        number of rows); ``"index"``, a scalar int32 (an output unit).

    Returns
    -------
    callable
    """
    attribute = f"_skmotif_traced_{name}"
    cached = getattr(model, attribute, None)
    if cached is not None:
        return cached
    if import_keras().backend.backend() != "tensorflow":
        return make()
    import tensorflow as tf

    with _TRACING:  # one tf.function per name, even when threads ask at once
        cached = getattr(model, attribute, None)
        if cached is None:
            function = make()
            batch = tf.TensorSpec([None, *model.input.shape[1:]], tf.float32)
            kinds = {"input": batch, "index": tf.TensorSpec([], tf.int32)}
            signature = [batch, *(kinds[kind] for kind in extra_inputs)]
            cached = tf.function(function, input_signature=signature)
            setattr(model, attribute, cached)
    return cached
