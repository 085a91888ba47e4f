"""The network: per-layer hyperparameters, the Keras model built from them, and its parts.

This is the only module that creates Keras layers and models: the network
(:func:`build_network`), the compiled copy that trains it
(:func:`build_trainer`, with its faster training pass
:func:`training_forward`) and the sub-models that interpretation runs
(:func:`logit_function`, :func:`objective_model`). Keras is imported inside
the functions, so the parameter helpers stay usable without it.
"""

import functools

import numpy as np

from ._keras import import_keras

#: Which per-layer parameters belong to which layer count.
PER_LAYER = {
    "conv_num": ("kernel_num", "kernel_len", "pool_size", "pool_stride", "dropout_conv"),
    "dense_num": ("neuron_num", "dropout_dense"),
    "rnn_num": (
        "rnn_units",
        "rnn_bidirectional",
        "rnn_dropout_input",
        "rnn_dropout_recurrent",
    ),
}

#: The parameters that shape the network: two networks built with equal values have the
#: same layers and variables (``learning_rate`` only sets the optimizer's variable).
ARCHITECTURE = (
    "conv_num",
    "dense_num",
    "rnn_num",
    "rnn_type",
    "dropout_input",
    "first_activation",
    "global_skip",
    "kernel_constraint",
    *(name for names in PER_LAYER.values() for name in names),
)


def expand_layer_params(params):
    """Give every per-layer parameter one value per layer.

    Parameters
    ----------
    params : dict
        Estimator parameters; a per-layer parameter is a scalar (shared by
        all layers of its kind) or a tuple with one value per layer.

    Returns
    -------
    expanded : dict
        A copy of ``params`` whose per-layer values are tuples of the layer
        count's length (empty for zero layers).

    Raises
    ------
    ValueError
        For a tuple whose length differs from its layer count.
    """
    expanded = dict(params)
    for count_name, names in PER_LAYER.items():
        count = params[count_name] if count_name != "rnn_num" or params["rnn_type"] else 0
        for name in names:
            value = params[name]
            if isinstance(value, tuple):
                if count and len(value) != count:
                    raise ValueError(
                        f"{name}={value!r} gives {len(value)} values but "
                        f"{count_name}={count}; give one value per layer or a "
                        "single value for all of them."
                    )
                expanded[name] = value[:count]
            else:
                expanded[name] = (value,) * count
    return expanded


def conv_output_lengths(length, spec):
    """Sequence length after each convolution and pooling layer.

    Parameters
    ----------
    length : int
        Input sequence length.
    spec : dict
        Expanded parameters (see :func:`expand_layer_params`).

    Returns
    -------
    lengths : list of (int, int)
        (after convolution, after pooling) for every conv layer; global
        pooling (``pool_size="global"``) leaves one position.

    Raises
    ------
    ValueError
        When a layer would shrink the sequence to length <= 0.
    """
    lengths, chain = [], [str(length)]
    for i in range(spec["conv_num"]):
        kernel, pool, stride = spec["kernel_len"][i], spec["pool_size"][i], spec["pool_stride"][i]
        after_conv = length - kernel + 1
        size, step = (after_conv, after_conv) if pool == "global" else (pool, stride)
        after_pool = (after_conv - size) // step + 1 if after_conv >= size > 0 else 0
        chain.append(f"conv_{i + 1} {after_conv}")
        if after_conv > 0:
            chain.append(f"pool_{i + 1} {after_pool}")
        if after_pool <= 0:
            raise ValueError(
                f"Conv layer {i + 1} (kernel_len={kernel}, pool_size={pool}, "
                f"pool_stride={stride}) shrinks the sequence to nothing: "
                f"{' -> '.join(chain)}. Use fewer conv layers (conv_num), shorter "
                "kernels (kernel_len) or smaller pooling (pool_size)."
            )
        lengths.append((after_conv, after_pool))
        length = after_pool
    return lengths


