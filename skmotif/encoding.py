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

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin, _fit_context
from sklearn.utils.validation import check_array, check_is_fitted, validate_data

from ._alphabet import INVALID, Alphabet, JointAlphabet, SequenceError, resolve_alphabet

__all__ = [
    "EncodedInput",
    "SequenceEncoder",
    "encode",
    "one_hot",
    "with_tracks",
]

#: Sequences encoded at a time: bounds the temporary memory for large inputs.
ENCODE_CHUNK = 65536


def _no_symbols_error(channels, what):
    """The error for numeric input whose channels do not read as the alphabet's symbols.

    Parameters
    ----------
    channels : int
        Channels of the numeric input.
    what : str
        What needed the symbols ("kernel motifs", "ism").

    Returns
    -------
    ValueError
    """
    return ValueError(
        f"Numeric input with {channels} channels cannot be read as one-hot sequence; {what} "
        "need the first channels to be the one-hot sequence in the order of the estimator's "
        "alphabet."
    )


@dataclass(frozen=True)
class EncodedInput:
    """Network input of n sequences: symbol codes with their alphabet, or numeric values.

    The one type every part of skmotif that runs a network takes. Codes are
    one byte per position and become one-hot only batch by batch
    (:meth:`batches`), so memory stays 1/16 of float32 one-hot for DNA.

    Parameters
    ----------
    values : ndarray, shape (n_samples, length) uint8 or (n_samples, length, channels) float32
        Symbol codes (``alphabet.size`` marks unknown symbols and padding), or
        numeric input used as it is.
    alphabet : Alphabet, JointAlphabet or None
        For codes, their alphabet. For numeric input, the alphabet whose
        one-hot channels lead the channels (None when they do not read as
        one), which interpretation needs to turn windows into motifs.

    Examples
    --------
    >>> from skmotif import Alphabet
    >>> encoded = EncodedInput(encode(["ACGT", "AAN"], Alphabet("ACGT")), Alphabet("ACGT"))
    >>> encoded.one_hot().shape, encoded.channels, encoded.is_codes
    ((2, 4, 4), 4, True)
    """

    values: np.ndarray
    alphabet: Alphabet | JointAlphabet | None

    def __post_init__(self):
        if self.is_codes and self.alphabet is None:
            raise ValueError("Symbol codes need their alphabet.")
        if not self.is_codes and self.values.ndim != 3:
            raise ValueError(
                "EncodedInput holds codes of shape (n_samples, length) or numeric values "
                f"of shape (n_samples, length, channels); got shape {self.values.shape}."
            )

    def __len__(self):
        return len(self.values)

    @property
    def is_codes(self):
        """True for symbol codes, False for numeric input."""
        return self.values.ndim == 2

    @property
    def length(self):
        """Positions per sequence."""
        return self.values.shape[1]

    @property
    def channels(self):
        """One-hot (or numeric) channels the network sees."""
        return self.alphabet.size if self.is_codes else self.values.shape[2]

    @property
    def symbol_channels(self):
        """How many leading channels are the alphabet's one-hot symbols (0 if none)."""
        return 0 if self.alphabet is None else self.alphabet.size

    def one_hot(self, rows=slice(None)):
        """Network input of the selected sequences.

        Parameters
        ----------
        rows : slice or array-like of int, default all

        Returns
        -------
        X : ndarray of float32, shape (n_rows, length, channels)
        """
        if self.is_codes:
            return one_hot(self.values[rows], self.alphabet.size)
        return self.values[rows]

    def batches(self, size):
        """Network input in consecutive batches.

        Parameters
        ----------
        size : int
            Sequences per batch (the last may be smaller).

        Yields
        ------
        start : int
            Index of the batch's first sequence.
        batch : ndarray of float32, shape (batch, length, channels)
        """
        for start in range(0, len(self), size):
            yield start, self.one_hot(slice(start, start + size))

    def subset(self, rows):
        """The selected sequences, as an EncodedInput."""
        return EncodedInput(self.values[rows], self.alphabet)

    def complement(self):
        """The code of each symbol's complement (:meth:`Alphabet.complement`).

        Returns
        -------
        ndarray of int, shape (n_symbols + 1,)

        Raises
        ------
        ValueError
            For numeric input, sequence + structure pairs, or an alphabet
            other than DNA or RNA.
        """
        if not self.is_codes or isinstance(self.alphabet, JointAlphabet):
            kind = "numeric input" if not self.is_codes else "sequence + structure pairs"
            raise ValueError(
                f"A reverse complement needs DNA or RNA sequences; this input is {kind}."
            )
        return self.alphabet.complement()

    def ends(self):
        """One past each sequence's last known symbol (padding and trailing unknowns excluded).

        Returns
        -------
        ndarray of int, shape (n_samples,)
            ``length`` for a sequence of unknown symbols only.
        """
        known = self.values != self.alphabet.size
        return self.length - np.argmax(known[:, ::-1], axis=1)

    def reverse_complement(self):
        """The sequences of the opposite strand, as an EncodedInput.

        Each sequence is reversed up to its last known symbol, so padding
        (and trailing unknown symbols, which read as padding) stays at the
        right end, and every symbol is replaced by its complement.

        Returns
        -------
        EncodedInput

        Raises
        ------
        ValueError
            For numeric input, sequence + structure pairs, or an alphabet
            other than DNA or RNA.
        """
        complement = self.complement().astype(np.uint8)
        length, size = self.length, self.alphabet.size
        source = self.ends()[:, None] - 1 - np.arange(length)
        rows = np.arange(len(self))[:, None]
        flipped = complement[self.values[rows, np.maximum(source, 0)]]
        return EncodedInput(np.where(source >= 0, flipped, size).astype(np.uint8), self.alphabet)

    def windows(self, rows, starts, width):
        """One-hot windows: ``width`` positions of sequence ``rows[i]`` from ``starts[i]``.

        Parameters
        ----------
        rows, starts : ndarray of int, shape (n_windows,)
        width : int

        Returns
        -------
        windows : ndarray of float32, shape (n_windows, width, channels)
        """
        rows, starts = np.asarray(rows), np.asarray(starts)
        offsets = starts[:, None] + np.arange(width)
        picked = self.values[rows[:, None], offsets]
        return one_hot(picked, self.alphabet.size) if self.is_codes else picked


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


