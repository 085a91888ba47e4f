"""Name motifs: compare them with a motif database by TOMTOM (memelite).

The targets are a JASPAR release shipped offline by pyjaspar or the motifs
of a MEME file; both come with the ``[motifs]`` extra. memelite compiles its
TOMTOM with numba on first use (about a minute); the compiled code is cached
on disk, so later calls, also in new processes, take milliseconds.
"""

from __future__ import annotations

import functools
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ._deprecated import removed_names
from ._motif import Motif, MotifPair

if TYPE_CHECKING:
    import os

    import pandas as pd

__all__ = ["load_targets", "match_motifs"]

#: Columns of the table :func:`match_motifs` returns.
_COLUMNS = [
    "query",
    "query_name",
    "target_id",
    "target_name",
    "p_value",
    "e_value",
    "q_value",
    "offset",
    "overlap",
    "orientation",
]
_RELEASE = re.compile(r"JASPAR\d{4}")
_MISSING = "match_motifs needs memelite and pyjaspar: pip install 'skmotif[motifs]'."


def _import_tomtom():
    """memelite's ``tomtom``, or an ImportError that says how to install it."""
    try:
        from memelite import tomtom
    except ImportError:
        raise ImportError(_MISSING) from None
    return tomtom


def _canonical(symbols):
    """Upper case with U read as T, so RNA motifs compare with DNA databases."""
    return symbols.upper().replace("U", "T")


@functools.lru_cache(maxsize=8)
def _jaspar(release, collection, tax_group):
    """(ids, names, probability matrices (width, 4), "ACGT") of a JASPAR selection.

    Cached: a selection loads in 1-5 s (the whole CORE collection: 2,633 motifs).
    """
    try:
        from pyjaspar import jaspardb
    except ImportError:
        raise ImportError(_MISSING) from None
    releases = jaspardb().get_releases()
    if release not in releases:
        raise ValueError(f"pyjaspar has no {release}; choose one of {', '.join(releases)}.")
    with warnings.catch_warnings():  # "Zero motifs returned": the error below says more
        warnings.simplefilter("ignore")
        found = jaspardb(release=release).fetch_motifs(
            collection=collection, tax_group=None if tax_group is None else list(tax_group)
        )
    if not found:
        raise ValueError(
            f"{release} has no motifs in collection {collection!r} for tax_group "
            f"{tax_group!r}; collections are e.g. 'CORE' and 'UNVALIDATED', tax groups e.g. "
            "'vertebrates', 'plants', 'insects', 'nematodes', 'fungi', 'urochordates'."
        )
    matrices = []
    for motif in found:
        counts = np.array([motif.counts[s] for s in "ACGT"], dtype=float).T
        matrices.append(counts / counts.sum(axis=1, keepdims=True))
    return (
        tuple(m.matrix_id for m in found),
        tuple(m.name for m in found),
        tuple(matrices),
        "ACGT",
    )


def _meme(path):
    """(ids, names, probability matrices, symbols) of the motifs of a MEME file."""
    from .io import read_meme

    found = read_meme(path)
    if not found:
        raise ValueError(f"{path} holds no motifs.")
    ids, names = [], []
    for i, motif in enumerate(found):
        fields = (motif.name or f"motif_{i}").split(maxsplit=1)
        ids.append(fields[0])
        names.append(fields[-1])
    return ids, names, [m.probabilities for m in found], found[0].alphabet.symbols


def load_targets(
    database: str | os.PathLike = "JASPAR2024",
    collection: str = "CORE",
    tax_group: str | None = None,
) -> tuple:
    """The target motifs of a database.

    Parameters
    ----------
    database : str or path-like, default="JASPAR2024"
        A JASPAR release shipped by pyjaspar (pyjaspar 4: JASPAR2014 to
        JASPAR2026) or the path of a MEME text file.
    collection : str, default="CORE"
        JASPAR collection (not used for a MEME file).
    tax_group : str or list of str, optional
        JASPAR taxonomic groups, e.g. ``"vertebrates"``; all when None.

    Returns
    -------
    ids, names : list of str
        One per target: the matrix id (``MA0004.1``) and the factor name.
    matrices : list of ndarray, each of shape (width, n_symbols)
        Symbol probabilities per position.
    symbols : str
        The database's alphabet, in column order.
    """
    if isinstance(tax_group, str):
        tax_group = [tax_group]
    if isinstance(database, str) and _RELEASE.fullmatch(database):
        ids, names, matrices, symbols = _jaspar(
            database, collection, None if tax_group is None else tuple(tax_group)
        )
        return list(ids), list(names), list(matrices), symbols
    if not isinstance(database, (str, Path)) or not Path(database).is_file():
        raise ValueError(
            f"database must be a JASPAR release such as 'JASPAR2024' or the path of a MEME "
            f"file; {database!r} is neither."
        )
    if tax_group is not None:
        raise ValueError("tax_group selects JASPAR motifs; it does not apply to a MEME file.")
    return _meme(database)


