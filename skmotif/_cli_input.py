"""The command line's input files, read and checked completely before any training or writing.

Every error names the file, the line and the record id, and counts
positions from 1, as the files do.
"""

import os
from pathlib import Path

import numpy as np

from ._alphabet import JointAlphabet, SequenceError
from ._codec import encode
from .encoding import EncodedInput
from .io import _fasta_records

#: Records encoded at a time while checking a file.
CHUNK = 10000


def _located(error, path, chunk):
    """A SequenceError about ``chunk[error.index]`` as a message naming file, line and record."""
    header, _, line, line_lengths = chunk[error.index]
    if error.what == "Structure":
        line += 2
    elif error.position is not None:  # the line of a multi-line record that holds it
        line += 1 + int(np.searchsorted(np.cumsum(line_lengths), error.position, side="right"))
    name = header.split()[0] if header else ""
    thing = "the structure of record" if error.what == "Structure" else "record"
    return error.located(f"{path}, line {line}: {thing} '{name}'", origin=1)


def _encoded_chunks(path, alphabet, length=None):
    """Yield (records, codes) of a FASTA file, CHUNK records at a time, every record checked.

    Parameters
    ----------
    path : path-like
    alphabet : Alphabet or JointAlphabet
        A JointAlphabet reads records of sequence and structure lines.
    length : int, optional
        Pad to this length; a longer record is an error. Default: each
        chunk's longest record.

    Yields
    ------
    records : list of (header, record, line, line_lengths)
    codes : ndarray of uint8, shape (len(records), length)

    Raises
    ------
    ValueError
        For the first record that cannot be encoded, naming file, line and id.
    """
    structure = isinstance(alphabet, JointAlphabet)
    chunk = []

    def encoded():
        try:
            return encode([record for _, record, _, _ in chunk], alphabet, length)
        except SequenceError as error:
            raise ValueError(_located(error, path, chunk)) from None

    for item in _fasta_records(path, structure):
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk, encoded()
            chunk = []
    if chunk:
        yield chunk, encoded()


def check_fasta(path, alphabet, length):
    """Check every record of a FASTA file against a model's alphabet and length.

    Returns
    -------
    n_records : int

    Raises
    ------
    ValueError
        For a file without records, or the first record that cannot be encoded.
    """
    n = sum(len(records) for records, _ in _encoded_chunks(path, alphabet, length))
    if n == 0:
        raise ValueError(f"{path}: holds no FASTA record; give a file of sequences.")
    return n


def check_files(paths):
    """FileNotFoundError for the first path that is not a file."""
    for path in paths:
        if not Path(path).is_file():
            raise FileNotFoundError(
                f"{path}: No such file" + (" (it is a folder)" if Path(path).is_dir() else "")
            )


def _check_distinct(paths):
    """ValueError when a file is given twice (the same path, or another path to it)."""
    for i, first in enumerate(paths):
        for second in paths[i + 1 :]:
            if (
                os.path.exists(first)
                and os.path.exists(second)
                and os.path.samefile(first, second)
            ):
                raise ValueError(
                    f"{second} is given twice ({first} is the same file); give each class "
                    "file once."
                )


def _read_records(paths, alphabet, length=None):
    """Ids and codes of every record of the FASTA files, file after file, every record checked.

    Returns
    -------
    ids : list of str
    lines : list of (path, line)
    parts : list of ndarray of uint8, one per chunk
    per_file : list of int
        Records per file.
    """
    _check_distinct(paths)
    ids, lines, parts, per_file = [], [], [], []
    for path in paths:
        n = 0
        for records, codes in _encoded_chunks(path, alphabet, length):
            ids += [header.split()[0] if header else "" for header, _, _, _ in records]
            lines += [(path, line) for _, _, line, _ in records]
            parts.append(codes)
            n += len(records)
        per_file.append(n)
    return ids, lines, parts, per_file


def _stack(parts, alphabet):
    """Code chunks of several widths as one EncodedInput, padded to the widest."""
    width = max(part.shape[1] for part in parts)
    values = np.full((sum(map(len, parts)), width), alphabet.size, np.uint8)
    start = 0
    for part in parts:
        values[start : start + len(part), : part.shape[1]] = part
        start += len(part)
    return EncodedInput(values, alphabet)


