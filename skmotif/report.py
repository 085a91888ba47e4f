"""Reports: statistics -> figures -> matches -> files, put together for one model.

* the performance report: per-class metrics (:func:`performance_report`),
  written with its ROC and precision-recall figure by :func:`write_performance`;
* the kernel report: every first-layer kernel's logo, position and activation
  figures and ``summary.html`` (:func:`visualize_all_kernels`, one kernel:
  :func:`visualize_kernel`);
* the attribution report: each class's TF-MoDISco patterns with their logos,
  matches and ``patterns.html`` (:func:`visualize_patterns`);
* logos of optimized inputs (:func:`visualize_optimized_inputs`).

The figures themselves are drawn by :mod:`skmotif.plotting` and the kernel
drawing module; this module computes what they show and names the files.
"""

import html
import threading
from pathlib import Path

import numpy as np
from sklearn.utils.validation import check_is_fitted

from ._figures import (
    KERNEL_FILES,
    KernelFigures,
    draw_kernel,
    plot_logo,
    save_figure,
    warm_up_drawing,
)
from ._files import write_table, write_text
from ._labels import class_index, label_indicator
from .activations import activation_profiles
from .interpret.kernels import MAX_SITES, KernelMotif, KernelSummary
from .interpret.optimize import optimize_inputs, optimized_motifs
from .motif import MotifPair
from .plotting import plot_attribution, plot_logos, plot_precision_recall, plot_roc

__all__ = [
    "performance_report",
    "visualize_all_kernels",
    "visualize_kernel",
    "visualize_optimized_inputs",
    "visualize_patterns",
    "write_kernel_summary",
    "write_pattern_summary",
    "write_performance",
]

_STYLE = """
body { font-family: sans-serif; margin: 1.5em; }
table { border-collapse: collapse; }
td, th { border-bottom: 1px solid #ddd; padding: 6px; vertical-align: middle; text-align: left; }
th { background: #f4f4f4; position: sticky; top: 0; }
img { max-height: 220px; }
code { font-size: 0.85em; }
"""


def _folder(folder):
    """The output folder, created, as an absolute path: the drawing processes are reused
    between calls and keep the working directory they started in."""
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# -- performance -------------------------------------------------------------------


def performance_report(y_true, y_proba, classes):
    """Per-class precision, recall, F1, auROC, auPRC and support, plus their weighted average.

    Parameters
    ----------
    y_true : array-like, shape (n_samples,) or (n_samples, n_classes)
        Labels, or a 0/1 indicator matrix for multi-label data.
    y_proba : array-like, shape (n_samples, n_classes)
        ``predict_proba`` output, columns in the order of ``classes``.
    classes : array-like, shape (n_classes,)
        E.g. ``clf.classes_``.

    Returns
    -------
    report : pandas.DataFrame
        One row per class (each taken as the positive class against all
        others; a binary problem has both rows) and a ``weighted avg`` row
        (support-weighted); columns precision, recall, f1, auROC, auPRC, n.
        ``report.to_string()`` is the text form.

    Notes
    -----
    Predictions are the most probable class for single-label data and
    ``proba > 0.5`` per label for multi-label data. auROC and auPRC (average
    precision) are NaN for a class without positive or negative samples.
    All numbers come from :mod:`sklearn.metrics`, one class column at a time.
    """
    import pandas as pd
    from sklearn.metrics import (
        average_precision_score,
        precision_recall_fscore_support,
        roc_auc_score,
    )

    truth, classes, multilabel = label_indicator(y_true, classes)
    proba = np.asarray(y_proba, dtype=float)
    if proba.shape != truth.shape:
        raise ValueError(f"y_proba has shape {proba.shape}; expected {truth.shape}.")
    if multilabel:
        predicted = proba > 0.5
    else:
        predicted = proba.argmax(axis=1)[:, None] == np.arange(len(classes))[None, :]
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, average=None, zero_division=0.0
    )
    both = truth.any(axis=0) & ~truth.all(axis=0)  # a curve needs positives and negatives
    curves = {
        name: [score(truth[:, c], proba[:, c]) if both[c] else np.nan for c in range(len(classes))]
        for name, score in (("auROC", roc_auc_score), ("auPRC", average_precision_score))
    }
    table = pd.DataFrame(
        {"precision": precision, "recall": recall, "f1": f1, **curves, "n": support},
        index=[str(c) for c in classes],
    )
    weights = support.astype(float)
    average = {}
    for col in ("precision", "recall", "f1", "auROC", "auPRC"):
        known = table[col].notna().to_numpy() & (weights > 0)
        values = table[col].to_numpy()[known]
        average[col] = np.average(values, weights=weights[known]) if known.any() else np.nan
    average["n"] = int(weights.sum())
    table.loc["weighted avg"] = average
    table["n"] = table["n"].astype(int)
    return table


