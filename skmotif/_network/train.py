"""Training a network: input pipelines, pooled compiled copies, the loop and its checks.

:func:`fit_network` is the one way in: it takes a built network, the data and
the :class:`Settings`, and returns the history and the best epoch. The fixed
callbacks (divergence check, learning-rate halving, early stopping) are set
in :func:`run_epochs`. Inputs are :class:`~skmotif.encoding.EncodedInput`:
symbol codes are one-hot encoded batch by batch inside the ``tf.data``
pipeline, numeric input is used as it is.

Compiled copies ("trainers") are kept between fits of one architecture, so
that each traces once: most of a small fit's time goes into tracing the
training and validation steps, and a grid search fits the same architecture
for every fold. A fit trains a trainer (:func:`~skmotif._network.build.build_trainer`)
from a small pool, into which the freshly built network's state (initial
weights, dropout seed states) is copied and whose optimizer is reset; the
trained state is then copied back. Training from the same state with the
same steps, a fit on a pooled trainer learns exactly what a fit on a new
network learns. A fit with no trainer of its architecture in the pool builds
one (0.03-0.05 s for the default network, against seconds of tracing saved by
every later fit that reuses it).
"""

import threading
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from .build import build_trainer
from .keras_setup import import_keras
from .predict import PREDICT_BATCH, predict


@dataclass(frozen=True, eq=False)
class Settings:
    """How a network is trained: the estimator parameters the training loop reads.

    Attributes
    ----------
    learning_rate : float
        Adam's initial learning rate.
    batch_size : int
    epochs, patience_lr, patience_stopping : int
        At most ``epochs`` epochs; the learning rate is halved after
        ``patience_lr`` epochs without improvement and training stops after
        ``patience_stopping``, restoring the best weights.
    verbose : int
        0 silent, 1 one line per epoch, 2 a progress bar.
    callbacks : list of keras.callbacks.Callback or None
        Run after the fixed ones.
    complement : ndarray of int or None
        Symbol-code complement: each training sequence is read on a random
        strand when given.
    max_shift : int
        Random shifts of up to this many positions.
    crop_length : int
        Read each training sequence at a random window of this many
        positions (0: as it is).
    """

    learning_rate: float
    batch_size: int
    epochs: int
    patience_lr: int
    patience_stopping: int
    verbose: int
    callbacks: list | None = None
    complement: np.ndarray | None = None
    max_shift: int = 0
    crop_length: int = 0


@dataclass(frozen=True)
class Seeds:
    """The three seeds of a fit, drawn in this order from ``random_state``."""

    split: int
    network: int
    data: int

    @classmethod
    def draw(cls, random_state):
        """Seeds from a :class:`numpy.random.RandomState` (``check_random_state``)."""
        return cls(*(int(s) for s in random_state.randint(0, 2**31 - 1, size=3)))


def fit_network(network, train, validation, settings, seed):
    """Train a built network with early stopping on the validation loss.

    Parameters
    ----------
    network : Network
        From :func:`~skmotif._network.build.build_network`; it receives the trained
        state (the best epoch's weights) when training ends without an error.
    train, validation : tuple (EncodedInput, targets, weights)
        Targets as :meth:`Head.encode` gives them, shape (n, n_outputs);
        weights of shape (n,) or None. Without validation data (None) the
        training loss is monitored instead.
    settings : Settings
    seed : int
        Seeds the order of the training samples (reshuffled every epoch) and
        the augmentation.

    Returns
    -------
    history : dict of str to list of float
        Per-epoch ``loss``, ``val_loss`` (with validation data) and
        ``learning_rate``.
    best_epoch : int
        0-based index of the epoch whose weights the network keeps.

    Raises
    ------
    Diverged
        When the training or validation loss became NaN or infinite; the
        network then keeps its initial state.
    """
    train_data = make_dataset(
        *train,
        settings.batch_size,
        seed=seed,
        complement=settings.complement,
        max_shift=settings.max_shift,
        crop_length=settings.crop_length,
    )
    validation_data = None if validation is None else make_dataset(*validation, PREDICT_BATCH)
    return fit_datasets(network, train_data, validation_data, settings)


def fit_datasets(network, train_data, validation_data, settings):
    """Train a built network on ``tf.data`` pipelines (:func:`fit_network` makes them from
    arrays; a head with targets of its own layout makes its own).

    Parameters
    ----------
    network : Network
    train_data, validation_data : tf.data.Dataset
        Batches of (x, targets[, weights]); validation_data may be None.
    settings : Settings

    Returns
    -------
    history, best_epoch
        As :func:`fit_network`.
    """
    with training_copy(network.model, network.arch, settings.learning_rate) as trainer:
        return run_epochs(trainer, train_data, validation_data, settings)


