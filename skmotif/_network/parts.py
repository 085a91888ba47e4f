"""What a block and a head of a network are, and the tables that register them.

A network is a trunk of blocks that read positions (convolutions, pooling,
residual stacks), a block that reduces positions to features (flatten or a
recurrent layer), blocks on features (dense), and a head. Each block type and
each head kind is one class that carries every rule a pass needs: how to
build its Keras layers, how the fast training pass computes them, DeepLIFT's
forward and backward steps, how it changes the number of positions, and
which of its layers reads as motifs. Registering the class (one line:
:func:`register_block` or :func:`register_head`) is all it takes for the
description, build, training, DeepLIFT, the readers and saving to know it.

A pass that meets a block type that is not registered raises
(:func:`unknown_block`); a registered block without a rule that a pass needs
(``fast_step`` or ``deeplift_forward`` set to None) is trained by Keras's own
pass or refused by DeepLIFT with a message that names it.

Nothing here imports Keras or TensorFlow; the rules receive them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

#: Block types in registration order; :func:`~skmotif._network.description.describe`
#: asks each, stage by stage, for its blocks.
BLOCKS: list[type[Block]] = []
#: Head classes by kind (``Head(kind, ...)`` makes the registered class).
HEADS: dict[str, type[Head]] = {}
#: The kinds of each family of targets, kept up to date by :func:`register_head` (an
#: estimator's parameter constraint, e.g. the regressor's ``loss``, holds the set itself).
KINDS: dict[str, set] = {"classes": set(), "values": set()}
#: The stages of a network in order: positions, the reduction to features, features.
STAGES = ("trunk", "reduce", "features")


def register_block(cls: type[Block]) -> type[Block]:
    """Add a block type to :data:`BLOCKS` (a class decorator).

    The class sets ``stage`` (one of :data:`STAGES`) and implements
    ``from_params``, ``layer_names``, ``build`` and, for trunk blocks,
    ``lengths``; ``fast_step`` and the DeepLIFT steps are None where the
    pass has no rule.
    """
    if cls.stage not in STAGES:
        raise ValueError(f"{cls.__name__}.stage is {cls.stage!r}; use one of {STAGES}.")
    if cls not in BLOCKS:
        BLOCKS.append(cls)
    return cls


def register_head(cls: type[Head]) -> type[Head]:
    """Add a head class to :data:`HEADS` under each of its ``kinds`` (a class decorator)."""
    for kind in cls.kinds:
        HEADS[kind] = cls
    KINDS.setdefault(cls.family, set()).update(cls.kinds)
    return cls


def unregister(cls: type) -> None:
    """Remove a block type or head class registered by :func:`register_block` or
    :func:`register_head` (tests register fakes for a while)."""
    if cls in BLOCKS:
        BLOCKS.remove(cls)
    for kind in [kind for kind, registered in HEADS.items() if registered is cls]:
        del HEADS[kind]
        KINDS[cls.family].discard(kind)


def unknown_block(block: object, what: str) -> TypeError:
    """The error of a pass that meets a block whose type is not registered."""
    return TypeError(
        f"{what} has no rule for the block type {type(block).__name__}; register it with "
        "skmotif._network.parts.register_block (see 'How the code is laid out' in the docs)."
    )


def check_blocks(blocks: tuple, what: str) -> None:
    """TypeError from :func:`unknown_block` for the first block whose type is not registered."""
    for block in blocks:
        if type(block) not in BLOCKS:
            raise unknown_block(block, what)


@dataclass
class BuildContext:
    """What a block's ``build`` needs beside its input.

    Attributes
    ----------
    keras : module
    seeds : callable
        Returns the next seed for an initialiser or dropout layer, in build order.
    max_norm : float or None
        Max-norm of convolution, recurrent and hidden dense kernels.
    """

    keras: Any
    seeds: Any
    max_norm: float | None

    def constraint(self):
        """The kernels' ``MaxNorm`` constraint, or None."""
        return None if self.max_norm is None else self.keras.constraints.MaxNorm(self.max_norm)


class Block:
    """One block type of a network (subclass as a frozen dataclass and register it).

    Class attributes
    ----------------
    stage : str
        ``"trunk"`` (input and output of shape (batch, positions, channels)),
        ``"reduce"`` (positions to features) or ``"features"``.
    role : str or None
        What its readable layer is, for unit readers (``"conv"``, ``"dense"``,
        ``"rnn"``); None: no layer whose units read as features.
    readable : str or None
        The key of that layer in :attr:`layer_names`.
    skippable : bool
        Whether the global skip may read the block (its ``tap``).

    Rules (methods; a pass without its rule reads the attribute as None)
    ------------------------------------------------------------------------
    ``from_params(spec) -> tuple of blocks`` (classmethod; expanded estimator
    parameters), ``layer_names -> {role: Keras layer name}`` (in order: the
    last is the block's output),
    ``lengths(length) -> [(layer name, positions after it), ...]`` (trunk),
    ``build(ctx, h) -> (h, tap)``, ``fast_step(tf, layers, h, drop) -> (h, tap)``
    on (batch, 1, positions, channels) tensors,
    ``deeplift_forward(tf, layers, h) -> (state, h)`` and
    ``deeplift_backward(tf, layers, pair, g, skip) -> g``. ``tap`` is the
    per-position tensor that the global skip reads (None where it reads none).
    ``reach(field, jump) -> (field, jump)`` (trunk): the input positions one
    output position reads, and the input positions between neighbouring
    outputs, after the block, given both before it (None: it reads the
    whole sequence).
    """

    stage: ClassVar[str] = "trunk"
    role: ClassVar[str | None] = None
    readable: ClassVar[str | None] = None
    skippable: ClassVar[bool] = False
    fast_step: ClassVar[Any] = None
    deeplift_forward: ClassVar[Any] = None
    deeplift_backward: ClassVar[Any] = None
    reach: ClassVar[Any] = None

    @classmethod
    def from_params(cls, spec: dict) -> tuple:
        raise NotImplementedError

    @property
    def layer_names(self) -> dict:
        raise NotImplementedError

    def lengths(self, length: int) -> list:
        return [(next(iter(self.layer_names.values())), length)]

    def build(self, ctx: BuildContext, h):
        raise NotImplementedError


