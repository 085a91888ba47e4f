"""Strings to symbol codes and codes to one-hot: the one codec of sequences."""

import numpy as np
import scipy.sparse as sp

from ._alphabet import INVALID, Alphabet, JointAlphabet, SequenceError

#: Sequences encoded at a time: bounds the temporary memory for large inputs.
ENCODE_CHUNK = 65536


def _check_collection(X, name="X"):
    """TypeError for input that is not a collection of samples (None, one string, a generator).

    Parameters
    ----------
    X : object
        What the user passed as ``name``.
    name : str, default="X"

    Raises
    ------
    TypeError
        For None, a single str or bytes, a number, or an iterator without a
        length (a generator), each with the fix.
    """
    if X is None:
        raise TypeError(
            f"{name} is None; pass the sequences as a list of str (or a numeric array)."
        )
    if isinstance(X, str):
        raise TypeError(
            f"{name} is a single string; pass a list of sequences, e.g. [{name}] for one."
        )
    if isinstance(X, (bytes, bytearray)):
        raise TypeError(f"{name} is bytes; decode it to str and pass a list of sequences.")
    if sp.issparse(X):
        raise TypeError(f"{name} is a sparse matrix; pass a dense array ({name}.toarray()).")
    if isinstance(X, (dict, set, frozenset)):
        raise TypeError(
            f"{name} is a {type(X).__name__}, which has no order; pass a list "
            f"(e.g. list({name}.values()) for a dict)."
        )
    if isinstance(X, np.ndarray):
        if getattr(X, "ndim", 1) == 0:
            raise TypeError(f"{name} is a 0-d array; pass a list of sequences.")
        return
    if not hasattr(X, "__len__") and not hasattr(X, "__array__"):
        kind = "an iterator or generator" if hasattr(X, "__next__") else type(X).__name__
        raise TypeError(
            f"{name} is {kind}, which has no length; pass a list (e.g. list({name})) or an array."
        )


def _as_strings(X):
    """Return X as a list of str if it holds strings, else None.

    Parameters
    ----------
    X : array-like
        Anything a user may pass as input.

    Returns
    -------
    strings : list of str or list of tuple of str, or None
        A flat list for 1-D input, a list of (sequence, structure) tuples for
        input of shape (n_samples, 2); None when X is not string data.
    """
    try:
        array = X if isinstance(X, np.ndarray) else np.asarray(X, dtype=object)
    except ValueError:  # ragged nesting, e.g. pairs of unequal size
        raise ValueError(
            "X holds items of different shapes; pass a list of sequences, a list of "
            "(sequence, structure) pairs, or a numeric array."
        ) from None
    if array.dtype.kind == "S":
        raise TypeError("X holds bytes; decode the sequences to str.")
    if array.dtype.kind not in "OU" or array.size == 0:
        return None
    flat = array.ravel()
    if array.dtype.kind == "O":
        kinds = {type(item) for item in flat}
        if kinds & {bytes, bytearray}:
            raise TypeError("X holds bytes; decode the sequences to str.")
        if str not in kinds and not any(issubclass(k, str) for k in kinds):
            return None
        for i, item in enumerate(flat):
            if not isinstance(item, str):
                raise TypeError(
                    f"X mixes strings with {type(item).__name__} values (element {i}: "
                    f"{item!r}); pass only sequence strings or only numbers."
                )
    if array.ndim == 1:
        return [str(s) for s in flat]
    if array.ndim == 2 and array.shape[1] == 2:
        return [(str(s), str(t)) for s, t in array]
    raise ValueError(
        "String input must be a 1-D array-like of sequences, shape (n_samples,), "
        "or (sequence, structure) pairs, shape (n_samples, 2); "
        f"got shape {array.shape}."
    )


def _symbol_error(what, index, offset, symbol, alphabet):
    unknown = getattr(alphabet, "unknown", None)
    allowed = f"'{alphabet.symbols}'" + (f" (unknown: '{unknown}')" if unknown else "")
    return SequenceError(
        what,
        index,
        f"has the symbol {symbol!r}" + "{at}" + f", which is not in the alphabet {allowed}",
        "Fix the sequence, or choose an alphabet that contains the symbol.",
        position=offset,
    )


