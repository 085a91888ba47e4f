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

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ._alphabet import Alphabet, JointAlphabet
from ._codec import encode, one_hot

if TYPE_CHECKING:
    from collections.abc import Iterator

    from numpy.typing import ArrayLike

__all__ = ["EncodedInput", "with_tracks"]


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
    def is_codes(self) -> bool:
        """True for symbol codes, False for numeric input."""
        return self.values.ndim == 2

    @property
    def length(self) -> int:
        """Positions per sequence."""
        return self.values.shape[1]

    @property
    def channels(self) -> int:
        """One-hot (or numeric) channels the network sees."""
        return self.alphabet.size if self.is_codes else self.values.shape[2]

    @property
    def symbol_channels(self) -> int:
        """How many leading channels are the alphabet's one-hot symbols (0 if none)."""
        return 0 if self.alphabet is None else self.alphabet.size

    def one_hot(self, rows: slice | ArrayLike = slice(None)) -> np.ndarray:
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

    def batches(self, size: int) -> Iterator[tuple[int, np.ndarray]]:
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

    def subset(self, rows: ArrayLike) -> EncodedInput:
        """The selected sequences, as an EncodedInput."""
        return EncodedInput(self.values[rows], self.alphabet)

    def complement(self) -> np.ndarray:
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

    def ends(self) -> np.ndarray:
        """One past each sequence's last known symbol (padding and trailing unknowns excluded).

        Returns
        -------
        ndarray of int, shape (n_samples,)
            ``length`` for a sequence of unknown symbols only.
        """
        known = self.values != self.alphabet.size
        return self.length - np.argmax(known[:, ::-1], axis=1)

    def central(self, length: int) -> EncodedInput:
        """Each sequence's central ``length`` positions; shorter sequences padded.

        Symbol codes only. A sequence with ``n > length`` positions up to its
        last known symbol is read from position ``(n - length) // 2``: the
        window a model trained with ``random_crop`` reads when it predicts.

        Returns
        -------
        EncodedInput
            Codes of shape (n_samples, length).
        """
        known = self.values != self.alphabet.size
        last = np.where(known.any(axis=1), self.length - np.argmax(known[:, ::-1], axis=1), 0)
        if self.length <= length:
            padded = np.full((len(self), length), self.alphabet.size, np.uint8)
            padded[:, : self.length] = self.values
            return EncodedInput(padded, self.alphabet)
        offsets = np.maximum(last - length, 0) // 2
        window = offsets[:, None] + np.arange(length)
        return EncodedInput(np.take_along_axis(self.values, window, axis=1), self.alphabet)

    def reverse_complement(self) -> EncodedInput:
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

    def windows(self, rows: ArrayLike, starts: ArrayLike, width: int) -> np.ndarray:
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


def with_tracks(
    sequences: list[str],
    tracks: list[ArrayLike],
    alphabet: str | Alphabet,
    scale: str | None = "robust",
) -> np.ndarray:
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