class Head:
    """The output of a network and what it means (subclass as a frozen dataclass).

    Calling ``Head(kind, n_outputs, ...)`` makes the class registered for
    ``kind`` (:func:`register_head`). A head owns its output activation, its
    loss (Keras and NumPy twins), how targets are encoded for training and
    outputs decoded for users, the metrics a report shows, its Keras layers
    and the start of DeepLIFT (the multipliers of a logit with respect to
    the head's inputs).

    Class attributes
    ----------------
    kinds : tuple of str
        The kinds it is registered under.
    family : str
        What its targets are: ``"classes"`` or ``"values"``; readers of a
        fitted model route by it.
    units : str
        What its outputs are called in messages and reports (``"class"``, ``"output"``).
    task : str
        The report of its predictions (``performance_report``'s ``task``).
    metric : str
        The one score that genome records and summaries quote (:meth:`score`).
    """

    kinds: ClassVar[tuple] = ()
    family: ClassVar[str] = ""
    units: ClassVar[str] = ""
    task: ClassVar[str] = ""
    metric: ClassVar[str] = ""
    #: What it reads: ``"features"`` (the reduced features, after the feature blocks) or
    #: ``"sequence"`` (the trunk's per-position output only: the network then has no
    #: reduction or feature blocks).
    reads: ClassVar[str] = "features"

    def __new__(cls, kind=None, *args, **kwargs):
        if cls is Head and kind is not None:
            if kind not in HEADS:
                raise ValueError(f"unknown head kind {kind!r}; known: {sorted(HEADS)}")
            cls = HEADS[kind]
        return object.__new__(cls)

    @property
    def regression(self) -> bool:
        """Whether the targets are quantities (family ``"values"``)."""
        return self.family == "values"

    @property
    def layer_names(self) -> dict:
        return {"output": "output"}

    # -- the Keras network: a dense output on the features, unless a head says otherwise --

    def build(self, ctx: BuildContext, features, sequence):
        """The head's layers on the trunk's outputs.

        Parameters
        ----------
        ctx : BuildContext
        features : tensor, shape (batch, n_features)
            The global skip's maxima then the last feature block's output.
        sequence : tensor, shape (batch, positions, channels)
            The trunk's last per-position output (a profile head reads it).

        Returns
        -------
        tensor, shape (batch, n_outputs)
        """
        keras = ctx.keras
        return keras.layers.Dense(
            self.n_outputs,
            activation=self.activation,
            kernel_initializer=keras.initializers.GlorotUniform(seed=ctx.seeds()),
            name=self.layer_names["output"],
        )(features)

    def forward(self, layers, features, sequence):
        """The head's outputs in training mode (the fast pass), from its layers."""
        return layers["output"](features)

    def logits(self, ops, layers, features, sequence, reads=None):
        """The pre-activation of every output, shape (batch, n_outputs).

        ``reads``: for a head whose unit depends on the input beyond the rows given
        (DeepLIFT's references read their input's), that input's (features, sequence).
        """
        output = layers["output"]
        return ops.matmul(features, output.kernel) + output.bias

    def deeplift_start(self, tf, layers, unit, rows, sequence_shape, reads=None):
        """DeepLIFT's multipliers of logit ``unit`` with respect to the head's inputs.

        The logit is linear in the head's inputs, so these are exact. ``reads``: the
        inputs' (features, sequence), repeated once per reference (see :meth:`logits`).

        Returns
        -------
        (features, sequence) : tensors of shape (rows, n_features) and
            ``sequence_shape``; either None where the logit does not read it
        """
        weights = layers["output"].kernel[:, unit]
        return tf.broadcast_to(weights, (rows, weights.shape[0])), None

    # -- targets, losses and the metric (NumPy): each kind implements these --

    def score(self, truth, predicted):
        """:attr:`metric` of one output's predictions.

        Parameters
        ----------
        truth : ndarray, shape (n_samples,)
            Whether each sample is of the class (bool), or its value (NaN where missing).
        predicted : ndarray, shape (n_samples,)
            That output of :meth:`decode`.

        Returns
        -------
        float
        """
        raise NotImplementedError

    def encode(self, y):
        raise NotImplementedError

    def decode(self, outputs):
        raise NotImplementedError

    def sample_losses(self, targets, outputs):
        raise NotImplementedError

    def per_sample(self, losses, targets):
        raise NotImplementedError

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
        """
        import numpy as np

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
        fit_weights : ndarray of float32, shape (n_fit,), or None
        targets : ndarray of float32, shape (n_samples, n_outputs)
            The monitored data (validation data, else the training data).
        weights : ndarray of float32, shape (n_samples,), or None

        Returns
        -------
        loss : float
            As Keras reports it: the weighted sum of per-sample losses divided
            by the number of samples.
        """
        means = self.mean_target(fit_targets, fit_weights)
        per_sample = self.per_sample(self.sample_losses(targets, means), targets)
        if weights is not None:
            per_sample = per_sample * weights
        return float(per_sample.mean())
