"""The Keras model of an :class:`~skmotif._network.description.Architecture`, and its parts.

This is the only module that creates Keras layers and models: the network
(:func:`build_network`, each block and the head building its own layers), the
compiled copy that trains it (:func:`build_trainer`) and the parts that
interpretation runs (:func:`logit_function`, :func:`objective_model`). A
:class:`Network` pairs a built model with its description, so that every pass
finds a block's layers from the block, in one place.
"""

import functools

import numpy as np

from .blocks import Conv
from .keras_setup import import_keras
from .parts import BuildContext, check_blocks
from .predict import traced

#: Training steps per call into TensorFlow (Keras's ``steps_per_execution``): fewer
#: calls from Python, the same steps (benchmarks/bench_speed.py).
STEPS_PER_CALL = 32


class _Seeds:
    """Seeds for every initialiser and dropout layer, drawn in build order from one seed."""

    def __init__(self, seed):
        self._next = iter(np.random.default_rng(seed).integers(0, 2**31 - 1, size=64).tolist())

    def __call__(self):
        return next(self._next)


def build_network(arch, seed):
    """Build the network of an architecture (uncompiled: :func:`build_trainer` trains a copy).

    input -> Dropout -> blocks -> head, each block and the head building
    its own layers (their ``build``). The maximum over all positions of each
    block the skip reads (``arch.skip``: ``skip_pool``, ``skip_pool_2``, ...)
    also goes straight to the head (``skip_concat``, before the last hidden
    features): the output then sees where a motif is (through the deeper
    layers) and whether it, or a combination of motifs that a deeper
    convolution reads, is anywhere (the skip). The head also gets the
    trunk's last per-position output (a profile head reads it).

    Convolution and recurrent kernels start uniform in [-0.05, 0.05], as in
    pysster. Dense and output kernels start Glorot-uniform, which scales
    with the layer's size: the fixed +-0.05 is far too small for a narrow
    dense layer (30 inputs after global pooling), where training stalled
    at the label base rate on 12 planted motifs (benchmarks/bench_recovery.py).

    Parameters
    ----------
    arch : Architecture
    seed : int
        Seed from which every initialiser and dropout layer draws its own.

    Returns
    -------
    model : keras.Model
        Layers named by the blocks (``conv_1``, ``pool_1``, ``dropout_conv_1``,
        ..., ``flatten`` or ``lstm_1``, ``dense_1``, ..., ``output``).

    Raises
    ------
    TypeError
        For a block type that is not registered.
    """
    check_blocks(arch.blocks, "build_network")
    keras = import_keras()
    ctx = BuildContext(keras, _Seeds(seed), arch.max_norm)
    inputs = keras.Input(shape=arch.input_shape, name=arch.layer_names["input"])
    h = keras.layers.Dropout(
        arch.input_dropout, seed=ctx.seeds(), name=arch.layer_names["dropout"]
    )(inputs)
    skips, sequence = [], h
    for position, block in enumerate(arch.blocks):
        h, tap = block.build(ctx, h)
        wire = arch.skip_of(position)
        if wire is not None:
            skips.append(keras.layers.GlobalMaxPooling1D(name=wire.name)(tap))
        if position == arch.trunk_end - 1:
            sequence = h
    if skips:
        h = keras.layers.Concatenate(name=arch.skip_concat)([*skips, h])
    outputs = arch.head.build(ctx, h, sequence)
    return keras.Model(inputs, outputs, name="skmotif")


