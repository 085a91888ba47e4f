"""Background sequences for experiments, and the paired effect statistics over them."""

from __future__ import annotations

import numpy as np

from .._shuffle import shuffle_codes
from ._readout import positive_int


def background_codes(readout, X, n_backgrounds, genome, rng):
    """Background sequences of the model's length, as codes.

    Parameters
    ----------
    readout : Readout
    X : array-like of str
        The user's sequences: shuffled (default), or their GC content matched
        in ``genome``.
    n_backgrounds : int
    genome : path-like, skmotif.genome.Genome or None
        Draw GC-matched windows of the fitted length from this genome (outside
        nothing in particular) instead of shuffling X.
    rng : numpy.random.RandomState

    Returns
    -------
    ndarray of uint8, shape (n_backgrounds, length)
    """
    if positive_int(n_backgrounds, "n_backgrounds") < 2:
        raise ValueError(
            f"n_backgrounds must be at least 2 (its spread gives the interval); got "
            f"{n_backgrounds}."
        )
    encoded = readout.estimator.encode(X)
    if not len(encoded):
        raise ValueError("X holds no sequences to make backgrounds from.")
    source = rng.choice(len(encoded), n_backgrounds, replace=len(encoded) < n_backgrounds)
    if genome is not None:
        return _genome_codes(readout, encoded.values[source], genome, rng)
    shuffled = shuffle_codes(encoded.values[source], readout.alphabet.size, 1, rng)
    return np.ascontiguousarray(shuffled[:, 0])


def _genome_codes(readout, codes, genome, rng):
    """GC-matched genome windows for the sequences ``codes`` (one each)."""
    import pandas as pd

    from .._codec import encode
    from ..genome._backgrounds import _gc_matched
    from ..genome._regions import Genome

    genome = genome if isinstance(genome, Genome) else Genome(genome)
    strings = np.array(readout.text(codes))
    none = pd.DataFrame(columns=["chrom", "start", "end"])
    try:
        found, _ = _gc_matched(genome, strings, readout.length, none, 10, 0.0, len(codes), rng)
    except ValueError as error:
        first = str(error).split(":")[0]
        raise ValueError(
            f"genome: {first}; leave genome out to use shuffles of X as backgrounds."
        ) from None
    return encode(list(found), readout.alphabet, readout.length)


def implant(codes, instances, starts):
    """Copies of ``codes`` with ``instances[i]`` written at ``starts[i]`` in row i.

    Parameters
    ----------
    codes : ndarray of uint8, shape (n, length)
    instances : ndarray of uint8, shape (n, width)
    starts : int or ndarray of int, shape (n,)

    Returns
    -------
    ndarray of uint8, shape (n, length)
    """
    out = codes.copy()
    starts = np.broadcast_to(np.asarray(starts), (len(codes),))
    columns = starts[:, None] + np.arange(instances.shape[1])
    out[np.arange(len(codes))[:, None], columns] = instances
    return out


def oriented(instances, strand, complement):
    """Instances as given (``"+"``) or their reverse complements (``"-"``)."""
    if strand == "+":
        return instances
    return complement[instances[:, ::-1]].astype(np.uint8)


def paired_interval(differences, confidence):
    """Mean of paired differences over backgrounds and its Student-t interval.

    Parameters
    ----------
    differences : ndarray, shape (..., n_backgrounds)
    confidence : float
        In (0, 1).

    Returns
    -------
    mean, low, high : ndarray, shape (...)
    """
    from scipy.stats import t

    n = differences.shape[-1]
    mean = differences.mean(axis=-1)
    half = t.ppf(0.5 + confidence / 2, n - 1) * differences.std(axis=-1, ddof=1) / np.sqrt(n)
    return mean, mean - half, mean + half


def check_confidence(confidence):
    if not isinstance(confidence, (float, int)) or not 0 < confidence < 1:
        raise ValueError(f"confidence must be a number in (0, 1), e.g. 0.95; got {confidence!r}.")
    return float(confidence)
