"""A genome FASTA and the regions of BED files: read, checked, cut to sequences."""

from __future__ import annotations

import difflib
import gzip
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import os

    import pandas as pd
    from numpy.typing import ArrayLike

_MISSING = 'skmotif.genome needs pyfaidx and pyBigWig: pip install "skmotif[genome]".'
#: BED columns, in order; narrowPeak adds signalValue, pValue, qValue and the summit.
BED_COLUMNS = ["chrom", "start", "end", "name", "score", "strand"]
_COMPLEMENT = str.maketrans("ACGTNacgtn", "TGCANtgcan")


def import_pyfaidx():
    """pyfaidx, or an ImportError that names the extra."""
    try:
        import pyfaidx
    except ImportError as error:
        raise ImportError(_MISSING) from error
    return pyfaidx


def reverse_complement(sequence: str) -> str:
    """The reverse complement of a DNA string (N and unknown letters stay as they are)."""
    return sequence.translate(_COMPLEMENT)[::-1]


def closest_name(name, names):
    """A hint naming the chromosome of ``names`` that ``name`` most likely means, or ''.

    ``chr1`` and ``1`` and ``Chr1`` are the usual disagreements between a BED
    file (or a bigWig, a VCF) and a genome; and, for yeast, ``chr1`` to
    ``chr16`` against Roman numerals ``chrI`` to ``chrXVI``.
    """
    names = list(names)
    bare = _bare(name)
    for candidate in (f"chr{bare}", bare, f"Chr{bare}", f"CHR{bare}"):
        if candidate in names:
            return f" The genome calls it {candidate!r}: rename the chromosomes of one file."
    numerals = _numeral_hint(name, names)
    if numerals:
        return numerals
    close = difflib.get_close_matches(name, names, n=3)
    if close:
        return f" Closest names: {', '.join(repr(c) for c in close)}."
    shown = ", ".join(repr(c) for c in names[:5])
    return f" Its chromosomes are {shown}{', ...' if len(names) > 5 else ''}."


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_ROMAN_VALUES = {numeral: value for value, numeral in _ROMAN if len(numeral) == 1}


def _bare(name):
    """A chromosome name without its ``chr`` prefix (any case)."""
    return name[3:] if name.lower().startswith("chr") else name


def _roman(number):
    """``number`` (1 to 3999) in Roman numerals."""
    text = ""
    for value, numeral in _ROMAN:
        count, number = divmod(number, value)
        text += numeral * count
    return text


def _chromosome_number(name):
    """(number, "Arabic" or "Roman") of a numbered chromosome name, else None.

    Only Roman numerals with an I or a V count: ``chrX`` and ``chrM`` are the
    X chromosome and the mitochondria far more often than 10 and 1000.
    """
    bare = _bare(name)
    if bare.isdigit() and bare.isascii() and 0 < int(bare) < 4000:
        return int(bare), "Arabic"
    if not (bare and set(bare) <= set(_ROMAN_VALUES) and set(bare) & set("IV")):
        return None
    values = [_ROMAN_VALUES[c] for c in bare]
    number = sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))
    if 0 < number < 4000 and _roman(number) == bare:  # the usual spelling only, not IIII
        return number, "Roman"
    return None


def _numeral_hint(name, names):
    """A hint when ``name`` is numbered in Arabic numerals and ``names`` in Roman ones,
    or the reverse (``chr1`` against ``chrI``), or ''.

    Given only when ``names`` holds at least two chromosomes numbered the other
    way.
    """
    own = _chromosome_number(name)
    if own is None:
        return ""
    number, style = own
    other = {}  # number -> name, of the names numbered the other way
    for candidate in names:
        found = _chromosome_number(candidate)
        if found is not None and found[1] != style:
            other.setdefault(found[0], candidate)
    if len(other) < 2:
        return ""
    prefix = name[: len(name) - len(_bare(name))]
    spell = _roman if style == "Roman" else str
    renames = [f"{prefix}{spell(n)} -> {other[n]}" for n in sorted(other)]
    shown = ", ".join(renames[:2]) + (f", ..., {renames[-1]}" if len(renames) > 2 else "")
    first = other[min(other)]
    if number in other:
        calls = f": it calls {name!r} {other[number]!r}"
    else:
        spelled = str(number) if style == "Roman" else _roman(number)
        spelled = f"{first[: len(first) - len(_bare(first))]}{spelled}"
        calls = "" if spelled in names else f", and has no {spelled}"
    examples = ", ".join(other[n] for n in sorted(other)[:2])
    return (
        f" {name!r} is numbered in {style} numerals but the genome numbers its chromosomes "
        f"in {'Arabic' if style == 'Roman' else 'Roman'} numerals ({examples}, ...){calls}. "
        f"Rename the chromosomes of one file ({shown})."
    )


