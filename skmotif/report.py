"""HTML reports."""

import html
from pathlib import Path

import numpy as np

_STYLE = """
body { font-family: sans-serif; margin: 1.5em; }
table { border-collapse: collapse; }
td, th { border-bottom: 1px solid #ddd; padding: 6px; vertical-align: middle; text-align: left; }
th { background: #f4f4f4; position: sticky; top: 0; }
img { max-height: 220px; }
code { font-size: 0.85em; }
"""


def _consensus(motif):
    if motif is None:
        return "no sequence above threshold"
    if isinstance(motif, tuple):
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


def write_kernel_summary(results, folder, matches=None, max_q=0.05):
    """Write ``summary.html``: one row per kernel, most important first.

    Parameters
    ----------
    results : list of (motif, importance), in kernel order
        As returned by :func:`skmotif.kernel_motifs`; the kernel plots must
        already be in ``folder``.
    folder : str or path-like
    matches : pandas.DataFrame, optional
        :func:`skmotif.match_motifs` of ``results``; adds a column with each
        kernel's (at most three) best matches with q-value <= ``max_q``.
    max_q : float, default=0.05

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
    for k in np.argsort([-importance for _, importance in results], kind="stable"):
        motif, importance = results[k]
        sites = (
            "0"
            if motif is None
            else str((motif[0] if isinstance(motif, tuple) else motif).n_sites)
        )
        logo = (
            f'<img src="motif_kernel_{k}.png" alt="logo of kernel {k}">'
            if (folder / f"motif_kernel_{k}.png").exists()
            else ""
        )
        known = "" if best is None else f"<td>{_known(best.get(k))}</td>"
        rows.append(
            f"<tr><td>{k}</td><td>{importance:.3f}</td><td>{sites}</td>"
            f"<td><code>{_consensus(motif)}</code></td><td>{logo}</td>{known}"
            f'<td><img src="activations_kernel_{k}.png" alt="activations of kernel {k}"></td>'
            f'<td><img src="position_kernel_{k}.png" alt="positions of kernel {k}"></td></tr>'
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
(the largest per-class mean), at most 750, whose windows make the logo.{known_note}</p>
<table><thead><tr><th>kernel</th><th>importance</th><th>sites</th><th>consensus</th>
<th>motif</th>{known}<th>max activation per class</th><th>position of the maximum</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""
    path = folder / "summary.html"
    path.write_text(page, encoding="utf-8")
    return path


def truth_indicator(y_true, classes):
    """(n_samples, n_classes) bool truth, and whether y_true is multi-label."""
    y_true = np.asarray(y_true)
    if y_true.ndim == 2 and y_true.shape[1] > 1:
        if y_true.shape[1] != len(classes):
            raise ValueError(
                f"y_true has {y_true.shape[1]} labels but classes has {len(classes)}."
            )
        return y_true.astype(bool), True
    y_true = y_true.ravel()
    unknown = set(np.unique(y_true).tolist()) - set(np.asarray(classes).tolist())
    if unknown:
        raise ValueError(f"y_true has labels {sorted(unknown)} that are not in classes.")
    return y_true[:, None] == np.asarray(classes)[None, :], False


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
    """
    import pandas as pd
    from sklearn.metrics import average_precision_score, roc_auc_score

    truth, multilabel = truth_indicator(y_true, classes)
    proba = np.asarray(y_proba, dtype=float)
    if proba.shape != truth.shape:
        raise ValueError(f"y_proba has shape {proba.shape}; expected {truth.shape}.")
    if multilabel:
        predicted = proba > 0.5
    else:
        predicted = proba.argmax(axis=1)[:, None] == np.arange(len(classes))[None, :]
    rows = []
    for c in range(len(classes)):
        t, p, score = truth[:, c], predicted[:, c], proba[:, c]
        tp = np.sum(t & p)
        precision = tp / p.sum() if p.any() else 0.0
        recall = tp / t.sum() if t.any() else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        both = t.any() and not t.all()
        rows.append(
            {
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "auROC": roc_auc_score(t, score) if both else np.nan,
                "auPRC": average_precision_score(t, score) if both else np.nan,
                "n": int(t.sum()),
            }
        )
    table = pd.DataFrame(rows, index=[str(c) for c in classes])
    weights = table["n"].to_numpy(dtype=float)
    average = {
        col: np.average(table[col], weights=weights) if weights.sum() else np.nan
        for col in ("precision", "recall", "f1")
    }
    for col in ("auROC", "auPRC"):
        known = table[col].notna().to_numpy() & (weights > 0)
        average[col] = (
            np.average(table[col][known], weights=weights[known]) if known.any() else np.nan
        )
    average["n"] = int(weights.sum())
    table.loc["weighted avg"] = average
    table["n"] = table["n"].astype(int)
    return table