def _queries(motifs):
    """(index, Motif) of each query; accepts a Motif, a list, or kernel_motifs output.

    Items may be Motifs, None (skipped, keeping the index), KernelMotif
    results of :func:`skmotif.kernel_motifs`, and MotifPairs, of which the
    sequence motif is matched.
    """
    from .interpret._kernels import KernelMotif

    if isinstance(motifs, (Motif, MotifPair)):
        motifs = [motifs]
    if isinstance(motifs, (str, bytes)) or not hasattr(motifs, "__len__") or not len(motifs):
        raise TypeError(
            "motifs must be a Motif or a non-empty list of Motifs (or the output of "
            f"kernel_motifs); got {motifs!r:.80}."
        )
    queries = []
    for i, item in enumerate(motifs):
        if isinstance(item, KernelMotif):
            item = item.motif
        if isinstance(item, MotifPair):
            item = item.sequence
        if item is None:
            continue
        if not isinstance(item, Motif):
            raise TypeError(
                f"motifs[{i}] is a {type(item).__name__}, not a Motif, MotifPair or "
                "KernelMotif (kernel_motifs output)."
            )
        queries.append((i, item))
    return queries


def _check_alphabet(symbols, database_symbols, what="The query"):
    """Raise unless motifs over ``symbols`` can be matched with the database.

    Parameters
    ----------
    symbols : str
        The query alphabet, e.g. ``"ACGU"`` (read with U as T).
    database_symbols : str
        The database's alphabet, as :func:`load_targets` returns it.
    what : str, default="The query"
        How the error message names the query.

    Raises
    ------
    ValueError
        When the two alphabets hold different symbols.
    """
    if sorted(_canonical(symbols)) != sorted(_canonical(database_symbols)):
        raise ValueError(
            f"{what} has alphabet '{symbols}' but the database's is '{database_symbols}'; "
            "match sequence motifs against a database of the same alphabet (JASPAR is DNA; "
            "RNA motifs are read with U as T)."
        )


def _columns_in(motif, symbols, index):
    """Column order that puts a query's probabilities into the database's symbol order."""
    _check_alphabet(motif.alphabet.symbols, symbols, f"Query {index}")
    mine = _canonical(motif.alphabet.symbols)
    return [mine.index(s) for s in _canonical(symbols)]


def match_motifs(
    motifs: list,
    database: str | os.PathLike = "JASPAR2024",
    collection: str = "CORE",
    tax_group: str | None = None,
    min_overlap: int = 5,
    max_q: float = 0.5,
    trim: float | None = 0.3,
    reverse_complement: bool | None = None,
    n_best: int | None = None,
    n_jobs: int = -1,
) -> pd.DataFrame:
    """Compare motifs with a database by TOMTOM and list the matches.

    Parameters
    ----------
    motifs : Motif, MotifPair, or a list of them, or the output of :func:`skmotif.kernel_motifs`
        The queries. None entries (kernels that never fire) are skipped; of
        a MotifPair (sequence+structure) the sequence motif is matched.
    database : str or path-like, default="JASPAR2024"
        A JASPAR release shipped by pyjaspar or the path of a MEME file.
    collection : str, default="CORE"
        JASPAR collection.
    tax_group : str or list of str, optional
        JASPAR taxonomic groups such as ``"vertebrates"``; all when None.
    min_overlap : int, default=5
        A target counts only when its best alignment overlaps the query by
        at least this many positions (or the whole of the shorter motif).
    max_q : float, default=0.5
        Rows with a larger q-value are left out (TOMTOM's default
        threshold); 1 keeps every target.
    trim : float or None, default=0.3
        Query positions at either end with less information than this (bits)
        are left out before matching: uninformative flanks otherwise align
        with the spacers of unrelated motifs and give spurious hits. A query
        with no such position gets no match. Offsets still count positions
        of the whole query. None matches the queries as they are.
    reverse_complement : bool, optional
        Also align to the targets' reverse complements. Default: True for
        a DNA database (ACGT), False otherwise.
    n_best : int, optional
        Keep only each query's ``n_best`` best matches (smallest p-values),
        e.g. ``max_q=0.05, n_best=3`` for the names a report gives a kernel.
        All matches up to ``max_q`` when None.
    n_jobs : int, default=-1
        numba threads (-1: all).

    Returns
    -------
    table : pandas.DataFrame
        One row per (query, target) match, by query and then p-value, with
        columns:

        - ``query``: index of the query in ``motifs`` (the kernel number
          for kernel_motifs output); ``query_name``: its name;
        - ``target_id``, ``target_name``;
        - ``p_value``: TOMTOM's p-value of the best alignment;
        - ``e_value``: p-value times the number of targets;
        - ``q_value``: Benjamini-Hochberg adjusted p-value over the query's
          targets (those failing ``min_overlap`` count with p = 1);
        - ``offset``: the target position aligned with the query's first
          position (negative when the query starts before the target);
        - ``overlap``: aligned positions;
        - ``orientation``: ``"+"``, or ``"-"`` when the query matches the
          target's reverse complement (``offset`` then counts on it).

    Notes
    -----
    memelite compiles TOMTOM with numba on its first call, which takes
    about a minute once per installation (the compiled code is cached).
    memelite warns when there are fewer than 25 targets, as its p-values
    use the target columns as background.
    """
    import pandas as pd

    tomtom = _import_tomtom()
    if not isinstance(min_overlap, (int, np.integer)) or min_overlap < 1:
        raise ValueError(f"min_overlap must be a positive integer; got {min_overlap!r}.")
    if not 0 < max_q <= 1:
        raise ValueError(f"max_q must be in (0, 1]; got {max_q!r}.")
    if n_best is not None and (not isinstance(n_best, (int, np.integer)) or n_best < 1):
        raise ValueError(f"n_best must be a positive integer or None; got {n_best!r}.")
    ids, names, matrices, symbols = load_targets(database, collection, tax_group)
    queries = _prepared(_queries(motifs), symbols, trim)
    if not queries:
        return pd.DataFrame(columns=_COLUMNS)
    if reverse_complement is None:
        reverse_complement = symbols.upper() == "ACGT"
    p, _, offsets, overlaps, strands = tomtom(
        [np.asfortranarray(q[3].T) for q in queries],
        [np.asfortranarray(t.T) for t in matrices],
        reverse_complement=reverse_complement,
        n_jobs=n_jobs,
    )
    table = _table(
        queries, ids, names, matrices, (p, offsets, overlaps, strands), min_overlap, max_q
    )
    if n_best is None:
        return table
    return table.groupby("query", sort=False).head(n_best).reset_index(drop=True)


