"""Reading sequence files; writing motifs (MEME) and modisco-lite's inputs."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ._deprecated import removed_names

if TYPE_CHECKING:
    import os

    from numpy.typing import ArrayLike

__all__ = [
    "load_fasta_classes",
    "load_fasta_multilabel",
    "read_fasta",
    "read_meme",
    "read_positionwise",
    "write_meme",
    "write_modisco_inputs",
]

__getattr__ = removed_names(
    __name__,
    {
        "iter_fasta": (
            "skmotif.io",
            "_iter_fasta",
            "read_fasta(path, structure=...) reads the same records",
        )
    },
)

_GZIP_MAGIC = b"\x1f\x8b"
_DOT_BRACKET = set(".()[]{}<>")


def _open_text(path):
    """Open plain or gzip text, detecting gzip from the content, not the name."""
    with open(path, "rb") as file:
        magic = file.read(2)
    raw = gzip.open(path, "rb") if magic == _GZIP_MAGIC else open(path, "rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="ascii", newline=None)


def _records(path):
    """Yield (header, lines, line number of the header) per FASTA record."""
    path = Path(path)
    header, lines, header_line, number = None, [], 0, 0

    def record():
        if not lines:
            raise ValueError(f"{path}, line {header_line}: record '{header}' has no sequence.")
        return header, list(lines), header_line

    try:
        with _open_text(path) as file:
            for number, raw in enumerate(file, start=1):
                line = raw.strip()
                if line.startswith(">"):
                    if header is not None:
                        yield record()
                    header, header_line = line[1:].strip(), number
                    lines.clear()
                elif line:
                    if header is None:
                        raise ValueError(
                            f"{path}, line {number}: sequence before the first '>' header; "
                            "is this a FASTA file?"
                        )
                    lines.append(line)
            if header is not None:
                yield record()
    except (UnicodeDecodeError, gzip.BadGzipFile, EOFError) as err:
        raise ValueError(f"{path}, line {number + 1}: not a text FASTA file ({err}).") from None


def _iter_fasta(path, structure=False):
    """Yield ``(header, record)`` per record of a FASTA file, in constant memory.

    As :func:`read_fasta` reads them; also 0.5's public ``iter_fasta``, kept
    until 0.7.0 (see ``skmotif._deprecated``).
    """
    for header, record, _, _ in _fasta_records(path, structure):
        yield header, record


def _fasta_records(path, structure=False):
    """:func:`read_fasta`'s records with where each lies in the file.

    Yields
    ------
    header : str
    record : str, or (str, str) with ``structure=True``
    line : int
        1-based line number of the header.
    line_lengths : list of int
        Length of each sequence line (one line with ``structure=True``), to
        find the line of a position.
    """
    for header, lines, line in _records(path):
        if not structure:
            yield header, "".join(lines).upper(), line, [len(text) for text in lines]
            continue
        if len(lines) != 2:
            raise ValueError(
                f"{path}, line {line}: record '{header}' has {len(lines)} lines; with "
                "structure=True each record is one sequence and one structure line."
            )
        sequence, fold = lines[0].upper(), lines[1].split()[0].upper()
        if set(fold) <= _DOT_BRACKET:
            from ._alphabet import SequenceError
            from .structure import dotbracket_to_elements

            try:
                fold = dotbracket_to_elements(fold)
            except SequenceError as error:
                where = f"{path}, line {line + 2}: the structure of record '{header}'"
                raise ValueError(error.located(where, origin=1)) from None
        if len(sequence) != len(fold):
            raise ValueError(
                f"{path}, line {line}: record '{header}' has a sequence of "
                f"{len(sequence)} and a structure of {len(fold)} positions."
            )
        yield header, (sequence, fold), line, [len(sequence)]


def read_fasta(
    path: str | os.PathLike, structure: bool = False
) -> tuple[list[str], list[str] | list[tuple[str, str]]]:
    """Read a FASTA file: plain or gzip, multi-line records, optionally with structures.

    Parameters
    ----------
    path : str or path-like
        Plain or gzip (recognised by its content), multi-line records, any
        line endings.
    structure : bool, default=False
        Records are header / sequence line / structure line (the structure
        line's first whitespace-separated token, so RNAfold output with its
        energy works). Dot-bracket structures are turned into elements
        (E, H, I, M, S; :func:`skmotif.structure.dotbracket_to_elements`);
        other structure strings are kept as they are.

    Returns
    -------
    headers : list of str, length n_records
        The header lines without the leading ``>``.
    sequences : list of str, or of (str, str) with ``structure=True``, length n_records
        Upper-cased, lines joined; or (sequence, structure) pairs, which the
        estimators take with ``alphabet=("ACGU", "EHIMS")``.

    Raises
    ------
    ValueError
        For a sequence line before the first header, a record without
        sequence, a structure record that is not two lines or whose lengths
        differ, or non-text content; the message names the file and line.
        For a file without records (empty, or blank lines only).
    """
    headers, sequences = [], []
    for header, sequence in _iter_fasta(path, structure):
        headers.append(header)
        sequences.append(sequence)
    if not headers:
        raise ValueError(f"{path}: holds no FASTA record; give a file of sequences.")
    return headers, sequences


def load_fasta_classes(paths: list, structure: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Labelled sequences from one FASTA file per class.

    Parameters
    ----------
    paths : list of str or path-like, length n_classes
        The label of a sequence is the index of its file in ``paths``.
    structure : bool, default=False
        Records are header / sequence line / structure line, as in
        :func:`read_fasta` (RNAfold output works; dot-bracket becomes
        elements); X then holds (sequence, structure) pairs.

    Returns
    -------
    X : ndarray of str, shape (n_samples,) or (n_samples, 2)
    y : ndarray of int, shape (n_samples,)

    Raises
    ------
    TypeError
        For one path instead of a list of paths.
    ValueError
        For no path, a file without records, or what :func:`read_fasta`
        refuses; the message names the file.
    """
    if isinstance(paths, (str, bytes, Path)):
        raise TypeError(
            f"paths is the single path {str(paths)!r}; give a list of FASTA files, one per "
            f"class, e.g. [{str(paths)!r}]."
        )
    paths = list(paths)
    if not paths:
        raise ValueError(
            "paths is empty; give a list of FASTA files, one per class, e.g. "
            "['negatives.fa', 'positives.fa']."
        )
    X, y = [], []
    for label, path in enumerate(paths):
        n = len(X)
        for _, record in _iter_fasta(path, structure):
            X.append(record)
            y.append(label)
        if len(X) == n:
            raise ValueError(
                f"{path}: holds no FASTA record; every class file needs at least one sequence."
            )
    return np.array(X), np.array(y)


