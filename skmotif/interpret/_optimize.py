"""Optimized inputs: the input that drives one unit of the network highest, by gradient ascent."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np
from sklearn.utils.validation import check_is_fitted

from .._motif import motif_for
from .._network.build import objective_model
from .._network.keras_setup import import_keras
from ..encoding import _no_symbols_error

if TYPE_CHECKING:
    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

#: Tries per node; a node whose objective never moves is restarted from a
#: 5x wider random input, as inputs near uniform can leave every ReLU silent.
_ATTEMPTS = 4


def optimize_inputs(
    estimator: BaseEstimator,
    layer_name: str,
    nodes: list[int] | None = None,
    bound: float = 0.1,
    lr: float = 0.02,
    steps: int = 600,
    penalty: float = 1e-3,
    random_state: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Inputs that maximally activate nodes of a layer, by gradient ascent.

    For each node an input logit matrix (length x channels) starts uniform in
    [-bound, bound]; its softmax over the channels at each position is fed to
    the network (in inference mode), and Adam(lr) maximises the node's
    pre-activation (before ReLU/softmax/sigmoid) minus ``penalty`` x the
    squared L2 norm of the logits for ``steps`` steps. A node whose objective
    does not move (every ReLU before it silent) is restarted from a 5x wider
    random start, up to 3 times. Written in Keras ops, so it runs on any
    Keras backend.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    layer_name : str
        A layer from ``estimator.summary()``: a convolution (its activation
        is the maximum over positions), a dense or recurrent layer, or
        ``"output"``.
    nodes : list of int, optional
        Kernels / units to optimise; default all.
    bound : float, default=0.1
    lr : float, default=0.02
    steps : int, default=600
    penalty : float, default=1e-3
    random_state : int, default=0

    Returns
    -------
    pwm : ndarray of float32, shape (n_nodes, length, channels)
        Per position, a probability distribution over the input channels.
    activation : ndarray of float32, shape (n_nodes,)
        The node's pre-activation for its optimized input.
    """
    check_is_fitted(estimator)
    network = estimator.network()
    usable = network.readable_layers()
    if layer_name not in usable:
        raise ValueError(
            f"Unknown layer {layer_name!r}; the layers to optimise are: {list(usable)}."
        )
    layer = usable[layer_name]
    n_units = int(layer.output.shape[-1])
    nodes = list(range(n_units)) if nodes is None else [int(n) for n in nodes]
    if not nodes or min(nodes) < 0 or max(nodes) >= n_units:
        raise ValueError(f"nodes must be indices in [0, {n_units}) of layer {layer_name!r}.")
    nodes = np.asarray(nodes)
    pwm = np.empty((len(nodes), *estimator.input_shape_), np.float32)
    activation = np.empty(len(nodes), np.float32)
    todo = np.arange(len(nodes))
    for attempt in range(_ATTEMPTS):
        found, value, moved = _ascend(
            network,
            layer,
            nodes[todo],
            bound * 5**attempt,
            lr,
            steps,
            penalty,
            random_state + attempt,
        )
        pwm[todo], activation[todo] = found, value
        todo = todo[~moved]
        if not todo.size:
            break
    if todo.size:
        warnings.warn(
            f"Nodes {nodes[todo].tolist()} of layer {layer_name!r} never responded to their "
            "input (no gradient through inactive ReLUs); their logos stay uniform.",
            stacklevel=2,
        )
    return pwm, activation


def _ascend(network, layer, nodes, bound, lr, steps, penalty, seed):
    """One gradient ascent run; returns (pwm, pre-activation, whether it moved)."""
    keras = import_keras()
    objective = objective_model(network, layer, list(nodes), bound, penalty, seed)
    objective.compile(
        optimizer=keras.optimizers.Adam(lr), loss=lambda _, value: -value, jit_compile=False
    )
    rows = np.zeros((len(nodes), 1), np.float32)
    start = keras.ops.convert_to_numpy(objective(rows))[:, 0]
    for _ in range(steps):
        objective.train_on_batch(rows, rows)
    end = keras.ops.convert_to_numpy(objective(rows))[:, 0]
    logits = keras.ops.convert_to_numpy(objective.get_layer("objective").logits)
    pwm = np.exp(logits - logits.max(axis=-1, keepdims=True))
    pwm /= pwm.sum(axis=-1, keepdims=True)
    activation = end + penalty * (logits**2).sum(axis=(1, 2))
    return pwm, activation, end > start + 1e-6


def optimized_motifs(
    estimator: BaseEstimator, pwm: ArrayLike, names: list[str] | None = None
) -> list:
    """The motifs of optimized inputs.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    pwm : ndarray, shape (n_nodes, length, channels)
        From :func:`optimize_inputs`.
    names : list of str, optional
        One per node.

    Returns
    -------
    list of Motif, or of MotifPair for sequence+structure input
        For numeric input, the motifs of the leading alphabet channels.
    """
    check_is_fitted(estimator)
    alphabet = estimator.input_alphabet()
    if alphabet is None:
        raise _no_symbols_error(estimator.input_shape_[1], "optimized motifs")
    names = names or [None] * len(pwm)
    return [
        motif_for(alphabet, probabilities=p[:, : alphabet.size], name=name)
        for p, name in zip(pwm, names, strict=True)
    ]
