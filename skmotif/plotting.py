"""Figures: each function draws on the Axes it is given (or a new one) and returns it,
or writes the one file it is given, and closes its figures.

Colour dicts map symbols to colours and override the default logo colours (A green,
C blue, G orange, T/U red).
Reports that put several figures together are in :mod:`skmotif.report`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import numpy as np

from . import _figures
from ._alphabet import INVALID, Alphabet
from ._deprecated import removed_names
from ._figures import save_figure
from ._labels import check_labels, is_multilabel, label_indicator, regression_columns
from ._motif import MotifPair

if TYPE_CHECKING:
    import os
    from collections.abc import Sequence

    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from numpy.typing import ArrayLike

__all__ = [
    "plot_ablation",
    "plot_attribution",
    "plot_clustering",
    "plot_insertion",
    "plot_logos",
    "plot_mutagenesis",
    "plot_performance",
    "plot_spacing",
]

__getattr__ = removed_names(
    __name__,
    {
        "plot_logo": (
            "skmotif._figures",
            "plot_logo",
            "draw a motif with Motif.plot(ax), a sequence+structure pair with pair.plot(axes)",
        ),
        "plot_roc": (
            "skmotif.plotting",
            "_plot_roc",
            "plot_performance(y_true, y_proba, classes) draws the ROC and precision-recall curves",
        ),
        "plot_precision_recall": (
            "skmotif.plotting",
            "_plot_precision_recall",
            "plot_performance(y_true, y_proba, classes) draws the ROC and precision-recall curves",
        ),
    },
)


def plot_logos(
    motifs: list,
    output_file: str | os.PathLike,
    titles: list[str] | None = None,
    colors_sequence: dict | None = None,
    colors_structure: dict | None = None,
) -> None:
    """A column of logos, one per motif (two rows for a MotifPair), written to a PNG.

    Parameters
    ----------
    motifs : list of Motif or MotifPair
    output_file : str or path-like
    titles : list of str, optional
        One per motif.
    colors_sequence, colors_structure : dict of str to str, optional

    Returns
    -------
    path : str or path-like
        ``output_file``.
    """
    per_motif = 2 if isinstance(motifs[0], MotifPair) else 1
    width = max(4.0, 0.12 * len(motifs[0]) + 1.5)
    fig, axes = plt.subplots(
        len(motifs) * per_motif, 1, figsize=(width, 1.7 * per_motif * len(motifs)), squeeze=False
    )
    titles = titles or [None] * len(motifs)
    for i, (motif, title) in enumerate(zip(motifs, titles, strict=True)):
        rows = axes[i * per_motif : (i + 1) * per_motif, 0]
        _figures.plot_logo(motif, rows, colors_sequence, colors_structure, title=title)
    fig.tight_layout()
    save_figure(fig, output_file)
    return output_file


def plot_clustering(
    activations: ArrayLike,
    y: ArrayLike,
    output_file: str | os.PathLike,
    classes: list | None = None,
    max_samples: int = 5000,
    random_state: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Ward clustering of sequences and kernels by standardised max activation.

    Parameters
    ----------
    activations : array-like, shape (n_samples, n_kernels)
        E.g. ``KernelActivationTransformer(clf).transform(X)``.
    y : array-like, shape (n_samples,)
        Class labels (multi-label y is not supported).
    output_file : str or path-like
        The PNG to write.
    classes : list, optional
        Only sequences of these classes.
    max_samples : int, default=5000
        Ward linkage costs O(n^2) memory: larger sets are subsampled at
        random (stratified by class), as the title says.
    random_state : int, default=0

    Returns
    -------
    sample_order : ndarray of int
        Rows of ``activations`` top to bottom in the heat map.
    kernel_order : ndarray of int
        Kernels left to right.
    """
    activations, y = np.asarray(activations, dtype=float), check_labels(y)
    if is_multilabel(y):
        raise ValueError("plot_clustering needs one class per sequence; y is multi-label.")
    y = y.ravel()
    if activations.ndim != 2 or len(activations) != len(y):
        raise ValueError("activations must have shape (n_samples, n_kernels) matching y.")
    rows = np.arange(len(y)) if classes is None else np.flatnonzero(np.isin(y, classes))
    if len(rows) < 2:
        raise ValueError(f"Fewer than 2 sequences of the classes {classes}.")
    title = f"{len(rows)} sequences x {activations.shape[1]} kernels"
    if len(rows) > max_samples:
        from sklearn.model_selection import train_test_split

        rows, _ = train_test_split(
            rows, train_size=max_samples, stratify=y[rows], random_state=random_state
        )
        rows = np.sort(rows)
        title = f"{max_samples} of {title} (random subset)"
    values = activations[rows]
    sd = values.std(axis=0)
    z = (values - values.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
    fig = plt.figure(figsize=(8, 7))
    grid = fig.add_gridspec(
        2, 4, width_ratios=[1.2, 0.25, 6, 0.25], height_ratios=[1.2, 6], wspace=0.02, hspace=0.02
    )
    row_order, col_order = _dendrograms(z, fig, grid)
    _clustering_heat_map(z, y[rows], row_order, col_order, fig, grid)
    fig.suptitle(title)
    save_figure(fig, output_file)
    # Dendrogram leaves run bottom to top; the heat map was flipped to read top-down.
    return rows[row_order][::-1], np.asarray(col_order)


def _dendrograms(z, fig, grid):
    """Ward trees of the rows (left) and columns (top) of ``z``; their leaf orders."""
    from scipy.cluster import hierarchy

    style = dict(no_labels=True, color_threshold=0, above_threshold_color="k")
    row_link = hierarchy.linkage(z, method="ward")
    row_order = hierarchy.dendrogram(
        row_link, orientation="left", ax=fig.add_subplot(grid[1, 0]), **style
    )["leaves"]
    col_order = [0]
    if z.shape[1] > 1:
        col_link = hierarchy.linkage(z.T, method="ward")
        col_order = hierarchy.dendrogram(col_link, ax=fig.add_subplot(grid[0, 2]), **style)[
            "leaves"
        ]
    for ax in fig.axes:
        ax.set_axis_off()
    return row_order, col_order


def _clustering_heat_map(z, y, row_order, col_order, fig, grid):
    """The class bar, the heat map of ``z`` in the trees' order, its colour bar and legend."""
    labels, codes = np.unique(y, return_inverse=True)
    cmap = plt.get_cmap("tab10" if len(labels) <= 10 else "tab20")
    bar = fig.add_subplot(grid[1, 1])
    bar.imshow(
        codes[row_order][::-1, None],
        aspect="auto",
        cmap=cmap,
        vmin=0,
        vmax=cmap.N - 1,
        interpolation="nearest",
    )
    bar.set_axis_off()
    heat = fig.add_subplot(grid[1, 2])
    image = heat.imshow(
        z[np.ix_(row_order, col_order)][::-1],
        aspect="auto",
        cmap="RdBu_r",
        vmin=-3,
        vmax=3,
        interpolation="nearest",
    )
    heat.set_yticks([])
    heat.set_xticks(range(len(col_order)), [str(k) for k in col_order], fontsize=6)
    heat.set_xlabel("kernel")
    fig.colorbar(image, cax=fig.add_subplot(grid[1, 3]), label="max activation (z-score)")
    handles = [plt.Rectangle((0, 0), 1, 1, color=cmap(i)) for i in range(len(labels))]
    fig.legend(handles, [str(c) for c in labels], title="class", loc="upper left", frameon=False)


def _curves(kind, y_true, y_proba, classes, ax):
    from sklearn.metrics import auc, average_precision_score, precision_recall_curve, roc_curve

    truth, _, _ = label_indicator(y_true, classes)
    proba = np.asarray(y_proba, dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.2))
    for c, name in enumerate(classes):
        t = truth[:, c]
        if not t.any() or t.all():
            ax.plot([], [], label=f"{name}: one class only, no curve")
            continue
        if kind == "roc":
            fpr, tpr, _ = roc_curve(t, proba[:, c])
            ax.plot(fpr, tpr, label=f"{name} (auROC {auc(fpr, tpr):.3f})")
        else:
            precision, recall, _ = precision_recall_curve(t, proba[:, c])
            area = average_precision_score(t, proba[:, c])
            ax.plot(recall, precision, label=f"{name} (auPRC {area:.3f})")
    if kind == "roc":
        ax.plot([0, 1], [0, 1], color="grey", linestyle=":", linewidth=1)
        ax.set(xlabel="false positive rate", ylabel="true positive rate", title="ROC")
    else:
        ax.set(xlabel="recall", ylabel="precision", title="Precision-recall")
    ax.legend(
        fontsize="small", frameon=False, loc="lower right" if kind == "roc" else "lower left"
    )
    return ax


