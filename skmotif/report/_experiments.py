"""The experiments report: insertion, spacing, ablation, mutagenesis maps and designs of one
model, with their figures and tables, on ``experiments.html``."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import numpy as np

from .._figures import save_figure
from .._files import write_table
from ._page import output_folder, safe_name, table_html, write_html

if TYPE_CHECKING:
    import os

    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator


def experiments_report(
    estimator: BaseEstimator,
    X: ArrayLike,
    folder: str | os.PathLike,
    insert: ArrayLike = (),
    spacing: ArrayLike = (),
    ablate: ArrayLike = (),
    mutagenesis: int = 0,
    design: int = 0,
    target: object = None,
    database: str | os.PathLike | None = None,
    n_backgrounds: int = 100,
    random_state: int = 0,
) -> dict:
    """Run the experiments asked for and write them, with figures, to ``experiments.html``.

    Every request is checked before any experiment runs. Each section holds
    one figure and summary row per motif, pair or sequence, and the whole
    tables go to TSV files beside the page.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier, ConvMotifRegressor or ConvMotifProfileRegressor
    X : array-like of str, shape (n_samples,)
        Sequences: dinucleotide shuffles of them are the backgrounds of
        insertion and spacing; ablation destroys the motifs' occurrences in
        them; the mutagenesis maps are of those with the highest readout.
    folder : str or path-like
    insert : sequence of motifs
        Each inserted at every position (:func:`skmotif.experiments.insert_motif`);
        a motif is a string, IUPAC consensus, :class:`~skmotif.Motif` or JASPAR ID.
    spacing : sequence of (motif, motif) pairs
        Each pair at spacings 0-50 in every orientation
        (:func:`skmotif.experiments.motif_spacing`).
    ablate : sequence of motifs
        Each one's occurrences in ``X`` destroyed by shuffling
        (:func:`skmotif.experiments.ablate_motif`).
    mutagenesis : int, default=0
        Saturation mutagenesis maps of this many sequences of ``X``, those
        with the highest readout: every single substitution, on the
        experiments' scale.
    design : int, default=0
        Designs from this many random starts
        (:func:`skmotif.experiments.design_sequences`, greedy).
    target : class label or output, optional
        What every experiment reads (:class:`skmotif.experiments.Readout`).
    database : str or path-like, optional
        Name the designs' motifs from a JASPAR release or a MEME file.
    n_backgrounds : int, default=100
    random_state : int, default=0

    Returns
    -------
    dict
        ``"insertion"``: motif name -> table; ``"spacing"``: (first, second)
        -> table; ``"ablation"``: motif name -> (sites, per-sequence)
        tables; ``"mutagenesis"``: (rows of ``X``, effects of shape
        (n, length, n_symbols)); ``"design"``: the designs' table. Only the
        experiments asked for.

    Raises
    ------
    ValueError
        For a motif, pair or count that is not one, or nothing asked for,
        before any work.
    """
    readout, insert, pairs, ablate, counts = check_requests(
        estimator, insert, spacing, ablate, mutagenesis, design, target, database
    )
    folder = output_folder(folder)
    options = {"n_backgrounds": n_backgrounds, "random_state": random_state, "target": target}
    found, sections = {}, []
    for name, items, run in (
        ("insertion", insert, _insertion),
        ("spacing", pairs, _spacing),
        ("ablation", ablate, _ablation),
    ):
        if items:
            found[name], section = run(estimator, X, items, folder, options)
            sections.append(section)
    if counts["mutagenesis"]:
        found["mutagenesis"], section = _mutagenesis(readout, X, counts["mutagenesis"], folder)
        sections.append(section)
    if counts["design"]:
        found["design"], section = _designs(estimator, counts["design"], folder, options, database)
        sections.append(section)
    intro = (
        f"<h1>Experiments</h1>\n<p>Effects on one scale: {html.escape(readout.scale)} "
        f"(see skmotif.experiments.SCALES), with 95% Student-t intervals over "
        f"{n_backgrounds} dinucleotide-shuffled backgrounds where shown. Whole tables: the "
        "TSV files beside this page.</p>"
    )
    write_html(folder / "experiments.html", "skmotif experiments", intro + "".join(sections))
    return found


def check_requests(estimator, insert, spacing, ablate, mutagenesis, design, target, database):
    """The experiments asked for, checked before any work (see :func:`experiments_report`).

    Returns
    -------
    readout : Readout
    insert, pairs, ablate : list
        The motifs, and the pairs as tuples.
    counts : dict
        ``"mutagenesis"`` and ``"design"``: how many (0: none).
    """
    from ..experiments import Readout
    from ..experiments._motifs import motif_spec
    from ..experiments._naming import load_database
    from ..experiments._readout import positive_int

    readout = Readout(estimator, target, what="experiments_report")
    insert, ablate = _listed(insert), _listed(ablate)
    pairs = [_pair(p) for p in _listed(spacing, pairs=True)]
    for motif in [*insert, *ablate, *(m for p in pairs for m in p)]:
        motif_spec(motif, readout.alphabet)
    counts = {
        name: positive_int(value, name) if value else 0
        for name, value in (("mutagenesis", mutagenesis), ("design", design))
    }
    if not (insert or pairs or ablate or any(counts.values())):
        raise ValueError(
            "Ask for at least one experiment: insert, spacing, ablate, mutagenesis or design."
        )
    if database is not None and counts["design"]:
        load_database(readout, database)
    return readout, insert, pairs, ablate, counts


def _listed(items, pairs=False):
    """A single motif (or pair) as a list of one."""
    if isinstance(items, str) or (pairs and len(items) == 2 and isinstance(items[0], str)):
        return [items]
    return list(items)


def _pair(pair):
    if isinstance(pair, str) or len(pair) != 2:
        raise ValueError(
            f"Each spacing request is a pair of motifs (first, second); got {pair!r}."
        )
    return tuple(pair)


def _figure(draw, path, *args):
    """Draw one figure with ``draw(table, ax=ax)`` and save it as a PNG."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.0, 3.0))
    draw(*args, ax=ax)
    fig.tight_layout()
    save_figure(fig, path)
    return path.name


