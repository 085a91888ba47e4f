"""Example data sets shipped with skmotif (no downloads)."""

import gzip
from importlib.resources import as_file, files

import numpy as np

from ..io import read_fasta

__all__ = ["load_artificial", "load_pum2", "make_motif_sequences"]


def _load(negative, positive):
    folder = files(__name__) / "data"
    sequences = []
    for name in (negative, positive):
        with as_file(folder / name) as path:
            sequences.append(read_fasta(path)[1])
    y = np.repeat([0, 1], [len(s) for s in sequences])
    return np.array(sequences[0] + sequences[1]), y


def load_artificial() -> tuple[np.ndarray, np.ndarray]:
    """pysster's artificial DNA set: planted homopolymer blocks vs random sequence.

    Returns
    -------
    X : ndarray of str, shape (20000,)
        DNA sequences of 140 nt, in file order: 10,000 random ones (class 0),
        then 5,000 carrying C10 at 21-30 and G10 at 51-60, then 5,000
        carrying A10 at 81-90 and T10 at 111-120 (1-based positions).
    y : ndarray of int, shape (20000,)
        1 for the sequences with planted blocks.

    Notes
    -----
    Shuffle before cross-validating with unshuffled folds (scikit-learn's
    default): ``StratifiedKFold(2)`` would train on the A/T carriers and
    test on the C/G carriers. Use ``StratifiedKFold(k, shuffle=True)`` or
    ``train_test_split`` (which shuffles).
    """
    return _load("artificial_neg.fasta.gz", "artificial_pos.fasta.gz")


def load_pum2(structure: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """PUM2 CLIP-seq binding sites against sites of 24 other RNA-binding proteins.

    Parameters
    ----------
    structure : bool, default=False
        Also return each sequence's secondary structure as elements (E, H,
        I, M, S; see :mod:`skmotif.structure`), from minimum free energy
        structures shipped precomputed (ViennaRNA 2.8.0, ``RNA.fold``).

    Returns
    -------
    X : ndarray of str, shape (10368,), or (10368, 2) with ``structure=True``
        RNA sequences of 200 nt (alphabet "ACGU"); 32 background records are
        all ``N``. The first 5,184 are background (class 0). With structure:
        (sequence, elements) pairs, for ``alphabet=("ACGU", "EHIMS")``.
    y : ndarray of int, shape (10368,)
        1 for PUM2 sites.
    """
    X, y = _load("pum2_background.fasta.gz", "pum2_positives.fasta.gz")
    if not structure:
        return X, y
    from ..structure import dotbracket_to_elements

    with as_file(files(__name__) / "data" / "pum2_structures.txt.gz") as path:
        folds = gzip.decompress(path.read_bytes()).decode().split()
    return np.column_stack([X, [dotbracket_to_elements(f) for f in folds]]), y


def make_motif_sequences(
    n_samples: int,
    motifs: list,
    length: int = 200,
    alphabet: str = "ACGT",
    positions: int | list[int] | None = None,
    reverse_complement: bool = False,
    multilabel: bool = False,
    motifs_per_sequence: tuple[int, int] = (1, 5),
    random_state: int | np.random.RandomState | None = None,
) -> tuple[np.ndarray, np.ndarray, list]:
    """Random sequences with planted motifs, and where they were planted.

    Every planted instance is sampled from the motif's probabilities, so a
    motif with soft columns gives varied sites.

    Parameters
    ----------
    n_samples : int
    motifs : list of Motif or array-like of shape (width, n_symbols)
        Motifs or probability matrices over ``alphabet``.
    length : int, default=200
    alphabet : str, default="ACGT"
        Background symbols, drawn uniformly.
    positions : None, int or list of int, default=None
        Start of every instance (one value for all motifs, or one per motif);
        None draws starts at random without overlaps.
    reverse_complement : bool, default=False
        Plant each instance on the opposite strand with probability 1/2.
    multilabel : bool, default=False
        False: class 0 is background only and class ``m + 1`` carries motif
        ``m`` once, classes equally frequent. True: each sequence carries
        ``motifs_per_sequence`` (inclusive range) distinct motifs and y is a
        0/1 indicator matrix.
    motifs_per_sequence : tuple of int, default=(1, 5)
    random_state : int, RandomState or None

    Returns
    -------
    X : ndarray of str, shape (n_samples,)
    y : ndarray of int, shape (n_samples,) or (n_samples, n_motifs)
    sites : list of list of (motif index, start, strand)
        Per sequence; strand is "+" or "-".
    """
    from sklearn.utils import check_random_state

    from .._motif import Motif

    rng = check_random_state(random_state)
    objects = [m if isinstance(m, Motif) else Motif(alphabet, probabilities=m) for m in motifs]
    strands = {"+": [m.probabilities for m in objects]}
    if reverse_complement:
        strands["-"] = [m.reverse_complement().probabilities for m in objects]
    widths = [len(m) for m in objects]
    if max(widths) > length:
        raise ValueError(f"A motif of width {max(widths)} does not fit in {length} positions.")
    fixed = [positions] * len(objects) if isinstance(positions, int) else positions
    symbols = np.array(list(alphabet))
    low, high = motifs_per_sequence
    if multilabel and not 0 <= low <= high <= len(objects):
        raise ValueError(
            f"motifs_per_sequence={motifs_per_sequence!r} asks for up to {high} distinct motifs "
            f"per sequence, but {len(objects)} are given; use a range within "
            f"(0, {len(objects)})."
        )
    X, sites = [], []
    y = np.zeros((n_samples, len(objects)) if multilabel else n_samples, dtype=int)
    for i in range(n_samples):
        codes = rng.randint(0, len(alphabet), size=length)
        if multilabel:
            chosen = rng.choice(len(objects), size=rng.randint(low, high + 1), replace=False)
            y[i, chosen] = 1
        else:
            y[i] = i % (len(objects) + 1)
            chosen = [y[i] - 1] if y[i] else []
        placed = _plant(codes, chosen, widths, fixed, strands, rng)
        X.append("".join(symbols[codes]))
        sites.append(placed)
    return np.array(X), y, sites


def _plant(codes, chosen, widths, fixed, strands, rng):
    """Write the chosen motifs into ``codes`` (one sequence), each sampled from its matrix.

    Returns
    -------
    placed : list of (motif index, start, strand)
    """
    length, n_symbols = len(codes), strands["+"][0].shape[1]
    placed, taken = [], np.zeros(length, bool)
    for m in chosen:
        width = widths[m]
        if fixed is not None:
            start = fixed[m]
        else:
            free = [s for s in range(length - width + 1) if not taken[s : s + width].any()]
            if not free:
                raise ValueError(f"No room for {len(chosen)} motifs in {length} positions.")
            start = free[rng.randint(len(free))]
        strand = "-" if "-" in strands and rng.rand() < 0.5 else "+"
        cumulative = strands[strand][m].cumsum(axis=1)
        site = (rng.rand(width, 1) > cumulative).sum(axis=1)  # one draw per position
        codes[start : start + width] = np.minimum(site, n_symbols - 1)
        taken[start : start + width] = True
        placed.append((int(m), int(start), strand))
    return placed
