"""Motif: a position probability matrix over an alphabet, with its logo."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from ._alphabet import Alphabet, JointAlphabet
from ._glyphs import draw_logo

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from numpy.typing import ArrayLike

#: Glyphs shorter than this share of the logo's height (log2 of the alphabet
#: size, in bits) are not drawn.
MIN_GLYPH = 0.02


class Motif:
    """A sequence motif: symbol probabilities at each of its positions.

    Build it from aligned sites (:meth:`from_sequences`), a count matrix or a
    probability matrix.

    Parameters
    ----------
    alphabet : str or Alphabet
        The symbols, in column order.
    counts : array-like of shape (n_positions, n_symbols), optional
        Symbol counts per position; probabilities follow with ``pseudocount``.
    probabilities : array-like of shape (n_positions, n_symbols), optional
        Symbol probabilities per position, used as given (rows are
        normalised to sum to 1). Give exactly one of counts / probabilities.
    n_sites : int, optional
        Number of aligned sites; defaults to the largest row sum of ``counts``.
    pseudocount : float, default=0.1
        Added to every count before normalising.
    name : str, optional
        A label, e.g. ``"kernel_3"``; written to MEME files.

    Attributes
    ----------
    alphabet : Alphabet
    counts : ndarray of shape (n_positions, n_symbols) or None
    probabilities : ndarray of shape (n_positions, n_symbols)
    n_sites : int or None

    Notes
    -----
    From counts :math:`c_{i,a}` at position :math:`i` with :math:`n_i =
    \\sum_a c_{i,a}` (unknown symbols are not counted),
    :math:`p_{i,a} = (c_{i,a} + \\alpha) / (n_i + \\alpha |A|)` with
    pseudocount :math:`\\alpha`. The information content of position
    :math:`i` is :math:`IC_i = \\log_2 |A| + \\sum_a p_{i,a} \\log_2 p_{i,a}`
    bits (uniform background; :math:`0 \\log 0 = 0`), from 0 for a uniform
    column to :math:`\\log_2 |A|` for a single symbol.
    """

    def __init__(
        self,
        alphabet: str | Alphabet,
        counts: ArrayLike | None = None,
        probabilities: ArrayLike | None = None,
        n_sites: int | None = None,
        pseudocount: float = 0.1,
        name: str | None = None,
    ):
        self.alphabet = alphabet if isinstance(alphabet, Alphabet) else Alphabet(alphabet)
        if (counts is None) == (probabilities is None):
            raise ValueError("Give a Motif either counts or probabilities (exactly one).")
        matrix = np.asarray(counts if probabilities is None else probabilities, dtype=float)
        if matrix.ndim != 2 or matrix.shape[1] != len(self.alphabet) or len(matrix) == 0:
            raise ValueError(
                f"A motif matrix must have shape (n_positions, {len(self.alphabet)}) for the "
                f"alphabet '{self.alphabet}'; got shape {matrix.shape}."
            )
        if not np.isfinite(matrix).all() or (matrix < 0).any():
            raise ValueError("Motif counts and probabilities must be finite and >= 0.")
        if pseudocount < 0:
            raise ValueError(f"pseudocount must be >= 0; got {pseudocount}.")
        self.pseudocount = pseudocount
        self.name = name
        if counts is not None:
            self.counts = matrix
            self.n_sites = round(matrix.sum(axis=1).max()) if n_sites is None else n_sites
            smoothed = matrix + pseudocount
        else:
            self.counts = None
            self.n_sites = n_sites
            smoothed = matrix
        totals = smoothed.sum(axis=1, keepdims=True)
        if (totals == 0).any():
            raise ValueError(
                "A motif position has no counts and no pseudocount; use pseudocount > 0."
            )
        self.probabilities = smoothed / totals

    @classmethod
    def from_sequences(
        cls,
        sequences: list[str],
        alphabet: str | Alphabet,
        pseudocount: float = 0.1,
        name: str | None = None,
    ) -> Motif:
        """Count symbols in aligned sites.

        Parameters
        ----------
        sequences : list of str, all of one length
            Aligned sites; unknown symbols (``N``/``X``) are not counted.
        alphabet : str or Alphabet
        pseudocount : float, default=0.1
        name : str, optional

        Returns
        -------
        Motif
        """
        from ._codec import encode, one_hot

        alphabet = alphabet if isinstance(alphabet, Alphabet) else Alphabet(alphabet)
        if not len(sequences) or len({len(s) for s in sequences}) != 1:
            raise ValueError("Motif sites must be one or more strings of equal length.")
        codes = encode(list(sequences), alphabet)
        return cls(
            alphabet,
            counts=one_hot(codes, len(alphabet)).sum(axis=0, dtype=np.float64),
            n_sites=len(sequences),
            pseudocount=pseudocount,
            name=name,
        )

    def __len__(self):
        return len(self.probabilities)

    def __repr__(self):
        sites = "" if self.n_sites is None else f", n_sites={self.n_sites}"
        return f"Motif({self.consensus!r}, alphabet='{self.alphabet}'{sites})"

    @property
    def consensus(self) -> str:
        """The most probable symbol at each position (first one on ties)."""
        symbols = np.array(list(self.alphabet.symbols))
        return "".join(symbols[self.probabilities.argmax(axis=1)])

    def information_content(self) -> np.ndarray:
        """Information content per position, in bits (see Notes).

        Returns
        -------
        ic : ndarray of shape (n_positions,)
        """
        p = self.probabilities
        with np.errstate(divide="ignore", invalid="ignore"):
            plogp = np.where(p > 0, p * np.log2(p), 0.0)
        return np.log2(len(self.alphabet)) + plogp.sum(axis=1)

    def _derived(self, rows, columns=slice(None)):
        if self.counts is not None:
            return Motif(
                self.alphabet,
                counts=self.counts[rows][:, columns],
                n_sites=self.n_sites,
                pseudocount=self.pseudocount,
                name=self.name,
            )
        return Motif(
            self.alphabet,
            probabilities=self.probabilities[rows][:, columns],
            n_sites=self.n_sites,
            name=self.name,
        )

    def reverse_complement(self) -> Motif:
        """The motif of the opposite strand (DNA/RNA alphabets only).

        Returns
        -------
        Motif
        """
        columns = self.alphabet.complement()[:-1]
        return self._derived(slice(None, None, -1), columns)

    def trim(self, min_ic: float = 0.3) -> Motif:
        """Drop leading and trailing positions below ``min_ic`` bits.

        Parameters
        ----------
        min_ic : float, default=0.3

        Returns
        -------
        Motif
        """
        keep = np.flatnonzero(self.information_content() >= min_ic)
        if not keep.size:
            raise ValueError(
                f"No position of this motif reaches {min_ic} bits (the most is "
                f"{self.information_content().max():.2f}); lower min_ic."
            )
        return self._derived(slice(keep[0], keep[-1] + 1))

    def to_dataframe(self) -> pd.DataFrame:
        """Probabilities as a table.

        Returns
        -------
        pandas.DataFrame, shape (n_positions, n_symbols)
            Rows are positions (from 0), columns the alphabet's symbols.
        """
        import pandas as pd

        frame = pd.DataFrame(self.probabilities, columns=list(self.alphabet.symbols))
        frame.index.name = "position"
        return frame

    def plot(
        self, ax: Axes | None = None, colors: dict | None = None, title: str | None = None
    ) -> Axes:
        """Draw the sequence logo in bits.

        Glyphs shorter than :data:`MIN_GLYPH` (2%) of the axis height are left
        out: at most a couple of pixels, they cannot be read as letters.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; a new figure otherwise.
        colors : dict of str to str, optional
            Colour per symbol, overriding :data:`COLORS`; others are black.
        title : str, optional

        Returns
        -------
        ax : matplotlib Axes
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(max(3.0, 0.35 * len(self) + 1), 2.0))
        bits = np.log2(len(self.alphabet))
        heights = self.probabilities * self.information_content()[:, None]
        # Glyphs under 2% of the axis height (about 2 pixels in a kernel report)
        # cannot be read as letters.
        heights[heights < MIN_GLYPH * bits] = 0.0
        draw_logo(ax, heights, self.alphabet.symbols, colors, "bits", ylim=(0, bits))
        ax.set_title(title or "", y=1.0, pad=4, fontsize=10)  # fixed height: draws faster
        return ax


