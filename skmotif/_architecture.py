"""THE description of a network: its blocks and its head, built from estimator parameters.

Every pass that runs a network reads this one description: building the
Keras model (``_build``), the fast training pass (``_fast_pass``), DeepLIFT
(``interpret._deeplift``) and the parts interpretation runs. Each keeps a
table with one entry per block type, and a block type missing from a pass's
table is an error in that pass, never skipped. Adding a block type is one
dataclass here and one entry per table (docs: "How the code is laid out").

Nothing here imports Keras.
"""

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

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


@dataclass(frozen=True)
class Conv:
    """Conv1D (valid) -> max pooling -> dropout; ``pool`` is "global" or the window size."""

    index: int
    filters: int
    width: int
    activation: str
    pool: int | str
    stride: int
    dropout: float

    @property
    def layer_names(self):
        n = self.index
        return {"conv": f"conv_{n}", "pool": f"pool_{n}", "dropout": f"dropout_conv_{n}"}


@dataclass(frozen=True)
class Flatten:
    """The positions of the last convolution block side by side, for the dense blocks."""

    @property
    def layer_names(self):
        return {"flatten": "flatten"}


@dataclass(frozen=True)
class Recurrent:
    """An LSTM or GRU layer, optionally bidirectional; the last returns its final state."""

    index: int
    kind: str
    units: int
    bidirectional: bool
    dropout_input: float
    dropout_recurrent: float
    last: bool

    @property
    def layer_names(self):
        name = f"{self.kind.lower()}_{self.index}"
        return {"rnn": f"bidirectional_{name}" if self.bidirectional else name}


@dataclass(frozen=True)
class Dense:
    """Dense (ReLU) -> dropout."""

    index: int
    units: int
    dropout: float

    @property
    def layer_names(self):
        n = self.index
        return {"dense": f"dense_{n}", "dropout": f"dropout_dense_{n}"}


@dataclass(frozen=True)
class Head:
    """The output layer and what it means: activation, loss, and how targets are coded.

    ``kind`` is ``"softmax"`` (single-label classes, categorical cross-entropy)
    or ``"sigmoid"`` (multi-label indicators, binary cross-entropy). The body
    of the network never depends on the head, so a new kind of output (a
    regression head) is one more kind here and one more builder.
    """

    kind: str
    n_outputs: int

    #: Output activation and Keras loss per kind.
    KINDS: ClassVar[dict] = {
        "softmax": ("softmax", "categorical_crossentropy"),
        "sigmoid": ("sigmoid", "binary_crossentropy"),
    }

    def __post_init__(self):
        if self.kind not in self.KINDS:
            raise ValueError(f"unknown head kind {self.kind!r}; known: {sorted(self.KINDS)}")

    @property
    def activation(self):
        return self.KINDS[self.kind][0]

    @property
    def loss(self):
        return self.KINDS[self.kind][1]

    @property
    def layer_names(self):
        return {"output": "output"}

    def encode(self, y):
        """Targets as the network is trained on them.

        Parameters
        ----------
        y : ndarray of int, shape (n_samples,), or of 0/1, shape (n_samples, n_outputs)
            Class indices (softmax) or a label indicator matrix (sigmoid).

        Returns
        -------
        targets : ndarray of float32, shape (n_samples, n_outputs)
            One-hot rows or the indicators.
        """
        if self.kind == "softmax":
            return np.eye(self.n_outputs, dtype=np.float32)[y]
        return np.asarray(y, dtype=np.float32)

    def decode(self, outputs):
        """Network outputs (averaged over strands, say) as probabilities.

        Parameters
        ----------
        outputs : ndarray, shape (n_samples, n_outputs)

        Returns
        -------
        proba : ndarray of float64, shape (n_samples, n_outputs)
            Softmax rows renormalised to sum to 1 (an average of two softmax
            outputs sums to 1 only up to rounding); sigmoid outputs as they are.
        """
        proba = np.asarray(outputs, dtype=np.float64)
        if self.kind == "softmax":
            proba = proba / proba.sum(axis=1, keepdims=True)
        return proba

    def baseline_loss(self, fit_targets, fit_weights, targets, weights):
        """Loss of always predicting the (weighted) class or label frequencies of the fit data.

        Parameters
        ----------
        fit_targets : ndarray of float32, shape (n_fit, n_outputs)
            Encoded targets (:meth:`encode`) the frequencies come from.
        fit_weights : ndarray of float32, shape (n_fit,), or None
        targets : ndarray of float32, shape (n_samples, n_outputs)
            The monitored data (validation data, else the training data).
        weights : ndarray of float32, shape (n_samples,), or None

        Returns
        -------
        loss : float
            The loss as Keras reports it: the weighted sum of per-sample losses
            divided by the number of samples.

        Notes
        -----
        With frequencies :math:`q_c = \\sum_i w_i t_{ic} / \\sum_i w_i` of the fit
        data, the per-sample loss is :math:`-\\sum_c t_c \\log q_c` (softmax)
        or :math:`-\\frac{1}{C}\\sum_c [t_c \\log q_c + (1 - t_c) \\log (1 - q_c)]`
        (sigmoid), with :math:`q` clipped to :math:`[10^{-7}, 1 - 10^{-7}]`
        as Keras does.
        """
        q = np.average(fit_targets, axis=0, weights=fit_weights)
        q = np.clip(q, 1e-7, 1 - 1e-7)
        if self.kind == "sigmoid":
            per_sample = -(targets * np.log(q) + (1 - targets) * np.log(1 - q)).mean(axis=1)
        else:
            per_sample = -(targets * np.log(q)).sum(axis=1)
        if weights is not None:
            per_sample = per_sample * weights
        return float(per_sample.mean())


