"""From first-layer kernels to motifs: thresholds, sites, importance.

For kernel ``k`` and class ``c`` let :math:`m_{k,c}` be the mean, over the
sequences of class ``c``, of the kernel's maximum activation. Then

* threshold :math:`t_k = \\max_c m_{k,c}`, reached by the top class
  :math:`c^*_k = \\arg\\max_c m_{k,c}` (the first one on ties);
* importance :math:`\\max_c m_{k,c} - \\min_c m_{k,c}`;
* sites: sequences of class :math:`c^*_k` whose maximum activation is
  above :math:`t_k` (or equal to it within float32 rounding), at most
  ``max_sites`` of them, the most strongly activated first (ties by
  sequence order); each contributes the window of ``kernel_len``
  positions at its maximum.

Classes without sequences are left out of the maximum and minimum.

A regressor has no classes: its sequences are grouped by the quarters of one
output (``Q1`` the lowest values, ``Q4`` the highest), which play the classes'
part in the threshold, the sites and the figures, so that an activator's
sites come from ``Q4`` and a repressor's from ``Q1``. Its importance is what
the kernel adds to the fit: the increase of the loss (in standardised units)
when the kernel is silenced (its activation set to 0 everywhere), summed over
the outputs; each kernel also gets the Pearson correlation of its maximum
activation with each output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from sklearn.utils.validation import check_is_fitted

from .._labels import label_indicator, output_labels
from .._motif import Motif, MotifPair, motif_for
from .._network.keras_setup import import_keras
from .._network.predict import predict
from ..encoding import _no_symbols_error
from ..metrics import _weighted_r
from ._activations import KernelActivations, activation_profiles, kernel_activations

if TYPE_CHECKING:
    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

#: Most sites per kernel motif.
MAX_SITES = 750
#: Most sequences a regressor's kernels are silenced on (a random subset beyond).
MAX_SILENCED = 10000


class KernelMotif(NamedTuple):
    """One first-layer kernel read as a motif.

    Attributes
    ----------
    motif : Motif, MotifPair or None
        The motif of its sites; a MotifPair for sequence+structure input;
        None when no sequence exceeds the kernel's threshold (a kernel that
        never fires).
    importance : float
        Classifier: largest minus smallest per-class mean of its maximum
        activation. Regressor: the increase of the loss when the kernel is
        silenced (see the module notes).
    """

    motif: Motif | MotifPair | None
    importance: float


def _statistics(max_activations, membership):
    """Per-class means, thresholds, top classes and importance of every kernel.

    Parameters
    ----------
    max_activations : ndarray, shape (n_samples, n_kernels)
    membership : ndarray of bool, shape (n_samples, n_classes)

    Returns
    -------
    means : ndarray, shape (n_kernels, n_classes)
        NaN for classes without sequences.
    threshold, importance : ndarray, shape (n_kernels,)
    top_class : ndarray of int, shape (n_kernels,)
        Column of ``membership``.
    """
    counts = membership.sum(axis=0)
    if not counts.any():
        raise ValueError("No sequence belongs to any class; check y.")
    with np.errstate(invalid="ignore", divide="ignore"):
        means = (max_activations.T.astype(np.float64) @ membership) / counts
    present = np.where(counts > 0, means, np.nan)
    threshold = np.nanmax(present, axis=1)
    top_class = np.nanargmax(present, axis=1)
    importance = threshold - np.nanmin(present, axis=1)
    return present, threshold, top_class, importance


def _above_threshold(max_activations, threshold):
    """Whether maximum activations reach the threshold (within float32 rounding).

    A kernel that matches a planted motif perfectly gives every site the
    same maximum, which then equals the class mean: those count as above.
    """
    tolerance = 1e-6 * np.maximum(np.abs(threshold), 1e-12)
    return max_activations >= threshold - tolerance


def _select_sites(max_activations, membership, threshold, top_class, max_sites=MAX_SITES):
    """Rows of the top class above the threshold, strongest first, at most ``max_sites``."""
    rows = np.flatnonzero(_above_threshold(max_activations, threshold) & membership[:, top_class])
    order = np.argsort(-max_activations[rows], kind="stable")
    return rows[order[:max_sites]]


@dataclass
class RegressionReading:
    """How a regressor's kernels relate to its targets.

    Attributes
    ----------
    values : ndarray of float64, shape (n_samples, n_outputs)
        The targets in the user's units (NaN where missing).
    output : int
        The output whose quarters group the sequences.
    output_names : list of str, length n_outputs
        For display: y's column names, else ``y`` (one output) or ``y[0]``,
        ``y[1]``, ...
    correlation : ndarray of float64, shape (n_kernels, n_outputs)
        Pearson's r of each kernel's maximum activation with each output.
    loss_change : ndarray of float64, shape (n_kernels, n_outputs)
        Increase of each output's mean loss (standardised units) when the
        kernel is silenced.
    """

    values: np.ndarray
    output: int
    output_names: np.ndarray
    correlation: np.ndarray
    loss_change: np.ndarray

    @classmethod
    def compute(cls, estimator, activations, y, target=None):
        """Correlations and silencing losses of every kernel of a fitted regressor."""
        values = estimator.check_targets(y, len(activations.max))
        output = 0 if target is None else estimator.output_index(target)
        correlation = np.empty((activations.max.shape[1], values.shape[1]))
        for o in range(values.shape[1]):  # Pearson's r over the samples where o was measured
            rows = ~np.isnan(values[:, o])
            maxima = activations.max[rows].astype(np.float64)
            target = np.repeat(values[rows, o][:, None], maxima.shape[1], axis=1)
            correlation[:, o] = _weighted_r(maxima, target, np.ones(len(maxima)))
        loss_change = silencing_losses(estimator, activations.inputs, values)
        names = output_labels(estimator.output_names_)
        return cls(values, output, names, correlation, loss_change)

    def quarters(self):
        """Membership of the sequences in the quarters of :attr:`output`, and their names.

        Returns
        -------
        membership : ndarray of bool, shape (n_samples, 4)
            Missing values belong to no quarter.
        names : ndarray of str, shape (4,)
            ``Q1`` (lowest) to ``Q4`` (highest).
        """
        column = self.values[:, self.output]
        known = ~np.isnan(column)
        edges = np.quantile(column[known], [0.25, 0.5, 0.75])
        quarter = np.searchsorted(edges, column, side="right")
        membership = (quarter[:, None] == np.arange(4)[None, :]) & known[:, None]
        return membership, np.array(["Q1", "Q2", "Q3", "Q4"])


def silencing_losses(estimator, encoded, values, max_sequences=MAX_SILENCED):
    """Increase of a regressor's loss when each first-layer kernel is silenced.

    A kernel is silenced by setting its weights to 0 and its bias to -1e9, so
    that its activation (ReLU or exponential) is 0 at every position; the
    network runs in inference mode, on a copy, one kernel at a time.

    Parameters
    ----------
    estimator : fitted ConvMotifRegressor
    encoded : EncodedInput
    values : ndarray of float64, shape (n_samples, n_outputs)
        The targets in the user's units (NaN where missing).
    max_sequences : int, default=MAX_SILENCED
        At most this many sequences (a random subset, seed 0) are used.

    Returns
    -------
    ndarray of float64, shape (n_kernels, n_outputs)
        Silenced minus intact mean loss per output, in standardised units.
    """
    keras = import_keras()
    rows = np.arange(len(encoded))
    if len(rows) > max_sequences:
        rows = np.sort(np.random.default_rng(0).choice(rows, max_sequences, replace=False))
    encoded = encoded.subset(rows)
    head = estimator.head()
    targets = head.encode(values[rows])
    observed = np.maximum((~np.isnan(targets)).sum(axis=0), 1)
    network = estimator.network()
    copy = keras.models.clone_model(network.model)
    copy.set_weights(network.model.get_weights())
    conv = copy.get_layer(network.first_convolution().name)
    kernel, bias = (keras.ops.convert_to_numpy(w) for w in (conv.kernel, conv.bias))

    def mean_loss():
        return head.sample_losses(targets, predict(copy, encoded)).sum(axis=0) / observed

    intact = mean_loss()
    change = np.empty((kernel.shape[-1], targets.shape[1]))
    for k in range(kernel.shape[-1]):
        silent_kernel, silent_bias = kernel.copy(), bias.copy()
        silent_kernel[..., k], silent_bias[k] = 0.0, -1e9
        conv.kernel.assign(silent_kernel)
        conv.bias.assign(silent_bias)
        change[k] = mean_loss() - intact
    return change


@dataclass
class KernelSummary:
    """Activations of X, the classes of y, and the statistics of every kernel.

    Attributes
    ----------
    activations : KernelActivations
    membership : ndarray of bool, shape (n_samples, n_classes)
        Classes, or a regressor's quarters of one output.
    classes : ndarray, shape (n_classes,)
    threshold, importance : ndarray of float64, shape (n_kernels,)
    top_class : ndarray of int, shape (n_kernels,)
        Column of ``membership`` (index into ``classes``).
    regression : RegressionReading or None
        A regressor's targets, correlations and silencing losses.
    """

    activations: KernelActivations
    membership: np.ndarray
    classes: np.ndarray
    threshold: np.ndarray
    top_class: np.ndarray
    importance: np.ndarray
    regression: RegressionReading | None = None

    @classmethod
    def compute(cls, estimator, X, y, activations=None, target=None):
        """The summary of X, y; activations are computed unless given.

        Parameters
        ----------
        estimator : fitted ConvMotifClassifier or ConvMotifRegressor
        X : array-like
        y : array-like, shape (n_samples,) or (n_samples, n_outputs)
        activations : KernelActivations, optional
            From :func:`~skmotif.interpret.kernel_activations` on the same X.
        target : output, optional
            A regressor's output whose quarters group the sequences (default
            its first); ignored for a classifier.

        Returns
        -------
        KernelSummary
        """
        check_reads_targets(estimator)
        if activations is None:
            activations = kernel_activations(estimator, X)
        regression = None
        if estimator.head().regression:
            regression = RegressionReading.compute(estimator, activations, y, target)
            membership, classes = regression.quarters()
        else:
            membership, classes, _ = label_indicator(y)
        if len(membership) != len(activations.max):
            raise ValueError(f"X has {len(activations.max)} samples but y has {len(membership)}.")
        _, threshold, top, importance = _statistics(activations.max, membership)
        if regression is not None:
            importance = regression.loss_change.sum(axis=1)
        return cls(activations, membership, classes, threshold, top, importance, regression)

    def above(self):
        """Which sequences reach each kernel's threshold.

        Returns
        -------
        ndarray of bool, shape (n_samples, n_kernels)
        """
        return _above_threshold(self.activations.max, self.threshold)

    def sites(self, kernel, max_sites=MAX_SITES):
        """Rows of one kernel's sites, strongest first (see the module notes)."""
        return _select_sites(
            self.activations.max[:, kernel],
            self.membership,
            self.threshold[kernel],
            self.top_class[kernel],
            max_sites,
        )

    def motif(self, kernel, rows):
        """The motif of one kernel's windows at the given sequences.

        Parameters
        ----------
        kernel : int
        rows : ndarray of int
            Sequences whose windows make the motif, e.g. :meth:`sites`.

        Returns
        -------
        Motif, MotifPair (sequence+structure input), or None without rows

        Raises
        ------
        ValueError
            For numeric input whose leading channels do not read as the
            estimator's alphabet.
        """
        if not len(rows):
            return None
        acts = self.activations
        alphabet = acts.inputs.alphabet
        if alphabet is None:
            raise _no_symbols_error(acts.inputs.channels, "kernel motifs")
        windows = acts.inputs.windows(rows, acts.argmax[rows, kernel], acts.kernel_len)
        counts = windows[:, :, : alphabet.size].sum(axis=0, dtype=np.float64)
        return motif_for(alphabet, counts=counts, n_sites=len(rows), name=f"kernel_{kernel}")


