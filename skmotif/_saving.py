"""Saving a fitted estimator as a folder: ``model.keras`` + ``estimator.json``.

Unlike a pickle, loading runs no code: the JSON holds plain values and the
Keras file is read with ``safe_mode=True``. A pickled estimator, like any
pickle, can run any code when it is loaded: never unpickle one from a source
you do not trust; model folders are the safe format to exchange.

Saving is atomic: both files are written into a temporary folder beside the
target, which then takes the target's place, so a failure (a full disk, a
kill) leaves the previous model as it was. Loading checks ``estimator.json``
(its fields, their types, the format) and that it belongs to ``model.keras``
(a SHA-256 checksum, the network's input shape and outputs), and every error
names the folder, the file and what is wrong.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ._alphabet import Alphabet, JointAlphabet
from ._files import interrupted_saves, replaced_folder
from ._network.auto import resolve
from ._network.parameters import older_values

if TYPE_CHECKING:
    import os

    from sklearn.base import BaseEstimator

#: Format 3 adds the checksum of model.keras and the version of skmotif that wrote it;
#: format 4 names the estimator's class (format 1 to 3 files hold classifiers).
FORMAT = 4
#: The estimators a model folder may hold, by the name format 4 writes.
_ESTIMATORS = {
    "ConvMotifClassifier": "._estimators.classifier",
    "ConvMotifRegressor": "._estimators.regressor",
    "ConvMotifProfileRegressor": "._estimators.profile",
}
_MODEL, _STATE = "model.keras", "estimator.json"


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


def _params_to_json(params):
    """``get_params()`` in JSON form: objects as their JSON form, or None where they have
    none (callbacks, a RandomState, a parent estimator: ``parent_`` names it)."""
    params["alphabet"] = _alphabet_to_json(params["alphabet"])
    params["init_motifs"] = _motifs_to_json(params["init_motifs"])
    if not isinstance(params["parent"], (str, type(None))):
        params["parent"] = str(params["parent"]) if isinstance(params["parent"], Path) else None
    if not (params["random_state"] is None or isinstance(params["random_state"], int)):
        params["random_state"] = None
    params["callbacks"] = None  # training callbacks are objects, not settings of the model
    return params


def _optional_state(estimator):
    """The fitted attributes only some fits have (genome, parent, seeded kernels), in JSON form."""
    state = {}
    if getattr(estimator, "genome_", None) is not None:
        state["genome"] = estimator.genome_
    if getattr(estimator, "parent_", None):
        state["parent"] = estimator.parent_
    if getattr(estimator, "seeded_kernels_", None):
        state["seeded_kernels"] = [[n, k.tolist()] for n, k in estimator.seeded_kernels_]
    return state


def _motifs_to_json(motifs):
    """``init_motifs`` with each Motif (or kernel pair, or pattern) as a JSON object."""
    if motifs is None or isinstance(motifs, str):
        return motifs
    found = []
    for motif in motifs:
        motif = motif.motif if hasattr(motif, "motif") else motif
        if hasattr(motif, "probabilities"):
            symbols = motif.alphabet.symbols
            motif = {"name": motif.name, "symbols": symbols, "probabilities": motif.probabilities}
            motif["probabilities"] = motif["probabilities"].tolist()
        found.append(motif)
    return found


def _motifs_from_json(motifs):
    if motifs is None or isinstance(motifs, str):
        return motifs
    from ._motif import Motif

    found = [
        Motif(m["symbols"], probabilities=np.array(m["probabilities"]), name=m["name"])
        if isinstance(m, dict)
        else m
        for m in motifs
    ]
    return tuple(found) if isinstance(motifs, tuple) else found


_ARRAY = (
    lambda v: {"values": v.tolist(), "dtype": v.dtype.str},
    lambda v: np.asarray(v["values"], dtype=np.dtype(v["dtype"])),
)
_FLOATS = (lambda v: [float(x) for x in v], lambda v: np.asarray(v, dtype=np.float64))
#: JSON form of fitted attributes that are not plain JSON values: (to JSON, from JSON).
_CODECS = {
    "classes_": _ARRAY,
    "output_names_": _ARRAY,
    "target_offset_": _FLOATS,
    "target_scale_": _FLOATS,
    "multioutput_": (bool, bool),
    "n_outputs_": (int, int),
    "input_shape_": (lambda v: [int(n) for n in v], tuple),
    "alphabet_": (_alphabet_to_json, _alphabet_from_json),
    "multilabel_": (bool, bool),
    "n_features_in_": (int, int),
    "best_epoch_": (int, int),
    "n_tracks_": (int, int),
    "multitrack_": (bool, bool),
    "output_length_": (int, int),
    "count_weight_": (float, float),
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


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save(estimator: BaseEstimator, path: str | os.PathLike) -> Path:
    """Write a fitted estimator to the folder ``path``, atomically.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
    path : str or path-like
        A new folder, or one that holds a saved model (which is replaced).

    Returns
    -------
    path : Path

    Raises
    ------
    ValueError
        When ``path`` is a file, or a folder that holds anything else than a
        saved model (nothing in it is touched).
    OSError
        When writing fails (e.g. a full disk); the previous model in ``path``,
        if any, is then as it was.
    """
    from sklearn.utils.validation import check_is_fitted

    from . import __version__

    check_is_fitted(estimator)
    path = Path(path)
    if path.is_dir():
        others = sorted(p.name for p in path.iterdir() if p.name not in (_MODEL, _STATE))
        if others:
            raise ValueError(
                f"{path} holds other files than a saved model ({', '.join(others[:3])}"
                f"{', ...' if len(others) > 3 else ''}); saving replaces the whole folder, so "
                "give a new folder or one that holds only a saved model."
            )
    params = _params_to_json(estimator.get_params())
    fitted = {
        name: _CODECS.get(name, (_identity,))[0](getattr(estimator, name))
        for name in type(estimator).FITTED_ATTRIBUTES
    }
    with replaced_folder(path) as folder:
        estimator.model_.save(folder / _MODEL)
        state = {
            "format": FORMAT,
            "estimator": type(estimator).__name__,
            "skmotif_version": __version__,
            "model_sha256": _sha256(folder / _MODEL),
            "params": {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()},
            "tuples": sorted(k for k, v in params.items() if isinstance(v, tuple)),
            "fitted": fitted,
        }
        state.update(_optional_state(estimator))
        (folder / _STATE).write_text(json.dumps(state, indent=1))
    return path


def load(path: str | os.PathLike) -> BaseEstimator:
    """Restore an estimator written by :func:`save`; it predicts identically.

    Parameters
    ----------
    path : str or path-like
        The folder.

    Returns
    -------
    ConvMotifClassifier or ConvMotifRegressor

    Raises
    ------
    ValueError
        When the folder is not a saved model, or ``estimator.json`` is
        damaged, of an unknown format, or does not belong to ``model.keras``;
        the message names the folder, the file and what is wrong.
    """
    path = Path(path)
    _check_folder(path)
    state = _read_state(path / _STATE)
    file = _Checks(path / _STATE)
    params, fitted = _state_parts(state, file)
    estimator = _estimator_class(state, file)()
    # Parameters newer than the file take the values that built its network.
    params = {**older_values(estimator.PARAMETERS), **params}
    unknown = sorted(set(params) - set(estimator.get_params()))
    file.require(not unknown, f"unknown parameters {unknown} (written by a newer skmotif?)")
    estimator.set_params(**params)
    try:
        estimator.check_params()
    except (TypeError, ValueError) as error:
        raise file.error(f"invalid parameters: {error}") from None
    for name, value in _decode_fitted(fitted, type(estimator).FITTED_ATTRIBUTES, file).items():
        setattr(estimator, name, value)
    estimator.resolved_params_ = resolve(estimator.get_params(), estimator.input_shape_[0])
    _check_fitted(estimator, file)
    _check_archive(path / _MODEL)
    if "model_sha256" in state:
        file.require(
            state["model_sha256"] == _sha256(path / _MODEL),
            f"it belongs to another {_MODEL} (the checksums differ): the two files come from "
            "different saves, or the network was changed. Save the model again, or copy both "
            "files of one save together",
        )
    estimator.model_ = _read_network(path / _MODEL)
    _check_network(estimator, file)
    if "genome" in state:
        file.require(isinstance(state["genome"], dict), "'genome' must be a JSON object")
        estimator.genome_ = state["genome"]
    if "parent" in state:
        file.require(isinstance(state["parent"], dict), "'parent' must be a JSON object")
        estimator.parent_ = state["parent"]
    if "seeded_kernels" in state:
        estimator.seeded_kernels_ = [(n, np.array(k)) for n, k in state["seeded_kernels"]]
    return estimator


class _Checks:
    """ValueErrors that name the file they are about."""

    def __init__(self, file):
        self.file = file

    def error(self, message):
        return ValueError(f"{self.file.parent}: {self.file.name}: {message}.")

    def require(self, condition, message):
        if not condition:
            raise self.error(message)


def _estimator_class(state, file):
    """The class named by a format-4 state (format 1 to 3 states hold classifiers)."""
    import importlib

    name = state.get("estimator", "ConvMotifClassifier")
    file.require(
        name in _ESTIMATORS,
        f"'estimator' is {name!r:.60}, not one of {sorted(_ESTIMATORS)}",
    )
    return getattr(importlib.import_module(_ESTIMATORS[name], __package__), name)


def _check_folder(path):
    if not path.exists():
        left = interrupted_saves(path)
        hint = (
            f" A save into it was interrupted; the previous model is intact in {left[0]}: "
            f"rename that folder to {path.name}."
            if left
            else ""
        )
        raise ValueError(f"{path} is not a saved skmotif model: the folder does not exist.{hint}")
    missing = [name for name in (_STATE, _MODEL) if not (path / name).is_file()]
    if missing:
        raise ValueError(
            f"{path} is not a saved skmotif model: it needs {_STATE} and {_MODEL}, and "
            f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing."
        )


def _read_state(file):
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{file.parent}: {file.name}: not a text file; it is damaged.") from None
    try:
        state = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"{file.parent}: {file.name}: not valid JSON (line {error.lineno}, column "
            f"{error.colno}: {error.msg}); the file is damaged. Save the model again."
        ) from None
    if not isinstance(state, dict):
        raise ValueError(
            f"{file.parent}: {file.name}: holds a JSON {type(state).__name__}, not the object "
            "skmotif.save writes."
        )
    return state


def _state_parts(state, file):
    """(params, fitted) of a state of any known format, with tuples restored."""
    version = state.get("format")
    if version == 1:
        missing = [
            key
            for key in (*_FORMAT_1.values(), "classes", "classes_dtype", "params")
            if key not in state
        ]
        file.require(not missing, f"format 1 but the keys {missing} are missing")
        fitted = {name: state[key] for name, key in _FORMAT_1.items()}
        fitted["classes_"] = {"values": state["classes"], "dtype": state["classes_dtype"]}
    else:
        file.require(
            isinstance(version, int) and not isinstance(version, bool) and version >= 1,
            f"no model format number (found format={version!r})",
        )
        file.require(
            version <= FORMAT,
            f"model format {version}, written by a newer skmotif "
            f"({state.get('skmotif_version', 'unknown version')}); this one reads formats "
            f"1 to {FORMAT}: upgrade skmotif",
        )
        missing = [key for key in ("params", "tuples", "fitted") if key not in state]
        file.require(not missing, f"the keys {missing} are missing")
        fitted = state["fitted"]
    params, tuples = state["params"], state.get("tuples", [])
    file.require(isinstance(params, dict), "'params' must be a JSON object")
    file.require(isinstance(fitted, dict), "'fitted' must be a JSON object")
    file.require(
        isinstance(tuples, list) and all(isinstance(n, str) and n in params for n in tuples),
        "'tuples' must list names of parameters",
    )
    for name in tuples:
        file.require(isinstance(params[name], list), f"parameter {name!r} must be a list")
        params[name] = tuple(params[name])
    return _params_from_json(params, file), fitted


def _params_from_json(params, file):
    """The parameters whose JSON form is not their value (alphabet, init_motifs), decoded."""
    try:
        params["alphabet"] = _alphabet_from_json(params.get("alphabet", "ACGT"))
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise file.error(f"parameter 'alphabet' is not an alphabet ({error!r})") from None
    try:
        params["init_motifs"] = _motifs_from_json(params.get("init_motifs"))
    except (TypeError, ValueError, KeyError) as error:
        raise file.error(f"parameter 'init_motifs' is not a list of motifs ({error!r})") from None
    return params


def _whole(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _numbers(v):
    return isinstance(v, list) and all(
        isinstance(x, (int, float)) and not isinstance(x, bool) for x in v
    )


def _history(v):
    return isinstance(v, dict) and all(
        isinstance(k, str) and isinstance(s, list) and all(isinstance(x, (int, float)) for x in s)
        for k, s in v.items()
    )


_INTEGER = (_whole, "a whole number")


_ARRAY = (lambda v: isinstance(v, dict) and {"values", "dtype"} <= set(v), "an object")
_BOOLEAN = (lambda v: isinstance(v, bool), "true or false")
_NUMBERS = (_numbers, "a list of numbers")
#: Per fitted attribute: (test of its JSON form, what the test wants, in words).
_FITTED_KINDS = {
    "classes_": _ARRAY,
    "output_names_": _ARRAY,
    "multilabel_": _BOOLEAN,
    "multioutput_": _BOOLEAN,
    "n_outputs_": _INTEGER,
    "target_offset_": _NUMBERS,
    "target_scale_": _NUMBERS,
    "n_features_in_": _INTEGER,
    "best_epoch_": _INTEGER,
    "input_shape_": (
        lambda v: isinstance(v, list) and len(v) == 2 and all(_whole(n) and n > 0 for n in v),
        "a list of two positive whole numbers",
    ),
    "history_": (_history, "an object of lists of numbers"),
    "n_tracks_": (lambda v: _whole(v) and v >= 1, "a whole number >= 1"),
    "multitrack_": _BOOLEAN,
    "output_length_": (lambda v: _whole(v) and v >= 1, "a whole number >= 1"),
    "count_weight_": (
        lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v < 1e300,
        "a number >= 0",
    ),
}


def _decode_fitted(fitted, names, file):
    """The fitted attributes ``names`` from their JSON form, each of the type fit gives it."""
    missing = [name for name in names if name not in fitted]
    file.require(not missing, f"the fitted attributes {missing} are missing")
    decoded = {}
    for name in names:
        value = fitted[name]
        test, kind = _FITTED_KINDS.get(name, (lambda v: True, ""))
        file.require(test(value), f"the fitted {name} must be {kind}; found {value!r:.80}")
        try:
            decoded[name] = _CODECS.get(name, (None, _identity))[1](value)
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            raise file.error(f"the fitted {name} cannot be read ({error})") from None
    return decoded


def _check_fitted(estimator, file):
    """The fitted attributes agree with each other, as fit sets them."""
    if estimator.head_family == "classes":
        _check_classes(estimator.classes_, estimator.multilabel_, file)
    elif estimator.head_family == "values":
        _check_outputs(estimator, file)
    else:
        file.require(
            estimator.multitrack_ or estimator.n_tracks_ == 1,
            f"multitrack_ is false but there are {estimator.n_tracks_} tracks",
        )
    _check_input(estimator, file)
    epochs = len(estimator.history_.get("loss", []))
    file.require(
        0 <= estimator.best_epoch_ < max(epochs, 1),
        f"best_epoch_ {estimator.best_epoch_} is not an epoch of history_ ({epochs} epochs)",
    )


def _check_classes(classes, multilabel, file):
    file.require(classes.dtype.kind in "biufUO", f"classes_ of dtype {classes.dtype}")
    file.require(classes.ndim == 1 and len(classes) >= 1, "classes_ must be a non-empty list")
    if multilabel:
        file.require(
            np.array_equal(classes, np.arange(len(classes))),
            "multi-label classes_ must be 0, 1, ..., n_labels - 1",
        )
        return
    try:
        ordered = np.array_equal(np.unique(classes), classes)
    except TypeError:
        ordered = False
    file.require(
        len(classes) >= 2 and ordered,
        f"classes_ {classes.tolist()!r:.80} must be at least two distinct labels in "
        "sorted order, as fit stores them (were they edited or swapped?)",
    )


def _check_outputs(estimator, file):
    """A regressor's outputs: their count, names and scaling agree."""
    n = estimator.n_outputs_
    file.require(n >= 1, f"n_outputs_ must be at least 1; found {n}")
    for name in ("output_names_", "target_offset_", "target_scale_"):
        value = getattr(estimator, name)
        file.require(
            value.ndim == 1 and len(value) == n,
            f"{name} must hold one value per output ({n}); found {len(value)}",
        )
    file.require(
        np.isfinite(estimator.target_offset_).all()
        and np.isfinite(estimator.target_scale_).all()
        and (estimator.target_scale_ > 0).all(),
        "target_offset_ and target_scale_ must be finite, and the scales above 0",
    )
    file.require(
        estimator.multioutput_ or n == 1,
        f"multioutput_ is false but there are {n} outputs",
    )


