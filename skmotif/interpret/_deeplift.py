"""DeepLIFT's rules, one per block type, run over a network's architecture (TensorFlow).

Every ReLU (and an exponential first layer) passes ``(f(x) - f(r)) / (x - r)``
(its derivative where ``x == r``: the rescale rule); every max pooling
passes the output difference to the input that is the maximum of x (the
part ``max(y_x, y_r) - y_r``) and to the one that is the maximum of r (the
part ``y_x - max(y_x, y_r)``), divided by that input's difference (shap's
DeepExplainer rule: the max rule); convolutions and dense layers pass their
weights. So multiplier x (x - r) sums to exactly ``logit(x) - logit(r)``.

:data:`RULES` holds, per block type, a forward step that keeps what the
backward step needs and that backward step, as tangermeme keeps its table
of layer rules. A block type without rules is a ValueError that names the
methods that do work.
"""

import numpy as np

from .._network.description import Conv, Dense, Flatten, Recurrent, unknown_block
from .._network.keras_setup import import_keras
from .._network.predict import traced


def _activation(tf, layer):
    return tf.exp if layer.get_config()["activation"] == "exponential" else tf.nn.relu


def _conv_forward(tf, layers, h):
    conv = layers["conv"]
    z = conv.convolution_op(h, conv.kernel) + conv.bias
    a = _activation(tf, conv)(z)
    return (h, z, a), layers["pool"](a, training=False)


def _conv_backward(tf, layers, pair, g, skip=None):
    """``skip``: (skip pooling layer, its output multipliers) for the block the skip reads."""
    conv, pool = layers["conv"], layers["pool"]
    hr, zx, ax, zr, ar = pair
    parts = _max_rule(tf, lambda v: pool(v, training=False), ax, ar, g)
    if skip is not None:
        parts += _max_rule(tf, skip[0], ax, ar, skip[1])
    # Max rule then rescale rule: the parts over the pre-activation difference.
    unchanged = tf.abs(ax - ar) < 1e-7
    g = tf.where(unchanged, 0.0, parts / tf.where(unchanged, 1.0, zx - zr))
    return tf.nn.conv1d_transpose(g, conv.kernel, tf.shape(hr), 1, padding="VALID")


def _flatten_forward(tf, layers, h):
    return (h, None, None), tf.reshape(h, (tf.shape(h)[0], -1))


def _flatten_backward(tf, layers, pair, g, skip=None):
    return tf.reshape(g, tf.shape(pair[0]))


def _dense_forward(tf, layers, h):
    dense = layers["dense"]
    z = tf.matmul(h, dense.kernel) + dense.bias
    a = tf.nn.relu(z)
    return (h, z, a), a


def _dense_backward(tf, layers, pair, g, skip=None):
    _, zx, ax, zr, ar = pair
    dz = zx - zr  # rescale rule; the slope where input and reference meet
    close = tf.abs(dz) < 1e-6
    m = tf.where(close, tf.cast(zx > 0, dz.dtype), (ax - ar) / tf.where(close, 1.0, dz))
    return tf.matmul(g * m, layers["dense"].kernel, transpose_b=True)


#: Per block type: (forward, backward). forward(tf, layers, h) -> (state (input,
#: pre-activation, activation), output); backward(tf, layers, (input of the reference,
#: pre-activation and activation of x, of the reference), output multipliers, skip)
#: -> input multipliers. None: DeepLIFT has no rule for the block.
RULES = {
    Conv: (_conv_forward, _conv_backward),
    Flatten: (_flatten_forward, _flatten_backward),
    Dense: (_dense_forward, _dense_backward),
    Recurrent: None,
}


