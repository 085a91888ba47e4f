"""Running a fitted network on all inputs, batch by batch, in inference mode."""

import numpy as np

from ._keras import import_keras

#: Batch size for prediction; it changes speed, never the result.
PREDICT_BATCH = 1024


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
    """
    return np.concatenate([out for _, out in run_batches(_forward(model), encoded)])


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


def _forward(model):
    """``model(x, training=False)``, traced once per network on TensorFlow.

    The trace takes about 0.05 s, once per fitted model; a traced forward
    pass predicts 100,000 x 200 nt 1.6 times faster than eager calls
    (benchmarks/bench_speed.py). Other Keras backends get the eager call.
    """
    cached = getattr(model, "_skmotif_forward", None)
    if cached is not None:
        return cached
    keras = import_keras()
    if keras.backend.backend() != "tensorflow":
        return lambda x: model(x, training=False)
    import tensorflow as tf

    signature = [tf.TensorSpec([None, *model.input.shape[1:]], tf.float32)]
    model._skmotif_forward = tf.function(
        lambda x: model(x, training=False), input_signature=signature
    )
    return model._skmotif_forward
