"""The motifs experiments take, read into one form: symbol probabilities per position.

A motif is given as a string of the alphabet (inserted exactly), an IUPAC
consensus (DNA/RNA; ambiguous positions drawn uniformly from their bases), a
:class:`~skmotif.Motif` (a kernel's or a TF-MoDISco pattern's included, or the
``(motif, importance)`` pairs :func:`~skmotif.kernel_motifs` returns), or a
JASPAR matrix ID such as ``"MA0139.1"`` (read offline by pyjaspar, the
``motifs`` extra).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .._alphabet import Alphabet
from .._motif import Motif, MotifPair

#: IUPAC nucleotide codes and the bases each allows (T read as U in RNA alphabets).
IUPAC = {
    "A": "A", "C": "C", "G": "G", "T": "T", "U": "T", "R": "AG", "Y": "CT", "S": "CG",
    "W": "AT", "K": "GT", "M": "AC", "B": "CGT", "D": "AGT", "H": "ACT", "V": "ACG",
    "N": "ACGT",
}  # fmt: skip
_JASPAR_ID = re.compile(r"MA\d{4}\.\d+")
#: Relative PWM score at which a motif given as a matrix occurs, by default.
MATRIX_THRESHOLD = 0.85


@dataclass(frozen=True)
class MotifSpec:
    """A motif as experiments use it.

    Attributes
    ----------
    name : str
    probabilities : ndarray of float64, shape (width, n_symbols)
    sampled : bool
        Instances are drawn from ``probabilities`` (IUPAC codes, or
        ``sample=True``), not taken as its most likely symbols.
    """

    name: str
    probabilities: np.ndarray
    sampled: bool

    @property
    def width(self) -> int:
        return len(self.probabilities)

    @property
    def threshold(self) -> float:
        """Default relative score of an occurrence: 1 (exact) for a string or IUPAC
        consensus, :data:`MATRIX_THRESHOLD` for a matrix."""
        exact = self.sampled or bool(np.isin(self.probabilities, (0.0, 1.0)).all())
        return 1.0 if exact else MATRIX_THRESHOLD

    def instances(self, n: int, rng: np.random.RandomState) -> np.ndarray:
        """``n`` instances as symbol codes, shape (n, width), uint8."""
        p = self.probabilities
        if not self.sampled:
            return np.broadcast_to(np.argmax(p, axis=1).astype(np.uint8), (n, self.width)).copy()
        cumulative = np.cumsum(p, axis=1)
        draws = rng.random_sample((n, self.width, 1))
        codes = (draws > cumulative[None]).sum(axis=2)
        return np.minimum(codes, p.shape[1] - 1).astype(np.uint8)

    def log_odds(self) -> np.ndarray:
        """log2(p / uniform), shape (width, n_symbols + 1); the unknown symbol scores lowest."""
        p = self.probabilities
        scores = np.log2(np.maximum(p, 1e-9) * p.shape[1])
        return np.concatenate([scores, scores.min(axis=1, keepdims=True)], axis=1)


def motif_spec(motif: object, alphabet: Alphabet, sample: bool = False, what: str = "motif"):
    """Read a motif as any experiment takes it.

    Parameters
    ----------
    motif : str, Motif or (Motif, importance) pair
        See the module's docstring.
    alphabet : Alphabet
        The model's.
    sample : bool, default=False
        Draw instances of a Motif from its probabilities instead of taking
        its consensus.
    what : str, default="motif"
        The parameter's name, for errors.

    Returns
    -------
    MotifSpec
    """
    if isinstance(motif, MotifPair):
        raise ValueError(
            f"{what} is a sequence + structure motif pair; experiments edit sequences of one "
            "alphabet: give its .sequence motif."
        )
    if hasattr(motif, "motif") and isinstance(motif.motif, Motif):  # kernel_motifs' pairs
        motif = motif.motif
    if isinstance(motif, Motif):
        return MotifSpec(
            motif.name or motif.consensus, _columns(motif, alphabet, what), bool(sample)
        )
    if not isinstance(motif, str) or not motif:
        raise TypeError(
            f"{what} must be a string, an IUPAC consensus, a JASPAR ID or a skmotif.Motif; "
            f"got {type(motif).__name__}."
        )
    if _JASPAR_ID.fullmatch(motif):
        return MotifSpec(*_jaspar_motif(motif, alphabet), bool(sample))
    return _string_spec(motif, alphabet, what)


def _string_spec(motif, alphabet, what):
    symbols = alphabet.symbols
    upper = motif.upper() if symbols.isupper() else motif
    if all(s in symbols for s in upper):
        exact = np.eye(alphabet.size)[[symbols.index(s) for s in upper]]
        return MotifSpec(upper, exact, False)
    nucleic = symbols.upper() in ("ACGT", "ACGU")
    bad = sorted({s for s in upper if s not in IUPAC} if nucleic else set(upper) - set(symbols))
    if bad:
        allowed = "its symbols or IUPAC codes" if nucleic else "its symbols"
        raise ValueError(
            f"{what} {motif!r} has {', '.join(map(repr, bad))}, not in the alphabet "
            f"'{symbols}'; write it with {allowed}."
        )
    rna = symbols.upper() == "ACGU"
    matrix = np.zeros((len(upper), alphabet.size))
    for i, code in enumerate(upper):
        bases = IUPAC[code].replace("T", "U") if rna else IUPAC[code]
        matrix[i, [symbols.upper().index(b) for b in bases]] = 1.0 / len(bases)
    return MotifSpec(upper, matrix, True)


def _columns(motif, alphabet, what):
    """A Motif's probabilities in the model alphabet's column order (T and U alike)."""
    theirs = motif.alphabet.symbols.upper().replace("U", "T")
    ours = alphabet.symbols.upper().replace("U", "T")
    if sorted(theirs) != sorted(ours):
        raise ValueError(
            f"{what} is over the alphabet '{motif.alphabet.symbols}'; the model reads "
            f"'{alphabet.symbols}'."
        )
    return motif.probabilities[:, [theirs.index(s) for s in ours]]


def _jaspar_motif(matrix_id, alphabet):
    """(name, probabilities) of a JASPAR matrix, read by pyjaspar without the network."""
    if alphabet.symbols.upper().replace("U", "T") != "ACGT":
        raise ValueError(
            f"JASPAR matrices are DNA; the model reads '{alphabet.symbols}'. Give the motif "
            "as a string or a skmotif.Motif."
        )
    try:
        from pyjaspar import jaspardb
    except ImportError:
        raise ImportError("A JASPAR ID needs pyjaspar: pip install 'skmotif[motifs]'.") from None
    found = jaspardb().fetch_motif_by_id(matrix_id)
    if found is None:
        raise ValueError(f"pyjaspar's JASPAR release has no matrix {matrix_id!r}.")
    counts = np.array([found.counts[s] for s in "ACGT"], dtype=float).T
    return f"{matrix_id} {found.name}", counts / counts.sum(axis=1, keepdims=True)


def find_sites(
    codes: np.ndarray, spec: MotifSpec, threshold: float, both_strands: bool, complement
):
    """Where a motif occurs: log-odds windows at or above a relative score.

    Parameters
    ----------
    codes : ndarray of uint8, shape (n_sequences, length)
    spec : MotifSpec
    threshold : float
        Relative score in [0, 1]: (score - min) / (max - min) of the
        motif's log-odds against a uniform background; 1 finds exact
        matches of a string or IUPAC consensus.
    both_strands : bool
    complement : ndarray of int or None
        The alphabet's complement codes (``Alphabet.complement()``), for the
        opposite strand.

    Returns
    -------
    sequence, start : ndarray of int, shape (n_sites,)
    strand : ndarray of str, shape (n_sites,)
    score : ndarray of float64, shape (n_sites,)
        Relative scores; where both strands match at one start, the better is kept.
    """
    width = spec.width
    if codes.shape[1] < width:
        return (np.empty(0, int), np.empty(0, int), np.empty(0, str), np.empty(0))
    log_odds = spec.log_odds()
    low, high = log_odds[:, :-1].min(axis=1).sum(), log_odds[:, :-1].max(axis=1).sum()
    windows = np.lib.stride_tricks.sliding_window_view(codes, width, axis=1)
    columns = np.arange(width)
    relative = [(log_odds[columns, windows].sum(axis=2) - low) / max(high - low, 1e-12)]
    if both_strands:
        reverse = log_odds[::-1][:, complement]  # the opposite strand's matrix
        relative.append((reverse[columns, windows].sum(axis=2) - low) / max(high - low, 1e-12))
    scores = np.stack(relative)  # (strands, n, starts)
    scores[:, (windows == log_odds.shape[1] - 1).any(axis=2)] = -np.inf  # unknown symbols
    best = np.argmax(scores, axis=0)
    top = np.take_along_axis(scores, best[None], axis=0)[0]
    sequence, start = np.nonzero(top >= threshold - 1e-9)
    strand = np.where(best[sequence, start] == 0, "+", "-")
    return sequence, start, strand, top[sequence, start]
