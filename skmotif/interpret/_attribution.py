"""Attribution: how much each input position and symbol contributes to a class or output.

Every function scores the target's logit: the output layer before its
activation. For a classifier that is the class's logit (before softmax or
sigmoid), so saturated probabilities still give signal; for a regressor it
is the output in standardised units (``(y - target_offset_) /
target_scale_``), or for ``loss="poisson"`` the log of the predicted rate.
They read the sequences as given (one strand), whatever the estimator's
``average_strands``.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from .._network.build import logit_function
from .._network.keras_setup import import_keras, input_gradient
from .._network.predict import batch_for, run_batches, traced
from .._progress import progress
from .._shuffle import shuffle_codes
from ..encoding import EncodedInput, _no_symbols_error
from ._deeplift import deeplift_multipliers

if TYPE_CHECKING:
    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

#: Largest deviation from summation-to-delta before deep_lift_shap warns,
#: relative to the larger absolute value of logit(x) and of the mean
#: reference logit.
SUMMATION_TOLERANCE = 1e-3


def _prepare(estimator, X, target, **positive):
    """What every attribution opens with: the fitted check, the target's output unit, the
    positive int options checked, and X encoded as the estimator encodes it."""
    check_is_fitted(estimator)
    unit = estimator.output_index(target)
    for name, value in positive.items():
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive int; got {value!r}.")
    return unit, estimator.encode(X)


def _symbol_channels(encoded, what):
    if not encoded.symbol_channels:
        raise _no_symbols_error(encoded.channels, what)
    return encoded.symbol_channels


def saliency(
    estimator: BaseEstimator,
    X: ArrayLike | EncodedInput,
    target: object = None,
    batch_size: int = 256,
) -> np.ndarray:
    """Gradient x input of the target's logit, per position and channel.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
    X : array-like
        Sequences of the kind the estimator was fit on.
    target : class label or output, optional
        A class of ``estimator.classes_`` (default the last one, the positive
        class of 0/1 labels), or for a regressor one of its
        ``output_names_`` (default its only output).
    batch_size : int, default=256

    Returns
    -------
    attribution : ndarray of float32, shape (n_samples, length, channels)
        Non-zero only at each sequence's own symbols (one-hot input); positive
        values push towards ``target``. Runs on the TensorFlow, JAX and
        PyTorch Keras backends.
    """
    unit, encoded = _prepare(estimator, X, target, batch_size=batch_size)
    network = estimator.network()
    logits = logit_function(network)

    def make():
        ops = import_keras().ops
        return lambda x, unit: input_gradient(lambda v: ops.take(logits(v), unit, axis=1), x) * x

    gradient = traced(network.model, "saliency", make, "index")
    out = np.empty((len(encoded), encoded.length, encoded.channels), np.float32)
    for start, values in run_batches(lambda x: gradient(x, unit), encoded, batch_size):
        out[start : start + len(values)] = values
    return out


def ism(
    estimator: BaseEstimator,
    X: ArrayLike | EncodedInput,
    target: object = None,
    batch_size: int = 2048,
) -> np.ndarray:
    """In-silico mutagenesis: change of the target's logit for every single substitution.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
    X : array-like
        Sequences of the kind the estimator was fit on.
    target : class label or output, optional
        A class of ``estimator.classes_`` (default the last one, the positive
        class of 0/1 labels), or for a regressor one of its
        ``output_names_`` (default its only output).
    batch_size : int, default=2048
        Mutant sequences per forward pass.

    Returns
    -------
    effect : ndarray of float32, shape (n_samples, length, n_symbols)
        ``effect[i, p, c]``: logit of sequence ``i`` with position ``p`` set
        to symbol ``c`` minus the logit of sequence ``i``; 0 for the symbol
        already there, and 0 past the end of a sequence shorter than the
        fitted length (padding, which trailing unknown symbols read as). For
        numeric input only the leading alphabet channels are mutated.
    """
    unit, encoded = _prepare(estimator, X, target, batch_size=batch_size)
    logits = logit_function(estimator.network())
    n_symbols = _symbol_channels(encoded, "ism")
    length = encoded.length
    base = np.concatenate([out[:, unit] for _, out in run_batches(logits, encoded, batch_size)])
    per_sequence = length * n_symbols
    positions, symbols = np.divmod(np.arange(per_sequence), n_symbols)
    effect = np.empty((len(encoded), length, n_symbols), np.float32)
    chunk = max(1, batch_size // per_sequence)
    for start in range(0, len(encoded), chunk):
        rows = np.arange(start, min(start + chunk, len(encoded)))
        mutants = substitution_logits(
            logits,
            encoded,
            np.repeat(rows, per_sequence),
            np.tile(positions, len(rows)),
            np.tile(symbols, len(rows)),
            batch_size,
        )[:, unit]
        block = mutants.reshape(len(rows), length, n_symbols) - base[rows, None, None]
        block[encoded.one_hot(rows)[..., :n_symbols] == 1.0] = 0.0  # the symbol already there
        effect[rows] = block
    if encoded.is_codes:  # no effect past a sequence's end: there is no position to mutate
        effect[np.arange(length) >= encoded.ends()[:, None]] = 0.0
    return effect


def substitution_logits(logits, encoded, rows, positions, symbols, batch_size=2048):
    """Logits of sequences that each carry one substitution.

    Parameters
    ----------
    logits : callable
        Network input batch -> logits, e.g. :func:`skmotif._network.build.logit_function`.
    encoded : EncodedInput
    rows, positions, symbols : ndarray of int, shape (n_mutants,)
        Mutant ``j`` is sequence ``rows[j]`` with position ``positions[j]``
        set to the alphabet's symbol ``symbols[j]`` (for numeric input: its
        leading one-hot channels).
    batch_size : int, default=2048

    Returns
    -------
    ndarray of float32, shape (n_mutants, n_outputs)
    """
    n_symbols = _symbol_channels(encoded, "substitutions")
    keras = import_keras()
    out = []
    for start in range(0, len(rows), batch_size):
        part = slice(start, start + batch_size)
        x = encoded.one_hot(rows[part])  # a copy: fancy indexing
        mutant = np.arange(len(x))
        x[mutant, positions[part], :n_symbols] = 0.0
        x[mutant, positions[part], symbols[part]] = 1.0
        out.append(keras.ops.convert_to_numpy(logits(x)))
    return np.concatenate(out) if out else np.empty((0, 0), np.float32)


def deep_lift_shap(
    estimator: BaseEstimator,
    X: ArrayLike | EncodedInput,
    target: object = None,
    references: ArrayLike | None = None,
    n_shuffles: int = 20,
    hypothetical: bool = False,
    batch_size: int = 512,
    random_state: int | np.random.RandomState | None = None,
    return_deltas: bool = False,
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """DeepLIFT/DeepSHAP contributions of every input to the target's logit.

    DeepLIFT's rescale rule at every ReLU and the max rule at every max
    pooling (see :mod:`skmotif.interpret._deeplift`), against each
    reference, averaged over the references (DeepSHAP). Contributions sum,
    per sequence, to the target's logit minus its mean logit over the
    references; every call checks this and warns with the worst deviation
    (``return_deltas=True`` returns every deviation).
    TensorFlow backend; networks with LSTM/GRU layers are a ValueError that
    names saliency and ISM.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
    X : array-like or EncodedInput
        Sequences of the kind the estimator was fit on, or
        ``estimator.encode(X)`` (not encoded again).
    target : class label or output, optional
        A class of ``estimator.classes_`` (default the last one, the positive
        class of 0/1 labels), or for a regressor one of its
        ``output_names_`` (default its only output).
    references : array-like, optional
        Shape (n_references, length, channels), the same for every sequence,
        or (n_samples, n_references, length, channels). Default:
        ``n_shuffles`` dinucleotide shuffles of each sequence (unknown
        symbols and padding stay in place); numeric input needs references.
    n_shuffles : int, default=20
    hypothetical : bool, default=False
        Return hypothetical contributions instead: what each symbol would
        contribute at each position (TF-MoDISco's input); times the one-hot
        input they give the contributions. Needs sequence input.
    batch_size : int, default=512
        Sequence-reference pairs per forward and backward pass (fewer for a
        network whose layers hold many values per sequence, as a profile
        model's: see :func:`skmotif._network.predict.batch_for`).
    random_state : int, RandomState instance or None, default=None
        For the shuffles.
    return_deltas : bool, default=False
        Also return each sequence's convergence delta (Captum's and
        tangermeme's name).

    Returns
    -------
    contributions : ndarray of float32, shape (n_samples, length, channels)
        For sequence input, each position's contribution sits at the symbol
        there (0 elsewhere; the channel differences against the reference
        summed, as DeepSHAP's genomics users and TF-MoDISco read them); for
        numeric input, per channel.
    deltas : ndarray of float64, shape (n_samples,)
        Only with ``return_deltas=True``: the sum of each sequence's
        contributions (the actual ones, also when ``hypothetical=True``)
        minus its logit difference, ``logit(x) - mean(logit(references))``;
        0 where summation-to-delta holds exactly. Signed and absolute (in
        logit units); the warning compares its size to the logits instead.
    """
    unit, encoded = _prepare(estimator, X, target, n_shuffles=n_shuffles, batch_size=batch_size)
    run = deeplift_multipliers(estimator.network())
    if references is None and not encoded.is_codes:
        raise ValueError(
            "Numeric input has no sequence to shuffle; pass references of shape "
            "(n_references, length, channels) or (n_samples, n_references, length, channels)."
        )
    if hypothetical and not encoded.is_codes:
        raise ValueError("hypothetical=True needs sequence input (one-hot symbols).")
    if references is not None:
        references = _check_references(references, encoded)
    pairs = min(batch_size, batch_for(estimator.model_))  # wide networks: fewer at a time
    out, deviation, deltas = _chunked_contributions(
        run, unit, encoded, references, n_shuffles, hypothetical, pairs, random_state
    )
    worst = int(np.argmax(np.where(np.isfinite(deviation), deviation, np.inf)))
    if not deviation[worst] <= SUMMATION_TOLERANCE:  # NaN deviations warn too
        warnings.warn(
            f"DeepLIFT contributions miss summation-to-delta by up to {deviation[worst]:.2g} "
            f"(relative, sequence {worst}); treat them as approximate.",
            RuntimeWarning,
            stacklevel=2,
        )
    return (out, deltas) if return_deltas else out


def _chunked_contributions(
    run, unit, encoded, references, n_shuffles, hypothetical, batch_size, random_state
):
    """deep_lift_shap's contributions, relative summation deviations and signed convergence
    deltas, a chunk of samples at a time."""
    n_refs = n_shuffles if references is None else references.shape[-3]
    rng = check_random_state(random_state)
    chunk = max(1, batch_size // n_refs)
    out = np.empty((len(encoded), encoded.length, encoded.channels), np.float32)
    deviation, deltas = np.empty(len(encoded)), np.empty(len(encoded))
    with progress("DeepLIFT/SHAP contributions", len(encoded), "sequences") as counter:
        for start in range(0, len(encoded), chunk):
            rows = slice(start, min(start + chunk, len(encoded)))
            x = encoded.one_hot(rows)
            if references is None:
                refs = _shuffled_references(encoded, rows, n_shuffles, rng)
            else:
                refs = references[rows] if references.ndim == 4 else references[None]
                refs = np.broadcast_to(refs, (len(x), *refs.shape[1:]))
            out[rows], deviation[rows], deltas[rows] = _contributions(
                run, unit, x, refs, encoded.is_codes, hypothetical
            )
            counter.update(len(x))
    return out, deviation, deltas


def _check_references(references, encoded):
    references = np.asarray(references, dtype=np.float32)
    shape = (encoded.length, encoded.channels)
    if (
        references.ndim not in (3, 4)
        or references.shape[-2:] != shape
        or (references.ndim == 4 and len(references) != len(encoded))
    ):
        raise ValueError(
            f"references must have shape (n_references, {shape[0]}, {shape[1]}) or "
            f"({len(encoded)}, n_references, {shape[0]}, {shape[1]}); got {references.shape}."
        )
    bad = np.argwhere(~np.isfinite(references))
    if bad.size:
        raise ValueError(
            f"references hold NaN or infinite values (first at index {tuple(bad[0].tolist())}); "
            "give finite references, e.g. one-hot shuffles or zeros."
        )
    return references


def _shuffled_references(encoded, rows, n_shuffles, rng):
    """One-hot dinucleotide shuffles, shape (n_rows, n_shuffles, length, channels)."""
    codes = encoded.values[rows]
    shuffled = shuffle_codes(codes, encoded.alphabet.size, n_shuffles, rng)
    flat = EncodedInput(shuffled.reshape(-1, encoded.length), encoded.alphabet).one_hot()
    return flat.reshape(len(codes), n_shuffles, encoded.length, encoded.channels)


def _contributions(run, unit, x, refs, one_hot, want_hypothetical):
    """Mean DeepLIFT contributions of x against refs, the summation deviation and delta.

    Parameters
    ----------
    x : ndarray, shape (n, length, channels)
    refs : ndarray, shape (n, n_refs, length, channels)
    one_hot : bool
        x is one-hot symbols: give each position's contribution to the
        symbol there (the channel contributions summed).
    want_hypothetical : bool
        Return hypothetical contributions (needs ``one_hot``).

    Returns
    -------
    contributions : ndarray, shape (n, length, channels)
    deviation : ndarray of float64, shape (n,)
        ``|gap|`` relative to the larger of ``|logit(x)|`` and ``|mean reference logit|``.
    gap : ndarray of float64, shape (n,)
        The convergence delta: the sum of the (actual) contributions minus
        ``logit(x) - mean reference logit``.
    """
    n, k = refs.shape[:2]
    m, logit_x, logit_refs = run(x, refs.reshape(n * k, *refs.shape[2:]), unit)
    m = m.reshape(refs.shape)
    logit_refs = logit_refs.reshape(n, k)
    if one_hot:  # what each symbol would contribute; the one there gets it
        hypothetical = (m - (m * refs).sum(axis=-1, keepdims=True)).mean(axis=1)
        contributions = hypothetical * x
    else:
        contributions = (m * (x[:, None] - refs)).mean(axis=1)
    logit_x, mean_ref = np.asarray(logit_x, np.float64), logit_refs.mean(axis=1, dtype=np.float64)
    gap = contributions.sum(axis=(1, 2), dtype=np.float64) - (logit_x - mean_ref)
    scale = np.maximum(np.abs(logit_x), np.abs(mean_ref))
    deviation = np.abs(gap) / np.maximum(scale, 1e-6)
    return (hypothetical if want_hypothetical else contributions), deviation, gap
