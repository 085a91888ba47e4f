"""Design: sequences that maximise what a model predicts, within constraints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sklearn.utils import check_random_state

from ._motifs import find_sites, motif_spec
from ._naming import load_database, named_motifs
from ._readout import Readout, positive_int

if TYPE_CHECKING:
    import os

    import pandas as pd
    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

#: Attempts at a random start that meets the constraints before giving up.
MAX_START_DRAWS = 200


@dataclass
class Constraints:
    """What every design must keep: checked on each candidate, vectorised.

    Attributes
    ----------
    gc : (float, float) or None
        Share of G and C among the known symbols, inclusive.
    forbidden : list of MotifSpec
        Exact occurrences (both strands for DNA/RNA) are not allowed.
    editable : ndarray of bool, shape (length,)
    max_edits : int or None
        Positions that may differ from the start.
    gc_codes : ndarray of int
    complement : ndarray of int or None
        For forbidden motifs on the opposite strand (DNA/RNA).
    size : int
        Symbols in the alphabet (their codes; ``size`` is unknown/padding).
    """

    gc: tuple | None
    forbidden: list
    editable: np.ndarray
    max_edits: int | None
    gc_codes: np.ndarray
    complement: np.ndarray | None
    size: int

    def ok(self, codes, starts):
        """Which rows of ``codes`` (n, length) meet every constraint, given their starts."""
        ok = np.ones(len(codes), bool)
        if self.max_edits is not None:
            ok &= (codes != starts).sum(axis=1) <= self.max_edits
        if self.gc is not None:
            share = gc_share(codes, self.gc_codes, self.size)
            ok &= (share >= self.gc[0] - 1e-9) & (share <= self.gc[1] + 1e-9)
        for spec in self.forbidden:
            rows = find_sites(codes, spec, 1.0, self.complement is not None, self.complement)[0]
            ok[rows] = False
        return ok


def gc_share(codes, gc_codes, size):
    """Share of G/C among each row's known symbols, shape (n,)."""
    known = np.maximum((codes != size).sum(axis=1), 1)
    return np.isin(codes, gc_codes).sum(axis=1) / known


def design_sequences(
    estimator: BaseEstimator,
    target: object = None,
    versus: object = None,
    n_designs: int = 10,
    starts: ArrayLike | None = None,
    gc: tuple[float, float] | None = None,
    forbidden: ArrayLike = (),
    fixed: ArrayLike | None = None,
    max_edits: int | None = None,
    method: str = "greedy",
    n_steps: int | None = None,
    check: BaseEstimator | None = None,
    motifs: ArrayLike = (),
    database: str | os.PathLike | None = None,
    batch_size: int = 2048,
    random_state: int | np.random.RandomState | None = None,
) -> pd.DataFrame:
    """Sequences that maximise an output, a class or a difference between two, by edits.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier, ConvMotifRegressor or ConvMotifProfileRegressor
        Of DNA, RNA or protein sequences.
    target : class label or output, optional
        What to maximise, on the experiments' scale (a class's log-odds, an
        output in its units, a profile model's log(1 + counts)).
    versus : class label or output, optional
        Maximise ``target`` minus this one instead (specificity).
    n_designs : int, default=10
        Designs from random starts (uniform symbols; G+C drawn at the middle
        of ``gc``), when ``starts`` is not given.
    starts : array-like of str, optional
        Sequences to edit, one design each; they must meet the constraints.
    gc : (float, float), optional
        Smallest and largest share of G+C (DNA/RNA).
    forbidden : sequence of str
        Motifs no design may hold on either strand (e.g. restriction sites
        ``"GAATTC"``); IUPAC codes allowed.
    fixed : array-like of int or of bool, optional
        Positions never edited (indices, or a mask of the model's length).
    max_edits : int, optional
        Most positions a design may differ from its start.
    method : {"greedy", "anneal"}, default="greedy"
        ``"greedy"``: each step tries every single substitution of every
        design (one batched pass) and keeps the best one that improves and
        meets the constraints; a design stops when none improves.
        ``"anneal"``: simulated annealing, one random allowed substitution
        per design and step, accepted with probability exp(gain /
        temperature), the temperature falling geometrically from 1 to 0.01
        (in units of the scale); the best sequence seen is kept.
    n_steps : int, optional
        Default 20 for greedy (or ``max_edits``, when larger), 2,000 for
        annealing.
    check : fitted estimator, optional
        A second model (e.g. trained with another ``random_state``) that
        scores the designs too: a design that only the first model likes
        is an adversarial one.
    motifs : sequence of str, Motif or JASPAR IDs
        Count the occurrences of each in every design (exact matches for
        strings, relative score 0.85 for matrices, both strands for DNA/RNA).
    database : str or path-like, optional
        Name each design's motifs from a JASPAR release (``"JASPAR2024"``)
        or a MEME file: the database hits (FIMO, p <= 1e-4) that carry at
        least a tenth of the design's DeepLIFT/SHAP contribution to
        ``target``, one name per site (see ``named_motifs`` in
        ``skmotif/experiments/_naming.py``). DNA and RNA; needs
        ``skmotif[motifs]``.
    batch_size, random_state
        As for :func:`insert_motif`.

    Returns
    -------
    pandas.DataFrame
        One row per design: ``start`` and ``sequence``, ``edits`` (positions
        changed), ``start_score`` and ``score`` (the objective), with
        ``check`` also ``check_start_score`` and ``check_score``; ``gc``; and
        a column per motif of ``motifs`` with its count; with ``database``,
        ``named_motifs`` (``"NAME (ID) +|- at START; ..."``). ``attrs`` hold
        ``scale`` and ``objective``.
    """
    readout = Readout(estimator, target, batch_size, "design_sequences")
    objective = _objective(readout, versus, batch_size)
    rng = check_random_state(random_state)
    constraints = _constraints(readout, gc, forbidden, fixed, max_edits)
    targets = None if database is None else load_database(readout, database)
    start = _starts(readout, starts, n_designs, constraints, rng)
    if method == "greedy":
        steps = _steps(n_steps, max(20, max_edits or 0))
        designs = _greedy(objective, start, constraints, steps)
    elif method == "anneal":
        designs = _anneal(objective, start, constraints, _steps(n_steps, 2000), rng)
    else:
        raise ValueError(f"method must be 'greedy' or 'anneal'; got {method!r}.")
    table = _table(readout, objective, start, designs, check, versus, motifs, constraints)
    if targets is not None:
        table["named_motifs"] = named_motifs(readout, designs, targets)
    return table