def read_class_files(paths, alphabet, length=None):
    """Sequences of one FASTA file per class, every record checked.

    Parameters
    ----------
    paths : list of path-like, length n_classes
    alphabet : Alphabet or JointAlphabet
    length : int, optional
        A model's input length: pad to it, and a longer record is an error.
        Default: the longest record of all files.

    Returns
    -------
    encoded : EncodedInput
        All records, file after file.
    labels : ndarray of int, shape (n_samples,)
        The index of each record's file in ``paths``.

    Raises
    ------
    ValueError
        For a file given twice, a file without records, or a record that
        cannot be encoded (naming file, line and id).
    """
    _, _, parts, per_file = _read_records(paths, alphabet, length)
    for path, n in zip(paths, per_file, strict=True):
        if not n:
            raise ValueError(
                f"{path}: holds no FASTA record; every class file needs at least one sequence."
            )
    labels = np.repeat(np.arange(len(paths)), per_file)
    return _stack(parts, alphabet), labels


#: Text that reads as a missing target value.
MISSING = {"", "NA", "NaN", "nan", "N/A", "NULL", "null"}


def read_targets(path):
    """The targets TSV: a header line, then a FASTA id and one number per output on each line.

    Returns
    -------
    ids : list of str
        The first column, read as text.
    values : ndarray of float64, shape (n_rows, n_outputs)
        NaN where a value is missing (empty, NA, NaN).
    names : list of str
        The header's output columns.

    Raises
    ------
    ValueError
        For an empty file, a table without an output column, an id given
        twice, or a value that is not a number, naming the line and column.
    """
    import pandas as pd

    try:
        table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, na_filter=False)
    except pd.errors.EmptyDataError:
        raise ValueError(
            f"{path}: empty; give a header line (id, then one name per output) and one line "
            "per sequence."
        ) from None
    except pd.errors.ParserError as error:
        raise ValueError(f"{path}: not a tab-separated table ({error}).") from None
    if table.shape[1] < 2:
        raise ValueError(
            f"{path}: needs at least two tab-separated columns, the FASTA id and one value "
            f"per output; its header has {list(table.columns)}."
        )
    if table.empty:
        raise ValueError(f"{path}: holds no value; give one line per sequence.")
    ids = table.iloc[:, 0].tolist()
    seen = {}
    for line, name in enumerate(ids, start=2):
        if name in seen:
            raise ValueError(
                f"{path}, line {line}: the id '{name}' is also given at line {seen[name]}; "
                "give one line per sequence."
            )
        seen[name] = line
    values = np.empty((len(table), table.shape[1] - 1))
    for c, column in enumerate(table.columns[1:]):
        for line, text in enumerate(table[column], start=2):
            if text.strip() in MISSING:
                values[line - 2, c] = np.nan
                continue
            try:
                values[line - 2, c] = float(text)
            except ValueError:
                raise ValueError(
                    f"{path}, line {line}, column '{column}': {text!r} is not a number (leave "
                    "a missing value empty or write NA)."
                ) from None
    return ids, values, [str(c) for c in table.columns[1:]]


def read_target_files(paths, targets, alphabet, length=None):
    """Sequences of FASTA files and their values from a targets TSV, matched by id.

    Parameters
    ----------
    paths : list of path-like
    targets : path-like
        See :func:`read_targets`.
    alphabet : Alphabet or JointAlphabet
    length : int, optional
        A model's input length (see :func:`read_class_files`).

    Returns
    -------
    encoded : EncodedInput
        All records, file after file.
    values : ndarray of float64, shape (n_samples, n_outputs)
    names : list of str
        The outputs' names.
    unused : int
        Rows of the targets file that name no record.

    Raises
    ------
    ValueError
        For a record whose id is given twice or has no line in the targets
        file (naming the first few), or any error of the files themselves.
    """
    ids, lines, parts, per_file = _read_records(paths, alphabet, length)
    for path, n in zip(paths, per_file, strict=True):
        if not n:
            raise ValueError(f"{path}: holds no FASTA record; give a file of sequences.")
    first = {}
    for name, (path, line) in zip(ids, lines, strict=True):
        if name in first:
            raise ValueError(
                f"{path}, line {line}: the id '{name}' is also the id of the record at "
                f"{first[name][0]}, line {first[name][1]}; targets are matched by id, so ids "
                "must be unique."
            )
        first[name] = (path, line)
    rows, values, names = read_targets(targets)
    index = {name: i for i, name in enumerate(rows)}
    missing = [name for name in ids if name not in index]
    if missing:
        raise ValueError(
            f"{targets}: has no line for {len(missing)} of the {len(ids)} sequences, e.g. "
            f"{', '.join(repr(m) for m in missing[:3])}; its first column must hold the FASTA "
            f"ids (the header up to the first space), e.g. {rows[0]!r} names no sequence."
            if rows[0] not in first
            else f"{targets}: has no line for {len(missing)} of the {len(ids)} sequences, e.g. "
            f"{', '.join(repr(m) for m in missing[:3])}; give every sequence a line."
        )
    order = np.array([index[name] for name in ids])
    return _stack(parts, alphabet), values[order], names, len(rows) - len(set(ids))