def build_network(spec, input_shape, n_outputs, multilabel, seed):
    """Build the network (uncompiled: :func:`build_trainer` trains a copy of it).

    input -> Dropout -> conv_num x [Conv1D(valid, ReLU (the first:
    ``first_activation``), max-norm) ->
    MaxPooling1D -> Dropout] -> rnn_num x LSTM/GRU, or Flatten ->
    dense_num x [Dense(ReLU, max-norm) -> Dropout] -> Dense(n_outputs).
    With ``global_skip``, each first-layer kernel's maximum over all
    positions (``skip_pool``) also goes straight to the output layer
    (``skip_concat``, beside the last hidden features), unless the first
    pooling already leaves one position: the output then sees where a motif
    is (through the deeper layers) and whether it is anywhere (the skip).

    Convolution and recurrent kernels start uniform in [-0.05, 0.05], as in
    pysster. Dense and output kernels start Glorot-uniform, which scales
    with the layer's size: the fixed +-0.05 is far too small for a narrow
    dense layer (30 inputs after global pooling), where training stalled
    at the label base rate on 12 planted motifs (benchmarks/bench_recovery.py).

    Parameters
    ----------
    spec : dict
        Expanded parameters (see :func:`expand_layer_params`).
    input_shape : tuple of int
        (length, channels).
    n_outputs : int
        Number of output units (classes or labels).
    multilabel : bool
        Sigmoid outputs if True (trained with binary cross-entropy), else
        softmax (categorical cross-entropy).
    seed : int
        Seed from which every initialiser and dropout layer draws its own.

    Returns
    -------
    model : keras.Model
        Layers are named
        ``dropout_input``, ``conv_1``, ``pool_1``, ``dropout_conv_1``, ...,
        ``lstm_1``/``gru_1`` or ``flatten``, ``dense_1``,
        ``dropout_dense_1``, ..., ``output``.
    """
    keras = import_keras()
    layers = keras.layers
    seeds = iter(np.random.default_rng(seed).integers(0, 2**31 - 1, size=64).tolist())
    max_norm = spec["kernel_constraint"]

    def init():
        return keras.initializers.RandomUniform(-0.05, 0.05, seed=next(seeds))

    def dense_init():
        return keras.initializers.GlorotUniform(seed=next(seeds))

    def constraint():
        return None if max_norm is None else keras.constraints.MaxNorm(max_norm)

    inputs = keras.Input(shape=input_shape, name="input")
    h = layers.Dropout(spec["dropout_input"], seed=next(seeds), name="dropout_input")(inputs)
    skip, lengths = None, conv_output_lengths(input_shape[0], spec)
    pooled_length = lengths[0][1] if lengths else 0
    for i in range(spec["conv_num"]):
        n = i + 1
        h = layers.Conv1D(
            spec["kernel_num"][i],
            spec["kernel_len"][i],
            padding="valid",
            activation=spec["first_activation"] if n == 1 else "relu",
            kernel_initializer=init(),
            kernel_constraint=constraint(),
            name=f"conv_{n}",
        )(h)
        if n == 1 and spec["global_skip"] and pooled_length > 1:
            skip = layers.GlobalMaxPooling1D(name="skip_pool")(h)
        if spec["pool_size"][i] == "global":
            h = layers.GlobalMaxPooling1D(keepdims=True, name=f"pool_{n}")(h)
        else:
            h = layers.MaxPooling1D(
                spec["pool_size"][i], spec["pool_stride"][i], name=f"pool_{n}"
            )(h)
        h = layers.Dropout(spec["dropout_conv"][i], seed=next(seeds), name=f"dropout_conv_{n}")(h)
    if spec["rnn_type"] is None:
        h = layers.Flatten(name="flatten")(h)
    else:
        rnn_class = {"LSTM": layers.LSTM, "GRU": layers.GRU}[spec["rnn_type"]]
        n_rnn = spec["rnn_num"]

        def rnn_layer(i, name, go_backwards=False):
            # Every initialiser and dropout seeded, each direction with its own seeds.
            return rnn_class(
                spec["rnn_units"][i],
                dropout=spec["rnn_dropout_input"][i],
                recurrent_dropout=spec["rnn_dropout_recurrent"][i],
                kernel_initializer=init(),
                recurrent_initializer=keras.initializers.Orthogonal(seed=next(seeds)),
                kernel_constraint=constraint(),
                recurrent_constraint=constraint(),
                return_sequences=i < n_rnn - 1,
                go_backwards=go_backwards,
                seed=next(seeds),
                name=name,
            )

        for i in range(n_rnn):
            name = f"{spec['rnn_type'].lower()}_{i + 1}"
            rnn = rnn_layer(i, name)
            if spec["rnn_bidirectional"][i]:
                rnn = layers.Bidirectional(
                    rnn,
                    backward_layer=rnn_layer(i, f"backward_{name}", go_backwards=True),
                    name=f"bidirectional_{name}",
                )
            h = rnn(h)
    for i in range(spec["dense_num"]):
        n = i + 1
        h = layers.Dense(
            spec["neuron_num"][i],
            activation="relu",
            kernel_initializer=dense_init(),
            kernel_constraint=constraint(),
            name=f"dense_{n}",
        )(h)
        h = layers.Dropout(spec["dropout_dense"][i], seed=next(seeds), name=f"dropout_dense_{n}")(
            h
        )
    if skip is not None:
        h = layers.Concatenate(name="skip_concat")([skip, h])
    outputs = layers.Dense(
        n_outputs,
        activation="sigmoid" if multilabel else "softmax",
        kernel_initializer=dense_init(),
        name="output",
    )(h)
    return keras.Model(inputs, outputs, name="skmotif")