def kernel_motifs(
    estimator: BaseEstimator,
    X: ArrayLike,
    y: ArrayLike,
    activations: KernelActivations | None = None,
    max_sites: int = MAX_SITES,
    target: object = None,
) -> list[KernelMotif]:
    """The motif and importance of every first-layer kernel.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
    X : array-like
        Sequences of the kind the estimator was fit on (often a test set).
    y : array-like, shape (n_samples,) or (n_samples, n_outputs)
        Their classes, or a regressor's targets.
    activations : KernelActivations, optional
        From :func:`skmotif.interpret.kernel_activations` on the same X,
        to avoid computing them again.
    max_sites : int, default=750
        Most sites per motif.
    target : output, optional
        A regressor's output whose quarters group the sequences (default
        its first); see the module notes. Ignored for a classifier.

    Returns
    -------
    list of KernelMotif, one per kernel in kernel order
        ``(motif, importance)`` pairs (named tuples): ``motif`` is a Motif, a
        MotifPair for sequence+structure input, or None when no sequence
        exceeds the kernel's threshold.

    Raises
    ------
    ValueError
        For a classifier's y of one class (or a multi-label y with positive
        samples of one label only): every importance would be 0.
    """
    check_is_fitted(estimator)
    check_reads_targets(estimator)
    if not estimator.head().regression:
        _check_classes(y)
    summary = KernelSummary.compute(estimator, X, y, activations, target)
    return [
        KernelMotif(summary.motif(k, summary.sites(k, max_sites)), float(summary.importance[k]))
        for k in range(len(summary.importance))
    ]


