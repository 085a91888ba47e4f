"""Shuffles that keep every sequence's dinucleotide counts exactly.

The Altschul-Erickson shuffle, drawn as a random Eulerian path (Kandel et
al. 1996): a sequence is a walk through the graph whose vertices are its
symbols and whose edges are its dinucleotides; every other walk that uses
each edge once is a sequence with the same dinucleotide counts and the same
first and last symbol. The last edge out of each vertex is drawn as a
uniform random spanning arborescence (Wilson's loop-erased random walk), the
other edges in random order, so every such sequence is equally likely.
All sequences and shuffles of a call are drawn together, one numpy step per
position, not one Python step per symbol.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from sklearn.utils import check_random_state

from ._alphabet import JointAlphabet, resolve_alphabet
from ._codec import _check_collection, encode

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from ._alphabet import Alphabet


def dinucleotide_shuffle(
    X: ArrayLike,
    n_shuffles: int = 1,
    alphabet: str | tuple | Alphabet | JointAlphabet = "ACGT",
    random_state: int | np.random.RandomState | None = None,
) -> np.ndarray:
    """Shuffle sequences keeping each one's dinucleotide counts exactly.

    Parameters
    ----------
    X : sequence of str, or of (str, str) pairs, length n_samples
        Sequences over ``alphabet``, or (sequence, structure) pairs (shuffled
        together: a dinucleotide is then a pair of adjacent (symbol,
        structure) pairs).
    n_shuffles : int, default=1
        Shuffles per sequence.
    alphabet : str, Alphabet or pair, default="ACGT"
        As for :class:`~skmotif.ConvMotifClassifier`; symbols outside it are
        a ValueError.
    random_state : int, RandomState instance or None, default=None

    Returns
    -------
    shuffles : ndarray of str, shape (n_samples, n_shuffles)
        Or of (str, str) pairs, shape (n_samples, n_shuffles, 2). Every
        shuffle has its sequence's length, first and last symbol and counts
        of each adjacent symbol pair. The unknown symbol (``N``, ``X`` for
        protein) stays where it is, and the stretches between unknown
        symbols are shuffled each on its own, which keeps the pairs that
        include an unknown symbol too. Letters keep their case (``a`` and
        ``A`` are different symbols here).

    Raises
    ------
    TypeError
        For X that is not a collection of sequences (one string, None, a
        generator), or an ``n_shuffles`` that is not an int.
    ValueError
        For no sequences, an empty string, a symbol outside ``alphabet``, or
        ``n_shuffles`` below 1.

    Examples
    --------
    >>> from skmotif import dinucleotide_shuffle
    >>> dinucleotide_shuffle(["ACGTTGCAAN"], n_shuffles=2, random_state=0).shape
    (1, 2)
    """
    if isinstance(n_shuffles, bool) or not isinstance(n_shuffles, (int, np.integer)):
        raise TypeError(f"n_shuffles must be an int, got {n_shuffles!r}.")
    if n_shuffles < 1:
        raise ValueError(f"n_shuffles must be at least 1, got {n_shuffles}.")
    _check_collection(X)
    if len(X) == 0:  # as the estimators' fit and predict say it
        raise ValueError("X is empty: it holds 0 samples; pass at least one sequence.")
    alphabet = resolve_alphabet(alphabet)
    pairs = isinstance(alphabet, JointAlphabet)
    strings = [tuple(x) for x in X] if pairs else [str(x) for x in X]
    codes = encode(strings, alphabet)  # the same symbol checks and errors as fit
    tokens = np.zeros(codes.shape, dtype=np.int64)
    for i, item in enumerate(strings):
        row = _tokens(item if pairs else (item,))
        tokens[i, : len(row)] = row
    # Unknown symbols and the padding of shorter sequences stay in place.
    rng = check_random_state(random_state)
    shuffled = _shuffles(tokens, codes == alphabet.size, n_shuffles, rng)
    width = 2 if pairs else 1
    out = np.empty((len(strings), n_shuffles, width), dtype=object)
    for i, item in enumerate(strings):
        size = len(item[0] if pairs else item)
        for j in range(n_shuffles):
            for p in range(width):
                byte = (shuffled[i, j, :size] >> (8 * p)) & 0xFF
                out[i, j, p] = byte.astype(np.uint8).tobytes().decode("latin-1")
    out = out.astype(str)
    return out if pairs else out[:, :, 0]


def shuffle_codes(codes, fixed_code, n_shuffles, random_state=None):
    """Dinucleotide shuffles of encoded sequences.

    Parameters
    ----------
    codes : ndarray of uint8, shape (length,) or (n_samples, length)
        Symbol codes, as ``EncodedInput.values`` holds them.
    fixed_code : int
        The code that stays in place (unknown symbols and padding:
        ``alphabet.size``).
    n_shuffles : int
    random_state : int, RandomState instance or None, default=None

    Returns
    -------
    shuffles : ndarray of uint8, shape (n_shuffles, length) or (n_samples, n_shuffles, length)
    """
    codes = np.asarray(codes)
    rows = np.atleast_2d(codes)
    rng = check_random_state(random_state)
    out = _shuffles(rows.astype(np.int64), rows == fixed_code, n_shuffles, rng).astype(np.uint8)
    return out[0] if codes.ndim == 1 else out


def _tokens(parts):
    """One integer per position: the sequence's character, the structure's above it."""
    tokens = np.zeros(len(parts[0]), dtype=np.int64)
    for p, text in enumerate(parts):
        tokens |= np.frombuffer(text.encode("latin-1"), dtype=np.uint8).astype(np.int64) << (8 * p)
    return tokens


def _shuffles(tokens, fixed, n_shuffles, rng):
    """Shuffle each stretch between fixed positions on its own; fixed ones stay.

    Parameters
    ----------
    tokens : ndarray of int64, shape (n, length)
    fixed : ndarray of bool, shape (n, length)
    n_shuffles : int
    rng : RandomState

    Returns
    -------
    ndarray of int64, shape (n, n_shuffles, length)
    """
    out = np.repeat(tokens[:, None], n_shuffles, axis=1)
    free = np.zeros((len(tokens), tokens.shape[1] + 2), dtype=np.int8)
    free[:, 1:-1] = ~fixed
    rows, starts = np.nonzero(np.diff(free, axis=1) == 1)
    stops = np.nonzero(np.diff(free, axis=1) == -1)[1]
    long = stops - starts >= 3  # shorter stretches have one order only
    if not long.any():
        return out
    # One walk per stretch and shuffle.
    rows, starts, stops = rows[long], starts[long], stops[long]
    shuffle = np.tile(np.arange(n_shuffles), len(rows))
    rows, starts, lengths = (np.repeat(a, n_shuffles) for a in (rows, starts, stops - starts))
    symbols, vertex = np.unique(tokens, return_inverse=True)
    walks = _walks(vertex.reshape(tokens.shape), rows, starts, lengths, len(symbols), rng)
    unit = np.repeat(np.arange(len(rows)), lengths)
    position = starts[unit] + _offsets(lengths)
    out[rows[unit], shuffle[unit], position] = symbols[walks]
    return out


def _offsets(lengths):
    """0, 1, ..., lengths[0] - 1, 0, 1, ..., lengths[1] - 1, ... as one array."""
    return np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)


def _walks(vertex, rows, starts, lengths, n_vertices, rng):
    """Random Eulerian walks, one per stretch, all drawn together.

    Parameters
    ----------
    vertex : ndarray of int, shape (n, length)
        Each position's symbol as a vertex number below ``n_vertices``.
    rows, starts, lengths : ndarray of int, shape (n_walks,)
        The stretch each walk shuffles: ``vertex[rows[w], starts[w]:][:lengths[w]]``.
    n_vertices : int
    rng : RandomState

    Returns
    -------
    ndarray of int, shape (lengths.sum(),)
        The walks' vertices, one walk after the other.
    """
    # Longest walks first, so the walks still going are always the first ones.
    order = np.argsort(-lengths, kind="stable")
    rows, starts, lengths = rows[order], starts[order], lengths[order]
    n_walks = len(rows)
    # The edges (dinucleotides), grouped by walk and source vertex.
    edge_walk = np.repeat(np.arange(n_walks), lengths - 1)
    row, position = rows[edge_walk], starts[edge_walk] + _offsets(lengths - 1)
    group = edge_walk * n_vertices + vertex[row, position]
    by_group = np.argsort(group)
    group, targets = group[by_group], vertex[row, position + 1][by_group]
    counts = np.bincount(group, minlength=n_walks * n_vertices)
    first_edge = np.cumsum(counts) - counts
    end = vertex[rows, starts + lengths - 1]
    exits = _last_exits(targets, counts, first_edge, end, n_vertices, rng)
    # Each vertex's other exits in random order, its last exit after them.
    rank = rng.random_sample(len(group)) / 2
    rank[exits] = 0.5
    targets = targets[np.argsort(group + rank)].astype(np.int32)  # small: stays in cache
    base = np.arange(n_walks) * n_vertices
    used = first_edge.astype(np.int32)  # the next exit of each (walk, vertex)
    steps = np.empty((lengths[0], n_walks), dtype=np.int32)
    steps[0] = current = vertex[rows, starts]
    for step in range(1, lengths[0]):
        going = np.count_nonzero(lengths > step)
        slot = base[:going] + current[:going]
        current = targets[used[slot]]
        used[slot] += 1
        steps[step, :going] = current
    rank = np.empty(n_walks, dtype=np.int64)
    rank[order] = np.arange(n_walks)
    in_order = lengths[rank]
    return steps[_offsets(in_order), np.repeat(rank, in_order)]


def _last_exits(targets, counts, first_edge, end, n_vertices, rng):
    """Wilson's algorithm in every walk's graph at once: uniform random arborescences.

    Parameters
    ----------
    targets : ndarray of int, shape (n_edges,)
        Edge targets, grouped by walk and source vertex.
    counts, first_edge : ndarray of int, shape (n_walks * n_vertices,)
        Number of edges out of each (walk, vertex) and the index of the first.
    end : ndarray of int, shape (n_walks,)
        Each walk's last vertex, the root.
    n_vertices : int
    rng : RandomState

    Returns
    -------
    ndarray of int
        Edge indices: the last exit of every vertex of every walk but the root.
    """
    base = np.arange(len(end)) * n_vertices
    in_tree = counts == 0  # the root when it has no exit, and absent vertices
    in_tree[base + end] = True
    exit_edge = np.full(len(counts), -1)
    for v in range(n_vertices):
        walking = np.flatnonzero(~in_tree[base + v])
        start = at = base[walking] + v
        while len(at):  # random walks to the tree; each vertex keeps its latest exit
            edge = first_edge[at] + (rng.random_sample(len(at)) * counts[at]).astype(np.int64)
            exit_edge[at] = edge
            at = base[walking] + targets[edge]
            more = ~in_tree[at]
            walking, at = walking[more], at[more]
        at = start
        while len(at):  # the loop-erased path joins the tree
            in_tree[at] = True
            at = at - at % n_vertices + targets[exit_edge[at]]
            at = at[~in_tree[at]]
    return exit_edge[exit_edge >= 0]
