"""Saved model folders: JSON + .keras, no pickle, identical predictions after loading."""

import errno
import json
import os
import shutil
import subprocess
import sys
import time

import numpy as np
import pytest
from conftest import FAST, planted

import skmotif
from skmotif import ConvMotifClassifier, _files


def test_round_trip_predicts_identically(fast_model, motif_data, tmp_path):
    _, _, X_test, _ = motif_data
    skmotif.save(fast_model, tmp_path / "model")
    assert sorted(p.name for p in (tmp_path / "model").iterdir()) == [
        "estimator.json",
        "model.keras",
    ]
    loaded = skmotif.load(tmp_path / "model")
    np.testing.assert_array_equal(loaded.predict_proba(X_test), fast_model.predict_proba(X_test))
    assert loaded.get_params() == fast_model.get_params()
    assert loaded.history_ == fast_model.history_ and loaded.best_epoch_ == fast_model.best_epoch_
    assert loaded.alphabet_ == fast_model.alphabet_


def test_round_trip_keeps_labels_tuples_global_pooling_and_joint_alphabets(tmp_path):
    X, y = planted(120, length=30, seed=3, symbols="ACGU", motif="GAUUACA")
    pairs = np.column_stack([X, ["E" * 30] * 120])
    labels = np.array(["background", "PUM2"])[y]
    clf = ConvMotifClassifier(
        **{**FAST, "pool_size": "global", "epochs": 2, "kernel_num": (4,)},
        alphabet=("ACGU", "EHIMS"),
    ).fit(pairs, labels)
    loaded = skmotif.load(skmotif.save(clf, tmp_path / "m"))
    assert loaded.kernel_num == (4,) and loaded.alphabet == ("ACGU", "EHIMS")
    assert loaded.pool_size == "global"
    assert loaded.classes_.tolist() == ["PUM2", "background"]
    np.testing.assert_array_equal(loaded.predict(pairs), clf.predict(pairs))
    state = json.loads((tmp_path / "m" / "estimator.json").read_text())
    assert state["params"]["kernel_num"] == [4]


def test_loading_something_else_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="not a saved skmotif model"):
        skmotif.load(tmp_path)


def test_format_1_files_still_load(fast_model, motif_data, tmp_path):
    _, _, X_test, _ = motif_data
    path = skmotif.save(fast_model, tmp_path / "model")
    state = json.loads((path / "estimator.json").read_text())
    fitted = state.pop("fitted")
    del state["params"]["global_skip"], state["params"]["callbacks"]  # not in format 1
    state.update(
        format=1,
        classes=fitted["classes_"]["values"],
        classes_dtype=fitted["classes_"]["dtype"],
        multilabel=fitted["multilabel_"],
        n_features_in=fitted["n_features_in_"],
        input_shape=fitted["input_shape_"],
        alphabet_=fitted["alphabet_"],
        history=fitted["history_"],
        best_epoch=fitted["best_epoch_"],
    )
    (path / "estimator.json").write_text(json.dumps(state))
    loaded = skmotif.load(path)
    assert loaded.global_skip is False  # format 1 networks had no skip
    assert loaded.input_shape_ == (40, 4) and loaded.multilabel_ is False
    np.testing.assert_array_equal(loaded.predict_proba(X_test), fast_model.predict_proba(X_test))


def test_fitted_state_is_saved_from_one_list(fast_model, tmp_path):
    FITTED_ATTRIBUTES = ConvMotifClassifier.FITTED_ATTRIBUTES

    state = json.loads((skmotif.save(fast_model, tmp_path / "m") / "estimator.json").read_text())
    assert state["format"] == 4 and list(state["fitted"]) == list(FITTED_ATTRIBUTES)
    fitted_now = {name for name in vars(fast_model) if name.endswith("_") and name != "model_"}
    # resolved_params_ follows from the parameters and input_shape_: load computes it again.
    assert fitted_now == {*FITTED_ATTRIBUTES, "resolved_params_"}


# -- atomic saves: faults injected while saving leave the previous model intact -----------


