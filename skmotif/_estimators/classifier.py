"""ConvMotifClassifier: a convolutional network on sequences as a scikit-learn classifier."""

from __future__ import annotations

import warnings
from numbers import Integral, Real
from typing import TYPE_CHECKING, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, _fit_context
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import ShuffleSplit, StratifiedShuffleSplit
from sklearn.utils import check_random_state, column_or_1d
from sklearn.utils._param_validation import (
    Interval,
    StrOptions,
    validate_parameter_constraints,
)
from sklearn.utils.class_weight import compute_class_weight
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted

from .. import _train
from .._alphabet import Alphabet, JointAlphabet, resolve_alphabet
from .._architecture import PER_LAYER, Head, describe, expand_layer_params
from .._build import Network, build_network
from .._keras import import_keras, model_from_bytes, model_to_bytes
from .._labels import check_labels, is_multilabel
from .._predict import predict as predict_outputs
from .._predict import strand_mean
from .fitted_input import _SequenceInput

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from ..encoding import EncodedInput

_POSITIVE = [Interval(Integral, 1, None, closed="left")]
_DROPOUT = [Interval(Real, 0, 1, closed="left")]

#: Constraints of one value; per-layer parameters may also be a tuple of such values.
_SCALAR_CONSTRAINTS = {
    "conv_num": [Interval(Integral, 0, None, closed="left")],
    "kernel_num": _POSITIVE,
    "kernel_len": _POSITIVE,
    "pool_size": [*_POSITIVE, StrOptions({"global"})],
    "pool_stride": _POSITIVE,
    "dense_num": [Interval(Integral, 0, None, closed="left")],
    "neuron_num": _POSITIVE,
    "dropout_input": _DROPOUT,
    "dropout_conv": _DROPOUT,
    "dropout_dense": _DROPOUT,
    "global_skip": ["boolean"],
    "first_activation": [StrOptions({"relu", "exponential"})],
    "batch_size": _POSITIVE,
    "learning_rate": [Interval(Real, 0, None, closed="neither")],
    "patience_lr": _POSITIVE,
    "patience_stopping": _POSITIVE,
    "epochs": _POSITIVE,
    "kernel_constraint": [Interval(Real, 0, None, closed="neither"), None],
    "rnn_type": [StrOptions({"LSTM", "GRU"}), None],
    "rnn_num": _POSITIVE,
    "rnn_units": _POSITIVE,
    "rnn_bidirectional": ["boolean"],
    "rnn_dropout_input": _DROPOUT,
    "rnn_dropout_recurrent": _DROPOUT,
    "alphabet": [str, tuple, Alphabet, JointAlphabet],
    "reverse_complement": ["boolean"],
    "max_shift": [Interval(Integral, 0, None, closed="left")],
    "average_strands": ["boolean"],
    "random_state": ["random_state"],
    "validation_fraction": [Interval(Real, 0, 1, closed="left")],
    "class_weight": [StrOptions({"balanced"}), dict, None],
    "verbose": ["verbose"],
    "callbacks": [list, None],
}
__all__ = ["ConvMotifClassifier"]

#: The fitted state beside the network (``model_``), as saving writes and reads it.
FITTED_ATTRIBUTES = (
    "classes_",
    "multilabel_",
    "n_features_in_",
    "input_shape_",
    "alphabet_",
    "history_",
    "best_epoch_",
)
#: A fit counts as learned when its best monitored loss is this share below the base rate's.
LEARNED_MARGIN = 0.01
_PER_LAYER_NAMES = {name for names in PER_LAYER.values() for name in names}


def _check_weights(sample_weight, n_samples):
    """sample_weight as float64, shape (n_samples,), each finite and >= 0."""
    try:
        weights = np.asarray(sample_weight, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            "sample_weight must hold numbers, one per sample; got "
            f"{type(sample_weight).__name__} that does not convert to float."
        ) from None
    if weights.shape != (n_samples,):
        raise ValueError(
            f"sample_weight has shape {weights.shape}; give one weight per sample, shape "
            f"({n_samples},)."
        )
    bad = np.flatnonzero(~(np.isfinite(weights) & (weights >= 0)))
    if bad.size:
        raise ValueError(
            f"sample_weight[{bad[0]}] is {float(weights[bad[0]])}; sample weights must be finite "
            f"numbers >= 0 ({bad.size} are not)."
        )
    return weights


