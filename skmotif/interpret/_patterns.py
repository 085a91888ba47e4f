"""TF-MoDISco patterns: motifs clustered from DeepLIFT/SHAP contributions.

TF-MoDISco (modisco-lite, the ``[modisco]`` extra) cuts high-contribution
stretches (seqlets) out of the contribution maps of many sequences and
clusters them into patterns; unlike first-layer kernels, a pattern is what
the whole network reads, and one motif split over several kernels comes
back as one pattern.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from sklearn.utils.validation import check_is_fitted

from .._alphabet import JointAlphabet, resolve_alphabet
from .._motif import Motif
from ._attribution import deep_lift_shap

if TYPE_CHECKING:
    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

    from ..encoding import EncodedInput

_MISSING = "modisco_motifs needs modisco-lite: pip install 'skmotif[modisco]'."

#: modisco-lite's ``n_leiden_runs`` unless given: modisco-lite's own default is 50, which
#: recovered no more planted motifs than 10 (benchmarks/bench_patterns.py --leiden-runs).
N_LEIDEN_RUNS = 10

#: Flanks are trimmed to the positions whose summed absolute contribution
#: reaches this fraction of the pattern's largest.
TRIM_FRACTION = 0.25


class ModiscoPattern(NamedTuple):
    """One TF-MoDISco pattern.

    Attributes
    ----------
    motif : Motif
        Symbol counts of the pattern's seqlets (their real number of sites),
        trimmed to its contributing positions; named ``pos_pattern_<i>`` or
        ``neg_pattern_<i>`` as modisco-lite names them.
    contributions : ndarray of float, shape (width, n_symbols)
        Mean contribution of each symbol at each position over the seqlets
        (the contribution-weighted matrix), trimmed as ``motif``.
    n_seqlets : int
    sign : int
        +1 for a pattern that raises the target's logit, -1 for one that
        lowers it.
    """

    motif: Motif
    contributions: np.ndarray
    n_seqlets: int
    sign: int


def check_modisco(alphabet):
    """Fail before any work when TF-MoDISco cannot read this input.

    Parameters
    ----------
    alphabet : str, Alphabet, pair or None
        The estimator's input alphabet (:meth:`ConvMotifClassifier.input_alphabet`),
        or the ``alphabet`` parameter it will be fit with; None for numeric input.

    Returns
    -------
    TFMoDISco : function
        modisco-lite's entry point.

    Raises
    ------
    ImportError
        Without modisco-lite (``pip install 'skmotif[modisco]'``).
    ValueError
        For input other than four-letter nucleotide sequences.
    """
    try:
        from modiscolite.tfmodisco import TFMoDISco
    except ImportError as error:
        raise ImportError(_MISSING) from error
    if alphabet is not None:
        alphabet = resolve_alphabet(alphabet)
    if alphabet is None or isinstance(alphabet, JointAlphabet) or len(alphabet) != 4:
        raise ValueError(
            "TF-MoDISco (modisco-lite) reads four-letter nucleotide sequences only; this "
            f"input is {alphabet or 'numeric'}. Use deep_lift_shap and plot_attribution "
            "for other inputs."
        )
    return TFMoDISco


def modisco_motifs(
    estimator: BaseEstimator,
    X: ArrayLike | EncodedInput,
    target: object = None,
    n_shuffles: int = 20,
    max_seqlets: int = 2000,
    random_state: int | np.random.RandomState | None = None,
    verbose: bool = False,
    n_leiden_runs: int = N_LEIDEN_RUNS,
    **modisco_params,
) -> list[ModiscoPattern]:
    """TF-MoDISco patterns of the target's DeepLIFT/SHAP contributions.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
        On a four-letter nucleotide alphabet (``"ACGT"``, ``"ACGU"``), the
        one modisco-lite handles.
    X : array-like, shape (n_samples,)
        Sequences to read; those of the target class give its patterns.
    target : class label or output, optional
        A class of ``estimator.classes_`` (default the last), or a
        regressor's output (default its only one).
    n_shuffles : int, default=20
        References per sequence for :func:`deep_lift_shap`.
    max_seqlets : int, default=2000
        Most seqlets per sign that TF-MoDISco clusters.
    random_state : int, RandomState instance or None, default=None
        For the shuffled references.
    verbose : bool, default=False
        Print modisco-lite's progress.
    n_leiden_runs : int, default=10
        Leiden clusterings of the seqlets, each from another seed; modisco-lite
        keeps the best. Their time grows with this number (modisco-lite's own
        default is 50). On 12 motifs planted in 200 nt, the default network,
        10 runs recovered the same motifs from the patterns as 50 (11/12 and
        10/12 with training seeds 0 and 1) in 26-30% of the time (this
        function for 12 labels: 375 s against 1,420 s and 390 s against
        1,279 s, 2 cores): ``python benchmarks/bench_patterns.py --settings
        default --seeds 0 1 --leiden-runs 50 10 5``.
    **modisco_params
        Passed on to ``modiscolite.tfmodisco.TFMoDISco`` (e.g.
        ``sliding_window_size``, ``flank_size``, ``target_seqlet_fdr``).

    Returns
    -------
    list of ModiscoPattern
        Positive patterns first, then negative ones, each in modisco-lite's
        order (most seqlets first); empty when no pattern is found. Leading
        and trailing positions that no sequence's logit depends on (e.g.
        beyond a network's last pooling window) are left out first.

    Raises
    ------
    ImportError
        Without modisco-lite (``pip install 'skmotif[modisco]'``).
    ValueError
        For another alphabet or numeric input, or sequences shorter than
        ``sliding_window_size + 2 * flank_size``.
    RuntimeError
        When modisco-lite's clustering fails on NaN affinities (its issue #12).
    """
    return modisco_with_deltas(
        estimator,
        X,
        target,
        n_shuffles,
        max_seqlets,
        random_state,
        verbose,
        n_leiden_runs=n_leiden_runs,
        **modisco_params,
    )[0]


def modisco_with_deltas(
    estimator,
    X,
    target=None,
    n_shuffles=20,
    max_seqlets=2000,
    random_state=None,
    verbose=False,
    **modisco_params,
):
    """:func:`modisco_motifs`' patterns and the DeepLIFT convergence delta of each sequence
    (shape (n_samples,), see :func:`deep_lift_shap`), for the reports to summarise."""
    check_is_fitted(estimator)
    modisco_params.setdefault("n_leiden_runs", N_LEIDEN_RUNS)
    alphabet = estimator.input_alphabet()
    tfmodisco = check_modisco(alphabet)
    encoded = estimator.encode(X)  # once, for the contributions and for TF-MoDISco
    _check_seqlet_room(encoded.length, tfmodisco, modisco_params)
    hypothetical, deltas = deep_lift_shap(
        estimator,
        encoded,
        target,
        n_shuffles=n_shuffles,
        hypothetical=True,
        random_state=random_state,
        return_deltas=True,
    )
    # Positions the logit does not depend on (beyond the last pooling window,
    # say) have no contribution in any sequence; their all-zero seqlets would
    # give modisco-lite NaN similarities, so they are left out.
    seen = np.flatnonzero(np.abs(hypothetical).sum(axis=(0, 2)) > 0)
    if not len(seen):
        return [], deltas
    span = slice(seen[0], seen[-1] + 1)
    one_hot, hypothetical = encoded.one_hot()[:, span], hypothetical[:, span]
    positive, negative = _run(
        tfmodisco, one_hot, hypothetical, max_seqlets, verbose, modisco_params
    )
    patterns = []
    for sign, found in ((1, positive), (-1, negative)):
        prefix = "pos" if sign > 0 else "neg"
        for i, pattern in enumerate(found or []):
            patterns.append(_pattern(pattern, alphabet, sign, f"{prefix}_pattern_{i}"))
    return patterns, deltas


def _check_seqlet_room(length, tfmodisco, params):
    """ValueError when sequences of ``length`` positions hold no seqlet of ``params``."""
    defaults = inspect.signature(tfmodisco).parameters
    window, flank = (
        params.get(name, defaults[name].default) for name in ("sliding_window_size", "flank_size")
    )
    if length < window + 2 * flank:
        raise ValueError(
            f"Sequences of {length} positions hold no TF-MoDISco seqlet of "
            f"sliding_window_size + 2 * flank_size = {window + 2 * flank}; pass smaller ones, "
            f"e.g. sliding_window_size={max(5, length // 3)}, "
            f"flank_size={max(2, length // 10)}."
        )


def _run(tfmodisco, one_hot, hypothetical, max_seqlets, verbose, params):
    """modisco-lite's (positive, negative) patterns; a RuntimeError saying why when its
    clustering fails on NaN affinities."""
    from .._progress import progress

    _start_compiling()
    try:
        with progress(f"TF-MoDISco patterns of {len(one_hot)} sequences"):
            return tfmodisco(
                one_hot,
                hypothetical,
                max_seqlets_per_metacluster=max_seqlets,
                verbose=verbose,
                **params,
            )
    except BaseException as error:  # leidenalg raises a bare BaseException
        if "NaN weights" not in str(error):
            raise
        raise RuntimeError(
            "modisco-lite could not cluster these seqlets (NaN affinities, its known issue "
            "jmschrei/tfmodisco-lite#12: seqlets without contribution). Try other "
            "sliding_window_size or flank_size, or other sequences."
        ) from error


def _start_compiling():
    """Start modisco-lite's compile of its numba kernels into numba's cache, in forked
    children, while this process has no thread but its own: modisco-lite starts it itself,
    but refuses once the progress ticker thread runs, and then compiled again in every
    process (about 14 s of a Reb1 report's 18 s of TF-MoDISco)."""
    try:
        from modiscolite import precompile
    except ImportError:  # a modisco-lite without it compiles as it goes
        return
    precompile.start()


def _pattern(pattern, alphabet, sign, name):
    """A ModiscoPattern from a modisco-lite SeqletSet, trimmed to its contributing span."""
    contributions = np.asarray(pattern.contrib_scores, dtype=float)
    weight = np.abs(contributions).sum(axis=1)
    keep = np.flatnonzero(weight >= TRIM_FRACTION * weight.max())
    span = slice(keep[0], keep[-1] + 1)
    n = len(pattern.seqlets)
    counts = np.asarray(pattern.sequence, dtype=float)[span] * n
    motif = Motif(alphabet, counts=counts, name=name)
    return ModiscoPattern(motif, contributions[span], n, sign)