def _objective(readout, versus, batch_size):
    if versus is None:
        return readout
    other = Readout(readout.estimator, versus, batch_size, "design_sequences")
    if other.unit == readout.unit:
        raise ValueError("versus names the same class or output as target; name another.")
    return lambda codes: readout(codes) - other(codes)


def _steps(n_steps, default):
    if n_steps is None:
        return default
    return positive_int(n_steps, "n_steps")


def _constraints(readout, gc, forbidden, fixed, max_edits):
    symbols, size = readout.alphabet.symbols.upper(), readout.alphabet.size
    nucleic = readout.nucleic
    if gc is not None:
        if not nucleic:
            raise ValueError(f"gc needs DNA or RNA; the model reads '{readout.alphabet}'.")
        if len(gc) != 2 or not 0 <= gc[0] <= gc[1] <= 1:
            raise ValueError(f"gc must be (low, high) with 0 <= low <= high <= 1; got {gc!r}.")
    if isinstance(forbidden, str):
        forbidden = [forbidden]
    specs = [motif_spec(m, readout.alphabet, what="forbidden motif") for m in forbidden]
    if max_edits is not None:
        positive_int(max_edits, "max_edits")
    return Constraints(
        None if gc is None else (float(gc[0]), float(gc[1])),
        specs,
        _editable(fixed, readout.length),
        max_edits,
        np.array([symbols.index("C"), symbols.index("G")]) if nucleic else np.empty(0, int),
        readout.alphabet.complement() if nucleic else None,
        size,
    )


def _editable(fixed, length):
    editable = np.ones(length, bool)
    if fixed is None:
        return editable
    fixed = np.asarray(fixed)
    if fixed.dtype == bool and fixed.shape == (length,):
        return ~fixed
    if fixed.dtype.kind not in "iu" or fixed.ndim != 1 or ((fixed < 0) | (fixed >= length)).any():
        raise ValueError(
            f"fixed must be positions 0 to {length - 1} or a boolean mask of length {length}."
        )
    editable[fixed] = False
    return editable


