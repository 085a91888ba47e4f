"""The shared base of ConvMotifClassifier and ConvMotifRegressor: parameters, fit, prediction.

The two estimators differ only in their head (:class:`~skmotif._network.description.Head`),
in how they read targets and in their own parameters; everything else lives here once:
fit, the input checks, the network, training, strand-averaged outputs, pickling and the
fitted-model helpers that interpretation reads. Each subclass writes its ``__init__`` out
and names its declared parameters (``PARAMETERS``, from ``_network/parameters.py``); its
``_parameter_constraints`` and the parameter entries of its docstring are made from them.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, _fit_context
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import ShuffleSplit, StratifiedShuffleSplit
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import validate_parameter_constraints
from sklearn.utils.validation import check_is_fitted

from .._alphabet import resolve_alphabet
from .._network import train as _train
from .._network.auto import resolve
from .._network.build import Network, build_network
from .._network.description import describe, expand_layer_params
from .._network.keras_setup import import_keras, model_from_bytes, model_to_bytes
from .._network.parameters import Parameter, constraints, document, older_values
from .._network.predict import predict as predict_outputs
from .._network.predict import strand_mean
from .fitted_input import _SequenceInput
from .parent import copy_trunk, parent_estimator, record
from .seeding import init_matrices, seed_kernels

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from ..encoding import EncodedInput

#: A fit counts as learned when its best monitored loss is this share below the baseline's.
LEARNED_MARGIN = 0.01

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


class ConvMotifBase(_SequenceInput, BaseEstimator):
    """What ConvMotifClassifier and ConvMotifRegressor share (not used on its own).

    A subclass writes out its ``__init__``, sets ``PARAMETERS`` (its declarations, in the
    order of ``__init__``) and ``head_family``, and implements ``head``, ``output_index``,
    ``output_names``, ``output_labels``, ``output_truth``, ``_targets`` and ``_BASELINE``
    (how the not-learned warning names the baseline).
    """

    #: The declared parameters, in the order of ``__init__`` (``_network/parameters.py``).
    PARAMETERS: ClassVar[tuple[Parameter, ...]] = ()
    #: The ``family`` of every head it fits (``"classes"``, ``"values"``), known before a
    #: fit; once fitted, ``head().family`` says the same.
    head_family: ClassVar[str] = ""
    #: The fitted attributes saving writes, beside ``model_``.
    FITTED_ATTRIBUTES: ClassVar[tuple] = FITTED_INPUT
    _BASELINE = "the baseline"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "PARAMETERS" not in cls.__dict__:  # e.g. a user's subclass: inherits all
            return
        cls._parameter_constraints = constraints(cls.PARAMETERS)
        if cls.__doc__:
            cls.__doc__ = document(cls.__doc__, cls.PARAMETERS)

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
        warm = self._warm_state()
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
        start = self._starting_points(arch)
        seeds = self._seeds(warm)
        train, validation = self._split(
            encoded, targets, weights, strata, validation_targets, validation_data, seeds.split
        )
        if self.random_crop and validation is not None:
            validation = (validation[0].central(self.input_shape_[0]), *validation[1:])
        settings = self._settings(
            callbacks,
            complement=complement if self.reverse_complement else None,
            max_shift=self.max_shift,
            crop_length=self.input_shape_[0] if self.random_crop else 0,
        )
        self.model_ = self._start_network(arch, seeds, warm, start)
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
        :meth:`scores`, :meth:`output_index`, :meth:`output_names`,
        :meth:`output_labels`, :meth:`output_truth`, :meth:`encode` and
        :meth:`check_params`): what interpretation, reports, genome scans and
        the command line read.

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

    def scores(self, X: ArrayLike | EncodedInput) -> np.ndarray:
        """What the model says of each output for X, as its head reads its outputs.

        ``head().decode(outputs(X))``: class probabilities (a classifier's
        :meth:`predict_proba`), or values in the units of the targets (a
        regressor's :meth:`predict`, always 2-D). Part of the fitted model's
        contract: the command line and the genome checks read predictions
        through it, whatever the head.

        Parameters
        ----------
        X : array-like of str, shape (n_samples,), or EncodedInput
            Input of the same kind as in :meth:`fit`.

        Returns
        -------
        ndarray of float64, shape (n_samples, n_outputs)
            Columns in the order of :meth:`output_names`.
        """
        outputs = self.outputs(X)  # checks that the estimator is fitted
        return self.head().decode(outputs)

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
        # A pickle from before a parameter existed: the value that built its network.
        state = {**older_values(self.PARAMETERS), **state}
        super().__setstate__(state)

    # -- fit helpers -----------------------------------------------------

    def _warm_state(self):
        """What ``warm_start`` continues: (network, input shape, output names, seeds), or None
        when it is off or the estimator is not fitted."""
        if not (self.warm_start and hasattr(self, "model_")):
            return None
        names = [str(n) for n in self.output_names()]
        return self.model_, tuple(self.input_shape_), names, getattr(self, "_seeds_drawn", None)

    def _seeds(self, warm):
        """This fit's seeds: a warm start's earlier ones (the same validation split), else
        drawn from ``random_state``; kept for a later warm start."""
        if warm is not None and warm[3] is not None:
            self._seeds_drawn = warm[3]
        else:
            self._seeds_drawn = _train.Seeds.draw(check_random_state(self.random_state))
        return self._seeds_drawn

    def _starting_points(self, arch):
        """(``init_motifs`` as (name, log-odds kernel) pairs, (parent, its folder) or None),
        checked before any training."""
        for stale in ("seeded_kernels_", "parent_"):
            vars(self).pop(stale, None)
        parent = None if self.parent is None else parent_estimator(self.parent)
        if self.init_motifs is None:
            return [], parent
        if parent is not None:
            raise ValueError(
                "init_motifs and parent both set the first kernels; give one of them."
            )
        first = next((b for b in arch.blocks if b.role == "conv"), None)
        if first is None:
            raise ValueError("init_motifs seeds convolution kernels; set conv_num >= 1.")
        return init_matrices(self.init_motifs, self.alphabet_, first.filters, first.width), None

    def _start_network(self, arch, seeds, warm, start=((), None)):
        """A new network of ``arch``: its first kernels seeded, or its trunk the parent's
        (``start``: :meth:`_starting_points`'); with a warm start, holding the fitted
        network's weights, or a ValueError naming what differs."""
        model = build_network(arch, seeds.network)
        matrices, parent = start
        if warm is None:
            if parent is not None:
                copy_trunk(parent[0], self.alphabet_, arch, model)
                self.parent_ = record(*parent)
            if matrices:
                self._seed(Network(arch, model), matrices)
            return model
        old, shape, names, _ = warm
        units = {"class": "classes"}.get(self.head().units, self.head().units + "s")
        differences = [
            (what, before, now)
            for what, before, now in (
                ("input (length, channels)", shape, tuple(self.input_shape_)),
                (units, names, [str(n) for n in self.output_names()]),
            )
            if before != now
        ]
        layers = [(w.path, tuple(w.shape)) for w in old.weights]
        wanted = [(w.path, tuple(w.shape)) for w in model.weights]
        if layers != wanted:  # (weight, shape) pairs only one of the networks has
            gone, new = (
                [w for w in a if w not in b] for a, b in ((layers, wanted), (wanted, layers))
            )
            differences.append(("weights", gone[:1] or "none other", new[:1] or "none other"))
        if differences:
            what, before, now = differences[0]
            raise ValueError(
                f"warm_start=True continues the fitted network, but its {what} differ: "
                f"{before} before, {now} now. Fit with the same input, {units} and network "
                "parameters, or set warm_start=False to "
                "start anew."
            )
        model.set_weights(old.get_weights())
        return model

    def _seed(self, network, matrices):
        """Write ``init_motifs``' kernels into the first convolution; keep their start."""
        first = next(b for b in network.arch.blocks if b.role == "conv")
        conv = network.layers(first)["conv"]
        kernel, bias = seed_kernels(
            conv.kernel.numpy(), conv.bias.numpy(), matrices, network.arch.max_norm
        )
        conv.kernel.assign(kernel)
        conv.bias.assign(bias)
        self.seeded_kernels_ = [(name, kernel[:, :, k]) for k, (name, _) in enumerate(matrices)]

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
        params = self._checked_layers()
        resolve_alphabet(self.alphabet)
        shape = getattr(self, "input_shape_", None)
        params.update(resolve(params, shape[0] if shape else None))
        return expand_layer_params(params)

    def _checked_layers(self):
        """The parameters, after checking each value of a per-layer tuple against the
        parameter's constraints (``"auto"`` only stands for a whole parameter)."""
        params = self.get_params()
        for parameter in self.PARAMETERS:
            name = parameter.name
            if parameter.per_layer and isinstance(params[name], tuple):
                for value in params[name]:
                    validate_parameter_constraints(
                        {name: list(parameter.constraints)},
                        {name: value},
                        caller_name=type(self).__name__,
                    )
                    if value == "auto":
                        raise ValueError(
                            f"{name}={params[name]!r}: 'auto' stands for the whole parameter, "
                            f"not one layer's value; give {name}='auto' or numbers per layer."
                        )
        return params

    def _settings(self, callbacks, **augmentation):
        """The training loop's :class:`~skmotif._network.train.Settings` of the estimator's
        parameters; ``augmentation``: the strand, shift and crop fields."""
        return _train.Settings(
            learning_rate=self.learning_rate,
            batch_size=self.batch_size,
            epochs=self.epochs,
            patience_lr=self.patience_lr,
            patience_stopping=self.patience_stopping,
            verbose=self.verbose,
            callbacks=callbacks,
            **augmentation,
        )

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
