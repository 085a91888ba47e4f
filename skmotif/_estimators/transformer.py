"""KernelActivationTransformer: first-layer kernel maxima as features."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin, _fit_context, clone
from sklearn.utils._param_validation import HasMethods
from sklearn.utils.validation import check_is_fitted

from ..interpret._activations import kernel_activations

if TYPE_CHECKING:
    from numpy.typing import ArrayLike


class KernelActivationTransformer(TransformerMixin, BaseEstimator):
    """Maximum activation of every first-layer kernel, as features.

    Use it to cluster sequences by kernel activity, or as the first step of
    a Pipeline on top of a network.

    Parameters
    ----------
    estimator : ConvMotifClassifier
        With ``prefit=False``, the classifier that ``fit(X, y)`` trains (a
        clone, kept as ``estimator_``). With ``prefit=True``, an already
        fitted one, used as it is.
    prefit : bool, default=False
        Whether ``estimator`` is already fitted. Then ``transform`` works
        without ``fit``, and ``fit`` trains nothing (as scikit-learn's
        ``SelectFromModel(prefit=True)``).

    Attributes
    ----------
    estimator_ : ConvMotifClassifier
        The fitted classifier whose kernels are read.
    n_kernels_ : int
    n_features_in_ : int
        As the classifier's.

    Examples
    --------
    >>> features = KernelActivationTransformer(clf, prefit=True).transform(X)  # doctest: +SKIP
    >>> features.shape  # (n_samples, n_kernels)                                # doctest: +SKIP
    """

    _parameter_constraints: ClassVar[dict] = {
        "estimator": [HasMethods(["fit", "encode"])],
        "prefit": ["boolean"],
    }

    def __init__(self, estimator: BaseEstimator, prefit: bool = False):
        self.estimator = estimator
        self.prefit = prefit

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X: ArrayLike, y: ArrayLike | None = None) -> KernelActivationTransformer:
        """Train a clone of the classifier on X, y (or, with ``prefit=True``, check it).

        Parameters
        ----------
        X : array-like
            Sequences of the kind the classifier takes.
        y : array-like, shape (n_samples,) or (n_samples, n_labels)
            Needed unless ``prefit=True``.

        Returns
        -------
        self
        """
        if self.prefit:
            check_is_fitted(self.estimator)
            self.estimator_ = self.estimator
        else:
            if y is None:
                raise ValueError(
                    "KernelActivationTransformer requires y to be passed, but the target y is "
                    "None: it trains its classifier in fit. Pass y, or prefit=True for a "
                    "classifier that is already fitted."
                )
            self.estimator_ = clone(self.estimator).fit(X, y)
        self.n_kernels_ = self.estimator_.network().first_convolution().filters
        self.n_features_in_ = self.estimator_.n_features_in_
        return self

    def transform(self, X: ArrayLike) -> np.ndarray:
        """Maximum activation of every kernel in every sequence.

        Parameters
        ----------
        X : array-like
            Input of the kind the classifier was fit on.

        Returns
        -------
        activations : ndarray of float32, shape (n_samples, n_kernels)
        """
        return kernel_activations(self._classifier(), X).max

    def get_feature_names_out(self, input_features: ArrayLike | None = None) -> np.ndarray:
        """Names ``kernel_0`` ... ``kernel_{n-1}``.

        Returns
        -------
        ndarray of str, shape (n_kernels,)
        """
        n_kernels = self._classifier().network().first_convolution().filters
        return np.array([f"kernel_{k}" for k in range(n_kernels)], dtype=object)

    def _classifier(self):
        """The fitted classifier: ``estimator_``, or the prefit one before any fit."""
        if self.prefit and not hasattr(self, "estimator_"):
            check_is_fitted(self.estimator)
            return self.estimator
        check_is_fitted(self)
        return self.estimator_

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.target_tags.required = not self.prefit
        tags.transformer_tags.preserves_dtype = ["float32"]
        return tags