#: Training steps per call into TensorFlow (Keras's ``steps_per_execution``): fewer
#: calls from Python, the same steps (benchmarks/bench_speed.py).
STEPS_PER_CALL = 32


def build_trainer(spec, input_shape, n_outputs, multilabel):
    """A compiled network for fitting: its training steps run :func:`training_forward`.

    Parameters
    ----------
    spec, input_shape, n_outputs, multilabel
        As for :func:`build_network`.

    Returns
    -------
    trainer : keras.Model
        Compiled with Adam(``learning_rate``) and the cross-entropy loss,
        without XLA, running :data:`STEPS_PER_CALL` steps per call. Its
        variables are those of a network from :func:`build_network`
        (attribute ``network``), in the same order; in inference mode it is
        that network. A recurrent network has no faster training pass and
        is returned as it is.
    """
    network = build_network(spec, input_shape, n_outputs, multilabel, seed=0)
    forward = training_forward(network)
    if forward is None:
        trainer = network
    else:
        trainer = _trainer_class()(network, forward)
        trainer(np.zeros((1, *input_shape), np.float32))  # builds it
    keras = import_keras()
    trainer.compile(
        optimizer=keras.optimizers.Adam(spec["learning_rate"]),
        loss="binary_crossentropy" if multilabel else "categorical_crossentropy",
        jit_compile=False,
        steps_per_execution=STEPS_PER_CALL,
    )
    return trainer


@functools.cache
def _trainer_class():
    keras = import_keras()

    class Trainer(keras.Model):
        """A network whose training-mode call is :func:`training_forward`."""

        def __init__(self, network, forward):
            super().__init__(name="skmotif_trainer")
            self.network = network
            self.forward = forward

        def call(self, x, training=False):
            return self.forward(x) if training else self.network(x, training=False)

        # Callbacks (ModelCheckpoint, ones that read a layer) see the network.
        def get_layer(self, name=None, index=None):
            return self.network.get_layer(name, index)

        def save(self, *args, **kwargs):
            return self.network.save(*args, **kwargs)

        def save_weights(self, *args, **kwargs):
            return self.network.save_weights(*args, **kwargs)

    return Trainer


