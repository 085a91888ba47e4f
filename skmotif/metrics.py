"""Correlation metrics for regressors, and scorers for scikit-learn's searches.

scikit-learn scores regressors by R² (``scoring="r2"``); this field usually
reports Pearson's r between predicted and measured activity (and Spearman's
rho), which ignores the predictions' offset and scale. Use the scorers where
scikit-learn takes a ``scoring``::

    GridSearchCV(ConvMotifRegressor(), grid, scoring=pearson_scorer)
    cross_val_score(reg, X, y, scoring={"r2": "r2", "pearson": pearson_scorer})
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.stats import rankdata
from sklearn.metrics import make_scorer

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = ["pearson_r", "pearson_scorer", "spearman_rho", "spearman_scorer"]


def _columns(y_true, y_pred, sample_weight):
    """y_true and y_pred as float64 (n_samples, n_outputs), and the weights, checked."""
    truth = np.asarray(y_true, dtype=np.float64)
    pred = np.asarray(y_pred, dtype=np.float64)
    if truth.shape != pred.shape or truth.ndim not in (1, 2):
        raise ValueError(
            f"y_true has shape {truth.shape} and y_pred {pred.shape}; give two arrays of one "
            "shape, (n_samples,) or (n_samples, n_outputs)."
        )
    truth, pred = truth.reshape(len(truth), -1), pred.reshape(len(pred), -1)
    if len(truth) < 2:
        raise ValueError(f"A correlation needs at least two samples; got {len(truth)}.")
    if not (np.isfinite(truth).all() and np.isfinite(pred).all()):
        raise ValueError("y_true and y_pred must be finite (no NaN or infinity).")
    weights = np.ones(len(truth)) if sample_weight is None else np.asarray(sample_weight, float)
    if weights.shape != (len(truth),) or not (np.isfinite(weights) & (weights >= 0)).all():
        raise ValueError("sample_weight must hold one finite weight >= 0 per sample.")
    return truth, pred, weights


def _weighted_r(a, b, weights):
    """Weighted Pearson correlation of each column pair; NaN where a column is constant."""
    w = weights[:, None] / weights.sum()
    da, db = a - (w * a).sum(axis=0), b - (w * b).sum(axis=0)
    cov = (w * da * db).sum(axis=0)
    scale = np.sqrt((w * da**2).sum(axis=0) * (w * db**2).sum(axis=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(scale > 0, cov / scale, np.nan)


def _reduce(values, multioutput):
    if multioutput == "raw_values":
        return values
    if multioutput == "uniform_average":
        return float(np.mean(values))
    raise ValueError(
        f"multioutput must be 'uniform_average' or 'raw_values'; got {multioutput!r}."
    )


def pearson_r(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    *,
    sample_weight: ArrayLike | None = None,
    multioutput: str = "uniform_average",
) -> float | np.ndarray:
    """Pearson's correlation between measured and predicted values, per output.

    Parameters
    ----------
    y_true, y_pred : array-like, shape (n_samples,) or (n_samples, n_outputs)
    sample_weight : array-like, shape (n_samples,), optional
        Weights of a weighted correlation.
    multioutput : {"uniform_average", "raw_values"}, default="uniform_average"
        The mean over outputs, or one value per output.

    Returns
    -------
    float or ndarray of float, shape (n_outputs,)
        NaN for an output whose true or predicted values are constant.
    """
    truth, pred, weights = _columns(y_true, y_pred, sample_weight)
    return _reduce(_weighted_r(truth, pred, weights), multioutput)


def spearman_rho(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    *,
    sample_weight: ArrayLike | None = None,
    multioutput: str = "uniform_average",
) -> float | np.ndarray:
    """Spearman's rank correlation: Pearson's r of the ranks (ties get their mean rank).

    Parameters
    ----------
    y_true, y_pred : array-like, shape (n_samples,) or (n_samples, n_outputs)
    sample_weight : array-like, shape (n_samples,), optional
        Weights of the correlation of the ranks.
    multioutput : {"uniform_average", "raw_values"}, default="uniform_average"

    Returns
    -------
    float or ndarray of float, shape (n_outputs,)
        NaN for an output whose true or predicted values are constant.
    """
    truth, pred, weights = _columns(y_true, y_pred, sample_weight)
    ranks = [rankdata(a, axis=0) for a in (truth, pred)]
    return _reduce(_weighted_r(*ranks, weights), multioutput)


#: ``scoring=pearson_scorer``: Pearson's r of ``predict(X)`` and y (mean over outputs).
pearson_scorer = make_scorer(pearson_r)
#: ``scoring=spearman_scorer``: Spearman's rho of ``predict(X)`` and y (mean over outputs).
spearman_scorer = make_scorer(spearman_rho)