def read_id_sequences(path):
    """``{id: sequence}`` of a FASTA file whose ids are used as names (``--variants``).

    Raises
    ------
    ValueError
        For a file without records, or an id given to two records (naming
        both lines).
    """
    sequences, lines = {}, {}
    for header, sequence, line, _ in _fasta_records(path):
        name = header.split()[0] if header else ""
        if name in sequences:
            raise ValueError(
                f"{path}, line {line}: the id '{name}' is also the id of the record at line "
                f"{lines[name]}; variants name sequences by id, so ids must be unique."
            )
        sequences[name], lines[name] = sequence, line
    if not sequences:
        raise ValueError(f"{path}: holds no FASTA record; give the reference sequences.")
    return sequences


def read_variants(path):
    """The variants TSV: columns sequence (an id, read as text), position (1-based), ref, alt.

    Returns
    -------
    pandas.DataFrame
        Positions as int64, still 1-based; ``line`` holds each row's line in the file.

    Raises
    ------
    ValueError
        For a missing column, an empty file, or a position that is not a
        whole number >= 1, naming the line.
    """
    import pandas as pd

    try:
        table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, na_filter=False)
    except pd.errors.EmptyDataError:
        raise ValueError(f"{path}: empty; give a header line and one variant per line.") from None
    except pd.errors.ParserError as error:
        raise ValueError(f"{path}: not a tab-separated table ({error}).") from None
    columns = ["sequence", "position", "ref", "alt"]
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(
            f"{path}: the columns {missing} are missing; the header line must name "
            f"{', '.join(columns)} (tab-separated); it has {list(table.columns)}."
        )
    if table.empty:
        raise ValueError(f"{path}: holds no variant; give one variant per line.")
    table["line"] = np.arange(len(table)) + 2
    positions = []
    for text, line in zip(table["position"], table["line"], strict=True):
        if not text.strip().isdigit() or int(text) < 1:
            raise ValueError(
                f"{path}, line {line}: the position {text!r} is not a whole number >= 1 "
                "(positions count from 1)."
            )
        positions.append(int(text))
    table["position"] = np.array(positions, dtype=np.int64)
    return table


def check_output_path(path, folder):
    """ValueError unless ``path`` can be written: a folder (``folder=True``) or a file.

    Checked before any work, so that a long training does not end in an
    unwritable output.
    """
    path = Path(path)
    if folder and path.exists() and not path.is_dir():
        raise ValueError(f"--out {path} is a file; give a folder.")
    if not folder and path.is_dir():
        raise ValueError(f"--out {path} is a folder; give a file name.")
    parent = path if folder and path.exists() else path.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise ValueError(f"--out {path}: cannot write into {parent} (no permission).")


def check_match(database, alphabet):
    """Fail before any work when ``--match`` names no database the kernels can be matched with.

    ``alphabet`` is the model's: a string, an Alphabet, or a (sequence,
    structure) pair, whose sequence motifs are the ones matched.
    """
    if database is not None:
        from ._alphabet import JointAlphabet, resolve_alphabet
        from ._progress import progress
        from .matching import _check_alphabet, _import_tomtom, _warm_up_tomtom, load_targets

        _import_tomtom()
        symbols = load_targets(database)[3]
        alphabet = resolve_alphabet(alphabet)
        if isinstance(alphabet, JointAlphabet):
            alphabet = alphabet.sequence
        _check_alphabet(alphabet.symbols, symbols, "The model")
        # TOMTOM's first use in an environment compiles it (about a minute of one core):
        # in a process of its own from now on, beside the reading and the training.
        _warm_up_tomtom(waiting=lambda warm_up: progress(warm_up.message()))


def check_attribution(targets, alphabet, classes=None, kind="classes"):
    """Fail before any work when ``--attribution`` cannot run: no modisco-lite, another
    alphabet, or a class (or output) the data do not have."""
    if targets is None:
        return
    from ._labels import class_index
    from .interpret._patterns import check_modisco

    check_modisco(alphabet)
    for target in targets if classes is not None else ():
        class_index(classes, target, "--attribution", kind)


def load_model(path, command):
    """The model saved at ``path``, for the command line's ``command``.

    Raises
    ------
    ValueError
        For a profile model (ConvMotifProfileRegressor), which the commands do not read yet.
    """
    from ._saving import load

    model = load(path)
    if model.head_family == "profiles":
        raise ValueError(
            f"{path} holds a ConvMotifProfileRegressor; 'skmotif {command}' does not read "
            "profile models yet. Use Python: model = skmotif.load(path); model.predict(X) for "
            "the profiles, skmotif.metrics.profile_metrics for the scores, "
            "skmotif.interpret.deep_lift_shap and modisco_motifs for contributions."
        )
    return model