def write_performance(y_true, y_proba, classes, folder):
    """Write ``performance.txt`` (the :func:`performance_report` table) and ``performance.png``.

    Parameters
    ----------
    y_true, y_proba, classes
        As for :func:`performance_report`.
    folder : str or path-like
        Created if missing.

    Returns
    -------
    report : pandas.DataFrame
    """
    import matplotlib.pyplot as plt

    from ._figures import save_figure

    folder = _folder(folder)
    table = performance_report(y_true, y_proba, classes)
    write_text(folder / "performance.txt", table.to_string(float_format="%.3f") + "\n")
    fig, (roc_ax, pr_ax) = plt.subplots(1, 2, figsize=(9, 4.2))
    plot_roc(y_true, y_proba, classes, ax=roc_ax)
    plot_precision_recall(y_true, y_proba, classes, ax=pr_ax)
    fig.tight_layout()
    save_figure(fig, folder / "performance.png")
    return table


# -- kernels -----------------------------------------------------------------------


def _kernel_figures(estimator, X, y, activations=None, kernels=None):
    """What the kernels' figures show (:class:`KernelFigures`, all kernels by default)."""
    summary = KernelSummary.compute(estimator, X, y, activations)
    n_kernels = len(summary.importance)
    kernels = range(n_kernels) if kernels is None else kernels
    for k in kernels:
        if not 0 <= k < n_kernels:
            raise ValueError(f"kernel must be in [0, {n_kernels}); got {k}.")
    above = summary.above()
    selected = above[:, :, None] & summary.membership[:, None, :]
    mean, sd = activation_profiles(estimator, summary.activations, selected)
    return [_one_kernel(summary, above[:, k], mean[k], sd[k], k) for k in kernels], summary


def _one_kernel(summary, above, mean, sd, kernel):
    """What one kernel's figures show; ``above``, ``mean``, ``sd`` are that kernel's."""
    acts = summary.activations
    column, where = acts.max[:, kernel], acts.argmax[:, kernel]
    histogram = np.stack(
        [
            np.bincount(where[above & summary.membership[:, c]], minlength=acts.n_positions)
            for c in range(len(summary.classes))
        ]
    )
    rows = summary.sites(kernel)
    motif = summary.motif(kernel, rows)
    features = None
    extra = acts.inputs.channels - acts.inputs.symbol_channels
    if motif is not None and not acts.inputs.is_codes and extra:
        windows = acts.inputs.windows(rows, where[rows], acts.kernel_len)
        windows = windows[:, :, acts.inputs.symbol_channels :]
        features = (windows.mean(axis=0), windows.std(axis=0))
    top = summary.classes[summary.top_class[kernel]]
    return KernelFigures(
        kernel=kernel,
        motif=motif,
        title=f"Kernel {kernel} ({len(rows)} sites, class {top})",
        classes=summary.classes,
        threshold=float(summary.threshold[kernel]),
        histogram=histogram,
        mean=mean,
        sd=sd,
        maxima=[column[summary.membership[:, c]] for c in range(len(summary.classes))],
        features=features,
    )