def load_fasta_multilabel(
    path: str | os.PathLike, n_labels: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Sequences with several labels each, read from their headers.

    Parameters
    ----------
    path : str or path-like
        FASTA file whose headers end in comma-separated label indices:
        ``>0,2`` or ``>name|0,2`` (the part after the last ``|`` of the
        header's first word).
    n_labels : int, optional
        Number of labels; default the largest index + 1.

    Returns
    -------
    X : ndarray of str, shape (n_samples,)
    Y : ndarray of int, shape (n_samples, n_labels)
        0/1 indicator matrix.

    Raises
    ------
    ValueError
        For a file without records, a header without label indices, or a
        label index that is negative or not below ``n_labels``.
    """
    X, labels = [], []
    for header, lines, line in _records(path):
        field = header.split()[0].rsplit("|", 1)[-1] if header else ""
        try:
            labels.append([int(v) for v in field.split(",")])
        except ValueError:
            raise ValueError(
                f"{path}, line {line}: header '{header}' does not end in label indices "
                "such as '>0,2' or '>name|0,2'."
            ) from None
        if min(labels[-1]) < 0:
            raise ValueError(f"{path}, line {line}: label indices must be >= 0.")
        X.append("".join(lines).upper())
    if not X:
        raise ValueError(f"{path}: holds no FASTA record; give a file of sequences.")
    n_labels = max(max(v) for v in labels) + 1 if n_labels is None else n_labels
    Y = np.zeros((len(X), n_labels), dtype=int)
    for row, indices in enumerate(labels):
        if max(indices) >= n_labels:
            raise ValueError(f"{path}: record {row} has label {max(indices)} >= {n_labels}.")
        Y[row, indices] = 1
    return np.array(X), Y


def read_positionwise(path: str | os.PathLike) -> tuple[list[str], list[np.ndarray]]:
    """Numeric tracks, one line of numbers (space, tab or comma separated) per sequence.

    Parameters
    ----------
    path : str or path-like
        Plain or gzip text, as pysster's additional position-wise data.

    Returns
    -------
    tracks : list of ndarray of float32
        One array per non-empty line.
    """
    tracks = []
    with _open_text(path) as file:
        for number, line in enumerate(file, start=1):
            if line.strip():
                try:
                    tracks.append(np.array(line.replace(",", " ").split(), dtype=np.float32))
                except ValueError:
                    raise ValueError(f"{path}, line {number}: not a line of numbers.") from None
    return tracks


def write_meme(motifs: list, path: str | os.PathLike) -> Path:
    """Write motifs to a MEME (version 4) text file.

    Parameters
    ----------
    motifs : list of Motif
        All over one alphabet. ``nsites`` is the motif's real number of
        sites, left out when unknown (a motif built from probabilities).
    path : str or path-like

    Notes
    -----
    The background is uniform. DNA motifs declare both strands.
    """
    motifs = list(motifs)
    if not motifs:
        raise ValueError("write_meme needs at least one motif.")
    symbols = motifs[0].alphabet.symbols.upper()
    if any(m.alphabet.symbols.upper() != symbols for m in motifs):
        raise ValueError("All motifs of one MEME file must share one alphabet.")
    uniform = " ".join(f"{s} {1 / len(symbols):.6f}" for s in symbols)
    lines = ["MEME version 4", "", f"ALPHABET= {symbols}", ""]
    if symbols == "ACGT":
        lines += ["strands: + -", ""]
    lines += ["Background letter frequencies", uniform, ""]
    for i, motif in enumerate(motifs):
        name = motif.name or f"motif_{i}"
        sites = "" if motif.n_sites is None else f" nsites= {motif.n_sites}"
        lines.append(f"MOTIF {name}")
        lines.append(
            f"letter-probability matrix: alength= {len(symbols)} w= {len(motif)}{sites} E= 0"
        )
        lines += [" ".join(f"{p:.6f}" for p in row) for row in motif.probabilities]
        lines.append("")
    Path(path).write_text("\n".join(lines))


def read_meme(path: str | os.PathLike) -> list:
    """Read the motifs of a MEME text file.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    motifs : list of Motif
        With ``name`` (the MOTIF line's identifier, plus its alternative name
        if any) and ``n_sites`` when the file gives ``nsites``.

    Raises
    ------
    ValueError
        For a file without ALPHABET line or a malformed matrix, naming the line.
    """
    import re

    from ._motif import Motif

    path = Path(path)
    with _open_text(path) as file:
        lines = [line.strip() for line in file]
    symbols, name, motifs = None, None, []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("ALPHABET="):
            symbols = line.split("=", 1)[1].split()[0]
        elif line.startswith("MOTIF"):
            name = " ".join(line.split()[1:]) or None
        elif line.startswith("letter-probability matrix"):
            if symbols is None:
                raise ValueError(f"{path}, line {i + 1}: matrix before the ALPHABET= line.")
            width = re.search(r"w=\s*(\d+)", line)
            sites = re.search(r"nsites=\s*([\d.eE+-]+)", line)
            if width is None:
                raise ValueError(f"{path}, line {i + 1}: the matrix line gives no w=.")
            rows = []
            for j in range(i + 1, i + 1 + int(width.group(1))):
                try:
                    rows.append([float(v) for v in lines[j].split()])
                except (IndexError, ValueError):
                    raise ValueError(
                        f"{path}, line {j + 1}: expected a row of {len(symbols)} probabilities."
                    ) from None
            n_sites = round(float(sites.group(1))) if sites else None
            motifs.append(Motif(symbols, probabilities=rows, n_sites=n_sites, name=name))
            i += len(rows)
        i += 1
    return motifs


def write_modisco_inputs(
    sequences_path: str | os.PathLike,
    scores_path: str | os.PathLike,
    one_hot: ArrayLike,
    contributions: ArrayLike,
) -> tuple[Path, Path]:
    """Write the ``.npz`` pair that modisco-lite's command line reads.

    ``modisco motifs -s SEQUENCES -a SCORES -n 2000 -o modisco_results.h5``
    reads ``arr_0`` of each file, shape (n_regions, 4, length), channels
    before positions: this writes one-hot sequences and their (usually
    hypothetical) contributions in that layout, each file whole or not at all.

    Parameters
    ----------
    sequences_path, scores_path : str or path-like
        The two ``.npz`` files (``np.savez`` adds ``.npz`` to a name without it).
    one_hot : array-like or EncodedInput, shape (n_regions, length, channels)
        The sequences, e.g. ``model.encode(X)`` or its ``.one_hot()``.
    contributions : array-like, shape (n_regions, length, channels)
        E.g. ``deep_lift_shap(model, X, hypothetical=True)``.

    Returns
    -------
    (Path, Path)
        The files written.

    Raises
    ------
    ValueError
        When the two arrays differ in shape, are not 3-D, or hold NaN or infinity.
    """
    from ._files import replaced_file

    if hasattr(one_hot, "one_hot"):
        one_hot = one_hot.one_hot()
    arrays = [np.asarray(one_hot, np.float32), np.asarray(contributions, np.float32)]
    if arrays[0].shape != arrays[1].shape or arrays[0].ndim != 3:
        raise ValueError(
            f"one_hot has shape {arrays[0].shape} and contributions {arrays[1].shape}; give "
            "two arrays of one shape (n_regions, length, channels)."
        )
    if not all(np.isfinite(a).all() for a in arrays):
        raise ValueError("one_hot and contributions must be finite (no NaN or infinity).")
    written = []
    for path, array in zip((sequences_path, scores_path), arrays, strict=True):
        path = Path(path).with_suffix(".npz") if Path(path).suffix != ".npz" else Path(path)
        with replaced_file(path) as temporary, open(temporary, "wb") as handle:
            np.savez_compressed(handle, np.ascontiguousarray(array.transpose(0, 2, 1)))
        written.append(path)
    return tuple(written)