def training_forward(model):
    """``model(x, training=True)`` computed faster, for networks without recurrent layers.

    The same layers, variables and dropout masks (each ``Dropout`` layer's
    seed generator advances as in Keras); what changes is how TensorFlow
    computes them:

    - every dropout mask is drawn when the step starts, where Keras draws it
      when the layer's input is ready, so drawing overlaps the forward pass;
    - convolutions and max pooling run on (batch, 1, length, channels), as
      TensorFlow's 2-D operations, which lets it fuse a convolution with its
      bias, ReLU and bias gradient (Keras's 1-D convolution reshapes around
      each operation, which blocks the fusion);
    - a maximum over all positions (``skip_pool`` and ``pool_size="global"``)
      is a max pooling, whose gradient goes to the first maximal position;
      ``GlobalMaxPooling1D`` splits it among equal maxima. That changes no
      weight gradient where equal maxima come from identical windows of the
      input (repeats, padding), nor where they are ReLU zeros; it changes
      the input gradient, which training does not use. Where the first
      pooling's windows cover every position, the skip is the maximum of
      the pooled values, half as many.

    So one training step gives the gradients of Keras's step up to the order
    of floating-point additions (``tests/test_network.py``); the fused
    operations add in another order, and over many steps such differences
    grow as they do between machines.

    Parameters
    ----------
    model : keras.Model
        A network from :func:`build_network`.

    Returns
    -------
    function or None
        Maps a batch of network input, shape (batch, length, channels), to
        the network's output, shape (batch, n_outputs), in training mode;
        None for a network with LSTM or GRU layers or for a backend other
        than TensorFlow (train it as it is).
    """
    keras = import_keras()
    names = [layer.name for layer in model.layers]
    if keras.backend.backend() != "tensorflow" or "flatten" not in names:
        return None
    import tensorflow as tf

    convs, denses = _blocks(model)
    dropouts = [model.get_layer("dropout_input")]
    dropouts += [dropout for *_, dropout in convs] + [dropout for _, dropout in denses]
    skip = "skip_pool" in names

    def whole_max(h):  # (batch, 1, length, channels) -> (batch, 1, 1, channels)
        return tf.nn.max_pool2d(h, (1, h.shape[2]), (1, h.shape[2]), "VALID")

    def forward(x):
        rows = tf.shape(x)[0]
        masks = {}
        for layer in dropouts:
            if layer.rate > 0:  # Keras's stateless dropout, drawn with the layer's next seed
                seed = tf.cast(tf.math.floormod(layer.seed_generator.next(), 2**31 - 2), tf.int32)
                shape = tf.concat([[rows], layer.output.shape[1:]], 0)
                keep = tf.random.stateless_uniform(shape, seed) >= layer.rate
                scale = tf.constant(1 / (1 - layer.rate), x.dtype)
                masks[layer.name] = tf.where(keep, scale, tf.zeros((), x.dtype))

        def drop(layer, h):
            mask = masks.get(layer.name)
            return h if mask is None else h * tf.reshape(mask, tf.shape(h))

        h = tf.expand_dims(drop(dropouts[0], x), 1)
        for i, (conv, pool, dropout) in enumerate(convs):
            z = tf.nn.conv2d(h, tf.expand_dims(conv.kernel, 0), 1, "VALID")
            h = conv.activation(tf.nn.bias_add(z, conv.bias))
            if isinstance(pool, keras.layers.GlobalMaxPooling1D):
                pooled, covers = whole_max(h), True
            else:
                (size,), (stride,) = pool.pool_size, pool.strides
                pooled = tf.nn.max_pool2d(h, (1, size), (1, stride), "VALID")
                covers = stride <= size and (h.shape[2] - size) % stride == 0
            if i == 0 and skip:  # the pools' maximum where their windows cover all positions
                skipped = tf.reshape(whole_max(pooled if covers else h), (rows, -1))
            h = drop(dropout, pooled)
        h = tf.reshape(h, (rows, -1))
        for dense, dropout in denses:
            h = drop(dropout, dense(h))
        if skip:
            h = tf.concat([skipped, h], -1)
        return model.get_layer("output")(h)

    return forward


def _blocks(model):
    """The network's blocks, in order.

    Returns
    -------
    convs : list of (conv, pool, dropout) layers
        ``conv_n``, ``pool_n``, ``dropout_conv_n``.
    denses : list of (dense, dropout) layers
        ``dense_n``, ``dropout_dense_n``.
    """
    names = {layer.name for layer in model.layers}
    convs, denses = [], []
    while f"conv_{len(convs) + 1}" in names:
        n = len(convs) + 1
        convs.append(
            tuple(model.get_layer(f"{kind}_{n}") for kind in ("conv", "pool", "dropout_conv"))
        )
    while f"dense_{len(denses) + 1}" in names:
        n = len(denses) + 1
        denses.append((model.get_layer(f"dense_{n}"), model.get_layer(f"dropout_dense_{n}")))
    return convs, denses


# -- parts of a built network, for reading it ---------------------------------------


def first_convolution(model):
    """The first convolution layer (``conv_1``), whose kernels read as motifs.

    Raises
    ------
    ValueError
        For a network without convolutions (``conv_num=0``).
    """
    if "conv_1" not in [layer.name for layer in model.layers]:
        raise ValueError(
            "This network has no convolution layer (conv_num=0), so its first layer "
            "has no kernels to interpret; refit with conv_num >= 1."
        )
    return model.get_layer("conv_1")


def logit_function(model):
    """The network up to the output layer's pre-activation (its logits).

    Parameters
    ----------
    model : keras.Model
        A network from :func:`build_network`.

    Returns
    -------
    function
        Maps a batch of network input, shape (batch, length, channels), to
        logits, shape (batch, n_outputs), in inference mode.
    """
    keras = import_keras()
    layer = model.get_layer("output")
    hidden = keras.Model(model.input, layer.input)
    return lambda x: keras.ops.matmul(hidden(x, training=False), layer.kernel) + layer.bias


