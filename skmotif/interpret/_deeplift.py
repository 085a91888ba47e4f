"""DeepLIFT over a network's architecture (TensorFlow): each block's rules, then the head's.

The rules (``skmotif._network.rules``) make multiplier x (x - r) sum to
exactly ``logit(x) - logit(r)``. Every block type holds its forward step,
which keeps what its backward step needs, and that backward step
(``deeplift_forward``, ``deeplift_backward``), as tangermeme keeps its table
of layer rules; the head gives the multipliers of a logit with respect to
its inputs (``deeplift_start``). A block type whose rules are None is a
ValueError that names the methods that do work.
"""

import numpy as np

from .._network.keras_setup import import_keras
from .._network.parts import check_blocks
from .._network.predict import traced


def deeplift_multipliers(network):
    """DeepLIFT multipliers of a network's logits (TensorFlow backend).

    The returned function runs the network once on each input and once on
    each reference, then carries the multipliers back through every
    (input, reference) pair with each block's rules; only the backward pass
    runs per pair.

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
        For a block type that is not registered.
    """
    multipliers = traced(
        network.model, "deeplift", lambda: _multipliers(network), "input", "index"
    )

    def call(x, refs, unit):
        out = multipliers(np.asarray(x, np.float32), np.asarray(refs, np.float32), unit)
        return tuple(t.numpy() for t in out)

    return call


def _check_rules(arch):
    """``arch``, after a TypeError or ValueError unless every block of it has DeepLIFT rules
    that run on this Keras backend."""
    check_blocks(arch.blocks, "DeepLIFT")
    for block in arch.blocks:
        if block.deeplift_forward is None:
            raise ValueError(
                f"DeepLIFT rules for {type(block).__name__} blocks are not implemented; use "
                "skmotif.interpret.saliency or skmotif.interpret.ism for such networks."
            )
    keras = import_keras()
    if keras.backend.backend() != "tensorflow":
        raise ValueError(
            "DeepLIFT needs the TensorFlow Keras backend; this one is "
            f"{keras.backend.backend()!r}. saliency and ism run on any backend."
        )
    return arch


def _multipliers(network):
    """The traced pass of :func:`deeplift_multipliers`, after checking its rules apply."""
    import tensorflow as tf

    arch = _check_rules(network.arch)
    ops = import_keras().ops
    blocks = [(block, network.layers(block)) for block in arch.blocks]
    head, head_layers = arch.head, network.layers(arch.head)
    skips, start = _skip_columns(network)
    last_of_trunk = arch.trunk_end - 1

    def forward(h):
        """Each block's state; the head's inputs (features, sequence)."""
        states, skipped, sequence = [], [], h
        for i, (block, layers) in enumerate(blocks):
            state, h = block.deeplift_forward(tf, layers, h)
            states.append(state)
            if i in skips:
                skipped.append(skips[i][0](state[2]))
            if i == last_of_trunk:
                sequence = h
        return states, (tf.concat([*skipped, h], axis=-1), sequence)

    def multipliers(x, refs, unit):
        k = tf.shape(refs)[0] // tf.shape(x)[0]
        x_states, x_reads = forward(x)
        r_states, r_reads = forward(refs)
        x_logits, r_logits, (features, on_sequence) = _head_start(
            tf, ops, head, head_layers, x_reads, r_reads, k, unit
        )
        pairs = _pairs(tf, x_states, r_states, k)
        g = None if features is None else features[:, start:]
        for i in reversed(range(len(blocks))):
            block, layers = blocks[i]
            if i == last_of_trunk and on_sequence is not None:
                g = on_sequence if g is None else g + on_sequence
            upstream = None
            if i in skips:
                pool, first, last = skips[i]
                upstream = (pool, features[:, first:last])
            g = block.deeplift_backward(tf, layers, pairs[i], g, upstream)
        if last_of_trunk < 0 and on_sequence is not None:
            g = on_sequence if g is None else g + on_sequence
        return g, x_logits[:, unit], r_logits[:, unit]

    return multipliers


def _head_start(tf, ops, head, layers, x_reads, r_reads, k, unit):
    """The logits of the inputs and of the references, and the head's multipliers
    (``deeplift_start``); each reference reads what its input holds constant (``reads``).

    Parameters
    ----------
    x_reads, r_reads : (tensor, tensor)
        The head's inputs (features, sequence) of the inputs, (n, ...), and of the
        references, (n * k, ...).
    """
    reads = tuple(tf.repeat(t, k, axis=0) for t in x_reads)  # each pair's input
    x_logits = head.logits(ops, layers, *x_reads, reads=x_reads)
    r_logits = head.logits(ops, layers, *r_reads, reads=reads)
    rows, shape = tf.shape(r_reads[1])[0], tf.shape(r_reads[1])
    return x_logits, r_logits, head.deeplift_start(tf, layers, unit, rows, shape, reads=reads)


def _skip_columns(network):
    """Per block that the global skip reads: its pooling layer and its columns of the
    head's features (the skips come first, in order, then the last block's features);
    and where the last block's features start."""
    skips, start = {}, 0
    for wire in network.arch.skip:
        skips[wire.position] = (network.skip_pool(wire), start, start + wire.channels)
        start += wire.channels
    return skips, start


def _pairs(tf, x_states, r_states, k):
    """Per block and (input, reference) pair: the reference's block input (for shapes),
    pre-activations and activations of the input (repeated k times) and of the reference."""
    return [
        (hr, *(None if t is None else tf.repeat(t, k, axis=0) for t in (zx, ax)), zr, ar)
        for (_, zx, ax), (hr, zr, ar) in zip(x_states, r_states, strict=True)
    ]
