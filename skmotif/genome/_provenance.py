"""Where a model trained from a genome came from, and the warnings that reading it allows.

A model trained from a genome carries ``genome_`` (saved with it): the
genome's name and chromosome lengths, the chromosomes of its training,
validation and test parts, and its held-out score at shifted cuts. Reports,
predictions and scans on regions of its training or validation chromosomes
then warn (their figures overstate what the model knows), as does a scan by
a model whose score falls off-centre.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np

from ._evaluate import SHIFT_TOLERANCE

if TYPE_CHECKING:
    import os

    import pandas as pd
    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

    from ._regions import Genome


class GenomeLeakWarning(UserWarning):
    """Regions of a model's training or validation chromosomes are scored or reported."""


class ShiftWarning(UserWarning):
    """A model's held-out score falls when its windows are moved off the regions' centres."""


def record(
    genome: Genome,
    chromosomes: dict[str, ArrayLike],
    step: int,
    shift: dict[int, float],
    metric: str,
) -> dict:
    """The ``genome_`` of a model trained from ``genome``.

    Parameters
    ----------
    genome : Genome
    chromosomes : dict of str to array-like of str
        ``train``, ``validation`` and ``test``: the chromosomes of each
        part's regions.
    step : int
        The scan step the shift check used.
    shift : dict of int to float
        :func:`shift_robustness`'s scores.
    metric : str
        What the scores are ("auROC" or "Pearson r").

    Returns
    -------
    dict
        JSON values only (it is saved in ``estimator.json``).
    """
    return {
        "genome": {"name": genome.path.name, "lengths": dict(genome.lengths)},
        "chromosomes": {
            part: sorted({str(c) for c in names}) for part, names in chromosomes.items()
        },
        "step": int(step),
        "shift": {str(offset): float(score) for offset, score in shift.items()},
        "metric": metric,
    }


def warn_if_seen(
    model: BaseEstimator, chromosomes: ArrayLike, what: str, genome: Genome | None = None
) -> None:
    """GenomeLeakWarning when regions lie on the model's training or validation chromosomes.

    Also when ``genome``'s chromosome lengths differ from those of the genome
    the model was trained on. Models not trained from a genome: nothing.

    Parameters
    ----------
    model : fitted estimator
    chromosomes : array-like of str
        The chromosome of each region (or scanned chromosome).
    what : str
        How the regions are named in the warning, e.g. "scanned chromosomes".
    genome : Genome, optional
    """
    origin = getattr(model, "genome_", None)
    if origin is None:
        return
    if genome is not None:
        _check_same_genome(origin["genome"], genome)
    names, counts = np.unique(np.asarray(chromosomes).astype(str), return_counts=True)
    count = dict(zip(names, counts, strict=True))
    seen = []
    for part in ("train", "validation"):
        hits = {c: int(count[c]) for c in origin["chromosomes"].get(part, []) if c in count}
        if hits:
            listed = ", ".join(f"{c} {n}" for c, n in hits.items())
            seen.append(f"{sum(hits.values())} on its {part} chromosomes ({listed})")
    if seen:
        test = ", ".join(origin["chromosomes"].get("test", [])) or "none recorded"
        warnings.warn(
            f"Of {int(counts.sum())} {what}, {' and '.join(seen)}: the model has seen them, "
            f"so its scores there overstate what it knows. Read its held-out chromosomes "
            f"({test}) for figures that hold for new regions.",
            GenomeLeakWarning,
            stacklevel=3,
        )


def _check_same_genome(recorded, genome):
    lengths = recorded["lengths"]
    differ = [c for c, n in genome.lengths.items() if c in lengths and lengths[c] != n]
    shared = set(lengths) & set(genome.lengths)
    if differ or not shared:
        detail = (
            f"{differ[0]} has {genome.lengths[differ[0]]} positions here and "
            f"{lengths[differ[0]]} there"
            if differ
            else "no chromosome names in common"
        )
        warnings.warn(
            f"{genome.path.name} is not the genome the model was trained on "
            f"({recorded['name']}): {detail}. Check the assembly.",
            GenomeLeakWarning,
            stacklevel=4,
        )


def shift_message(origin: dict) -> str | None:
    """The warning for a model whose held-out score falls off-centre, or None."""
    scores = {int(offset): score for offset, score in origin["shift"].items()}
    worst = min(scores, key=scores.get)
    drop = scores[0] - scores[worst]
    if drop <= SHIFT_TOLERANCE:
        return None
    return (
        f"The model's held-out {origin['metric']} falls from {scores[0]:.3f} on centred "
        f"windows to {scores[worst]:.3f} with windows moved {worst:+d} positions (a scan at "
        f"step {origin['step']} meets sites up to {origin['step'] // 2} off centre), so a "
        "scan will miss sites that sit off its windows' centres. Train on random crops "
        "(skmotif train --jitter, the default; in Python ConvMotifClassifier(random_crop=...) "
        "on regions cut with extract(..., flank=...)) with a network that pools over all "
        "positions (skmotif.genome.genome_params)."
    )


def warn_if_shift_sensitive(model: BaseEstimator) -> None:
    """ShiftWarning for a model trained from a genome whose score falls off-centre."""
    origin = getattr(model, "genome_", None)
    message = None if origin is None else shift_message(origin)
    if message:
        warnings.warn(message, ShiftWarning, stacklevel=3)


def record_genome(
    model: BaseEstimator,
    genome: Genome | str | os.PathLike,
    regions: pd.DataFrame,
    y: ArrayLike,
    parts: tuple,
    step: int = 50,
    target: object = None,
) -> dict:
    """Record on a model fitted on regions of a genome where they came from, as
    ``skmotif train --bed`` does.

    Sets ``model.genome_`` (saved with the model): the genome's name and
    chromosome lengths, the chromosomes of the training, validation and test
    parts, and the held-out score of the test regions re-cut at
    +-``step``/2 and +-``step`` (:func:`shift_robustness`). ``scan``,
    ``vcf_effects`` and ``report`` then warn on the training or validation
    chromosomes (:class:`GenomeLeakWarning`) and on a model whose score falls
    off-centre (:class:`ShiftWarning`, also given here).

    Parameters
    ----------
    model : fitted ConvMotifClassifier or ConvMotifRegressor
    genome : Genome or path
    regions : pandas.DataFrame
        The regions of X's rows (chrom, start, end, strand), as
        :func:`extract` and :func:`background_regions` return them.
    y : array-like, shape (n_regions,) or (n_regions, 1)
        The fit's classes, or a regressor's values, of every row.
    parts : (train, validation, test)
        Row indices of each part, as :meth:`ChromosomeSplit.split3` gives them.
    step : int, default=50
        The scan step the model is meant for.
    target : class label or output, optional
        The class whose auROC, or the output whose Pearson r, is read (the
        head's ``metric``); default the last class, or the regressor's only
        output.

    Returns
    -------
    dict
        ``model.genome_``.
    """
    from ._evaluate import shift_robustness
    from ._regions import Genome

    genome = genome if isinstance(genome, Genome) else Genome(genome)
    test = parts[2]
    rows = y.iloc if hasattr(y, "iloc") else np.asarray(y)
    shift = shift_robustness(model, genome, regions.iloc[test], rows[test], step, target)
    chromosomes = {
        name: regions.chrom.iloc[part]
        for name, part in zip(("train", "validation", "test"), parts, strict=True)
    }
    metric = model.head().metric
    model.genome_ = record(genome, chromosomes, step, shift, metric)
    warn_if_shift_sensitive(model)
    return model.genome_
