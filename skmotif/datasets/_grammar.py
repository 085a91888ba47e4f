"""Planted regression truth with a motif grammar, to benchmark in-silico experiments.

Graded activators, a repressor, a null motif, a pair of motifs that only add up and a
pair that cooperates at planted spacings: :func:`make_motif_grammar` samples sequences,
:func:`grammar_signal` scores any DNA sequence by the same truth (so designed or edited
sequences can be scored exactly), :func:`grammar_spacing_bonus` is the planted spacing
curve of the cooperating pair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
    from numpy.typing import ArrayLike

#: The motifs of :func:`make_motif_grammar` by role: (consensus, JASPAR-like name, effect
#: of one occurrence on the target). Sites are exact matches of the consensus on either
#: strand; no consensus is its own reverse complement. ``cooperative_a`` and
#: ``cooperative_b`` add :func:`grammar_spacing_bonus` on top of their own effects when
#: they sit on the same strand; ``additive_a`` and ``additive_b`` never interact.
GRAMMAR_MOTIFS = {
    "activator_strong": ("TGACTCA", "FOS::JUN (AP-1)", 2.0),
    "activator_medium": ("CCGGAAGT", "ELK1 (ETS)", 1.0),
    "activator_weak": ("AGATAAGA", "GATA1", 0.5),
    "repressor": ("TCAGCACC", "REST (half-site)", -1.5),
    "null": ("TGTTTAC", "FOXA2", 0.0),
    "additive_a": ("GGGGCGGGG", "SP1", 0.3),
    "additive_b": ("GCCAATCA", "NFYA (CCAAT box)", 0.3),
    "cooperative_a": ("ACAAAGG", "SOX2", 0.3),
    "cooperative_b": ("ATGCAAAT", "POU5F1 (OCT4)", 0.3),
}
#: The cooperation bonus of a same-strand ``cooperative_a``/``cooperative_b`` pair at its
#: peak spacings (bases between the end of the first site and the start of the second);
#: one base off a peak gives half of it, any other spacing nothing.
GRAMMAR_PEAKS = {10: 1.5, 21: 1.0, 31: 0.6}
#: Widest spacing :func:`make_motif_grammar` plants a pair at.
GRAMMAR_MAX_SPACING = 50

_ROLES = list(GRAMMAR_MOTIFS)
_SINGLES = ["activator_strong", "activator_medium", "activator_weak", "repressor", "null"]
_PAIRS = {
    "cooperative": ("cooperative_a", "cooperative_b"),
    "additive": ("additive_a", "additive_b"),
}
_OTHER_SPACINGS = np.setdiff1d(np.arange(GRAMMAR_MAX_SPACING + 1), list(GRAMMAR_PEAKS))
_MIN_LENGTH = 150


def _reverse_complement(sequence: str) -> str:
    return sequence[::-1].translate(str.maketrans("ACGT", "TGCA"))


def _curve() -> np.ndarray:
    """The planted bonus at spacings 0 to GRAMMAR_MAX_SPACING + 1, shape (52,)."""
    curve = np.zeros(GRAMMAR_MAX_SPACING + 2)
    for spacing, bonus in GRAMMAR_PEAKS.items():
        curve[spacing - 1] += bonus / 2
        curve[spacing] += bonus
        curve[spacing + 1] += bonus / 2
    return curve


_CURVE = _curve()
_CODES = {
    role: [np.array(["ACGT".index(b) for b in s]) for s in (c, _reverse_complement(c))]
    for role, (c, _, _) in GRAMMAR_MOTIFS.items()
}


def grammar_spacing_bonus(spacing: ArrayLike) -> np.ndarray:
    """The planted cooperation bonus of one same-strand pair at each spacing.

    Parameters
    ----------
    spacing : int or array-like of int, any shape
        Bases between the end of the first site and the start of the second (0: the
        sites touch), in either order of ``cooperative_a`` and ``cooperative_b``.

    Returns
    -------
    bonus : ndarray of float64, same shape as ``spacing``
        :data:`GRAMMAR_PEAKS` at the peaks (1.5 at 10, 1.0 at 21, 0.6 at 31), half of
        that one base either side, 0 at every other spacing (negative ones included).

    Examples
    --------
    >>> grammar_spacing_bonus([9, 10, 11, 12, 21, 31])
    array([0.75, 1.5 , 0.75, 0.  , 1.  , 0.6 ])
    """
    values = np.asarray(spacing)
    if values.dtype == bool or not np.issubdtype(values.dtype, np.integer):
        raise ValueError(f"spacing must be integers; got {spacing!r}.")
    inside = (values >= 0) & (values < len(_CURVE))
    return np.where(inside, _CURVE[np.clip(values, 0, len(_CURVE) - 1)], 0.0)


def _check_sequences(X) -> list[str]:
    """``X`` as a list of upper-case strings; ValueError for anything else."""
    if isinstance(X, str):
        raise ValueError("X must be a list or 1-D array of sequences, not one string.")
    values = np.asarray(X, dtype=object)
    if values.ndim != 1:
        raise ValueError(f"X must be 1-D (one string per sequence); got shape {values.shape}.")
    bad = [s for s in values if not isinstance(s, str)]
    if bad:
        raise ValueError(f"X must hold strings of DNA; got {type(bad[0]).__name__}.")
    return [s.upper() for s in values]


def _sites(sequence: str, role: str) -> tuple[np.ndarray, np.ndarray]:
    """Starts of the role's exact matches on the + strand and on the - strand."""
    import re

    consensus = GRAMMAR_MOTIFS[role][0]
    return tuple(
        np.array([m.start() for m in re.finditer(f"(?={pattern})", sequence)], dtype=np.int64)
        for pattern in (consensus, _reverse_complement(consensus))
    )