def not_learned(network, history, best_epoch, train, validation, margin):
    """The best monitored loss and the baseline's, when the fit did not clearly beat it.

    The baseline always predicts the fit data's mean target
    (:meth:`Head.baseline_loss`). A fit counts as learned when its best
    loss is more than ``margin`` below the baseline's and, per sample on the
    monitored data, the network's loss is below the baseline's by more than
    two standard errors of the (weighted) differences: on a small validation
    set a network that learned nothing often beats the baseline by chance.

    Parameters
    ----------
    network : Network
        The fitted network (with the best epoch's weights).
    history : dict
    best_epoch : int
    train, validation : tuple (EncodedInput, targets, weights)
        As :func:`fit_network` took them; validation may be None.
    margin : float
        Share below the baseline's loss that counts as learned (0.01: 1%).

    Returns
    -------
    (best, baseline, data, n) or None
        ``data`` is ``"training"`` or ``"validation"``; ``n`` the number of
        monitored samples when the best loss is clearly below the baseline's
        but its per-sample gain is within two standard errors (else None);
        None when the fit learned.
    """
    head = network.arch.head
    monitored, key = (train, "loss") if validation is None else (validation, "val_loss")
    encoded, targets, weights = monitored
    baseline = head.baseline_loss(train[1], train[2], targets, weights)
    best = history[key][best_epoch]
    outputs = predict(network.model, encoded)
    fitted = head.per_sample(head.sample_losses(targets, outputs), targets)
    constant = head.per_sample(head.sample_losses(targets, head.mean_target(*train[1:])), targets)
    gain = (constant - fitted) * (1.0 if weights is None else weights)
    clear = gain.mean() > 2 * gain.std() / np.sqrt(max(len(gain) - 1, 1))
    below = best < (1 - margin) * baseline
    if below and clear:
        return None
    return (
        best,
        baseline,
        "training" if validation is None else "validation",
        (len(gain) if below else None),
    )


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


