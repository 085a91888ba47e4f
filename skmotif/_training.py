"""Running a network: batched input pipelines, the training loop and prediction.

Inputs are :class:`~skmotif.encoding.EncodedInput`: symbol codes are one-hot
encoded batch by batch (inside the ``tf.data`` pipeline when training, by
:meth:`EncodedInput.batches` otherwise), numeric input is used as it is.
"""

import numpy as np

from ._keras import import_keras

#: Batch size for prediction; it changes speed, never the result.
PREDICT_BATCH = 1024


class Diverged(Exception):
    """The monitored loss became NaN or infinite; training stopped.

    Attributes
    ----------
    loss : str
        ``"training loss"`` or ``"validation loss"``.
    value : float
        The non-finite value.
    epoch : int
        0-based epoch in which it was seen.
    """

    def __init__(self, loss, value, epoch):
        super().__init__(f"the {loss} became {value} in epoch {epoch + 1}")
        self.loss, self.value, self.epoch = loss, value, epoch


def _divergence_check(keras):
    """A callback that stops training as soon as a reported loss is not finite."""

    class StopOnNonFinite(keras.callbacks.Callback):
        diverged = None

        def _check(self, logs, epoch):
            for key, name in (("loss", "training loss"), ("val_loss", "validation loss")):
                value = (logs or {}).get(key)
                if value is not None and not np.isfinite(value):
                    self.diverged = Diverged(name, float(value), epoch)
                    self.model.stop_training = True
                    return

        def on_epoch_begin(self, epoch, logs=None):
            self.epoch = epoch

        def on_train_batch_end(self, batch, logs=None):
            if self.diverged is None:
                self._check(logs, self.epoch)

        def on_epoch_end(self, epoch, logs=None):
            if self.diverged is None:
                self._check(logs, epoch)

    return StopOnNonFinite()


def make_dataset(encoded, targets, weights, batch_size, seed=None, complement=None, max_shift=0):
    """A ``tf.data`` pipeline that gathers, augments, one-hot encodes and batches samples.

    Parameters
    ----------
    encoded : EncodedInput
    targets : ndarray of float32, shape (n_samples, n_outputs)
        One-hot classes or label indicators.
    weights : ndarray of float32, shape (n_samples,), or None
        Per-sample loss weights.
    batch_size : int
        Samples per batch (the last batch may be smaller).
    seed : int, optional
        Shuffle the samples anew every epoch with this seed, and seed the
        augmentation; None keeps order (and needs no augmentation).
    complement : ndarray of int, shape (n_symbols + 1,), optional
        :meth:`Alphabet.complement` of symbol codes: each sequence is then
        read on a random strand, drawn anew each epoch (reverse complemented
        as :meth:`EncodedInput.reverse_complement` does).
    max_shift : int, default=0
        Shift each sequence by a random number of positions in
        ``[-max_shift, max_shift]``, drawn anew each epoch; positions
        shifted in read as unknown symbols.

    Returns
    -------
    dataset : tf.data.Dataset
        Yields ``(x, targets[, weights])`` batches.
    """
    import_keras()
    import tensorflow as tf

    tensors = [tf.constant(a) for a in (encoded.values, targets, weights) if a is not None]
    order = tf.data.Dataset.range(len(encoded))
    if seed is not None:
        order = order.shuffle(len(encoded), seed=seed, reshuffle_each_iteration=True)
    batches = order.batch(batch_size)
    augments = complement is not None or max_shift > 0
    if augments:  # two stateless seeds per batch, new ones each epoch
        draws = tf.data.Dataset.random(seed=seed, rerandomize_each_iteration=True).batch(4)
        batches = tf.data.Dataset.zip(batches, draws)
    n_symbols = encoded.alphabet.size if encoded.is_codes else None

    def gather(index, draws=None):
        batch = [tf.gather(t, index) for t in tensors]
        if augments:
            batch[0] = _augment(tf, batch[0], draws, n_symbols, complement, max_shift)
        if n_symbols is not None:
            batch[0] = tf.one_hot(tf.cast(batch[0], tf.int32), n_symbols)
        return tuple(batch)

    # Without tf.data's autotuner (AUTOTUNE keeps TensorFlow's starting values): its
    # periodic work took 4-9% of an epoch on 2 cores (alternating fits, same val_loss).
    options = tf.data.Options()
    options.autotune.enabled = False
    dataset = batches.map(gather, num_parallel_calls=tf.data.AUTOTUNE)
    return dataset.prefetch(tf.data.AUTOTUNE).with_options(options)


