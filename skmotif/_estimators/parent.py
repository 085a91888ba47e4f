"""Fine-tuning: a network whose trunk starts from a parent model's (``parent``)."""

from __future__ import annotations

import hashlib
import os

import numpy as np


def parent_estimator(parent):
    """The fitted skmotif estimator ``parent`` names, checked before any training.

    Parameters
    ----------
    parent : str, path-like, FrozenEstimator, fitted estimator or keras.Model
        A saved model's folder (:func:`skmotif.save`), a fitted skmotif
        estimator, one wrapped in ``sklearn.frozen.FrozenEstimator`` (which
        ``clone`` and searches keep as it is), or a plain Keras model whose
        layers carry the trunk's names and shapes (``conv_1``, ...).

    Returns
    -------
    estimator, source
        The fitted parent and its folder (None when given as an object).
    """
    from .._saving import load

    if isinstance(parent, (str, os.PathLike)):
        return load(parent), str(parent)
    if _is_keras(parent):
        return parent, None
    frozen = type(parent).__name__ == "FrozenEstimator"
    inner = parent.estimator if frozen else parent
    if not hasattr(type(inner), "PARAMETERS"):  # a skmotif estimator
        raise TypeError(
            "parent must be a saved model's folder, a fitted skmotif estimator or one wrapped "
            f"in sklearn.frozen.FrozenEstimator; got {type(parent).__name__}."
        )
    if not hasattr(inner, "model_"):
        raise ValueError(
            "parent is not fitted. clone() and searches copy an estimator parameter unfitted: "
            "wrap the fitted parent in sklearn.frozen.FrozenEstimator(parent), or give the "
            "folder it was saved to."
        )
    return inner, None


def _is_keras(model):
    return type(model).__module__.startswith("keras")


def record(parent, source):
    """What a fine-tuned model keeps of its parent (``parent_``): JSON-able."""
    from .. import __version__

    keras = _is_keras(parent)
    digest = hashlib.sha256()
    for weights in (parent if keras else parent.model_).get_weights():
        digest.update(np.ascontiguousarray(weights).tobytes())
    return {
        "estimator": "keras.Model" if keras else type(parent).__name__,
        "skmotif_version": None if keras else __version__,
        "weights_sha256": digest.hexdigest(),
        "source": source,
    }


def copy_trunk(parent, alphabet, arch, model):
    """Copy the parent's weights into every trunk layer of ``model`` (in place).

    Parameters
    ----------
    parent : fitted estimator or keras.Model
    alphabet : Alphabet, JointAlphabet or None
        The child's fitted alphabet; the parent's must be the same.
    arch : Architecture
        The child's; its trunk blocks (convolutions, residual blocks) are
        copied, its other blocks and head stay new.
    model : keras.Model
        The child's network, just built.

    Returns
    -------
    list of str
        The layers copied.

    Raises
    ------
    ValueError
        When the alphabets differ, or a trunk layer of the child is missing
        from the parent or has other shapes, naming it.
    """
    if not _is_keras(parent) and str(parent.alphabet_) != str(alphabet):
        raise ValueError(
            f"The parent reads '{parent.alphabet_}' and this model '{alphabet}'; a trunk "
            "transfers between models of one alphabet."
        )
    source_model = parent if _is_keras(parent) else parent.network().model
    theirs = {layer.name: layer for layer in source_model.layers}
    copied = []
    for block in (b for b in arch.blocks if b.stage == "trunk"):
        for name in block.layer_names.values():
            layer = model.get_layer(name)
            if not layer.weights:
                continue
            source = theirs.get(name)
            shapes = [tuple(w.shape) for w in layer.weights]
            given = None if source is None else [tuple(w.shape) for w in source.weights]
            if given != shapes:
                raise ValueError(
                    f"This network's {name} has weights of shapes {shapes} but the parent's "
                    f"{'has no such layer' if source is None else f'has {given}'}; give this "
                    "estimator the parent's trunk parameters (conv_num, kernel_num, "
                    "kernel_len, residual_num, ...), e.g. from parent.resolved_params_."
                )
            layer.set_weights(source.get_weights())
            copied.append(name)
    return copied