def _check_classes(y):
    """ValueError for y in which fewer than two classes (labels) have sequences.

    A kernel's importance is the spread of its mean maximum activation over
    the classes: with one class it is 0 for every kernel.
    """
    membership, classes, multilabel = label_indicator(y)
    present = classes[membership.any(axis=0)].tolist()
    if len(present) >= 2:
        return
    if multilabel:
        held = (
            f"positive samples of the label column {present[0]} only"
            if present
            else "no positive sample of any label"
        )
        what = "with positive samples of at least two labels"
    else:
        held = f"one class ({present[0]!r})" if present else "no class"
        what = "of at least two classes"
    raise ValueError(
        f"y has {held}, so every kernel's importance would be 0: it compares the kernels' "
        f"mean activations between classes. Give sequences {what}, e.g. a whole test set, "
        "not its positives only."
    )


@dataclass
class KernelStatistics:
    """The few numbers one kernel's report figures show; small, for a worker process."""

    kernel: int
    motif: object
    title: str
    classes: np.ndarray
    threshold: float
    histogram: np.ndarray  # (n_classes, n_positions) sequences per window start
    mean: np.ndarray  # (n_classes, n_positions)
    sd: np.ndarray
    maxima: list  # per class, max activations of its sequences
    features: tuple | None  # (mean, sd), each (kernel_len, n_features), or None
    group_name: str = "class"  # what ``classes`` are
    # A regressor's: the grouping output's name and values with each sequence's maximum,
    # and this kernel's correlation and silencing loss per output.
    target: tuple | None = None  # (name, values, maxima, Pearson's r)
    correlation: np.ndarray | None = None
    loss_change: np.ndarray | None = None


