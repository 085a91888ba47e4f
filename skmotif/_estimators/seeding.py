"""First-layer kernels seeded from known motifs (``init_motifs``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

#: Added to each probability before the log-odds (then renormalised), so a consensus
#: letter's absent alternatives get a finite weight: about -2.6 bits for DNA.
PSEUDOCOUNT = 0.05


def init_matrices(init_motifs, alphabet, n_kernels, width):
    """``init_motifs`` as (name, kernel of shape (width, n_symbols)) pairs, before any training.

    Each motif becomes log2-odds against a uniform background; a motif wider
    than the kernels gives its most informative ``width`` positions, a
    narrower one sits in the middle with zeros (no preference) around it.

    Parameters
    ----------
    init_motifs : sequence or str
        Motifs as :func:`skmotif.experiments.insert_motif` takes them (strings,
        IUPAC, JASPAR IDs, :class:`~skmotif.Motif`, kernel pairs, TF-MoDISco
        patterns), or the path of a MEME file.
    alphabet : Alphabet
        The estimator's; sequence + structure pairs and numeric input are refused.
    n_kernels, width : int
        The first convolution's kernels and their width.

    Returns
    -------
    list of (str, ndarray of float64, shape (width, n_symbols))
    """
    from .._alphabet import Alphabet
    from ..experiments._motifs import motif_spec

    if not isinstance(alphabet, Alphabet):
        raise ValueError(
            "init_motifs seeds kernels of sequences of one alphabet; this model reads "
            f"{'numeric input' if alphabet is None else 'sequence + structure pairs'}."
        )
    motifs = _listed(init_motifs)
    if len(motifs) > n_kernels:
        raise ValueError(
            f"init_motifs gives {len(motifs)} motifs but the first convolution has "
            f"{n_kernels} kernels; give at most {n_kernels} or raise kernel_num."
        )
    matrices = []
    for i, motif in enumerate(motifs):
        spec = motif_spec(motif, alphabet, what=f"init_motifs[{i}]")
        matrices.append((spec.name, _fitted(_log_odds(spec.probabilities), width)))
    return matrices


def _listed(init_motifs):
    """The motifs of ``init_motifs``: a MEME file's, or the sequence given."""
    from .._motif import Motif
    from ..io import read_meme

    if isinstance(init_motifs, (str, Path)) and Path(init_motifs).is_file():
        return read_meme(init_motifs)
    if isinstance(init_motifs, (str, Motif)) or hasattr(init_motifs, "motif"):
        return [init_motifs]
    return list(init_motifs)


def _log_odds(probabilities):
    size = probabilities.shape[1]
    smoothed = (probabilities + PSEUDOCOUNT) / (1 + PSEUDOCOUNT * size)
    return np.log2(smoothed * size)


def _fitted(weights, width):
    """``weights`` cut to its most informative ``width`` positions, or centred in zeros."""
    if len(weights) >= width:
        information = np.abs(weights).sum(axis=1)
        windows = np.convolve(information, np.ones(width), "valid")
        start = int(np.argmax(windows))
        return weights[start : start + width]
    fitted = np.zeros((width, weights.shape[1]))
    start = (width - len(weights)) // 2
    fitted[start : start + len(weights)] = weights
    return fitted


def seed_kernels(kernel, bias, matrices, max_norm):
    """Write ``matrices`` into the first kernels of a convolution, in place.

    Each keeps its log-odds in bits, held to ``max_norm`` as the kernels'
    max-norm constraint would (per symbol, over positions); its bias is 0,
    so after the ReLU it fires on near-matches only. Not scaled down to the
    random kernels' range: on two PWMs planted in 300 sequences of 200
    bases (``benchmarks/bench_init_motifs.py``' data, seeds 0 and 1), that
    scale gave auROC 0.53 and 0.56 against 0.50 and 0.52 for random
    kernels, bits held to the default constraint 0.73 and 0.76.

    Parameters
    ----------
    kernel : ndarray, shape (width, channels, n_kernels)
        The convolution's kernel; the motifs' symbols are its leading channels.
    bias : ndarray, shape (n_kernels,)
    matrices : list of (str, ndarray of shape (width, n_symbols))
    max_norm : float or None

    Returns
    -------
    kernel, bias : ndarray
    """
    for k, (_, weights) in enumerate(matrices):
        seeded = np.zeros(kernel.shape[:2])
        seeded[:, : weights.shape[1]] = weights
        if max_norm is not None:
            norms = np.sqrt((seeded**2).sum(axis=0, keepdims=True))
            seeded *= np.minimum(1.0, max_norm / np.maximum(norms, 1e-12))
        kernel[:, :, k], bias[k] = seeded, 0.0
    return kernel, bias
