"""A new block type and a new head kind are one registered class each: the description,
build, the fast training pass, DeepLIFT and saving all take them from there."""

import dataclasses
import warnings
from typing import ClassVar

import numpy as np
import pytest
from conftest import planted

import skmotif
from skmotif import ConvMotifRegressor
from skmotif._network import parts
from skmotif._network.build import logit_function
from skmotif._network.fast_pass import training_forward
from skmotif._network.heads import ValueHead
from skmotif.interpret import deep_lift_shap

X, LABELS = planted(160, length=30, motif="TGACTCAG", seed=5)
Y = LABELS + np.random.default_rng(0).normal(0, 0.1, len(LABELS))


@dataclasses.dataclass(frozen=True)
class Pointwise(parts.Block):
    """A fake trunk block: a width-1 convolution with ReLU that keeps the positions."""

    units: int = 6
    steps: ClassVar[list] = []  # fast_step's calls (at tracing)

    @classmethod
    def from_params(cls, spec):
        return (cls(),)

    @property
    def layer_names(self):
        return {"conv": "pointwise"}

    def build(self, ctx, h):
        conv = ctx.keras.layers.Conv1D(
            self.units, 1, activation="relu", name="pointwise", kernel_initializer="he_uniform"
        )
        return conv(h), None

    def fast_step(self, tf, layers, h, drop):
        Pointwise.steps.append(h.shape)
        return layers["conv"](tf.squeeze(h, 1))[:, None], None

    def deeplift_forward(self, tf, layers, h):
        conv = layers["conv"]
        z = conv.convolution_op(h, conv.kernel) + conv.bias
        a = tf.nn.relu(z)
        return (h, z, a), a

    def deeplift_backward(self, tf, layers, pair, g, skip=None):
        _, zx, ax, zr, ar = pair
        from skmotif._network.rules import rescale

        return tf.einsum("blk,ck->blc", rescale(tf, zx, zr, ax, ar, g), layers["conv"].kernel[0])


@dataclasses.dataclass(frozen=True)
class PositionsAndFeatures(ValueHead):
    """A fake head that reads both hooks: a dense output on the features plus the mean over
    positions of a width-1 convolution of the trunk's per-position output."""

    kinds = ("fake_values",)

    @property
    def activation(self):
        return "linear"

    @property
    def element_loss(self):
        return lambda ops, t, p: ops.abs(p - t)  # its own loss: absolute error

    @property
    def layer_names(self):
        return {"dense": "fake_dense", "positions": "fake_positions", "mean": "fake_mean",
                "output": "output"}  # fmt: skip

    def build(self, ctx, features, sequence):
        layers, names = ctx.keras.layers, self.layer_names
        per_position = layers.Conv1D(self.n_outputs, 1, name=names["positions"])(sequence)
        mean = layers.GlobalAveragePooling1D(name=names["mean"])(per_position)
        dense = layers.Dense(self.n_outputs, name=names["dense"])(features)
        return layers.Add(name=names["output"])([dense, mean])

    def forward(self, layers, features, sequence):
        mean = layers["mean"](layers["positions"](sequence))
        return layers["output"]([layers["dense"](features), mean])

    def logits(self, ops, layers, features, sequence, reads=None):
        return self.forward(layers, features, sequence)

    def deeplift_start(self, tf, layers, unit, rows, sequence_shape, reads=None):
        dense, positions = layers["dense"].kernel[:, unit], layers["positions"].kernel[0, :, unit]
        on_sequence = positions / tf.cast(sequence_shape[1], positions.dtype)
        return (
            tf.broadcast_to(dense, (rows, dense.shape[0])),
            tf.broadcast_to(on_sequence, sequence_shape),
        )


@pytest.fixture()
def registered():
    """Pointwise and PositionsAndFeatures registered for one test, one line each."""
    parts.register_block(Pointwise)
    parts.register_head(PositionsAndFeatures)
    yield
    parts.unregister(Pointwise)
    parts.unregister(PositionsAndFeatures)


def test_a_fake_block_and_head_are_built_trained_explained_saved_and_loaded(registered, tmp_path):
    Pointwise.steps.clear()
    params = dict(conv_num=1, kernel_num=8, kernel_len=5, neuron_num=8, epochs=8)
    reg = ConvMotifRegressor(**params, loss="fake_values", random_state=0).fit(X, Y)
    network = reg.network()
    names = [layer.name for layer in network.model.layers]
    # Built: the block after the convolutions, before the flatten; the head reads both hooks.
    assert names.index("pool_1") < names.index("pointwise") < names.index("flatten")
    assert (
        network.model.get_layer("fake_positions").input
        is network.model.get_layer("pointwise").output
    )
    assert isinstance(network.arch.head, PositionsAndFeatures)
    # Trained by the fast pass (its step was traced), and it learned.
    assert training_forward(network) is not None and Pointwise.steps
    assert np.corrcoef(reg.predict(X), Y)[0, 1] > 0.5
    # Explained by DeepLIFT: the contributions sum to the logit differences.
    refs = np.eye(4, dtype=np.float32)[np.random.default_rng(1).integers(0, 4, (5, 30))]
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        contrib = deep_lift_shap(reg, X[:10], references=refs)
    logits = logit_function(network)
    delta = logits(reg.encode(X[:10]).one_hot()).numpy()[:, 0] - logits(refs).numpy()[:, 0].mean()
    np.testing.assert_allclose(contrib.sum(axis=(1, 2)), delta, rtol=1e-4, atol=1e-5)
    assert np.abs(delta).max() > 1e-2
    # Saved and loaded.
    skmotif.save(reg, tmp_path / "fake")
    loaded = skmotif.load(tmp_path / "fake")
    np.testing.assert_allclose(loaded.predict(X), reg.predict(X), rtol=1e-6)
    assert isinstance(loaded.head(), PositionsAndFeatures)


def test_unregistered_head_kinds_and_stages_are_refused():
    with pytest.raises(ValueError, match="unknown head kind 'fake_values'"):
        parts.Head("fake_values", 1)

    class Nowhere(parts.Block):
        stage = "middle"

    with pytest.raises(ValueError, match=r"Nowhere\.stage is 'middle'"):
        parts.register_block(Nowhere)
