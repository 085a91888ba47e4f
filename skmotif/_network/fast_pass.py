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

Each block type has one entry in :data:`STEPS`; a recurrent block's entry is
None: such a network trains through Keras's own pass.
"""

from .description import Conv, Dense, Flatten, Recurrent, unknown_block
from .keras_setup import import_keras


def _conv(tf, layers, h, drop):
    """One convolution block on (batch, 1, length, channels); also returns the skip's input."""
    conv, pool = layers["conv"], layers["pool"]
    z = tf.nn.conv2d(h, tf.expand_dims(conv.kernel, 0), 1, "VALID")
    h = conv.activation(tf.nn.bias_add(z, conv.bias))
    if type(pool).__name__ == "GlobalMaxPooling1D":
        pooled, covers = _whole_max(tf, h), True
    else:
        (size,), (stride,) = pool.pool_size, pool.strides
        pooled = tf.nn.max_pool2d(h, (1, size), (1, stride), "VALID")
        covers = stride <= size and (h.shape[2] - size) % stride == 0
    # The skip is the maximum of the pools where their windows cover all positions.
    return drop(layers["dropout"], pooled), pooled if covers else h


def _flatten(tf, layers, h, drop):
    return tf.reshape(h, (tf.shape(h)[0], -1)), None


def _dense(tf, layers, h, drop):
    return drop(layers["dropout"], layers["dense"](h)), None


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


#: One step per block type: (tf, the block's layers, input, drop) -> (output, the
#: skip's input or None). None: no fast pass (the network trains through Keras).
STEPS = {Conv: _conv, Flatten: _flatten, Dense: _dense, Recurrent: None}


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
        None for a network with a block whose step is None (LSTM or GRU
        layers) or for a backend other than TensorFlow (train it as it is).

    Raises
    ------
    TypeError
        For a block type that :data:`STEPS` does not list.
    """
    arch = network.arch
    for block in arch.blocks:
        if type(block) not in STEPS:
            raise unknown_block(block, "The fast training pass")
    keras = import_keras()
    if keras.backend.backend() != "tensorflow" or any(STEPS[type(b)] is None for b in arch.blocks):
        return None
    import tensorflow as tf

    blocks = [
        (STEPS[type(block)], network.layers(block), arch.skipped(block)) for block in arch.blocks
    ]
    dropouts = [network.input_dropout]
    dropouts += [layers["dropout"] for _, layers, _ in blocks if "dropout" in layers]
    output = network.output

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
        skipped = []
        for step, layers, skips in blocks:
            h, skip_input = step(tf, layers, h, drop)
            if skips:
                skipped.append(tf.reshape(_whole_max(tf, skip_input), (rows, -1)))
        if skipped:
            h = tf.concat([*skipped, h], -1)
        return output(h)

    return forward