def _cooperation(a_sites, b_sites) -> float:
    """Sum of the planted bonus over every same-strand pair of an a site and a b site."""
    wa, wb = len(GRAMMAR_MOTIFS["cooperative_a"][0]), len(GRAMMAR_MOTIFS["cooperative_b"][0])
    total = 0.0
    for a, b in zip(a_sites, b_sites, strict=True):
        if a.size and b.size:
            a_first = b[None, :] - (a[:, None] + wa)  # a upstream of b
            b_first = a[:, None] - (b[None, :] + wb)  # b upstream of a
            total += float(grammar_spacing_bonus(np.maximum(a_first, b_first)).sum())
    return total


def _grammar_table(sequences: list[str]) -> pd.DataFrame:
    """Per sequence: the count of each role (both strands), the cooperation bonus and the
    noise-free target; shape (n_sequences, n_roles + 2)."""
    import pandas as pd

    rows = []
    for sequence in sequences:
        sites = {role: _sites(sequence, role) for role in _ROLES}
        row = {role: sum(s.size for s in sites[role]) for role in _ROLES}
        row["cooperation"] = _cooperation(sites["cooperative_a"], sites["cooperative_b"])
        rows.append(row)
    table = pd.DataFrame(rows, columns=[*_ROLES, "cooperation"])
    effects = np.array([GRAMMAR_MOTIFS[role][2] for role in _ROLES])
    table["signal"] = table[_ROLES].to_numpy(np.float64) @ effects + table["cooperation"]
    return table


def grammar_signal(X: ArrayLike) -> np.ndarray:
    """The noise-free target of :func:`make_motif_grammar` for any DNA sequences.

    ``sum over roles of effect * occurrences + cooperation``, with the effects of
    :data:`GRAMMAR_MOTIFS` and occurrences counted as exact matches of the consensus
    on both strands (overlapping ones included). ``cooperation`` sums
    :func:`grammar_spacing_bonus` over every pair of a ``cooperative_a`` site and a
    ``cooperative_b`` site on the same strand, in either order, at the spacing between
    them; pairs on opposite strands add nothing. The signal is additive and unbounded:
    every further activator site adds its effect again, so a designed sequence can stack
    them.

    Parameters
    ----------
    X : array-like of str, shape (n_sequences,)
        DNA of any lengths; case is ignored, other letters (N) match nothing.

    Returns
    -------
    signal : ndarray of float64, shape (n_sequences,)
        The same for a sequence and its reverse complement.
    """
    return _grammar_table(_check_sequences(X))["signal"].to_numpy()


def _free_starts(taken: np.ndarray, width: int) -> np.ndarray:
    """Starts of every window of ``width`` bases with nothing planted in it."""
    used = np.concatenate([[0], np.cumsum(taken)])
    return np.flatnonzero(used[width:] - used[:-width] == 0)


def _write(codes, taken, role, start, reverse) -> None:
    """Write the role's site (its reverse complement if ``reverse``) at ``start``."""
    site = _CODES[role][int(reverse)]
    codes[start : start + len(site)] = site
    taken[start : start + len(site)] = True


def _place(codes, taken, role, rng) -> None:
    """Plant one site of ``role`` at a free place on a random strand (none if no room)."""
    free = _free_starts(taken, len(_CODES[role][0]))
    if free.size:
        _write(codes, taken, role, free[rng.randint(free.size)], rng.rand() < 0.5)


def _plant_pair(codes, taken, roles, rng) -> tuple[int, bool, list[str]]:
    """Plant a pair: at a peak spacing (1/2), at another spacing of 0 to 50 (1/4), or not
    as a pair (1/4: each partner then goes anywhere with probability 1/4).

    Returns
    -------
    spacing : int
        The planted spacing, -1 when not planted as a pair (or no room).
    same_strand : bool
    loose : list of str
        The partners still to plant anywhere.
    """
    mode = rng.choice(3, p=[0.5, 0.25, 0.25])
    if mode == 2:
        return -1, False, [role for role in roles if rng.rand() < 0.25]
    spacing = int(rng.choice(list(GRAMMAR_PEAKS)) if mode == 0 else rng.choice(_OTHER_SPACINGS))
    first, second = roles if rng.rand() < 0.5 else roles[::-1]
    reverse = rng.rand() < 0.5
    same_strand = bool(rng.rand() < 0.75)
    w1, w2 = len(_CODES[first][0]), len(_CODES[second][0])
    free = _free_starts(taken, w1 + spacing + w2)
    if not free.size:
        return -1, False, []
    start = free[rng.randint(free.size)]
    _write(codes, taken, first, start, reverse)
    _write(codes, taken, second, start + w1 + spacing, reverse if same_strand else not reverse)
    taken[start : start + w1 + spacing + w2] = True  # nothing else between the partners
    return spacing, same_strand, []