def _check_input(estimator, file):
    """alphabet_, input_shape_ and n_features_in_ describe the same input."""
    shape, alphabet = estimator.input_shape_, estimator.alphabet_
    if alphabet is None:
        file.require(
            estimator.n_features_in_ == shape[0],
            f"n_features_in_ {estimator.n_features_in_} must be the input length {shape[0]}",
        )
        return
    file.require(isinstance(alphabet, (Alphabet, JointAlphabet)), "alphabet_ must be an alphabet")
    file.require(
        alphabet.size == shape[1],
        f"the alphabet {alphabet} has {alphabet.size} channels but input_shape_ has {shape[1]}",
    )
    expected = 2 if isinstance(alphabet, JointAlphabet) else 1
    file.require(
        estimator.n_features_in_ == expected,
        f"n_features_in_ must be {expected} for this alphabet",
    )


def _check_archive(file):
    import zipfile

    if not zipfile.is_zipfile(file):
        raise ValueError(
            f"{file.parent}: {file.name}: not a Keras model archive (a .keras file is a zip "
            "file); it is damaged or was replaced. Save the model again."
        )


def _read_network(file):
    from ._network.keras_setup import import_keras

    try:
        return import_keras().saving.load_model(file, safe_mode=True)
    except Exception as error:  # Keras raises many types for damaged archives
        raise ValueError(
            f"{file.parent}: {file.name}: Keras cannot load it ({type(error).__name__}: "
            f"{str(error)[:200]}); the file is damaged or not written by skmotif.save."
        ) from None


def _check_network(estimator, file):
    """The network's input and outputs are those estimator.json describes."""
    model = estimator.model_
    inputs, outputs = tuple(model.input.shape[1:]), model.output.shape[-1]
    head = estimator.head()
    file.require(
        inputs == tuple(estimator.input_shape_),
        f"it describes input of shape {tuple(estimator.input_shape_)} but the network in "
        f"{_MODEL} takes {inputs}",
    )
    what = {"classes": "classes"}.get(estimator.head_family, "outputs")
    file.require(
        outputs == head.n_outputs,
        f"it names {head.n_outputs} {what} but the network in {_MODEL} has {outputs} outputs",
    )
    activation = getattr(model.layers[-1], "activation", None)
    expected = head.activation
    found = getattr(activation, "__name__", expected)
    setting = {
        "classes": lambda: f"multilabel_ is {estimator.multilabel_}",
        "values": lambda: f"loss is {estimator.loss!r}",
    }.get(estimator.head_family, lambda: "the head")()
    file.require(
        found == expected,
        f"{setting} but the network's output is {found}, not {expected}",
    )
