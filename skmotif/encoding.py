"""Strings -> uint8 codes -> one-hot.

Sequences are kept as one byte per position (``uint8`` codes) and one-hot
encoded only when a batch is fed to the network: one byte per position
instead of 4 bytes per channel as float32 one-hot (16x less for DNA).

Conventions
-----------
* Code ``i < len(alphabet)`` is the ``i``-th symbol; code ``len(alphabet)``
  is the unknown symbol (``N``/``X``) or padding, and one-hot encodes as an
  all-zero vector, so it adds nothing to any kernel's activation.
* Shorter sequences are padded at their 3' (right) end up to ``length``.
  A model always pads to the length it was fit on, so the prediction of a
  sequence never depends on the other sequences in its batch.
* No symbol is ever replaced: a character outside the alphabet is an error
  that names the sequence and the position.
"""

import numpy as np

from ._alphabet import INVALID, Alphabet, JointAlphabet

#: Sequences encoded at a time: bounds the temporary memory for large inputs.
ENCODE_CHUNK = 65536


def as_strings(X):
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
    array = X if isinstance(X, np.ndarray) else np.asarray(X, dtype=object)
    if array.dtype.kind not in "OUS" or array.size == 0:
        return None
    flat = array.ravel()
    if not isinstance(flat[0], str):
        return None
    for i, item in enumerate(flat):
        if not isinstance(item, str):
            raise TypeError(
                f"X mixes strings with {type(item).__name__} values (element {i}); "
                "pass only sequence strings or only numbers."
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
    return ValueError(
        f"{what} {index} has the symbol {symbol!r} at position {offset}, which is "
        f"not in the alphabet {allowed}. Fix the sequence, or choose an alphabet "
        "that contains the symbol."
    )


def _flat_codes(strings, alphabet, what, offset):
    """Codes of all strings concatenated, and each string's length.

    ``offset`` is the index of ``strings[0]`` in the whole input, for messages.
    """
    lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
    empty = np.flatnonzero(lengths == 0)
    if empty.size:
        raise ValueError(f"{what} {empty[0] + offset} is an empty string; remove it.")
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
        raise ValueError(
            f"{what} {i + offset} has {lengths[i]} positions, more than the {length} the "
            "model was fit on. Trim or split it, or refit on longer sequences."
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
            raise ValueError(
                f"Sequence {i + offset} has {lengths[i]} positions but its structure has "
                f"{struct_lengths[i]}; each structure must match its sequence."
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


def with_tracks(sequences, tracks, alphabet, scale="robust"):
    """One-hot sequences with numeric position-wise tracks as extra channels.

    Parameters
    ----------
    sequences : list of str, length n_samples
        All of one length.
    tracks : list of (list of ndarray), one list per track
        ``tracks[t][i]`` holds one value per position of sequence ``i``
        (e.g. from :func:`skmotif.io.read_positionwise`).
    alphabet : Alphabet
    scale : {"robust", None}, default="robust"
        "robust": each track minus its median, divided by its interquartile
        range (over all positions of all sequences); None keeps values.

    Returns
    -------
    X : ndarray of float32, shape (n_samples, length, len(alphabet) + n_tracks)
        Numeric input for ConvMotifClassifier (give it the same alphabet);
        kernel reports plot the extra channels as additional features.
    """
    if scale not in ("robust", None):
        raise ValueError(f"scale must be 'robust' or None; got {scale!r}.")
    if len({len(s) for s in sequences}) != 1:
        raise ValueError("with_tracks needs sequences of one length.")
    codes = encode(list(sequences), alphabet)
    channels = [one_hot(codes, alphabet.size)]
    for t, track in enumerate(tracks):
        if len(track) != len(sequences):
            raise ValueError(f"Track {t} has {len(track)} rows for {len(sequences)} sequences.")
        bad = [i for i, row in enumerate(track) if len(row) != codes.shape[1]]
        if bad:
            raise ValueError(
                f"Track {t}, sequence {bad[0]}: {len(track[bad[0]])} values for "
                f"{codes.shape[1]} positions."
            )
        values = np.asarray(track, dtype=np.float32)
        if scale == "robust":
            q1, median, q3 = np.percentile(values, [25, 50, 75])
            values = (values - median) / (q3 - q1 if q3 > q1 else 1.0)
        channels.append(values[:, :, None])
    return np.concatenate(channels, axis=2).astype(np.float32)