def objective_model(model, input_shape, layer_name, nodes, bound, penalty, seed):
    """A Keras model whose only trainable weight is one input logit matrix per node.

    Its output per row is the node's pre-activation (before ReLU, softmax or
    sigmoid, so that a silent unit still has a gradient; the maximum over
    positions for a convolution) minus ``penalty`` times the squared L2 norm
    of the row's logits; the network itself runs frozen, in inference mode.

    Parameters
    ----------
    model : keras.Model
        A network from :func:`build_network`.
    input_shape : tuple of int
        (length, channels) of its input.
    layer_name : str
    nodes : list of int
        Units of the layer, one input matrix each.
    bound : float
        Logits start uniform in [-bound, bound].
    penalty : float
    seed : int

    Returns
    -------
    keras.Model
        Takes a dummy (n_nodes, 1) input; its layer ``objective`` holds the
        ``logits`` weight, shape (n_nodes, length, channels).
    """
    keras = import_keras()
    ops = keras.ops
    length, channels = input_shape
    layer = model.get_layer(layer_name)
    kind = type(layer).__name__
    frozen = keras.Model(model.input, layer.input)
    frozen.trainable = False
    mask = np.zeros((len(nodes), int(layer.output.shape[-1])), np.float32)
    mask[np.arange(len(nodes)), nodes] = 1.0

    class Objective(keras.layers.Layer):
        def build(self, input_shape):
            self.logits = self.add_weight(
                shape=(len(nodes), length, channels),
                initializer=keras.initializers.RandomUniform(-bound, bound, seed=seed),
                name="logits",
            )

        def call(self, rows):
            h = frozen(ops.softmax(self.logits, axis=-1), training=False)
            if kind == "Conv1D":
                out = ops.max(ops.conv(h, layer.kernel, padding="valid") + layer.bias, axis=1)
            elif kind == "Dense":
                out = ops.matmul(h, layer.kernel) + layer.bias
            else:  # recurrent layers have no ReLU to step around
                out = layer(h, training=False)
            activation = ops.sum(out * mask, axis=-1)
            size = ops.sum(ops.square(self.logits), axis=(1, 2))
            return ops.expand_dims(activation - penalty * size, -1) + 0.0 * rows

    rows = keras.Input((1,))
    return keras.Model(rows, Objective(name="objective")(rows))