def plot_performance(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    classes: ArrayLike | None = None,
    task: str = "classification",
) -> Figure:
    """The figure of :func:`skmotif.report.performance_report`, to show or save.

    Classification: ROC and precision-recall curves of every class against
    the rest, auROC and auPRC in the legends. Regression: one panel per
    output of the predicted against the measured values (a density of
    hexagons above 2,000 samples), R², Pearson r and n in its title.

    Parameters
    ----------
    y_true : array-like, shape (n_samples,) or (n_samples, n_outputs)
        Labels, or a 0/1 indicator matrix for multi-label data; for
        regression, the measured values (NaN where missing).
    y_pred : array-like, shape (n_samples, n_classes), or (n_samples[, n_outputs])
        ``predict_proba`` output, columns in the order of ``classes``; for
        regression, ``predict`` output.
    classes : array-like, shape (n_classes,), optional
        E.g. ``clf.classes_``; for regression the outputs' names (e.g.
        ``reg.output_names_``), or None.
    task : {"classification", "regression"}, default="classification"

    Returns
    -------
    fig : matplotlib Figure

    Examples
    --------
    >>> proba = [[0.9, 0.1], [0.4, 0.6], [0.6, 0.4], [0.1, 0.9]]
    >>> fig = plot_performance([0, 0, 1, 1], proba, [0, 1])
    >>> [ax.get_title() for ax in fig.axes]
    ['ROC', 'Precision-recall']
    """
    if task not in ("classification", "regression"):
        raise ValueError(f"task must be 'classification' or 'regression'; got {task!r}.")
    if task == "regression":
        return _measured_predicted(*regression_columns(y_true, y_pred, classes))
    fig, (roc_ax, pr_ax) = plt.subplots(1, 2, figsize=(9, 4.2))
    _curves("roc", y_true, y_pred, classes, roc_ax)
    _curves("pr", y_true, y_pred, classes, pr_ax)
    fig.tight_layout()
    return fig


