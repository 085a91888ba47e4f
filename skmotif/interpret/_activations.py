"""First-layer kernel activations, computed once in bounded-memory batches.

The first convolution (``conv_1``, after its ReLU) maps every window of
``kernel_len`` positions to one activation per kernel; with a valid
convolution, output position ``p`` is the window starting at input position
``p``. Each sequence's maximum and its position are kept, and the full
(n_samples, positions, kernels) tensor too while it fits in
:data:`KEEP_BYTES`, so that the kernel report's position profiles need no
second pass of the convolution.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sklearn.utils.validation import check_is_fitted

from .._network.predict import run_batches, traced
from ..encoding import EncodedInput

if TYPE_CHECKING:
    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

#: Sequences per batch of first-layer activations.
BATCH = 1024
#: Largest full activation tensor kept in memory (256 MiB: 3,000 sequences x 300
#: positions x 70 kernels); larger inputs run the convolution again for the profiles.
KEEP_BYTES = 256 * 2**20


@dataclass
class KernelActivations:
    """Maximum first-layer activations and where they occur.

    Attributes
    ----------
    max : ndarray of float32, shape (n_samples, n_kernels)
        Largest activation of each kernel in each sequence.
    argmax : ndarray of int32, shape (n_samples, n_kernels)
        Window start of that maximum (the first one on ties).
    inputs : EncodedInput
        The encoded network input, for cutting out windows.
    kernel_len : int
        Window length of the first convolution.
    n_positions : int
        Output positions of the first convolution (length - kernel_len + 1).
    outputs : ndarray of float32, shape (n_samples, n_positions, n_kernels), or None
        All activations, when they fit in :data:`KEEP_BYTES`.
    """

    max: np.ndarray
    argmax: np.ndarray
    inputs: EncodedInput
    kernel_len: int
    n_positions: int
    outputs: np.ndarray | None = None

    def batches(self, estimator):
        """All activations batch by batch: the kept ones, or the convolution run again.

        Yields
        ------
        start : int
        activations : ndarray of float32, shape (batch, n_positions, n_kernels)
        """
        if self.outputs is None:
            yield from run_batches(_convolution(estimator.network()), self.inputs, BATCH)
            return
        for start in range(0, len(self.outputs), BATCH):
            yield start, self.outputs[start : start + BATCH]


def kernel_activations(estimator: BaseEstimator, X: ArrayLike | EncodedInput) -> KernelActivations:
    """Maximum activation and its position for every kernel and sequence.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    X : array-like
        Input of the kind the estimator was fit on.

    Returns
    -------
    KernelActivations
    """
    check_is_fitted(estimator)
    network = estimator.network()
    layer = network.first_convolution()
    encoded = estimator.encode(X)
    n_kernels, kernel_len = layer.filters, layer.kernel_size[0]
    n_positions = encoded.length - kernel_len + 1
    n = len(encoded)
    keep = n * n_positions * n_kernels * 4 <= KEEP_BYTES
    outputs = np.empty((n, n_positions, n_kernels), np.float32) if keep else None
    maxima = np.empty((n, n_kernels), dtype=np.float32)
    where = np.empty((n, n_kernels), dtype=np.int32)
    for start, out in run_batches(_convolution(network), encoded, BATCH):
        stop = start + len(out)
        where[start:stop] = out.argmax(axis=1)
        maxima[start:stop] = np.take_along_axis(out, where[start:stop, None, :], axis=1)[:, 0]
        if keep:
            outputs[start:stop] = out
    return KernelActivations(maxima, where, encoded, kernel_len, n_positions, outputs)


def _convolution(network):
    """The first convolution layer as a function of network input, traced once per network."""
    return traced(network.model, "first_convolution", network.first_convolution)


def activation_profiles(estimator, activations, selected):
    """Mean and standard deviation of each kernel's activation at every position.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    activations : KernelActivations
    selected : ndarray of bool, shape (n_samples, n_kernels, n_groups)
        Which sequences count for each kernel and group (e.g. class).

    Returns
    -------
    mean, sd : ndarray of float64, shape (n_kernels, n_groups, n_positions)
        NaN where a group has no selected sequence.
    """
    n_kernels, n_groups = selected.shape[1:]
    total = np.zeros((n_kernels, n_groups, activations.n_positions))
    squares = np.zeros_like(total)
    for start, out in activations.batches(estimator):
        weight = selected[start : start + len(out)].astype(np.float32)
        total += np.einsum("bkg,bpk->kgp", weight, out)
        squares += np.einsum("bkg,bpk->kgp", weight, out * out)
    count = selected.sum(axis=0)[:, :, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / count
        sd = np.sqrt(np.maximum(squares / count - mean**2, 0.0))
    return mean, sd
