"""Genome scans: a fitted model's prediction along chromosomes, written as a track.

Each chromosome is one work item: its sequence is encoded once (one byte per
position), the model reads windows of its input length every ``step``
positions, a batch at a time, and the chromosome's values go to the track
before the next one's are computed, so memory is bounded by the largest
chromosome, not the genome. Work items run through joblib, so
``joblib.parallel_backend("dask")`` spreads a scan over a cluster as it does
the searches.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from sklearn.utils.validation import check_is_fitted

from ._provenance import warn_if_seen, warn_if_shift_sensitive
from ._regions import Genome, as_regions, check_within
from ._tracks import TrackWriter, is_bigwig

if TYPE_CHECKING:
    import os

    import pandas as pd
    from sklearn.base import BaseEstimator

#: Windows predicted at a time.
BATCH = 4096


def _spans(genome, regions):
    """{chromosome: [(start, end), ...]} of the parts to scan, each chromosome in genome order."""
    if regions is None:
        return {chrom: [(0, length)] for chrom, length in genome.lengths.items()}
    table = as_regions(regions)
    check_within(genome.lengths, table, genome.check_chromosome, "the chromosome")
    spans = {}
    for chrom, start, end in zip(table.chrom, table.start, table.end, strict=True):
        spans.setdefault(chrom, []).append((int(start), int(end)))
    order = {chrom: i for i, chrom in enumerate(genome.lengths)}
    return {c: _merged(spans[c]) for c in sorted(spans, key=order.get)}


def _merged(spans):
    """Sorted spans with the overlapping ones joined."""
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def scan_chromosome(
    estimator, genome, chrom, spans, step, unit, max_n=0.5, sliding=True, counter=None
):
    """One chromosome's track: windows every ``step`` positions, each scored once.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
    genome : Genome or path
    chrom : str
    spans : list of (int, int)
        The parts of the chromosome to scan (0-based, end excluded).
    step : int
    unit : int
        The output read (a class's probability, or a regressor's output).
    max_n : float, default=0.5
        Windows with a larger share of N are not scored.
    sliding : bool, default=True
        Compute each layer once per position of a stretch of windows
        (:class:`~skmotif.genome._sliding.SlidingNetwork`), where the network
        has that form; False scores each window by the whole network.
    counter : Progress, optional
        Told of the windows as they are read (:func:`window_count` in all).

    Returns
    -------
    starts, ends : ndarray of int64
        Each window's central ``step`` positions (its score's interval).
    values : ndarray of float64
    """
    from .._codec import encode
    from ..encoding import EncodedInput
    from ._sliding import SlidingNetwork

    genome = genome if isinstance(genome, Genome) else Genome(genome)
    width = estimator.input_shape_[0]
    alphabet = estimator.alphabet_
    head = estimator.head()
    sliding = SlidingNetwork(estimator) if sliding and SlidingNetwork.supports(estimator) else None
    per_call = sliding.windows_per_stretch(step) if sliding else BATCH
    sequence = genome.chromosome(chrom)
    starts, values = [], []
    for start, end in spans:
        if end - start < width:
            continue
        codes = encode([sequence[start:end]], alphabet)[0]
        n = (len(codes) - width) // step + 1
        for first in range(0, n, per_call):
            last = min(first + per_call, n)
            if counter is not None:
                counter.update(last - first)
            part = codes[first * step : (last - 1) * step + width]
            unknown = np.concatenate([[0], np.cumsum(part == alphabet.size, dtype=np.int32)])
            local = np.arange(last - first) * step
            keep = np.flatnonzero(unknown[local + width] - unknown[local] <= max_n * width)
            if not len(keep):
                continue
            if sliding is not None:
                outputs = sliding.outputs(part, step)[keep]
            else:
                windows = np.lib.stride_tricks.sliding_window_view(part, width)[local[keep]]
                outputs = estimator.outputs(EncodedInput(windows, alphabet))
            starts.append(start + (first + keep) * step)
            values.append(head.decode(outputs)[:, unit])
    if not starts:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0)
    centre = np.maximum(np.concatenate(starts) + width // 2 - step // 2, 0)
    ends = np.minimum(centre + step, np.append(centre[1:], np.iinfo(np.int64).max))
    return centre, ends, np.concatenate(values)


def window_count(spans, width, step):
    """The windows :func:`scan_chromosome` reads in ``spans``."""
    return sum((end - start - width) // step + 1 for start, end in spans if end - start >= width)


def scan(
    estimator: BaseEstimator,
    genome: Genome | str | os.PathLike,
    out: str | os.PathLike,
    regions: pd.DataFrame | str | os.PathLike | None = None,
    step: int = 50,
    target: object = None,
    n_jobs: int | None = None,
) -> Path:
    """Write a fitted model's predictions along a genome (or along regions) as a track.

    Every ``step`` positions, the window of the model's input length is
    scored (a classifier's probability of ``target``, a regressor's output,
    both strands averaged when the model's ``average_strands`` is set), and
    the score covers the ``step`` positions at the window's centre.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
        Fit on DNA sequences.
    genome : Genome or path
    out : str or path-like
        ``.bw`` / ``.bigwig`` for bigWig, anything else bedGraph.
    regions : pandas.DataFrame or path, optional
        Scan only these (a BED file); default every chromosome whole.
    step : int, default=50
    target : class label or output, optional
        Default the last class, or the regressor's only output.
    n_jobs : int, optional
        Chromosomes scanned at once (joblib; ``parallel_backend("dask")``
        spreads them over a cluster).

    Returns
    -------
    Path
        ``out``, written under a temporary name and renamed when complete.

    Warns
    -----
    ShiftWarning
        For a model trained from a genome whose held-out score fell by more
        than 0.05 on regions moved off-centre: its track misses sites.
    GenomeLeakWarning
        For a model trained from a genome, when the scan reads its training
        or validation chromosomes (the counts), or a genome of other lengths.
    """
    from joblib import Parallel, delayed
    from joblib.parallel import get_active_backend

    from .._alphabet import Alphabet
    from .._files import replaced_file
    from .._progress import progress

    check_is_fitted(estimator)
    if not isinstance(estimator.alphabet_, Alphabet):
        raise ValueError("scan reads genome sequence; this model was not fit on sequences.")
    if not isinstance(step, int) or step < 1:
        raise ValueError(f"step must be an int >= 1; got {step!r}.")
    unit = estimator.output_index(target)
    genome = genome if isinstance(genome, Genome) else Genome(genome)
    spans = _spans(genome, regions)
    warn_if_shift_sensitive(estimator)
    scanned = [chrom for chrom, parts in spans.items() for _ in parts]
    warn_if_seen(
        estimator, scanned, "chromosomes" if regions is None else "scanned regions", genome
    )
    out = Path(out)
    width = estimator.input_shape_[0]
    windows = {c: window_count(parts, width, step) for c, parts in spans.items()}
    # One chromosome at a time (n_jobs=None means the active backend's own default,
    # e.g. every worker under parallel_backend("dask")): then the counter follows
    # each chromosome's windows; a counter is never sent to other processes.
    inline = (n_jobs if n_jobs is not None else get_active_backend()[1] or 1) == 1
    with progress("Scanning", sum(windows.values()), "windows") as counter:
        jobs = (
            delayed(scan_chromosome)(
                estimator,
                genome.path,
                chrom,
                parts,
                step,
                unit,
                counter=counter if inline else None,
            )
            for chrom, parts in spans.items()
        )
        with replaced_file(out) as temporary:
            lengths = {c: genome.lengths[c] for c in spans}
            writer = TrackWriter(temporary, lengths, bigwig=is_bigwig(out))
            try:
                for chrom, (starts, ends, values) in zip(
                    spans, Parallel(n_jobs=n_jobs, return_as="generator")(jobs), strict=True
                ):
                    writer.add(chrom, starts, ends, values)
                    if not inline:
                        counter.update(windows[chrom])
            finally:
                writer.close()
    return out
