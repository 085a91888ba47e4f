"""Sequence alphabets: which symbols a position can hold and how they map to codes.

An :class:`Alphabet` turns characters into small integer codes (one per
symbol); the unknown symbol (``N`` for nucleotides, ``X`` for protein) and
padding share the extra code ``len(alphabet)``, which one-hot encodes as an
all-zero vector. A :class:`JointAlphabet` combines a sequence and a structure
alphabet: each position holds one (sequence symbol, structure symbol) pair,
encoded as one of ``len(sequence) * len(structure)`` codes, as pysster did.
"""

from dataclasses import dataclass

import numpy as np

DNA = "ACGT"
RNA = "ACGU"
PROTEIN = "ACDEFGHIKLMNPQRSTVWY"
STRUCTURE = "EHIMS"

#: Marks bytes that are not part of an alphabet in a lookup table.
INVALID = 255
#: Most symbols an alphabet may hold: codes are uint8 and 254/255 are reserved.
MAX_SYMBOLS = 253


def _default_unknown(symbols):
    upper = set(symbols.upper())
    if upper <= set("ACGTU"):
        return "N"
    if upper == set(PROTEIN):
        return "X"
    return None


#: Base pairing, for reverse complements (A pairs with U in RNA alphabets).
_COMPLEMENT = {"A": "T", "C": "G", "G": "C", "T": "A", "U": "A"}


@dataclass(frozen=True)
class Alphabet:
    """An ordered set of single-character symbols.

    Parameters
    ----------
    symbols : str
        The symbols in channel order, e.g. ``"ACGT"``. Matching is
        case-insensitive unless the alphabet holds both cases of a letter.
    unknown : str or None, default="infer"
        A symbol that may appear in sequences and means "any symbol"; it is
        encoded as an all-zero vector. ``"infer"`` picks ``"N"`` for
        nucleotide alphabets, ``"X"`` for the 20 amino acids and none
        otherwise.
    """

    symbols: str
    unknown: str | None = "infer"

    def __post_init__(self):
        symbols = self.symbols
        if not isinstance(symbols, str):
            raise TypeError(
                f"An alphabet must be a string of symbols such as 'ACGT'; got {symbols!r}."
            )
        if len(symbols) < 2 or len(set(symbols)) != len(symbols):
            raise ValueError(
                f"An alphabet needs at least two symbols, each listed once; got {symbols!r}."
            )
        if not symbols.isascii() or not symbols.isprintable() or " " in symbols:
            raise ValueError(
                f"Alphabet symbols must be printable ASCII characters; got {symbols!r}."
            )
        if len(symbols) > MAX_SYMBOLS:
            raise ValueError(f"An alphabet holds at most {MAX_SYMBOLS} symbols.")
        unknown = _default_unknown(symbols) if self.unknown == "infer" else self.unknown
        if unknown is not None and (len(unknown) != 1 or unknown.upper() in symbols.upper()):
            raise ValueError(
                "The unknown symbol must be one character that is not in the "
                f"alphabet; got {unknown!r} for {symbols!r}."
            )
        object.__setattr__(self, "unknown", unknown)

    def __len__(self):
        return len(self.symbols)

    def __str__(self):
        return self.symbols

    @property
    def size(self) -> int:
        """Number of one-hot channels."""
        return len(self.symbols)

    def lookup_table(self) -> np.ndarray:
        """Byte -> code table for vectorised encoding.

        Returns
        -------
        table : ndarray of uint8, shape (256,)
            ``table[ord(c)]`` is the code of character ``c``: its index in
            :attr:`symbols`, ``len(self)`` for the unknown symbol and
            :data:`INVALID` for anything else.
        """
        table = np.full(256, INVALID, dtype=np.uint8)
        folds_case = len(set(self.symbols.upper())) == len(self.symbols)
        for code, symbol in enumerate(self.symbols):
            variants = {symbol, symbol.upper(), symbol.lower()} if folds_case else {symbol}
            for variant in variants:
                table[ord(variant)] = code
        if self.unknown is not None:
            for variant in {self.unknown.upper(), self.unknown.lower()}:
                table[ord(variant)] = len(self.symbols)
        return table

    def complement(self) -> np.ndarray:
        """The code of each symbol's complement, for reverse complements.

        Returns
        -------
        codes : ndarray of int, shape (size + 1,)
            ``codes[c]`` is the code of the complement of symbol ``c``; the
            unknown symbol and padding (code ``size``) stay themselves.

        Raises
        ------
        ValueError
            For an alphabet that is not DNA or RNA (some symbol has no
            complement in it).
        """
        symbols = self.symbols.upper()
        partner = {s: _COMPLEMENT.get(s) for s in symbols}
        if "U" in symbols:
            partner["A"] = "U"
        if any(p is None or p not in symbols for p in partner.values()):
            raise ValueError(
                f"A reverse complement needs a DNA or RNA alphabet (ACGT or ACGU); got "
                f"'{self.symbols}'."
            )
        return np.array([*(symbols.index(partner[s]) for s in symbols), self.size])


