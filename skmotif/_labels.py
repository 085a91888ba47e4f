"""Targets as a boolean indicator matrix, one column per class (or label)."""

import numpy as np


def label_indicator(y, classes=None):
    """Which samples belong to which class.

    Parameters
    ----------
    y : array-like, shape (n_samples,) or (n_samples, n_labels)
        Class labels, or a 0/1 indicator matrix (multi-label).
    classes : array-like, shape (n_classes,), optional
        The columns to give, e.g. ``clf.classes_``; default the classes in y
        (label indices for an indicator matrix).

    Returns
    -------
    indicator : ndarray of bool, shape (n_samples, n_classes)
    classes : ndarray, shape (n_classes,)
    multilabel : bool
        Whether y was an indicator matrix.

    Raises
    ------
    ValueError
        When y holds labels that are not in ``classes``, or an indicator
        matrix has another number of columns.
    """
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:
        if classes is not None and y.shape[1] != len(classes):
            raise ValueError(f"y has {y.shape[1]} labels but classes has {len(classes)}.")
        columns = np.arange(y.shape[1]) if classes is None else np.asarray(classes)
        return y.astype(bool), columns, True
    y = y.ravel()
    if classes is None:
        classes = np.unique(y)
    classes = np.asarray(classes)
    unknown = set(np.unique(y).tolist()) - set(classes.tolist())
    if unknown:
        raise ValueError(f"y has labels {sorted(unknown)} that are not in classes.")
    return y[:, None] == classes[None, :], classes, False
