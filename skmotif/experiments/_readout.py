"""What an experiment measures: one number per sequence, on one documented scale per head."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.special import logsumexp
from sklearn.utils.validation import check_is_fitted

from .._alphabet import Alphabet
from .._network.build import logit_function
from .._network.predict import run_batches, strand_mean
from ..encoding import EncodedInput

if TYPE_CHECKING:
    from sklearn.base import BaseEstimator

#: The scale of every experiment's effects, by head family.
SCALES = {
    "classes": "log-odds",
    "values": "output units",
    "profiles": "log(1 + counts)",
}


class Readout:
    """One number per sequence from a fitted model: what experiments compare.

    A classifier's log-odds of the target class, log(p / (1 - p)) of its
    probability computed from the network's logits (so saturated
    probabilities still move: for softmax the class's logit minus the
    log-sum-exp of the others', for sigmoid its logit); a regressor's
    prediction of the target output in the units of its y; a profile
    model's predicted log(1 + total count). With ``average_strands`` the
    mean of both strands' values.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier, ConvMotifRegressor or ConvMotifProfileRegressor
    target : class label or output, optional
        As ``estimator.output_index`` reads it (not read for a profile model).
    batch_size : int, default=2048
        Sequences per forward pass.
    what : str, default="the experiment"
        The caller's name, for errors.
    """

    def __init__(
        self,
        estimator: BaseEstimator,
        target: object = None,
        batch_size: int = 2048,
        what: str = "the experiment",
    ):
        check_is_fitted(estimator)
        alphabet = estimator.alphabet_
        if not isinstance(alphabet, Alphabet):
            kind = "numeric input" if alphabet is None else "sequence + structure pairs"
            raise ValueError(
                f"{what} edits sequences of one alphabet (DNA, RNA or protein); this model "
                f"reads {kind}."
            )
        positive_int(batch_size, "batch_size")
        self.estimator = estimator
        self.alphabet = alphabet
        self.family = estimator.head().family
        self.target = target
        self.unit = None if self.family == "profiles" else estimator.output_index(target)
        self.batch_size = int(batch_size)
        self.scale = SCALES[self.family]
        self.length = int(estimator.input_shape_[0])
        #: DNA or RNA: strands, GC and IUPAC codes apply.
        self.nucleic = alphabet.symbols.upper() in ("ACGT", "ACGU")

    def text(self, codes: np.ndarray) -> list[str]:
        """Codes (n, width) as strings, padding at the end left out."""
        symbols = np.array([*self.alphabet.symbols, self.alphabet.unknown or "N"])
        return ["".join(symbols[row]).rstrip(symbols[-1]) for row in np.atleast_2d(codes)]

    def __call__(self, codes: np.ndarray) -> np.ndarray:
        """The readout of each sequence.

        Parameters
        ----------
        codes : ndarray of uint8, shape (n_sequences, length)
            Symbol codes of the fitted alphabet (``alphabet.size`` for unknown
            symbols and padding), of the fitted length.

        Returns
        -------
        ndarray of float64, shape (n_sequences,)
        """
        encoded = EncodedInput(np.asarray(codes, dtype=np.uint8), self.alphabet)
        if not len(encoded):
            return np.empty(0)
        if self.family == "profiles":
            return self.estimator.outputs(encoded)[:, -1]
        if self.family == "values":
            return self.estimator.scores(encoded)[:, self.unit]
        logits = logit_function(self.estimator.network())
        softmax = self.estimator.head().kind == "softmax"

        def strand(part, _):
            z = np.concatenate([out for _, out in run_batches(logits, part, self.batch_size)])
            z = z.astype(np.float64)
            if not softmax:
                return z[:, self.unit]
            others = np.delete(z, self.unit, axis=1)
            return z[:, self.unit] - logsumexp(others, axis=1)

        return strand_mean(strand, encoded, bool(getattr(self.estimator, "average_strands", 0)))


def positive_int(value, name):
    """ValueError unless ``value`` is an int >= 1 (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive int; got {value!r}.")
    return int(value)
