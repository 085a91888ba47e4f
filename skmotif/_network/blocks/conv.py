"""The convolution block: Conv1D (valid) -> max pooling -> dropout."""

from dataclasses import dataclass

from .. import rules
from ..parts import Block, register_block


@register_block
@dataclass(frozen=True)
class Conv(Block):
    """Conv1D (valid) -> max pooling -> dropout; ``pool`` is "global" or the window size.

    Its kernels read as motifs (the first block's), and the global skip may
    read its activations (the maximum over all positions).
    """

    index: int
    filters: int
    width: int
    activation: str
    pool: int | str
    stride: int
    dropout: float

    role = "conv"
    readable = "conv"
    skippable = True

    @classmethod
    def from_params(cls, spec):
        return tuple(
            cls(
                index=i + 1,
                filters=spec["kernel_num"][i],
                width=spec["kernel_len"][i],
                activation=spec["first_activation"] if i == 0 else "relu",
                pool=spec["pool_size"][i],
                stride=spec["pool_stride"][i],
                dropout=spec["dropout_conv"][i],
            )
            for i in range(spec["conv_num"])
        )

    @property
    def layer_names(self):
        n = self.index
        return {"conv": f"conv_{n}", "pool": f"pool_{n}", "dropout": f"dropout_conv_{n}"}

    @property
    def channels(self):
        return self.filters

    @property
    def skip_name(self):
        """The skip's pooling layer (``skip_pool`` for the first: the name before 0.5.0)."""
        return "skip_pool" if self.index == 1 else f"skip_pool_{self.index}"

    def lengths(self, length):
        after_conv = length - self.width + 1
        steps = [(f"conv_{self.index}", after_conv)]
        if after_conv > 0:
            size, step = (
                (after_conv, after_conv) if self.pool == "global" else (self.pool, self.stride)
            )
            after_pool = (after_conv - size) // step + 1 if after_conv >= size > 0 else 0
            steps.append((f"pool_{self.index}", after_pool))
        return steps

    def reach(self, field, jump):
        """The convolution widens the field; the pooling widens it and its stride the jump
        (a global maximum neither: it combines no two positions)."""
        field += (self.width - 1) * jump
        if self.pool != "global":
            field, jump = field + (self.pool - 1) * jump, jump * self.stride
        return field, jump

    def too_short(self):
        return (
            f"Conv layer {self.index} (kernel_len={self.width}, pool_size={self.pool}, "
            f"pool_stride={self.stride})",
            "Use fewer conv layers (conv_num), shorter kernels (kernel_len) or smaller "
            "pooling (pool_size).",
        )

    def build(self, ctx, h):
        keras, names = ctx.keras, self.layer_names
        layers = keras.layers
        convolved = layers.Conv1D(
            self.filters,
            self.width,
            padding="valid",
            activation=self.activation,
            kernel_initializer=keras.initializers.RandomUniform(-0.05, 0.05, seed=ctx.seeds()),
            kernel_constraint=ctx.constraint(),
            name=names["conv"],
        )(h)
        if self.pool == "global":
            h = layers.GlobalMaxPooling1D(keepdims=True, name=names["pool"])(convolved)
        else:
            h = layers.MaxPooling1D(self.pool, self.stride, name=names["pool"])(convolved)
        h = layers.Dropout(self.dropout, seed=ctx.seeds(), name=names["dropout"])(h)
        return h, convolved

    def fast_step(self, tf, layers, h, drop):
        conv = layers["conv"]
        z = tf.nn.conv2d(h, tf.expand_dims(conv.kernel, 0), 1, "VALID")
        h = conv.activation(tf.nn.bias_add(z, conv.bias))
        if self.pool == "global":
            pooled, covers = tf.nn.max_pool2d(h, (1, h.shape[2]), (1, h.shape[2]), "VALID"), True
        else:
            pooled = tf.nn.max_pool2d(h, (1, self.pool), (1, self.stride), "VALID")
            covers = self.stride <= self.pool and (h.shape[2] - self.pool) % self.stride == 0
        # The skip is the maximum of the pools where their windows cover all positions.
        return drop(layers["dropout"], pooled), pooled if covers else h

    def deeplift_forward(self, tf, layers, h):
        conv = layers["conv"]
        z = conv.convolution_op(h, conv.kernel) + conv.bias
        a = rules.activation(tf, conv)(z)
        return (h, z, a), layers["pool"](a, training=False)

    def deeplift_backward(self, tf, layers, pair, g, skip=None):
        """``skip``: (skip pooling layer, its output multipliers) when the skip reads the block."""
        conv, pool = layers["conv"], layers["pool"]
        hr, zx, ax, zr, ar = pair
        parts = rules.max_rule(tf, lambda v: pool(v, training=False), ax, ar, g)
        if skip is not None:
            parts += rules.max_rule(tf, skip[0], ax, ar, skip[1])
        # Max rule then rescale rule: the parts over the pre-activation difference.
        unchanged = tf.abs(ax - ar) < 1e-7
        g = tf.where(unchanged, 0.0, parts / tf.where(unchanged, 1.0, zx - zr))
        return tf.nn.conv1d_transpose(g, conv.kernel, tf.shape(hr), 1, padding="VALID")
