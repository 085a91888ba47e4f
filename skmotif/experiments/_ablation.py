"""Ablation: destroy a motif's occurrences in real sequences and see what the model loses."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from sklearn.utils import check_random_state

from ._motifs import find_sites, motif_spec
from ._readout import Readout, positive_int

if TYPE_CHECKING:
    import pandas as pd
    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

#: Columns of the per-occurrence table :func:`ablate_motif` returns.
SITE_COLUMNS = [
    "sequence",
    "start",
    "end",
    "strand",
    "site",
    "score",
    "original",
    "ablated",
    "effect",
]
#: Columns of its per-sequence table.
SEQUENCE_COLUMNS = ["sequence", "n_sites", "original", "ablated", "effect"]


def ablate_motif(
    estimator: BaseEstimator,
    X: ArrayLike,
    motif: object,
    threshold: float | None = None,
    method: str = "shuffle",
    n_shuffles: int = 10,
    both_strands: bool | None = None,
    target: object = None,
    batch_size: int = 2048,
    random_state: int | np.random.RandomState | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Find a motif's occurrences in sequences, destroy them, and measure the loss.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier, ConvMotifRegressor or ConvMotifProfileRegressor
        Of DNA, RNA or protein sequences.
    X : array-like of str
        Real sequences (as long as the model's input or shorter).
    motif : str, Motif or (Motif, importance) pair
        As for :func:`insert_motif`.
    threshold : float, optional
        Relative score, (score - min) / (max - min) of the motif's log-odds
        against a uniform background, at which a window is an occurrence.
        Default 1 (exact matches) for a string or IUPAC consensus, 0.85 for
        a matrix (a Motif or JASPAR ID). Windows with an unknown symbol are
        never occurrences.
    method : {"shuffle", "unknown"}, default="shuffle"
        ``"shuffle"``: the occurrence's symbols in ``n_shuffles`` random
        orders (its composition kept), the readouts averaged; ``"unknown"``:
        every symbol of it set to the unknown symbol (``N``/``X``, all-zero
        one-hot, a neutral input).
    n_shuffles : int, default=10
    both_strands : bool, optional
        Search the reverse complement too; default True for DNA and RNA.
    target, batch_size, random_state
        As for :func:`insert_motif`.

    Returns
    -------
    sites : pandas.DataFrame
        One row per occurrence, with :data:`SITE_COLUMNS`: where it is
        (``end`` exclusive, ``strand`` of the better-scoring strand), the
        symbols there, its relative score, the sequence's readout, the
        readout with this occurrence destroyed, and ``effect`` = ablated -
        original (negative where the occurrence raised the prediction).
    sequences : pandas.DataFrame
        One row per sequence with an occurrence, with
        :data:`SEQUENCE_COLUMNS`: every occurrence destroyed at once.
        Both tables' ``attrs`` hold ``scale``, ``motif`` and ``threshold``.
    """
    import pandas as pd

    readout = Readout(estimator, target, batch_size, "ablate_motif")
    spec = motif_spec(motif, readout.alphabet, what="motif")
    threshold, both_strands = _search_options(threshold, both_strands, spec, readout)
    if method not in ("shuffle", "unknown"):
        raise ValueError(f"method must be 'shuffle' or 'unknown'; got {method!r}.")
    positive_int(n_shuffles, "n_shuffles")
    draws = n_shuffles if method == "shuffle" else 1
    rng = check_random_state(random_state)
    codes = readout.estimator.encode(X).values
    complement = readout.alphabet.complement() if both_strands else None
    row, start, strand, score = find_sites(codes, spec, threshold, both_strands, complement)
    original = readout(codes)
    masks = np.zeros((len(row), codes.shape[1]), bool)
    masks[np.arange(len(row))[:, None], start[:, None] + np.arange(spec.width)] = True
    ablated = _ablated(readout, codes, row, masks, draws, method, rng)
    sites = pd.DataFrame(
        {
            "sequence": row,
            "start": start,
            "end": start + spec.width,
            "strand": strand,
            "site": [
                readout.text(codes[r, b : b + spec.width])[0]
                for r, b in zip(row, start, strict=True)
            ],
            "score": score,
            "original": original[row],
            "ablated": ablated,
            "effect": ablated - original[row],
        },
        columns=SITE_COLUMNS,
    )
    sequences = _per_sequence(readout, codes, original, row, masks, (draws, method, rng))
    for table in (sites, sequences):
        table.attrs.update(scale=readout.scale, motif=spec.name, threshold=threshold)
    return sites, sequences


def _per_sequence(readout, codes, original, row, masks, destroy):
    """The per-sequence table: every occurrence of a sequence destroyed at once."""
    import pandas as pd

    with_sites = np.unique(row)
    union = np.stack([masks[row == r].any(axis=0) for r in with_sites]) if len(row) else masks
    together = _ablated(readout, codes, with_sites, union, *destroy)
    return pd.DataFrame(
        {
            "sequence": with_sites,
            "n_sites": np.bincount(row, minlength=len(codes))[with_sites],
            "original": original[with_sites],
            "ablated": together,
            "effect": together - original[with_sites],
        },
        columns=SEQUENCE_COLUMNS,
    )


def _search_options(threshold, both_strands, spec, readout):
    if threshold is None:
        threshold = spec.threshold
    if not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise ValueError(f"threshold must be a relative score in (0, 1]; got {threshold!r}.")
    if both_strands is None:
        both_strands = readout.nucleic
    elif both_strands and not readout.nucleic:
        raise ValueError(
            f"both_strands=True needs DNA or RNA; the model reads '{readout.alphabet}'."
        )
    return float(threshold), bool(both_strands)


def _ablated(readout, codes, rows, masks, draws, method, rng):
    """Mean readout of ``codes[rows]`` with the positions of ``masks`` destroyed, shape (n,)."""
    if not len(rows):
        return np.empty(0)
    variants = np.repeat(codes[rows], draws, axis=0)
    repeated = np.repeat(masks, draws, axis=0)
    if method == "unknown":
        variants[repeated] = readout.alphabet.size
    else:  # each row's masked symbols in a random order
        keys = np.where(repeated, rng.random_sample(repeated.shape), np.inf)
        order = np.argsort(keys, axis=1, kind="stable")
        for i in range(len(variants)):
            where = np.flatnonzero(repeated[i])
            variants[i, where] = variants[i, order[i, : len(where)]]
    return readout(variants).reshape(len(rows), draws).mean(axis=1)
