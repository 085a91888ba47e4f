"""Contributions of regions (DeepLIFT/SHAP, ISM) written as a genome track."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .._files import replaced_file
from ._tracks import TrackWriter, is_bigwig

if TYPE_CHECKING:
    import os

    import pandas as pd
    from numpy.typing import ArrayLike

    from ._regions import Genome


def write_contributions(
    path: str | os.PathLike,
    regions: pd.DataFrame,
    contributions: ArrayLike,
    genome: Genome | dict,
) -> None:
    """Write each base's contribution as a bigWig (``.bw``, ``.bigwig``) or bedGraph track.

    A base's value is the sum over its channels (with sequence input, the
    contribution of the symbol there). Where regions overlap, each base takes
    the value of the region whose centre is nearest, as a scan would read it.
    The file is written whole or not at all.

    Parameters
    ----------
    path : str or path-like
    regions : pandas.DataFrame
        Columns ``chrom`` and ``start`` (0-based): where each row of
        ``contributions`` starts on the genome (the network's input window, e.g.
        ``start + random_crop`` of regions extracted with that margin).
    contributions : array-like, shape (n_regions, length, channels) or (n_regions, length)
        E.g. from :func:`skmotif.interpret.deep_lift_shap`.
    genome : Genome or dict of str to int
        The chromosomes' lengths (the track's header, in this order).

    Raises
    ------
    ValueError
        When the rows do not match the regions, or a region lies off its chromosome.
    """
    values = np.asarray(contributions, dtype=np.float64)
    values = values.sum(axis=2) if values.ndim == 3 else values
    lengths = dict(getattr(genome, "lengths", genome))
    if values.ndim != 2 or len(values) != len(regions):
        raise ValueError(
            f"contributions has shape {np.shape(contributions)} for {len(regions)} regions; "
            "give one row per region, shape (n_regions, length[, channels])."
        )
    chroms = regions["chrom"].astype(str).to_numpy()
    starts = regions["start"].to_numpy(dtype=np.int64)
    width = values.shape[1]
    for i, (chrom, start) in enumerate(zip(chroms, starts, strict=True)):
        if chrom not in lengths or start < 0 or start + width > lengths[chrom]:
            raise ValueError(
                f"Region {i} ({chrom}:{start}-{start + width}) is not on the genome's "
                f"chromosomes ({chrom} has {lengths.get(chrom, 'no')} bases); give regions "
                "inside them."
            )
    with replaced_file(path) as temporary:
        track = TrackWriter(temporary, lengths, bigwig=is_bigwig(path))
        try:
            for chrom in lengths:
                rows = np.flatnonzero(chroms == chrom)
                rows = rows[np.argsort(starts[rows], kind="stable")]
                track.add(chrom, *_nearest_centre(starts[rows], width, values[rows]))
        finally:
            track.close()


def _nearest_centre(starts, width, values):
    """Per base intervals of sorted regions, each base from the region whose centre is nearest.

    Returns
    -------
    (starts, ends, values) : ndarrays
        One-base intervals, sorted and not overlapping.
    """
    if not len(starts):
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0)
    centres = starts + width / 2
    cuts = np.floor((centres[:-1] + centres[1:]) / 2).astype(np.int64)
    left = np.concatenate([starts[:1], np.maximum(cuts, starts[1:])])
    right = np.concatenate([np.minimum(cuts, starts[:-1] + width), starts[-1:] + width])
    positions, picked = [], []
    for row, (a, b) in enumerate(zip(left, right, strict=True)):
        if b > a:
            positions.append(np.arange(a, b))
            picked.append(values[row, a - starts[row] : b - starts[row]])
    positions = np.concatenate(positions)
    return positions, positions + 1, np.concatenate(picked)
