"""Saving a fitted ConvMotifClassifier as a folder: ``model.keras`` + ``estimator.json``.

Unlike a pickle, loading runs no code: the JSON holds plain values and the
Keras file is read with ``safe_mode=True``.
"""

import json
from pathlib import Path

import numpy as np

from ._alphabet import Alphabet, JointAlphabet

__all__ = ["load", "save"]

FORMAT = 2
_MODEL, _STATE = "model.keras", "estimator.json"
#: Parameters newer than some saved files, with the value that built those files' networks.
_ADDED = {
    "global_skip": False,
    "callbacks": None,
    "first_activation": "relu",
    "reverse_complement": False,
    "max_shift": 0,
    "average_strands": False,
}


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


#: JSON form of fitted attributes that are not plain JSON values: (to JSON, from JSON).
_CODECS = {
    "classes_": (
        lambda v: {"values": v.tolist(), "dtype": v.dtype.str},
        lambda v: np.asarray(v["values"], dtype=np.dtype(v["dtype"])),
    ),
    "input_shape_": (lambda v: [int(n) for n in v], tuple),
    "alphabet_": (_alphabet_to_json, _alphabet_from_json),
    "multilabel_": (bool, bool),
    "n_features_in_": (int, int),
    "best_epoch_": (int, int),
}
#: Format 1 wrote the fitted state under these keys (and classes_ in two).
_FORMAT_1 = {
    "multilabel_": "multilabel",
    "n_features_in_": "n_features_in",
    "input_shape_": "input_shape",
    "alphabet_": "alphabet_",
    "history_": "history",
    "best_epoch_": "best_epoch",
}


def _identity(value):
    return value


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

    from .classifier import FITTED_ATTRIBUTES

    check_is_fitted(estimator)
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    params = estimator.get_params()
    params["alphabet"] = _alphabet_to_json(params["alphabet"])
    if not (params["random_state"] is None or isinstance(params["random_state"], int)):
        params["random_state"] = None  # a RandomState instance has no JSON form
    params["callbacks"] = None  # training callbacks are objects, not settings of the model
    fitted = {
        name: _CODECS.get(name, (_identity,))[0](getattr(estimator, name))
        for name in FITTED_ATTRIBUTES
    }
    state = {
        "format": FORMAT,
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()},
        "tuples": sorted(k for k, v in params.items() if isinstance(v, tuple)),
        "fitted": fitted,
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
    from ._keras import import_keras
    from .classifier import FITTED_ATTRIBUTES, ConvMotifClassifier

    path = Path(path)
    if not (path / _STATE).is_file() or not (path / _MODEL).is_file():
        raise ValueError(f"{path} is not a saved skmotif model: it needs {_STATE} and {_MODEL}.")
    state = json.loads((path / _STATE).read_text())
    if state.get("format") == 1:
        state["fitted"] = {name: state[key] for name, key in _FORMAT_1.items()}
        state["fitted"]["classes_"] = {"values": state["classes"], "dtype": state["classes_dtype"]}
    elif state.get("format") != FORMAT:
        raise ValueError(f"{path}: unknown model format {state.get('format')!r}.")
    params = {**_ADDED, **state["params"]}
    for name in state["tuples"]:
        params[name] = tuple(params[name])
    params["alphabet"] = _alphabet_from_json(params["alphabet"])
    estimator = ConvMotifClassifier(**params)
    for name in FITTED_ATTRIBUTES:
        setattr(estimator, name, _CODECS.get(name, (None, _identity))[1](state["fitted"][name]))
    estimator.model_ = import_keras().saving.load_model(path / _MODEL, safe_mode=True)
    return estimator
