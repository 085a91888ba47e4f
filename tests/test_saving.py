"""Saved model folders: JSON + .keras, no pickle, identical predictions after loading."""

import json

import numpy as np
import pytest
from conftest import FAST, planted

import skmotif
from skmotif import ConvMotifClassifier


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
    from skmotif.classifier import FITTED_ATTRIBUTES

    state = json.loads((skmotif.save(fast_model, tmp_path / "m") / "estimator.json").read_text())
    assert state["format"] == 2 and list(state["fitted"]) == list(FITTED_ATTRIBUTES)
    fitted_now = {name for name in vars(fast_model) if name.endswith("_") and name != "model_"}
    assert fitted_now == set(FITTED_ATTRIBUTES)
