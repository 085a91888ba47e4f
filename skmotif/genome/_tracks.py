"""Signal tracks in and out: bigWig (or bedGraph) values over regions; tracks written."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ._regions import _MISSING, _where, as_regions, check_within, closest_name

if TYPE_CHECKING:
    import os

    import pandas as pd

#: How :func:`bigwig_targets` summarises each region or bin.
STATISTICS = ("mean", "sum", "max")


def import_pybigwig():
    """pyBigWig, or an ImportError that names the extra."""
    try:
        import pyBigWig
    except ImportError as error:
        raise ImportError(_MISSING) from error
    return pyBigWig


def bigwig_targets(
    path: str | os.PathLike,
    regions: pd.DataFrame | str | os.PathLike,
    stat: str = "mean",
    bins: int = 1,
    log1p: bool = False,
) -> np.ndarray:
    """Signal of a bigWig (or bedGraph) file over each region or bin: a regressor's targets.

    Parameters
    ----------
    path : str or path-like
        A bigWig file (ENCODE's fold change or p-value tracks, say), or a
        bedGraph (plain or gzip; any other name than ``.bw`` / ``.bigwig``),
        which is read whole into memory.
    regions : pandas.DataFrame or path
        As :func:`extract` returns them (resized), or a BED file.
    stat : {"mean", "sum", "max"}, default="mean"
        Over the positions of each region or bin; positions without data
        count as 0.
    bins : int, default=1
        Equal bins per region (one output each); regions on the ``-`` strand
        get their bins in reverse order, as their sequences are read.
    log1p : bool, default=False
        Return ``log(1 + value)`` (values must be > -1).

    Returns
    -------
    ndarray of float64, shape (n_regions,) or (n_regions, bins)

    Raises
    ------
    ValueError
        For a chromosome the track does not have (suggesting the closest
        name), a region past its end (for a bedGraph: past its last
        interval), or an unknown ``stat``.
    """
    if stat not in STATISTICS:
        raise ValueError(f"stat must be one of {STATISTICS}; got {stat!r}.")
    if not isinstance(bins, int) or bins < 1:
        raise ValueError(f"bins must be an int >= 1; got {bins!r}.")
    table = as_regions(regions)
    if not Path(path).is_file():
        raise FileNotFoundError(f"{path}: no such signal file.")
    track = _BigWig(path) if is_bigwig(path) else _BedGraph(path)
    try:
        name = Path(path).name

        def unknown(chrom, where):
            hint = closest_name(chrom, track.lengths)
            raise ValueError(f"{where}: the chromosome {chrom!r} is not in {name}.{hint}")

        check_within(track.lengths, table, unknown, f"the chromosome's end in {name}")
        short = np.flatnonzero((table.end - table.start).to_numpy() < bins)
        if short.size:
            raise ValueError(f"{_where(table, int(short[0]))}: shorter than bins={bins}.")
        out = np.empty((len(table), bins))
        for i, (chrom, start, end) in enumerate(
            zip(table.chrom, table.start, table.end, strict=True)
        ):
            parts = np.array_split(track.values(chrom, int(start), int(end)), bins)
            out[i] = [getattr(np, stat)(part) for part in parts]
    finally:
        track.close()
    reverse = (table.strand == "-").to_numpy()
    out[reverse] = out[reverse, ::-1]
    if log1p:
        if (out <= -1).any():
            raise ValueError("log1p=True needs values > -1; the track has smaller ones.")
        out = np.log1p(out)
    return out[:, 0] if bins == 1 else out


class _BigWig:
    """A bigWig file's chromosome lengths and values (pyBigWig); missing values read 0."""

    def __init__(self, path):
        self._file = import_pybigwig().open(str(path))
        if self._file is None or not self._file.isBigWig():
            raise ValueError(f"{path}: not a bigWig file.")
        self.lengths = self._file.chroms()

    def values(self, chrom, start, end):
        return np.nan_to_num(np.asarray(self._file.values(chrom, start, end), float))

    def close(self):
        self._file.close()


class _BedGraph:
    """A bedGraph file (plain or gzip), read whole: chrom, start, end, value per line.

    It has no chromosome lengths; a chromosome's known length is its last
    interval's end. Positions without an interval read 0.
    """

    def __init__(self, path):
        import pandas as pd

        try:
            table = pd.read_csv(
                path,
                sep="\t",
                header=None,
                comment="#",
                usecols=[0, 1, 2, 3],
                names=["chrom", "start", "end", "value"],
                dtype=str,
            )
            table = table[~table.chrom.str.startswith(("track", "browser"))]
            table = table.astype({"start": np.int64, "end": np.int64, "value": float})
        except (ValueError, pd.errors.ParserError) as error:
            raise ValueError(
                f"{path}: not a bedGraph file (chrom, start, end, value; tab-separated): "
                f"{str(error)[:120]}"
            ) from None
        self._by_chrom = {c: part.sort_values("start") for c, part in table.groupby("chrom")}
        self.lengths = {c: int(part.end.max()) for c, part in self._by_chrom.items()}

    def values(self, chrom, start, end):
        part = self._by_chrom[chrom]
        first = max(int(np.searchsorted(part.end.to_numpy(), start, side="right")), 0)
        out = np.zeros(end - start)
        for s, e, v in part.iloc[first:][["start", "end", "value"]].itertuples(index=False):
            if s >= end:
                break
            out[max(s, start) - start : min(e, end) - start] = v
        return out

    def close(self):
        pass


def is_bigwig(path):
    """Whether a track file's name says bigWig (``.bw``, ``.bigwig``) rather than bedGraph."""
    return Path(path).suffix.lower() in (".bw", ".bigwig")


class TrackWriter:
    """Writes a genome track chromosome by chromosome: bigWig, or bedGraph (text).

    Parameters
    ----------
    path : str or path-like
    lengths : dict of str to int
        The chromosomes that will be written, in order, and their lengths.
    bigwig : bool, optional
        Default: from the name, ``.bw`` / ``.bigwig`` for bigWig (pyBigWig),
        anything else bedGraph.
    """

    def __init__(self, path, lengths, bigwig=None):
        self.path = Path(path)
        self.bigwig = is_bigwig(self.path) if bigwig is None else bigwig
        self.lengths = dict(lengths)
        if self.bigwig:
            pyBigWig = import_pybigwig()
            self._file = pyBigWig.open(str(self.path), "w")
            self._file.addHeader(list(self.lengths.items()))
        else:
            self._file = open(self.path, "w")  # noqa: SIM115 (closed by close())

    def add(self, chrom, starts, ends, values):
        """Intervals of one chromosome, sorted by start and not overlapping."""
        if not len(starts):
            return
        starts = np.asarray(starts, dtype=np.int64)
        ends = np.minimum(np.asarray(ends, dtype=np.int64), self.lengths[chrom])
        values = np.asarray(values, dtype=np.float64)
        if self.bigwig:
            self._file.addEntries(
                [chrom] * len(starts), starts.tolist(), ends=ends.tolist(), values=values.tolist()
            )
        else:
            self._file.writelines(
                f"{chrom}\t{s}\t{e}\t{v:.6g}\n"
                for s, e, v in zip(starts, ends, values, strict=True)
            )

    def close(self):
        self._file.close()
