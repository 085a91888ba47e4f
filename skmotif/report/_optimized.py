"""Logos of the inputs that maximally activate a layer's nodes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..interpret._optimize import optimize_inputs, optimized_motifs
from ..plotting import plot_logos

if TYPE_CHECKING:
    import os

    from sklearn.base import BaseEstimator


def visualize_optimized_inputs(
    estimator: BaseEstimator,
    layer_name: str,
    output_file: str | os.PathLike,
    bound: float = 0.1,
    lr: float = 0.02,
    steps: int = 600,
    colors_sequence: dict | None = None,
    colors_structure: dict | None = None,
    nodes: list[int] | None = None,
) -> list:
    """Logos of the inputs that maximally activate each node of a layer, in one PNG.

    See :func:`skmotif.interpret.optimize_inputs` for the optimisation.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    layer_name : str
    output_file : str or path-like
        The PNG to write: one logo row (two for sequence+structure) per node.
    bound, lr, steps
        As in :func:`~skmotif.interpret.optimize_inputs`.
    colors_sequence, colors_structure : dict of str to str, optional
    nodes : list of int, optional

    Returns
    -------
    motifs : list of Motif or MotifPair, one per node
    """
    pwm, activation = optimize_inputs(estimator, layer_name, nodes, bound, lr, steps)
    nodes = range(len(pwm)) if nodes is None else nodes
    motifs = optimized_motifs(estimator, pwm, [f"{layer_name}_{n}" for n in nodes])
    titles = [
        f"{layer_name}, node {n}: activation {a:.2f}"
        for n, a in zip(nodes, activation, strict=True)
    ]
    plot_logos(motifs, output_file, titles, colors_sequence, colors_structure)
    return motifs