@dataclass(frozen=True)
class Architecture:
    """A whole network: input dropout, the blocks in order, the global skip and the head.

    Attributes
    ----------
    input_shape : tuple of int
        (length, channels).
    input_dropout : float
    blocks : tuple
        :class:`Conv` blocks, then :class:`Recurrent` blocks or one
        :class:`Flatten`, then :class:`Dense` blocks.
    skip : bool
        Whether the first convolution's maximum over all positions also goes
        straight to the head (``skip_pool``, ``skip_concat``).
    max_norm : float or None
        Max-norm of convolution, recurrent and hidden dense kernels.
    head : Head
    """

    input_shape: tuple
    input_dropout: float
    blocks: tuple
    skip: bool
    max_norm: float | None
    head: Head

    #: Layers outside the blocks.
    layer_names: ClassVar[dict] = {"input": "input", "dropout": "dropout_input"}
    skip_names: ClassVar[dict] = {"pool": "skip_pool", "concat": "skip_concat"}

    def of_type(self, kind):
        """The blocks of one type, in order."""
        return [block for block in self.blocks if isinstance(block, kind)]


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
        When the convolutions shrink the sequence to nothing.
    """
    lengths = conv_output_lengths(input_shape[0], spec)
    blocks = _blocks(spec)
    return Architecture(
        input_shape=tuple(input_shape),
        input_dropout=spec["dropout_input"],
        blocks=tuple(blocks),
        skip=bool(spec["global_skip"] and lengths and lengths[0][1] > 1),
        max_norm=spec["kernel_constraint"],
        head=head,
    )


def _blocks(spec):
    """The blocks of expanded parameters, in order: convolutions, recurrent or flatten, dense."""
    blocks = [
        Conv(
            index=i + 1,
            filters=spec["kernel_num"][i],
            width=spec["kernel_len"][i],
            activation=spec["first_activation"] if i == 0 else "relu",
            pool=spec["pool_size"][i],
            stride=spec["pool_stride"][i],
            dropout=spec["dropout_conv"][i],
        )
        for i in range(spec["conv_num"])
    ]
    n_rnn = spec["rnn_num"] if spec["rnn_type"] is not None else 0
    blocks += [
        Recurrent(
            index=i + 1,
            kind=spec["rnn_type"],
            units=spec["rnn_units"][i],
            bidirectional=spec["rnn_bidirectional"][i],
            dropout_input=spec["rnn_dropout_input"][i],
            dropout_recurrent=spec["rnn_dropout_recurrent"][i],
            last=i == n_rnn - 1,
        )
        for i in range(n_rnn)
    ] or [Flatten()]
    blocks += [
        Dense(index=i + 1, units=spec["neuron_num"][i], dropout=spec["dropout_dense"][i])
        for i in range(spec["dense_num"])
    ]
    return blocks


def unknown_block(block, what):
    """The error of a pass that has no rule for ``block``'s type."""
    return TypeError(
        f"{what} has no rule for the block type {type(block).__name__}; add one to its table "
        "(see 'How the code is laid out' in the docs)."
    )
