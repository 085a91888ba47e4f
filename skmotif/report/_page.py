"""The one HTML page of the reports, the output folder, and the cells pages share."""

import html
from pathlib import Path

from .._files import write_text

STYLE = """
body { font-family: sans-serif; margin: 1.5em; }
table { border-collapse: collapse; }
td, th { border-bottom: 1px solid #ddd; padding: 6px; vertical-align: middle; text-align: left; }
th { background: #f4f4f4; position: sticky; top: 0; }
img { max-height: 220px; }
code { font-size: 0.85em; }
"""


def output_folder(folder):
    """The output folder, created, as an absolute path: the drawing processes are reused
    between calls and keep the working directory they started in."""
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_page(path, title, heading, intro, header, rows, notes=""):
    """Write one report page: a heading, an introduction, optional notes and a table.

    Parameters
    ----------
    path : path-like
        The file; written under a temporary name and renamed when complete.
    title, heading : str
        The window title and the ``<h1>``.
    intro : str
        HTML of the paragraph above the table (what the columns mean).
    header : list of str
        The column headings (HTML).
    rows : list of str
        One ``<tr>...</tr>`` per row.
    notes : str, default=""
        HTML between the paragraph and the table (a list of failures, say).

    Returns
    -------
    path : Path
    """
    body = f"<h1>{heading}</h1>\n<p>{intro}</p>\n{notes}\n{table_html(header, rows)}"
    return write_html(path, title, body)


def table_html(header, rows):
    """A ``<table>`` of column headings (HTML) and ``<tr>`` rows."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "\n".join(rows)
    return f"<table><thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>"


def write_html(path, title, body):
    """Write an HTML page of the reports' style around ``body``; returns its Path."""
    text = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>{STYLE}</style></head><body>
{body}
</body></html>
"""
    path = Path(path)
    write_text(path, text)
    return path


def safe_name(text):
    """``text`` with every character but letters, digits, - and _ replaced by _, for files."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in str(text))


def known_cell(matches):
    """HTML lines naming a kernel's or pattern's best significant database matches."""
    if matches is None or not len(matches):
        return "none"
    return "<br>".join(
        f"{html.escape(str(r.target_name))} ({html.escape(str(r.target_id))}, q={r.q_value:.1e})"
        for r in matches.itertuples()
    )


def known_note(max_q):
    """The sentence that explains the "known motifs" column."""
    return f" Known motifs: the best TOMTOM matches with q-value &le; {max_q:g} (name, id, q)."


def strands_note(estimator):
    """Which strand a report reads, for its page."""
    note = "Strand: the sequences as given (forward strand)."
    if getattr(estimator, "average_strands", False):
        note += " The model's predictions average both strands; this report reads one."
    return note
