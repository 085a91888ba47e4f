"""THE description of a network: its blocks, its skips and its head, from estimator parameters.

Every pass that runs a network reads this one description: building the
Keras model (``build``), the fast training pass (``fast_pass``), DeepLIFT
(``interpret._deeplift``), the sliding scan and the parts interpretation
runs. Each block type and head kind is one registered class that holds its
rules for every pass (``parts``; the types in ``blocks`` and ``heads``);
adding one is its own module (docs: "How the code is laid out").

Nothing here imports Keras.
"""

from dataclasses import dataclass
from typing import ClassVar

from . import heads  # noqa: F401  (registers the head kinds)
from .blocks import Conv  # importing the blocks registers the block types
from .parts import BLOCKS, STAGES, Head

__all__ = ["Architecture", "Head", "Skip", "describe"]

from .parameters import PER_LAYER


@dataclass(frozen=True)
class Skip:
    """One wire of the global skip: the maximum over all positions of a block's ``tap``
    (a convolution's activations) goes straight to the head.

    Attributes
    ----------
    position : int
        The block's index in :attr:`Architecture.blocks`.
    name : str
        The Keras name of its pooling layer (``skip_pool``, ``skip_pool_2``, ...).
    channels : int
        The features it adds, in the head's input before the last feature block's.
    """

    position: int
    name: str
    channels: int


@dataclass(frozen=True)
class Architecture:
    """A whole network: input dropout, the blocks in order, the global skip and the head.

    Attributes
    ----------
    input_shape : tuple of int
        (length, channels).
    input_dropout : float
    blocks : tuple
        Registered blocks, stage by stage: the trunk (convolution blocks,
        then residual blocks), the reduction (recurrent blocks or one
        flatten), then feature blocks (dense).
    skip : tuple of Skip
        The wires of the global skip, in order (empty: no skip); their
        maxima, then the last block's features, are joined in
        ``skip_concat`` as the head's features.
    max_norm : float or None
        Max-norm of convolution, recurrent and hidden dense kernels.
    head : Head
    """

    input_shape: tuple
    input_dropout: float
    blocks: tuple
    skip: tuple
    max_norm: float | None
    head: Head

    #: Layers outside the blocks.
    layer_names: ClassVar[dict] = {"input": "input", "dropout": "dropout_input"}
    skip_concat: ClassVar[str] = "skip_concat"

    def receptive_field(self):
        """Input positions that one per-position output of the trunk reads.

        Returns
        -------
        int or None
            None when a block reads the whole sequence (a recurrent layer) or
            has no ``reach`` rule. Beyond the field, the dense layers can only
            combine features position by position.
        """
        field, jump = 1, 1
        for block in self.blocks:
            if block.stage == "trunk":
                if block.reach is None:
                    return None
                field, jump = block.reach(field, jump)
            elif block.role == "rnn":
                return None
        return field

    def skip_of(self, position):
        """The :class:`Skip` that reads block ``position``, or None."""
        return next((wire for wire in self.skip if wire.position == position), None)

    def skipped(self, block):
        """Whether the global skip reads ``block``."""
        return any(self.blocks[wire.position] is block for wire in self.skip)

    def of_type(self, kind):
        """The blocks of one type, in order."""
        return [block for block in self.blocks if isinstance(block, kind)]

    @property
    def trunk_end(self):
        """The number of trunk blocks: ``blocks[:trunk_end]`` read positions."""
        return sum(block.stage == "trunk" for block in self.blocks)


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


def trunk_lengths(length, trunk):
    """Positions after each layer of the trunk's blocks.

    Parameters
    ----------
    length : int
        Input sequence length.
    trunk : sequence of Block
        Trunk blocks in order.

    Returns
    -------
    list of list of (str, int)
        Per block, (layer name, positions after it) of its layers.

    Raises
    ------
    ValueError
        When a layer would shrink the sequence to length <= 0, naming the
        block and the lengths layer by layer.
    """
    chain, found = [str(length)], []
    for block in trunk:
        steps = block.lengths(length)
        for name, positions in steps:
            chain.append(f"{name} {positions}")
            if positions <= 0:
                what, fix = block.too_short()
                raise ValueError(
                    f"{what} shrinks the sequence to nothing: {' -> '.join(chain)}. {fix}"
                )
        found.append(steps)
        length = steps[-1][1]
    return found


def conv_output_lengths(length, spec):
    """Sequence length after each convolution and pooling layer.

    Parameters
    ----------
    length : int
        Input sequence length.
    spec : dict
        Expanded parameters (see :func:`expand_layer_params`); only ``conv_num``,
        ``kernel_len``, ``pool_size`` and ``pool_stride`` are read.

    Returns
    -------
    lengths : list of (int, int)
        (after convolution, after pooling) for every conv layer; global
        pooling (``pool_size="global"``) leaves one position.

    Raises
    ------
    ValueError
        When a layer of the trunk would shrink the sequence to length <= 0.
    """
    convs = [
        Conv(i + 1, 1, width, "relu", pool, stride, 0.0)
        for i, (width, pool, stride) in enumerate(
            zip(spec["kernel_len"], spec["pool_size"], spec["pool_stride"], strict=False)
        )
    ][: spec["conv_num"]]
    return [(conv[1], pool[1]) for conv, pool in trunk_lengths(length, convs)]


def describe(spec, input_shape, head):
    """The architecture of an estimator's network.

    Parameters
    ----------
    spec : dict
        Expanded parameters (see :func:`expand_layer_params`).
    input_shape : tuple of int
        (length, channels).
    head : Head

    Returns
    -------
    Architecture

    Raises
    ------
    ValueError
        When the trunk shrinks the sequence to nothing.
    """
    stages = STAGES if head.reads == "features" else STAGES[:1]
    blocks = _blocks(spec, stages)
    trunk = [block for block in blocks if block.stage == "trunk"]
    lengths = trunk_lengths(input_shape[0], trunk)
    return Architecture(
        input_shape=tuple(input_shape),
        input_dropout=spec["dropout_input"],
        blocks=tuple(blocks),
        skip=_skipped(spec["global_skip"], trunk, lengths),
        max_norm=spec["kernel_constraint"],
        head=head,
    )


def _skipped(global_skip, trunk, lengths):
    """The skip's wires: the first skippable block (``"first"``/True) or every one
    (``"all"``), each that leaves more than one position (after a global pooling, the
    block's own output is already its maximum)."""
    if not global_skip:
        return ()
    readable = [
        (position, block, steps[-1][1])
        for position, (block, steps) in enumerate(zip(trunk, lengths, strict=True))
        if block.skippable
    ]
    read = readable if global_skip == "all" else readable[:1]
    return tuple(
        Skip(position, block.skip_name, block.channels)
        for position, block, positions in read
        if positions > 1
    )


def _blocks(spec, stages):
    """The blocks of expanded parameters: each registered type's, stage by stage (a head
    that reads the sequence takes the trunk only)."""
    return [
        block
        for stage in stages
        for kind in BLOCKS
        if kind.stage == stage
        for block in kind.from_params(spec)
    ]