class _SequenceInput:
    """Checks X and encodes it: the one input path of every estimator that takes sequences.

    An estimator with an ``alphabet`` parameter gets :meth:`_encode`. At fit
    (``reset=True``) it sets ``alphabet_`` (None for numeric input),
    ``input_shape_`` (length, channels) and ``n_features_in_``; later calls
    check X against them and pad strings to the fitted length. X may also be
    an :class:`EncodedInput` (e.g. from :meth:`encode` or a file read once),
    which is checked, not encoded again.
    """

    def _encode(self, X, reset):
        """X as an :class:`EncodedInput`, checked against the fitted input when not reset."""
        if isinstance(X, EncodedInput):
            if not X.is_codes:
                return self._encode(X.values, reset)
            return self._encode_codes(X, reset)
        _check_collection(X)
        if hasattr(X, "__len__") and len(X) == 0:
            raise ValueError("X is empty: it holds 0 samples; pass at least one sequence.")
        strings = _as_strings(X)
        if strings is not None:
            return self._encode_strings(strings, reset)
        try:
            ndim = (X if isinstance(X, np.ndarray) else np.asarray(X)).ndim
        except ValueError:  # ragged nesting
            raise ValueError(
                "X holds items of different shapes; pass a list of sequences, a list of "
                "(sequence, structure) pairs, or a numeric array of one shape."
            ) from None
        if ndim == 1:
            raise ValueError(
                "Numeric X must have shape (n_samples, length) or (n_samples, length, "
                f"channels); got a 1-D array of {len(X)} values. Reshape your data: for one "
                "sequence of values, pass [X]."
            )
        if reset or self.alphabet_ is None:
            values = validate_data(self, X, reset=reset, allow_nd=True, dtype=np.float32)
        else:
            values = check_array(X, allow_nd=True, dtype=np.float32)
        if values.ndim == 2:
            values = values[:, :, np.newaxis]
        if values.ndim != 3:
            raise ValueError(
                "Numeric X must have shape (n_samples, length) or (n_samples, length, "
                f"channels); got a {values.ndim}-D array of shape {values.shape}."
            )
        if reset:
            self.alphabet_ = None
            self.input_shape_ = values.shape[1:]
        elif values.shape[1:] != self.input_shape_:
            raise ValueError(
                f"X has (length, channels) = {values.shape[1:]}, but the model was fit on "
                f"{self.input_shape_}; pass input of the shape it was fit on."
            )
        return EncodedInput(values, self.input_alphabet())

    def input_alphabet(self):
        """The alphabet whose one-hot symbols lead the channels of the network input.

        Returns
        -------
        Alphabet, JointAlphabet or None
            The fitted alphabet for string input; for numeric input the
            ``alphabet`` parameter when its symbols fit in the channels (a
            single alphabet only), else None.
        """
        if self.alphabet_ is not None:
            return self.alphabet_
        alphabet = resolve_alphabet(self.alphabet)
        readable = isinstance(alphabet, Alphabet) and alphabet.size <= self.input_shape_[1]
        return alphabet if readable else None

    def _encode_strings(self, strings, reset):
        alphabet = resolve_alphabet(self.alphabet)
        if reset:
            return self._encode_codes(EncodedInput(encode(strings, alphabet), alphabet), True)
        self._check_fitted_alphabet(alphabet)
        return EncodedInput(encode(strings, alphabet, length=self.input_shape_[0]), alphabet)

    def _check_fitted_alphabet(self, alphabet):
        if self.alphabet_ is None:
            raise ValueError(
                "This model was fit on numeric arrays of (length, channels) = "
                f"{self.input_shape_}; pass numeric X of that shape, not strings."
            )
        if alphabet != self.alphabet_:
            raise ValueError(
                f"alphabet is {alphabet!s} but the model was fit with {self.alphabet_!s}; "
                "set the alphabet back or refit."
            )

    def _encode_codes(self, encoded, reset):
        """Symbol codes checked against the alphabet (and the fitted length when not reset)."""
        alphabet = resolve_alphabet(self.alphabet)
        if encoded.alphabet != alphabet:
            raise ValueError(
                f"The encoded input's alphabet is {encoded.alphabet!s} but this estimator's "
                f"alphabet is {alphabet!s}; encode with the estimator's alphabet."
            )
        if encoded.values.dtype != np.uint8 or (
            encoded.values.size and encoded.values.max() > alphabet.size
        ):
            raise ValueError(
                f"Encoded input must hold uint8 codes 0..{alphabet.size} (from "
                "skmotif.encoding.encode); these are not."
            )
        if len(encoded) == 0:
            raise ValueError("X is empty: it holds 0 samples; pass at least one sequence.")
        if reset:
            self.alphabet_ = alphabet
            self.n_features_in_ = 2 if isinstance(alphabet, JointAlphabet) else 1
            self.input_shape_ = (encoded.length, alphabet.size)
            return encoded
        self._check_fitted_alphabet(alphabet)
        length = self.input_shape_[0]
        if encoded.length <= length:
            padded = np.full((len(encoded), length), alphabet.size, np.uint8)
            padded[:, : encoded.length] = encoded.values
            return EncodedInput(padded, alphabet)
        too_long = np.flatnonzero((encoded.values[:, length:] != alphabet.size).any(axis=1))
        if too_long.size:
            i = int(too_long[0])
            raise SequenceError(
                "Sequence",
                i,
                f"has {encoded.ends()[i]} positions, more than the {length} the model was fit on",
                "Trim or split it, or refit on longer sequences.",
            )
        return EncodedInput(np.ascontiguousarray(encoded.values[:, :length]), alphabet)