def _measured_predicted(truth, pred, names):
    """One panel per output: predicted against measured values, R², r and n in the title."""
    from sklearn.metrics import r2_score

    from .metrics import pearson_r

    columns = min(len(names), 3)
    rows = -(-len(names) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4.2 * columns, 3.9 * rows), squeeze=False)
    for o, (name, ax) in enumerate(zip(names, axes.ravel(), strict=False)):
        known = ~np.isnan(truth[:, o])
        t, p = truth[known, o], pred[known, o]
        if known.sum() > _figures.DENSITY_ABOVE:
            ax.hexbin(t, p, gridsize=50, bins="log", cmap="Blues", mincnt=1)
        else:
            ax.scatter(t, p, s=8, alpha=0.5, linewidths=0)
        if known.any():
            low, high = min(t.min(), p.min()), max(t.max(), p.max())
            ax.plot([low, high], [low, high], color="grey", linestyle=":", linewidth=1)
        r2, r = (r2_score(t, p), pearson_r(t, p)) if known.sum() >= 2 else (np.nan, np.nan)
        ax.set(
            xlabel=f"measured {name}",
            ylabel=f"predicted {name}",
            title=f"R² = {r2:.3f}, r = {r:.3f} (n = {known.sum()})",
        )
    for ax in axes.ravel()[len(names) :]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def _plot_roc(y_true, y_proba, classes, ax=None):
    """0.5's ``plot_roc``, kept until 0.7.0 (see ``skmotif._deprecated``)."""
    return _curves("roc", y_true, y_proba, classes, ax)


