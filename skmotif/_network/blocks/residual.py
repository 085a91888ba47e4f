"""The dilated residual block: ``h + ReLU(dilated Conv1D(h))``, as in BPNet's trunk.

A stack of these after the convolution blocks widens what each position
sees (dilations doubling: 2, 4, 8, ...) without pooling, so a later layer
reads motifs and their spacing over a long stretch. The convolution keeps
the channels of its input (the last convolution block's kernels). Two
residual forms: ``"same"`` pads the convolution so the length is kept;
``"valid"`` (BPNet) does not pad and crops the residual to the
convolution's output, so edge positions, which would read padding, are
dropped.

Estimator parameters: ``residual_num`` (blocks, 0 for none),
``residual_kernel_len``, ``residual_dilation`` (``"doubling"``: 2, 4, 8, ...;
or a tuple, one per block) and ``residual_form``.
"""

from dataclasses import dataclass

from .. import rules
from ..parts import Block, register_block


@register_block
@dataclass(frozen=True)
class Residual(Block):
    """``h + ReLU(Conv1D(h))`` with a dilated convolution that keeps the channels."""

    index: int
    filters: int
    width: int
    dilation: int
    form: str

    role = "conv"
    readable = "conv"

    @classmethod
    def from_params(cls, spec):
        n = spec["residual_num"]
        if not n:
            return ()
        if not spec["conv_num"]:
            raise ValueError(
                f"residual_num={n} needs a convolution block before the residual blocks, whose "
                "kernels they keep; set conv_num >= 1."
            )
        return tuple(
            cls(
                index=i + 1,
                filters=spec["kernel_num"][-1],
                width=spec["residual_kernel_len"],
                dilation=2 ** (i + 1) if dilation == "doubling" else dilation,
                form=spec["residual_form"],
            )
            for i, dilation in enumerate(spec["residual_dilation"])
        )

    @property
    def layer_names(self):
        n = self.index
        names = {"conv": f"residual_conv_{n}"}
        if self.form == "valid":
            names["crop"] = f"residual_crop_{n}"
        return {**names, "add": f"residual_add_{n}"}

    @property
    def _crop(self):
        """Positions cropped off the residual (left, right) in the ``"valid"`` form."""
        total = self.dilation * (self.width - 1) if self.form == "valid" else 0
        return total // 2, total - total // 2

    def lengths(self, length):
        return [(f"residual_conv_{self.index}", length - sum(self._crop))]

    def reach(self, field, jump):
        return field + self.dilation * (self.width - 1) * jump, jump

    def too_short(self):
        return (
            f"Residual layer {self.index} (residual_kernel_len={self.width}, "
            f"dilation {self.dilation}, residual_form='valid')",
            "Use fewer residual blocks (residual_num), smaller dilations or residual_form='same'.",
        )

    def build(self, ctx, h):
        keras, names = ctx.keras, self.layer_names
        convolved = keras.layers.Conv1D(
            self.filters,
            self.width,
            dilation_rate=self.dilation,
            padding=self.form,
            activation="relu",
            kernel_initializer=keras.initializers.GlorotUniform(seed=ctx.seeds()),
            kernel_constraint=ctx.constraint(),
            name=names["conv"],
        )(h)
        if self.form == "valid":
            h = keras.layers.Cropping1D(self._crop, name=names["crop"])(h)
        return keras.layers.Add(name=names["add"])([h, convolved]), None

    def fast_step(self, tf, layers, h, drop):
        conv = layers["conv"]
        kernel = tf.expand_dims(conv.kernel, 0)
        # tf.nn.convolution, not conv2d: TensorFlow's CPU kernels without oneDNN (AMD
        # CPUs) have no dilated conv2d gradient; convolution dilates by space-to-batch.
        z = tf.nn.convolution(h, kernel, padding=self.form.upper(), dilations=(1, self.dilation))
        left, right = self._crop
        return h[:, :, left : h.shape[2] - right] + tf.nn.relu(tf.nn.bias_add(z, conv.bias)), None

    def deeplift_forward(self, tf, layers, h):
        conv = layers["conv"]
        z = conv.convolution_op(h, conv.kernel) + conv.bias
        a = tf.nn.relu(z)
        left, right = self._crop
        return (h, z, a), h[:, left : tf.shape(h)[1] - right] + a

    def deeplift_backward(self, tf, layers, pair, g, skip=None):
        """The residual passes ``g`` on (padded where cropped); the convolution's ReLU the
        rescale rule, and the convolution its weights (its input gradient)."""
        hr, zx, ax, zr, ar = pair
        conv = layers["conv"]
        with tf.GradientTape() as tape:
            tape.watch(hr)
            z = conv.convolution_op(hr, conv.kernel)
        through = tape.gradient(z, hr, output_gradients=rules.rescale(tf, zx, zr, ax, ar, g))
        left, right = self._crop
        return tf.pad(g, [[0, 0], [left, right], [0, 0]]) + through