def run_epochs(model, train_data, validation_data, settings):
    """Fit with early stopping and learning-rate halving on the validation loss.

    Parameters
    ----------
    model : keras.Model
        A compiled model.
    train_data, validation_data : tf.data.Dataset
        From :func:`make_dataset`; without validation data the training loss
        is monitored instead.
    settings : Settings
        ``epochs``, the patiences, ``verbose`` and the user's ``callbacks``
        (run after the fixed ones: divergence check, learning-rate halving,
        early stopping).

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
        monitor, factor=0.5, patience=settings.patience_lr, min_delta=0.0
    )
    stopping = keras.callbacks.EarlyStopping(
        monitor, patience=settings.patience_stopping, restore_best_weights=True
    )
    result = model.fit(
        train_data,
        validation_data=validation_data,
        epochs=settings.epochs,
        callbacks=[divergence, reduce_lr, stopping, *(settings.callbacks or [])],
        verbose={0: 0, 1: 2}.get(settings.verbose, 1),
        shuffle=False,
    )
    if divergence.diverged is not None:
        raise divergence.diverged
    history = {key: [float(v) for v in values] for key, values in result.history.items()}
    return history, int(stopping.best_epoch)


def make_dataset(
    encoded,
    targets,
    weights,
    batch_size,
    seed=None,
    complement=None,
    max_shift=0,
    crop_length=0,
):
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
    crop_length : int, default=0
        Read each sequence at a random window of this many positions, drawn
        anew each epoch among the windows that end within its known symbols
        (after the strand is drawn, before the shift); 0 reads it whole.

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
    augments = complement is not None or max_shift > 0 or crop_length > 0
    if augments:  # two stateless seeds per batch (three with crops), new ones each epoch
        n_draws = 6 if crop_length else 4
        draws = tf.data.Dataset.random(seed=seed, rerandomize_each_iteration=True).batch(n_draws)
        batches = tf.data.Dataset.zip(batches, draws)
    n_symbols = encoded.alphabet.size if encoded.is_codes else None

    def gather(index, draws=None):
        batch = [tf.gather(t, index) for t in tensors]
        if augments:
            batch[0] = _augment(tf, batch[0], draws, n_symbols, complement, max_shift, crop_length)
        if n_symbols is not None:
            batch[0] = tf.one_hot(tf.cast(batch[0], tf.int32), n_symbols)
        return tuple(batch)

    # Without tf.data's autotuner (AUTOTUNE keeps TensorFlow's starting values): its
    # periodic work took 4-9% of an epoch on 2 cores (alternating fits, same val_loss).
    options = tf.data.Options()
    options.autotune.enabled = False
    dataset = batches.map(gather, num_parallel_calls=tf.data.AUTOTUNE)
    return dataset.prefetch(tf.data.AUTOTUNE).with_options(options)


def _augment(tf, codes, draws, n_symbols, complement, max_shift, crop_length=0):
    """A batch of symbol codes on random strands, in random windows and with random shifts.

    Parameters
    ----------
    codes : tf.Tensor of uint8, shape (batch, length)
    draws : tf.Tensor of int64, shape (4,) or (6,)
        Two stateless seeds (three with ``crop_length``).
    n_symbols : int
        The code of unknown symbols and padding.
    complement : ndarray of int or None
    max_shift : int
    crop_length : int, default=0

    Returns
    -------
    tf.Tensor of int32, shape (batch, length), or (batch, crop_length) with crops
    """
    codes = tf.cast(codes, tf.int32)
    rows, length = tf.shape(codes)[0], tf.shape(codes)[1]
    seeds = tf.reshape(draws, (-1, 2))
    known = tf.cast(codes != n_symbols, tf.int32)
    ends = length - tf.argmax(tf.reverse(known, [1]), axis=1, output_type=tf.int32)
    if complement is not None:
        flip = tf.random.stateless_uniform([rows], seeds[0]) < 0.5
        flipped = tf.reverse_sequence(codes, ends, seq_axis=1, batch_axis=0)
        flipped = tf.gather(tf.constant(complement, tf.int32), flipped)
        codes = tf.where(flip[:, None], flipped, codes)
    if crop_length:
        room = tf.cast(tf.maximum(ends - crop_length, 0) + 1, tf.float32)
        offset = tf.cast(tf.random.stateless_uniform([rows], seeds[2]) * room, tf.int32)
        window = tf.minimum(offset, tf.cast(room, tf.int32) - 1)[:, None] + tf.range(crop_length)
        codes = tf.gather(codes, window, batch_dims=1)
        length = crop_length
    if max_shift > 0:
        shift = tf.random.stateless_uniform(
            [rows], seeds[1], minval=-max_shift, maxval=max_shift + 1, dtype=tf.int32
        )
        source = tf.range(length)[None] - shift[:, None]
        inside = (source >= 0) & (source < length)
        moved = tf.gather(codes, tf.clip_by_value(source, 0, length - 1), batch_dims=1)
        codes = tf.where(inside, moved, n_symbols)
    return codes


#: Most idle trainers kept (each holds one network and its optimizer state).
MAX_IDLE = 4

_idle = OrderedDict()  # Architecture -> idle trainers, least recently used first
_lock = threading.Lock()


def _borrow(key):
    with _lock:
        trainers = _idle.get(key)
        if not trainers:
            return None
        trainer = trainers.pop()
        if not trainers:
            del _idle[key]
        return trainer


def _give_back(key, trainer):
    with _lock:
        _idle.setdefault(key, []).append(trainer)
        _idle.move_to_end(key)
        while sum(map(len, _idle.values())) > MAX_IDLE:
            oldest = next(iter(_idle))
            _idle[oldest].pop(0)
            if not _idle[oldest]:
                del _idle[oldest]


def _copy(sources, targets):
    for source, target in zip(sources, targets, strict=True):
        if (source.name, tuple(source.shape)) != (target.name, tuple(target.shape)):
            raise RuntimeError(f"cannot copy {source.path} into {target.path}")
        target.assign(source)


@contextmanager
def training_copy(model, arch, learning_rate):
    """A compiled network in ``model``'s state, whose trained state goes back into ``model``.

    Parameters
    ----------
    model : keras.Model
        A network from :func:`~skmotif._network.build.build_network` of ``arch``; it
        receives the trained state when the block ends without an error.
    arch : Architecture
        The network's description, which is also the pool's key.
    learning_rate : float
        Adam's initial learning rate.

    Yields
    ------
    trainer : keras.Model
        Compiled (Adam at ``learning_rate``, moments and step count set to
        exact zeros), with ``model``'s weights and dropout seed states.
        Only one fit uses a trainer at a time; concurrent fits get their own.
        When the block raises (a diverged fit, an interrupt), the trainer is
        dropped, so no state of a failed fit reaches a later one.
    """
    trainer = _borrow(arch) or build_trainer(arch, learning_rate)
    _copy(model.variables, trainer.variables)
    for variable in trainer.optimizer.variables:  # exact zeros: NaN * 0 would stay NaN
        variable.assign(np.zeros(variable.shape, variable.dtype))
    trainer.optimizer.learning_rate.assign(learning_rate)
    yield trainer  # a fit that raises here drops the trainer: it never returns to the pool
    _copy(trainer.variables, model.variables)
    _give_back(arch, trainer)
