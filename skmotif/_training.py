"""Running a network: batched input pipelines, the training loop and prediction.

Inputs are either uint8 symbol codes, one-hot encoded batch by batch inside
the pipeline (``n_symbols`` channels; code ``n_symbols`` becomes all zeros),
or float32 arrays used as they are (``n_symbols=None``).
"""

import numpy as np

from ._keras import import_keras
from .encoding import one_hot

#: Batch size for prediction; it changes speed, never the result.
PREDICT_BATCH = 1024


def make_dataset(inputs, n_symbols, batch_size, targets=None, weights=None, seed=None):
    """A ``tf.data`` pipeline that gathers, one-hot encodes and batches samples.

    Parameters
    ----------
    inputs : ndarray, shape (n_samples, length) uint8 or (n_samples, length, channels) float32
        Symbol codes or numeric input.
    n_symbols : int or None
        Alphabet size for codes; None for numeric input.
    batch_size : int
        Samples per batch (the last batch may be smaller).
    targets : ndarray of float32, shape (n_samples, n_outputs), optional
        One-hot classes or label indicators.
    weights : ndarray of float32, shape (n_samples,), optional
        Per-sample loss weights.
    seed : int, optional
        Shuffle the samples anew every epoch with this seed; None keeps order.

    Returns
    -------
    dataset : tf.data.Dataset
        Yields ``x`` or ``(x, targets[, weights])`` batches.
    """
    import_keras()
    import tensorflow as tf

    tensors = [tf.constant(inputs)]
    tensors += [tf.constant(a) for a in (targets, weights) if a is not None]
    order = tf.data.Dataset.range(len(inputs))
    if seed is not None:
        order = order.shuffle(len(inputs), seed=seed, reshuffle_each_iteration=True)

    def gather(index):
        batch = [tf.gather(t, index) for t in tensors]
        if n_symbols is not None:
            batch[0] = tf.one_hot(tf.cast(batch[0], tf.int32), n_symbols)
        return batch[0] if len(batch) == 1 else tuple(batch)

    batches = order.batch(batch_size).map(gather, num_parallel_calls=tf.data.AUTOTUNE)
    return batches.prefetch(tf.data.AUTOTUNE)


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
    """
    keras = import_keras()
    monitor = "loss" if validation_data is None else "val_loss"
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
        callbacks=[reduce_lr, stopping, *(callbacks or [])],
        verbose={0: 0, 1: 2}.get(verbose, 1),
        shuffle=False,
    )
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


def predict(model, inputs, n_symbols):
    """Network outputs for all inputs, in eager batches.

    Eager calls avoid tracing a new ``tf.function`` for every fitted model
    (a grid search fits many), and cost no more than ``model.predict`` on
    large inputs.

    Parameters
    ----------
    model : keras.Model
    inputs : ndarray, shape (n_samples, length) uint8 or (n_samples, length, channels) float32
    n_symbols : int or None

    Returns
    -------
    outputs : ndarray of float32, shape (n_samples, n_outputs)
    """
    keras = import_keras()
    outputs = []
    for start in range(0, len(inputs), PREDICT_BATCH):
        batch = inputs[start : start + PREDICT_BATCH]
        if n_symbols is not None:
            batch = one_hot(batch, n_symbols)
        outputs.append(keras.ops.convert_to_numpy(model(batch, training=False)))
    return np.concatenate(outputs)