def _starts(readout, starts, n_designs, constraints, rng):
    """The designs' starts as codes, shape (n, length), each meeting the constraints."""
    if starts is not None:
        codes = readout.estimator.encode(starts).values.copy()
        bad = np.flatnonzero(~constraints.ok(codes, codes))
        if len(bad):
            raise ValueError(
                f"Start {int(bad[0])} breaks a constraint (GC range or a forbidden motif); "
                "give starts that meet them, or none for random ones."
            )
        return codes
    positive_int(n_designs, "n_designs")
    size, length = readout.alphabet.size, readout.length
    p = np.full(size, 1.0 / size)
    if constraints.gc is not None:
        share = sum(constraints.gc) / 2
        p[:] = (1 - share) / (size - 2)
        p[constraints.gc_codes] = share / 2
    codes = np.empty((n_designs, length), np.uint8)
    for i in range(n_designs):
        for _ in range(MAX_START_DRAWS):
            draw = rng.choice(size, length, p=p).astype(np.uint8)[None]
            if constraints.ok(draw, draw)[0]:
                break
        else:
            raise ValueError(
                f"No random start of {length} positions met the constraints in "
                f"{MAX_START_DRAWS} draws; widen the GC range or forbid fewer motifs."
            )
        codes[i] = draw[0]
    return codes


def _substitutions(codes, constraints, size):
    """Every allowed single substitution of every row: (rows, positions, symbols)."""
    positions = np.flatnonzero(constraints.editable)
    rows, pos, sym = np.meshgrid(np.arange(len(codes)), positions, np.arange(size), indexing="ij")
    rows, pos, sym = rows.ravel(), pos.ravel(), sym.ravel()
    keep = (codes[rows, pos] != sym) & (codes[rows, pos] != size)  # a change, not in padding
    return rows[keep], pos[keep], sym[keep]


def _greedy(objective, start, constraints, steps):
    """Best-improvement hill climbing, all designs in one batch per step."""
    size = constraints.size
    codes, score = start.copy(), objective(start)
    active = np.ones(len(codes), bool)
    for _ in range(steps):
        rows, pos, sym = _substitutions(codes[active], constraints, size)
        rows = np.flatnonzero(active)[rows]
        variants = codes[rows].copy()
        variants[np.arange(len(rows)), pos] = sym
        allowed = constraints.ok(variants, start[rows])
        rows, variants = rows[allowed], variants[allowed]
        gains = objective(variants) - score[rows]
        improved = np.zeros(len(codes), bool)
        for r in np.unique(rows):
            best = np.flatnonzero(rows == r)[np.argmax(gains[rows == r])]
            if gains[best] > 1e-9:
                codes[r], score[r], improved[r] = variants[best], score[r] + gains[best], True
        active &= improved
        if not active.any():
            break
    return codes


def _anneal(objective, start, constraints, steps, rng):
    """Simulated annealing with a geometric temperature, the best sequence kept."""
    size = constraints.size
    codes, score = start.copy(), objective(start)
    best, best_score = codes.copy(), score.copy()
    editable = np.flatnonzero(constraints.editable)
    for temperature in np.geomspace(1.0, 0.01, steps):
        proposal = codes.copy()
        pos = rng.choice(editable, len(codes))
        proposal[np.arange(len(codes)), pos] = (
            codes[np.arange(len(codes)), pos] + rng.randint(1, size, len(codes))
        ) % size
        allowed = constraints.ok(proposal, start) & (codes[np.arange(len(codes)), pos] != size)
        gain = np.where(allowed, objective(proposal) - score, -np.inf)
        accept = allowed & (
            rng.random_sample(len(codes)) < np.exp(np.minimum(gain / temperature, 0))
        )
        codes[accept], score[accept] = proposal[accept], score[accept] + gain[accept]
        better = score > best_score
        best[better], best_score[better] = codes[better], score[better]
    return best


def _table(readout, objective, start, designs, check, versus, motifs, constraints):
    import pandas as pd

    text = readout.text
    table = pd.DataFrame(
        {
            "start": text(start),
            "sequence": text(designs),
            "edits": (designs != start).sum(axis=1),
            "start_score": objective(start),
            "score": objective(designs),
        }
    )
    if check is not None:
        other = _objective(
            Readout(check, readout.target, readout.batch_size, "check"), versus, readout.batch_size
        )
        table["check_start_score"], table["check_score"] = other(start), other(designs)
    if len(constraints.gc_codes):
        table["gc"] = gc_share(designs, constraints.gc_codes, readout.alphabet.size)
    if isinstance(motifs, str):
        motifs = [motifs]
    for motif in motifs:
        spec = motif_spec(motif, readout.alphabet)
        both = constraints.complement is not None
        rows = find_sites(designs, spec, spec.threshold, both, constraints.complement)[0]
        table[spec.name] = np.bincount(rows, minlength=len(designs))
    table.attrs.update(
        scale=readout.scale, objective="target" if versus is None else "target - versus"
    )
    return table
