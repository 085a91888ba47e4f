"""Example data sets shipped with skmotif (no downloads)."""

from importlib.resources import as_file, files

import numpy as np

from ..io import read_fasta


def _load(negative, positive):
    folder = files(__name__) / "data"
    sequences = []
    for name in (negative, positive):
        with as_file(folder / name) as path:
            sequences.append(read_fasta(path)[1])
    y = np.repeat([0, 1], [len(s) for s in sequences])
    return np.array(sequences[0] + sequences[1]), y


def load_artificial():
    """pysster's artificial DNA set: planted homopolymer blocks vs random sequence.

    Returns
    -------
    X : ndarray of str, shape (20000,)
        DNA sequences of 140 nt; the first 10,000 are random (class 0).
    y : ndarray of int, shape (20000,)
        1 for sequences that carry C10 at 21-30 and G10 at 51-60, or A10 at
        81-90 and T10 at 111-120 (1-based positions).
    """
    return _load("artificial_neg.fasta.gz", "artificial_pos.fasta.gz")


def load_pum2():
    """PUM2 CLIP-seq binding sites against sites of 24 other RNA-binding proteins.

    Returns
    -------
    X : ndarray of str, shape (10368,)
        RNA sequences of 200 nt (alphabet "ACGU"); 32 background records are
        all ``N``. The first 5,184 are background (class 0).
    y : ndarray of int, shape (10368,)
        1 for PUM2 sites.
    """
    return _load("pum2_background.fasta.gz", "pum2_positives.fasta.gz")