def _plot_precision_recall(y_true, y_proba, classes, ax=None):
    """0.5's ``plot_precision_recall``, kept until 0.7.0 (see ``skmotif._deprecated``)."""
    return _curves("pr", y_true, y_proba, classes, ax)


def plot_attribution(
    attribution: ArrayLike,
    symbols: str | Alphabet,
    ax: Axes | None = None,
    colors: dict | None = None,
    title: str | None = None,
) -> Axes:
    """Logo of one sequence's attribution: glyph heights are scores, negative below zero.

    Parameters
    ----------
    attribution : array-like, shape (length, n_symbols)
        E.g. ``saliency(clf, [seq], target)[0]``, or an ISM matrix.
    symbols : str or Alphabet
        Column symbols, e.g. ``str(clf.alphabet_)``.
    ax : matplotlib Axes, optional
    colors : dict of str to str, optional
    title : str, optional

    Returns
    -------
    ax : matplotlib Axes
    """
    from ._glyphs import draw_logo

    symbols = str(symbols)
    values = np.asarray(attribution, dtype=float)
    if values.ndim != 2 or values.shape[1] != len(symbols):
        raise ValueError(
            f"attribution must have shape (length, {len(symbols)}); got {values.shape}."
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(max(4.0, 0.12 * len(values) + 1.5), 2.0))
    draw_logo(ax, values, symbols, colors, "attribution")
    if title:
        ax.set_title(title)
    return ax


#: The colour bar's label: what ism's effects are.
_EFFECT_LABEL = "Δ logit (mutant − reference)"


def plot_mutagenesis(
    effects: ArrayLike,
    sequence: str,
    symbols: str | Alphabet,
    attribution: ArrayLike | None = None,
    start: int | None = None,
    end: int | None = None,
    axes: Sequence[Axes] | None = None,
    colors: dict | None = None,
    cmap: str = "RdBu_r",
    vmax: float | None = None,
    title: str | None = None,
) -> Figure:
    """Saturation mutagenesis map: a heat map of every substitution's effect under a logo.

    The heat map has a row per symbol (alphabet order, top down) and a column
    per position. Its colours are centred on 0 over a symmetric range
    ``[-vmax, vmax]`` (by default blue where a substitution lowers the logit,
    red where it raises it); a dot marks the symbol of ``sequence`` at each
    position, the reference (whose effect :func:`~skmotif.interpret.ism`
    gives as 0). The logo above shares the x axis. By default it draws, at
    each position ``p``, only the reference symbol ``r``, with height::

        effects[p, r] - mean(effects[p, c] for every symbol c != r)

    the effect of the reference symbol relative to the mean of its
    alternatives: with ISM effects, minus the mean effect of the
    ``n_symbols - 1`` substitutions, so a letter above 0 is a symbol whose
    replacements lower the logit on average. Positions with an unknown
    symbol or past the end of ``sequence`` get no dot and no letter.

    Parameters
    ----------
    effects : array-like, shape (length, n_symbols)
        One sequence's ISM matrix, e.g. ``ism(clf, [seq], target)[0]``.
    sequence : str
        The sequence the effects are of, at most ``length`` symbols (a
        shorter one is padded at its end, as the estimator reads it).
    symbols : str or Alphabet
        The symbols of the effects' columns, e.g. ``clf.alphabet_``.
    attribution : array-like, shape (length, n_symbols), optional
        The logo's letter heights instead, e.g.
        ``deep_lift_shap(clf, [seq], target)[0]``.
    start, end : int, optional
        Draw positions ``start`` to ``end - 1`` (0-based, as a slice), for
        long sequences; by default all. The x axis keeps the sequence's
        positions.
    axes : sequence of two matplotlib Axes, optional
        The logo's and the heat map's; by default a new figure. The colour
        bar goes just right of the heat map, taking no space from it.
    colors : dict of str to str, optional
        Logo colours.
    cmap : str, default="RdBu_r"
        A diverging colormap.
    vmax : float, optional
        Colours span ``[-vmax, vmax]``; by default the largest absolute
        effect in the window (1 if all are 0). Give several figures the same
        for one scale.
    title : str, optional

    Returns
    -------
    fig : matplotlib Figure
        The figure drawn on; when made here, ``fig.axes`` is the logo and
        the heat map (its colour bar: ``fig.axes[1].child_axes[0]``).
        Nothing is closed.
    """
    values, reference, heights, window, vmax = _mutagenesis_inputs(
        effects, sequence, symbols, attribution, start, end, vmax
    )
    symbols = str(symbols)
    axes = _mutagenesis_figure(window.stop - window.start, len(symbols)) if axes is None else axes
    if len(np.atleast_1d(axes)) != 2:
        raise ValueError(
            "axes must be two matplotlib Axes (the logo's, then the heat map's); "
            f"got {len(np.atleast_1d(axes))}."
        )
    logo, heat = np.atleast_1d(axes)
    label = "ref − mean alt" if heights is None else "attribution"
    heights = _reference_logo(values, reference) if heights is None else heights
    from ._glyphs import draw_logo

    draw_logo(logo, heights[window], symbols, colors, label, first=window.start)
    logo.set_xlabel("")
    _mutagenesis_heat(heat, values[window], reference[window], symbols, window.start, cmap, vmax)
    if title:
        logo.set_title(title)
    return heat.figure


