"""Example data sets shipped with skmotif (no downloads)."""

import gzip
from importlib.resources import as_file, files

import numpy as np

from ..io import read_fasta
from ._grammar import (  # noqa: F401
    GRAMMAR_MAX_SPACING,
    GRAMMAR_MOTIFS,
    GRAMMAR_PEAKS,
    grammar_signal,
    grammar_spacing_bonus,
    make_motif_grammar,
)
from ._profiles import make_motif_profiles

__all__ = [
    "grammar_signal",
    "grammar_spacing_bonus",
    "load_artificial",
    "load_pum2",
    "make_motif_genome",
    "make_motif_grammar",
    "make_motif_profiles",
    "make_motif_regression",
    "make_motif_sequences",
]


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


def load_pum2(structure: bool = False, target: str = "class") -> tuple[np.ndarray, np.ndarray]:
    """PUM2 CLIP-seq binding sites against sites of 24 other RNA-binding proteins.

    Parameters
    ----------
    structure : bool, default=False
        Also return each sequence's secondary structure as elements (E, H,
        I, M, S; see :mod:`skmotif.structure`), from minimum free energy
        structures shipped precomputed (ViennaRNA 2.8.0, ``RNA.fold``).
    target : {"class", "energy"}, default="class"
        ``"class"``: y is 1 for PUM2 sites. ``"energy"``: y is each
        sequence's minimum free energy (kcal/mol) at 37 °C, shipped
        precomputed (ViennaRNA 2.8.0, the energy of the structure
        ``RNA.fold`` gives), a quantity to regress on real sequences.

    Returns
    -------
    X : ndarray of str, shape (10368,), or (10368, 2) with ``structure=True``
        RNA sequences of 200 nt (alphabet "ACGU"); 32 background records are
        all ``N`` (energy 0). The first 5,184 are background (class 0). With
        structure: (sequence, elements) pairs, for ``alphabet=("ACGU", "EHIMS")``.
    y : ndarray of int or float64, shape (10368,)
        1 for PUM2 sites; or the energies.
    """
    if target not in ("class", "energy"):
        raise ValueError(f"target must be 'class' or 'energy'; got {target!r}.")
    X, y = _load("pum2_background.fasta.gz", "pum2_positives.fasta.gz")
    if target == "energy":
        with as_file(files(__name__) / "data" / "pum2_energies.txt.gz") as path:
            y = np.array(gzip.decompress(path.read_bytes()).decode().split(), dtype=np.float64)
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


#: The motifs :func:`make_motif_regression` plants, by role: (consensus, JASPAR name).
REGRESSION_MOTIFS = {
    "activator": ("TGACTCA", "FOS::JUN (AP-1)"),
    "repressor": ("CACGTG", "E-box (MAX, USF1)"),
    "pair_a": ("ACAAAGG", "SOX2"),
    "pair_b": ("ATGCAAAT", "POU5F1 (OCT4)"),
    "positional": ("TATAAAA", "TBP (TATA box)"),
}
#: Effect of each role on the target (see :func:`make_motif_regression`).
REGRESSION_EFFECTS = {"activator": 1.0, "repressor": -1.0, "pair": 1.5, "positional": 1.0}
#: The positional motif counts when it starts within this many positions of the end.
POSITIONAL_WINDOW = 50
#: The pair acts when its two sites are at most this many positions apart.
PAIR_GAP = 10


def make_motif_regression(
    n_samples: int,
    length: int = 200,
    noise: float = 0.5,
    random_state: int | np.random.RandomState | None = None,
) -> tuple[np.ndarray, np.ndarray, "pandas.DataFrame"]:  # noqa: F821
    """Random DNA whose target is a known function of planted motifs, plus noise.

    The target of each sequence is

    ``activator count - repressor count + 1.5 * [pair_a near pair_b] +
    [positional in the last 50 positions] + noise * N(0, 1)``

    with the motifs of :data:`REGRESSION_MOTIFS` (AP-1 ``TGACTCA``
    activates, the E-box ``CACGTG`` represses, SOX2 ``ACAAAGG`` and OCT4
    ``ATGCAAAT`` act only together, as a composite element: at most 10
    positions apart, in either order and on either strand; the TATA box
    ``TATAAAA`` acts only on the forward strand near the 3' end). Counts are taken from the final
    sequence on both strands, so chance occurrences in the background count
    too: the noise-free part (``truth["signal"]``) is exactly a function of
    the sequence, and ``r2_score(y, truth["signal"])`` is the best R² any
    model can reach on these data.

    Parameters
    ----------
    n_samples : int
    length : int, default=200
        At least 60.
    noise : float, default=0.5
        Standard deviation of the Gaussian noise.
    random_state : int, RandomState or None

    Returns
    -------
    X : ndarray of str, shape (n_samples,)
    y : ndarray of float64, shape (n_samples,)
    truth : pandas.DataFrame, shape (n_samples, 5)
        Columns ``activator``, ``repressor`` (counts), ``pair``, ``positional``
        (0/1) and ``signal`` (the noise-free target).

    Notes
    -----
    Each sequence gets 0-2 activators, 0-1 repressor, each pair partner with
    probability 1/2, and the TATA box with probability 1/2, on a random
    strand except the TATA box (forward), which sits in the last 50
    positions half of the times it is planted. When both partners are
    planted, half of the time they form the composite (0-10 positions
    apart), otherwise each goes anywhere: a model must learn that partners
    far apart do nothing.
    """
    from sklearn.utils import check_random_state

    from .._motif import Motif

    if length < 60:
        raise ValueError(f"length must be at least 60; got {length}.")
    if not noise >= 0:
        raise ValueError(f"noise must be a number >= 0; got {noise!r}.")
    rng = check_random_state(random_state)
    motifs = [
        Motif.from_sequences([c], "ACGT", pseudocount=0.0) for c, _ in REGRESSION_MOTIFS.values()
    ]
    strands = {
        "+": [m.probabilities for m in motifs],
        "-": [m.reverse_complement().probabilities for m in motifs],
    }
    widths = [len(m) for m in motifs]
    symbols = np.array(list("ACGT"))
    X = [
        "".join(symbols[_regression_codes(length, widths, strands, rng)]) for _ in range(n_samples)
    ]
    X = np.array(X)
    truth = _regression_truth(X)
    y = truth["signal"].to_numpy() + noise * rng.standard_normal(n_samples)
    return X, y, truth