@dataclass(frozen=True)
class JointAlphabet:
    """Pairs of (sequence symbol, structure symbol), one channel per pair.

    Parameters
    ----------
    sequence : Alphabet
        Alphabet of the sequence string, e.g. ``Alphabet("ACGU")``.
    structure : Alphabet
        Alphabet of the structure string, e.g. ``Alphabet("EHIMS")``.

    Notes
    -----
    The channel of the pair ``(s, t)`` is ``code(s) * len(structure) +
    code(t)``. A position whose sequence symbol is unknown encodes as all
    zeros.
    """

    sequence: Alphabet
    structure: Alphabet

    def __post_init__(self):
        if self.size > MAX_SYMBOLS:
            raise ValueError(
                f"A joint alphabet holds at most {MAX_SYMBOLS} symbol pairs; "
                f"{self.sequence} x {self.structure} has {self.size}."
            )

    def __len__(self):
        return self.size

    def __str__(self):
        return f"{self.sequence} x {self.structure}"

    @property
    def size(self) -> int:
        """Number of one-hot channels."""
        return len(self.sequence) * len(self.structure)


def resolve_alphabet(alphabet):
    """Turn the ``alphabet`` parameter of an estimator into an alphabet object.

    Parameters
    ----------
    alphabet : str, Alphabet, JointAlphabet or tuple of two of str/Alphabet
        A string of symbols (``"ACGT"``), an :class:`Alphabet`, or a
        (sequence, structure) pair such as ``("ACGU", "EHIMS")``.

    Returns
    -------
    Alphabet or JointAlphabet
    """
    if isinstance(alphabet, (Alphabet, JointAlphabet)):
        return alphabet
    if isinstance(alphabet, str):
        return Alphabet(alphabet)
    if isinstance(alphabet, tuple) and len(alphabet) == 2:
        sequence, structure = alphabet
        if not isinstance(sequence, Alphabet):
            sequence = Alphabet(sequence)
        if not isinstance(structure, Alphabet):
            structure = Alphabet(structure, unknown=None)
        return JointAlphabet(sequence, structure)
    raise TypeError(
        "alphabet must be a string of symbols such as 'ACGT', an Alphabet, or a "
        f"(sequence, structure) pair such as ('ACGU', 'EHIMS'); got {alphabet!r}."
    )


class SequenceError(ValueError):
    """A sequence that cannot be encoded: a symbol outside the alphabet, empty, or too long.

    A ``ValueError`` whose message names the sequence (its index in the input)
    and the position (0-based); callers that read sequences from a file use
    :attr:`index` and :attr:`position` to name the file, record and line.

    Attributes
    ----------
    what : str
        ``"Sequence"`` or ``"Structure"``.
    index : int or None
        Index of the sequence in the input (None for a single structure).
    position : int or None
        0-based position of the problem in the sequence, if it has one.
    problem : str
        What is wrong, with ``{at}`` where the position goes: e.g. ``"has the
        symbol 'Z'{at}, which is not in the alphabet 'ACGT'"``.
    fix : str
        What to do about it.
    """

    def __init__(self, what, index, problem, fix, position=None):
        at = "" if position is None else f" at position {position}"
        name = what if index is None else f"{what} {index}"
        super().__init__(f"{name} {problem.replace('{at}', at)}. {fix}")
        self.what, self.index, self.position = what, index, position
        self.problem, self.fix = problem, fix

    def located(self, where, origin=0):
        """The message with the sequence named by ``where`` and positions counted from ``origin``.

        Parameters
        ----------
        where : str
            E.g. ``"seqs.fa, line 12: record 'chr1:100-300'"``.
        origin : {0, 1}, default=0
            1 for files, which count positions from 1.

        Returns
        -------
        str
        """
        at = "" if self.position is None else f" at position {self.position + origin}"
        return f"{where} {self.problem.replace('{at}', at)}. {self.fix}"
