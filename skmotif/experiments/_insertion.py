"""Motif insertion and spacing: what a motif, or a pair of motifs, does to backgrounds."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from sklearn.utils import check_random_state

from ..encoding import EncodedInput
from ._backgrounds import background_codes, check_confidence, implant, oriented, paired_interval
from ._motifs import motif_spec
from ._readout import Readout

if TYPE_CHECKING:
    import os

    import pandas as pd
    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

#: Columns of :func:`insert_motif`'s table.
INSERTION_COLUMNS = ["position", "strand", "effect", "low", "high", "background", "inserted"]
#: Columns of :func:`motif_spacing`'s table.
SPACING_COLUMNS = [
    "orientation",
    "spacing",
    "pair",
    "first",
    "second",
    "interaction",
    "low",
    "high",
]
#: The four orientations of a pair: the strand of the first motif, then of the second.
ORIENTATIONS = ("++", "+-", "-+", "--")


def insert_motif(
    estimator: BaseEstimator,
    motif: object,
    X: ArrayLike,
    positions: ArrayLike | str | None = None,
    strand: str = "+",
    target: object = None,
    n_backgrounds: int = 100,
    sample: bool = False,
    genome: str | os.PathLike | None = None,
    confidence: float = 0.95,
    batch_size: int = 2048,
    random_state: int | np.random.RandomState | None = None,
) -> pd.DataFrame:
    """What a motif does on its own: prediction with it inserted minus without, per position.

    Each background gets the motif written over it at each position; the
    effect is the paired difference with the same background without it,
    averaged over the backgrounds, with a Student-t interval over them. All
    variants of a call go through the network together, in batches.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier, ConvMotifRegressor or ConvMotifProfileRegressor
        Of DNA, RNA or protein sequences (not sequence + structure pairs).
    motif : str, Motif or (Motif, importance) pair
        A string of the alphabet, an IUPAC consensus (ambiguous positions
        drawn per background), a :class:`~skmotif.Motif` (a kernel or a
        TF-MoDISco pattern too) or a JASPAR ID (``"MA0139.1"``, the
        ``motifs`` extra).
    X : array-like of str
        Sequences like the training ones: ``n_backgrounds`` of them, drawn
        with replacement when there are fewer, are dinucleotide-shuffled
        (which keeps their composition and breaks their motifs) to make the
        backgrounds, or matched by GC content in ``genome``.
    positions : array-like of int, "all" or None, default=None
        Where the motif starts: None for the centre, "all" for every start
        that fits, or a list; within the shortest background (a motif is
        never written into the padding of a shorter sequence).
    strand : {"+", "-"}, default="+"
        ``"-"`` inserts the reverse complement (DNA and RNA).
    target : class label or output, optional
        The class or output read (see :class:`~skmotif.experiments.Readout`);
        not read for a profile model.
    n_backgrounds : int, default=100
    sample : bool, default=False
        Draw a new instance of a Motif per background from its
        probabilities, instead of inserting its consensus.
    genome : path-like or skmotif.genome.Genome, optional
        Backgrounds are windows of this genome (FASTA) whose GC content
        follows X's, instead of shuffles of X.
    confidence : float, default=0.95
        Of the interval.
    batch_size : int, default=2048
        Sequences per forward pass.
    random_state : int, RandomState instance or None, default=None
        For the backgrounds and sampled instances.

    Returns
    -------
    pandas.DataFrame
        One row per position, with :data:`INSERTION_COLUMNS`: ``effect`` (the
        mean paired difference), ``low`` and ``high`` (its interval),
        ``background`` and ``inserted`` (the mean readouts without and with
        the motif). ``attrs`` holds ``scale`` (``"log-odds"`` for a
        classifier, ``"output units"`` for a regressor, ``"log(1 +
        counts)"`` for a profile model), ``motif`` and ``n_backgrounds``.
    """
    import pandas as pd

    readout = Readout(estimator, target, batch_size, "insert_motif")
    spec = motif_spec(motif, readout.alphabet, sample)
    confidence = check_confidence(confidence)
    _check_strand(strand, readout)
    rng = check_random_state(random_state)
    backgrounds = background_codes(readout, X, n_backgrounds, genome, rng)
    starts = _positions(positions, spec.width, _room(backgrounds, readout))
    instances = _strand_instances(spec.instances(len(backgrounds), rng), strand, readout)
    variants = [backgrounds] + [implant(backgrounds, instances, s) for s in starts]
    values = readout(np.concatenate(variants)).reshape(len(variants), len(backgrounds))
    without, inserted = values[0], values[1:]
    effect, low, high = paired_interval(inserted - without, confidence)
    table = pd.DataFrame(
        {
            "position": starts,
            "strand": strand,
            "effect": effect,
            "low": low,
            "high": high,
            "background": without.mean(),
            "inserted": inserted.mean(axis=1),
        }
    )
    table.attrs.update(scale=readout.scale, motif=spec.name, n_backgrounds=len(backgrounds))
    return table


def motif_spacing(
    estimator: BaseEstimator,
    first: object,
    second: object,
    X: ArrayLike,
    spacings: ArrayLike | None = None,
    orientations: tuple[str, ...] | None = None,
    position: int | None = None,
    target: object = None,
    n_backgrounds: int = 100,
    sample: bool = False,
    genome: str | os.PathLike | None = None,
    confidence: float = 0.95,
    batch_size: int = 2048,
    random_state: int | np.random.RandomState | None = None,
) -> pd.DataFrame:
    """Do two motifs cooperate, and at which spacing and orientation?

    The first motif sits at ``position``; the second follows it
    ``spacing`` positions after its end (0: adjacent). For each
    orientation and spacing, on the same backgrounds: the effect of the
    pair, of each motif alone at its place, and the interaction, the
    pair's effect minus the sum of the single ones (0 when the motifs add
    up; > 0 when they cooperate), with a Student-t interval over the
    backgrounds.

    Parameters
    ----------
    estimator, X, target, n_backgrounds, sample, genome, confidence, batch_size, random_state
        As for :func:`insert_motif`.
    first, second : str, Motif or (Motif, importance) pair
        As ``motif`` of :func:`insert_motif`.
    spacings : array-like of int, optional
        Default 0 to 50, or as far as both motifs fit.
    orientations : tuple of str, optional
        Strands of the first and the second motif: ``"++"``, ``"+-"``,
        ``"-+"``, ``"--"``. Default all four for DNA and RNA, ``("++",)``
        for protein.
    position : int, optional
        Start of the first motif; default where the pair at the largest
        spacing is centred.

    Returns
    -------
    pandas.DataFrame
        One row per orientation and spacing, with :data:`SPACING_COLUMNS`
        (``pair``, ``first``, ``second`` and ``interaction`` are mean
        effects; ``low`` and ``high`` the interaction's interval). ``attrs``
        as :func:`insert_motif`'s, with ``first`` and ``second``.

    Warns
    -----
    UserWarning
        When the pair at its widest spacing spans more positions than one
        unit of the network's last convolution reads (its receptive field):
        the network can then combine the motifs only position by position,
        in its dense layers, and seldom learns such spacings.
    """
    import pandas as pd

    readout = Readout(estimator, target, batch_size, "motif_spacing")
    specs = [
        motif_spec(m, readout.alphabet, sample, name)
        for m, name in ((first, "first"), (second, "second"))
    ]
    confidence = check_confidence(confidence)
    widths = [s.width for s in specs]
    orientations = _orientations(orientations, readout)
    rng = check_random_state(random_state)
    backgrounds = background_codes(readout, X, n_backgrounds, genome, rng)
    spacings, position = _layout(spacings, position, widths, _room(backgrounds, readout))
    _warn_beyond_field(readout.estimator, sum(widths) + int(spacings.max()))
    drawn = [s.instances(len(backgrounds), rng) for s in specs]
    layout = (position, position + widths[0], spacings)
    rows = _spacing_rows(readout, backgrounds, drawn, orientations, layout, confidence)
    table = pd.DataFrame(rows, columns=SPACING_COLUMNS)
    table.attrs.update(
        scale=readout.scale,
        first=specs[0].name,
        second=specs[1].name,
        n_backgrounds=len(backgrounds),
    )
    return table


def _warn_beyond_field(estimator, span):
    """Warn when a pair spans more positions than one unit of the convolutions reads."""
    import warnings

    network = estimator.network()
    field = network.arch.receptive_field()
    if network.arch.head.reads != "features" or field is None or span <= field:
        return
    warnings.warn(
        f"At its widest the pair spans {span} positions, but one unit of the network's last "
        f"convolution reads {field}: beyond that the network can only combine the two motifs "
        "position by position in its dense layers, so it rarely learns their spacing, and "
        "these spacings may show no interaction. A wider field reads it: more conv layers "
        "(conv_num), residual_num, or smaller spacings.",
        UserWarning,
        stacklevel=3,
    )


def _spacing_rows(readout, backgrounds, drawn, orientations, layout, confidence):
    """The rows of :func:`motif_spacing`'s table: one per orientation and spacing.

    Every variant (each orientation's first motif alone; the second alone and
    the pair at each spacing) is built first and read in one batched pass.
    """
    position, after_first, spacings = layout
    variants = [backgrounds]
    for orientation in orientations:
        a, b = (_strand_instances(d, s, readout) for d, s in zip(drawn, orientation, strict=True))
        with_a = implant(backgrounds, a, position)
        variants.append(with_a)
        for spacing in spacings:
            variants += [implant(backgrounds, b, after_first + spacing)]
            variants += [implant(with_a, b, after_first + spacing)]
    values = readout(np.concatenate(variants)).reshape(len(variants), len(backgrounds))
    effects = values[1:].reshape(len(orientations), 1 + 2 * len(spacings), -1) - values[0]
    rows = []
    for o, orientation in enumerate(orientations):
        alone_a = effects[o, 0]
        for k, spacing in enumerate(spacings):
            alone_b, pair = effects[o, 1 + 2 * k], effects[o, 2 + 2 * k]
            mean, low, high = paired_interval(pair - alone_a - alone_b, confidence)
            means = (pair.mean(), alone_a.mean(), alone_b.mean())
            rows.append((orientation, int(spacing), *means, mean, low, high))
    return rows


def _room(backgrounds, readout):
    """Positions every background holds: motifs are never written into padding."""
    return int(EncodedInput(backgrounds, readout.alphabet).ends().min())


def _positions(positions, width, length):
    """The motif's start positions, checked, as ndarray of int."""
    last = length - width
    if last < 0:
        raise ValueError(
            f"The motif ({width} positions) is longer than the shortest background ({length})."
        )
    if positions is None:
        return np.array([last // 2])
    if isinstance(positions, str):
        if positions != "all":
            raise ValueError(
                f"positions must be None, 'all' or a list of ints; got {positions!r}."
            )
        return np.arange(last + 1)
    starts = np.atleast_1d(np.asarray(positions))
    if starts.dtype.kind not in "iu" or starts.ndim != 1 or not len(starts):
        raise ValueError(f"positions must be None, 'all' or a list of ints; got {positions!r}.")
    bad = starts[(starts < 0) | (starts > last)]
    if len(bad):
        raise ValueError(
            f"position {int(bad[0])} does not fit: a motif of {width} positions starts at 0 to "
            f"{last} in the shortest background of {length}."
        )
    return starts


def _layout(spacings, position, widths, length):
    """Checked spacings and the first motif's start."""
    room = length - sum(widths)
    if room < 0:
        raise ValueError(
            f"The two motifs ({sum(widths)} positions) do not fit the shortest background "
            f"({length} positions)."
        )
    spacings = (
        np.arange(min(50, room) + 1) if spacings is None else np.atleast_1d(np.asarray(spacings))
    )
    if (
        spacings.dtype.kind not in "iu"
        or spacings.ndim != 1
        or not len(spacings)
        or spacings.min() < 0
    ):
        raise ValueError(f"spacings must be ints >= 0; got {spacings!r}.")
    if position is None:
        position = (length - sum(widths) - int(spacings.max())) // 2
    if position < 0 or position + sum(widths) + int(spacings.max()) > length:
        raise ValueError(
            f"The pair does not fit: the first motif at {position}, spacings up to "
            f"{int(spacings.max())} and {sum(widths)} motif positions need more than the model's "
            f"input of {length}; use smaller spacings or another position."
        )
    return spacings, int(position)


def _check_strand(strand, readout):
    if strand not in ("+", "-"):
        raise ValueError(f"strand must be '+' or '-'; got {strand!r}.")
    if strand == "-":
        readout.alphabet.complement()  # a ValueError for protein


def _orientations(orientations, readout):
    if orientations is None:
        return ORIENTATIONS if readout.nucleic else ("++",)
    orientations = tuple(orientations)
    bad = [o for o in orientations if o not in ORIENTATIONS]
    if bad or not orientations:
        raise ValueError(f"orientations are some of {ORIENTATIONS}; got {orientations!r}.")
    for o in orientations:
        for s in o:
            _check_strand(s, readout)
    return orientations


def _strand_instances(instances, strand, readout):
    complement = readout.alphabet.complement() if strand == "-" else None
    return oriented(instances, strand, complement)
