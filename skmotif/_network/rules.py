"""DeepLIFT's rules for the layers blocks are made of (TensorFlow), shared by the blocks.

Every ReLU (and an exponential first layer) passes ``(f(x) - f(r)) / (x - r)``
(its derivative where ``x == r``: the rescale rule); every max pooling
passes the output difference to the input that is the maximum of x (the
part ``max(y_x, y_r) - y_r``) and to the one that is the maximum of r (the
part ``y_x - max(y_x, y_r)``), divided by that input's difference (shap's
DeepExplainer rule: the max rule); convolutions and dense layers pass their
weights. So multiplier x (x - r) sums to exactly ``logit(x) - logit(r)``.
"""


def activation(tf, layer):
    """The activation function of a Keras convolution or dense layer, as a TF function."""
    return tf.exp if layer.get_config()["activation"] == "exponential" else tf.nn.relu


def rescale(tf, zx, zr, ax, ar, g):
    """Multipliers of a pre-activation from those of its activation (the rescale rule).

    Where input and reference meet (``|zx - zr| < 1e-6``) the slope there: 1
    above 0, else 0 (ReLU).
    """
    dz = zx - zr
    close = tf.abs(dz) < 1e-6
    return g * tf.where(close, tf.cast(zx > 0, dz.dtype), (ax - ar) / tf.where(close, 1.0, dz))


def max_rule(tf, pool, ax, ar, upstream):
    """DeepLIFT's max rule for a max pooling of ax against ar, before dividing by ax - ar.

    The output difference times ``upstream`` (the multipliers of the
    pooling's outputs) goes to the input that is the maximum of ax (the
    part ``max(y_x, y_r) - y_r``) and to the one that is the maximum of r (the
    part ``y_x - max(y_x, y_r)``); shape of ``ax``. It is zero wherever
    ``ax == ar``.
    """
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([ax, ar])
        yx, yr = pool(ax), pool(ar)
    cross = tf.maximum(yx, yr)
    to_x = tape.gradient(yx, ax, output_gradients=upstream * (cross - yr))
    to_r = tape.gradient(yr, ar, output_gradients=upstream * (yx - cross))
    return to_x + to_r
