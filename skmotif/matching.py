"""Name motifs: compare them with a motif database by TOMTOM (memelite).

The targets are a JASPAR release shipped offline by pyjaspar or the motifs
of a MEME file; both come with the ``[motifs]`` extra. memelite compiles its
TOMTOM with numba on first use in an environment (about a minute of one
core); the compiled code is cached on disk, so later calls, also in new
processes, take a tenth of a second. :func:`_warm_up_tomtom` starts that
compile in a process of its own, so that it runs while the caller does other
work (the command line: while it reads the data and trains). The compiled
code is also kept in ``~/.cache/skmotif`` (``$XDG_CACHE_HOME/skmotif``, or
``$SKMOTIF_CACHE_DIR``; set it empty to keep nothing), from which a new
environment with the same memelite, numba, numpy and Python takes it instead
of compiling.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import json
import os
import re
import subprocess
import sys
import time
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
    about a minute of one core once per installation: the compiled code is
    cached, and kept in ``~/.cache/skmotif`` for new environments with the
    same memelite, numba, numpy and Python (``SKMOTIF_CACHE_DIR`` moves it;
    empty: nothing kept). When a compile started by ``_warm_up_tomtom`` is
    still running, this waits for it rather than compiling a second time.
    memelite warns when there are fewer than 25 targets, as its p-values
    use the target columns as background.
    """
    import pandas as pd

    _import_tomtom()
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
    with _after_warm_up():
        ready = _tomtom_compiled() or _restore_compiled()
        p, offsets, overlaps, strands = _run_tomtom(
            [q[3] for q in queries], matrices, reverse_complement, n_jobs
        )
    if not ready:  # compiled by this call: kept for new environments
        _keep_compiled()
    table = _table(
        queries, ids, names, matrices, (p, offsets, overlaps, strands), min_overlap, max_q
    )
    if n_best is None:
        return table
    return table.groupby("query", sort=False).head(n_best).reset_index(drop=True)


def _run_tomtom(queries, targets, reverse_complement, n_jobs):
    """memelite's TOMTOM of query and target probability matrices (each (width, 4)).

    Every call gives numba arguments of the same types, so one compiled
    kernel serves them all: float64 matrices, and never a query part of
    width 1 (a (4, 1) array is C- as well as F-contiguous, numba would type
    it 'C' rather than 'F' and compile TOMTOM a second time; such a query is
    passed twice and its first row kept).

    Returns
    -------
    p_values, offsets, overlaps, strands : ndarray, each of shape (n_queries, n_targets)
    """
    tomtom = _import_tomtom()
    n = len(queries)
    if sum(len(q) for q in queries) == 1:
        queries = [queries[0], queries[0]]
    p, _, offsets, overlaps, strands = tomtom(
        [np.asfortranarray(np.asarray(q, dtype=np.float64).T) for q in queries],
        [np.asfortranarray(np.asarray(t, dtype=np.float64).T) for t in targets],
        reverse_complement=bool(reverse_complement),
        n_jobs=n_jobs,
    )
    return p[:n], offsets[:n], overlaps[:n], strands[:n]


# -- TOMTOM's first use -------------------------------------------------------------------
#
# memelite's TOMTOM kernel, `memelite.tomtom._tomtom` (numba, parallel=True, cache=True),
# compiles on the first call in an environment, whatever the input's size: one signature
# with about a hundred callees and numba helpers, 44-54 s of one core measured on a shared
# 2-core machine (53-125 s of wall time there; LLVM's passes and code generation about a
# third of it, the rest numba's typing and lowering in Python, holding the GIL). Importing
# memelite compiles only two small eager signatures (1 s). numba caches the result on disk
# (memelite's __pycache__, or NUMBA_CACHE_DIR), from which a new process loads it in
# 0.1-0.5 s; a second call in a process takes 0.05-0.3 s. A new environment pays the
# compile again, unless `_restore_compiled` finds the files `_keep_compiled` copied from
# another environment (numba's cache files are not tied to the environment's path: numba
# 0.68 checks them by the source's text). `_warm_up_tomtom` runs the compile in a child
# process: it then neither holds this process's GIL (the training's Python loop) nor needs
# it, and the code reaches this process through numba's cache.

