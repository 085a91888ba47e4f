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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .._labels import label_indicator
from .._motif import Motif, MotifPair, motif_for
from ..encoding import _no_symbols_error
from ._activations import KernelActivations, activation_profiles, kernel_activations

if TYPE_CHECKING:
    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

#: Most sites per kernel motif.
MAX_SITES = 750


class KernelMotif(NamedTuple):
    """One first-layer kernel read as a motif.

    Attributes
    ----------
    motif : Motif, MotifPair or None
        The motif of its sites; a MotifPair for sequence+structure input;
        None when no sequence exceeds the kernel's threshold (a kernel that
        never fires).
    importance : float
        Largest minus smallest per-class mean of its maximum activation.
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
class KernelSummary:
    """Activations of X, the classes of y, and the statistics of every kernel.

    Attributes
    ----------
    activations : KernelActivations
    membership : ndarray of bool, shape (n_samples, n_classes)
    classes : ndarray, shape (n_classes,)
    threshold, importance : ndarray of float64, shape (n_kernels,)
    top_class : ndarray of int, shape (n_kernels,)
        Column of ``membership`` (index into ``classes``).
    """

    activations: KernelActivations
    membership: np.ndarray
    classes: np.ndarray
    threshold: np.ndarray
    top_class: np.ndarray
    importance: np.ndarray

    @classmethod
    def compute(cls, estimator, X, y, activations=None):
        """The summary of X, y; activations are computed unless given.

        Parameters
        ----------
        estimator : fitted ConvMotifClassifier
        X : array-like
        y : array-like, shape (n_samples,) or (n_samples, n_labels)
        activations : KernelActivations, optional
            From :func:`~skmotif.interpret.kernel_activations` on the same X.

        Returns
        -------
        KernelSummary
        """
        if activations is None:
            activations = kernel_activations(estimator, X)
        membership, classes, _ = label_indicator(y)
        if len(membership) != len(activations.max):
            raise ValueError(f"X has {len(activations.max)} samples but y has {len(membership)}.")
        _, threshold, top, importance = _statistics(activations.max, membership)
        return cls(activations, membership, classes, threshold, top, importance)

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
) -> list[KernelMotif]:
    """The motif and importance of every first-layer kernel.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    X : array-like
        Sequences of the kind the estimator was fit on (often a test set).
    y : array-like, shape (n_samples,) or (n_samples, n_labels)
        Their classes.
    activations : KernelActivations, optional
        From :func:`skmotif.interpret.kernel_activations` on the same X,
        to avoid computing them again.
    max_sites : int, default=750
        Most sites per motif.

    Returns
    -------
    list of KernelMotif, one per kernel in kernel order
        ``(motif, importance)`` pairs (named tuples): ``motif`` is a Motif, a
        MotifPair for sequence+structure input, or None when no sequence
        exceeds the kernel's threshold.
    """
    summary = KernelSummary.compute(estimator, X, y, activations)
    return [
        KernelMotif(summary.motif(k, summary.sites(k, max_sites)), float(summary.importance[k]))
        for k in range(len(summary.importance))
    ]


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


def kernel_statistics(estimator, X, y, activations=None, kernels=None):
    """What the kernel report shows of each kernel, all kernels by default.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    X : array-like
    y : array-like, shape (n_samples,) or (n_samples, n_labels)
    activations : KernelActivations, optional
        From :func:`kernel_activations` on the same X.
    kernels : list of int, optional

    Returns
    -------
    statistics : list of KernelStatistics
        One per kernel asked for.
    summary : KernelSummary
    """
    summary = KernelSummary.compute(estimator, X, y, activations)
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
    return KernelStatistics(
        kernel=kernel,
        motif=motif,
        title=f"Kernel {kernel} ({len(rows)} sites, class {top})",
        classes=summary.classes,
        threshold=float(summary.threshold[kernel]),
        histogram=histogram,
        mean=mean,
        sd=sd,
        maxima=[column[summary.membership[:, c]] for c in range(len(summary.classes))],
        features=features,
    )
