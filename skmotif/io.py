"""Reading sequence files."""

import gzip
import io
from pathlib import Path

_GZIP_MAGIC = b"\x1f\x8b"


def _open_text(path):
    """Open plain or gzip text, detecting gzip from the content, not the name."""
    with open(path, "rb") as file:
        magic = file.read(2)
    raw = gzip.open(path, "rb") if magic == _GZIP_MAGIC else open(path, "rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="ascii", newline=None)


def read_fasta(path):
    """Read a FASTA file (plain or gzip, multi-line records, any line endings).

    Parameters
    ----------
    path : str or path-like
        The file; gzip is recognised by its content.

    Returns
    -------
    headers : list of str, length n_records
        Header lines without the leading ``>``.
    sequences : list of str, length n_records
        Sequences, upper-cased, lines joined.

    Raises
    ------
    ValueError
        For a sequence line before the first header, a record without
        sequence, or non-text content; the message names the file and line.
    """
    path = Path(path)
    headers, sequences, lines = [], [], []
    number = header_line = 0

    def close_record():
        if headers and not lines:
            raise ValueError(
                f"{path}, line {header_line}: record '{headers[-1]}' has no sequence."
            )
        if lines:
            sequences.append("".join(lines).upper())
            lines.clear()

    try:
        with _open_text(path) as file:
            for number, line in enumerate(file, start=1):
                line = line.strip()
                if line.startswith(">"):
                    close_record()
                    headers.append(line[1:].strip())
                    header_line = number
                elif line:
                    if not headers:
                        raise ValueError(
                            f"{path}, line {number}: sequence before the first '>' header; "
                            "is this a FASTA file?"
                        )
                    lines.append(line)
            close_record()
    except (UnicodeDecodeError, gzip.BadGzipFile, EOFError) as err:
        raise ValueError(f"{path}, line {number + 1}: not a text FASTA file ({err}).") from None
    return headers, sequences
