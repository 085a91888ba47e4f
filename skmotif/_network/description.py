"""THE description of a network: its blocks and its head, built from estimator parameters.

Every pass that runs a network reads this one description: building the
Keras model (``_build``), the fast training pass (``_fast_pass``), DeepLIFT
(``interpret._deeplift``) and the parts interpretation runs. Each keeps a
table with one entry per block type, and a block type missing from a pass's
table is an error in that pass, never skipped. Adding a block type is one
dataclass here and one entry per table (docs: "How the code is laid out").

Nothing here imports Keras.
"""

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from .parameters import PER_LAYER


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

    Classification kinds: ``"softmax"`` (single-label classes, categorical
    cross-entropy) and ``"sigmoid"`` (multi-label indicators, binary
    cross-entropy). Regression kinds, named by their loss: ``"mse"`` and
    ``"huber"`` (linear output, targets standardised per output: ``offset``
    is their mean and ``scale`` their standard deviation) and ``"poisson"``
    (exponential output, so the pre-activation is the log of the rate;
    non-negative targets divided by their mean: ``offset`` 0). Regression
    losses skip missing (NaN) targets, output by output. The body of the
    network never depends on the head.

    ``offset`` and ``scale`` depend on the data of a fit, not on the network:
    they take no part in comparing or hashing heads, so that fits of one
    architecture share their compiled copies (``_train``).
    """

    kind: str
    n_outputs: int
    offset: tuple = field(default=(), compare=False)
    scale: tuple = field(default=(), compare=False)

    #: Output activation and loss per kind (the loss by name; ``_build`` makes it).
    KINDS: ClassVar[dict] = {
        "softmax": ("softmax", "categorical_crossentropy"),
        "sigmoid": ("sigmoid", "binary_crossentropy"),
        "mse": ("linear", "masked_mse"),
        "huber": ("linear", "masked_huber"),
        "poisson": ("exponential", "masked_poisson"),
    }
    #: The kinds whose targets are quantities, not classes.
    REGRESSION: ClassVar[frozenset] = frozenset({"mse", "huber", "poisson"})

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
    def regression(self):
        return self.kind in self.REGRESSION

    @property
    def layer_names(self):
        return {"output": "output"}

    def encode(self, y):
        """Targets as the network is trained on them.

        Parameters
        ----------
        y : ndarray, shape (n_samples,) or (n_samples, n_outputs)
            Class indices (softmax), a label indicator matrix (sigmoid), or
            values in the user's units (regression; NaN where missing).

        Returns
        -------
        targets : ndarray of float32, shape (n_samples, n_outputs)
            One-hot rows, the indicators, or ``(y - offset) / scale``.
        """
        if self.kind == "softmax":
            return np.eye(self.n_outputs, dtype=np.float32)[y]
        if self.regression:
            y = np.asarray(y, dtype=np.float64).reshape(len(y), -1)
            return ((y - np.asarray(self.offset)) / np.asarray(self.scale)).astype(np.float32)
        return np.asarray(y, dtype=np.float32)

    def decode(self, outputs):
        """Network outputs (averaged over strands, say) as probabilities or values.

        Parameters
        ----------
        outputs : ndarray, shape (n_samples, n_outputs)

        Returns
        -------
        ndarray of float64, shape (n_samples, n_outputs)
            Softmax rows renormalised to sum to 1 (an average of two softmax
            outputs sums to 1 only up to rounding); sigmoid outputs as they
            are; regression outputs in the user's units
            (``outputs * scale + offset``).
        """
        values = np.asarray(outputs, dtype=np.float64)
        if self.kind == "softmax":
            return values / values.sum(axis=1, keepdims=True)
        if self.regression:
            return values * np.asarray(self.scale) + np.asarray(self.offset)
        return values

    def sample_losses(self, targets, outputs):
        """The loss of each sample and output, as the network is trained (NumPy).

        Parameters
        ----------
        targets : ndarray, shape (n_samples, n_outputs)
            Encoded (:meth:`encode`); NaN where a regression target is missing.
        outputs : ndarray, shape (n_samples, n_outputs) or (n_outputs,)
            Network outputs (probabilities, rates or standardised values).

        Returns
        -------
        losses : ndarray of float64, shape (n_samples, n_outputs)
            0 where the target is missing. Per sample, Keras's loss is the sum
            over the outputs (softmax) or the mean over the observed outputs
            (the other kinds).

        Notes
        -----
        Cross-entropies clip probabilities to :math:`[10^{-7}, 1 - 10^{-7}]` as
        Keras does. Squared error :math:`(p - t)^2`; Huber :math:`d^2/2` for
        :math:`|d| \\le 1`, else :math:`|d| - 1/2`, with :math:`d = p - t`;
        Poisson :math:`p - t \\log(p + 10^{-7})`, the negative log-likelihood
        without the term that does not depend on :math:`p`.
        """
        t = np.asarray(targets, dtype=np.float64)
        p = np.broadcast_to(np.asarray(outputs, dtype=np.float64), t.shape)
        if self.kind in ("softmax", "sigmoid"):
            q = np.clip(p, 1e-7, 1 - 1e-7)
            if self.kind == "softmax":
                return -t * np.log(q)
            return -(t * np.log(q) + (1 - t) * np.log(1 - q))
        observed = ~np.isnan(t)
        t = np.where(observed, t, 0.0)
        if self.kind == "mse":
            loss = (p - t) ** 2
        elif self.kind == "huber":
            d = np.abs(p - t)
            loss = np.where(d <= 1, 0.5 * d**2, d - 0.5)
        else:
            loss = p - t * np.log(p + 1e-7)
        return np.where(observed, loss, 0.0)

    def per_sample(self, losses, targets):
        """Each sample's loss from :meth:`sample_losses`, reduced over outputs as Keras does.

        Returns
        -------
        ndarray of float64, shape (n_samples,)
        """
        if self.kind == "softmax":
            return losses.sum(axis=1)
        if self.kind == "sigmoid":
            return losses.mean(axis=1)
        observed = (~np.isnan(np.asarray(targets, dtype=np.float64))).sum(axis=1)
        return losses.sum(axis=1) / np.maximum(observed, 1)

    def mean_target(self, fit_targets, fit_weights):
        """The (weighted) mean of each encoded target; missing values left out.

        Parameters
        ----------
        fit_targets : ndarray, shape (n_fit, n_outputs)
            Encoded (:meth:`encode`).
        fit_weights : ndarray, shape (n_fit,), or None

        Returns
        -------
        ndarray of float64, shape (n_outputs,)
            Class or label frequencies, or each output's mean.
        """
        fit = np.asarray(fit_targets, dtype=np.float64)
        w = np.ones(len(fit)) if fit_weights is None else np.asarray(fit_weights, np.float64)
        observed = ~np.isnan(fit)
        w = w[:, None] * observed
        return (np.where(observed, fit, 0.0) * w).sum(axis=0) / np.maximum(w.sum(axis=0), 1e-30)

    def baseline_loss(self, fit_targets, fit_weights, targets, weights):
        """Loss of always predicting the mean target of the fit data (:meth:`mean_target`).

        Parameters
        ----------
        fit_targets : ndarray of float32, shape (n_fit, n_outputs)
            Encoded targets the means come from.
        fit_weights : ndarray of float32, shape (n_fit,), or None
        targets : ndarray of float32, shape (n_samples, n_outputs)
            The monitored data (validation data, else the training data).
        weights : ndarray of float32, shape (n_samples,), or None

        Returns
        -------
        loss : float
            The loss as Keras reports it: the weighted sum of per-sample losses
            divided by the number of samples.
        """
        means = self.mean_target(fit_targets, fit_weights)
        per_sample = self.per_sample(self.sample_losses(targets, means), targets)
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
    skip : tuple of int
        The indices of the convolution blocks whose maximum over all
        positions also goes straight to the head, in order (empty: no skip;
        layers named by :meth:`skip_pool_name`, joined in ``skip_concat``).
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

    @staticmethod
    def skip_pool_name(index):
        """The name of the skip's pooling of convolution block ``index`` (``skip_pool`` for
        the first: the name of the only skip before 0.5.0, kept for saved models)."""
        return "skip_pool" if index == 1 else f"skip_pool_{index}"

    def skipped(self, block):
        """Whether the global skip reads ``block`` (a convolution block in :attr:`skip`)."""
        return isinstance(block, Conv) and block.index in self.skip

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
        skip=_skipped(spec["global_skip"], lengths),
        max_norm=spec["kernel_constraint"],
        head=head,
    )


def _skipped(global_skip, lengths):
    """The convolution blocks the global skip reads: each that leaves more than one position
    (after a global pooling, the block's own output is already its maximum)."""
    if not global_skip:
        return ()
    read = lengths if global_skip == "all" else lengths[:1]
    return tuple(i + 1 for i, (_, after_pool) in enumerate(read) if after_pool > 1)


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