def _check_callbacks(callbacks):
    """The callbacks, after checking each is a Keras callback (imports Keras)."""
    if not callbacks:
        return callbacks
    keras = import_keras()
    for i, callback in enumerate(callbacks):
        if not isinstance(callback, keras.callbacks.Callback):
            raise TypeError(
                f"callbacks[{i}] is {callback!r}, not a keras.callbacks.Callback; pass "
                "instances such as keras.callbacks.CSVLogger('log.csv')."
            )
    return callbacks


def _warn_constant_labels(y):
    """UserWarning for label columns of a 0/1 indicator matrix that are never (or always) 1."""
    for value, kind, proba in ((0, "positive", "0"), (1, "negative", "1")):
        constant = np.flatnonzero((y == value).all(axis=0))
        if constant.size:
            warnings.warn(
                f"Label column(s) {constant.tolist()} of y have no {kind} sample: the model "
                f"learns to predict them with probability near {proba}, and their auROC is "
                "undefined. Drop those columns or add samples that have them.",
                UserWarning,
                stacklevel=6,
            )


def _check_known_symbols(encoded):
    """ValueError when no sequence holds a symbol of the alphabet (all unknown or padding)."""
    if encoded.is_codes and not (encoded.values != encoded.alphabet.size).any():
        raise ValueError(
            f"Every sequence of X holds only unknown symbols (e.g. all "
            f"'{getattr(encoded.alphabet, 'unknown', None) or 'N'}'), which encode as zeros: "
            "there is nothing to learn from. Check that the right sequences were read."
        )