class Genome:
    """A genome FASTA file, read one chromosome at a time (pyfaidx; the ``[genome]`` extra).

    Parameters
    ----------
    path : str or path-like
        FASTA, plain or bgzip-compressed. pyfaidx writes its index
        (``path + ".fai"``) beside it when there is none, as samtools does.

    Attributes
    ----------
    path : Path
    lengths : dict of str to int
        Chromosome name -> length, in the file's order.
    """

    def __init__(self, path: str | os.PathLike):
        pyfaidx = import_pyfaidx()
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"{self.path}: no such genome FASTA file.")
        try:
            self._fasta = pyfaidx.Fasta(
                str(self.path), as_raw=True, sequence_always_upper=True, read_ahead=None
            )
        except Exception as error:  # pyfaidx raises several types for files it cannot index
            raise ValueError(
                f"{self.path}: cannot be read as a genome FASTA ({type(error).__name__}: "
                f"{str(error)[:200]}). Give a FASTA file, plain or bgzip-compressed, in a folder "
                "where its index (.fai) can be written."
            ) from None
        self.lengths = {name: len(record) for name, record in self._fasta.items()}
        self._cache = (None, "")

    def __repr__(self):
        return f"Genome({str(self.path)!r}: {len(self.lengths)} chromosomes)"

    def check_chromosome(self, name: str, where: str) -> None:
        """ValueError when the genome has no chromosome ``name``, suggesting the closest.

        A name numbered otherwise than the genome's chromosomes (``chr1``
        against ``chrI`` ... ``chrXVI``, or the reverse) is told so, with the
        renaming.
        """
        if name not in self.lengths:
            raise ValueError(
                f"{where}: the chromosome {name!r} is not in {self.path.name}."
                f"{closest_name(name, self.lengths)}"
            )

    def chromosome(self, name: str) -> str:
        """The whole sequence of one chromosome, upper case (the last one read is kept)."""
        if self._cache[0] != name:
            self.check_chromosome(name, "Genome.chromosome")
            self._cache = (name, str(self._fasta[name][:]))
        return self._cache[1]

    def fetch(self, chrom: str, start: int, end: int) -> str:
        """The sequence of ``chrom`` from ``start`` to ``end`` (0-based, end excluded).

        Read from the file (pyfaidx), or from the last whole chromosome read.
        """
        if self._cache[0] == chrom:
            return self._cache[1][start:end]
        return str(self._fasta[chrom][start:end])


def _open_text(path):
    path = Path(path)
    with open(path, "rb") as file:
        gzipped = file.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rt") if gzipped else open(path)


def read_bed(path: str | os.PathLike) -> pd.DataFrame:
    """Regions of a BED file (3 to 6 columns, or narrowPeak's 10), checked line by line.

    Parameters
    ----------
    path : str or path-like
        Plain or gzip; ``track``, ``browser`` and ``#`` lines are skipped.

    Returns
    -------
    pandas.DataFrame
        Columns chrom, start, end (0-based, end excluded, as in BED), name
        (``chrom:start-end`` when the file has none), strand (``+``, ``-`` or
        ``.``), summit (narrowPeak's offset of the peak from start, else -1)
        and line (where each region is in the file).

    Raises
    ------
    ValueError
        For a file without regions, a line with fewer than 3 columns, a start
        or end that is not a whole number, an end not after its start, or a
        strand other than +, - or ., naming the file and line.
    """
    import pandas as pd

    rows = []
    with _open_text(path) as file:
        for number, line in enumerate(file, start=1):
            if line.strip() and not line.startswith(("#", "track", "browser")):
                rows.append((*_bed_region(line, f"{path}, line {number}"), number))
    if not rows:
        raise ValueError(f"{path}: holds no region; give a BED file with one region per line.")
    return pd.DataFrame(
        rows, columns=["chrom", "start", "end", "name", "strand", "summit", "line"]
    )


