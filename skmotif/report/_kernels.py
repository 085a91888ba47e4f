"""The kernel report: every first-layer kernel's figures and ``summary.html``."""

from __future__ import annotations

import html
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .._figures import KERNEL_FILES, draw_kernel, warm_up_drawing
from .._files import write_table
from .._motif import MotifPair
from ..interpret._kernels import MAX_SITES, KernelMotif, check_reads_targets, kernel_statistics
from ._page import known_cell, known_note, output_folder, strands_note, write_page

if TYPE_CHECKING:
    import os

    import pandas as pd
    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

    from ..encoding import EncodedInput
    from ..interpret._activations import KernelActivations


def visualize_kernel(
    estimator: BaseEstimator,
    X: ArrayLike | EncodedInput,
    y: ArrayLike,
    kernel: int,
    folder: str | os.PathLike,
    activations: KernelActivations | None = None,
    colors_sequence: dict | None = None,
    colors_structure: dict | None = None,
    target: object = None,
) -> KernelMotif:
    """Motif, position, activation (and additional-feature) figures of one kernel.

    Writes ``motif_kernel_{k}.png`` (when some sequence exceeds the
    threshold), ``position_kernel_{k}.png``, ``activations_kernel_{k}.png``,
    for a regressor ``target_kernel_{k}.png`` (the target against the
    kernel's maximum activation) and, for numeric input with channels beyond
    the alphabet, ``additional_features_kernel_{k}.png`` into ``folder``.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
    X : array-like
        Sequences of the kind the estimator was fit on.
    y : array-like, shape (n_samples,) or (n_samples, n_outputs)
        Their classes, or a regressor's targets.
    kernel : int
    folder : str or path-like
        Created if missing.
    activations : KernelActivations, optional
        From :func:`skmotif.interpret.kernel_activations` on the same X.
    colors_sequence, colors_structure : dict of str to str, optional
    target : output, optional
        A regressor's output whose quarters group the sequences (default its
        first; see :func:`skmotif.interpret.kernel_motifs`).

    Returns
    -------
    KernelMotif
        The kernel's (motif, importance).
    """
    (figures,), summary = kernel_statistics(estimator, X, y, activations, [kernel], target)
    draw_kernel(figures, output_folder(folder), colors_sequence, colors_structure)
    return KernelMotif(figures.motif, float(summary.importance[kernel]))


def visualize_all_kernels(
    estimator: BaseEstimator,
    X: ArrayLike | EncodedInput,
    y: ArrayLike,
    folder: str | os.PathLike,
    activations: KernelActivations | None = None,
    colors_sequence: dict | None = None,
    colors_structure: dict | None = None,
    n_jobs: int = -1,
    matches: str | os.PathLike | pd.DataFrame | None = None,
    target: object = None,
) -> list[KernelMotif]:
    """The kernel report: every kernel's figures and ``summary.html``, most important first.

    The first convolution runs once over X (its activations are kept for
    the position profiles while they fit in
    256 MiB); figures are drawn in ``n_jobs``
    processes.

    For a regressor, the sequences are grouped by the quarters of an
    output instead of classes, each kernel's importance is the increase of
    the loss when it is silenced, and the page gives each kernel's
    correlation with every output and a figure of the target against its
    maximum activation (see :func:`skmotif.interpret.kernel_motifs`).

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
    X : array-like
    y : array-like, shape (n_samples,) or (n_samples, n_outputs)
        Their classes, or a regressor's targets.
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
    target : output, optional
        A regressor's output whose quarters group the sequences (default its
        first).

    Returns
    -------
    list of KernelMotif, in kernel order
        As :func:`skmotif.kernel_motifs` returns them.
    """
    from joblib import Parallel, delayed

    from .._progress import progress

    check_reads_targets(estimator)  # before any folder or worker
    folder = output_folder(folder)
    # Start the drawing processes (they import matplotlib and outline the letters) while
    # this one computes the activations.
    warm_up = threading.Thread(
        target=lambda: Parallel(n_jobs=n_jobs)(delayed(warm_up_drawing)() for _ in range(8))
    )
    warm_up.start()
    with progress("Reading the kernels' activations"):
        figures, summary = kernel_statistics(estimator, X, y, activations, target=target)
    warm_up.join()
    with progress("Drawing the kernels", len(figures), "kernels") as counter:
        drawn = Parallel(n_jobs=n_jobs, return_as="generator")(
            delayed(draw_kernel)(f, folder, colors_sequence, colors_structure) for f in figures
        )
        for _ in drawn:
            counter.update()
    results = [
        KernelMotif(f.motif, float(i)) for f, i in zip(figures, summary.importance, strict=True)
    ]
    if matches is not None and not hasattr(matches, "columns"):
        from ..matching import match_motifs

        matches = match_motifs(results, database=matches)
    if matches is not None:
        write_table(matches, folder / "matches.tsv")
    write_kernel_summary(
        results,
        folder,
        matches,
        strands=strands_note(estimator),
        regression=summary.regression,
        seeded=seeded_notes(estimator),
    )
    return results