def _mutagenesis_inputs(effects, sequence, symbols, attribution, start, end, vmax):
    """plot_mutagenesis's checked inputs: effects, reference codes (-1: none), the logo
    heights or None, the window as a slice, and the colour range."""
    if not isinstance(symbols, (str, Alphabet)):
        raise ValueError(
            f"symbols must be a str or an Alphabet, one symbol per column of the effects "
            f"(e.g. clf.alphabet_); got {type(symbols).__name__}."
        )
    alphabet = symbols if isinstance(symbols, Alphabet) else Alphabet(symbols)
    values = _finite_matrix("effects", effects, None, len(alphabet), "ism(clf, [seq], target)[0]")
    length = len(values)
    heights = None
    if attribution is not None:
        heights = _finite_matrix("attribution", attribution, length, len(alphabet), "")
    if not isinstance(sequence, str) or len(sequence) > length:
        what = f"{len(sequence)} symbols" if isinstance(sequence, str) else type(sequence).__name__
        raise ValueError(
            f"sequence must be one str of at most {length} symbols (the effects' length), "
            f"the one the effects are of; got {what}."
        )
    text = np.frombuffer(sequence.encode("ascii", "replace"), np.uint8)
    codes = alphabet.lookup_table()[text].astype(int)
    if (codes == INVALID).any():
        at = int(np.argmax(codes == INVALID))
        raise ValueError(
            f"sequence holds {sequence[at]!r} at position {at}, which is not in the alphabet "
            f"{alphabet.symbols!r}; pass the symbols the effects' columns are."
        )
    reference = np.full(length, -1)
    reference[: len(codes)] = np.where(codes < len(alphabet), codes, -1)
    window = _window(start, end, length)
    return values, reference, heights, window, _colour_range(vmax, values[window])