def _bed_region(line, where):
    """(chrom, start, end, name, strand, summit) of one BED line; ValueError naming ``where``."""
    fields = line.rstrip("\n").split("\t")
    if len(fields) < 3:
        fields = line.split()
    if len(fields) < 3:
        raise ValueError(
            f"{where}: has {len(fields)} column(s); a BED line has at least chrom, start "
            "and end, tab-separated."
        )
    try:
        start, end = int(fields[1]), int(fields[2])
    except ValueError:
        raise ValueError(
            f"{where}: start {fields[1]!r} and end {fields[2]!r} must be whole numbers."
        ) from None
    if not 0 <= start < end:
        raise ValueError(
            f"{where}: the region {fields[0]}:{start}-{end} is empty or negative; BED "
            "starts count from 0 and the end must be after the start."
        )
    strand = fields[5] if len(fields) > 5 else "."
    if strand not in ("+", "-", "."):
        raise ValueError(f"{where}: the strand is {strand!r}; give +, - or '.'.")
    summit = int(fields[9]) if len(fields) >= 10 and fields[9].lstrip("-").isdigit() else -1
    name = fields[3] if len(fields) > 3 and fields[3] not in ("", ".") else None
    return fields[0], start, end, name or f"{fields[0]}:{start}-{end}", strand, summit


def as_regions(regions: pd.DataFrame | str | os.PathLike) -> pd.DataFrame:
    """A BED path read with :func:`read_bed`, or a DataFrame of chrom, start, end checked."""
    import pandas as pd

    if isinstance(regions, (str, Path)):
        return read_bed(regions)
    if not isinstance(regions, pd.DataFrame):
        raise TypeError(
            f"regions must be a BED file path or a pandas DataFrame; got {type(regions).__name__}."
        )
    missing = [c for c in ("chrom", "start", "end") if c not in regions.columns]
    if missing:
        raise ValueError(f"regions needs the columns chrom, start and end; {missing} are missing.")
    table = regions.reset_index(drop=True).copy()
    for column, default in (("strand", "."), ("summit", -1)):
        if column not in table.columns:
            table[column] = default
    if "name" not in table.columns:
        table["name"] = [
            f"{c}:{s}-{e}" for c, s, e in zip(table.chrom, table.start, table.end, strict=True)
        ]
    if "line" not in table.columns:
        table["line"] = np.arange(len(table))
    return table


def check_within(lengths, table, check_chromosome, what):
    """Every region on a known chromosome and within it, else a ValueError naming the first.

    ``check_chromosome(name, where)`` raises for an unknown chromosome; ``what``
    names the chromosome's source in the error (e.g. "the chromosome").
    """
    ends = table.chrom.map(lengths)
    unknown = ends.isna().to_numpy()
    if unknown.any():
        i = int(np.flatnonzero(unknown)[0])
        check_chromosome(table.chrom.iloc[i], _where(table, i))
    outside = ((table.start < 0) | (table.end > ends)).to_numpy()
    if outside.any():
        i = int(np.flatnonzero(outside)[0])
        chrom = table.chrom.iloc[i]
        raise ValueError(
            f"{_where(table, i)}: reaches past {what} ({chrom} has {lengths[chrom]} "
            "positions). Remove the region, or resize less."
        )


def _where(table, i):
    """How region ``i`` is named in errors: its BED line when it has one."""
    row = table.iloc[i]
    place = f"line {row['line']}" if "line" in table.columns else f"region {i}"
    return f"{place} ({row['chrom']}:{row['start']}-{row['end']})"


def resize(
    regions: pd.DataFrame,
    width: int | None,
    anchor: str = "summit",
    jitter: int = 0,
    random_state: int | np.random.RandomState | None = None,
) -> pd.DataFrame:
    """Regions of one width around each one's summit (narrowPeak) or centre.

    Parameters
    ----------
    regions : pandas.DataFrame
        From :func:`read_bed` (or :func:`as_regions`).
    width : int or None
        None keeps the regions as they are.
    anchor : {"summit", "center"}, default="summit"
        Centre on narrowPeak's summit where a region has one, else on its
        middle; ``"center"`` always on the middle.
    jitter : int, default=0
        Move each window by a random number of positions in ``[-jitter, jitter]``
        (for training: a model then sees its sites at varied places).
    random_state : int, RandomState or None

    Returns
    -------
    pandas.DataFrame
        A copy with new start and end.
    """
    from sklearn.utils import check_random_state

    table = regions.copy()
    if width is None:
        return table
    if anchor not in ("summit", "center"):
        raise ValueError(f"anchor must be 'summit' or 'center'; got {anchor!r}.")
    middle = (table["start"] + table["end"]) // 2
    if anchor == "summit":
        middle = np.where(table["summit"] >= 0, table["start"] + table["summit"], middle)
    start = np.asarray(middle) - width // 2
    if jitter:
        start = start + check_random_state(random_state).randint(-jitter, jitter + 1, len(table))
    table["start"], table["end"] = start, start + width
    return table


