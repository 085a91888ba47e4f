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


def write_kernel_summary(results, folder):
    """Write ``summary.html``: one row per kernel, most important first.

    Parameters
    ----------
    results : list of (motif, importance), in kernel order
        As returned by :func:`skmotif.kernel_motifs`; the kernel plots must
        already be in ``folder``.
    folder : str or path-like

    Returns
    -------
    path : Path
        The file written.
    """
    folder = Path(folder)
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
        rows.append(
            f"<tr><td>{k}</td><td>{importance:.3f}</td><td>{sites}</td>"
            f"<td><code>{_consensus(motif)}</code></td><td>{logo}</td>"
            f'<td><img src="activations_kernel_{k}.png" alt="activations of kernel {k}"></td>'
            f'<td><img src="position_kernel_{k}.png" alt="positions of kernel {k}"></td></tr>'
        )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>skmotif kernel summary</title>
<style>{_STYLE}</style></head><body>
<h1>First-layer kernels</h1>
<p>{len(results)} kernels, most important first. Importance: largest minus smallest per-class
mean of the kernel's maximum activation. Sites: sequences of the top class above the threshold
(the largest per-class mean), at most 750, whose windows make the logo.</p>
<table><thead><tr><th>kernel</th><th>importance</th><th>sites</th><th>consensus</th>
<th>motif</th><th>max activation per class</th><th>position of the maximum</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""
    path = folder / "summary.html"
    path.write_text(page, encoding="utf-8")
    return path
