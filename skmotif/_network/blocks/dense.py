"""The dense block: Dense (ReLU) -> dropout, on features."""

from dataclasses import dataclass

from .. import rules
from ..parts import Block, register_block


@register_block
@dataclass(frozen=True)
class Dense(Block):
    """Dense (ReLU) -> dropout."""

    index: int
    units: int
    dropout: float

    stage = "features"
    role = "dense"
    readable = "dense"

    @classmethod
    def from_params(cls, spec):
        return tuple(
            cls(index=i + 1, units=spec["neuron_num"][i], dropout=spec["dropout_dense"][i])
            for i in range(spec["dense_num"])
        )

    @property
    def layer_names(self):
        n = self.index
        return {"dense": f"dense_{n}", "dropout": f"dropout_dense_{n}"}

    def build(self, ctx, h):
        keras, names = ctx.keras, self.layer_names
        h = keras.layers.Dense(
            self.units,
            activation="relu",
            kernel_initializer=keras.initializers.GlorotUniform(seed=ctx.seeds()),
            kernel_constraint=ctx.constraint(),
            name=names["dense"],
        )(h)
        return keras.layers.Dropout(self.dropout, seed=ctx.seeds(), name=names["dropout"])(h), None

    def fast_step(self, tf, layers, h, drop):
        return drop(layers["dropout"], layers["dense"](h)), None

    def deeplift_forward(self, tf, layers, h):
        dense = layers["dense"]
        z = tf.matmul(h, dense.kernel) + dense.bias
        a = tf.nn.relu(z)
        return (h, z, a), a

    def deeplift_backward(self, tf, layers, pair, g, skip=None):
        _, zx, ax, zr, ar = pair
        return tf.matmul(
            rules.rescale(tf, zx, zr, ax, ar, g), layers["dense"].kernel, transpose_b=True
        )
