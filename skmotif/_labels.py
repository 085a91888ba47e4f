"""Targets: the one rule that reads class labels, their indicator matrix, regression columns."""

import os
import sys
import warnings
from numbers import Number

import numpy as np
import sklearn
from sklearn.exceptions import DataConversionWarning
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

    Warns
    -----
    DataConversionWarning
        For labels that mix numbers and strings (``[1, "a"]``): they are read
        as strings (``"1"``), so the classes and predictions are strings.
    """
    _check_collection(y, "y")
    given = y
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
    y = _mixed_as_strings(given, y)
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


def _mixed_as_strings(given, y):
    """y as strings, with a DataConversionWarning, when its labels mix numbers and strings.

    NumPy reads a list such as ``[1, "a"]`` as strings (``"1"``, ``"a"``); an
    object array or a pandas Series of such labels is read the same way.
    """
    if y.dtype.kind not in "USO" or (isinstance(given, np.ndarray) and y.dtype.kind != "O"):
        return y
    values = y.ravel() if y.dtype.kind == "O" else np.asarray(given, dtype=object).ravel()
    types = set(map(type, values))
    numbers = [t for t in types if _is_number_type(t)]
    strings = [t for t in types if issubclass(t, (str, bytes))]
    if not numbers or not strings:
        return y
    number = next(v for v in values if type(v) in numbers)
    text = next(v for v in values if type(v) in strings)
    names = sorted(t.__name__ for t in numbers + strings)
    kinds = f"{', '.join(names[:-1])} and {names[-1]}"
    warnings.warn(
        f"y mixes labels of the types {kinds} (e.g. {number!r} and {text!r}); they were all "
        f"read as strings, so classes_ holds strings and predict returns strings "
        f"({str(number)!r}, not {number!r}). Give labels of one type: all numbers (map the "
        "strings to ints) or all strings ([str(v) for v in y]).",
        DataConversionWarning,
        stacklevel=_caller_level(),
    )
    return y.astype(str)


def _is_number_type(kind):
    """Whether labels of this type are numbers (bool and NumPy scalars included)."""
    return issubclass(kind, (Number, np.bool_)) and not issubclass(kind, (str, bytes))


#: Folders whose frames a warning about the user's input skips, to point at the user's call.
_INTERNAL = (
    os.path.dirname(os.path.abspath(__file__)) + os.sep,
    os.path.dirname(os.path.abspath(sklearn.__file__)) + os.sep,
)


def _caller_level():
    """The ``stacklevel`` of the first caller outside skmotif and scikit-learn.

    For a warning given by the function that calls this one, so that it
    names the user's line whichever public function read the labels.
    """
    frame, level = sys._getframe(1), 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_INTERNAL):
        frame, level = frame.f_back, level + 1
    return level


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
