"""Shuffles that keep every sequence's dinucleotide counts exactly.

The Altschul-Erickson shuffle, drawn as a random Eulerian path (Kandel et
al. 1996): a sequence is a walk through the graph whose vertices are its
symbols and whose edges are its dinucleotides; every other walk that uses
each edge once is a sequence with the same dinucleotide counts and the same
first and last symbol. The last edge out of each vertex is drawn as a
uniform random spanning arborescence (Wilson's loop-erased random walk), the
other edges in random order, so every such sequence is equally likely.
"""

import numpy as np
from sklearn.utils import check_random_state

from ._alphabet import JointAlphabet, resolve_alphabet
from .encoding import encode

__all__ = ["dinucleotide_shuffle", "shuffle_codes"]


def dinucleotide_shuffle(X, n_shuffles=1, alphabet="ACGT", random_state=None):
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
    alphabet = resolve_alphabet(alphabet)
    pairs = isinstance(alphabet, JointAlphabet)
    strings = [tuple(x) for x in X] if pairs else [str(x) for x in X]
    codes = encode(strings, alphabet)  # the same symbol checks and errors as fit
    rng = check_random_state(random_state)
    width = 2 if pairs else 1
    out = np.empty((len(strings), n_shuffles, width), dtype=object)
    for i, item in enumerate(strings):
        parts = item if pairs else (item,)
        tokens = _tokens(parts)
        fixed = codes[i, : len(tokens)] == alphabet.size
        for j, shuffled in enumerate(_shuffles(tokens, fixed, n_shuffles, rng)):
            for p in range(width):
                byte = (shuffled >> (8 * p)) & 0xFF
                out[i, j, p] = byte.astype(np.uint8).tobytes().decode("latin-1")
    out = out.astype(str)
    return out if pairs else out[:, :, 0]


def shuffle_codes(codes, fixed_code, n_shuffles, random_state=None):
    """Dinucleotide shuffles of one encoded sequence.

    Parameters
    ----------
    codes : ndarray of uint8, shape (length,)
        Symbol codes, as :func:`skmotif.encoding.encode` gives them.
    fixed_code : int
        The code that stays in place (unknown symbols and padding:
        ``alphabet.size``).
    n_shuffles : int
    random_state : int, RandomState instance or None, default=None

    Returns
    -------
    shuffles : ndarray of uint8, shape (n_shuffles, length)
    """
    rng = check_random_state(random_state)
    tokens = codes.astype(np.int64)
    fixed = codes == fixed_code
    return _shuffles(tokens, fixed, n_shuffles, rng).astype(np.uint8)


def _tokens(parts):
    """One integer per position: the sequence's character, the structure's above it."""
    tokens = np.zeros(len(parts[0]), dtype=np.int64)
    for p, text in enumerate(parts):
        tokens |= np.frombuffer(text.encode("latin-1"), dtype=np.uint8).astype(np.int64) << (8 * p)
    return tokens


def _shuffles(tokens, fixed, n_shuffles, rng):
    """Shuffle each stretch between fixed positions on its own; fixed ones stay.

    Returns
    -------
    ndarray of int64, shape (n_shuffles, length)
    """
    out = np.repeat(tokens[None], n_shuffles, axis=0)
    edges = np.flatnonzero(np.diff(np.concatenate([[True], fixed, [True]]).astype(np.int8)))
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        if stop - start < 3:
            continue
        graph = _Graph(tokens[start:stop])
        for j in range(n_shuffles):
            out[j, start:stop] = graph.draw(rng)
    return out


class _Graph:
    """A sequence as a walk through its symbols: the edges are its dinucleotides."""

    def __init__(self, seq):
        self.symbols, index = np.unique(seq, return_inverse=True)
        n = len(self.symbols)
        order = np.argsort(index[:-1], kind="stable")
        self.targets = index[1:][order]  # out-edges grouped by source vertex
        self.counts = np.bincount(index[:-1], minlength=n)
        self.starts = np.concatenate([[0], np.cumsum(self.counts)[:-1]])
        self.first, self.end, self.length = index[0], index[-1], len(seq)

    def draw(self, rng):
        """A uniformly random sequence with the same dinucleotide counts and end symbols.

        Wilson's algorithm draws the last exit of every vertex (a random
        arborescence pointing to the last symbol); the other exits come in
        random order before it; the walk from the first symbol then uses
        every edge once.

        Returns
        -------
        ndarray of int64, shape (length,)
        """
        targets, counts, starts = self.targets, self.counts, self.starts
        n = len(counts)
        in_tree = np.zeros(n, dtype=bool)
        in_tree[self.end] = True
        exit_edge = np.zeros(n, dtype=np.int64)
        for v in range(n):
            u = v
            while not in_tree[u]:
                exit_edge[u] = rng.randint(counts[u])
                u = targets[starts[u] + exit_edge[u]]
            u = v
            while not in_tree[u]:
                in_tree[u] = True
                u = targets[starts[u] + exit_edge[u]]
        lists = []
        for v in range(n):
            out = targets[starts[v] : starts[v] + counts[v]].copy()
            if v != self.end and counts[v]:
                last = exit_edge[v]
                out[[last, -1]] = out[[-1, last]]
                rng.shuffle(out[:-1])
            else:
                rng.shuffle(out)
            lists.append(out.tolist())
        walk = [self.first]
        used = [0] * n
        u = self.first
        for _ in range(self.length - 1):
            u_next = lists[u][used[u]]
            used[u] += 1
            walk.append(u_next)
            u = u_next
        return self.symbols[walk]
