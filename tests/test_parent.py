"""parent: fine-tuning starts from a fitted model's trunk, with a new head."""

import numpy as np
import pytest
from conftest import FAST, planted
from sklearn.frozen import FrozenEstimator
from sklearn.model_selection import GridSearchCV

import skmotif
from skmotif import ConvMotifClassifier, ConvMotifRegressor

#: A fit that leaves the weights where they start.
STILL = {**FAST, "epochs": 1, "learning_rate": 1e-9}


@pytest.fixture(scope="module")
def parent():
    X, y = planted(400, seed=4)
    return ConvMotifClassifier(**FAST).fit(X, y)


def kernel(model):
    return model.network().model.get_layer("conv_1").kernel.numpy()


def test_the_trunk_is_the_parents_and_the_head_is_new(parent):
    X, y = planted(120, length=60, seed=5)  # another length: only the convolution is reused
    child = ConvMotifRegressor(**STILL, parent=FrozenEstimator(parent)).fit(X, y.astype(float))
    np.testing.assert_allclose(kernel(child), kernel(parent), atol=1e-6)
    assert child.input_shape_ == (60, 4) and parent.input_shape_ == (40, 4)
    assert child.parent_["estimator"] == "ConvMotifClassifier" and child.parent_["source"] is None
    scratch = ConvMotifRegressor(**STILL).fit(X, y.astype(float))
    assert not np.allclose(kernel(scratch), kernel(parent))


def test_searches_start_from_the_frozen_parent_and_a_bare_one_is_refused(parent):
    X, y = planted(120, seed=5)
    frozen = ConvMotifClassifier(**STILL, parent=FrozenEstimator(parent))
    search = GridSearchCV(frozen, {"dropout_dense": [0.0, 0.1]}, cv=2).fit(X, y)
    np.testing.assert_allclose(kernel(search.best_estimator_), kernel(parent), atol=1e-6)
    bare = ConvMotifClassifier(**STILL, parent=parent)
    with pytest.raises(ValueError, match=r"parent is not fitted.*FrozenEstimator"):
        GridSearchCV(bare, {"dropout_dense": [0.0]}, cv=2, error_score="raise").fit(X, y)


def test_a_saved_parent_is_named_in_the_childs_save(parent, tmp_path, capsys):
    skmotif.save(parent, tmp_path / "parent")
    X, y = planted(120, seed=5)
    child = ConvMotifClassifier(**STILL, parent=str(tmp_path / "parent")).fit(X, y)
    skmotif.save(child, tmp_path / "child")
    loaded = skmotif.load(tmp_path / "child")
    assert loaded.parent_ == child.parent_ and loaded.parent_["source"] == str(tmp_path / "parent")
    assert loaded.parent_["weights_sha256"] == child.parent_["weights_sha256"]
    from skmotif._cli import main

    files = []
    for label in (0, 1):
        files.append(tmp_path / f"{label}.fa")
        rows = [s for s, t in zip(X, y, strict=True) if t == label]
        files[-1].write_text("".join(f">{i}\n{s}\n" for i, s in enumerate(rows)))
    out = tmp_path / "run"
    argv = ["train", *map(str, files), "--out", str(out), "--param", "epochs=1", "-q"]
    assert main([*argv, "--from", str(tmp_path / "parent")]) == 0
    trained = skmotif.load(out / "model")
    assert trained.parent_["source"] == str(tmp_path / "parent")
    assert trained.get_params()["kernel_len"] == 7  # the parent's trunk parameters


def test_a_plain_keras_trunk_imports_by_layer_name():
    import keras

    inputs = keras.Input((40, 4))
    conv = keras.layers.Conv1D(12, 7, name="conv_1")(inputs)
    plain = keras.Model(inputs, keras.layers.GlobalMaxPooling1D()(conv))
    X, y = planted(60, seed=5)
    child = ConvMotifClassifier(**STILL, parent=plain).fit(X, y)
    np.testing.assert_allclose(kernel(child), plain.get_layer("conv_1").kernel.numpy(), atol=1e-6)
    assert child.parent_["estimator"] == "keras.Model"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kernel_num": 8}, r"conv_1 has weights of shapes \[\(7, 4, 8\), \(8,\)\] but the"),
        ({"alphabet": "ACGU"}, r"The parent reads 'ACGT' and this model 'ACGU'"),
        ({"init_motifs": ["GATTACA"]}, r"init_motifs and parent both set the first kernels"),
    ],
)
def test_what_does_not_transfer_is_named_before_training(parent, params, message):
    X, y = planted(40, seed=5)
    child = ConvMotifClassifier(**{**STILL, **params}, parent=FrozenEstimator(parent))
    with pytest.raises(ValueError, match=message):
        child.fit([s.replace("T", "U") for s in X] if params.get("alphabet") else X, y)
    with pytest.raises(TypeError, match="parent must be a saved model's folder"):
        ConvMotifClassifier(**STILL, parent=42).fit(X, y)
