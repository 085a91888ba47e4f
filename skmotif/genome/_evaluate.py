"""What a model trained from a genome will do on a scan: shifted windows and track values.

A model that scores centred peak windows well can still miss its peaks on a
scan: windows every ``step`` positions meet a site up to ``step / 2`` off
their centre (more where the summit is imprecise). These measures re-cut the
held-out regions at offsets, and read the scan's value at held-out peaks
against positions of the held-out chromosomes, without scanning them whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ._regions import Genome, as_regions, extract, resize

if TYPE_CHECKING:
    import os

    import pandas as pd
    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

#: A drop of the held-out score larger than this, at some offset, warns.
SHIFT_TOLERANCE = 0.05
#: Background positions read per held-out peak for the track's score (at most MAX_BACKGROUND).
BACKGROUND_PER_PEAK = 5
MAX_BACKGROUND = 20000


def _score(model, X, y, target):
    """The head's metric of output ``target``: auROC of a class against the rest, Pearson r
    of an output."""
    unit = model.output_index(target)
    return model.head().score(model.output_truth(y, unit), model.scores(X)[:, unit])


def shift_offsets(step: int) -> list[int]:
    """The offsets the shift check reads: 0, +-step/2 and +-step."""
    half = max(step // 2, 1)
    return [-step, -half, 0, half, step]


def shift_robustness(
    model: BaseEstimator,
    genome: Genome | str | os.PathLike,
    regions: pd.DataFrame,
    y: ArrayLike,
    step: int = 50,
    target: object = None,
) -> dict[int, float]:
    """The held-out score of regions re-cut at offsets from their centre.

    Parameters
    ----------
    model : fitted ConvMotifClassifier or ConvMotifRegressor
    genome : Genome or path
    regions : pandas.DataFrame
        The held-out regions (chrom, start, end, strand), as cut for training
        (any width: each is re-cut to the model's input length around its
        centre plus the offset).
    y : array-like, shape (n_regions,) or (n_regions, 1)
        Their classes, or a regressor's values.
    step : int, default=50
        The scan step: offsets of +-step/2 and +-step are read.
    target : class label or output, optional
        The class whose auROC, or the output whose Pearson r, is read (the
        head's ``metric``); default the last class, or the regressor's only
        output.

    Returns
    -------
    dict of int to float
        Offset -> auROC (a classifier) or Pearson r (a regressor).
    """
    genome = genome if isinstance(genome, Genome) else Genome(genome)
    table = resize(as_regions(regions), model.input_shape_[0], anchor="center")
    table = table.assign(summit=-1)
    scores = {}
    for offset in shift_offsets(step):
        moved = table.assign(start=table.start + offset, end=table.end + offset)
        inside = ((moved.start >= 0) & (moved.end <= moved.chrom.map(genome.lengths))).to_numpy()
        X, _ = extract(genome, moved[inside], max_n=1.0)
        scores[offset] = _score(model, X, np.asarray(y)[inside], target)
    return scores


def shift_drop(scores: dict[int, float]) -> float:
    """How far the score falls from the centred cut to the worst offset."""
    return scores[0] - min(scores.values())


def scan_positions(step: int, width: int, positions: ArrayLike) -> np.ndarray:
    """The start of the scan window whose scored interval holds each position.

    A scan (:func:`skmotif.genome.scan`) scores windows starting at
    ``0, step, 2 step, ...``; window ``k`` covers the ``step`` positions from
    ``k step + width // 2 - step // 2``.
    """
    positions = np.asarray(positions, dtype=np.int64)
    k = np.maximum((positions - width // 2 + step // 2) // step, 0)
    return k * step


def track_at_peaks(
    model: BaseEstimator,
    genome: Genome | str | os.PathLike,
    peaks: pd.DataFrame,
    chromosomes: list[str],
    step: int = 50,
    target: object = None,
    random_state: int = 0,
) -> dict:
    """What a scan of the held-out chromosomes gives at their peaks and elsewhere.

    The scan's value at each peak's summit (or centre) is compared with its
    value at positions drawn uniformly from the same chromosomes, at least
    the model's input length away from any peak: the auROC and auPRC of a
    genome track, computed from the windows the scan would read there.

    Parameters
    ----------
    model : fitted estimator
    genome : Genome or path
    peaks : pandas.DataFrame
        Every peak (read with :func:`read_bed`); those on ``chromosomes`` count.
    chromosomes : list of str
        The held-out chromosomes.
    step : int, default=50
    target : class label or output, optional
    random_state : int, default=0
        For the background positions.

    Returns
    -------
    dict
        ``auroc``, ``auprc``, ``peaks`` and ``background`` (counts), ``step``.
    """
    import pandas as pd
    from sklearn.metrics import average_precision_score, roc_auc_score

    genome = genome if isinstance(genome, Genome) else Genome(genome)
    width = model.input_shape_[0]
    table = as_regions(peaks)
    table = table[table.chrom.isin(chromosomes)]
    summits = np.where(
        table.summit >= 0, table.start + table.summit, (table.start + table.end) // 2
    )
    rng = np.random.default_rng(random_state)
    wanted = min(BACKGROUND_PER_PEAK * len(table), MAX_BACKGROUND)
    background = _background_positions(
        genome, table.chrom.to_numpy(), summits, list(chromosomes), width, wanted, rng
    )
    rows = [(c, p, 1) for c, p in zip(table.chrom, summits, strict=True)] + background
    chrom = np.array([r[0] for r in rows])
    start = scan_positions(step, width, [r[1] for r in rows])
    fits = (start + width) <= np.array([genome.lengths[c] for c in chrom])
    windows = pd.DataFrame(
        {"chrom": chrom[fits], "start": start[fits], "end": start[fits] + width}
    )
    X, _ = extract(genome, windows, max_n=1.0)
    values = _values(model, X, target)
    truth = np.array([r[2] for r in rows])[fits]
    return {
        "auroc": float(roc_auc_score(truth, values)),
        "auprc": float(average_precision_score(truth, values)),
        "peaks": int(truth.sum()),
        "background": int((truth == 0).sum()),
        "step": step,
    }


def _values(model, X, target):
    """The track's value of each window: a class's probability or a regressor's output."""
    return model.scores(X)[:, model.output_index(target)]


def _background_positions(genome, peak_chroms, summits, chromosomes, width, n, rng):
    """``n`` (chrom, position, 0) drawn uniformly, at least ``width`` from every summit."""
    lengths = np.array([genome.lengths[c] for c in chromosomes], dtype=np.float64)
    near = {c: np.sort(summits[peak_chroms == c]) for c in chromosomes}
    out = []
    for _ in range(20):  # rejection rounds: near peaks, or in unknown sequence
        picks = rng.choice(len(chromosomes), size=2 * n, p=lengths / lengths.sum())
        for i in picks[: 2 * (n - len(out))]:
            chrom = chromosomes[i]
            position = int(rng.integers(width, genome.lengths[chrom] - width))
            sites = near[chrom]
            j = np.searchsorted(sites, position)
            if any(abs(sites[k] - position) < width for k in (j - 1, j) if 0 <= k < len(sites)):
                continue
            if "N" in genome.fetch(chrom, position - width // 2, position + width // 2):
                continue
            out.append((chrom, position, 0))
            if len(out) == n:
                return out
    return out
