"""The performance report: per-class metrics, and the file and figure of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .._files import write_text
from .._labels import label_indicator
from ..plotting import plot_precision_recall, plot_roc
from ._page import output_folder

if TYPE_CHECKING:
    import os

    import pandas as pd
    from numpy.typing import ArrayLike


def performance_report(
    y_true: ArrayLike, y_proba: ArrayLike, classes: ArrayLike | None
) -> pd.DataFrame:
    """Per-class precision, recall, F1, auROC, auPRC and support, plus their weighted average.

    Parameters
    ----------
    y_true : array-like, shape (n_samples,) or (n_samples, n_classes)
        Labels, or a 0/1 indicator matrix for multi-label data.
    y_proba : array-like, shape (n_samples, n_classes)
        ``predict_proba`` output, columns in the order of ``classes``.
    classes : array-like, shape (n_classes,)
        E.g. ``clf.classes_``.

    Returns
    -------
    report : pandas.DataFrame
        One row per class (each taken as the positive class against all
        others; a binary problem has both rows) and a ``weighted avg`` row
        (support-weighted); columns precision, recall, f1, auROC, auPRC, n.
        ``report.to_string()`` is the text form.

    Notes
    -----
    Predictions are the most probable class for single-label data and
    ``proba > 0.5`` per label for multi-label data. auROC and auPRC (average
    precision) are NaN for a class without positive or negative samples.
    All numbers come from :mod:`sklearn.metrics`, one class column at a time.
    """
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


def write_performance(
    y_true: ArrayLike, y_proba: ArrayLike, classes: ArrayLike | None, folder: str | os.PathLike
) -> pd.DataFrame:
    """Write ``performance.txt`` (the :func:`performance_report` table) and ``performance.png``.

    Parameters
    ----------
    y_true, y_proba, classes
        As for :func:`performance_report`.
    folder : str or path-like
        Created if missing.

    Returns
    -------
    report : pandas.DataFrame
    """
    import matplotlib.pyplot as plt

    from .._figures import save_figure

    folder = output_folder(folder)
    table = performance_report(y_true, y_proba, classes)
    write_text(folder / "performance.txt", table.to_string(float_format="%.3f") + "\n")
    fig, (roc_ax, pr_ax) = plt.subplots(1, 2, figsize=(9, 4.2))
    plot_roc(y_true, y_proba, classes, ax=roc_ax)
    plot_precision_recall(y_true, y_proba, classes, ax=pr_ax)
    fig.tight_layout()
    save_figure(fig, folder / "performance.png")
    return table
