"""The flatten block: the last trunk block's positions side by side, as features."""

from dataclasses import dataclass

from ..parts import Block, register_block


@register_block
@dataclass(frozen=True)
class Flatten(Block):
    """The positions of the last trunk block side by side, for the dense blocks (the
    reduction of networks without recurrent layers)."""

    stage = "reduce"

    @classmethod
    def from_params(cls, spec):
        return () if spec["rnn_type"] is not None and spec["rnn_num"] else (cls(),)

    @property
    def layer_names(self):
        return {"flatten": "flatten"}

    def build(self, ctx, h):
        return ctx.keras.layers.Flatten(name=self.layer_names["flatten"])(h), None

    def fast_step(self, tf, layers, h, drop):
        return tf.reshape(h, (tf.shape(h)[0], -1)), None

    def deeplift_forward(self, tf, layers, h):
        return (h, None, None), tf.reshape(h, (tf.shape(h)[0], -1))

    def deeplift_backward(self, tf, layers, pair, g, skip=None):
        return tf.reshape(g, tf.shape(pair[0]))