def _finite_matrix(name, values, length, n_symbols, example):
    """``values`` as a float ndarray of shape (length, n_symbols); ValueError otherwise."""
    values = np.asarray(values, dtype=float)
    if values.ndim != 2 or values.shape[1] != n_symbols or (length and len(values) != length):
        rows = "length" if length is None else str(length)
        hint = f" (one sequence's, e.g. {example})" if example else ""
        raise ValueError(
            f"{name} must have shape ({rows}, {n_symbols}){hint}; got {values.shape}."
        )
    if len(values) == 0 or not np.isfinite(values).all():
        raise ValueError(f"{name} must hold at least one position and only finite values.")
    return values


def _window(start, end, length):
    """The slice of positions start to end - 1; ValueError naming the valid range."""
    start = 0 if start is None else start
    end = length if end is None else end
    ints = all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in (start, end))
    if not ints or not 0 <= start < end <= length:
        raise ValueError(
            f"start and end must be ints with 0 <= start < end <= {length} (the effects' "
            f"length); got start={start!r}, end={end!r}."
        )
    return slice(int(start), int(end))


def _colour_range(vmax, values):
    """The symmetric colour range's top: ``vmax``, or the largest absolute value (1 if 0)."""
    if vmax is None:
        return float(np.abs(values).max()) or 1.0
    if isinstance(vmax, bool) or not np.isscalar(vmax) or not 0 < vmax < np.inf:
        raise ValueError(f"vmax must be a positive finite number; got {vmax!r}.")
    return float(vmax)


def _reference_logo(effects, reference):
    """Logo heights, shape (length, n_symbols): at each position the reference symbol's
    effect minus the mean effect of the other symbols there; 0 elsewhere."""
    known = np.flatnonzero(reference >= 0)
    own = effects[known, reference[known]]
    others = (effects[known].sum(axis=1) - own) / (effects.shape[1] - 1)
    heights = np.zeros_like(effects)
    heights[known, reference[known]] = own - others
    return heights


def _mutagenesis_figure(width, n_symbols):
    """A new figure: a logo above a heat map of ``n_symbols`` rows, sharing x; margins in
    inches, the right one holding the colour bar."""
    heat_height = max(1.0, 0.28 * n_symbols)
    size = (max(5.0, 0.14 * width + 2.2), 1.4 + heat_height + 0.9)
    _, axes = plt.subplots(
        2,
        1,
        sharex=True,
        figsize=size,
        gridspec_kw=dict(height_ratios=[1.4, heat_height], hspace=0.08),
    )
    axes[0].figure.subplots_adjust(
        left=0.8 / size[0], right=1 - 1.2 / size[0], bottom=0.55 / size[1], top=1 - 0.35 / size[1]
    )
    return axes


def _mutagenesis_heat(ax, values, reference, symbols, first, cmap, vmax):
    """The heat map of ``values`` (window, n_symbols) transposed, a dot at each reference
    symbol, and a colour bar right of it."""
    from matplotlib.collections import EllipseCollection
    from matplotlib.ticker import MaxNLocator

    width = len(values)
    image = ax.imshow(
        values.T,
        aspect="auto",
        cmap=cmap,
        vmin=-vmax,
        vmax=vmax,
        interpolation="nearest",
        extent=(first - 0.5, first + width - 0.5, len(symbols) - 0.5, -0.5),
    )
    known = np.flatnonzero(reference >= 0)
    box = ax.get_window_extent()
    aspect = (box.height / len(symbols)) / (box.width / width)  # a cell's height / width
    ax.add_collection(
        EllipseCollection(  # round dots at a third of the cell's shorter side
            0.35 * min(1.0, aspect),
            0.35 * min(1.0, 1 / aspect),
            0.0,
            units="xy",
            offsets=np.column_stack([first + known, reference[known]]),
            offset_transform=ax.transData,
            color="0.1",
        ),
        autolim=False,
    )
    ax.set_yticks(range(len(symbols)), list(symbols))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(xlabel="position", ylabel="substitution", xlim=(first - 0.5, first + width - 0.5))
    colour_bar = ax.inset_axes([1.015, 0.0, 0.02, 1.0])
    ax.figure.colorbar(image, cax=colour_bar, label=_EFFECT_LABEL)