def visualize_kernel(
    estimator, X, y, kernel, folder, activations=None, colors_sequence=None, colors_structure=None
):
    """Motif, position, activation (and additional-feature) figures of one kernel.

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
    KernelMotif
        The kernel's (motif, importance).
    """
    (figures,), summary = _kernel_figures(estimator, X, y, activations, [kernel])
    draw_kernel(figures, _folder(folder), colors_sequence, colors_structure)
    return KernelMotif(figures.motif, float(summary.importance[kernel]))


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
    """The kernel report: every kernel's figures and ``summary.html``, most important first.

    The first convolution runs once over X (its activations are kept for
    the position profiles while they fit in
    :data:`skmotif.activations.KEEP_BYTES`); figures are drawn in ``n_jobs``
    processes.

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
    matches : str, path-like or pandas.DataFrame, optional
        Name the kernels in ``summary.html``: a database for
        :func:`skmotif.match_motifs` (``"JASPAR2024"``, a MEME file), or its
        table for these kernels' motifs (e.g. with your own ``tax_group``).
        Each kernel then lists its best matches with q-value <= 0.05, and the
        whole table is written to ``matches.tsv``.

    Returns
    -------
    list of KernelMotif, in kernel order
        As :func:`skmotif.kernel_motifs` returns them.
    """
    from joblib import Parallel, delayed

    folder = _folder(folder)
    # Start the drawing processes (they import matplotlib and outline the letters) while
    # this one computes the activations.
    warm_up = threading.Thread(
        target=lambda: Parallel(n_jobs=n_jobs)(delayed(warm_up_drawing)() for _ in range(8))
    )
    warm_up.start()
    figures, summary = _kernel_figures(estimator, X, y, activations)
    warm_up.join()
    Parallel(n_jobs=n_jobs)(
        delayed(draw_kernel)(f, folder, colors_sequence, colors_structure) for f in figures
    )
    results = [
        KernelMotif(f.motif, float(i)) for f, i in zip(figures, summary.importance, strict=True)
    ]
    if matches is not None and not hasattr(matches, "columns"):
        from .matching import match_motifs

        matches = match_motifs(results, database=matches)
    if matches is not None:
        write_table(matches, folder / "matches.tsv")
    write_kernel_summary(results, folder, matches, strands=_strands(estimator))
    return results


def _consensus(motif):
    if motif is None:
        return "no sequence above threshold"
    if isinstance(motif, MotifPair):
        return "<br>".join(html.escape(m.consensus) for m in motif)
    return html.escape(motif.consensus)


def _known(matches):
    """HTML lines naming a kernel's best significant database matches."""
    if matches is None or not len(matches):
        return "none"
    return "<br>".join(
        f"{html.escape(str(r.target_name))} ({html.escape(str(r.target_id))}, q={r.q_value:.1e})"
        for r in matches.itertuples()
    )


def _strands(estimator):
    """Which strand a report reads, for its page."""
    note = "Strand: the sequences as given (forward strand)."
    if getattr(estimator, "average_strands", False):
        note += " The model's predictions average both strands; this report reads one."
    return note


def write_kernel_summary(results, folder, matches=None, max_q=0.05, strands=""):
    """Write ``summary.html``: one row per kernel, most important first.

    Parameters
    ----------
    results : list of KernelMotif, in kernel order
        As returned by :func:`skmotif.kernel_motifs`; the kernel figures must
        already be in ``folder``.
    folder : str or path-like
    matches : pandas.DataFrame, optional
        :func:`skmotif.match_motifs` of ``results``; adds a column with each
        kernel's (at most three) best matches with q-value <= ``max_q``.
    max_q : float, default=0.05
    strands : str, default=""
        A sentence on which strand was read, added to the page's header.

    Returns
    -------
    path : Path
        The file written.
    """
    folder = Path(folder)
    best = None
    if matches is not None:
        from .matching import best_matches

        best = best_matches(matches, max_q)
    rows = []
    for k in np.argsort([-result.importance for result in results], kind="stable"):
        motif, importance = results[k]
        files = {name: pattern.format(k=k) for name, pattern in KERNEL_FILES.items()}
        sites = "0" if motif is None else str(getattr(motif, "sequence", motif).n_sites)
        logo = (
            f'<img src="{files["motif"]}" alt="logo of kernel {k}">'
            if (folder / files["motif"]).exists()
            else ""
        )
        known = "" if best is None else f"<td>{_known(best.get(k))}</td>"
        rows.append(
            f"<tr><td>{k}</td><td>{importance:.3f}</td><td>{sites}</td>"
            f"<td><code>{_consensus(motif)}</code></td><td>{logo}</td>{known}"
            f'<td><img src="{files["activations"]}" alt="activations of kernel {k}"></td>'
            f'<td><img src="{files["position"]}" alt="positions of kernel {k}"></td></tr>'
        )
    known, known_note = "", ""
    if best is not None:
        known = "<th>known motifs</th>"
        known_note = (
            f" Known motifs: the best TOMTOM matches with q-value &le; {max_q:g} (name, id, q)."
        )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>skmotif kernel summary</title>
