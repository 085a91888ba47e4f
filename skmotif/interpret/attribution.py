"""Attribution: how much each input position and symbol contributes to a class.

Both functions score the target class's logit (the output layer before its
softmax or sigmoid), so saturated probabilities still give signal.
"""

import numpy as np
from sklearn.utils.validation import check_is_fitted

from .._keras import input_gradient
from .._network import logit_function
from .._training import run_batches
from ..encoding import EncodedInput

__all__ = ["ism", "saliency"]


def _target_unit(estimator, target):
    classes = estimator.classes_.tolist()
    if target not in classes:
        raise ValueError(f"target must be one of the classes {classes}; got {target!r}.")
    return classes.index(target)


def _symbol_channels(encoded):
    if not encoded.symbol_channels:
        raise ValueError(
            f"Numeric input with {encoded.channels} channels has no one-hot symbols to "
            "mutate; its first channels must be the one-hot sequence in the order of the "
            "estimator's alphabet."
        )
    return encoded.symbol_channels


def saliency(estimator, X, target, batch_size=256):
    """Gradient x input of the target's logit, per position and channel.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    X : array-like
        Sequences of the kind the estimator was fit on.
    target : class label
        One of ``estimator.classes_``.
    batch_size : int, default=256

    Returns
    -------
    attribution : ndarray of float32, shape (n_samples, length, channels)
        Non-zero only at each sequence's own symbols (one-hot input); positive
        values push towards ``target``. Runs on the TensorFlow, JAX and
        PyTorch Keras backends.
    """
    check_is_fitted(estimator)
    unit = _target_unit(estimator, target)
    logits = logit_function(estimator.model_)
    encoded = estimator.encode(X)
    out = np.empty((len(encoded), encoded.length, encoded.channels), np.float32)
    for start, x in encoded.batches(batch_size):
        out[start : start + len(x)] = input_gradient(lambda v: logits(v)[:, unit], x) * x
    return out


def ism(estimator, X, target, batch_size=2048):
    """In-silico mutagenesis: change of the target's logit for every single substitution.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    X : array-like
        Sequences of the kind the estimator was fit on.
    target : class label
        One of ``estimator.classes_``.
    batch_size : int, default=2048
        Mutant sequences per forward pass.

    Returns
    -------
    effect : ndarray of float32, shape (n_samples, length, n_symbols)
        ``effect[i, p, c]``: logit of sequence ``i`` with position ``p`` set
        to symbol ``c`` minus the logit of sequence ``i``; 0 for the symbol
        already there. For numeric input only the leading alphabet channels
        are mutated.
    """
    check_is_fitted(estimator)
    unit = _target_unit(estimator, target)
    logits = logit_function(estimator.model_)
    encoded = estimator.encode(X)
    n_symbols = _symbol_channels(encoded)
    length = encoded.length
    positions, symbols = np.divmod(np.arange(length * n_symbols), n_symbols)
    effect = np.empty((len(encoded), length, n_symbols), np.float32)
    for i in range(len(encoded)):
        sequence = encoded.one_hot(slice(i, i + 1))
        batch = np.repeat(sequence, len(positions) + 1, axis=0)  # row 0: the sequence itself
        mutants = batch[1:]
        mutants[np.arange(len(positions)), positions, :n_symbols] = 0.0
        mutants[np.arange(len(positions)), positions, symbols] = 1.0
        scores = np.concatenate(
            [out[:, unit] for _, out in run_batches(logits, EncodedInput(batch, None), batch_size)]
        )
        effect[i] = (scores[1:] - scores[0]).reshape(length, n_symbols)
        effect[i][sequence[0, :, :n_symbols] == 1.0] = 0.0  # the symbol already there
    return effect