def _augment(tf, codes, draws, n_symbols, complement, max_shift):
    """A batch of symbol codes on random strands and with random shifts.

    Parameters
    ----------
    codes : tf.Tensor of uint8, shape (batch, length)
    draws : tf.Tensor of int64, shape (4,)
        Two stateless seeds.
    n_symbols : int
        The code of unknown symbols and padding.
    complement : ndarray of int or None
    max_shift : int

    Returns
    -------
    tf.Tensor of int32, shape (batch, length)
    """
    codes = tf.cast(codes, tf.int32)
    rows, length = tf.shape(codes)[0], tf.shape(codes)[1]
    seeds = tf.reshape(draws, (2, 2))
    if complement is not None:
        flip = tf.random.stateless_uniform([rows], seeds[0]) < 0.5
        known = tf.cast(codes != n_symbols, tf.int32)
        ends = length - tf.argmax(tf.reverse(known, [1]), axis=1, output_type=tf.int32)
        flipped = tf.reverse_sequence(codes, ends, seq_axis=1, batch_axis=0)
        flipped = tf.gather(tf.constant(complement, tf.int32), flipped)
        codes = tf.where(flip[:, None], flipped, codes)
    if max_shift > 0:
        shift = tf.random.stateless_uniform(
            [rows], seeds[1], minval=-max_shift, maxval=max_shift + 1, dtype=tf.int32
        )
        source = tf.range(length)[None] - shift[:, None]
        inside = (source >= 0) & (source < length)
        moved = tf.gather(codes, tf.clip_by_value(source, 0, length - 1), batch_dims=1)
        codes = tf.where(inside, moved, n_symbols)
    return codes


def train(
    model,
    train_data,
    validation_data,
    *,
    epochs,
    patience_lr,
    patience_stopping,
    verbose,
    callbacks=None,
):
    """Fit with early stopping and learning-rate halving on the validation loss.

    Parameters
    ----------
    model : keras.Model
        A compiled model.
    train_data, validation_data : tf.data.Dataset
        From :func:`make_dataset`; without validation data the training loss
        is monitored instead.
    epochs, patience_lr, patience_stopping : int
        At most ``epochs`` epochs; the learning rate is halved after
        ``patience_lr`` epochs without improvement and training stops after
        ``patience_stopping``, restoring the best weights.
    verbose : int
        0 silent, 1 one line per epoch, 2 a progress bar.
    callbacks : list of keras.callbacks.Callback, optional
        Run after the fixed ones (learning-rate halving, early stopping).

    Returns
    -------
    history : dict of str to list of float
        Per-epoch ``loss``, ``val_loss`` (with validation data) and
        ``learning_rate``.
    best_epoch : int
        0-based index of the epoch whose weights the model keeps.

    Raises
    ------
    Diverged
        As soon as the training or validation loss is NaN or infinite (checked
        after every call into TensorFlow, i.e. every ``STEPS_PER_CALL`` steps,
        and every epoch); the model's weights are then not usable.
    """
    keras = import_keras()
    monitor = "loss" if validation_data is None else "val_loss"
    divergence = _divergence_check(keras)
    reduce_lr = keras.callbacks.ReduceLROnPlateau(
        monitor, factor=0.5, patience=patience_lr, min_delta=0.0
    )
    stopping = keras.callbacks.EarlyStopping(
        monitor, patience=patience_stopping, restore_best_weights=True
    )
    result = model.fit(
        train_data,
        validation_data=validation_data,
        epochs=epochs,
        callbacks=[divergence, reduce_lr, stopping, *(callbacks or [])],
        verbose={0: 0, 1: 2}.get(verbose, 1),
        shuffle=False,
    )
    if divergence.diverged is not None:
        raise divergence.diverged
    history = {key: [float(v) for v in values] for key, values in result.history.items()}
    return history, int(stopping.best_epoch)


def constant_loss(fit_targets, fit_weights, targets, weights, multilabel):
    """Loss of always predicting the (weighted) class or label frequencies of the fit data.

    Parameters
    ----------
    fit_targets : ndarray of float32, shape (n_fit, n_outputs)
        One-hot classes or label indicators the frequencies come from.
    fit_weights : ndarray of float32, shape (n_fit,), or None
    targets : ndarray of float32, shape (n_samples, n_outputs)
        The monitored data (validation data, else the training data).
    weights : ndarray of float32, shape (n_samples,), or None
    multilabel : bool
        Binary cross-entropy averaged over labels if True, else categorical
        cross-entropy.

    Returns
    -------
    loss : float
        The loss as Keras reports it: the weighted sum of per-sample losses
        divided by the number of samples.

    Notes
    -----
    With frequencies :math:`q_c = \\sum_i w_i t_{ic} / \\sum_i w_i` of the fit
    data, the per-sample loss is :math:`-\\sum_c t_c \\log q_c` (single-label)
    or :math:`-\\frac{1}{C}\\sum_c [t_c \\log q_c + (1 - t_c) \\log (1 - q_c)]`
    (multi-label), with :math:`q` clipped to :math:`[10^{-7}, 1 - 10^{-7}]`
    as Keras does.
    """
    q = np.average(fit_targets, axis=0, weights=fit_weights)
    q = np.clip(q, 1e-7, 1 - 1e-7)
    if multilabel:
        per_sample = -(targets * np.log(q) + (1 - targets) * np.log(1 - q)).mean(axis=1)
    else:
        per_sample = -(targets * np.log(q)).sum(axis=1)
    if weights is not None:
        per_sample = per_sample * weights
    return float(per_sample.mean())


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