def _grammar_codes(length: int, rng: np.random.RandomState) -> tuple[np.ndarray, list]:
    """One sequence of :func:`make_motif_grammar` as base codes, shape (length,), and what
    was planted of each pair: [(spacing, same strand)] in the order of _PAIRS."""
    codes = rng.randint(0, 4, size=length)
    taken = np.zeros(length, bool)
    planted, loose = [], []
    for roles in _PAIRS.values():
        spacing, same_strand, partners = _plant_pair(codes, taken, roles, rng)
        planted.append((spacing, same_strand))
        loose += partners
    roles = loose + [role for role in _SINGLES for _ in range(rng.randint(0, 3))]
    for role in rng.permutation(roles):
        _place(codes, taken, role, rng)
    return codes, planted


def _check_grammar(n_samples, length, noise) -> None:
    for name, value, low in (("n_samples", n_samples, 1), ("length", length, _MIN_LENGTH)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
            raise ValueError(f"{name} must be an integer >= {low}; got {value!r}.")
    if isinstance(noise, bool) or not isinstance(noise, (int, float, np.number)):
        raise ValueError(f"noise must be a number >= 0; got {noise!r}.")
    if not (np.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a number >= 0; got {noise!r}.")


def make_motif_grammar(
    n_samples: int,
    length: int = 200,
    noise: float = 0.3,
    random_state: int | np.random.RandomState | None = None,
) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Random DNA whose target follows a motif grammar, to benchmark in-silico experiments.

    The target is :func:`grammar_signal` of the sequence plus ``noise * N(0, 1)``: graded
    activators (AP-1 +2.0, ETS +1.0, GATA +0.5 per site), a repressor (REST half-site
    -1.5), a null motif planted as often (FOXA, 0), a pair that only adds up (SP1 and
    the CCAAT box, +0.3 each, never interacting) and a cooperating pair (SOX2 and OCT4,
    +0.3 each, plus :func:`grammar_spacing_bonus` of their spacing when both sit on the
    same strand, in either order: 1.5 at 10 bases, 1.0 at 21, 0.6 at 31, half of that
    one base off, nothing elsewhere); see :data:`GRAMMAR_MOTIFS` and
    :data:`GRAMMAR_PEAKS`. Sites are read from the final sequence on both strands, so
    chance occurrences count and ``r2_score(y, truth["signal"])`` is the best R² any
    model can reach.

    Parameters
    ----------
    n_samples : int
    length : int, default=200
        At least 150.
    noise : float, default=0.3
        Standard deviation of the Gaussian noise.
    random_state : int, RandomState or None

    Returns
    -------
    X : ndarray of str, shape (n_samples,)
    y : ndarray of float64, shape (n_samples,)
    truth : pandas.DataFrame, shape (n_samples, 15)
        The count of each role of :data:`GRAMMAR_MOTIFS` (9 columns, both strands),
        ``cooperation`` (the pair bonus), ``signal`` (the noise-free target), and how each
        pair was planted: ``cooperative_spacing``, ``additive_spacing`` (-1 when not
        planted as a pair) and ``cooperative_same_strand``, ``additive_same_strand``
        (False when not planted as a pair).

    Notes
    -----
    Each sequence gets 0-2 sites of each activator, the repressor and the null motif, at
    free places on random strands. Each pair is planted, independently, at one of the
    peak spacings (1/2 of sequences), at another spacing of 0 to 50 (1/4), or not as a
    pair (1/4: each partner then goes anywhere with probability 1/4); a planted pair is
    on the same strand 3 times in 4, in a random order, with nothing else between the
    partners.
    """
    from sklearn.utils import check_random_state

    _check_grammar(n_samples, length, noise)
    rng = check_random_state(random_state)
    symbols = np.array(list("ACGT"))
    X, planted = [], []
    for _ in range(n_samples):
        codes, pairs = _grammar_codes(length, rng)
        X.append("".join(symbols[codes]))
        planted.append([value for pair in pairs for value in pair])
    X = np.array(X)
    truth = _grammar_table(list(X))
    columns = ["cooperative_spacing", "cooperative_same_strand"]
    columns += ["additive_spacing", "additive_same_strand"]
    for j, column in enumerate(columns):
        truth[column] = np.array([row[j] for row in planted], dtype=int if j % 2 == 0 else bool)
    y = truth["signal"].to_numpy() + noise * rng.standard_normal(n_samples)
    return X, y, truth