def seeded_notes(estimator):
    """{kernel: "seeded from NAME; r ... with its start, moved ..."} of ``init_motifs``' kernels.

    r is Pearson's correlation of the kernel's weights now with its seeded
    start; moved, the norm of their difference over the start's norm.
    """
    notes = {}
    for k, (name, start) in enumerate(getattr(estimator, "seeded_kernels_", None) or []):
        now = estimator.network().model.get_layer("conv_1").kernel.numpy()[:, :, k]
        r = float(np.corrcoef(start.ravel(), now.ravel())[0, 1])
        moved = float(np.linalg.norm(now - start) / max(np.linalg.norm(start), 1e-12))
        notes[k] = (
            f"seeded from {html.escape(str(name))}; r {r:.2f} with its start, moved {moved:.0%}"
        )
    return notes


def _consensus(motif):
    if motif is None:
        return "no sequence above threshold"
    if isinstance(motif, MotifPair):
        return "<br>".join(html.escape(m.consensus) for m in motif)
    return html.escape(motif.consensus)


def _summary_header(n_kernels, known, regression):
    """(column names, introduction) of ``summary.html``; ``known``: with a known-motifs
    column."""
    if regression is None:
        header = ["kernel", "importance", "sites", "consensus", "motif"]
        header += ["known motifs"] if known else []
        header += ["max activation per class", "position of the maximum"]
        intro = (
            f"{n_kernels} kernels, most important first. Importance: largest minus "
            "smallest per-class mean of the kernel's maximum activation. Sites: sequences of "
            "the top class above the threshold (the largest per-class mean), at most "
            f"{MAX_SITES}, whose windows make the logo."
        )
    else:
        output = regression.output_names[regression.output]
        header = ["kernel", "loss increase when silenced", "r", "sites", "consensus"]
        header += ["motif", *(["known motifs"] if known else [])]
        header += [f"{output} against max activation", "position of the maximum"]
        intro = (
            f"{n_kernels} kernels, most important first. Importance: how much the loss "
            "(standardised units, summed over the outputs) rises when the kernel is silenced "
            "(its activation set to 0). r: Pearson's correlation of the kernel's maximum "
            "activation with each output; positive for an activating motif, negative for a "
            f"repressing one. Sites: sequences of the quarter of {output} where the kernel "
            "fires most (Q4: the highest values, Q1: the lowest), above that quarter's mean "
            f"maximum activation, at most {MAX_SITES}, whose windows make the logo."
        )
    return header, intro


def write_kernel_summary(
    results, folder, matches=None, max_q=0.05, strands="", regression=None, seeded=None
):
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
    regression : RegressionReading, optional
        A regressor's reading: the page then gives each kernel's silencing
        loss and correlations, and its target figure.
    seeded : dict, optional
        Kernel -> a note on the motif it was seeded from (:func:`seeded_notes`),
        shown under its number.

    Returns
    -------
    path : Path
        The file written.
    """
    folder = Path(folder)
    best = None
    if matches is not None:
        from ..matching import _best_matches

        best = _best_matches(matches, max_q)
    order = np.argsort([-result.importance for result in results], kind="stable")
    rows = [_kernel_row(k, results[k], folder, best, regression, seeded) for k in order]
    header, intro = _summary_header(len(results), best is not None, regression)
    if seeded:
        intro += (
            f" {len(seeded)} kernels were seeded from known motifs (init_motifs): r is the "
            "correlation of their weights with that start, moved the change's size against it."
        )
    intro += f"{'' if best is None else known_note(max_q)}\n{strands}"
    path = write_page(
        folder / "summary.html",
        "skmotif kernel summary",
        "First-layer kernels",
        intro,
        header,
        rows,
    )
    return path


def _kernel_row(k, result, folder, best, regression=None, seeded=None):
    """One kernel's ``<tr>`` of ``summary.html``."""
    motif, importance = result
    files = {name: pattern.format(k=k) for name, pattern in KERNEL_FILES.items()}
    sites = "0" if motif is None else str(getattr(motif, "sequence", motif).n_sites)
    logo = (
        f'<img src="{files["motif"]}" alt="logo of kernel {k}">'
        if (folder / files["motif"]).exists()
        else ""
    )
    known = "" if best is None else f"<td>{known_cell(best.get(k))}</td>"
    if regression is None:
        figure, correlation = "activations", ""
    else:
        figure = "target"
        pairs = zip(regression.output_names, regression.correlation[k], strict=True)
        correlation = "<td>{}</td>".format(
            "<br>".join(f"{html.escape(name)}: {r:+.2f}" for name, r in pairs)
            if len(regression.output_names) > 1
            else f"{regression.correlation[k, 0]:+.2f}"
        )
    return (
        f"<tr><td>{k}{_seeded_cell((seeded or {}).get(k))}</td><td>{importance:.3f}</td>"
        f"{correlation}<td>{sites}</td>"
        f"<td><code>{_consensus(motif)}</code></td><td>{logo}</td>{known}"
        f'<td><img src="{files[figure]}" alt="{figure} figure of kernel {k}"></td>'
        f'<td><img src="{files["position"]}" alt="positions of kernel {k}"></td></tr>'
    )


def _seeded_cell(note):
    return "" if note is None else f"<br><small>{note}</small>"
