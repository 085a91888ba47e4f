"""Model folders written by skmotif 0.6.0 load unchanged and predict as they did in 0.6.0.

``tests/data/saved_0_6_0/`` holds six tiny models that 0.6.0 trained and saved
(``tests/data/make_saved_0_6_0.py``, run with 0.6.0's code), each beside what 0.6.0
computed from its test sequences (``<name>.npz``) and its parameters, classes and
first-layer kernel shape (``<name>.json``). The files are the release's: they are
never written again with newer code. If a test here fails, models that users saved
with 0.4 to 0.6 no longer load or no longer predict the same.
"""

import functools
import json
from pathlib import Path

import numpy as np
import pytest

import skmotif
from skmotif.interpret import kernel_activations, kernel_motifs

DATA = Path(__file__).resolve().parent / "data" / "saved_0_6_0"
NAMES = [
    "classifier_dna",
    "multilabel_strands",
    "regressor_poisson",
    "classifier_lstm",
    "classifier_protein",
    "classifier_rna_structure",
]
#: Parameters added after 0.6.0, at the value that builds 0.6.0's networks.
ADDED_SINCE = {
    "random_crop": 0,
    "residual_num": 0,
    "residual_kernel_len": 3,
    "residual_dilation": "doubling",
    "residual_form": "same",
    "init_motifs": None,
    "parent": None,
    "warm_start": False,
}
#: float32 networks on the same CPU: the same outputs up to rounding.
TIGHT = dict(rtol=1e-5, atol=1e-6)


@functools.cache
def saved(name):
    """(the estimator loaded from 0.6.0's folder, 0.6.0's arrays, 0.6.0's description)."""
    arrays = dict(np.load(DATA / f"{name}.npz", allow_pickle=False))
    expected = json.loads((DATA / f"{name}.json").read_text())
    return skmotif.load(DATA / name), arrays, expected


def test_every_folder_was_written_by_0_6_0():
    assert sorted(p.name for p in DATA.iterdir() if p.is_dir()) == sorted(NAMES)
    for name in NAMES:
        state = json.loads((DATA / name / "estimator.json").read_text())
        assert state["skmotif_version"] == "0.6.0" and state["format"] == 4, name
        assert json.loads((DATA / f"{name}.json").read_text())["written_by"]["skmotif"] == "0.6.0"


@pytest.mark.parametrize("name", NAMES)
def test_loads_and_predicts_as_in_0_6_0(name):
    model, arrays, expected = saved(name)
    assert type(model).__name__ == expected["estimator"]
    X = arrays["X"]
    predicted = model.predict(X)
    assert predicted.shape == arrays["predict"].shape
    assert predicted.dtype == arrays["predict"].dtype
    if "predict_proba" in arrays:
        np.testing.assert_allclose(model.predict_proba(X), arrays["predict_proba"], **TIGHT)
        np.testing.assert_array_equal(predicted, arrays["predict"])
    else:
        np.testing.assert_allclose(predicted, arrays["predict"], **TIGHT)


@pytest.mark.parametrize("name", NAMES)
def test_keeps_the_parameters_and_classes_of_0_6_0(name):
    model, _, expected = saved(name)
    params = model.get_params()
    old = {k: tuple(v) if isinstance(v, list) else v for k, v in expected["params"].items()}
    assert {k: params[k] for k in old} == old
    assert {k: v for k, v in params.items() if k not in old} == ADDED_SINCE
    if expected["classes"] is None:
        assert not hasattr(model, "classes_")
        assert model.n_outputs_ == 2 and model.multioutput_
    else:
        assert model.classes_.tolist() == expected["classes"]
        assert model.multilabel_ is (name == "multilabel_strands")


@pytest.mark.parametrize("name", NAMES)
def test_the_network_reads_as_in_0_6_0(name):
    """First-layer kernels: their shape, their activations and kernel_motifs."""
    model, arrays, expected = saved(name)
    activations = kernel_activations(model, arrays["X"])
    np.testing.assert_allclose(activations.max, arrays["activations"], **TIGHT)
    assert list(model.network().first_convolution().kernel.shape) == expected["kernel_shape"]
    motifs = kernel_motifs(model, arrays["X"], arrays["y"], activations=activations)
    assert len(motifs) == expected["kernel_shape"][-1]
    assert all(np.isfinite(m.importance) for m in motifs)
    assert any(m.motif is not None for m in motifs)


def test_a_0_6_0_model_saved_again_loads_as_the_current_format(tmp_path):
    model, arrays, _ = saved("multilabel_strands")
    again = skmotif.load(skmotif.save(model, tmp_path / "again"))
    state = json.loads((tmp_path / "again" / "estimator.json").read_text())
    assert state["skmotif_version"] == skmotif.__version__
    np.testing.assert_array_equal(
        again.predict_proba(arrays["X"]), model.predict_proba(arrays["X"])
    )
    assert again.get_params() == model.get_params()


def test_a_0_6_0_pickle_loads_with_the_parameters_added_since():
    """``classifier_dna.pkl``: 0.6.0's joblib pickle of the ``classifier_dna`` model."""
    import joblib

    from skmotif.interpret import kernel_motifs as motifs

    model = joblib.load(DATA / "classifier_dna.pkl")
    _, arrays, expected = saved("classifier_dna")
    np.testing.assert_allclose(model.predict_proba(arrays["X"]), arrays["predict_proba"], **TIGHT)
    old = {k: tuple(v) if isinstance(v, list) else v for k, v in expected["params"].items()}
    assert model.get_params() == {**old, **ADDED_SINCE}
    assert len(motifs(model, arrays["X"], arrays["y"])) == expected["kernel_shape"][-1]
