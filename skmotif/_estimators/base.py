"""The shared base of ConvMotifClassifier and ConvMotifRegressor: parameters, fit, prediction.

The two estimators differ only in their head (:class:`~skmotif._network.description.Head`)
and in how they read targets; everything else lives here once: the parameter
list and its constraints, the input checks, the network, training,
strand-averaged outputs, pickling and the fitted-model helpers that
interpretation reads. A subclass names its own parameters in
``_own_parameters``; its ``__init__`` (the shared parameters, then its own)
and the shared part of its docstring are made from this module's lists, so
no parameter is declared twice.
"""

from __future__ import annotations

import inspect
import warnings
from numbers import Integral, Real
from typing import TYPE_CHECKING, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, _fit_context
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import ShuffleSplit, StratifiedShuffleSplit
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions, validate_parameter_constraints
from sklearn.utils.validation import check_is_fitted

from .._alphabet import Alphabet, JointAlphabet, resolve_alphabet
from .._network import train as _train
from .._network.auto import resolve
from .._network.build import Network, build_network
from .._network.description import PER_LAYER, describe, expand_layer_params
from .._network.keras_setup import import_keras, model_from_bytes, model_to_bytes
from .._network.predict import predict as predict_outputs
from .._network.predict import strand_mean
from .fitted_input import _SequenceInput

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from ..encoding import EncodedInput

_POSITIVE = [Interval(Integral, 1, None, closed="left")]
_DROPOUT = [Interval(Real, 0, 1, closed="left")]

#: Constraints of one value of every shared parameter; per-layer parameters may also be a
#: tuple of such values.
SCALAR_CONSTRAINTS = {
    "conv_num": [Interval(Integral, 0, None, closed="left"), StrOptions({"auto"})],
    "kernel_num": [*_POSITIVE, StrOptions({"auto"})],
    "kernel_len": [*_POSITIVE, StrOptions({"auto"})],
    "pool_size": [*_POSITIVE, StrOptions({"global", "auto"})],
    "pool_stride": _POSITIVE,
    "dense_num": [Interval(Integral, 0, None, closed="left")],
    "neuron_num": _POSITIVE,
    "dropout_input": _DROPOUT,
    "dropout_conv": _DROPOUT,
    "dropout_dense": _DROPOUT,
    "global_skip": ["boolean", StrOptions({"first", "all"})],
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
    "random_crop": [Interval(Integral, 0, None, closed="left")],
    "average_strands": ["boolean"],
    "random_state": ["random_state"],
    "validation_fraction": [Interval(Real, 0, 1, closed="left")],
    "verbose": ["verbose"],
    "callbacks": [list, None],
}
PER_LAYER_NAMES = {name for names in PER_LAYER.values() for name in names}
#: A fit counts as learned when its best monitored loss is this share below the baseline's.
LEARNED_MARGIN = 0.01

