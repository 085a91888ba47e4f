"""Plots of what the first-layer kernels learned, and the kernel summary report.

Every function writes only the files it names, into the folder the user
gave, and closes its figures. Colour dicts map symbols to colours and
override :data:`skmotif.motif.COLORS`.
"""

import threading
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from joblib import Parallel, delayed

from ._figures import KernelFigures, draw_kernel, plot_logo, save_figure, warm_up_drawing
from .activations import activation_profiles
from .interpret import (
    KernelSummary,
    above_threshold,
    numeric_alphabet,
    optimize_inputs,
    pwm_motifs,
)


def _kernel_data(estimator, X, y, activations=None):
    """:class:`KernelSummary` plus the per-class activation profiles of every kernel."""
    summary = KernelSummary.compute(estimator, X, y, activations)
    above = above_threshold(summary.activations.max, summary.threshold)
    selected = above[:, :, None] & summary.membership[:, None, :]
    mean, sd = activation_profiles(estimator, summary.activations, selected)
    return summary, mean, sd


def _kernel_figures(estimator, data, mean, sd, kernel):
    acts = data.activations
    column, where = acts.max[:, kernel], acts.argmax[:, kernel]
    above = above_threshold(column, data.threshold[kernel])
    histogram = np.stack(
        [
            np.bincount(where[above & data.membership[:, c]], minlength=acts.n_positions)
            for c in range(len(data.classes))
        ]
    )
    motif, rows = data.motif(estimator, kernel)
    features = None
    if motif is not None and acts.n_symbols is None:
        n_sequence = len(numeric_alphabet(estimator))
        if acts.inputs.shape[2] > n_sequence:
            offsets = where[rows][:, None] + np.arange(acts.kernel_len)
            windows = acts.inputs[rows[:, None], offsets][:, :, n_sequence:]
            features = (windows.mean(axis=0), windows.std(axis=0))
    top = data.classes[data.top_class[kernel]]
    return KernelFigures(
        kernel=kernel,
        motif=motif,
        title=f"Kernel {kernel} ({len(rows)} sites, class {top})",
        classes=data.classes,
        threshold=float(data.threshold[kernel]),
        histogram=histogram,
        mean=mean[kernel],
        sd=sd[kernel],
        maxima=[column[data.membership[:, c]] for c in range(len(data.classes))],
        features=features,
    )