<style>{_STYLE}</style></head><body>
<h1>First-layer kernels</h1>
<p>{len(results)} kernels, most important first. Importance: largest minus smallest per-class
mean of the kernel's maximum activation. Sites: sequences of the top class above the threshold
(the largest per-class mean), at most {MAX_SITES}, whose windows make the logo.{known_note}
{strands}</p>
<table><thead><tr><th>kernel</th><th>importance</th><th>sites</th><th>consensus</th>
<th>motif</th>{known}<th>max activation per class</th><th>position of the maximum</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""
    path = folder / "summary.html"
    write_text(path, page)
    return path


# -- attribution patterns ----------------------------------------------------------


def visualize_patterns(
    estimator,
    X,
    y,
    folder,
    targets=None,
    matches=None,
    max_sequences=1000,
    n_shuffles=20,
    random_state=0,
    verbose=True,
    **modisco_params,
):
    """The attribution report: each class's TF-MoDISco patterns, their logos and ``patterns.html``.

    For every target class, the DeepLIFT/SHAP contributions of its sequences
    to its logit are clustered into patterns by
    :func:`skmotif.interpret.modisco_motifs`. Each pattern gets a PNG with
    its contribution logo (the mean contribution of each symbol over its
    seqlets) above its sequence logo (information content of the seqlets'
    symbols), and a row in ``patterns.html``.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
        On a four-letter nucleotide alphabet (TF-MoDISco's).
    X : array-like, shape (n_samples,)
    y : array-like, shape (n_samples,) or (n_samples, n_labels)
        Labels of ``X``; a class's patterns come from its sequences.
    folder : str or path-like
    targets : list of class labels, optional
        The classes to read; default every class of the estimator.
    matches : str or path-like, optional
        Name the patterns: a database for :func:`skmotif.match_motifs`
        (``"JASPAR2024"``, a MEME file). Each pattern then lists its best
        matches with q-value <= 0.05; the whole table goes to ``matches.tsv``.
    max_sequences : int, default=1000
        Most sequences per class, a random subset beyond that: TF-MoDISco's
        time grows with the number of seqlets.
    n_shuffles : int, default=20
        References per sequence for the contributions.
    random_state : int, default=0
        For the subset and the shuffled references.
    verbose : bool, default=True
        Print each class's progress and time.
    **modisco_params
        Passed on to :func:`skmotif.interpret.modisco_motifs`.

    Returns
    -------
    dict
        Class label -> list of ModiscoPattern, in ``modisco_motifs`` order.
        A class where modisco-lite failed maps to an empty list, and the
        page and a RuntimeWarning say why.

    Raises
    ------
    ImportError
        Without modisco-lite (``pip install 'skmotif[modisco]'``).
    ValueError
        For a target that is not a class, or an alphabet TF-MoDISco cannot read,
        before any work.
    """
    import time
    import warnings

    from .interpret.patterns import check_modisco, modisco_motifs

    check_is_fitted(estimator)
    check_modisco(estimator.input_alphabet())
    classes = list(estimator.classes_)
    targets = classes if targets is None else list(targets)
    columns = [class_index(classes, t, "each of targets") for t in targets]
    targets = [classes[c] for c in columns]
    members, _, _ = label_indicator(y, estimator.classes_)
    encoded = estimator.encode(X)  # once, for every class
    folder = _folder(folder)
    rng = np.random.RandomState(random_state)
    found, failures = {}, {}
    for target, column in zip(targets, columns, strict=True):
        rows = np.flatnonzero(members[:, column])
        if len(rows) > max_sequences:
            rows = np.sort(rng.choice(rows, max_sequences, replace=False))
        if verbose:
            print(f"Patterns of class {target}: {len(rows)} sequences ...", flush=True)
        start = time.perf_counter()
        try:
            found[target] = modisco_motifs(
                estimator,
                encoded.subset(rows),
                target,
                n_shuffles=n_shuffles,
                random_state=random_state,
                **modisco_params,
            )
        except RuntimeError as error:
            found[target], failures[target] = [], str(error)
            warnings.warn(f"class {target}: {error}", RuntimeWarning, stacklevel=2)
        if verbose:
            print(
                f"  {len(found[target])} patterns in {time.perf_counter() - start:.0f} s",
                flush=True,
            )
    entries = [(t, i, p) for t in targets for i, p in enumerate(found[t])]
    for target, i, pattern in entries:
        _draw_pattern(pattern, folder / _pattern_file(target, i), estimator.input_alphabet())
    table = None
    if matches is not None and entries:
        from .matching import match_motifs

        table = match_motifs([p.motif for _, _, p in entries], database=matches)
        table.insert(0, "class", [entries[q][0] for q in table["query"]])
        write_table(table, folder / "matches.tsv")
    write_pattern_summary(
        entries, targets, folder, table, failures, len(encoded), strands=_strands(estimator)
    )
    return found