#: The docstring of the shared parameters (numpydoc), put into each estimator's docstring
#: where it says ``%(shared_parameters)s``.
SHARED_PARAMETERS_DOC = """\
    conv_num : int or "auto", default="auto"
        Number of convolution/pooling blocks (0 for none). ``"auto"``: 2 for
        inputs of at least 46 positions, 1 for shorter ones (see
        ``resolved_params_``).
    kernel_num : int, "auto" or tuple of int, default="auto"
        Kernels per convolution layer. ``"auto"``: 30 for inputs of at
        least 46 positions, 64 in the one block of a shorter input.
    kernel_len : int, "auto" or tuple of int, default="auto"
        Kernel length per convolution layer (pysster: 25). ``"auto"``: 11
        for inputs of at least 46 positions (most binding sites are 6-12
        long; an 11-long first layer reads them, and the second layer their
        combinations); about a sixth of a shorter input (3 to 11).
    pool_size : int, "global", "auto" or tuple of them, default="auto"
        Max-pooling window per block. ``"global"`` pools over the whole
        convolution output (one value per kernel, whatever the sequence
        length), which suits motifs at any position. ``"auto"``: 2, or 1
        (every position kept) for inputs shorter than 20 positions.
    pool_stride : int or tuple of int, default=2
        Max-pooling step per block (not used by ``"global"`` pooling).
    dense_num : int, default=1
        Number of hidden dense layers (0 for none).
    neuron_num : int or tuple of int, default=100
        Units per dense layer.
    dropout_input : float in [0, 1), default=0.0
        Dropout rate on the input (pysster: 0.1).
    dropout_conv : float or tuple of float, default=0.3
        Dropout rate after each pooling layer.
    dropout_dense : float or tuple of float, default=0.1
        Dropout rate after each dense layer (pysster: 0.6).
    global_skip : {"all", "first"} or bool, default="all"
        Also send kernels' maxima over the whole sequence straight to the
        output layer, beside the deeper layers' features: the output then
        learns from where a motif sits (deeper layers) and from whether it
        is anywhere (the skip). ``"first"`` (or True): the first
        convolution's kernels (the default before 0.5.0). ``"all"``: every
        convolution block's, so that what a deeper kernel reads (two motifs
        side by side, a composite element) counts wherever it sits. False:
        none, pysster's network, which learned nothing on motifs planted at
        random positions (see the Benchmarks page, "Defaults that learn"). A block
        whose pooling already leaves one position (``pool_size="global"``)
        is not read twice.
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
    random_crop : int, default=0
        Train on random crops: the network reads ``2 * random_crop``
        positions fewer than X's sequences, and every epoch each training
        sequence is read at a random window of that length (within its
        known symbols), as BPNet's jitter: cut genome regions this much
        wider on each side (:func:`skmotif.genome.extract`'s ``flank``) and
        the model learns to read sites off the centre, as a scan meets them.
        Validation data and predictions read each sequence's central window
        (sequences of the network's length are read as they are). Sequence
        input only.
    average_strands : bool, default=False
        Predictions (and the reports, ``skmotif predict``) average the
        outputs of each sequence and of its reverse complement. DNA or RNA
        sequences only. Interpretation (kernels, attribution) reads the
        sequences as given.
    random_state : int, RandomState instance or None, default=None
        Seeds weight initialisation, dropout, shuffling and the validation
        split; the same int gives identical predictions on a CPU.
    validation_fraction : float in [0, 1), default=0.1
        Share of the training data held out to monitor the loss, rounded
        up (for a classifier's single-label y: stratified, and at least one
        sample per class). With 0 and no ``validation_data``, the training
        loss is monitored.
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
        hooks (``on_train_batch_end``) run once per 32 batches."""

#: The fitted state of every estimator beside its network and its own targets' state.
FITTED_INPUT = ("n_features_in_", "input_shape_", "alphabet_", "history_", "best_epoch_")


def check_weights(sample_weight, n_samples):
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


def loss_weights(sample_weight, n_samples, factors=None):
    """Per-sample loss weights (sample_weight x factors, e.g. class weights), float32, or None.

    Parameters
    ----------
    sample_weight : array-like, shape (n_samples,), or None
    n_samples : int
    factors : ndarray, shape (n_samples,), optional

    Returns
    -------
    ndarray of float32, shape (n_samples,), or None when neither is given

    Raises
    ------
    TypeError, ValueError
        For sample_weight that is not one finite number >= 0 per sample,
        weights that are all 0, or weights too large for float32.
    """
    if sample_weight is None and factors is None:
        return None
    weights = np.ones(n_samples)
    if sample_weight is not None:
        weights = check_weights(sample_weight, n_samples)
    if factors is not None:
        weights = weights * factors
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


def _check_known_symbols(encoded):
    """ValueError when no sequence holds a symbol of the alphabet (all unknown or padding)."""
    if encoded.is_codes and not (encoded.values != encoded.alphabet.size).any():
        raise ValueError(
            f"Every sequence of X holds only unknown symbols (e.g. all "
            f"'{getattr(encoded.alphabet, 'unknown', None) or 'N'}'), which encode as zeros: "
            "there is nothing to learn from. Check that the right sequences were read."
        )


def _make_init(own):
    """An ``__init__`` that stores the shared parameters and then ``own`` ones.

    Parameters
    ----------
    own : dict of str to (default, annotation)

    Returns
    -------
    function
        Its signature (what ``get_params`` and the documentation read) is the
        shared parameters' followed by ``own``.
    """
    shared = list(inspect.signature(ConvMotifBase.__init__).parameters.values())
    extra = [
        inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=d, annotation=a)
        for name, (d, a) in own.items()
    ]
    signature = inspect.Signature([*shared, *extra], return_annotation=None)

    def __init__(self, *args, **kwargs):
        bound = signature.bind(self, *args, **kwargs)
        bound.apply_defaults()
        for name, value in list(bound.arguments.items())[1:]:
            setattr(self, name, value)

    __init__.__signature__ = signature
    return __init__