#: CPU seconds that compiling TOMTOM takes (memelite 0.5, numba 0.68; 44-54 s measured).
_COMPILE_CPU_SECONDS = 50.0
#: What the child process of `_warm_up_tomtom` runs.
_CHILD = "from skmotif.matching import _compile_tomtom; _compile_tomtom({niceness})"
#: The compile `_warm_up_tomtom` started in this process, if any.
_WARM_UP = None


def _tomtom_kernel():
    """memelite's numba-compiled TOMTOM kernel (a numba dispatcher), or None if not found."""
    _import_tomtom()
    return getattr(sys.modules.get("memelite.tomtom"), "_tomtom", None)


def _tomtom_compiled() -> bool:
    """Whether TOMTOM is compiled for this machine: in this process or in numba's disk cache.

    Reads numba's cache index for memelite's kernel (well under a millisecond): an
    entry for this machine, numba and memelite source whose data file is there. False
    means the next TOMTOM call compiles it (about a minute), and also when the kernel
    or numba's cache are not as expected (another memelite or numba release).

    Returns
    -------
    bool
    """
    kernel = _tomtom_kernel()
    try:
        if kernel.overloads:
            return True
        cache = kernel._cache
        codegen = kernel.targetctx.codegen()
        index = cache._cache_file._load_index()
        return any(
            cache._index_key(key[0], codegen) == key
            and os.path.isfile(cache._cache_file._data_path(name))
            for key, name in index.items()
        )
    except Exception:  # numba or memelite internals differ: say a compile may be needed
        return False


def _compile_tomtom(niceness: int = 0) -> None:
    """Run TOMTOM once on a tiny input (1 query, 30 targets), so that numba compiles it.

    What the child process of :func:`_warm_up_tomtom` runs; numba writes the
    compiled code to its cache, and :func:`_keep_compiled` copies it for new
    environments. The arguments have the types of every :func:`match_motifs`
    call (see :func:`_run_tomtom`), so that call finds it.
    """
    if niceness and hasattr(os, "nice"):  # not on Windows
        os.nice(niceness)
    rng = np.random.default_rng(0)
    queries = [rng.dirichlet(np.ones(4), 8)]
    targets = [rng.dirichlet(np.ones(4), 10) for _ in range(30)]
    _run_tomtom(queries, targets, True, 1)
    _keep_compiled()


def _store_folder():
    """Where compiled TOMTOM is kept for new environments (None: nowhere).

    ``$SKMOTIF_CACHE_DIR`` (empty: keep nothing), else ``$XDG_CACHE_HOME/skmotif``
    or ``~/.cache/skmotif``; in it a folder per memelite, numba, numpy and
    Python version and CPU (numba's "magic tuple": target, CPU name, features).
    """
    import memelite
    import numba

    root = os.environ.get("SKMOTIF_CACHE_DIR")
    if root is None:
        root = os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "skmotif"
        )
    if not root:
        return None
    magic = repr(_tomtom_kernel().targetctx.codegen().magic_tuple())
    cpu = hashlib.sha256(magic.encode()).hexdigest()[:12]
    return Path(root) / (
        f"tomtom-memelite{memelite.__version__}-numba{numba.__version__}-numpy"
        f"{np.__version__}-{sys.implementation.cache_tag}-{cpu}"
    )


def _copy(source, target):
    """Copy a file so that ``target`` appears whole or not at all."""
    partial = f"{target}.{os.getpid()}.partial"
    try:
        with open(source, "rb") as read, open(partial, "wb") as write:
            write.write(read.read())
        os.replace(partial, target)
    finally:
        with contextlib.suppress(OSError):
            os.remove(partial)