def _regression_codes(length, widths, strands, rng):
    """One sequence of :func:`make_motif_regression`, as symbol codes, shape (length,)."""
    codes = rng.randint(0, 4, size=length)
    chosen = [0] * rng.randint(0, 3) + [1] * rng.randint(0, 2)
    chosen += [m for m in (2, 3) if rng.rand() < 0.5]
    taken = np.zeros(length, bool)
    if 2 in chosen and 3 in chosen and rng.rand() < 0.5:  # the composite element
        chosen = [m for m in chosen if m not in (2, 3)]
        first, second = rng.permutation([2, 3])
        gap = rng.randint(0, PAIR_GAP + 1)
        width = widths[first] + gap + widths[second]
        start = rng.randint(0, length - POSITIONAL_WINDOW - width)
        for m, at in ((first, start), (second, start + widths[first] + gap)):
            strand = "-" if rng.rand() < 0.5 else "+"
            codes[at : at + widths[m]] = np.argmax(strands[strand][m], axis=1)
        taken[start : start + width] = True
    if rng.rand() < 0.5:  # the TATA box, forward, near the end or anywhere before it
        w, end = widths[4], length - POSITIONAL_WINDOW
        start = rng.randint(end, length - w + 1) if rng.rand() < 0.5 else rng.randint(0, end - w)
        codes[start : start + w] = np.argmax(strands["+"][4], axis=1)
        taken[start : start + w] = True
    _plant(codes, rng.permutation(chosen), widths, None, strands, rng, taken)
    return codes


def _regression_truth(X):
    """The planted features of :func:`make_motif_regression` read from the sequences."""
    import re

    import pandas as pd

    def count(sequence, motif):
        found = len(re.findall(f"(?={motif})", sequence))
        rc = motif[::-1].translate(str.maketrans("ACGT", "TGCA"))
        return found if rc == motif else found + len(re.findall(f"(?={rc})", sequence))

    def sites(sequence, motif):
        rc = motif[::-1].translate(str.maketrans("ACGT", "TGCA"))
        return [
            m.start() for pattern in {motif, rc} for m in re.finditer(f"(?={pattern})", sequence)
        ]

    def near(sequence, a, b):
        wa, wb = len(a), len(b)
        return int(
            any(
                max(i, j) - min(i + wa, j + wb) <= PAIR_GAP
                for i in sites(sequence, a)
                for j in sites(sequence, b)
            )
        )

    def near_end(sequence, motif):
        start = len(sequence) - POSITIONAL_WINDOW
        return int(any(m.start() >= start for m in re.finditer(f"(?={motif})", sequence)))

    consensus = {role: c for role, (c, _) in REGRESSION_MOTIFS.items()}
    table = pd.DataFrame(
        {
            "activator": [count(s, consensus["activator"]) for s in X],
            "repressor": [count(s, consensus["repressor"]) for s in X],
            "pair": [near(s, consensus["pair_a"], consensus["pair_b"]) for s in X],
            "positional": [near_end(s, consensus["positional"]) for s in X],
        }
    )
    table["signal"] = sum(REGRESSION_EFFECTS[c] * table[c] for c in REGRESSION_EFFECTS)
    return table


#: The chromosomes of :func:`make_motif_genome` by default: 180 kb in four.
GENOME_LENGTHS = {"chr1": 60000, "chr2": 50000, "chr3": 40000, "chr4": 30000}