def _pattern_file(target, i):
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in str(target))
    return f"pattern_{safe}_{i}.png"


def _draw_pattern(pattern, path, alphabet):
    """Contribution logo above sequence logo, one PNG."""
    import matplotlib.pyplot as plt

    width = max(3.0, 0.3 * len(pattern.contributions) + 1.2)
    fig, axes = plt.subplots(2, 1, figsize=(width, 3.6))
    plot_attribution(pattern.contributions, alphabet, ax=axes[0])
    axes[0].set(xlabel="", ylabel="contribution")
    plot_logo(pattern.motif, axes[1])
    fig.tight_layout()
    save_figure(fig, path)


def write_pattern_summary(
    entries, targets, folder, matches=None, failures=None, n_sequences=0, strands=""
):
    """Write ``patterns.html``: one row per pattern, by class, positive patterns first.

    Parameters
    ----------
    entries : list of (class label, int, ModiscoPattern)
        Each pattern with its class and its number within the class; the
        figures must already be in ``folder``.
    targets : list of class labels
        Every class read, including those without patterns.
    folder : str or path-like
    matches : pandas.DataFrame, optional
        :func:`skmotif.match_motifs` of the entries' motifs, in entry order.
    failures : dict, optional
        Class label -> why modisco-lite found no patterns.
    n_sequences : int, default=0
        Sequences the report was given, for the page's header.
    strands : str, default=""
        A sentence on which strand was read, added to the page's header.

    Returns
    -------
    path : Path
        The file written.
    """
    from .matching import best_matches

    best = None if matches is None else best_matches(matches)
    failures = failures or {}
    rows = []
    for q, (target, i, pattern) in enumerate(entries):
        known = "" if best is None else f"<td>{_known(best.get(q))}</td>"
        name = html.escape(pattern.motif.name)
        rows.append(
            f"<tr><td>{html.escape(str(target))}</td><td>{name}</td>"
            f"<td>{'+' if pattern.sign > 0 else '&minus;'}</td><td>{pattern.n_seqlets}</td>"
            f"<td><code>{html.escape(pattern.motif.consensus)}</code></td>"
            f'<td><img src="{_pattern_file(target, i)}" alt="logos of {name}"></td>'
            f"{known}</tr>"
        )
    empty = [t for t in targets if not any(e[0] == t for e in entries)]
    notes = "".join(
        f"<li>class {html.escape(str(t))}: {html.escape(failures.get(t, 'no pattern found'))}</li>"
        for t in empty
    )
    known_head = "" if best is None else "<th>known motifs</th>"
    known_note = (
        " Known motifs: the best TOMTOM matches with q-value &le; 0.05 (name, id, q)."
        if best is not None
        else ""
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>skmotif attribution patterns</title>
<style>{_STYLE}</style></head><body>
<h1>Attribution patterns</h1>
<p>TF-MoDISco patterns of each class's DeepLIFT/SHAP contributions (dinucleotide-shuffled
references), read from that class's sequences among the {n_sequences} given. Sign: + raises the
class's logit, &minus; lowers it. Seqlets: the stretches of high contribution that make the
pattern. Each figure: the mean contribution of each symbol over the seqlets (top) and the
seqlets' sequence logo (bottom), both trimmed to the contributing positions.{known_note}
{strands}</p>
{f"<ul>{notes}</ul>" if notes else ""}
<table><thead><tr><th>class</th><th>pattern</th><th>sign</th><th>seqlets</th><th>consensus</th>
<th>logos</th>{known_head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""
    path = Path(folder) / "patterns.html"
    write_text(path, page)
    return path


# -- optimized inputs --------------------------------------------------------------


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
    """Logos of the inputs that maximally activate each node of a layer, in one PNG.

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
    motifs : list of Motif or MotifPair, one per node
    """
    pwm, activation = optimize_inputs(estimator, layer_name, nodes, bound, lr, steps)
    nodes = range(len(pwm)) if nodes is None else nodes
    motifs = optimized_motifs(estimator, pwm, [f"{layer_name}_{n}" for n in nodes])
    titles = [
        f"{layer_name}, node {n}: activation {a:.2f}"
        for n, a in zip(nodes, activation, strict=True)
    ]
    plot_logos(motifs, output_file, titles, colors_sequence, colors_structure)
    return motifs