class SequenceEncoder(_SequenceInput, TransformerMixin, BaseEstimator):
    """One-hot features of sequences, for any scikit-learn model.

    Encodes exactly as :class:`~skmotif.ConvMotifClassifier` does (same
    alphabets, unknown symbols and padding as all-zero vectors, errors that
    name the symbol and position), so a k-mer-free baseline such as
    ``make_pipeline(SequenceEncoder(), LogisticRegression())`` sees the same
    input as the network. Numeric X passes through as float32.

    Parameters
    ----------
    alphabet : str, Alphabet or tuple of two, default="ACGT"
        As for :class:`~skmotif.ConvMotifClassifier`; a (sequence, structure)
        pair takes X as pairs of strings, encoded jointly.
    flatten : bool, default=True
        Return (n_samples, length * channels), the shape scikit-learn models
        take; False keeps (n_samples, length, channels).

    Attributes
    ----------
    alphabet_ : Alphabet, JointAlphabet or None
        None for numeric X.
    input_shape_ : tuple of int
        (length, channels): strings are padded to the longest one seen in
        ``fit``; longer ones are an error in ``transform``.
    n_features_in_ : int
        1 for sequences, 2 for pairs, the length for 2-D numeric X.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> encoder = SequenceEncoder().fit(["ACGT", "AAN"])
    >>> encoder.transform(["ACGT"]).shape
    (1, 16)
    >>> encoder.get_feature_names_out()[:5].tolist()
    ['0_A', '0_C', '0_G', '0_T', '1_A']
    >>> model = make_pipeline(SequenceEncoder(), LogisticRegression())
    """

    _parameter_constraints: ClassVar[dict] = {
        "alphabet": [str, tuple, Alphabet, JointAlphabet],
        "flatten": ["boolean"],
    }

    def __init__(self, alphabet="ACGT", flatten=True):
        self.alphabet = alphabet
        self.flatten = flatten

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Learn the alphabet and length (or the numeric shape) of X.

        Parameters
        ----------
        X : array-like of str, shape (n_samples,), of (str, str), shape (n_samples, 2), \
