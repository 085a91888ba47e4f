"""First-layer kernel activations, computed once in bounded-memory batches.

The first convolution (``conv_1``, after its ReLU) maps every window of
``kernel_len`` positions to one activation per kernel; with a valid
convolution, output position ``p`` is the window starting at input position
``p``. Only the per-sequence maximum and its position are kept, never the
full (n_samples, positions, kernels) tensor.
"""

from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ._keras import import_keras
from .encoding import one_hot

#: Sequences per batch of first-layer activations.
BATCH = 1024


@dataclass
class KernelActivations:
    """Maximum first-layer activations and where they occur.

    Attributes
    ----------
    max : ndarray of float32, shape (n_samples, n_kernels)
        Largest activation of each kernel in each sequence.
    argmax : ndarray of int32, shape (n_samples, n_kernels)
        Window start of that maximum (the first one on ties).
    inputs : ndarray, shape (n_samples, length) uint8 or (n_samples, length, channels) float32
        The encoded network input, for cutting out windows.
    n_symbols : int or None
        Alphabet size when ``inputs`` are symbol codes; None for numeric input.
    kernel_len : int
        Window length of the first convolution.
    n_positions : int
        Output positions of the first convolution (length - kernel_len + 1).
    """

    max: np.ndarray
    argmax: np.ndarray
    inputs: np.ndarray
    n_symbols: int | None
    kernel_len: int
    n_positions: int


def _conv_layer(estimator):
    check_is_fitted(estimator)
    names = [layer.name for layer in estimator.model_.layers]
    if "conv_1" not in names:
        raise ValueError(
            "This network has no convolution layer (conv_num=0), so its first layer "
            "has no kernels to interpret; refit with conv_num >= 1."
        )
    return estimator.model_.get_layer("conv_1")


def _batches(inputs, n_symbols):
    for start in range(0, len(inputs), BATCH):
        batch = inputs[start : start + BATCH]
        yield start, one_hot(batch, n_symbols) if n_symbols is not None else batch


def conv_outputs(estimator, inputs, n_symbols):
    """Yield first-layer activations batch by batch.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    inputs, n_symbols
        As in :class:`KernelActivations`.

    Yields
    ------
    start : int
        Index of the batch's first sample.
    activations : ndarray of float32, shape (batch, n_positions, n_kernels)
    """
    keras = import_keras()
    layer = _conv_layer(estimator)
    for start, batch in _batches(inputs, n_symbols):
        yield start, keras.ops.convert_to_numpy(layer(batch))


def kernel_activations(estimator, X):
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
    layer = _conv_layer(estimator)
    inputs, n_symbols = estimator._validate_input(X, reset=False)
    n_kernels, kernel_len = layer.filters, layer.kernel_size[0]
    maxima = np.empty((len(inputs), n_kernels), dtype=np.float32)
    where = np.empty((len(inputs), n_kernels), dtype=np.int32)
    for start, out in conv_outputs(estimator, inputs, n_symbols):
        stop = start + len(out)
        where[start:stop] = out.argmax(axis=1)
        maxima[start:stop] = np.take_along_axis(out, where[start:stop, None, :], axis=1)[:, 0]
    n_positions = estimator.input_shape_[0] - kernel_len + 1
    return KernelActivations(maxima, where, inputs, n_symbols, kernel_len, n_positions)


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
    for start, out in conv_outputs(estimator, activations.inputs, activations.n_symbols):
        weight = selected[start : start + len(out)].astype(np.float32)
        total += np.einsum("bkg,bpk->kgp", weight, out)
        squares += np.einsum("bkg,bpk->kgp", weight, out * out)
    count = selected.sum(axis=0)[:, :, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / count
        sd = np.sqrt(np.maximum(squares / count - mean**2, 0.0))
    return mean, sd


class KernelActivationTransformer(TransformerMixin, BaseEstimator):
    """Maximum activation of every first-layer kernel, as features.

    Wraps an already fitted :class:`~skmotif.ConvMotifClassifier`; ``fit``
    does not refit it. Use it to cluster sequences by kernel activity, or as
    the first step of a Pipeline on top of a trained network.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier

    Examples
    --------
    >>> features = KernelActivationTransformer(clf).transform(X)  # doctest: +SKIP
    >>> features.shape  # (n_samples, n_kernels)                   # doctest: +SKIP
    """

    def __init__(self, estimator):
        self.estimator = estimator

    def fit(self, X=None, y=None):
        """Check that the wrapped classifier is fitted and has a first conv layer.

        Returns
        -------
        self
        """
        self.n_kernels_ = _conv_layer(self.estimator).filters
        return self

    def transform(self, X):
        """Maximum activation of every kernel in every sequence.

        Parameters
        ----------
        X : array-like
            Input of the kind the classifier was fit on.

        Returns
        -------
        activations : ndarray of float32, shape (n_samples, n_kernels)
        """
        check_is_fitted(self)
        return kernel_activations(self.estimator, X).max

    def get_feature_names_out(self, input_features=None):
        """Names ``kernel_0`` ... ``kernel_{n-1}``.

        Returns
        -------
        ndarray of str, shape (n_kernels,)
        """
        check_is_fitted(self)
        return np.array([f"kernel_{k}" for k in range(self.n_kernels_)], dtype=object)