def make_motif_genome(
    folder: "str | os.PathLike",  # noqa: F821
    lengths: dict | None = None,
    motif: str = "TGACTCAG",
    spacing: int = 600,
    gc: float = 0.42,
    signal: bool = True,
    random_state: int | np.random.RandomState | None = None,
) -> dict:
    """A synthetic genome with a motif planted at known places, its peaks and its signal.

    Writes into ``folder``: ``genome.fa`` (random DNA of the given GC content,
    80 bases a line, and one gap of 500 N per chromosome), ``peaks.narrowPeak``
    (one 300-position peak per planted site, its summit on the site's middle)
    and, with ``signal``, ``signal.bw`` (a bigWig of 10 over each site and the
    50 positions either side, 0.5 elsewhere; needs pyBigWig, the ``[genome]``
    extra). Sites are planted every ``spacing`` positions, moved at random by
    up to a sixth of that, on a random strand.

    Parameters
    ----------
    folder : str or path-like
        Created if missing.
    lengths : dict of str to int, optional
        Chromosome name -> length; default :data:`GENOME_LENGTHS`.
    motif : str, default="TGACTCAG"
        An AP-1 site.
    spacing : int, default=600
    gc : float, default=0.42
        Share of G and C of the background sequence.
    signal : bool, default=True
    random_state : int, RandomState or None

    Returns
    -------
    dict
        ``genome``, ``peaks``, ``signal`` (paths; ``signal`` None without it)
        and ``sites`` (a pandas.DataFrame of chrom, start and strand of every
        planted site).
    """
    from pathlib import Path

    import pandas as pd
    from sklearn.utils import check_random_state

    rng = check_random_state(random_state)
    lengths = dict(GENOME_LENGTHS if lengths is None else lengths)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    with open(folder / "genome.fa", "wb") as fasta:
        for chrom, length in lengths.items():
            codes, planted = _genome_chromosome(length, motif, spacing, gc, rng)
            rows += [(chrom, start, strand) for start, strand in planted]
            fasta.write(f">{chrom}\n".encode())
            text = codes.tobytes()
            fasta.write(b"\n".join(text[i : i + 80] for i in range(0, length, 80)) + b"\n")
    sites = pd.DataFrame(rows, columns=["chrom", "start", "strand"])
    middle = len(motif) // 2
    with open(folder / "peaks.narrowPeak", "w") as peaks:
        peaks.writelines(
            f"{c}\t{s + middle - 150}\t{s + middle + 150}\tpeak{i}\t1000\t.\t10\t-1\t-1\t150\n"
            for i, (c, s) in enumerate(zip(sites.chrom, sites.start, strict=True))
        )
    track = None
    if signal:
        track = folder / "signal.bw"
        _write_signal(track, lengths, sites, len(motif))
    return {
        "genome": folder / "genome.fa",
        "peaks": folder / "peaks.narrowPeak",
        "signal": track,
        "sites": sites,
    }


def _genome_chromosome(length, motif, spacing, gc, rng):
    """One chromosome of :func:`make_motif_genome`: its letters (ASCII codes, shape
    (length,)) and the planted sites, (start, strand) each."""
    letters = np.frombuffer(b"ACGT", np.uint8)
    forward = np.frombuffer(motif.encode(), np.uint8)
    reverse = np.frombuffer(
        motif.translate(str.maketrans("ACGT", "TGCA"))[::-1].encode(), np.uint8
    )
    p = [(1 - gc) / 2, gc / 2, gc / 2, (1 - gc) / 2]
    codes = letters[rng.choice(4, size=length, p=p)]
    gap = int(rng.randint(0, max(1, length - 500)))
    codes[gap : gap + 500] = ord("N")
    jitter = spacing // 6
    sites = []
    for centre in range(spacing, length - spacing, spacing):
        start = centre + int(rng.randint(-jitter, jitter + 1))
        if gap - len(motif) - 150 < start < gap + 650:
            continue  # no site in or right beside the gap
        strand = "+" if rng.rand() < 0.5 else "-"
        codes[start : start + len(motif)] = forward if strand == "+" else reverse
        sites.append((start, strand))
    return codes, sites


def _write_signal(path, lengths, sites, width):
    """A bigWig of 10 over each site +-50 positions, 0.5 elsewhere."""
    from ..genome._tracks import import_pybigwig

    track = import_pybigwig().open(str(path), "w")
    track.addHeader(list(lengths.items()))
    for chrom, length in lengths.items():
        starts = np.sort(sites.start[sites.chrom == chrom].to_numpy()) - 50
        edges = np.column_stack([starts, starts + width + 100]).ravel()
        edges = np.concatenate([[0], np.clip(edges, 0, length), [length]])
        values = np.tile([0.5, 10.0], len(starts) + 1)[: len(edges) - 1]
        keep = edges[1:] > edges[:-1]
        track.addEntries(
            [chrom] * int(keep.sum()),
            edges[:-1][keep].tolist(),
            ends=edges[1:][keep].tolist(),
            values=values[keep].tolist(),
        )
    track.close()


def _plant(codes, chosen, widths, fixed, strands, rng, taken=None):
    """Write the chosen motifs into ``codes`` (one sequence), each sampled from its matrix.

    Returns
    -------
    placed : list of (motif index, start, strand)
    """
    length, n_symbols = len(codes), strands["+"][0].shape[1]
    placed = []
    taken = np.zeros(length, bool) if taken is None else taken
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
