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


def write_meme(motifs, path):
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


def read_meme(path):
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

    from .motif import Motif

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
