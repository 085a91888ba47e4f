"""SequenceEncoder: one-hot features of sequences for any scikit-learn model."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin, _fit_context
from sklearn.utils.validation import check_is_fitted

from .._alphabet import Alphabet, JointAlphabet
from .fitted_input import _SequenceInput

if TYPE_CHECKING:
    from numpy.typing import ArrayLike


class SequenceEncoder(_SequenceInput, TransformerMixin, BaseEstimator):
    """One-hot features of sequences, for any scikit-learn model.

    Encodes exactly as :class:`~skmotif.ConvMotifClassifier` does (same
    alphabets, unknown symbols and padding as all-zero vectors, errors that
    name the symbol and position), so a k-mer-free baseline such as
    ``make_pipeline(SequenceEncoder(), LogisticRegression())`` sees the same
    input as the network. Numeric X passes through as float32.

    Parameters
    ----------
    alphabet : str, Alphabet or tuple of two, default="ACGT"
        As for :class:`~skmotif.ConvMotifClassifier`; a (sequence, structure)
        pair takes X as pairs of strings, encoded jointly.
    flatten : bool, default=True
        Return (n_samples, length * channels), the shape scikit-learn models
        take; False keeps (n_samples, length, channels).

    Attributes
    ----------
    alphabet_ : Alphabet, JointAlphabet or None
        None for numeric X.
    input_shape_ : tuple of int
        (length, channels): strings are padded to the longest one seen in
        ``fit``; longer ones are an error in ``transform``.
    n_features_in_ : int
        1 for sequences, 2 for pairs, the length for 2-D numeric X.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> encoder = SequenceEncoder().fit(["ACGT", "AAN"])
    >>> encoder.transform(["ACGT"]).shape
    (1, 16)
    >>> encoder.get_feature_names_out()[:5].tolist()
    ['0_A', '0_C', '0_G', '0_T', '1_A']
    >>> model = make_pipeline(SequenceEncoder(), LogisticRegression())
    """

    _parameter_constraints: ClassVar[dict] = {
        "alphabet": [str, tuple, Alphabet, JointAlphabet],
        "flatten": ["boolean"],
    }

    def __init__(
        self, alphabet: str | tuple | Alphabet | JointAlphabet = "ACGT", flatten: bool = True
    ):
        self.alphabet = alphabet
        self.flatten = flatten

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X: ArrayLike, y: ArrayLike | None = None) -> SequenceEncoder:
        """Learn the alphabet and length (or the numeric shape) of X.

        Parameters
        ----------
        X : array-like of str, shape (n_samples,), of (str, str), shape (n_samples, 2), \
or numeric, shape (n_samples, length[, channels])
        y : ignored

        Returns
        -------
        self : SequenceEncoder
        """
        self._encode(X, reset=True)
        return self

    def transform(self, X: ArrayLike) -> np.ndarray:
        """One-hot encode X.

        Parameters
        ----------
        X : array-like
            Input of the kind seen in ``fit``.

        Returns
        -------
        features : ndarray of float32, shape (n_samples, length * channels) or \
(n_samples, length, channels)
        """
        check_is_fitted(self)
        features = self._encode(X, reset=False).one_hot()
        return features.reshape(len(features), -1) if self.flatten else features

    def get_feature_names_out(self, input_features: ArrayLike | None = None) -> np.ndarray:
        """Names ``{position}_{symbol}`` (``{position}_{channel}`` for numeric X).

        Returns
        -------
        ndarray of str, shape (length * channels,)
        """
        check_is_fitted(self)
        length, channels = self.input_shape_
        symbols = (
            [str(c) for c in range(channels)]
            if self.alphabet_ is None
            else _channel_names(self.alphabet_)
        )
        return np.array([f"{p}_{s}" for p in range(length) for s in symbols], dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.transformer_tags.preserves_dtype = ["float32"]
        return tags


def _channel_names(alphabet):
    """One name per one-hot channel: the symbol, or ``sequence:structure`` for a pair."""
    if isinstance(alphabet, JointAlphabet):
        return [f"{s}:{t}" for s in alphabet.sequence.symbols for t in alphabet.structure.symbols]
    return list(alphabet.symbols)
