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


def scan_chromosome(estimator, genome, chrom, spans, step, unit, max_n=0.5, shared=False):
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
    shared : bool, default=False
        Compute the first convolution once per position of the chromosome
        (:class:`SharedFirstConvolution`), not once per window. On 2 CPU
        cores this was no faster (the default network, 1 Mb at step 50: 0.74-0.75
        s against 0.63-0.64 s; at step 10: 3.06-3.09 s against 3.04-3.08 s;
        ``benchmarks/bench_genome.py``): the deeper layers dominate, and cutting
        each window's part of the activations costs what the convolution saved.
        So scans compute it per window.

    Returns
    -------
    starts, ends : ndarray of int64
        Each window's central ``step`` positions (its score's interval).
    values : ndarray of float64
    """
    from .._codec import encode
    from ..encoding import EncodedInput

    genome = genome if isinstance(genome, Genome) else Genome(genome)
    width = estimator.input_shape_[0]
    alphabet = estimator.alphabet_
    head = estimator._head()
    shared = SharedFirstConvolution(estimator) if shared else None
    sequence = genome.chromosome(chrom)
    starts, values = [], []
    for start, end in spans:
        if end - start < width:
            continue
        codes = encode([sequence[start:end]], alphabet)[0]
        windows = np.lib.stride_tricks.sliding_window_view(codes, width)[::step]
        known = (windows != alphabet.size).mean(axis=1) >= 1 - max_n
        for first in range(0, len(windows), BATCH):
            keep = np.flatnonzero(known[first : first + BATCH]) + first
            if not len(keep):
                continue
            if shared is None:
                outputs = estimator._outputs(
                    EncodedInput(np.ascontiguousarray(windows[keep]), alphabet)
                )
            else:
                outputs = shared.outputs(codes, keep * step)
            starts.append(start + keep * step)
            values.append(head.decode(outputs)[:, unit])
    if not starts:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0)
    centre = np.maximum(np.concatenate(starts) + width // 2 - step // 2, 0)
    ends = np.minimum(centre + step, np.append(centre[1:], np.iinfo(np.int64).max))
    return centre, ends, np.concatenate(values)


class SharedFirstConvolution:
    """A network's outputs for overlapping windows of one sequence, the first convolution
    computed once per position.

    Windows ``step`` positions apart overlap by ``width - step`` positions;
    the first convolution (with its activation) of a position is the same in
    every window that holds it. This computes it once over a stretch of the
    sequence, cuts each window's part out of it and runs the rest of the
    network (pooling, the deeper layers, the global skip, the output) on
    those parts, in inference mode; for ``average_strands`` the same over the
    reverse complement. The outputs equal the whole network's on each window
    up to the order of floating-point additions. A window that ends in unknown
    bases is read by the whole network (its reverse complement leaves them
    at the end, as padding, see :meth:`EncodedInput.reverse_complement`).

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
        Whose network starts with a convolution block.
    """

    def __init__(self, estimator):
        from .._predict import predict

        network = estimator._network()
        self.estimator = estimator
        self.layer = network.first_convolution()
        self.rest = _rest_of_network(network)
        self.width = estimator.input_shape_[0]
        self.positions = self.width - self.layer.kernel_size[0] + 1
        self.alphabet = estimator.alphabet_
        self.complement = estimator.alphabet_.complement() if estimator.average_strands else None
        self._predict = predict

    def _activations(self, codes):
        from .._keras import import_keras
        from ..encoding import EncodedInput

        one_hot = EncodedInput(codes[None], self.alphabet).one_hot()
        return import_keras().ops.convert_to_numpy(self.layer(one_hot))[0]

    def outputs(self, codes, offsets):
        """Network outputs of the windows ``codes[o : o + width]`` for ``o`` in ``offsets``.

        Parameters
        ----------
        codes : ndarray of uint8, shape (length,)
        offsets : ndarray of int, shape (n_windows,)
            Sorted window starts.

        Returns
        -------
        ndarray of float64, shape (n_windows, n_outputs)
        """
        from ..encoding import EncodedInput

        low, high = int(offsets[0]), int(offsets[-1]) + self.width
        stretch = codes[low:high]
        local = offsets - low
        parts = _cut(self._activations(stretch), local, self.positions)
        out = self._predict(self.rest, EncodedInput(parts, None)).astype(np.float64)
        if self.complement is not None:
            opposite = self.complement[stretch][::-1]
            mirrored = len(stretch) - local - self.width
            parts = _cut(self._activations(opposite), mirrored, self.positions)
            out = (out + self._predict(self.rest, EncodedInput(parts, None))) / 2
            padded = np.flatnonzero(codes[offsets + self.width - 1] == self.alphabet.size)
            if len(padded):  # the whole network, whose reverse complement keeps them last
                windows = np.stack([codes[o : o + self.width] for o in offsets[padded]])
                out[padded] = self.estimator._outputs(EncodedInput(windows, self.alphabet))
        return out


def _cut(activations, starts, length):
    """Rows ``starts[i] : starts[i] + length`` of the activations, stacked."""
    view = np.lib.stride_tricks.sliding_window_view(activations, length, axis=0)
    return np.ascontiguousarray(view[starts].transpose(0, 2, 1))


def _rest_of_network(network):
    """The network from its first convolution's output on (cached on the model)."""
    from .._keras import import_keras

    cached = getattr(network.model, "_skmotif_rest", None)
    if cached is None:
        layer = network.first_convolution()
        cached = import_keras().Model(layer.output, network.model.output)
        network.model._skmotif_rest = cached
    return cached


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

    from .._alphabet import Alphabet
    from .._files import replaced_file

    check_is_fitted(estimator)
    if not isinstance(estimator.alphabet_, Alphabet):
        raise ValueError("scan reads genome sequence; this model was not fit on sequences.")
    if not isinstance(step, int) or step < 1:
        raise ValueError(f"step must be an int >= 1; got {step!r}.")
    unit = estimator._output_index(target)
    genome = genome if isinstance(genome, Genome) else Genome(genome)
    spans = _spans(genome, regions)
    warn_if_shift_sensitive(estimator)
    scanned = [chrom for chrom, parts in spans.items() for _ in parts]
    warn_if_seen(
        estimator, scanned, "chromosomes" if regions is None else "scanned regions", genome
    )
    out = Path(out)
    jobs = (
        delayed(scan_chromosome)(estimator, genome.path, chrom, parts, step, unit)
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
        finally:
            writer.close()
    return out
