"""Negative regions for positives: GC-matched genomic regions, flanks, or shuffles.

A classifier of peaks against background learns what tells them apart; if the
background differs in GC content, it learns GC content. GC-matched backgrounds
(as tangermeme's ``extract_matching_loci`` and gReLU draw them) come from the
same genome, outside the positives and an optional blacklist, with the
positives' distribution of GC content, bin by bin; :func:`gc_match` says how
close it came (the two-sample Kolmogorov-Smirnov statistic).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ._regions import Genome, as_regions, extract, gc_content

if TYPE_CHECKING:
    import os

    import pandas as pd

#: Candidate windows drawn per background region wanted, at most, before giving up.
MAX_DRAWS = 200


def _occupied(table, lengths, pad=0):
    """Per chromosome, a boolean mask of the positions covered by ``table`` (+- pad)."""
    masks = {}
    for chrom, start, end in zip(table.chrom, table.start, table.end, strict=True):
        if chrom not in lengths:
            continue
        mask = masks.setdefault(chrom, np.zeros(lengths[chrom] + 1, np.int32))
        mask[max(0, start - pad)] += 1
        mask[min(lengths[chrom], end + pad)] -= 1
    return {chrom: np.cumsum(mask)[:-1] > 0 for chrom, mask in masks.items()}


def _free(chrom, start, width, occupied):
    mask = occupied.get(chrom)
    return mask is None or not mask[start : start + width].any()


def background_regions(
    genome: Genome | str | os.PathLike,
    regions: pd.DataFrame | str | os.PathLike,
    kind: str = "gc",
    n: int | None = None,
    width: int | None = None,
    blacklist: pd.DataFrame | str | os.PathLike | None = None,
    bins: int = 20,
    flank: int | None = None,
    max_n: float = 0.1,
    random_state: int | np.random.RandomState | None = None,
    chromosomes: list[str] | None = None,
) -> tuple[np.ndarray, pd.DataFrame]:
    """Negative sequences for the regions: GC-matched genomic ones, flanks, or shuffles.

    Parameters
    ----------
    genome : Genome or path
    regions : pandas.DataFrame or path
        The positives, as :func:`extract` cuts them (``width`` applied).
    kind : {"gc", "flank", "shuffle"}, default="gc"
        ``"gc"``: regions drawn uniformly from the genome, accepted so that
        their GC content follows the positives' bin by bin (``bins`` equal
        bins of GC from 0 to 1). ``"flank"``: the regions ``flank``
        positions left and right of each positive. ``"shuffle"``:
        dinucleotide shuffles of the positives' sequences.
    n : int, optional
        How many; default as many as positives (twice that for flanks, one
        each side).
    width : int, optional
        The positives' width after resizing around their summits; default
        as the BED file has them (then every region must have one width for
        ``"gc"``).
    blacklist : pandas.DataFrame or path, optional
        Regions (a BED file) no background may overlap, e.g. ENCODE's.
    bins : int, default=20
    flank : int, optional
        Distance of flanking regions from their positive's edge; default the
        width.
    max_n : float, default=0.1
        Largest share of N a background region may hold.
    random_state : int, RandomState or None
    chromosomes : list of str, optional
        Draw ``"gc"`` regions from these chromosomes only (e.g. the
        positives' own, to report on held-out chromosomes); default all.

    Returns
    -------
    X : ndarray of str, shape (n,)
    table : pandas.DataFrame
        The regions (chrom, start, end; for shuffles, the positive each comes
        from), so that a chromosome split treats them as it treats the
        positives.

    Raises
    ------
    ValueError
        For an unknown kind, positives of several widths, or a genome where
        not enough regions can be drawn (naming the GC bin that ran short).
    """
    from sklearn.utils import check_random_state

    genome = genome if isinstance(genome, Genome) else Genome(genome)
    rng = check_random_state(random_state)
    positives, table = extract(genome, regions, width=width, anchor="summit", max_n=1.0)
    if kind == "shuffle":
        from .._shuffle import dinucleotide_shuffle

        count = len(positives) if n is None else n
        source = rng.randint(0, len(positives), count) if n is not None else np.arange(count)
        shuffled = dinucleotide_shuffle(list(positives[source]), random_state=rng)[:, 0]
        return np.asarray(shuffled, dtype=str), table.iloc[source].reset_index(drop=True)
    widths = (table.end - table.start).unique()
    if len(widths) != 1:
        raise ValueError(
            f"The regions have {len(widths)} widths ({sorted(widths)[:3]}...); give width= so "
            "that the backgrounds can match them."
        )
    width = int(widths[0])
    exclude = table if blacklist is None else _concat(table, as_regions(blacklist))
    if kind == "flank":
        return _flanks(genome, table, width, flank, exclude, max_n, n, rng)
    if kind != "gc":
        raise ValueError(f"kind must be 'gc', 'flank' or 'shuffle'; got {kind!r}.")
    return _gc_matched(genome, positives, width, exclude, bins, max_n, n, rng, chromosomes)


def _concat(a, b):
    import pandas as pd

    return pd.concat([a[["chrom", "start", "end"]], b[["chrom", "start", "end"]]])


def _gc_matched(genome, positives, width, exclude, bins, max_n, n, rng, chromosomes=None):
    """Uniformly drawn windows, accepted while their GC bin still needs some.

    Candidates are drawn in rounds, sorted by chromosome, so that each round
    reads each chromosome once.
    """
    import pandas as pd

    from .._progress import progress

    n = len(positives) if n is None else n
    edges = np.linspace(0, 1, bins + 1)
    counts = np.histogram(gc_content(positives), edges)[0]
    wanted = np.floor(counts * n / len(positives)).astype(int)
    wanted[np.argsort(-counts, kind="stable")[: n - wanted.sum()]] += 1
    occupied = _occupied(exclude, genome.lengths)
    names = [
        c
        for c, length in genome.lengths.items()
        if length >= width and (chromosomes is None or c in chromosomes)
    ]
    sizes = np.array([genome.lengths[c] - width + 1 for c in names], dtype=float)
    found, rows, drawn = [], [], 0
    with progress("Drawing GC-matched background regions", n, "regions") as counter:
        while wanted.any() and drawn < MAX_DRAWS * n:
            batch = min(max(4 * int(wanted.sum()), 256), MAX_DRAWS * n - drawn)
            drawn += batch
            chosen = rng.choice(len(names), size=batch, p=sizes / sizes.sum())
            starts = (rng.random_sample(batch) * sizes[chosen]).astype(np.int64)
            windows = [(names[c], int(start)) for c, start in zip(chosen, starts, strict=True)]
            sequences, gc_bin = _candidates(genome, windows, width, occupied, max_n, bins)
            for i in np.flatnonzero(gc_bin >= 0):  # ... and candidates taken in the order drawn
                if wanted[gc_bin[i]] > 0:
                    wanted[gc_bin[i]] -= 1
                    found.append(sequences[i])
                    start = int(starts[i])
                    rows.append((names[chosen[i]], start, start + width, ".", "."))
                    counter.update()
    if wanted.any():
        b = int(np.argmax(wanted))
        raise ValueError(
            f"Drew {drawn} regions but found too few with GC content "
            f"{edges[b]:.2f}-{edges[b + 1]:.2f} ({wanted.sum()} short): the genome has little "
            "sequence like the positives. Use fewer bins, kind='flank' or kind='shuffle'."
        )
    order = np.lexsort(([r[1] for r in rows], [names.index(r[0]) for r in rows]))
    table = pd.DataFrame(
        [rows[i] for i in order], columns=["chrom", "start", "end", "name", "strand"]
    )
    table["name"] = [f"background_{i}" for i in range(len(table))]
    return np.asarray(found, dtype=str)[order], table


def _candidates(genome, windows, width, occupied, max_n, bins):
    """The sequences of ``windows`` ((chrom, start) each) and their GC bins; None and -1
    for a window that overlaps ``occupied`` or has too many N. Windows are read
    chromosome by chromosome, so that each chromosome is read once."""
    sequences, gc_bin = [None] * len(windows), np.full(len(windows), -1)
    for i in sorted(range(len(windows)), key=lambda i: windows[i][0]):
        chrom, start = windows[i]
        if not _free(chrom, start, width, occupied):
            continue
        sequence = genome.fetch(chrom, start, start + width)
        if sequence.count("N") <= max_n * width:
            sequences[i] = sequence
            gc_bin[i] = min(int(gc_content([sequence])[0] * bins), bins - 1)
    return sequences, gc_bin


def _flanks(genome, table, width, flank, exclude, max_n, n, rng):
    """The regions ``flank`` positions left and right of each positive, where they fit."""
    import pandas as pd

    flank = width if flank is None else flank
    occupied = _occupied(exclude, genome.lengths)
    found, rows = [], []
    for chrom, start, end in zip(table.chrom, table.start, table.end, strict=True):
        for left in (start - flank - width, end + flank):
            if left < 0 or left + width > genome.lengths[chrom]:
                continue
            if not _free(chrom, left, width, occupied):
                continue
            sequence = genome.fetch(chrom, left, left + width)
            if sequence.count("N") > max_n * width:
                continue
            found.append(sequence)
            rows.append((chrom, left, left + width, f"flank_{len(rows)}", "."))
    order = np.arange(len(found))
    if n is not None and n < len(found):
        order = np.sort(rng.choice(len(found), n, replace=False))
    out = pd.DataFrame(rows, columns=["chrom", "start", "end", "name", "strand"])
    return np.asarray(found, dtype=str)[order], out.iloc[order].reset_index(drop=True)


def gc_match(positives: np.ndarray, backgrounds: np.ndarray) -> float:
    """How far two sets' GC contents are apart: the two-sample Kolmogorov-Smirnov statistic.

    Parameters
    ----------
    positives, backgrounds : array-like of str

    Returns
    -------
    float
        The largest difference of the two empirical distributions of GC content,
        0 (the same) to 1 (no overlap).
    """
    from scipy.stats import ks_2samp

    a, b = gc_content(positives), gc_content(backgrounds)
    return float(ks_2samp(a[~np.isnan(a)], b[~np.isnan(b)]).statistic)