def _section(heading, reading, header, rows):
    return f"<h2>{heading}</h2>\n<p>{reading}</p>\n{table_html(header, rows)}\n"


def _img(name, what):
    return f'<img src="{name}" alt="{html.escape(what)}">'


def _interval(mean, low, high):
    return f"{mean:.3g} [{low:.3g}, {high:.3g}]"


def _insertion(estimator, X, motifs, folder, options):
    from ..experiments import insert_motif
    from ..plotting import plot_insertion

    found, rows = {}, []
    for motif in motifs:
        table = insert_motif(estimator, motif, X, positions="all", **options)
        name = table.attrs["motif"]
        found[name] = table
        stem = f"insertion_{safe_name(name)}"
        write_table(table, folder / f"{stem}.tsv")
        figure = _figure(plot_insertion, folder / f"{stem}.png", table)
        centre = table.iloc[len(table) // 2]
        strongest = table.iloc[int(np.argmax(table.effect.abs().to_numpy()))]
        rows.append(
            f"<tr><td><code>{html.escape(name)}</code></td>"
            f"<td>{_interval(centre.effect, centre.low, centre.high)} at {centre.position}</td>"
            f"<td>{strongest.effect:.3g} at {strongest.position}</td>"
            f"<td>{_img(figure, name)}</td></tr>"
        )
    reading = (
        "Each motif written over the backgrounds at every position: the prediction with it "
        "minus without it (the paired effect), its interval as a band in the figure."
    )
    header = ["motif", "effect at the centre [95% interval]", "largest effect", "by position"]
    return found, _section("Motif insertion", reading, header, rows)


def _spacing(estimator, X, pairs, folder, options):
    from ..experiments import motif_spacing
    from ..plotting import plot_spacing

    found, rows = {}, []
    for first, second in pairs:
        table = motif_spacing(estimator, first, second, X, **options)
        names = (table.attrs["first"], table.attrs["second"])
        found[names] = table
        stem = f"spacing_{safe_name(names[0])}_{safe_name(names[1])}"
        write_table(table, folder / f"{stem}.tsv")
        figure = _figure(plot_spacing, folder / f"{stem}.png", table)
        peaks = "<br>".join(
            f"{orientation}: {_interval(best.interaction, best.low, best.high)} at {best.spacing}"
            for orientation, group in table.groupby("orientation", sort=False)
            for best in [group.loc[group.interaction.idxmax()]]
        )
        pair = " + ".join(f"<code>{html.escape(n)}</code>" for n in names)
        rows.append(f"<tr><td>{pair}</td><td>{peaks}</td><td>{_img(figure, pair)}</td></tr>")
    reading = (
        "Each pair at every spacing (positions between the end of the first motif and the "
        "start of the second) and orientation (the strands of the first and the second): the "
        "interaction, the pair's effect minus the sum of the single motifs' effects, 0 when "
        "they add up and above 0 when they cooperate."
    )
    header = ["pair", "largest interaction [95% interval] at spacing", "by spacing"]
    return found, _section("Spacing and orientation", reading, header, rows)


def _ablation(estimator, X, motifs, folder, options):
    from ..experiments import ablate_motif
    from ..plotting import plot_ablation

    found, rows = {}, []
    for motif in motifs:
        sites, sequences = ablate_motif(
            estimator, X, motif, target=options["target"], random_state=options["random_state"]
        )
        name = sites.attrs["motif"]
        found[name] = (sites, sequences)
        stem = f"ablation_{safe_name(name)}"
        write_table(sites, folder / f"{stem}.tsv")
        write_table(sequences, folder / f"{stem}_sequences.tsv")
        figure = _figure(plot_ablation, folder / f"{stem}.png", sites)
        carriers = sequences[sequences.n_sites > 0]
        per_site = f"{sites.effect.mean():.3g}" if len(sites) else "no occurrence"
        per_sequence = f"{carriers.effect.mean():.3g}" if len(carriers) else "&ndash;"
        rows.append(
            f"<tr><td><code>{html.escape(name)}</code></td><td>{len(sites)}</td>"
            f"<td>{len(carriers)} of {len(sequences)}</td><td>{per_site}</td>"
            f"<td>{per_sequence}</td><td>{_img(figure, name)}</td></tr>"
        )
    reading = (
        "Each occurrence of the motif in the given sequences destroyed (shuffled): the "
        "prediction after minus before, per occurrence and, with every occurrence destroyed "
        "at once, per sequence. Below 0: the occurrences raised the prediction."
    )
    header = ["motif", "occurrences", "sequences with one", "mean per occurrence"]
    header += ["mean per sequence", "occurrences' effects"]
    return found, _section("Ablation", reading, header, rows)


def _mutagenesis(readout, X, n, folder):
    """Every single substitution of the ``n`` sequences of ``X`` with the highest readout."""
    import matplotlib.pyplot as plt

    from ..plotting import plot_mutagenesis

    codes = readout.estimator.encode(X).values
    scores = readout(codes)
    chosen = np.argsort(-scores, kind="stable")[:n]
    effects = np.stack([_substitutions(readout, codes[i]) for i in chosen])
    vmax = float(np.abs(effects).max()) or 1.0  # one colour scale for every map
    rows = []
    for row, i in enumerate(chosen):
        figure = plot_mutagenesis(
            effects[row], readout.text(codes[i : i + 1])[0], readout.alphabet, vmax=vmax
        )
        name = f"mutagenesis_{row}.png"
        save_figure(figure, folder / name)
        plt.close(figure)
        rows.append(f"<tr><td>{i}</td><td>{scores[i]:.3g}</td><td>{_img(name, str(i))}</td></tr>")
    reading = (
        f"The {len(chosen)} given sequences with the highest prediction, each substitution's "
        "effect (the mutant's prediction minus the sequence's; red raises it, blue lowers it; "
        "a dot marks the sequence's own symbol). The logo: each base's effect against the "
        "mean of its substitutions."
    )
    header = ["sequence (row of X)", "prediction", "mutagenesis map"]
    return (chosen, effects), _section("Saturation mutagenesis", reading, header, rows)


def _substitutions(readout, codes):
    """Effects of every single substitution of one sequence, shape (length, n_symbols); 0 for
    its own symbols and for unknown symbols or padding, which are not mutated."""
    size = readout.alphabet.size
    positions = np.flatnonzero(codes < size)
    mutants = np.repeat(codes[None], len(positions) * size, axis=0)
    mutants[np.arange(len(mutants)), np.repeat(positions, size)] = np.tile(
        np.arange(size, dtype=codes.dtype), len(positions)
    )
    values = readout(np.concatenate([codes[None], mutants]))
    effects = np.zeros((len(codes), size))
    effects[positions] = (values[1:] - values[0]).reshape(len(positions), size)
    effects[positions, codes[positions]] = 0.0
    return effects


def _designs(estimator, n, folder, options, database):
    from ..experiments import design_sequences

    table = design_sequences(
        estimator,
        target=options["target"],
        n_designs=n,
        database=database,
        random_state=options["random_state"],
    )
    write_table(table, folder / "designs.tsv")
    rows = [
        f"<tr><td>{i}</td><td>{r.score:.3g}</td><td>{r.start_score:.3g}</td><td>{r.edits}</td>"
        + (f"<td>{html.escape(r.named_motifs) or 'none'}</td>" if database is not None else "")
        + f"<td><code>{r.sequence}</code></td></tr>"
        for i, r in enumerate(table.itertuples())
    ]
    reading = (
        f"{n} designs from random starts, greedy: each step keeps the single substitution "
        "that raises the prediction most, until none does. Edits: positions changed from the "
        "start."
    )
    if database is not None:
        reading += (
            f" Motifs: hits of {html.escape(str(database))} (FIMO, p &le; 1e-4) that carry at "
            "least a tenth of the design's DeepLIFT/SHAP contribution, with their sign and "
            "start."
        )
    header = ["design", "prediction", "start's prediction", "edits"]
    header += ["motifs"] if database is not None else []
    return table, _section("Designs", reading, [*header, "sequence"], rows)