class MotifPair(NamedTuple):
    """The sequence and structure motifs of sequence+structure input, position by position.

    Attributes
    ----------
    sequence : Motif
        Over the sequence alphabet, e.g. ACGU.
    structure : Motif
        Over the structure alphabet, e.g. EHIMS; position ``i`` describes the
        same sites as position ``i`` of ``sequence``.
    """

    sequence: Motif
    structure: Motif

    def __len__(self):
        return len(self.sequence)

    def plot(
        self,
        axes: list | None = None,
        colors_sequence: dict | None = None,
        colors_structure: dict | None = None,
        title: str | None = None,
    ) -> list:
        """Draw the sequence logo above the structure logo, in bits.

        Parameters
        ----------
        axes : sequence of two matplotlib Axes, optional
            Where to draw (sequence, structure); a new figure otherwise.
        colors_sequence, colors_structure : dict of str to str, optional
            Colour per symbol of each alphabet, as for :meth:`Motif.plot`.
        title : str, optional
            Above the sequence logo.

        Returns
        -------
        axes : list of two matplotlib Axes
        """
        import matplotlib.pyplot as plt

        if axes is None:
            _, axes = plt.subplots(2, 1, figsize=(max(4.0, 0.3 * len(self) + 1.2), 3.6))
        top, bottom = axes
        return [
            self.sequence.plot(top, colors_sequence, title),
            self.structure.plot(bottom, colors_structure),
        ]


def motif_for(alphabet, counts=None, probabilities=None, n_sites=None, name=None):
    """The motif of a matrix over an alphabet's one-hot channels.

    Parameters
    ----------
    alphabet : Alphabet or JointAlphabet
    counts, probabilities : array-like of shape (n_positions, alphabet.size)
        Give exactly one, as for :class:`Motif`; a joint alphabet's channels
        are (sequence symbol, structure symbol) pairs.
    n_sites : int, optional
    name : str, optional

    Returns
    -------
    Motif, or MotifPair for a JointAlphabet
        The pair holds the two marginals: counts (or probabilities) summed
        over the structure symbols, and over the sequence symbols.
    """
    if not isinstance(alphabet, JointAlphabet):
        return Motif(alphabet, counts, probabilities, n_sites=n_sites, name=name)
    kind = "counts" if probabilities is None else "probabilities"
    matrix = np.asarray(counts if probabilities is None else probabilities, dtype=float)
    joint = matrix.reshape(len(matrix), len(alphabet.sequence), len(alphabet.structure))
    return MotifPair(
        Motif(alphabet.sequence, **{kind: joint.sum(axis=2)}, n_sites=n_sites, name=name),
        Motif(alphabet.structure, **{kind: joint.sum(axis=1)}, n_sites=n_sites, name=name),
    )