def deeplift_multipliers(model):
    """DeepLIFT multipliers of the network's logits (TensorFlow backend).

    The returned function runs the network once on each input and once on
    each reference, then carries the multipliers back through every
    (input, reference) pair: every ReLU (and an exponential first layer)
    passes ``(f(x) - f(r)) / (x - r)`` (its derivative where ``x == r``);
    every max pooling passes the output difference to the input that is the
    maximum of x (the part ``max(y_x, y_r) - y_r``) and to the one that is
    the maximum of r (the part ``y_x - max(y_x, y_r)``), divided by that
    input's difference (shap's DeepExplainer rule); convolutions and dense
    layers pass their weights. So multiplier x (x - r) sums to exactly
    ``logit(x) - logit(r)``. Only the backward pass runs per pair.

    Parameters
    ----------
    model : keras.Model
        A network from :func:`build_network`, without recurrent layers.

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
    """
    cached = getattr(model, "_skmotif_deeplift", None)
    if cached is not None:  # one traced function per network, not per call
        return cached
    keras = import_keras()
    if keras.backend.backend() != "tensorflow":
        raise ValueError(
            "DeepLIFT needs the TensorFlow Keras backend; this one is "
            f"{keras.backend.backend()!r}. saliency and ism run on any backend."
        )
    import tensorflow as tf

    names = [layer.name for layer in model.layers]
    if any(name.startswith(("lstm", "gru", "bidirectional")) for name in names):
        raise ValueError(
            "DeepLIFT rules for LSTM/GRU layers are not implemented; use "
            "skmotif.interpret.saliency or skmotif.interpret.ism for recurrent networks."
        )
    conv_blocks, dense_blocks = _blocks(model)
    convs = [(conv, pool) for conv, pool, _ in conv_blocks]
    denses = [dense for dense, _ in dense_blocks]
    skip = model.get_layer("skip_pool") if "skip_pool" in names else None
    output = model.get_layer("output")
    activations = [
        tf.exp if conv.get_config()["activation"] == "exponential" else tf.nn.relu
        for conv, _ in convs
    ]

    def forward(h):
        """Each layer's input, pre-activation and activation; the logits (rows, n_outputs)."""
        states = []
        skip_out = None
        for (conv, pool), f in zip(convs, activations, strict=True):
            z = conv.convolution_op(h, conv.kernel) + conv.bias
            states.append((h, z, f(z)))
            if skip is not None and skip_out is None:
                skip_out = skip(states[0][2])
            h = pool(states[-1][2], training=False)
        states.append((h, None, None))  # what the flattening reads
        h = tf.reshape(h, (tf.shape(h)[0], -1))
        for dense in denses:
            z = tf.matmul(h, dense.kernel) + dense.bias
            states.append((h, z, tf.nn.relu(z)))
            h = states[-1][2]
        if skip_out is not None:
            h = tf.concat([skip_out, h], axis=-1)
        return states, tf.matmul(h, output.kernel) + output.bias

    signature = [
        tf.TensorSpec([None, *model.input.shape[1:]], tf.float32),
        tf.TensorSpec([None, *model.input.shape[1:]], tf.float32),
        tf.TensorSpec([], tf.int32),
    ]

    @tf.function(input_signature=signature)
    def multipliers(x, refs, unit):
        k = tf.shape(refs)[0] // tf.shape(x)[0]
        x_states, x_logits = forward(x)
        r_states, r_logits = forward(refs)
        rows = tf.shape(refs)[0]
        weights = output.kernel[:, unit]
        n_skip = convs[0][0].filters if skip is not None else 0
        # Per pair: the reference's layer input (for shapes); pre-activations and
        # activations of input and reference.
        pairs = [
            (hr, *(None if t is None else tf.repeat(t, k, axis=0) for t in (zx, ax)), zr, ar)
            for (_, zx, ax), (hr, zr, ar) in zip(x_states, r_states, strict=True)
        ]
        g = tf.broadcast_to(weights[n_skip:], (rows, weights.shape[0] - n_skip))
        for dense, (_, zx, ax, zr, ar) in zip(denses[::-1], pairs[::-1], strict=False):
            dz = zx - zr  # rescale rule; the slope where input and reference meet
            close = tf.abs(dz) < 1e-6
            m = tf.where(close, tf.cast(zx > 0, dz.dtype), (ax - ar) / tf.where(close, 1.0, dz))
            g = tf.matmul(g * m, dense.kernel, transpose_b=True)
        g = tf.reshape(g, tf.shape(pairs[len(convs)][0]))
        for i in reversed(range(len(convs))):
            (conv, pool), (hr, zx, ax, zr, ar) = convs[i], pairs[i]
            parts = _max_rule(tf, lambda v, pool=pool: pool(v, training=False), ax, ar, g)
            if i == 0 and skip is not None:
                up = tf.broadcast_to(weights[:n_skip], (rows, n_skip))
                parts += _max_rule(tf, skip, ax, ar, up)
            # Max rule then rescale rule: the parts over the pre-activation difference.
            unchanged = tf.abs(ax - ar) < 1e-7
            g = tf.where(unchanged, 0.0, parts / tf.where(unchanged, 1.0, zx - zr))
            g = tf.nn.conv1d_transpose(g, conv.kernel, tf.shape(hr), 1, padding="VALID")
        return g, x_logits[:, unit], r_logits[:, unit]

    def call(x, refs, unit):
        out = multipliers(
            tf.constant(x, tf.float32), tf.constant(refs, tf.float32), tf.constant(unit, tf.int32)
        )
        return tuple(t.numpy() for t in out)

    model._skmotif_deeplift = call
    return call


def _max_rule(tf, pool, ax, ar, upstream):
    """DeepLIFT's max rule for a max pooling of ax against ar, before dividing by ax - ar.

    The output difference times ``upstream`` (the multipliers of the
    pooling's outputs) goes to the input that is the maximum of ax (the
    part ``max(y_x, y_r) - y_r``) and to the one that is the maximum of ar
    (the part ``y_x - max(y_x, y_r)``); shape of ``ax``. It is zero wherever
    ``ax == ar``.
    """
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([ax, ar])
        yx, yr = pool(ax), pool(ar)
    cross = tf.maximum(yx, yr)
    to_x = tape.gradient(yx, ax, output_gradients=upstream * (cross - yr))
    to_r = tape.gradient(yr, ar, output_gradients=upstream * (yx - cross))
    return to_x + to_r
