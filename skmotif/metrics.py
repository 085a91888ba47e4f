"""Correlation metrics for regressors, and scorers for scikit-learn's searches.

scikit-learn scores regressors by R² (``scoring="r2"``); this field usually
reports Pearson's r between predicted and measured activity (and Spearman's
rho), which ignores the predictions' offset and scale. Use the scorers where
scikit-learn takes a ``scoring``::

    GridSearchCV(ConvMotifRegressor(), grid, scoring=pearson_scorer)
    cross_val_score(reg, X, y, scoring={"r2": "r2", "pearson": pearson_scorer})

For base-resolution profile models (BPNet style: expected read counts at every
position of a window, on one or more tracks), :func:`profile_metrics` reports the
shape of each region's profile (multinomial NLL, Pearson's r, Jensen-Shannon
distance) and its total counts (correlations of log(1 + total)), and
``profile_pearson_scorer`` and ``count_pearson_scorer`` score such models in a search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.special import gammaln, rel_entr
from scipy.stats import rankdata
from sklearn.metrics import make_scorer

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = [
    "count_pearson_scorer",
    "jensen_shannon",
    "multinomial_nll",
    "pearson_r",
    "pearson_scorer",
    "profile_metrics",
    "profile_pearson",
    "profile_pearson_scorer",
    "spearman_rho",
    "spearman_scorer",
]


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


def _profiles(y_true, y_pred):
    """Observed and predicted counts as float64 (n_regions, n_positions), checked.

    A region's profile is all its positions and tracks, flattened.
    """
    arrays = {"y_true": np.asarray(y_true, dtype=np.float64)}
    arrays["y_pred"] = np.asarray(y_pred, dtype=np.float64)
    for name, array in arrays.items():
        if array.ndim not in (2, 3) or array.size == 0:
            raise ValueError(
                f"{name} has shape {array.shape}; give counts of shape (n_regions, length) "
                "or (n_regions, length, n_tracks), with at least one region and position."
            )
    truth, pred = arrays.values()
    if truth.shape != pred.shape:
        raise ValueError(
            f"y_true has shape {truth.shape} and y_pred {pred.shape}; give the predicted "
            "counts of the same regions, positions and tracks as the observed ones."
        )
    for name, array in arrays.items():
        if not np.isfinite(array).all():
            raise ValueError(f"{name} must be finite (no NaN or infinity); give counts.")
        if (array < 0).any():
            raise ValueError(
                f"{name} has negative values (smallest {array.min():g}); give counts or "
                "expected counts >= 0 (exponentiate log counts, e.g. np.exp(log_counts))."
            )
    n = truth.shape[0]
    return truth.reshape(n, -1), pred.reshape(n, -1)


def _log_totals(truth, pred):
    """log(1 + total count) of each region, observed and predicted; two regions at least."""
    if len(truth) < 2:
        raise ValueError(
            f"The count correlations need at least two regions; y_true has {len(truth)} "
            f"(shape {truth.shape} once flattened). Score more regions at once."
        )
    return np.log1p(truth.sum(axis=1)), np.log1p(pred.sum(axis=1))


def _count_r(correlation, log_truth, log_pred):
    """A correlation of the log totals; NaN, not a rounding artefact, if either is constant."""
    if np.ptp(log_truth) == 0 or np.ptp(log_pred) == 0:
        return float("nan")
    return float(correlation(log_truth, log_pred))


def _median(values):
    """Median of the values that are not NaN; NaN (without a warning) if none is."""
    values = values[~np.isnan(values)]
    return float(np.median(values)) if values.size else float("nan")


def multinomial_nll(y_true: ArrayLike, y_pred: ArrayLike) -> np.ndarray:
    """Negative log-likelihood of each region's counts under the predicted profile.

    The observed counts ``c`` of a region (``N`` reads in all) are scored as a draw of
    Multinomial(N, p) with ``p = y_pred / y_pred.sum()`` over the region's positions and
    tracks: ``-(lgamma(N + 1) - sum(lgamma(c + 1)) + sum(c * log(p)))``, in nats. This is
    the profile loss of BPNet, with the multinomial coefficient kept, so values equal
    ``-scipy.stats.multinomial.logpmf(c, N, p)``. Only the shape of ``y_pred`` counts:
    scaling a region's prediction leaves its NLL unchanged.

    Parameters
    ----------
    y_true : array-like, shape (n_regions, length) or (n_regions, length, n_tracks)
        Observed read counts (>= 0; non-integer counts take lgamma's continuous values).
    y_pred : array-like, same shape as y_true
        Predicted expected counts (>= 0). Values are floored at the smallest positive
        float before the log, so a position predicted 0 gives no NaN: without reads it
        adds nothing, with reads a large finite penalty; an all-zero prediction is flat.

    Returns
    -------
    ndarray of float, shape (n_regions,)
        0 for a region without reads.
    """
    truth, pred = _profiles(y_true, y_pred)
    pred = np.maximum(pred, np.finfo(np.float64).tiny)
    log_p = np.log(pred) - np.log(pred.sum(axis=1, keepdims=True))
    total = truth.sum(axis=1)
    log_pmf = gammaln(total + 1) - gammaln(truth + 1).sum(axis=1) + (truth * log_p).sum(axis=1)
    return -log_pmf


def profile_pearson(y_true: ArrayLike, y_pred: ArrayLike) -> np.ndarray:
    """Pearson's r between observed and predicted counts, per region.

    Parameters
    ----------
    y_true : array-like, shape (n_regions, length) or (n_regions, length, n_tracks)
        Observed read counts (>= 0).
    y_pred : array-like, same shape as y_true
        Predicted expected counts (>= 0).

    Returns
    -------
    ndarray of float, shape (n_regions,)
        r over each region's positions and tracks together; NaN for a region without
        reads or whose observed or predicted profile is constant.
    """
    truth, pred = _profiles(y_true, y_pred)
    r = _weighted_r(truth.T, pred.T, np.ones(truth.shape[1]))
    constant = (np.ptp(truth, axis=1) == 0) | (np.ptp(pred, axis=1) == 0)
    return np.where(constant, np.nan, r)


def jensen_shannon(y_true: ArrayLike, y_pred: ArrayLike, pseudocount: float = 1e-3) -> np.ndarray:
    """Jensen-Shannon distance between observed and predicted profiles, per region.

    Each profile is made a probability distribution by adding ``pseudocount`` to every
    position's count (observed and predicted alike) and dividing by the sum; the result
    is the square root of their Jensen-Shannon divergence in bits, so it lies in [0, 1]
    (0: the same profile). It equals ``scipy.spatial.distance.jensenshannon(p, q,
    base=2)`` of those distributions.

    Parameters
    ----------
    y_true : array-like, shape (n_regions, length) or (n_regions, length, n_tracks)
        Observed read counts (>= 0).
    y_pred : array-like, same shape as y_true
        Predicted expected counts (>= 0).
    pseudocount : float, default=1e-3
        Added to every position of both profiles: a region without reads becomes flat
        instead of undefined. With 0, such a region gives NaN.

    Returns
    -------
    ndarray of float, shape (n_regions,)
    """
    truth, pred = _profiles(y_true, y_pred)
    if not (np.isfinite(pseudocount) and pseudocount >= 0):
        raise ValueError(f"pseudocount must be a finite number >= 0; got {pseudocount!r}.")
    with np.errstate(invalid="ignore", divide="ignore"):
        p, q = truth + pseudocount, pred + pseudocount
        p, q = p / p.sum(axis=1, keepdims=True), q / q.sum(axis=1, keepdims=True)
        m = (p + q) / 2
        divergence = (rel_entr(p, m).sum(axis=1) + rel_entr(q, m).sum(axis=1)) / (2 * np.log(2))
    return np.sqrt(np.maximum(divergence, 0))


def profile_metrics(y_true: ArrayLike, y_pred: ArrayLike) -> dict[str, float]:
    """The usual report of a profile model: each region's shape, and its total counts.

    Parameters
    ----------
    y_true : array-like, shape (n_regions, length) or (n_regions, length, n_tracks)
        Observed read counts (>= 0) of two regions or more.
    y_pred : array-like, same shape as y_true
        Predicted expected counts (>= 0).

    Returns
    -------
    dict of str to float
        ``"multinomial_nll"``
            Mean over regions of :func:`multinomial_nll` (nats, multinomial coefficient
            included), as bpnet-lite reports its profile loss; regions without reads
            add 0.
        ``"profile_pearson"``
            Median over regions of :func:`profile_pearson`, regions where it is NaN
            (no reads, constant profile) left out; the median, as a few regions with a
            handful of reads have erratic values.
        ``"jsd"``
            Median over regions with at least one read of :func:`jensen_shannon`
            (distance: the square root of the divergence, base 2, pseudocount 1e-3),
            as ChromBPNet reports it.
        ``"count_pearson"``, ``"count_spearman"``, ``"count_mse"``
            Pearson's r, Spearman's rho and the mean squared difference, over regions,
            between log(1 + total observed count) and log(1 + total predicted count),
            a region's total being the sum over its positions and tracks; log(1 + x)
            as counts span orders of magnitude and may be 0.

    Notes
    -----
    The profile values are NaN if no region qualifies; the count correlations are NaN
    if the observed or predicted totals are all equal.
    """
    truth, pred = _profiles(y_true, y_pred)
    log_truth, log_pred = _log_totals(truth, pred)
    has_reads = truth.sum(axis=1) > 0
    return {
        "multinomial_nll": float(np.mean(multinomial_nll(truth, pred))),
        "profile_pearson": _median(profile_pearson(truth, pred)),
        "jsd": _median(np.where(has_reads, jensen_shannon(truth, pred), np.nan)),
        "count_pearson": _count_r(pearson_r, log_truth, log_pred),
        "count_spearman": _count_r(spearman_rho, log_truth, log_pred),
        "count_mse": float(np.mean((log_truth - log_pred) ** 2)),
    }


def _predicted_window(y_true, y_pred):
    """y_true's central positions where it is wider than the predictions by an even number
    (the margin a profile model's jitter reads at fit), so a search can score on the y it fits."""
    truth, pred = np.asarray(y_true), np.asarray(y_pred)
    extra = truth.shape[1] - pred.shape[1] if truth.ndim == pred.ndim >= 2 else 0
    if extra > 0 and extra % 2 == 0:
        truth = truth[:, extra // 2 : truth.shape[1] - extra // 2]
    return truth, pred


def _median_profile_pearson(y_true, y_pred):
    return _median(profile_pearson(*_predicted_window(y_true, y_pred)))


def _count_pearson(y_true, y_pred):
    return _count_r(pearson_r, *_log_totals(*_profiles(*_predicted_window(y_true, y_pred))))


#: ``scoring=profile_pearson_scorer``: median over regions of Pearson's r between
#: y and the expected counts of ``predict(X)`` (see :func:`profile_metrics`); y with the
#: margin of ``random_crop`` on each side is read at its predicted (central) window.
profile_pearson_scorer = make_scorer(_median_profile_pearson)
#: ``scoring=count_pearson_scorer``: Pearson's r over regions of log(1 + total count)
#: of y and of ``predict(X)`` (see :func:`profile_metrics`).
count_pearson_scorer = make_scorer(_count_pearson)