class ConvMotifClassifier(_SequenceInput, ClassifierMixin, BaseEstimator):
    """Convolutional neural network classifier for biological sequences.

    The network is pysster's: input -> Dropout -> ``conv_num`` x
    [Conv1D(valid, ReLU, max-norm) -> MaxPooling1D -> Dropout] -> optional
    ``rnn_num`` x LSTM/GRU, else Flatten -> ``dense_num`` x [Dense(ReLU,
    max-norm) -> Dropout] -> softmax (single-label) or sigmoid (multi-label)
    output, trained with Adam, early stopping and learning-rate halving on the
    validation loss, plus a global skip (see ``global_skip``) and a higher
    learning rate, with which it learns motifs at any position and on small
    data; ``ConvMotifClassifier(**skmotif.pysster_params())`` is pysster's
    network and training exactly. A fit that ends no better than predicting
    the class frequencies warns (ConvergenceWarning) and says what to try.
    Its first-layer kernels can be read as sequence motifs.

    Per-layer parameters (``kernel_num``, ``kernel_len``, ``pool_size``,
    ``pool_stride``, ``dropout_conv``, ``neuron_num``, ``dropout_dense`` and
    the ``rnn_*`` ones) take one value for all layers of their kind or a
    tuple with one value per layer, e.g. ``conv_num=2, kernel_num=(10, 20)``.

    Parameters
    ----------
    conv_num : int, default=2
        Number of convolution/pooling blocks (0 for none).
    kernel_num : int or tuple of int, default=30
        Kernels per convolution layer.
    kernel_len : int or tuple of int, default=25
        Kernel length per convolution layer.
    pool_size : int, "global" or tuple of them, default=2
        Max-pooling window per block. ``"global"`` pools over the whole
        convolution output (one value per kernel, whatever the sequence
        length), which suits motifs at any position; see the README's
        motif recovery numbers.
    pool_stride : int or tuple of int, default=2
        Max-pooling step per block (not used by ``"global"`` pooling).
    dense_num : int, default=1
        Number of hidden dense layers (0 for none).
    neuron_num : int or tuple of int, default=100
        Units per dense layer.
    dropout_input : float in [0, 1), default=0.1
        Dropout rate on the input.
    dropout_conv : float or tuple of float, default=0.3
        Dropout rate after each pooling layer.
    dropout_dense : float or tuple of float, default=0.6
        Dropout rate after each dense layer.
    global_skip : bool, default=True
        Also send each first-layer kernel's maximum over the whole sequence
        straight to the output layer, beside the deeper layers' features:
        the output then learns from where a motif sits (deeper layers) and
        from whether it is anywhere (the skip). Without it, pysster's
        network, which learned nothing on motifs planted at random positions
        (see the README's "Defaults"). Not added when the first pooling
        already leaves one position (e.g. ``pool_size="global"``).
    first_activation : {"relu", "exponential"}, default="relu"
        Activation of the first convolution layer. ``"exponential"`` (Koo &
        Ploenzke 2021) makes the first-layer kernels more motif-like and
        attributions cleaner; deeper layers keep ReLU.
    batch_size : int, default=128
        Training batch size.
    learning_rate : float, default=0.003
        Initial learning rate of Adam (pysster: 0.0005, which learned too
        slowly to get past early stopping on small data).
    patience_lr : int, default=5
        Epochs without improvement of the monitored loss before the learning
        rate is halved.
    patience_stopping : int, default=15
        Epochs without improvement before training stops; the weights of the
        best epoch are kept.
    epochs : int, default=500
        Maximum number of epochs.
    kernel_constraint : float or None, default=3
        Max-norm of the weights of every convolution, recurrent and hidden
        dense layer; None for no constraint.
    rnn_type : {"LSTM", "GRU"} or None, default=None
        Recurrent layers between the convolutions and the dense layers
        (instead of Flatten).
    rnn_num : int, default=1
        Number of recurrent layers (when ``rnn_type`` is set).
    rnn_units : int or tuple of int, default=32
        Units per recurrent layer.
    rnn_bidirectional : bool or tuple of bool, default=True
        Whether each recurrent layer is bidirectional.
    rnn_dropout_input : float or tuple of float, default=0.2
        Dropout on the inputs of each recurrent layer.
    rnn_dropout_recurrent : float or tuple of float, default=0.0
        Dropout on the recurrent state of each recurrent layer.
    alphabet : str, Alphabet or tuple of two, default="ACGT"
        Symbols of string input: ``"ACGT"``, ``"ACGU"``, the 20 amino acids
        (:data:`skmotif.PROTEIN`) or any string of symbols; case-insensitive.
        A (sequence, structure) pair such as ``("ACGU", "EHIMS")`` takes X
        as pairs of strings, encoded jointly. Ignored for numeric X.
    reverse_complement : bool, default=False
        Train on both strands: every epoch reads each training sequence on a
        random strand (reverse complemented inside the input pipeline, no
        copy of the data). DNA or RNA sequences only; validation data are
        never augmented.
    max_shift : int, default=0
        Shift each training sequence by a random number of positions in
        ``[-max_shift, max_shift]``, drawn anew every epoch; the positions
        shifted in read as unknown symbols. Sequence input only; validation
        data are never shifted.
    average_strands : bool, default=False
        :meth:`predict_proba` (and :meth:`predict`, the reports, ``skmotif
        predict``) averages the probabilities of each sequence and of its
        reverse complement. DNA or RNA sequences only. Interpretation
        (kernels, attribution) reads the sequences as given.
    random_state : int, RandomState instance or None, default=None
        Seeds weight initialisation, dropout, shuffling and the validation
        split; the same int gives identical predictions on a CPU.
    validation_fraction : float in [0, 1), default=0.1
        Share of the training data held out to monitor the loss: stratified
        for single-label y, rounded up, and at least one sample per class.
        With 0 and no ``validation_data``, the training loss is monitored.
    class_weight : "balanced", dict or None, default=None
        Loss weight per class (single-label only); "balanced" weighs classes
        inversely to their frequency.
    verbose : int, default=0
        0 silent, 1 one line per epoch, 2 a progress bar.
    callbacks : list of keras.callbacks.Callback or None, default=None
        Called during training after the fixed learning-rate halving and
        early stopping, e.g. for logging or timing; not saved with the model.
        Their ``model`` is the compiled copy that trains (kept between fits
        of one architecture), whose weights become ``model_`` at the end;
        its ``get_layer``, ``save`` and ``save_weights`` act on the network,
        so ``keras.callbacks.ModelCheckpoint`` saves a network like ``model_``.
        Training runs 32 steps per call into TensorFlow, so batch-level
        hooks (``on_train_batch_end``) run once per 32 batches.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Class labels (label indices ``0..n_labels-1`` for multi-label y).
    multilabel_ : bool
        Whether y was a 0/1 indicator matrix (sigmoid outputs, one per label).
    n_features_in_ : int
        Columns of X at fit: 1 for sequences, 2 for (sequence, structure)
        pairs, the length for 2-D numeric X, ``X.shape[1]`` for 3-D.
    alphabet_ : Alphabet, JointAlphabet or None
        The alphabet used for string input; None for numeric input.
    input_shape_ : tuple of int
        (length, channels) of the network input. Shorter sequences are padded
        at the right end with all-zero vectors to this length.
    model_ : keras.Model
        The trained network.
    history_ : dict of str to list of float
        Per-epoch ``loss``, ``val_loss`` (when validating) and ``learning_rate``.
    best_epoch_ : int
        0-based index in ``history_`` of the epoch whose weights were kept.

    Notes
    -----
    Unknown symbols (``N`` for nucleotides, ``X`` for protein) and padding
    encode as all-zero vectors; any other symbol outside the alphabet is a
    ValueError that names the symbol, the sequence and the position. The
    network runs on TensorFlow without XLA, which was fastest on CPUs.

    Examples
    --------
    >>> from skmotif import ConvMotifClassifier
    >>> X = ["ACGTACGTAAAA", "TTTTACGTACGA", "ACGTAAAAACGT", "TTTTTTTTACGT"] * 10
    >>> y = [1, 0, 1, 0] * 10
    >>> clf = ConvMotifClassifier(conv_num=1, kernel_num=4, kernel_len=4,
    ...                           epochs=5, random_state=0).fit(X, y)
    >>> clf.predict_proba(X).shape
    (40, 2)
    """

    _parameter_constraints: ClassVar[dict] = {
        name: [*constraints, tuple] if name in _PER_LAYER_NAMES else constraints
        for name, constraints in _SCALAR_CONSTRAINTS.items()
    }

    def __init__(
        self,
        conv_num: int = 2,
        kernel_num: int | tuple[int, ...] = 30,
        kernel_len: int | tuple[int, ...] = 25,
        pool_size: int | str | tuple = 2,
        pool_stride: int | tuple[int, ...] = 2,
        dense_num: int = 1,
        neuron_num: int | tuple[int, ...] = 100,
        dropout_input: float = 0.1,
        dropout_conv: float | tuple[float, ...] = 0.3,
        dropout_dense: float | tuple[float, ...] = 0.6,
        global_skip: bool = True,
        first_activation: str = "relu",
        batch_size: int = 128,
        learning_rate: float = 0.003,
        patience_lr: int = 5,
        patience_stopping: int = 15,
        epochs: int = 500,
        kernel_constraint: float | None = 3,
        rnn_type: str | None = None,
        rnn_num: int = 1,
        rnn_units: int | tuple[int, ...] = 32,
        rnn_bidirectional: bool | tuple[bool, ...] = True,
        rnn_dropout_input: float | tuple[float, ...] = 0.2,
        rnn_dropout_recurrent: float | tuple[float, ...] = 0.0,
        alphabet: str | tuple | Alphabet | JointAlphabet = "ACGT",
        reverse_complement: bool = False,
        max_shift: int = 0,
        average_strands: bool = False,
        random_state: int | np.random.RandomState | None = None,
        validation_fraction: float = 0.1,
        class_weight: str | dict | None = None,
        verbose: int = 0,
        callbacks: list | None = None,
    ):
        self.conv_num = conv_num
        self.kernel_num = kernel_num
        self.kernel_len = kernel_len
        self.pool_size = pool_size
        self.pool_stride = pool_stride
        self.dense_num = dense_num
        self.neuron_num = neuron_num
        self.dropout_input = dropout_input
        self.dropout_conv = dropout_conv
        self.dropout_dense = dropout_dense
        self.global_skip = global_skip
        self.first_activation = first_activation
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.patience_lr = patience_lr
        self.patience_stopping = patience_stopping
        self.epochs = epochs
        self.kernel_constraint = kernel_constraint
        self.rnn_type = rnn_type
        self.rnn_num = rnn_num
        self.rnn_units = rnn_units
        self.rnn_bidirectional = rnn_bidirectional
        self.rnn_dropout_input = rnn_dropout_input
        self.rnn_dropout_recurrent = rnn_dropout_recurrent
        self.alphabet = alphabet
        self.reverse_complement = reverse_complement
        self.max_shift = max_shift
        self.average_strands = average_strands
        self.random_state = random_state
        self.validation_fraction = validation_fraction
        self.class_weight = class_weight
        self.verbose = verbose
        self.callbacks = callbacks

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(
        self,
        X: ArrayLike | EncodedInput,
        y: ArrayLike,
        sample_weight: ArrayLike | None = None,
        validation_data: tuple | None = None,
    ) -> ConvMotifClassifier:
        """Train the network.

        Parameters
        ----------
        X : array-like of str, shape (n_samples,), or of (str, str), shape (n_samples, 2), \
or numeric array-like, shape (n_samples, length[, channels])
            Sequences; (sequence, structure) pairs when ``alphabet`` is a
            pair; or numeric input used as it is (2-D means one channel).
        y : array-like, shape (n_samples,) or (n_samples, n_labels)
            Class labels, or a 0/1 indicator matrix for multi-label data.
        sample_weight : array-like of shape (n_samples,), optional
            Per-sample loss weights, multiplied with ``class_weight``.
        validation_data : tuple (X_val, y_val), optional
            Data to monitor instead of an internal ``validation_fraction`` split.

        Returns
        -------
        self : ConvMotifClassifier
        """
        before = dict(vars(self))
        try:
            self._fit(X, y, sample_weight, validation_data)
        except BaseException:  # a failed fit leaves the estimator as it was
            vars(self).clear()
            vars(self).update(before)
            raise
        return self

    def _fit(self, X, y, sample_weight, validation_data):
        """:meth:`fit`: every input checked before the network is built, then training."""
        spec = self._layer_spec()
        callbacks = _check_callbacks(self.callbacks)
        encoded = self._encode(X, reset=True)
        _check_known_symbols(encoded)
        targets, y_index = self._encode_targets(y, len(encoded), reset=True)
        class_weights = self._class_weights(y_index)
        weights = self._sample_weights(sample_weight, encoded, y_index, class_weights)
        arch = self._architecture(spec)
        complement = self._check_augmentation(encoded)
        seeds = _train.Seeds.draw(check_random_state(self.random_state))
        train, validation = self._split(
            encoded, targets, weights, y_index, class_weights, validation_data, seeds.split
        )
        settings = _train.Settings(
            learning_rate=self.learning_rate,
            batch_size=self.batch_size,
            epochs=self.epochs,
            patience_lr=self.patience_lr,
            patience_stopping=self.patience_stopping,
            verbose=self.verbose,
            callbacks=callbacks,
            complement=complement if self.reverse_complement else None,
            max_shift=self.max_shift,
        )
        self.model_ = build_network(arch, seeds.network)
        try:
            self.history_, self.best_epoch_ = _train.fit_network(
                Network(arch, self.model_), train, validation, settings, seeds.data
            )
        except _train.Diverged as diverged:
            raise ValueError(self._divergence_message(diverged, encoded, weights)) from None
        self._warn_if_not_learned(arch.head, train, validation)

    def predict_proba(self, X: ArrayLike | EncodedInput) -> np.ndarray:
        """Class probabilities (single-label) or label probabilities (multi-label).

        Parameters
        ----------
        X : array-like, shape (n_samples,), (n_samples, 2) or (n_samples, length[, channels])
            Input of the same kind as in :meth:`fit`.

        Returns
        -------
        proba : ndarray of float64, shape (n_samples, n_classes)
            Columns in the order of ``classes_``.
        """
        encoded = self.encode(X)
        outputs = strand_mean(
            lambda strand_input, _: predict_outputs(self.model_, strand_input).astype(np.float64),
            encoded,
            self.average_strands,
        )
        return self._head().decode(outputs)

    def predict(self, X: ArrayLike | EncodedInput) -> np.ndarray:
        """Predicted classes, or a 0/1 indicator matrix for multi-label data.

        Parameters
        ----------
        X : array-like, shape (n_samples,), (n_samples, 2) or (n_samples, length[, channels])
            Input of the same kind as in :meth:`fit`.

        Returns
        -------
        y : ndarray, shape (n_samples,) or (n_samples, n_labels)
        """
        proba = self.predict_proba(X)
        if self.multilabel_:
            return (proba > 0.5).astype(int)
        return self.classes_[np.argmax(proba, axis=1)]

    def encode(self, X: ArrayLike | EncodedInput) -> EncodedInput:
        """Check X and encode it exactly as :meth:`predict_proba` does.

        Parameters
        ----------
        X : array-like, shape (n_samples,), (n_samples, 2) or (n_samples, length[, channels])
            Input of the same kind as in :meth:`fit`.

        Returns
        -------
        EncodedInput
            Symbol codes padded to the fitted length, with the fitted alphabet;
            or numeric values, with the alphabet of their leading one-hot
            channels when they can be read as one (see
            :class:`~skmotif.encoding.EncodedInput`).
        """
        check_is_fitted(self)
        return self._encode(X, reset=False)

    def summary(self) -> None:
        """Print the layer table; its names are those the plotting functions take."""
        check_is_fitted(self)
        self.model_.summary()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.target_tags.multi_output = True
        tags.classifier_tags.multi_label = True
        return tags

    def __getstate__(self):
        state = dict(super().__getstate__())
        if "model_" in state:
            state["model_"] = model_to_bytes(state["model_"])
        return state

    def __setstate__(self, state):
        if isinstance(state.get("model_"), bytes):
            state["model_"] = model_from_bytes(state["model_"])
        super().__setstate__(state)

    # -- fit helpers -----------------------------------------------------

    def _divergence_message(self, diverged, encoded, weights):
        """Why a fit whose loss became non-finite stopped, with the likely causes."""
        causes = [f"learning_rate={self.learning_rate:g} too high (the default is 0.003)"]
        if weights is not None:
            causes.append(
                f"extreme sample_weight or class_weight (the largest weight is "
                f"{float(weights.max()):.3g}; weights near 1 train best)"
            )
        if not encoded.is_codes:
            causes.append(
                f"numeric input on a large scale (the largest |X| is "
                f"{float(np.abs(encoded.values).max()):.3g}; standardise the channels)"
            )
        return (
            f"Training diverged: the {diverged.loss} became {diverged.value} in epoch "
            f"{diverged.epoch + 1}, so no model was kept (the estimator is as it was before "
            f"this fit). Likely causes: {'; '.join(causes)}. Fix that and fit again."
        )

    def _warn_if_not_learned(self, head, train, validation):
        """ConvergenceWarning when the best monitored loss is no better than the base rate's.

        The base rate's loss is that of always predicting the training data's
        class (or label) frequencies; "no better" means less than
        ``LEARNED_MARGIN`` (1%) below it.
        """
        found = _train.not_learned(
            head, self.history_, self.best_epoch_, train, validation, LEARNED_MARGIN
        )
        if found is None:
            return
        best, baseline, data = found
        warnings.warn(
            f"Training ended without learning: the best {data} loss ({best:.4f}, epoch "
            f"{self.best_epoch_ + 1}) is not below the loss of always predicting the class "
            f"frequencies ({baseline:.4f}), so the model predicts little more than the base "
            "rate. Try a higher learning_rate (e.g. 0.003), pool_size='global' when motifs "
            "may sit anywhere, fewer or shorter kernels on small data, more training data, "
            "or a search over skmotif.search_space(...).",
            ConvergenceWarning,
            stacklevel=5,
        )

    def _check_augmentation(self, encoded):
        """The complement codes for strand parameters, after checking they fit the input.

        Returns
        -------
        ndarray of int or None
            :meth:`Alphabet.complement` when ``reverse_complement`` or
            ``average_strands`` is set, else None.
        """
        if self.max_shift and not encoded.is_codes:
            raise ValueError(
                "max_shift shifts sequences; this input is numeric. Shift the arrays "
                "yourself, or set max_shift=0."
            )
        if self.max_shift >= encoded.length:
            raise ValueError(
                f"max_shift={self.max_shift} would shift sequences of {encoded.length} "
                f"positions out of view; use at most {encoded.length - 1}."
            )
        strands = [p for p in ("reverse_complement", "average_strands") if getattr(self, p)]
        if not strands:
            return None
        try:
            return encoded.complement()
        except ValueError as error:
            raise ValueError(
                f"{' and '.join(f'{p}=True' for p in strands)} reads the opposite strand: "
                f"{error} Leave {' and '.join(strands)} False for this input."
            ) from None

    def _architecture(self, spec=None):
        """The :class:`~skmotif._architecture.Architecture` of the network (fitted input)."""
        spec = self._layer_spec() if spec is None else spec
        return describe(spec, self.input_shape_, self._head())

    def _head(self):
        """The output head of the fitted classes: softmax, or sigmoid for multi-label y."""
        return Head("sigmoid" if self.multilabel_ else "softmax", len(self.classes_))

    def _network(self):
        """The fitted network with its architecture, as every pass that runs it reads it."""
        check_is_fitted(self)
        return Network(self._architecture(), self.model_)

    def _layer_spec(self):
        """Validated parameters with one value per layer (tuples checked element-wise)."""
        params = self.get_params()
        for name in _PER_LAYER_NAMES:
            if isinstance(params[name], tuple):
                for value in params[name]:
                    validate_parameter_constraints(
                        {name: _SCALAR_CONSTRAINTS[name]},
                        {name: value},
                        caller_name=type(self).__name__,
                    )
        resolve_alphabet(self.alphabet)
        return expand_layer_params(params)

    def _encode_targets(self, y, n_samples, reset):
        """Targets as float32 one-hot/indicator rows, and class indices (None if multi-label)."""
        if y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, but the target y is None."
            )
        y = check_labels(y)
        if len(y) != n_samples:
            raise ValueError(f"X has {n_samples} samples but y has {len(y)}; they must match.")
        if reset:
            self.multilabel_ = is_multilabel(y)
        if self.multilabel_:
            if reset:
                self.classes_ = np.arange(y.shape[1])
                _warn_constant_labels(y)
            elif y.ndim != 2 or y.shape[1] != len(self.classes_) or not np.isin(y, (0, 1)).all():
                raise ValueError(
                    f"y must be a 0/1 indicator matrix with {len(self.classes_)} columns, "
                    f"as at fit; got shape {y.shape}."
                )
            return self._head().encode(y), None
        check_classification_targets(y)
        y = column_or_1d(y, warn=True)
        if reset:
            self.classes_ = np.unique(y)
            if len(self.classes_) < 2:
                raise ValueError(
                    f"y has 1 class ({self.classes_[0]!r}); a classifier needs at least "
                    "two classes."
                )
        unseen = np.setdiff1d(y, self.classes_)
        if unseen.size:
            raise ValueError(
                f"y has labels {unseen.tolist()} not seen in the training data "
                f"{self.classes_.tolist()}."
            )
        index = np.searchsorted(self.classes_, y)
        return self._head().encode(index), index

    def _class_weights(self, y_index):
        """Loss weight per class index, or None.

        Raises
        ------
        ValueError
            For multi-label y, a key that is not a class, or a weight that is
            not a finite number >= 0, or weights that are all 0.
        """
        if self.class_weight is None:
            return None
        if self.multilabel_:
            raise ValueError(
                "class_weight is for single-label y; for multi-label y pass sample_weight instead."
            )
        if isinstance(self.class_weight, dict):
            classes = self.classes_.tolist()
            unknown = [key for key in self.class_weight if key not in classes]
            if unknown:
                raise ValueError(
                    f"class_weight has keys {unknown} that are not classes of y {classes}; "
                    "key it by the class labels."
                )
            for key, value in self.class_weight.items():
                if (
                    isinstance(value, bool)
                    or not isinstance(value, Real)
                    or not (np.isfinite(value) and value >= 0)
                ):
                    raise ValueError(
                        f"class_weight[{key!r}] is {value!r}; class weights must be finite "
                        "numbers >= 0."
                    )
        y = self.classes_[y_index]
        weights = compute_class_weight(self.class_weight, classes=self.classes_, y=y)
        if not weights[y_index].any():
            raise ValueError(
                f"class_weight={self.class_weight!r} gives every sample weight zero, so there "
                "is nothing to learn; give at least one class a weight above 0."
            )
        return weights

    @staticmethod
    def _sample_weights(sample_weight, encoded, y_index, class_weights):
        """Per-sample loss weights (sample_weight x class weight), float32, or None.

        Raises
        ------
        TypeError, ValueError
            For sample_weight that is not one finite number >= 0 per sample,
            or weights that are all 0.
        """
        if sample_weight is None and class_weights is None:
            return None
        weights = np.ones(len(encoded))
        if sample_weight is not None:
            weights = _check_weights(sample_weight, len(encoded))
        if class_weights is not None:
            weights = weights * class_weights[y_index]
        if not weights.any():
            raise ValueError(
                "The sample weights (sample_weight times class_weight) are all zero, so there "
                "is nothing to learn; give some samples a weight above 0."
            )
        if weights.max() > np.finfo(np.float32).max:
            raise ValueError(
                f"The largest sample weight ({weights.max():.3g}) does not fit in float32; "
                "rescale the weights (only their ratios matter)."
            )
        return weights.astype(np.float32)

    def _split(self, encoded, targets, weights, y_index, class_weights, validation_data, seed):
        """(train, validation), each (EncodedInput, targets, weights), or validation None."""

        def part(rows):
            return encoded.subset(rows), targets[rows], None if weights is None else weights[rows]

        if validation_data is not None:
            if not (isinstance(validation_data, tuple) and len(validation_data) == 2):
                raise TypeError("validation_data must be a tuple (X_val, y_val).")
            x_val = self._encode(validation_data[0], reset=False)
            t_val, i_val = self._encode_targets(validation_data[1], len(x_val), reset=False)
            w_val = self._sample_weights(None, x_val, i_val, class_weights)
            return (encoded, targets, weights), (x_val, t_val, w_val)
        if self.validation_fraction == 0:
            return (encoded, targets, weights), None
        n_val = int(np.ceil(self.validation_fraction * len(encoded)))
        if self.multilabel_:
            splitter = ShuffleSplit(test_size=n_val, random_state=seed)
        else:
            n_val = max(n_val, len(self.classes_))
            splitter = StratifiedShuffleSplit(test_size=n_val, random_state=seed)
        try:
            train_rows, val_rows = next(splitter.split(encoded.values, y_index))
        except ValueError as err:
            raise ValueError(
                f"Cannot hold out validation_fraction={self.validation_fraction} of "
                f"{len(encoded)} samples for validation ({err}). Use more data, pass "
                "validation_data=(X_val, y_val), or set validation_fraction=0."
            ) from None
        return part(train_rows), part(val_rows)
