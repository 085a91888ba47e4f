"""Saving a fitted ConvMotifClassifier as a folder: ``model.keras`` + ``estimator.json``.

Unlike a pickle, loading runs no code: the JSON holds plain values and the
Keras file is read with ``safe_mode=True``.
"""

import json
from pathlib import Path

import numpy as np

from ._alphabet import Alphabet, JointAlphabet

FORMAT = 1
_MODEL, _STATE = "model.keras", "estimator.json"
#: Parameters newer than some saved files, with the value that built those files' networks.
_ADDED = {"global_skip": False, "callbacks": None}


def _alphabet_to_json(alphabet):
    if alphabet is None or isinstance(alphabet, str):
        return alphabet
    if isinstance(alphabet, Alphabet):
        return {"symbols": alphabet.symbols, "unknown": alphabet.unknown}
    if isinstance(alphabet, JointAlphabet):
        return {
            "joint": [_alphabet_to_json(alphabet.sequence), _alphabet_to_json(alphabet.structure)]
        }
    return {"pair": [_alphabet_to_json(part) for part in alphabet]}


def _alphabet_from_json(value):
    if value is None or isinstance(value, str):
        return value
    if "symbols" in value:
        return Alphabet(value["symbols"], value["unknown"])
    if "joint" in value:
        return JointAlphabet(*(_alphabet_from_json(part) for part in value["joint"]))
    return tuple(_alphabet_from_json(part) for part in value["pair"])


def save(estimator, path):
    """Write a fitted estimator to the folder ``path`` (created if missing).

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    path : str or path-like

    Returns
    -------
    path : Path
    """
    from sklearn.utils.validation import check_is_fitted

    check_is_fitted(estimator)
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    params = estimator.get_params()
    params["alphabet"] = _alphabet_to_json(params["alphabet"])
    if not (params["random_state"] is None or isinstance(params["random_state"], int)):
        params["random_state"] = None  # a RandomState instance has no JSON form
    params["callbacks"] = None  # training callbacks are objects, not settings of the model
    state = {
        "format": FORMAT,
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()},
        "tuples": sorted(k for k, v in params.items() if isinstance(v, tuple)),
        "classes": estimator.classes_.tolist(),
        "classes_dtype": estimator.classes_.dtype.str,
        "multilabel": bool(estimator._multilabel),
        "n_features_in": int(estimator.n_features_in_),
        "input_shape": [int(v) for v in estimator.input_shape_],
        "alphabet_": _alphabet_to_json(estimator.alphabet_),
        "history": estimator.history_,
        "best_epoch": int(estimator.best_epoch_),
    }
    (path / _STATE).write_text(json.dumps(state, indent=1))
    estimator.model_.save(path / _MODEL)
    return path


def load(path):
    """Restore an estimator written by :func:`save`; it predicts identically.

    Parameters
    ----------
    path : str or path-like
        The folder.

    Returns
    -------
    ConvMotifClassifier
    """
    from sklearn.preprocessing import LabelEncoder

    from ._keras import import_keras
    from .classifier import ConvMotifClassifier

    path = Path(path)
    if not (path / _STATE).is_file() or not (path / _MODEL).is_file():
        raise ValueError(f"{path} is not a saved skmotif model: it needs {_STATE} and {_MODEL}.")
    state = json.loads((path / _STATE).read_text())
    if state.get("format") != FORMAT:
        raise ValueError(f"{path}: unknown model format {state.get('format')!r}.")
    params = {**_ADDED, **state["params"]}
    for name in state["tuples"]:
        params[name] = tuple(params[name])
    params["alphabet"] = _alphabet_from_json(params["alphabet"])
    estimator = ConvMotifClassifier(**params)
    estimator.classes_ = np.asarray(state["classes"], dtype=np.dtype(state["classes_dtype"]))
    estimator._multilabel = state["multilabel"]
    if not estimator._multilabel:
        estimator._labels = LabelEncoder().fit(estimator.classes_)
    estimator.n_features_in_ = state["n_features_in"]
    estimator.input_shape_ = tuple(state["input_shape"])
    estimator.alphabet_ = _alphabet_from_json(state["alphabet_"])
    estimator.history_ = state["history"]
    estimator.best_epoch_ = state["best_epoch"]
    estimator.model_ = import_keras().saving.load_model(path / _MODEL, safe_mode=True)
    return estimator