class ConvMotifBase(_SequenceInput, BaseEstimator):
    """What ConvMotifClassifier and ConvMotifRegressor share (not used on its own).

    A subclass sets ``_own_parameters`` (name -> (default, annotation)),
    ``_own_constraints``, and implements ``head``, ``output_index``, ``_targets`` and
    ``_BASELINE`` (how the not-learned warning names the baseline).
    """

    _own_parameters: ClassVar[dict] = {}
    _own_constraints: ClassVar[dict] = {}
    #: The fitted attributes saving writes, beside ``model_``.
    FITTED_ATTRIBUTES: ClassVar[tuple] = FITTED_INPUT
    _BASELINE = "the baseline"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "_own_parameters" not in cls.__dict__:  # e.g. a user's subclass: inherits all
            return
        if "__init__" not in cls.__dict__:
            cls.__init__ = _make_init(cls._own_parameters)
            cls.__init__.__qualname__ = f"{cls.__name__}.__init__"
        cls._parameter_constraints = {
            **{
                name: [*constraints, tuple] if name in PER_LAYER_NAMES else constraints
                for name, constraints in SCALAR_CONSTRAINTS.items()
            },
            **cls._own_constraints,
        }
        if cls.__doc__:
            cls.__doc__ = cls.__doc__.replace(
                "%(shared_parameters)s", SHARED_PARAMETERS_DOC.lstrip()
            )

    def __init__(
        self,
        conv_num: int | str = "auto",
        kernel_num: int | str | tuple[int, ...] = "auto",
        kernel_len: int | str | tuple[int, ...] = "auto",
        pool_size: int | str | tuple = "auto",
        pool_stride: int | tuple[int, ...] = 2,
        dense_num: int = 1,
        neuron_num: int | tuple[int, ...] = 100,
        dropout_input: float = 0.0,
        dropout_conv: float | tuple[float, ...] = 0.3,
        dropout_dense: float | tuple[float, ...] = 0.1,
        global_skip: bool | str = "all",
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
        random_crop: int = 0,
        average_strands: bool = False,
        random_state: int | np.random.RandomState | None = None,
        validation_fraction: float = 0.1,
        verbose: int = 0,
        callbacks: list | None = None,
    ):
        for name, value in locals().items():
            if name != "self":
                setattr(self, name, value)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(
        self,
        X: ArrayLike | EncodedInput,
        y: ArrayLike,
        sample_weight: ArrayLike | None = None,
        validation_data: tuple | None = None,
    ) -> ConvMotifBase:
        """Train the network.

        Parameters
        ----------
        X : array-like of str, shape (n_samples,), or of (str, str), shape (n_samples, 2), \
or numeric array-like, shape (n_samples, length[, channels])
            Sequences; (sequence, structure) pairs when ``alphabet`` is a
            pair; or numeric input used as it is (2-D means one channel).
        y : array-like, shape (n_samples,) or (n_samples, n_outputs)
            Classifier: class labels, or a 0/1 indicator matrix for
            multi-label data. Regressor: one value per sample and output.
        sample_weight : array-like of shape (n_samples,), optional
            Per-sample loss weights (for a classifier multiplied with
            ``class_weight``).
        validation_data : tuple (X_val, y_val), optional
            Data to monitor instead of an internal ``validation_fraction`` split.

        Returns
        -------
        self : estimator
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
        for stale in ("genome_", "input_shape_", "resolved_params_"):  # not this fit's
            vars(self).pop(stale, None)
        self._layer_spec()
        callbacks = _check_callbacks(self.callbacks)
        encoded = self._encode(X, reset=True)
        _check_known_symbols(encoded)
        if y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, but the target y is None."
            )
        targets, weights, strata, validation_targets = self._targets(
            y, sample_weight, len(encoded)
        )
        complement = self._check_augmentation(encoded)
        if self.random_crop:  # the network reads the central windows
            self.input_shape_ = (encoded.length - 2 * self.random_crop, *self.input_shape_[1:])
        self.resolved_params_ = resolve(self.get_params(), self.input_shape_[0])
        arch = self._architecture()
        seeds = _train.Seeds.draw(check_random_state(self.random_state))
        train, validation = self._split(
            encoded, targets, weights, strata, validation_targets, validation_data, seeds.split
        )
        if self.random_crop and validation is not None:
            validation = (validation[0].central(self.input_shape_[0]), *validation[1:])
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
            crop_length=self.input_shape_[0] if self.random_crop else 0,
        )
        self.model_ = build_network(arch, seeds.network)
        try:
            self.history_, self.best_epoch_ = _train.fit_network(
                Network(arch, self.model_), train, validation, settings, seeds.data
            )
        except _train.Diverged as diverged:
            raise ValueError(self._divergence_message(diverged, encoded, weights)) from None
        if self.random_crop:
            train = (train[0].central(self.input_shape_[0]), *train[1:])
        self._warn_if_not_learned(Network(arch, self.model_), train, validation)

    def outputs(self, X: ArrayLike | EncodedInput) -> np.ndarray:
        """The network's outputs for X, both strands averaged when ``average_strands``.

        Part of the fitted model's contract (with :meth:`network`, :meth:`head`,
        :meth:`output_index`, :meth:`encode` and :meth:`check_params`): what
        interpretation, reports, genome scans and the command line read.

        Parameters
        ----------
        X : array-like of str, shape (n_samples,), or EncodedInput

        Returns
        -------
        ndarray of float64, shape (n_samples, n_outputs)
            Probabilities for a classifier; a regressor's outputs on the
            network's (standardised) scale.
        """
        encoded = self.encode(X)
        return strand_mean(
            lambda strand_input, _: predict_outputs(self.model_, strand_input).astype(np.float64),
            encoded,
            self.average_strands,
        )

    def encode(self, X: ArrayLike | EncodedInput) -> EncodedInput:
        """Check X and encode it exactly as prediction does.

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
        """Print the layer table; its names are those the plotting functions take.

        Parameters given as ``"auto"`` are followed by the values they took
        for the fitted input (``resolved_params_``).
        """
        check_is_fitted(self)
        self.model_.summary()
        resolved = getattr(self, "resolved_params_", {})
        if resolved:
            chosen = ", ".join(f"{name}={value!r}" for name, value in resolved.items())
            print(f"'auto' for input of {self.input_shape_[0]} positions: {chosen}")

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.target_tags.multi_output = True
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
                f"extreme sample weights (the largest weight is "
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

    def _warn_if_not_learned(self, network, train, validation):
        """ConvergenceWarning when the best monitored loss is not clearly below the baseline's.

        The baseline always predicts the training data's mean target (class
        or label frequencies, or each output's mean); "clearly below" means
        more than ``LEARNED_MARGIN`` (1%) below it and, per sample, by more
        than two standard errors (:func:`skmotif._network.train.not_learned`).
        """
        found = _train.not_learned(
            network, self.history_, self.best_epoch_, train, validation, LEARNED_MARGIN
        )
        if found is None:
            return
        best, baseline, data, n = found
        compared = (
            f"is not clearly below the loss of always predicting {self._BASELINE} ({baseline:.4f})"
        )
        if n is not None:
            compared = (
                f"is below the loss of always predicting {self._BASELINE} ({baseline:.4f}), "
                f"but on {n} {data} samples by less than two standard errors of the "
                "per-sample differences, so the gain may be chance"
            )
        warnings.warn(
            f"Training ended without learning: the best {data} loss ({best:.4f}, epoch "
            f"{self.best_epoch_ + 1}) {compared}; the model predicts little more than that. "
            f"Try {'; '.join(self._untried())}.",
            ConvergenceWarning,
            stacklevel=5,
        )

    def _untried(self):
        """What the not-learned warning suggests: changes this fit did not already use."""
        rate = self.learning_rate
        tries = [
            f"another learning_rate (this fit used {rate:g}; e.g. {rate / 3:.2g} or "
            f"{min(rate * 3, 0.03):.2g})"
        ]
        spec = self._layer_spec()
        if spec["conv_num"] and "global" not in spec["pool_size"]:
            tries.append("pool_size='global' when motifs may sit anywhere")
        if spec["conv_num"] > 1 or max(spec["kernel_num"], default=0) > 8:
            tries.append("fewer or shorter kernels (e.g. conv_num=1, kernel_num=8) on small data")
        tries += ["more training data", "a search over skmotif.search_space(...)"]
        return tries

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
        if self.random_crop and not encoded.is_codes:
            raise ValueError(
                "random_crop crops sequences; this input is numeric. Crop the arrays "
                "yourself, or set random_crop=0."
            )
        length = encoded.length - 2 * self.random_crop
        if length < 1:
            raise ValueError(
                f"random_crop={self.random_crop} crops sequences of {encoded.length} positions "
                f"to nothing; use at most {(encoded.length - 1) // 2}, or cut the sequences "
                "wider."
            )
        if self.max_shift >= length:
            raise ValueError(
                f"max_shift={self.max_shift} would shift sequences of {length} "
                f"positions out of view; use at most {length - 1}."
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
        """The network's :class:`~skmotif._network.description.Architecture` (fitted input)."""
        spec = self._layer_spec() if spec is None else spec
        return describe(spec, self.input_shape_, self.head())

    def network(self) -> Network:
        """The fitted network: its description (``arch``) and its Keras ``model``.

        Every pass that runs the network (DeepLIFT, kernel activations, scans)
        reads it, so none has to know how the estimator built it.

        Returns
        -------
        Network
        """
        check_is_fitted(self)
        return Network(self._architecture(), self.model_)

    def check_params(self) -> dict:
        """Check every parameter as ``fit`` would, before any work; the values per layer.

        Returns
        -------
        dict
            The parameters, per-layer ones as tuples of one value per layer and
            ``"auto"`` resolved for the fitted input (before a fit: as for long
            input).

        Raises
        ------
        TypeError, ValueError
            For a parameter ``fit`` would refuse, naming it.
        """
        self._validate_params()
        return self._layer_spec()

    def _layer_spec(self):
        """Validated parameters with one value per layer (tuples checked element-wise), the
        ``"auto"`` ones resolved for the fitted input (before a fit: as for long input)."""
        params = self.get_params()
        for name in PER_LAYER_NAMES:
            if isinstance(params[name], tuple):
                for value in params[name]:
                    validate_parameter_constraints(
                        {name: SCALAR_CONSTRAINTS[name]},
                        {name: value},
                        caller_name=type(self).__name__,
                    )
                    if value == "auto":
                        raise ValueError(
                            f"{name}={params[name]!r}: 'auto' stands for the whole parameter, "
                            f"not one layer's value; give {name}='auto' or numbers per layer."
                        )
        resolve_alphabet(self.alphabet)
        shape = getattr(self, "input_shape_", None)
        params.update(resolve(params, shape[0] if shape else None))
        return expand_layer_params(params)

    def _split(self, encoded, targets, weights, strata, validation_targets, validation_data, seed):
        """(train, validation), each (EncodedInput, targets, weights), or validation None.

        ``strata``: labels to stratify the internal split by, or None;
        ``validation_targets(y_val, n_val)``: (targets, weights) of
        ``validation_data``'s y, read as the fit's y was.
        """

        def part(rows):
            return encoded.subset(rows), targets[rows], None if weights is None else weights[rows]

        if validation_data is not None:
            if not (isinstance(validation_data, tuple) and len(validation_data) == 2):
                raise TypeError("validation_data must be a tuple (X_val, y_val).")
            x_val = self._encode(validation_data[0], reset=False)
            if validation_data[1] is None:
                raise ValueError("validation_data's y is None; give (X_val, y_val).")
            t_val, w_val = validation_targets(validation_data[1], len(x_val))
            return (encoded, targets, weights), (x_val, t_val, w_val)
        if self.validation_fraction == 0:
            return (encoded, targets, weights), None
        n_val = int(np.ceil(self.validation_fraction * len(encoded)))
        if strata is None:
            splitter = ShuffleSplit(test_size=n_val, random_state=seed)
        else:
            n_val = max(n_val, len(np.unique(strata)))
            splitter = StratifiedShuffleSplit(test_size=n_val, random_state=seed)
        try:
            train_rows, val_rows = next(splitter.split(encoded.values, strata))
        except ValueError as err:
            raise ValueError(
                f"Cannot hold out validation_fraction={self.validation_fraction} of "
                f"{len(encoded)} samples for validation ({err}). Use more data, pass "
                "validation_data=(X_val, y_val), or set validation_fraction=0."
            ) from None
        return part(train_rows), part(val_rows)