or numeric, shape (n_samples, length[, channels])
        y : ignored

        Returns
        -------
        self : SequenceEncoder
        """
        self._encode(X, reset=True)
        return self

    def transform(self, X):
        """One-hot encode X.

        Parameters
        ----------
        X : array-like
            Input of the kind seen in ``fit``.

        Returns
        -------
        features : ndarray of float32, shape (n_samples, length * channels) or \
(n_samples, length, channels)
        """
        check_is_fitted(self)
        features = self._encode(X, reset=False).one_hot()
        return features.reshape(len(features), -1) if self.flatten else features

    def get_feature_names_out(self, input_features=None):
        """Names ``{position}_{symbol}`` (``{position}_{channel}`` for numeric X).

        Returns
        -------
        ndarray of str, shape (length * channels,)
        """
        check_is_fitted(self)
        length, channels = self.input_shape_
        symbols = (
            [str(c) for c in range(channels)]
            if self.alphabet_ is None
            else _channel_names(self.alphabet_)
        )
        return np.array([f"{p}_{s}" for p in range(length) for s in symbols], dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.transformer_tags.preserves_dtype = ["float32"]
        return tags


def _channel_names(alphabet):
    """One name per one-hot channel: the symbol, or ``sequence:structure`` for a pair."""
    if isinstance(alphabet, JointAlphabet):
        return [f"{s}:{t}" for s in alphabet.sequence.symbols for t in alphabet.structure.symbols]
    return list(alphabet.symbols)