def _digest(path):
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def _keep_compiled(again: bool = True) -> bool:
    """Copy numba's cache files of compiled TOMTOM to :func:`_store_folder`; True if done.

    For a new environment on this machine, which :func:`_restore_compiled`
    then spares the compile: numba's cache is per environment (a folder next
    to memelite's source), its files are not (numba 0.68 checks them by
    memelite's source text, numba's version, the CPU and the kernel's
    bytecode). 2.3 MB. ``again=False``: not when a copy is there already.
    Never raises: a copy that fails leaves only the compile to a new
    environment.
    """
    try:
        folder = _store_folder()
        kernel = _tomtom_kernel()
        cache_file = kernel._cache._cache_file
        names = sorted(set(cache_file._load_index().values()))
        if folder is None or not names:
            return False
        if not again and (folder / "files.json").is_file():
            return False
        folder.mkdir(parents=True, exist_ok=True)
        files = {}
        for name in [*names, cache_file._index_name]:
            source = os.path.join(kernel._cache.cache_path, name)
            _copy(source, folder / name)
            files[name] = _digest(folder / name)
        partial = folder / f"files.json.{os.getpid()}.partial"
        partial.write_text(json.dumps(files))
        os.replace(partial, folder / "files.json")  # last: the copy is whole
        return True
    except Exception:
        return False


def _restore_compiled() -> bool:
    """Put the compiled TOMTOM that :func:`_keep_compiled` kept into numba's cache here.

    Only into an environment whose numba cache has no TOMTOM entries, and only
    files whose checksums match; numba then checks them as its own (source text,
    versions, CPU, bytecode). True when numba now has TOMTOM compiled. Never
    raises.
    """
    try:
        folder = _store_folder()
        if folder is None or not (folder / "files.json").is_file():
            return False
        kernel = _tomtom_kernel()
        cache_file = kernel._cache._cache_file
        if cache_file._load_index():
            return False  # this environment's own entries (another signature): left alone
        files = json.loads((folder / "files.json").read_text())
        if cache_file._index_name not in files:
            return False
        if any(_digest(folder / name) != digest for name, digest in files.items()):
            return False
        kernel._cache._impl.locator.ensure_cache_path()
        for name in sorted(files, key=lambda name: name == cache_file._index_name):
            _copy(folder / name, os.path.join(kernel._cache.cache_path, name))  # index last
        return _tomtom_compiled()
    except Exception:
        return False


class _TomtomWarmUp:
    """The compile of TOMTOM that :func:`_warm_up_tomtom` started, in a process of its own.

    Attributes
    ----------
    needed : bool
        Whether TOMTOM had to be compiled: numba had it neither in this
        process nor in its disk cache, and no other environment's compiled
        code was kept (:func:`_restore_compiled`). When False, nothing runs.
    process : subprocess.Popen or None
        The compiling process (None when not needed).
    waiting : callable or None
        ``waiting(warm_up)``, a context manager that :func:`match_motifs`
        enters while it waits for the compile to end (a progress line).
    started : float
        ``time.perf_counter()`` when the compile started.
    """

    def __init__(self, process=None, waiting=None):
        self.needed = process is not None
        self.process = process
        self.waiting = waiting
        self.started = time.perf_counter()

    def done(self) -> bool:
        """Whether the compile has ended (or none was needed)."""
        return self.process is None or self.process.poll() is not None

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the compile to end, at most ``timeout`` seconds; True when it has."""
        if self.process is None:
            return True
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    def hurry(self) -> bool:
        """Give the compile this process's priority, as it is now waited for; True if done so.

        Raising a priority back needs the right to (root, or an ``RLIMIT_NICE``);
        without it the compile keeps its niceness.
        """
        if self.done():
            return False
        try:
            mine = os.getpriority(os.PRIO_PROCESS, 0)
            os.setpriority(os.PRIO_PROCESS, self.process.pid, mine)
        except (OSError, AttributeError):  # no right to, or not on this system
            return False
        return True

    def succeeded(self) -> bool:
        """Whether the compile ended and numba's cache now holds TOMTOM for this process."""
        return self.done() and _tomtom_compiled()

    def cpu_seconds(self) -> float | None:
        """CPU seconds the compiling process has used so far (None where /proc is missing)."""
        if self.process is None:
            return None
        try:
            with open(f"/proc/{self.process.pid}/stat") as file:
                fields = file.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError, AttributeError):
            return None

    def fraction(self) -> float:
        """About how much of the compile is done, 0 to 1 (by its CPU time, else wall time)."""
        if self.done():
            return 1.0
        used = self.cpu_seconds()
        if used is None:
            used = time.perf_counter() - self.started
        return min(used / _COMPILE_CPU_SECONDS, 0.99)

    def seconds_left(self) -> float:
        """About how many seconds the compile still takes (0 when done; at least 1 before).

        Its CPU time left, as it has a core to itself while the caller waits
        (on a loaded machine it takes longer: 36 CPU seconds left took 36 s on
        a quiet 2-core machine, 60-70 s with 6-8 processes running); by the
        wall clock where /proc is missing.
        """
        if self.done():
            return 0.0
        used = self.cpu_seconds()
        if used is None:
            used = time.perf_counter() - self.started
        return max(_COMPILE_CPU_SECONDS - used, 1.0)

    def message(self) -> str:
        """The progress line for a wait: ``Compiling TOMTOM (first use ..., about N s) ...``."""
        return (
            "Compiling TOMTOM for the matches (first use in this environment, about "
            f"{self.seconds_left():.0f} s) ..."
        )