class Network:
    """A built model with its architecture: a block's layers are found from the block.

    Parameters
    ----------
    arch : Architecture
    model : keras.Model
        Built by :func:`build_network` from ``arch`` (or loaded from its save).
    """

    def __init__(self, arch, model):
        self.arch, self.model = arch, model

    def layers(self, part):
        """``{role: keras layer}`` of a block or the head (see their ``layer_names``)."""
        return {role: self.model.get_layer(name) for role, name in part.layer_names.items()}

    @property
    def input_dropout(self):
        return self.model.get_layer(self.arch.layer_names["dropout"])

    def head_inputs(self):
        """The symbolic tensors the head reads: (features, the trunk's last per-position
        output), each the output of the last layer of its block (``layer_names``' last)."""
        arch, model = self.arch, self.model

        def output_of(blocks, default):
            if not blocks:
                return model.get_layer(default).output
            return model.get_layer(list(blocks[-1].layer_names.values())[-1]).output

        sequence = output_of(arch.blocks[: arch.trunk_end], arch.layer_names["dropout"])
        if arch.skip:
            return model.get_layer(arch.skip_concat).output, sequence
        return output_of(arch.blocks, arch.layer_names["dropout"]), sequence

    @property
    def output(self):
        return self.model.get_layer(self.arch.head.layer_names["output"])

    def skip_pool(self, wire):
        """The global skip's pooling layer of one of ``arch.skip``'s wires."""
        return self.model.get_layer(wire.name)

    def first_convolution(self):
        """The first convolution layer, whose kernels read as motifs.

        Raises
        ------
        ValueError
            For a network without convolutions (``conv_num=0``).
        """
        convs = self.arch.of_type(Conv)
        if not convs:
            raise ValueError(
                "This network has no convolution layer (conv_num=0), so its first layer "
                "has no kernels to interpret; refit with conv_num >= 1."
            )
        return self.layers(convs[0])["conv"]

    def readable_layers(self):
        """``{name: layer}`` of the layers whose units can be read (convolution, dense,
        recurrent, output), in order."""
        return {layer.name: layer for layer, _ in self._readable()}

    def role(self, layer):
        """What one of :meth:`readable_layers` is: ``"conv"``, ``"dense"``, ``"rnn"`` or
        ``"output"`` (read from the description, not from the Keras class)."""
        return {readable.name: role for readable, role in self._readable()}[layer.name]

    def _readable(self):
        """(layer, role) of the readable layers, in order; every block type is registered."""
        check_blocks(self.arch.blocks, "readable_layers")
        found = [
            (self.layers(block)[block.readable], block.role)
            for block in self.arch.blocks
            if block.readable is not None
        ]
        return [*found, (self.output, "output")]


def build_trainer(arch, learning_rate):
    """A compiled network for fitting: its training steps run the fast training pass.

    Parameters
    ----------
    arch : Architecture
    learning_rate : float
        Adam's initial learning rate.

    Returns
    -------
    trainer : keras.Model
        Compiled with Adam and the head's loss, without XLA, running
        :data:`STEPS_PER_CALL` steps per call. Its variables are those of a
        network from :func:`build_network`
        (attribute ``network``), in the same order; in inference mode it is
        that network. A network whose blocks have no fast training pass
        (recurrent layers) is returned as it is.
    """
    from .fast_pass import training_forward

    network = build_network(arch, seed=0)
    forward = training_forward(Network(arch, network))
    if forward is None:
        trainer = network
    else:
        trainer = _trainer_class()(network, forward)
        trainer(np.zeros((1, *arch.input_shape), np.float32))  # builds it
    keras = import_keras()
    trainer.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss=arch.head.loss,
        jit_compile=False,
        steps_per_execution=STEPS_PER_CALL,
    )
    return trainer


@functools.cache
def _trainer_class():
    keras = import_keras()

    class Trainer(keras.Model):
        """A network whose training-mode call is the fast training pass."""

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


# -- parts of a built network, for reading it ---------------------------------------


def logit_function(network):
    """The network up to the output layer's pre-activation (its logits).

    Parameters
    ----------
    network : Network

    Returns
    -------
    function
        Maps a batch of network input, shape (batch, length, channels), to
        logits, shape (batch, n_outputs), in inference mode; traced once per
        network (:func:`~skmotif._network.predict.traced`).
    """

    def make():
        keras = import_keras()
        head = network.arch.head
        layers = network.layers(head)
        inner = keras.Model(network.model.input, list(network.head_inputs()))

        def logits(x):
            features, sequence = inner(x, training=False)
            return head.logits(keras.ops, layers, features, sequence)

        return logits

    return traced(network.model, "logits", make)


def objective_model(network, layer, nodes, bound, penalty, seed):
    """A Keras model whose only trainable weight is one input logit matrix per node.

    Its output per row is the node's pre-activation (before ReLU, softmax or
    sigmoid, so that a silent unit still has a gradient; the maximum over
    positions for a convolution) minus ``penalty`` times the squared L2 norm
    of the row's logits; the network itself runs frozen, in inference mode.

    Parameters
    ----------
    network : Network
    layer : keras layer
        One of :meth:`Network.readable_layers`.
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
    length, channels = network.arch.input_shape
    role = network.role(layer)
    frozen = keras.Model(network.model.input, layer.input)
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
            if role == "conv":
                dilation = layer.dilation_rate[0]
                out = ops.conv(h, layer.kernel, padding=layer.padding, dilation_rate=dilation)
                out = ops.max(out + layer.bias, axis=1)
            elif role in ("dense", "output"):
                out = ops.matmul(h, layer.kernel) + layer.bias
            else:  # recurrent layers have no ReLU to step around
                out = layer(h, training=False)
            activation = ops.sum(out * mask, axis=-1)
            size = ops.sum(ops.square(self.logits), axis=(1, 2))
            return ops.expand_dims(activation - penalty * size, -1) + 0.0 * rows

    rows = keras.Input((1,))
    return keras.Model(rows, Objective(name="objective")(rows))