def _experiment_table(table, columns, what):
    import pandas as pd

    if not isinstance(table, pd.DataFrame) or any(c not in table.columns for c in columns):
        raise ValueError(f"{what} draws the table of skmotif.experiments with columns {columns}.")
    return table


def plot_insertion(table: pd.DataFrame, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Effect of an inserted motif against its position, with its interval as a band.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`skmotif.experiments.insert_motif`'s, one row per position
        (several strands: one curve each).
    ax : matplotlib Axes, optional
    title : str, optional
        Default the motif's name.

    Returns
    -------
    ax : matplotlib Axes
    """
    table = _experiment_table(
        table, ["position", "strand", "effect", "low", "high"], "plot_insertion"
    )
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, 3.0))
    for strand, rows in table.groupby("strand", sort=False):
        rows = rows.sort_values("position")
        (line,) = ax.plot(
            rows.position,
            rows.effect,
            marker="." if len(rows) < 30 else None,
            label=f"strand {strand}",
        )
        ax.fill_between(
            rows.position, rows.low, rows.high, color=line.get_color(), alpha=0.25, lw=0
        )
    ax.axhline(0.0, color="0.5", lw=0.8)
    scale = table.attrs.get("scale", "readout")
    ax.set(
        xlabel="motif start", ylabel=f"effect ({scale})", title=title or table.attrs.get("motif")
    )
    if table.strand.nunique() > 1:
        ax.legend(frameon=False)
    return ax


def plot_spacing(table: pd.DataFrame, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Interaction of a motif pair against their spacing, one curve per orientation.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`skmotif.experiments.motif_spacing`'s.
    ax : matplotlib Axes, optional
    title : str, optional
        Default "first + second".

    Returns
    -------
    ax : matplotlib Axes
        Interaction (the pair's effect minus the sum of the single ones)
        with its interval as a band; 0 is additive.
    """
    table = _experiment_table(
        table, ["orientation", "spacing", "interaction", "low", "high"], "plot_spacing"
    )
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, 3.0))
    for orientation, rows in table.groupby("orientation", sort=False):
        rows = rows.sort_values("spacing")
        (line,) = ax.plot(rows.spacing, rows.interaction, marker=".", label=orientation)
        ax.fill_between(rows.spacing, rows.low, rows.high, color=line.get_color(), alpha=0.2, lw=0)
    ax.axhline(0.0, color="0.5", lw=0.8)
    scale = table.attrs.get("scale", "readout")
    default = f"{table.attrs.get('first', 'first')} + {table.attrs.get('second', 'second')}"
    ax.set(
        xlabel="spacing (positions between the motifs)",
        ylabel=f"interaction ({scale})",
        title=title or default,
    )
    ax.legend(title="orientation", frameon=False)
    return ax


def plot_ablation(table: pd.DataFrame, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Effects of destroying each occurrence of a motif: their histogram and their mean.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`skmotif.experiments.ablate_motif`'s per-occurrence table (its
        first).
    ax : matplotlib Axes, optional
    title : str, optional
        Default the motif's name.

    Returns
    -------
    ax : matplotlib Axes
        One bar per range of effects (ablated minus original: below 0 where
        the occurrence raised the readout), the mean as a dashed line and 0
        as a grey one.
    """
    table = _experiment_table(table, ["sequence", "start", "effect"], "plot_ablation")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, 3.0))
    effects = table.effect.to_numpy(float)
    if len(effects):
        ax.hist(effects, bins=min(40, max(5, len(effects) // 5)), color="#4878a8")
        ax.axvline(effects.mean(), color="k", ls="--", lw=1, label=f"mean {effects.mean():.3g}")
        ax.legend(frameon=False)
    ax.axvline(0.0, color="0.5", lw=0.8)
    scale = table.attrs.get("scale", "readout")
    ax.set(
        xlabel=f"effect of destroying the occurrence ({scale})",
        ylabel="occurrences",
        title=title or table.attrs.get("motif"),
    )
    return ax
