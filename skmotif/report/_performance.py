"""The performance report: per-class (or per-output) metrics, and the file and figure of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .._files import write_text
from .._labels import label_indicator, regression_columns
from ..plotting import plot_performance
from ._page import output_folder

if TYPE_CHECKING:
    import os

    import pandas as pd
    from numpy.typing import ArrayLike


def performance_report(
    y_true: ArrayLike,
    y_proba: ArrayLike,
    classes: ArrayLike | None,
    task: str = "classification",
    folder: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Per-class precision, recall, F1, auROC, auPRC and support, or per-output R² and r.

    With a ``folder``, also writes ``performance.txt`` (the table) and
    ``performance.png``: ROC and precision-recall curves, or for regression
    the predicted against the measured values of each output (a density of
    hexagons above 2,000 samples); :func:`skmotif.plotting.plot_performance`
    returns that figure without writing it.

    Parameters
    ----------
    y_true : array-like, shape (n_samples,) or (n_samples, n_outputs)
        Labels, or a 0/1 indicator matrix for multi-label data; for
        regression, the measured values (NaN where missing).
    y_proba : array-like, shape (n_samples, n_classes), or (n_samples[, n_outputs])
        ``predict_proba`` output, columns in the order of ``classes``; for
        regression, ``predict`` output.
    classes : array-like, shape (n_classes,)
        E.g. ``clf.classes_``; for regression the outputs' names (e.g.
        ``reg.output_names_``), or None.
    task : {"classification", "regression"}, default="classification"
    folder : str or path-like, optional
        Where to write the table and the figure; created if missing. Nothing
        is written when None.

    Returns
    -------
    report : pandas.DataFrame
        Classification: one row per class (each taken as the positive class
        against all others; a binary problem has both rows) and a
        ``weighted avg`` row (support-weighted); columns precision, recall,
        f1, auROC, auPRC, n. Regression: one row per output and, for several
        outputs, their ``mean``; columns R2, pearson, spearman, MSE, n (the
        samples where the output was measured). ``report.to_string()`` is
        the text form.

    Notes
    -----
    Predictions are the most probable class for single-label data and
    ``proba > 0.5`` per label for multi-label data. auROC and auPRC (average
    precision) are NaN for a class without positive or negative samples.
    All numbers come from :mod:`sklearn.metrics` (one class column at a
    time) and :mod:`skmotif.metrics`.
    """
    if task not in ("classification", "regression"):
        raise ValueError(f"task must be 'classification' or 'regression'; got {task!r}.")
    if task == "regression":
        table = _regression_report(y_true, y_proba, classes)
    else:
        table = _classification_report(y_true, y_proba, classes)
    if folder is not None:
        _write(table, y_true, y_proba, classes, folder, task)
    return table


def _classification_report(y_true, y_proba, classes):
    """:func:`performance_report` for classification: one row per class and their average."""
    import pandas as pd
    from sklearn.metrics import (
        average_precision_score,
        precision_recall_fscore_support,
        roc_auc_score,
    )

    truth, classes, multilabel = label_indicator(y_true, classes)
    proba = np.asarray(y_proba, dtype=float)
    if proba.shape != truth.shape:
        raise ValueError(f"y_proba has shape {proba.shape}; expected {truth.shape}.")
    if multilabel:
        predicted = proba > 0.5
    else:
        predicted = proba.argmax(axis=1)[:, None] == np.arange(len(classes))[None, :]
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, average=None, zero_division=0.0
    )
    both = truth.any(axis=0) & ~truth.all(axis=0)  # a curve needs positives and negatives
    curves = {
        name: [score(truth[:, c], proba[:, c]) if both[c] else np.nan for c in range(len(classes))]
        for name, score in (("auROC", roc_auc_score), ("auPRC", average_precision_score))
    }
    table = pd.DataFrame(
        {"precision": precision, "recall": recall, "f1": f1, **curves, "n": support},
        index=[str(c) for c in classes],
    )
    weights = support.astype(float)
    average = {}
    for col in ("precision", "recall", "f1", "auROC", "auPRC"):
        known = table[col].notna().to_numpy() & (weights > 0)
        values = table[col].to_numpy()[known]
        average[col] = np.average(values, weights=weights[known]) if known.any() else np.nan
    average["n"] = int(weights.sum())
    table.loc["weighted avg"] = average
    table["n"] = table["n"].astype(int)
    return table


def _write(table, y_true, y_proba, classes, folder, task):
    """Write ``performance.txt`` (the table) and ``performance.png`` into ``folder``."""
    from .._figures import save_figure

    folder = output_folder(folder)
    write_text(folder / "performance.txt", table.to_string(float_format="%.3f") + "\n")
    save_figure(plot_performance(y_true, y_proba, classes, task), folder / "performance.png")


def _write_performance(y_true, y_proba, classes, folder, task="classification"):
    """0.5's ``write_performance``, kept until 0.7.0 (see ``skmotif._deprecated``)."""
    return performance_report(y_true, y_proba, classes, task, folder)


def _regression_report(y_true, y_pred, outputs):
    """:func:`performance_report` for regression: R², Pearson, Spearman, MSE and n per output."""
    import pandas as pd
    from sklearn.metrics import mean_squared_error, r2_score

    from ..metrics import pearson_r, spearman_rho

    truth, pred, names = regression_columns(y_true, y_pred, outputs)
    rows = {}
    for o, name in enumerate(names):
        known = ~np.isnan(truth[:, o])
        t, p = truth[known, o], pred[known, o]
        if known.sum() < 2:
            rows[name] = {"R2": np.nan, "pearson": np.nan, "spearman": np.nan, "MSE": np.nan}
        else:
            rows[name] = {
                "R2": r2_score(t, p),
                "pearson": pearson_r(t, p),
                "spearman": spearman_rho(t, p),
                "MSE": mean_squared_error(t, p),
            }
        rows[name]["n"] = int(known.sum())
    table = pd.DataFrame.from_dict(rows, orient="index")
    if len(names) > 1:
        mean = table.drop(columns="n").mean().to_dict()
        table.loc["mean"] = {**mean, "n": int(table["n"].sum())}
    table["n"] = table["n"].astype(int)
    return table