def _warm_up_tomtom(waiting=None, niceness: int = 0) -> _TomtomWarmUp:
    """Start compiling memelite's TOMTOM in a child process, unless numba has it cached.

    First numba's cache, then the code another environment kept
    (:func:`_restore_compiled`, milliseconds); a compile only without either.

    For the command line's ``--match``: call it before the work that precedes
    the matching (reading the data, training), so that the compile (about a
    minute of one core, once per environment) overlaps that work. The child
    runs :func:`_compile_tomtom`; numba caches the code on disk, and
    :func:`match_motifs` in this process loads it from there, after waiting
    for the child if it is still running. Should the child fail, that call
    compiles TOMTOM itself, as without a warm-up. A child still running when
    this process exits is ended.

    Parameters
    ----------
    waiting : callable, optional
        ``waiting(warm_up)`` returns a context manager that
        :func:`match_motifs` enters while it waits for the unfinished compile,
        e.g. ``lambda w: progress(w.message())``; nothing is shown otherwise.
    niceness : int, default=0
        Added to the child's niceness (``os.nice``) until something waits
        for it (:meth:`_TomtomWarmUp.hurry`). On a shared 2-core machine, 0
        slowed the training 1.6-2.6 times and cut the wait after it by about
        a third, and the whole run by 12-24%; 10 left the training about as
        it was but the compile then got little CPU (the wait 6-12% shorter,
        the whole run from 9% shorter to 1% longer). On an idle machine 10
        may be the better choice: the training itself uses about 0.6 of a
        core.

    Returns
    -------
    _TomtomWarmUp
        ``needed`` says whether a compile runs; ``done()``, ``wait()``,
        ``fraction()``, ``seconds_left()`` and ``message()`` follow it.

    Raises
    ------
    ImportError
        Without memelite, with the command that installs it.
    """
    global _WARM_UP
    _import_tomtom()
    if _WARM_UP is not None and not _WARM_UP.done():
        _WARM_UP.waiting = waiting or _WARM_UP.waiting
        return _WARM_UP
    if _tomtom_compiled():
        _keep_compiled(again=False)  # seeds the store from an environment compiled before
        return _TomtomWarmUp(waiting=waiting)
    if _restore_compiled() or not sys.executable:
        return _TomtomWarmUp(waiting=waiting)
    process = subprocess.Popen(
        [sys.executable, "-c", _CHILD.format(niceness=int(niceness))],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _WARM_UP = _TomtomWarmUp(process, waiting)
    return _WARM_UP


@contextlib.contextmanager
def _after_warm_up():
    """Wait for a compile :func:`_warm_up_tomtom` started and still running, then run the body.

    The child gets this process's priority first (:meth:`_TomtomWarmUp.hurry`),
    as nothing else waits on this process now. Both in the warm-up's ``waiting``
    context: should the child have failed, the body's TOMTOM call compiles, and
    the progress line stays up for that.
    """
    warm_up = _WARM_UP
    if warm_up is None or warm_up.done():
        yield
        return
    warm_up.hurry()
    with warm_up.waiting(warm_up) if warm_up.waiting else contextlib.nullcontext():
        warm_up.wait()
        yield


def _end_warm_up():
    """End a compiling child still running (at this process's exit)."""
    warm_up = _WARM_UP
    if warm_up is not None and not warm_up.done():
        warm_up.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            warm_up.process.wait(5)


atexit.register(_end_warm_up)


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