@pytest.fixture(scope="module")
def two_models(fast_model, motif_data, tmp_path_factory):
    """The fast model and another one, each saved once: (model, folder, other, other_folder)."""
    X, y, _, _ = motif_data
    other = ConvMotifClassifier(**{**FAST, "epochs": 2, "random_state": 7}).fit(X, y)
    folder = tmp_path_factory.mktemp("two")
    return (
        fast_model,
        skmotif.save(fast_model, folder / "a"),
        other,
        skmotif.save(other, folder / "b"),
    )


def _previous_model_intact(path, model, X):
    loaded = skmotif.load(path)
    np.testing.assert_array_equal(loaded.predict_proba(X), model.predict_proba(X))
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []


def _partial_keras_save(self, path, *args, **kwargs):
    with open(path, "wb") as file:
        file.write(b"PK\x03\x04 half a model")
    raise OSError(28, "No space left on device")


def _failing_json(*args, **kwargs):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize(
    "fault",
    ["network-write", "state-write", "final-rename"],
)
def test_a_failed_save_leaves_the_previous_model(
    two_models, motif_data, tmp_path, fault, monkeypatch
):
    import keras

    from skmotif import _files
    from skmotif import _saving as saving

    model, folder, other, _ = two_models
    target = shutil.copytree(folder, tmp_path / "model")
    if fault == "network-write":
        monkeypatch.setattr(keras.Model, "save", _partial_keras_save)
    elif fault == "state-write":
        monkeypatch.setattr(saving.json, "dumps", _failing_json)
    else:
        real = _files.os.rename

        def rename(source, destination):
            if str(source).endswith(".tmp"):  # the new folder taking the target's place
                raise OSError(5, "Input/output error")
            real(source, destination)

        monkeypatch.setattr(_files.os, "rename", rename)
    with pytest.raises(OSError):
        skmotif.save(other, target)
    monkeypatch.undo()
    _previous_model_intact(target, model, motif_data[2])


@pytest.mark.slow
def test_a_save_over_the_file_size_limit_leaves_the_previous_model(
    two_models, motif_data, tmp_path
):
    """A real write error (EFBIG under a file-size limit), in a fresh process."""
    model, folder, _, other_folder = two_models
    target = shutil.copytree(folder, tmp_path / "model")
    code = (
        "import resource, signal, skmotif\n"
        f"other = skmotif.load({str(other_folder)!r})\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "try:\n"
        f"    skmotif.save(other, {str(target)!r})\n"
        "except OSError as error:\n"
        "    print('OSError', error.errno)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["OSError", str(errno.EFBIG)], result.stderr
    _previous_model_intact(target, model, motif_data[2])


@pytest.mark.slow
def test_a_save_killed_at_any_moment_leaves_a_model_that_loads(two_models, motif_data, tmp_path):
    """Kill -9 a process that saves two models in turn over one folder, at 4 moments."""
    model, folder, other, other_folder = two_models
    X_test = motif_data[2]
    expected = [model.predict_proba(X_test), other.predict_proba(X_test)]
    code = (
        "import skmotif, sys\n"
        f"models = [skmotif.load({str(folder)!r}), skmotif.load({str(other_folder)!r})]\n"
        "print('ready', flush=True)\n"
        "i = 0\n"
        "while True:\n"
        f"    skmotif.save(models[i % 2], {str(tmp_path / 'model')!r}); i += 1\n"
    )
    outcomes = []
    for delay in (0.05, 0.2, 0.45, 0.8):
        process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        assert process.stdout.readline().strip() == "ready"
        time.sleep(delay)
        process.kill()
        process.wait()
        target = tmp_path / "model"
        if not target.exists() and not _files.interrupted_saves(target):
            # killed before the first save completed (a busy host): there is no model yet
            with pytest.raises(ValueError, match="the folder does not exist"):
                skmotif.load(target)
            outcomes.append("nothing saved yet")
            continue
        if not target.exists():  # killed between the two renames: the old folder is beside it
            with pytest.raises(ValueError, match="A save into it was interrupted"):
                skmotif.load(target)
            os.rename(_files.interrupted_saves(target)[0], target)
            outcomes.append("renamed back")
        proba = skmotif.load(target).predict_proba(X_test)
        outcomes.append(next(i for i, e in enumerate(expected) if np.array_equal(proba, e)))
    assert len(outcomes) >= 4