def _folder(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def visualize_kernel(
    estimator, X, y, kernel, folder, activations=None, colors_sequence=None, colors_structure=None
):
    """Motif, position, activation (and additional-feature) plots of one kernel.

    Writes ``motif_kernel_{k}.png`` (when some sequence exceeds the
    threshold), ``position_kernel_{k}.png``, ``activations_kernel_{k}.png``
    and, for numeric input with channels beyond the alphabet,
    ``additional_features_kernel_{k}.png`` into ``folder``.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    X : array-like
        Sequences of the kind the estimator was fit on.
    y : array-like, shape (n_samples,) or (n_samples, n_labels)
    kernel : int
    folder : str or path-like
        Created if missing.
    activations : KernelActivations, optional
        From :func:`skmotif.activations.kernel_activations` on the same X.
    colors_sequence, colors_structure : dict of str to str, optional

    Returns
    -------
    motif : Motif, (Motif, Motif) or None
    importance : float
    """
    folder = _folder(folder)
    data, mean, sd = _kernel_data(estimator, X, y, activations)
    if not 0 <= kernel < len(data.importance):
        raise ValueError(f"kernel must be in [0, {len(data.importance)}); got {kernel}.")
    figures = _kernel_figures(estimator, data, mean, sd, kernel)
    draw_kernel(figures, folder, colors_sequence, colors_structure)
    return figures.motif, float(data.importance[kernel])


def visualize_all_kernels(
    estimator,
    X,
    y,
    folder,
    activations=None,
    colors_sequence=None,
    colors_structure=None,
    n_jobs=-1,
    matches=None,
):
    """All kernel plots and ``summary.html``, one row per kernel by importance.

    Activations are computed once and reused for every kernel.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    X : array-like
    y : array-like, shape (n_samples,) or (n_samples, n_labels)
    folder : str or path-like
    activations : KernelActivations, optional
    colors_sequence, colors_structure : dict of str to str, optional
    n_jobs : int, default=-1
        Processes that draw the figures (joblib semantics; -1: all cores).
        Activations are computed once, in this process.
    matches : str, path-like or pandas.DataFrame, optional
        Name the kernels in ``summary.html``: a database for
        :func:`skmotif.match_motifs` (``"JASPAR2024"``, a MEME file), or its
        table for these kernels' motifs (e.g. with your own ``tax_group``).
        Each kernel then lists its best matches with q-value <= 0.05, and the
        whole table is written to ``matches.tsv``.

    Returns
    -------
    motifs : list, in kernel order
        Motif, (sequence Motif, structure Motif) or None per kernel, as in
        :func:`skmotif.kernel_motifs` (which also gives the importance).
    """
    from .report import write_kernel_summary

    folder = _folder(folder)
    # Start the drawing processes (they import matplotlib and logomaker) while
    # this one computes the activations.
    warm_up = threading.Thread(
        target=lambda: Parallel(n_jobs=n_jobs)(delayed(warm_up_drawing)() for _ in range(8))
    )
    warm_up.start()
    data, mean, sd = _kernel_data(estimator, X, y, activations)
    figures = [_kernel_figures(estimator, data, mean, sd, k) for k in range(len(data.importance))]
    warm_up.join()
    Parallel(n_jobs=n_jobs)(
        delayed(draw_kernel)(f, folder, colors_sequence, colors_structure) for f in figures
    )
    results = [(f.motif, i) for f, i in zip(figures, data.importance, strict=True)]
    if matches is not None and not hasattr(matches, "columns"):
        from .matching import match_motifs

        matches = match_motifs(results, database=matches)
    if matches is not None:
        matches.to_csv(folder / "matches.tsv", sep="\t", index=False)
    write_kernel_summary(results, folder, matches)
    return [f.motif for f in figures]


def plot_clustering(activations, y, output_file, classes=None, max_samples=5000, random_state=0):
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
    from scipy.cluster import hierarchy

    activations, y = np.asarray(activations, dtype=float), np.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:
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
    row_link = hierarchy.linkage(z, method="ward")
    col_link = hierarchy.linkage(z.T, method="ward") if z.shape[1] > 1 else None
    fig = plt.figure(figsize=(8, 7))
    grid = fig.add_gridspec(
        2, 4, width_ratios=[1.2, 0.25, 6, 0.25], height_ratios=[1.2, 6], wspace=0.02, hspace=0.02
    )
    row_order = hierarchy.dendrogram(
        row_link,
        orientation="left",
        no_labels=True,
        ax=fig.add_subplot(grid[1, 0]),
        color_threshold=0,
        above_threshold_color="k",
    )["leaves"]
    col_order = [0]
    if col_link is not None:
        col_order = hierarchy.dendrogram(
            col_link,
            no_labels=True,
            ax=fig.add_subplot(grid[0, 2]),
            color_threshold=0,
            above_threshold_color="k",
        )["leaves"]
    for ax in fig.axes:
        ax.set_axis_off()
    labels, codes = np.unique(y[rows], return_inverse=True)
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
    fig.suptitle(title)
    save_figure(fig, output_file)
    # Dendrogram leaves run bottom to top; the heat map was flipped to read top-down.
    return rows[row_order][::-1], np.asarray(col_order)


def visualize_optimized_inputs(
    estimator,
    layer_name,
    output_file,
    bound=0.1,
    lr=0.02,
    steps=600,
    colors_sequence=None,
    colors_structure=None,
    nodes=None,
):
    """Logos of the inputs that maximally activate each node of a layer.

    See :func:`skmotif.interpret.optimize_inputs` for the optimisation.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    layer_name : str
    output_file : str or path-like
        The PNG to write: one logo row (two for sequence+structure) per node.
    bound, lr, steps
        As in :func:`~skmotif.interpret.optimize_inputs`.
    colors_sequence, colors_structure : dict of str to str, optional
    nodes : list of int, optional

    Returns
    -------
    motifs : list of Motif or (Motif, Motif), one per node
    """
    pwm, activation = optimize_inputs(estimator, layer_name, nodes, bound, lr, steps)
    nodes = range(len(pwm)) if nodes is None else nodes
    motifs = [
        pwm_motifs(estimator, p, f"{layer_name}_{n}") for p, n in zip(pwm, nodes, strict=True)
    ]
    per_node = 2 if isinstance(motifs[0], tuple) else 1
    width = max(4.0, 0.12 * pwm.shape[1] + 1.5)
    fig, axes = plt.subplots(
        len(motifs) * per_node, 1, figsize=(width, 1.7 * per_node * len(motifs)), squeeze=False
    )
    for i, (motif, node, value) in enumerate(zip(motifs, nodes, activation, strict=True)):
        plot_logo(
            motif,
            axes[i * per_node : (i + 1) * per_node, 0],
            colors_sequence,
            colors_structure,
            title=f"{layer_name}, node {node}: activation {value:.2f}",
        )
    fig.tight_layout()
    save_figure(fig, output_file)
    return motifs


def _curves(kind, y_true, y_proba, classes, ax):
    from sklearn.metrics import auc, average_precision_score, precision_recall_curve, roc_curve

    from .report import truth_indicator

    truth, _ = truth_indicator(y_true, classes)
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


def plot_roc(y_true, y_proba, classes, ax=None):
    """ROC curve of every class against the rest, auROC in the legend.

    Parameters
    ----------
    y_true : array-like, shape (n_samples,) or (n_samples, n_classes)
    y_proba : array-like, shape (n_samples, n_classes)
    classes : array-like, shape (n_classes,)
    ax : matplotlib Axes, optional

    Returns
    -------
    ax : matplotlib Axes
    """
    return _curves("roc", y_true, y_proba, classes, ax)


def plot_precision_recall(y_true, y_proba, classes, ax=None):
    """Precision-recall curve of every class against the rest, auPRC in the legend.

    Parameters
    ----------
    y_true : array-like, shape (n_samples,) or (n_samples, n_classes)
    y_proba : array-like, shape (n_samples, n_classes)
    classes : array-like, shape (n_classes,)
    ax : matplotlib Axes, optional

    Returns
    -------
    ax : matplotlib Axes
    """
    return _curves("pr", y_true, y_proba, classes, ax)


def plot_attribution(attribution, symbols, ax=None, colors=None, title=None):
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
    import logomaker
    import pandas as pd

    from .motif import COLORS

    symbols = str(symbols)
    values = np.asarray(attribution, dtype=float)
    if values.ndim != 2 or values.shape[1] != len(symbols):
        raise ValueError(
            f"attribution must have shape (length, {len(symbols)}); got {values.shape}."
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(max(4.0, 0.12 * len(values) + 1.5), 2.0))
    scheme = {s: COLORS.get(s.upper(), "black") for s in symbols}
    scheme.update(colors or {})
    logomaker.Logo(
        pd.DataFrame(values, columns=list(symbols)),
        ax=ax,
        color_scheme=scheme,
        font_name="DejaVu Sans",
        flip_below=False,
    )
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.set(xlabel="position", ylabel="attribution")
    if title:
        ax.set_title(title)
    return ax
