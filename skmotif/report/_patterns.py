"""The attribution report: each class's TF-MoDISco patterns, their logos and ``patterns.html``."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from sklearn.utils.validation import check_is_fitted

from .._figures import plot_logo, save_figure
from .._files import write_table
from .._labels import label_indicator
from ..plotting import plot_attribution
from ._page import (
    known_cell,
    known_note,
    output_folder,
    safe_name,
    strands_note,
    write_page,
)

if TYPE_CHECKING:
    import os

    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

    from ..encoding import EncodedInput


def visualize_patterns(
    estimator: BaseEstimator,
    X: ArrayLike | EncodedInput,
    y: ArrayLike,
    folder: str | os.PathLike,
    targets: list | None = None,
    matches: str | os.PathLike | None = None,
    max_sequences: int = 1000,
    n_shuffles: int = 20,
    random_state: int = 0,
    verbose: bool = True,
    **modisco_params,
) -> dict:
    """The attribution report: each class's TF-MoDISco patterns, their logos and ``patterns.html``.

    For every target class, the DeepLIFT/SHAP contributions of its sequences
    to its logit are clustered into patterns by
    :func:`skmotif.interpret.modisco_motifs`. Each pattern gets a PNG with
    its contribution logo (the mean contribution of each symbol over its
    seqlets) above its sequence logo (information content of the seqlets'
    symbols), and a row in ``patterns.html``.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
        On a four-letter nucleotide alphabet (TF-MoDISco's).
    X : array-like, shape (n_samples,)
    y : array-like, shape (n_samples,) or (n_samples, n_outputs)
        Labels of ``X``: a class's patterns come from its sequences. For a
        regressor, its targets: an output's patterns come from every
        sequence where it was measured, activating ones (sign +) and
        repressing ones (sign -).
    folder : str or path-like
    targets : list of class labels or outputs, optional
        The classes (or a regressor's outputs) to read; default all of them.
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
    import warnings

    from ..interpret._patterns import check_modisco

    check_is_fitted(estimator)
    check_modisco(estimator.input_alphabet())
    regression = estimator.head().regression
    units = list(estimator.output_names_ if regression else estimator.classes_)
    targets = units if targets is None else list(targets)
    columns = [estimator.output_index(t, "each of targets") for t in targets]
    targets = [units[c] for c in columns]
    encoded = estimator.encode(X)  # once, for every class
    if regression:  # every sequence with a measured value
        members = ~np.isnan(estimator.check_targets(y, len(encoded)))
    else:
        members, _, _ = label_indicator(y, estimator.classes_)
    folder = output_folder(folder)
    rng = np.random.RandomState(random_state)
    found, failures, deltas = {}, {}, {}
    for target, column in zip(targets, columns, strict=True):
        rows = np.flatnonzero(members[:, column])
        if len(rows) > max_sequences:
            rows = np.sort(rng.choice(rows, max_sequences, replace=False))
        found[target], deltas[target], failure = _class_patterns(
            estimator,
            encoded.subset(rows),
            target,
            verbose,
            n_shuffles,
            random_state,
            modisco_params,
        )
        if failure is not None:
            failures[target] = failure
            kind = "output" if regression else "class"
            warnings.warn(f"{kind} {target}: {failure}", RuntimeWarning, stacklevel=2)
    _write_report(estimator, found, targets, folder, matches, failures, len(encoded), deltas)
    return found


def _write_report(estimator, found, targets, folder, matches, failures, n_sequences, deltas):
    """The pattern figures, ``matches.tsv`` (with ``matches``) and ``patterns.html``."""
    entries = [(t, i, p) for t in targets for i, p in enumerate(found[t])]
    for target, i, pattern in entries:
        _draw_pattern(pattern, folder / _pattern_file(target, i), estimator.input_alphabet())
    table = None
    if matches is not None and entries:
        from ..matching import match_motifs

        table = match_motifs([p.motif for _, _, p in entries], database=matches)
        kind = "output" if estimator.head().regression else "class"
        table.insert(0, kind, [entries[q][0] for q in table["query"]])
        write_table(table, folder / "matches.tsv")
    write_pattern_summary(
        entries,
        targets,
        folder,
        table,
        failures,
        n_sequences,
        strands=strands_note(estimator),
        regression=estimator.head().regression,
        deltas=deltas,
    )


def _class_patterns(estimator, encoded, target, verbose, n_shuffles, random_state, params):
    """(patterns, DeepLIFT convergence deltas, None) of one class's sequences, or
    ([], None, why) where modisco-lite failed."""
    import time

    from ..interpret._patterns import modisco_with_deltas

    if verbose:
        kind = "output" if estimator.head().regression else "class"
        print(f"Patterns of {kind} {target}: {len(encoded)} sequences ...", flush=True)
    start = time.perf_counter()
    try:
        patterns, deltas = modisco_with_deltas(
            estimator, encoded, target, n_shuffles=n_shuffles, random_state=random_state, **params
        )
        failure = None
    except RuntimeError as error:
        patterns, deltas, failure = [], None, str(error)
    if verbose:
        print(f"  {len(patterns)} patterns in {time.perf_counter() - start:.0f} s", flush=True)
    return patterns, deltas, failure


def _pattern_file(target, i):
    return f"pattern_{safe_name(target)}_{i}.png"


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
    entries,
    targets,
    folder,
    matches=None,
    failures=None,
    n_sequences=0,
    strands="",
    regression=False,
    deltas=None,
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
    regression : bool, default=False
        The entries are a regressor's outputs, not classes.
    deltas : dict, optional
        Class label -> the DeepLIFT convergence delta of each of its
        sequences (:func:`skmotif.interpret.deep_lift_shap`), summarised
        under the introduction.

    Returns
    -------
    path : Path
        The file written.
    """
    from ..matching import _best_matches

    best = None if matches is None else _best_matches(matches)
    failures = failures or {}
    rows = [_pattern_row(q, entry, best) for q, entry in enumerate(entries)]
    empty = [t for t in targets if not any(e[0] == t for e in entries)]
    kind = "output" if regression else "class"
    notes = "".join(
        f"<li>{kind} {html.escape(str(t))}: "
        f"{html.escape(failures.get(t, 'no pattern found'))}</li>"
        for t in empty
    )
    header = [kind, "pattern", "sign", "seqlets", "consensus", "logos"]
    header += [] if best is None else ["known motifs"]
    intro = f"{_patterns_reading(regression, n_sequences)}{_FIGURE_NOTE}"
    intro += f"{'' if best is None else known_note(0.05)}\n{strands}"
    path = write_page(
        Path(folder) / "patterns.html",
        "skmotif attribution patterns",
        "Attribution patterns",
        intro,
        header,
        rows,
        (f"<ul>{notes}</ul>" if notes else "") + _deltas_note(deltas or {}, kind),
    )
    return path


def _deltas_note(deltas, kind):
    """The paragraph that summarises each target's DeepLIFT convergence deltas."""
    lines = [
        f"{kind} {html.escape(str(target))}: median {np.median(np.abs(d)):.1e}, largest "
        f"{np.abs(d).max():.1e} (sequence {int(np.argmax(np.abs(d)))} of {len(d)})"
        for target, d in deltas.items()
        if d is not None and len(d)
    ]
    if not lines:
        return ""
    return (
        "<p>DeepLIFT convergence: per sequence, the contributions' sum minus the logit's "
        "difference from its references (0 when summation-to-delta holds; logit units); "
        "its absolute value, "
        + "; ".join(lines)
        + ". Far from 0 against the logits, the contributions are approximate.</p>"
    )


#: How to read the figures of ``patterns.html``.
_FIGURE_NOTE = (
    " Seqlets: the stretches of high contribution that make the pattern. Each "
    "figure: the mean contribution of each symbol over the seqlets (top) and the "
    "seqlets' sequence logo (bottom), both trimmed to the contributing positions."
)


def _patterns_reading(regression, n_sequences):
    """What the patterns of ``patterns.html`` are, and what their sign means."""
    if regression:
        return (
            "TF-MoDISco patterns of each output's DeepLIFT/SHAP contributions "
            "(dinucleotide-shuffled references), read from the sequences among the "
            f"{n_sequences} given where that output was measured. Sign: + an activating "
            "pattern (it raises the predicted value), &minus; a repressing one (it lowers it)."
        )
    return (
        "TF-MoDISco patterns of each class's DeepLIFT/SHAP contributions "
        "(dinucleotide-shuffled references), read from that class's sequences among the "
        f"{n_sequences} given. Sign: + raises the class's logit, &minus; lowers it."
    )


def _pattern_row(q, entry, best):
    """The ``<tr>`` of pattern ``q`` (class, number in the class, pattern) in ``patterns.html``."""
    target, i, pattern = entry
    known = "" if best is None else f"<td>{known_cell(best.get(q))}</td>"
    name = html.escape(pattern.motif.name)
    return (
        f"<tr><td>{html.escape(str(target))}</td><td>{name}</td>"
        f"<td>{'+' if pattern.sign > 0 else '&minus;'}</td><td>{pattern.n_seqlets}</td>"
        f"<td><code>{html.escape(pattern.motif.consensus)}</code></td>"
        f'<td><img src="{_pattern_file(target, i)}" alt="logos of {name}"></td>'
        f"{known}</tr>"
    )