def _table(queries, ids, names, matrices, tomtom, min_overlap, max_q):
    """The rows of :func:`match_motifs` from TOMTOM's (query x target) result arrays."""
    import pandas as pd
    from scipy.stats import false_discovery_control

    p, offsets, overlaps, strands = tomtom
    q_widths = np.array([len(q[3]) for q in queries])[:, None]
    t_widths = np.array([len(t) for t in matrices])[None, :]
    needed = np.minimum(min_overlap, np.minimum(q_widths, t_widths))
    p = np.where(overlaps >= needed, np.clip(p, 0.0, 1.0), 1.0)
    q = false_discovery_control(p, axis=1)
    rows, cols = np.nonzero((q <= max_q) & (overlaps >= needed))
    starts = np.array([q[2] for q in queries])
    table = pd.DataFrame(
        {
            "query": [queries[r][0] for r in rows],
            "query_name": [queries[r][1] for r in rows],
            "target_id": [ids[c] for c in cols],
            "target_name": [names[c] for c in cols],
            "p_value": p[rows, cols],
            "e_value": p[rows, cols] * len(ids),
            "q_value": q[rows, cols],
            "offset": offsets[rows, cols].astype(int) - starts[rows],
            "overlap": overlaps[rows, cols].astype(int),
            "orientation": np.where(strands[rows, cols] == 1, "-", "+"),
        },
        columns=_COLUMNS,
    )
    return table.sort_values(["query", "p_value"], kind="stable").reset_index(drop=True)


def _prepared(queries, symbols, trim):
    """(index, name, first kept position, probabilities in database order) per query.

    Queries without a position of ``trim`` bits are dropped.
    """
    prepared = []
    for i, motif in queries:
        columns = _columns_in(motif, symbols, i)
        keep = np.arange(len(motif))
        if trim is not None:
            keep = np.flatnonzero(motif.information_content() >= trim)
        if len(keep):
            matrix = motif.probabilities[keep[0] : keep[-1] + 1][:, columns]
            prepared.append((i, motif.name or f"motif_{i}", keep[0], matrix))
    return prepared


def _best_matches(table: pd.DataFrame, max_q: float = 0.05, n: int = 3) -> dict:
    """The best significant matches of each query, for the reports' "known motifs" column.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`match_motifs`.
    max_q : float, default=0.05
    n : int, default=3
        Most matches per query.

    Returns
    -------
    dict of int to pandas.DataFrame
        Query index -> its at most ``n`` rows with ``q_value <= max_q``, best first.
    """
    significant = table[table["q_value"] <= max_q]
    return {
        int(query): rows.nsmallest(n, "p_value")
        for query, rows in significant.groupby("query", sort=True)
    }


__getattr__ = removed_names(
    __name__,
    {
        "best_matches": (
            "skmotif.matching",
            "_best_matches",
            "match_motifs(motifs, max_q=0.05, n_best=3) keeps each query's best rows",
        )
    },
)
