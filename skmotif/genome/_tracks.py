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
    """Signal of a bigWig file over each region (or each of its bins): targets for a regressor.

    Parameters
    ----------
    path : str or path-like
        A bigWig file (ENCODE's fold change or p-value tracks, say).
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
        For a chromosome the bigWig does not have (suggesting the closest
        name), a region past its end, or an unknown ``stat``.
    """
    pyBigWig = import_pybigwig()
    if stat not in STATISTICS:
        raise ValueError(f"stat must be one of {STATISTICS}; got {stat!r}.")
    if not isinstance(bins, int) or bins < 1:
        raise ValueError(f"bins must be an int >= 1; got {bins!r}.")
    table = as_regions(regions)
    if not Path(path).is_file():
        raise FileNotFoundError(f"{path}: no such bigWig file.")
    track = pyBigWig.open(str(path))
    if track is None or not track.isBigWig():
        raise ValueError(f"{path}: not a bigWig file.")
    try:
        lengths = track.chroms()
        name = Path(path).name

        def unknown(chrom, where):
            hint = closest_name(chrom, lengths)
            raise ValueError(f"{where}: the chromosome {chrom!r} is not in {name}.{hint}")

        check_within(lengths, table, unknown, f"the chromosome's end in {name}")
        short = np.flatnonzero((table.end - table.start).to_numpy() < bins)
        if short.size:
            raise ValueError(f"{_where(table, int(short[0]))}: shorter than bins={bins}.")
        out = np.empty((len(table), bins))
        for i, (chrom, start, end) in enumerate(
            zip(table.chrom, table.start, table.end, strict=True)
        ):
            values = np.nan_to_num(np.asarray(track.values(chrom, int(start), int(end)), float))
            parts = np.array_split(values, bins)
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
