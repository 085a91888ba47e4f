"""ConvMotifProfileRegressor: base-resolution read profiles and counts (BPNet), as an estimator."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
from sklearn.base import RegressorMixin
from sklearn.utils.validation import check_is_fitted

from .._alphabet import Alphabet, resolve_alphabet
from .._codec import _check_collection
from .._network import train as _train
from .._network.build import Network
from .._network.description import Head, describe, trunk_lengths
from .._network.heads.profile import UNITS
from .._network.parameters import PROFILE, Parameter
from .._network.predict import batch_for
from .._network.predict import predict as predict_outputs
from .._network.profile_data import central_counts, profile_dataset
from .base import FITTED_INPUT, ConvMotifBase, _check_callbacks, _check_known_symbols, loss_weights

if TYPE_CHECKING:
    import os

    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

    from ..encoding import EncodedInput

__all__ = ["ConvMotifProfileRegressor"]


def _count_values(y, n_samples):
    """y as float64, shape (n, positions) or (n, positions, n_tracks), checked as counts.

    Raises
    ------
    TypeError, ValueError
        For y that is not numeric, not 2-D or 3-D, of another length than X,
        negative or not finite.
    """
    _check_collection(y, "y")
    try:
        values = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            "y must hold read counts (numbers) per region and base; it holds values "
            "that do not convert to float."
        ) from None
    if values.ndim not in (2, 3) or 0 in values.shape[1:]:
        raise ValueError(
            f"y has shape {values.shape}; give counts per region and base, shape "
            "(n_regions, positions), or per region, base and track, shape (n_regions, "
            "positions, n_tracks) (two tracks for the + and - strands)."
        )
    if len(values) != n_samples:
        raise ValueError(f"X has {n_samples} regions but y has {len(values)}; they must match.")
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        row = int(np.flatnonzero(bad.reshape(len(values), -1).any(axis=1))[0])
        raise ValueError(
            f"y[{row}] holds a value that is negative, NaN or infinite; counts must be "
            "finite and >= 0 (set missing bases to 0)."
        )
    return values


class ConvMotifProfileRegressor(RegressorMixin, ConvMotifBase):
    """Base-resolution profile model (BPNet): read counts at every base, and their total.

    From a window of DNA the network predicts, at every base of a central
    window, the share of the reads (the profile, on one or two strand
    tracks) and the window's total count: the model that ChIP-nexus/exo,
    ChIP-seq, ATAC, DNase and PRO-cap data are trained on with bpnet-lite,
    ChromBPNet and gReLU. The network is bpnet-lite's by default: a
    convolution of 21 positions and 64 filters, 8 dilated residual blocks
    (kernel 3, dilations 2 to 256, no padding: post-activation residuals
    ``h + ReLU(conv(h))`` cropped to the convolution's output, as
    bpnet-lite), a profile head (one convolution of 75 positions cropped to
    the output window) and a count head (the mean of the trunk's output
    over the positions the profile window reads, then one linear unit
    predicting ``log(1 + total)``). The official BPNet's pre-activation
    residuals and control convolution are not used.

    The loss of a region is the multinomial negative log-likelihood of its
    counts under one softmax over all positions and tracks (both strands
    share one distribution, as bpnet-lite) plus ``count_weight`` times the
    squared error of ``log(1 + total)``. Every region counts in both parts:
    a region without reads adds nothing to the profile's, so background
    regions train the count head only. Training reads regions at random
    offsets within a margin (``random_crop``) on random strands, and stops
    early on the validation loss.

    %(per_layer)s

    Parameters
    ----------
    %(parameters)s

    Attributes
    ----------
    n_tracks_ : int
        Tracks per position of y (1, or 2 for the + and - strands).
    multitrack_ : bool
        Whether y was 3-D; :meth:`predict` then returns 3-D profiles.
    output_length_ : int
        Positions of the predicted window: y's minus ``2 * random_crop``.
    count_weight_ : float
        The count loss weight used (``count_weight``, or the ``"auto"`` rule's value).
    n_features_in_ : int
        1 (sequences).
    alphabet_ : Alphabet
    input_shape_ : tuple of int
        (length, channels) of the network input: X's length minus ``2 * random_crop``.
    model_ : keras.Model
        The trained network. Its one output, shape (n, output_length_ *
        n_tracks_ + 1), holds the profile logits (positions, tracks inner) and
        the predicted ``log(1 + total)``.
    history_ : dict of str to list of float
    best_epoch_ : int

    Examples
    --------
    >>> from skmotif import ConvMotifProfileRegressor
    >>> from skmotif.datasets import make_motif_profiles
    >>> data = make_motif_profiles(200, input_length=300, output_length=100, random_state=0)
    >>> model = ConvMotifProfileRegressor(kernel_num=16, residual_num=3, profile_kernel_len=15,
    ...                                   random_crop=10, epochs=2, random_state=0)
    >>> model.fit(data.X, data.y).predict(data.X[:3]).shape
    (3, 80, 2)
    """

    PARAMETERS: ClassVar[tuple[Parameter, ...]] = PROFILE
    FITTED_ATTRIBUTES: ClassVar[tuple] = (
        "n_tracks_",
        "multitrack_",
        "output_length_",
        "count_weight_",
        *FITTED_INPUT,
    )
    _BASELINE = "the training regions' mean profile and mean log count"
    head_family: ClassVar[str] = "profiles"

    def __init__(
        self,
        kernel_num: int = 64,
        kernel_len: int = 21,
        residual_num: int = 8,
        residual_kernel_len: int = 3,
        residual_dilation: int | str | tuple[int, ...] = "doubling",
        profile_kernel_len: int = 75,
        count_weight: float | str = "auto",
        random_crop: int = 128,
        reverse_complement: bool = True,
        batch_size: int = 64,
        learning_rate: float = 0.001,
        patience_lr: int = 3,
        patience_stopping: int = 5,
        epochs: int = 50,
        alphabet: str | Alphabet = "ACGT",
        random_state: int | np.random.RandomState | None = None,
        validation_fraction: float = 0.1,
        verbose: int = 0,
        callbacks: list | None = None,
        init_motifs: list | str | None = None,
        parent: str | os.PathLike | BaseEstimator | None = None,
        warm_start: bool = False,
    ) -> None:
        self.kernel_num = kernel_num
        self.kernel_len = kernel_len
        self.residual_num = residual_num
        self.residual_kernel_len = residual_kernel_len
        self.residual_dilation = residual_dilation
        self.profile_kernel_len = profile_kernel_len
        self.count_weight = count_weight
        self.random_crop = random_crop
        self.reverse_complement = reverse_complement
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.patience_lr = patience_lr
        self.patience_stopping = patience_stopping
        self.epochs = epochs
        self.alphabet = alphabet
        self.random_state = random_state
        self.validation_fraction = validation_fraction
        self.verbose = verbose
        self.callbacks = callbacks
        self.init_motifs = init_motifs
        self.parent = parent
        self.warm_start = warm_start

    # -- fitting -----------------------------------------------------------------------

    def _fit(self, X, y, sample_weight, validation_data):
        """:meth:`fit`: every input checked before the network is built, then training."""
        warm = self._warm_state()
        for stale in ("input_shape_", "output_length_"):
            vars(self).pop(stale, None)
        self._layer_spec()
        callbacks = _check_callbacks(self.callbacks)
        encoded = self._encode(X, reset=True)
        _check_known_symbols(encoded)
        if y is None:
            raise ValueError(f"{type(self).__name__} requires y: counts per region and base.")
        counts = self._check_counts(y, len(encoded), reset=True)
        weights = loss_weights(sample_weight, len(encoded))
        complement = self._check_augmentation(encoded)
        self._set_lengths(encoded.length, counts.shape[1])
        seeds = self._seeds(warm)
        start = self._starting_points(self._architecture())

        def validation_targets(y_val, n_val):
            return self._check_counts(y_val, n_val, reset=False), None

        train, validation = self._split(
            encoded, counts, weights, None, validation_targets, validation_data, seeds.split
        )
        totals = train[1].sum(axis=(1, 2))
        self.count_weight_ = (
            max(float(np.median(totals)) / 10, 1.0)
            if self.count_weight == "auto"
            else float(self.count_weight)
        )
        self._train_network(train, validation, complement, (seeds, warm, start), callbacks)

    def _train_network(self, train, validation, complement, start, callbacks):
        """Build the network and train it on (EncodedInput, counts, weights) parts."""
        lengths = (self.input_shape_[0], self.output_length_)
        seeds, warm, start = start  # a warm start keeps the fitted network's weights
        train_data = profile_dataset(
            *train, self.batch_size, lengths, seeds.data,
            complement if self.reverse_complement else None,
        )  # fmt: skip
        arch = self._architecture()
        self.model_ = self._start_network(arch, seeds, warm, start)
        validation_data = None if validation is None else profile_dataset(
            *self._central(validation), batch_for(self.model_), lengths
        )  # fmt: skip
        settings = self._settings(callbacks)
        if warm is None:  # the count unit starts at the mean log count, not at 0 reads
            count = Network(arch, self.model_).layers(arch.head)["count"]
            count.bias.assign([float(np.log1p(train[1].sum(axis=(1, 2))).mean())])
        try:
            self.history_, self.best_epoch_ = _train.fit_datasets(
                Network(arch, self.model_), train_data, validation_data, settings
            )
        except _train.Diverged as diverged:
            raise ValueError(self._divergence_message(diverged, train[0], train[2])) from None
        head = self.head()
        monitored = [self._central(part) for part in (train, validation) if part is not None]
        self._warn_if_not_learned(
            Network(arch, self.model_),
            *[(x, head.encode(c), w) for x, c, w in monitored],
            *([None] if validation is None else []),
        )

    def _central(self, part):
        """(EncodedInput, counts, weights) read at their central windows."""
        encoded, counts, weights = part
        return (
            encoded.central(self.input_shape_[0]),
            central_counts(counts, self.output_length_),
            weights,
        )

    def _check_augmentation(self, encoded):
        """The complement codes when ``reverse_complement``, after checking X is sequences."""
        if not encoded.is_codes:
            raise ValueError(
                f"{type(self).__name__} reads sequences (strings, or skmotif's EncodedInput "
                "of symbol codes); X is numeric. Pass the sequences."
            )
        if not self.reverse_complement:
            return None
        try:
            return encoded.complement()
        except ValueError as error:
            raise ValueError(
                f"reverse_complement=True reads the opposite strand: {error} Set "
                "reverse_complement=False for this input."
            ) from None

    def _check_counts(self, y, n_samples, reset):
        """y as float32 counts (n, positions, n_tracks), checked; at fit sets the track state.

        Raises
        ------
        TypeError, ValueError
            For y that is not numeric, not 2-D or 3-D, of another length than X,
            negative or not finite; with other tracks or (once fitted) another
            window than the fit's.
        """
        values = _count_values(y, n_samples)
        counts = values.reshape(*values.shape[:2], -1)
        if reset:
            self.n_tracks_, self.multitrack_ = counts.shape[2], values.ndim == 3
        elif counts.shape[2] != self.n_tracks_:
            raise ValueError(
                f"y has {counts.shape[2]} tracks but the model was fit on {self.n_tracks_}."
            )
        if reset and self.reverse_complement and self.n_tracks_ > 2:
            raise ValueError(
                f"y has {self.n_tracks_} tracks; reverse_complement=True reads them as strands "
                "(1 track, or 2: + and -). Fit one model per experiment, or set "
                "reverse_complement=False."
            )
        if not reset:
            wanted = self.output_length_ + 2 * self.random_crop
            if counts.shape[1] not in (self.output_length_, wanted):
                raise ValueError(
                    f"y has {counts.shape[1]} positions per region; the model predicts "
                    f"{self.output_length_} (give those, or {wanted} with the margin)."
                )
            counts = central_counts(counts, self.output_length_)
        return counts.astype(np.float32)

    def _set_lengths(self, x_length, y_length):
        """``input_shape_`` and ``output_length_`` from the data's lengths, checked."""
        crop = self.random_crop
        length_in, length_out = x_length - 2 * crop, y_length - 2 * crop
        if length_out < 1:
            raise ValueError(
                f"y's windows have {y_length} positions and random_crop={crop} takes "
                f"{2 * crop} of them; use random_crop < {(y_length + 1) // 2}, or wider windows."
            )
        self.input_shape_ = (length_in, self.input_shape_[1])
        self.output_length_ = length_out
        # Positions the trunk and the profile convolution take off, read from the description.
        long = 2**20
        trunk = describe(self._layer_spec(), (long, self.input_shape_[1]), self.head()).blocks
        reach = long - trunk_lengths(long, trunk)[-1][-1][1] + self.profile_kernel_len
        difference = length_in - length_out
        if difference < reach - 1 or difference % 2:
            raise ValueError(
                f"X's sequences have {x_length} positions and y's windows {y_length}: the "
                f"network reads {length_in} and predicts {length_out}, {difference} fewer. Each "
                f"predicted base reads {reach} positions (the receptive field), so the input must "
                f"be at least {reach - 1} positions longer than the output, and longer by an "
                f"even number, to centre the output (for {length_out} predicted positions, X's "
                f"sequences need {length_out + reach - 1 + 2 * crop} positions or more). Cut "
                "wider sequences or narrower count windows, "
                "or use a smaller network (residual_num, kernel_len, profile_kernel_len)."
            )

    # -- the network -----------------------------------------------------------------

    def _layer_spec(self):
        """The parameters as the network description reads them (one value per layer)."""
        dilation = self._checked_layers()["residual_dilation"]
        if isinstance(dilation, tuple) and len(dilation) != self.residual_num:
            raise ValueError(
                f"residual_dilation={dilation!r} gives {len(dilation)} values but "
                f"residual_num={self.residual_num}; give one per block or 'doubling'."
            )
        resolve_alphabet(self.alphabet)
        return {
            "conv_num": 1,
            "kernel_num": (self.kernel_num,),
            "kernel_len": (self.kernel_len,),
            "first_activation": "relu",
            "pool_size": (1,),
            "pool_stride": (1,),
            "dropout_conv": (0.0,),
            "residual_num": self.residual_num,
            "residual_kernel_len": self.residual_kernel_len,
            "residual_dilation": dilation if isinstance(dilation, tuple)
            else (dilation,) * self.residual_num,
            "residual_form": "valid",
            "global_skip": False,
            "dropout_input": 0.0,
            "kernel_constraint": None,
        }  # fmt: skip

    def head(self) -> Head:
        """The profile head of the fitted tracks and window.

        Returns
        -------
        Head
            Its ``n_tracks``, ``output_length``, ``kernel_len`` and ``count_weight``.
        """
        return Head(
            "profile",
            self.n_tracks_,
            self.output_length_,
            self.profile_kernel_len,
            getattr(self, "count_weight_", 1.0),
        )

    def _untried(self):
        rate = self.learning_rate
        return [
            f"another learning_rate (this fit used {rate:g}; e.g. {rate / 3:.2g} or "
            f"{min(rate * 3, 0.01):.2g})",
            "another count_weight (this fit used "
            f"{getattr(self, 'count_weight_', self.count_weight)})",
            "more regions or deeper sequencing",
        ]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False  # sequences, not numeric tables
        tags.target_tags.multi_output = True
        return tags

    # -- predictions -------------------------------------------------------------------

    def outputs(self, X: ArrayLike | EncodedInput) -> np.ndarray:
        """The network's outputs for X: profile logits, then the predicted log(1 + total).

        Parameters
        ----------
        X : array-like of str, shape (n_regions,), or EncodedInput
            Sequences of the network's input length (or longer: their centres are read).

        Returns
        -------
        ndarray of float64, shape (n_regions, output_length_ * n_tracks_ + 1)
        """
        return predict_outputs(self.model_, self.encode(X)).astype(np.float64)

    def predict(self, X: ArrayLike | EncodedInput) -> np.ndarray:
        """Expected read counts at every base: the profile times the predicted total.

        Parameters
        ----------
        X : array-like of str, shape (n_regions,), or EncodedInput
            Sequences of the network's input length ``input_shape_[0]``, or
            longer (their central windows are read, e.g. with the margin of
            ``random_crop``).

        Returns
        -------
        ndarray of float64, shape (n_regions, output_length_, n_tracks_)
            2-D, (n_regions, output_length_), when y was 2-D at fit.
        """
        profiles = self.scores(X)
        return profiles if self.multitrack_ else profiles[:, :, 0]

    def predict_counts(self, X: ArrayLike | EncodedInput) -> np.ndarray:
        """The predicted total count of each region (all bases and tracks).

        Returns
        -------
        ndarray of float64, shape (n_regions,)
        """
        return np.maximum(np.expm1(self.outputs(X)[:, -1]), 0.0)

    def score(
        self, X: ArrayLike | EncodedInput, y: ArrayLike, sample_weight: ArrayLike | None = None
    ) -> float:
        """The median over regions of the Pearson r of observed and predicted counts per base.

        scikit-learn's R² does not apply to profiles; this is the profile
        metric bpnet-lite and ChromBPNet report (regions without reads or
        with a constant profile are left out). For the counts use
        :data:`skmotif.metrics.count_pearson_scorer`; for all metrics
        :func:`skmotif.metrics.profile_metrics`.

        Parameters
        ----------
        X : array-like of str, shape (n_regions,)
        y : array-like, shape (n_regions, positions[, n_tracks])
            Observed counts, of the predicted window or with the ``random_crop`` margin.
        sample_weight : None
            Not supported (a ValueError when given).

        Returns
        -------
        float
        """
        if sample_weight is not None:
            raise ValueError("score takes no sample_weight for profiles; leave it None.")
        check_is_fitted(self)
        counts = self._check_counts(y, len(y), reset=False)
        return self.head().score(counts, self.scores(X))

    # -- the fitted model's contract -------------------------------------------------------

    def output_index(self, target: object = None, what: str = "target") -> int:
        """The unit of ``"profile"`` (0, also for None) or ``"counts"`` (1).

        Raises
        ------
        ValueError
            For another name.
        """
        if target is None:
            return 0
        if isinstance(target, (int, np.integer)) and 0 <= target < len(UNITS):
            return int(target)
        if target in UNITS:
            return UNITS.index(target)
        raise ValueError(
            f"{what}={target!r} is not an output of this model; use one of {list(UNITS)}."
        )

    def output_names(self) -> np.ndarray:
        """The two units interpretation reads: ``["profile", "counts"]``."""
        check_is_fitted(self)
        return np.asarray(UNITS, dtype=object)

    def output_labels(self) -> list[str]:
        """The units as text: ``["profile", "counts"]``."""
        return list(self.output_names())

    def output_truth(self, y: ArrayLike, unit: int) -> np.ndarray:
        """The observed counts (unit 0, shape (n, output_length_, n_tracks_)) or
        ``log(1 + total)`` (unit 1, shape (n,)) of y."""
        counts = self._check_counts(y, len(y), reset=False).astype(np.float64)
        return counts if unit == 0 else np.log1p(counts.sum(axis=(1, 2)))
