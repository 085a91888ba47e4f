"""Targets: the one rule that reads class labels, their indicator matrix, regression columns."""

import numpy as np
from sklearn.utils.multiclass import type_of_target

from ._codec import _check_collection


def check_labels(y):
    """y as an array of class labels or a 0/1 indicator matrix, or an error saying why not.

    The one reading of classification targets: :meth:`ConvMotifClassifier.fit`,
    the performance table, the kernel statistics and the plots all use it.

    Parameters
    ----------
    y : array-like, shape (n_samples,) or (n_samples, n_labels)

    Returns
    -------
    y : ndarray, shape (n_samples,) or (n_samples, n_labels)

    Raises
    ------
    TypeError, ValueError
        For something that is not a collection, missing labels (NaN, None),
        continuous values, a 2-D array that is not a 0/1 indicator matrix,
        or values scikit-learn cannot read as labels.
    """
    _check_collection(y, "y")
    try:
        y = np.asarray(y)
    except ValueError:
        raise ValueError("y holds rows of different lengths; give one label per sample.") from None
    if y.ndim not in (1, 2):
        raise ValueError(
            f"y has shape {y.shape}; give one label per sample, shape (n_samples,), or a 0/1 "
            "indicator matrix, shape (n_samples, n_labels)."
        )
    _check_missing(y)
    flat = y.ravel()
    kind = type_of_target(y)
    if kind in ("continuous", "continuous-multioutput"):
        raise ValueError(
            f"y holds continuous values (e.g. {float(flat[np.flatnonzero(flat % 1)[0]])}); a "
            "classifier needs class labels. Bin the values into classes first."
        )
    if y.ndim == 2 and y.shape[1] > 1 and kind != "multilabel-indicator":
        raise ValueError(
            f"y has shape {y.shape} but is not a 0/1 indicator matrix; give one label per "
            "sample, shape (n_samples,), or 0/1 values, one column per label (multi-label)."
        )
    if kind == "unknown":
        raise ValueError(
            f"Unknown label type: y of dtype {y.dtype} holds {type(flat[0]).__name__} values, "
            "which are not class labels scikit-learn can read; give str, int or bool labels "
            "(e.g. y.astype(int))."
        )
    return y


def _check_missing(y):
    """ValueError naming the rows of y that hold NaN or None."""
    flat = y.ravel()
    if y.dtype.kind == "f":
        missing = np.isnan(flat)
    elif y.dtype.kind == "O":
        missing = np.array([v is None or (isinstance(v, float) and np.isnan(v)) for v in flat])
    else:
        return
    if missing.any():
        rows = np.unique(np.flatnonzero(missing) // (y.shape[1] if y.ndim == 2 else 1))
        raise ValueError(
            f"y has missing labels (NaN or None) in rows {rows[:5].tolist()}"
            f"{' ...' if len(rows) > 5 else ''}; label those samples or remove them."
        )


def is_multilabel(y):
    """Whether checked targets (:func:`check_labels`) are a 0/1 indicator matrix.

    Parameters
    ----------
    y : ndarray, shape (n_samples,) or (n_samples, n_labels)

    Returns
    -------
    bool
        True for 2-D 0/1 values with more than one column; a single column
        is one binary label per sample.
    """
    return type_of_target(y) == "multilabel-indicator"


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
        For y that :func:`check_labels` refuses (a 2-D y of other values
        than 0/1, say), labels that are not in ``classes``, or an indicator
        matrix with another number of columns.
    """
    y = check_labels(y)
    if is_multilabel(y):
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


def class_index(classes, target, what="target", kind="classes"):
    """The column of ``target`` among ``classes``; the one class (or output) lookup.

    Parameters
    ----------
    classes : array-like, shape (n_classes,)
        E.g. ``estimator.classes_``, or a regressor's ``output_names_``.
    target : object
        A class label, or its text (``"1"`` for the class ``1``), as the
        command line gives it.
    what : str, default="target"
        The parameter or option named in the error.
    kind : str, default="classes"
        What ``classes`` are, for the error (``"outputs"`` for a regressor).

    Returns
    -------
    int

    Raises
    ------
    ValueError
        Naming the classes, when ``target`` is none of them.
    """
    classes = list(np.asarray(classes).tolist())
    if target in classes:
        return classes.index(target)
    names = [str(c) for c in classes]
    if isinstance(target, str) and target in names:
        return names.index(target)
    shown = names if what.startswith("--") else classes  # the command line gives text
    raise ValueError(f"{what} must be one of the {kind} {shown}; got {target!r}.")


def output_labels(names):
    """A regressor's outputs as text: y's column names, else ``y`` or ``y[0]``, ``y[1]``, ...

    Parameters
    ----------
    names : array-like, shape (n_outputs,)
        ``output_names_``: column names, or the integers ``0..n_outputs-1``
        when y had none.

    Returns
    -------
    list of str
    """
    names = np.asarray(names)
    if names.dtype.kind not in "iu":
        return [str(n) for n in names]
    return ["y"] if len(names) == 1 else [f"y[{i}]" for i in names]


def regression_columns(y_true, y_pred, outputs):
    """Measured and predicted values as float64 (n_samples, n_outputs), and the outputs' names."""
    truth = np.asarray(y_true, dtype=np.float64)
    pred = np.asarray(y_pred, dtype=np.float64)
    truth, pred = truth.reshape(len(truth), -1), pred.reshape(len(pred), -1)
    if truth.shape != pred.shape:
        raise ValueError(
            f"y_true has {truth.shape[1]} outputs and {len(truth)} samples but y_pred has "
            f"{pred.shape[1]} and {len(pred)}; give one prediction per measured value."
        )
    names = output_labels(np.arange(truth.shape[1]) if outputs is None else outputs)
    if len(names) != truth.shape[1]:
        raise ValueError(f"y_true has {truth.shape[1]} outputs but {len(names)} names are given.")
    return truth, pred, names