def kernel_statistics(estimator, X, y, activations=None, kernels=None, target=None):
    """What the kernel report shows of each kernel, all kernels by default.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
    X : array-like
    y : array-like, shape (n_samples,) or (n_samples, n_outputs)
    activations : KernelActivations, optional
        From :func:`kernel_activations` on the same X.
    kernels : list of int, optional
    target : output, optional
        A regressor's output whose quarters group the sequences.

    Returns
    -------
    statistics : list of KernelStatistics
        One per kernel asked for.
    summary : KernelSummary
    """
    summary = KernelSummary.compute(estimator, X, y, activations, target)
    n_kernels = len(summary.importance)
    kernels = range(n_kernels) if kernels is None else kernels
    for k in kernels:
        if not 0 <= k < n_kernels:
            raise ValueError(f"kernel must be in [0, {n_kernels}); got {k}.")
    above = summary.above()
    selected = above[:, :, None] & summary.membership[:, None, :]
    mean, sd = activation_profiles(estimator, summary.activations, selected)
    return [
        _one_kernel_statistics(summary, above[:, k], mean[k], sd[k], k) for k in kernels
    ], summary


def _one_kernel_statistics(summary, above, mean, sd, kernel):
    """What one kernel's figures show; ``above``, ``mean``, ``sd`` are that kernel's."""
    acts = summary.activations
    column, where = acts.max[:, kernel], acts.argmax[:, kernel]
    histogram = np.stack(
        [
            np.bincount(where[above & summary.membership[:, c]], minlength=acts.n_positions)
            for c in range(len(summary.classes))
        ]
    )
    rows = summary.sites(kernel)
    motif = summary.motif(kernel, rows)
    features = None
    extra = acts.inputs.channels - acts.inputs.symbol_channels
    if motif is not None and not acts.inputs.is_codes and extra:
        windows = acts.inputs.windows(rows, where[rows], acts.kernel_len)
        windows = windows[:, :, acts.inputs.symbol_channels :]
        features = (windows.mean(axis=0), windows.std(axis=0))
    top = summary.classes[summary.top_class[kernel]]
    regression = summary.regression
    extra = {} if regression is None else _regression_statistics(regression, column, kernel)
    return KernelStatistics(
        kernel=kernel,
        motif=motif,
        title=f"Kernel {kernel} ({len(rows)} sites, "
        f"{'quarter' if regression is not None else 'class'} {top})",
        classes=summary.classes,
        threshold=float(summary.threshold[kernel]),
        histogram=histogram,
        mean=mean,
        sd=sd,
        maxima=[column[summary.membership[:, c]] for c in range(len(summary.classes))],
        features=features,
        **extra,
    )


def _regression_statistics(regression, maxima, kernel):
    """A regressor kernel's extra fields of :class:`KernelStatistics`; ``maxima`` are its
    activation maxima, one per sequence."""
    output = regression.output
    known = ~np.isnan(regression.values[:, output])
    return {
        "group_name": f"quarter of {regression.output_names[output]}",
        "target": (
            str(regression.output_names[output]),
            regression.values[known, output],
            maxima[known],
            float(regression.correlation[kernel, output]),
        ),
        "correlation": regression.correlation[kernel],
        "loss_change": regression.loss_change[kernel],
    }


def check_reads_targets(estimator):
    """ValueError for a model whose targets the kernel readers do not read (profiles)."""
    if estimator.head().family not in ("classes", "values"):
        raise ValueError(
            f"Kernel importance is read against classes or one value per sequence; the "
            f"per-base counts of a {type(estimator).__name__} are not read yet. Use "
            "skmotif.interpret.kernel_activations for the kernels' activations, or "
            "deep_lift_shap and modisco_motifs for what the model learned."
        )