def deeplift_multipliers(network):
    """DeepLIFT multipliers of a network's logits (TensorFlow backend).

    The returned function runs the network once on each input and once on
    each reference, then carries the multipliers back through every
    (input, reference) pair with each block's rules (:data:`RULES`); only
    the backward pass runs per pair.

    Parameters
    ----------
    network : Network
        A model with its architecture (:class:`skmotif._network.build.Network`).

    Returns
    -------
    function
        ``(x, references, unit) -> (multipliers, logits_x, logits_references)``:
        x of shape (n, length, channels); references of shape
        (n * k, length, channels), k per input, in the inputs' order; an
        output unit. Multipliers have the references' shape, one per pair;
        the logits of that unit have shapes (n,) and (n * k,).

    Raises
    ------
    ValueError
        For a network with LSTM or GRU layers, or a backend other than TensorFlow.
    TypeError
        For a block type that :data:`RULES` does not list.
    """
    multipliers = traced(
        network.model, "deeplift", lambda: _multipliers(network), "input", "index"
    )

    def call(x, refs, unit):
        out = multipliers(np.asarray(x, np.float32), np.asarray(refs, np.float32), unit)
        return tuple(t.numpy() for t in out)

    return call


def _check_rules(arch):
    """TypeError or ValueError unless every block of ``arch`` has DeepLIFT rules that run
    on this Keras backend."""
    for block in arch.blocks:
        if type(block) not in RULES:
            raise unknown_block(block, "DeepLIFT")
        if RULES[type(block)] is None:
            raise ValueError(
                f"DeepLIFT rules for {type(block).__name__} blocks (LSTM/GRU layers) are not "
                "implemented; use skmotif.interpret.saliency or skmotif.interpret.ism for "
                "recurrent networks."
            )
    keras = import_keras()
    if keras.backend.backend() != "tensorflow":
        raise ValueError(
            "DeepLIFT needs the TensorFlow Keras backend; this one is "
            f"{keras.backend.backend()!r}. saliency and ism run on any backend."
        )


def _multipliers(network):
    """The traced pass of :func:`deeplift_multipliers`, after checking its rules apply."""
    import tensorflow as tf

    arch = network.arch
    _check_rules(arch)
    blocks = [(RULES[type(block)], network.layers(block)) for block in arch.blocks]
    output = network.output
    # Per block that the global skip reads: its pooling layer and its columns of the
    # output kernel (the skips come first, in order, then the last hidden features).
    skips, start = {}, 0
    for i, block in enumerate(arch.blocks):
        if arch.skipped(block):
            skips[i] = (network.skip_pool(block), start, start + block.filters)
            start += block.filters

    def forward(h):
        """Each block's state; the logits (rows, n_outputs)."""
        states, skipped = [], []
        for i, ((step, _), layers) in enumerate(blocks):
            state, h = step(tf, layers, h)
            states.append(state)
            if i in skips:
                skipped.append(skips[i][0](state[2]))
        h = tf.concat([*skipped, h], axis=-1)
        return states, tf.matmul(h, output.kernel) + output.bias

    def multipliers(x, refs, unit):
        k = tf.shape(refs)[0] // tf.shape(x)[0]
        x_states, x_logits = forward(x)
        r_states, r_logits = forward(refs)
        rows = tf.shape(refs)[0]
        weights = output.kernel[:, unit]
        # Per pair: the reference's block input (for shapes); pre-activations and
        # activations of input and reference.
        pairs = [
            (hr, *(None if t is None else tf.repeat(t, k, axis=0) for t in (zx, ax)), zr, ar)
            for (_, zx, ax), (hr, zr, ar) in zip(x_states, r_states, strict=True)
        ]
        g = tf.broadcast_to(weights[start:], (rows, weights.shape[0] - start))
        for i in reversed(range(len(blocks))):
            (_, backward), layers = blocks[i]
            upstream = None
            if i in skips:
                pool, first, last = skips[i]
                upstream = (pool, tf.broadcast_to(weights[first:last], (rows, last - first)))
            g = backward(tf, layers, pairs[i], g, upstream)
        return g, x_logits[:, unit], r_logits[:, unit]

    return multipliers


def _max_rule(tf, pool, ax, ar, upstream):
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
