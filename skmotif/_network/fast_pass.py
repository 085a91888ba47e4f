"""The fast training pass: ``model(x, training=True)`` computed faster, from the architecture.

The same layers and variables as Keras's pass; what changes is how
TensorFlow computes them:

- dropout masks come from a cheaper stream than Keras's (see
  :func:`dropout_mask`): each ``Dropout`` layer's seed generator advances as
  in Keras, but a mask element takes 8 random bits where Keras takes 32, so
  a quarter of the Philox words are drawn;
- every dropout mask is drawn when the step starts, where Keras draws it
  when the layer's input is ready, so drawing overlaps the forward pass;
- convolutions and max pooling run on (batch, 1, length, channels), as
  TensorFlow's 2-D operations, which lets it fuse a convolution with its
  bias, ReLU and bias gradient (Keras's 1-D convolution reshapes around each
  operation, which blocks the fusion);
- a maximum over all positions (the global skip and ``pool_size="global"``)
  is a max pooling, whose gradient goes to the first maximal position;
  ``GlobalMaxPooling1D`` splits it among equal maxima. That changes no
  weight gradient where equal maxima come from identical windows of the
  input (repeats, padding), nor where they are ReLU zeros; it changes the
  input gradient, which training does not use. Where the first pooling's
  windows cover every position, the skip is the maximum of the pooled
  values, half as many.

So with Keras's dropout drawing from :func:`dropout_mask`, one training step
gives the gradients of Keras's step up to the order of floating-point
additions (``tests/test_network.py``); the fused operations
add in another order, and over many steps such differences grow as they do
between machines.

Each block type computes its own step (``fast_step``) and the head its
layers (``forward``); a block type whose ``fast_step`` is None (recurrent
layers) makes the network train through Keras's own pass.
"""

from .keras_setup import import_keras
from .parts import check_blocks


def dropout_mask(layer, shape, dtype):
    """A dropout mask, drawn with the layer's next seed: 8 random bits per element.

    Keras draws one 32-bit uniform float per element from the stateless
    Philox stream; here one 32-bit Philox word gives the bytes of four
    elements, and an element is dropped where its byte is below
    ``round(256 * rate)`` (at least 1, at most 255). The drop probability is
    therefore the rate rounded to a multiple of 1/256 (0.3 -> 0.3008), and
    kept values are scaled by the inverse of the kept fraction, so the
    expected activation is unchanged. A step's masks take 0.54-0.60 of the
    time of Keras's (benchmarks/bench_speed.py, part ``masks``), its random
    numbers alone 0.3 (part ``profile``).

    Parameters
    ----------
    layer : keras.layers.Dropout
        Its ``rate`` (> 0) and ``seed_generator`` (advanced by one draw).
    shape : tf.Tensor of int32, shape (rank,)
    dtype : tf.DType

    Returns
    -------
    mask : tf.Tensor of ``dtype``, shape ``shape``
        0 where dropped, ``256 / (256 - threshold)`` where kept.
    """
    import tensorflow as tf

    threshold = min(255, max(1, round(256 * layer.rate)))
    seed = tf.cast(tf.math.floormod(layer.seed_generator.next(), 2**31 - 2), tf.int32)
    size = tf.reduce_prod(shape)
    words = tf.random.stateless_uniform(
        [(size + 3) // 4], seed, minval=None, maxval=None, dtype=tf.uint32
    )
    random_bytes = tf.reshape(tf.bitcast(words, tf.uint8), [-1])[:size]
    keep = tf.reshape(random_bytes >= tf.constant(threshold, tf.uint8), shape)
    return tf.where(keep, tf.constant(256 / (256 - threshold), dtype), tf.zeros((), dtype))


def _whole_max(tf, h):  # (batch, 1, length, channels) -> (batch, 1, 1, channels)
    return tf.nn.max_pool2d(h, (1, h.shape[2]), (1, h.shape[2]), "VALID")


def training_forward(network):
    """``model(x, training=True)`` computed faster, for networks whose blocks all have a step.

    Parameters
    ----------
    network : Network
        A model from :func:`~skmotif._network.build.build_network` with its architecture.

    Returns
    -------
    function or None
        Maps a batch of network input, shape (batch, length, channels), to
        the network's output, shape (batch, n_outputs), in training mode;
        None for a network with a block whose ``fast_step`` is None (LSTM or
        GRU layers) or for a backend other than TensorFlow (train it as it is).

    Raises
    ------
    TypeError
        For a block type that is not registered.
    """
    arch = network.arch
    check_blocks(arch.blocks, "The fast training pass")
    keras = import_keras()
    if keras.backend.backend() != "tensorflow" or any(b.fast_step is None for b in arch.blocks):
        return None
    import tensorflow as tf

    blocks = [
        (block, network.layers(block), arch.skipped(block), i == arch.trunk_end - 1)
        for i, block in enumerate(arch.blocks)
    ]
    dropouts = [network.input_dropout]
    dropouts += [layers["dropout"] for _, layers, _, _ in blocks if "dropout" in layers]
    head, head_layers = arch.head, network.layers(arch.head)

    def forward(x):
        rows = tf.shape(x)[0]
        masks = {
            layer.name: dropout_mask(
                layer, tf.concat([[rows], layer.output.shape[1:]], 0), x.dtype
            )
            for layer in dropouts
            if layer.rate > 0
        }

        def drop(layer, h):
            mask = masks.get(layer.name)
            return h if mask is None else h * tf.reshape(mask, tf.shape(h))

        h = tf.expand_dims(drop(dropouts[0], x), 1)
        skipped, sequence = [], h
        for block, layers, skips, last_of_trunk in blocks:
            h, skip_input = block.fast_step(tf, layers, h, drop)
            if skips:
                skipped.append(tf.reshape(_whole_max(tf, skip_input), (rows, -1)))
            if last_of_trunk:
                sequence = h
        if skipped:
            h = tf.concat([*skipped, h], -1)
        return head.forward(head_layers, h, tf.squeeze(sequence, 1))

    return forward