def extract(
    genome: Genome | str | os.PathLike,
    regions: pd.DataFrame | str | os.PathLike,
    width: int | None = None,
    anchor: str = "summit",
    jitter: int = 0,
    max_n: float = 0.1,
    random_state: int | np.random.RandomState | None = None,
    flank: int = 0,
) -> tuple[np.ndarray, pd.DataFrame]:
    """Sequences of regions of a genome: the X the estimators take, with the regions beside it.

    Regions on the ``-`` strand are reverse complemented. Every region is
    checked before any sequence is cut: its chromosome is in the genome (the
    error suggests the closest name, e.g. ``chr1`` against ``1``), it lies
    within the chromosome, and at most ``max_n`` of it is N.

    Parameters
    ----------
    genome : Genome or path
    regions : pandas.DataFrame or path
        A BED file or :func:`read_bed`'s table.
    width : int, optional
        Resize every region to this width around its summit or centre
        (:func:`resize`); default keep them as they are.
    anchor : {"summit", "center"}, default="summit"
    jitter : int, default=0
        Random shift of each window, up to this many positions, once (prefer
        ``flank`` with an estimator's ``random_crop``, which moves the window
        anew every epoch).
    max_n : float, default=0.1
        Largest share of N (unknown bases) a region may hold.
    random_state : int, RandomState or None
        For the jitter.
    flank : int, default=0
        Cut this many more positions on each side of every window (after
        resizing to ``width``), for an estimator with ``random_crop=flank``:
        it trains on random windows of ``width`` within them and predicts
        from the central one.

    Returns
    -------
    X : ndarray of str, shape (n_regions,)
    regions : pandas.DataFrame
        The regions as cut (after resizing and jitter), in the same order.

    Raises
    ------
    ValueError
        Naming the region (its BED line and coordinates) and the fix.
    """
    from .._progress import progress

    genome = genome if isinstance(genome, Genome) else Genome(genome)
    if not isinstance(flank, (int, np.integer)) or flank < 0:
        raise ValueError(f"flank must be a whole number >= 0; got {flank!r}.")
    table = resize(as_regions(regions), width, anchor, jitter, random_state)
    table["start"] -= flank
    table["end"] += flank
    check_within(genome.lengths, table, genome.check_chromosome, "the chromosome")
    sequences = []
    with progress("Cutting the regions", len(table), "regions") as counter:
        for chrom, start, end in zip(table.chrom, table.start, table.end, strict=True):
            sequences.append(genome.fetch(chrom, int(start), int(end)))
            counter.update()
    for i in np.flatnonzero(table.strand.to_numpy() == "-"):
        sequences[i] = reverse_complement(sequences[i])
    n_share = np.array([s.count("N") / len(s) for s in sequences])
    bad = np.flatnonzero(n_share > max_n)
    if bad.size:
        raise ValueError(
            f"{_where(table, bad[0])}: {n_share[bad[0]]:.0%} of it is N (unknown bases), more "
            f"than max_n={max_n}; {bad.size} regions are. Remove them (e.g. with a blacklist), "
            "or raise max_n."
        )
    return np.array(sequences, dtype=str), table


def gc_content(sequences: ArrayLike) -> np.ndarray:
    """The share of G and C among each sequence's known bases (A, C, G, T).

    Returns
    -------
    ndarray of float64, shape (n_sequences,)
        NaN for a sequence without known bases.
    """
    out = np.empty(len(sequences))
    for i, s in enumerate(sequences):
        gc = s.count("G") + s.count("C")
        known = gc + s.count("A") + s.count("T")
        out[i] = gc / known if known else np.nan
    return out