def _flat_codes(strings, alphabet, what, offset):
    """Codes of all strings concatenated, and each string's length.

    ``offset`` is the index of ``strings[0]`` in the whole input, for messages.
    """
    lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
    empty = np.flatnonzero(lengths == 0)
    if empty.size:
        raise SequenceError(what, int(empty[0] + offset), "is an empty string", "Remove it.")
    joined = "".join(strings)
    ends = np.cumsum(lengths)

    def locate(position):
        index = int(np.searchsorted(ends, position, side="right"))
        return index + offset, int(position - ends[index] + lengths[index])

    try:
        raw = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    except UnicodeEncodeError as err:
        raise _symbol_error(what, *locate(err.start), joined[err.start], alphabet) from None
    codes = alphabet.lookup_table()[raw]
    bad = np.flatnonzero(codes == INVALID)
    if bad.size:
        raise _symbol_error(what, *locate(bad[0]), joined[bad[0]], alphabet)
    return codes, lengths


def _pad(flat, lengths, length, fill, what, offset):
    too_long = np.flatnonzero(lengths > length)
    if too_long.size:
        i = too_long[0]
        raise SequenceError(
            what,
            int(i + offset),
            f"has {lengths[i]} positions, more than the {length} the model was fit on",
            "Trim or split it, or refit on longer sequences.",
        )
    out = np.full((len(lengths), length), fill, dtype=np.uint8)
    out[np.arange(length) < lengths[:, None]] = flat
    return out


def encode(strings, alphabet, length=None):
    """Encode sequences (or sequence/structure pairs) as uint8 codes.

    Parameters
    ----------
    strings : list of str, or list of (str, str), length n_samples
        Sequences for an :class:`Alphabet`; (sequence, structure) pairs of
        equal length for a :class:`JointAlphabet`.
    alphabet : Alphabet or JointAlphabet
        The alphabet; matching is case-insensitive.
    length : int, optional
        Length to pad to; default the longest sequence. A longer sequence is
        a ValueError.

    Returns
    -------
    codes : ndarray of uint8, shape (n_samples, length)
        Symbol codes; ``len(alphabet)`` marks unknown symbols and padding.

    Raises
    ------
    ValueError
        For an empty string, a symbol outside the alphabet, a structure whose
        length differs from its sequence, or a sequence longer than ``length``.
    """
    if not isinstance(alphabet, (Alphabet, JointAlphabet)):
        raise TypeError(f"alphabet must be an Alphabet or JointAlphabet, got {alphabet!r}.")
    pairs = bool(strings) and isinstance(strings[0], tuple)
    if isinstance(alphabet, JointAlphabet) != pairs:
        raise ValueError(
            f"The alphabet {alphabet} expects (sequence, structure) pairs, X of shape "
            "(n_samples, 2); got single strings."
            if pairs is False
            else f"X holds (sequence, structure) pairs but the alphabet {alphabet!s} is a "
            "single alphabet; pass a pair such as alphabet=('ACGU', 'EHIMS')."
        )
    if length is None:
        length = max(len(s[0]) if pairs else len(s) for s in strings)
    codes = np.empty((len(strings), length), dtype=np.uint8)
    for start in range(0, len(strings), ENCODE_CHUNK):
        chunk = strings[start : start + ENCODE_CHUNK]
        codes[start : start + len(chunk)] = _encode_chunk(chunk, alphabet, length, start)
    return codes


def _encode_chunk(strings, alphabet, length, offset):
    """:func:`encode` for a slice of the input starting at index ``offset``."""
    if isinstance(alphabet, JointAlphabet):
        sequences = [s for s, _ in strings]
        structures = [t for _, t in strings]
        seq, lengths = _flat_codes(sequences, alphabet.sequence, "Sequence", offset)
        struct, struct_lengths = _flat_codes(structures, alphabet.structure, "Structure", offset)
        mismatch = np.flatnonzero(lengths != struct_lengths)
        if mismatch.size:
            i = mismatch[0]
            raise SequenceError(
                "Sequence",
                int(i + offset),
                f"has {lengths[i]} positions but its structure has {struct_lengths[i]}",
                "Each structure must match its sequence.",
            )
        n_struct = len(alphabet.structure)
        flat = np.where(
            seq == len(alphabet.sequence), alphabet.size, seq * n_struct + struct
        ).astype(np.uint8)
    else:
        flat, lengths = _flat_codes(strings, alphabet, "Sequence", offset)
    return _pad(flat, lengths, length, alphabet.size, "Sequence", offset)


def one_hot(codes, size):
    """One-hot encode symbol codes.

    Parameters
    ----------
    codes : ndarray of uint8, shape (n_samples, length)
        Codes from :func:`encode`.
    size : int
        Number of symbols (channels); code ``size`` becomes all zeros.

    Returns
    -------
    X : ndarray of float32, shape (n_samples, length, size)
    """
    table = np.vstack([np.eye(size, dtype=np.float32), np.zeros((1, size), np.float32)])
    return table[codes]
