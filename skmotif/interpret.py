"""From first-layer kernels to motifs: thresholds, sites, importance, optimized inputs.

For kernel ``k`` and class ``c`` let :math:`m_{k,c}` be the mean, over the
sequences of class ``c``, of the kernel's maximum activation. Then

* threshold :math:`t_k = \\max_c m_{k,c}`, reached by the top class
  :math:`c^*_k = \\arg\\max_c m_{k,c}` (the first one on ties);
* importance :math:`\\max_c m_{k,c} - \\min_c m_{k,c}`;
* sites: sequences of class :math:`c^*_k` whose maximum activation is
  above :math:`t_k` (or equal to it within float32 rounding), at most
  ``max_sites`` of them, the most strongly activated first (ties by
  sequence order); each contributes the window of ``kernel_len``
  positions at its maximum.

Classes without sequences are left out of the maximum and minimum.
"""

import warnings
from dataclasses import dataclass

import numpy as np
from sklearn.utils.validation import check_is_fitted

from ._alphabet import JointAlphabet, resolve_alphabet
from ._keras import import_keras
from .activations import KernelActivations, kernel_activations
from .motif import Motif, count_codes

#: Most sites per kernel motif.
MAX_SITES = 750


def class_membership(y):
    """Which sequences belong to which class.

    Parameters
    ----------
    y : array-like, shape (n_samples,) or (n_samples, n_labels)
        Class labels, or a 0/1 indicator matrix (multi-label).

    Returns
    -------
    membership : ndarray of bool, shape (n_samples, n_classes)
    classes : ndarray, shape (n_classes,)
        Class labels (label indices for an indicator matrix).
    """
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:
        return y.astype(bool), np.arange(y.shape[1])
    y = y.ravel()
    classes = np.unique(y)
    return y[:, None] == classes[None, :], classes


def kernel_statistics(max_activations, membership):
    """Per-class means, thresholds, top classes and importance of every kernel.

    Parameters
    ----------
    max_activations : ndarray, shape (n_samples, n_kernels)
    membership : ndarray of bool, shape (n_samples, n_classes)

    Returns
    -------
    means : ndarray, shape (n_kernels, n_classes)
        NaN for classes without sequences.
    threshold : ndarray, shape (n_kernels,)
    top_class : ndarray of int, shape (n_kernels,)
        Column of ``membership``.
    importance : ndarray, shape (n_kernels,)
    """
    counts = membership.sum(axis=0)
    if not counts.any():
        raise ValueError("No sequence belongs to any class; check y.")
    with np.errstate(invalid="ignore", divide="ignore"):
        means = (max_activations.T.astype(np.float64) @ membership) / counts
    present = np.where(counts > 0, means, np.nan)
    threshold = np.nanmax(present, axis=1)
    top_class = np.nanargmax(present, axis=1)
    importance = threshold - np.nanmin(present, axis=1)
    return present, threshold, top_class, importance


def above_threshold(max_activations, threshold):
    """Whether maximum activations exceed the threshold.

    Values equal to it within float32 rounding count as above: a kernel
    that matches a planted motif perfectly gives every site the same
    maximum, which then equals the class mean.

    Parameters
    ----------
    max_activations : ndarray, shape (n_samples, ...)
    threshold : float or ndarray broadcastable to it

    Returns
    -------
    ndarray of bool
    """
    tolerance = 1e-6 * np.maximum(np.abs(threshold), 1e-12)
    return max_activations >= threshold - tolerance


def select_sites(max_activations, membership, threshold, top_class, max_sites=MAX_SITES):
    """Sequences above a kernel's threshold in its top class, strongest first.

    Parameters
    ----------
    max_activations : ndarray, shape (n_samples,)
        One kernel's maximum activations.
    membership : ndarray of bool, shape (n_samples, n_classes)
    threshold : float
    top_class : int
    max_sites : int, default=750

    Returns
    -------
    rows : ndarray of int, shape (n_sites,)
        Sequence indices, n_sites <= max_sites.
    """
    rows = np.flatnonzero(above_threshold(max_activations, threshold) & membership[:, top_class])
    order = np.argsort(-max_activations[rows], kind="stable")
    return rows[order[:max_sites]]


def _windows(activations, kernel, rows):
    starts = activations.argmax[rows, kernel]
    offsets = starts[:, None] + np.arange(activations.kernel_len)
    return activations.inputs[rows[:, None], offsets]


def site_motif(estimator, activations, kernel, rows, name=None):
    """The motif of one kernel's windows at the given sequences.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    activations : KernelActivations
    kernel : int
    rows : ndarray of int
        Sequences whose windows make the motif.
    name : str, optional

    Returns
    -------
    Motif, or (sequence Motif, structure Motif) for joint input
    """
    windows = _windows(activations, kernel, rows)
    alphabet = estimator.alphabet_
    if isinstance(alphabet, JointAlphabet):
        n_struct = len(alphabet.structure)
        known = windows != alphabet.size
        seq = np.where(known, windows // n_struct, len(alphabet.sequence)).astype(np.uint8)
        struct = np.where(known, windows % n_struct, n_struct).astype(np.uint8)
        return (
            Motif(
                alphabet.sequence,
                counts=count_codes(seq, len(alphabet.sequence)),
                n_sites=len(rows),
                name=name,
            ),
            Motif(
                alphabet.structure,
                counts=count_codes(struct, n_struct),
                n_sites=len(rows),
                name=name,
            ),
        )
    if alphabet is not None:
        return Motif(
            alphabet, counts=count_codes(windows, len(alphabet)), n_sites=len(rows), name=name
        )
    alphabet = numeric_alphabet(estimator)
    counts = windows[:, :, : len(alphabet)].sum(axis=0)
    return Motif(alphabet, counts=counts, n_sites=len(rows), name=name)


def numeric_alphabet(estimator):
    """The alphabet whose one-hot channels lead numeric input (``estimator.alphabet``).

    Raises
    ------
    ValueError
        If the input has fewer channels than the alphabet has symbols.
    """
    alphabet = resolve_alphabet(estimator.alphabet)
    channels = estimator.input_shape_[1]
    if isinstance(alphabet, JointAlphabet) or channels < len(alphabet):
        raise ValueError(
            f"Numeric input with {channels} channels cannot be read as one-hot "
            f"'{alphabet}' sequence; kernel motifs need the first channels to be "
            "the one-hot sequence in the order of the estimator's alphabet."
        )
    return alphabet


def kernel_motifs(estimator, X, y, activations=None, max_sites=MAX_SITES):
    """The motif and importance of every first-layer kernel.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    X : array-like
        Sequences of the kind the estimator was fit on (often a test set).
    y : array-like, shape (n_samples,) or (n_samples, n_labels)
        Their classes.
    activations : KernelActivations, optional
        From :func:`skmotif.activations.kernel_activations` on the same X,
        to avoid computing them again.
    max_sites : int, default=750
        Most sites per motif.

    Returns
    -------
    list of (motif, importance), one per kernel in kernel order
        ``motif`` is a Motif, a (sequence Motif, structure Motif) pair for
        sequence+structure input, or None when no sequence exceeds the
        kernel's threshold (a kernel that never fires).
    """
    summary = KernelSummary.compute(estimator, X, y, activations)
    return [
        (summary.motif(estimator, k, max_sites)[0], float(summary.importance[k]))
        for k in range(len(summary.importance))
    ]


@dataclass
class KernelSummary:
    """Activations of X, class membership of y, and the statistics of every kernel."""

    activations: KernelActivations
    membership: np.ndarray
    classes: np.ndarray
    threshold: np.ndarray
    top_class: np.ndarray
    importance: np.ndarray

    @classmethod
    def compute(cls, estimator, X, y, activations=None):
        """Activations (unless given) and :func:`kernel_statistics` for X, y."""
        if activations is None:
            activations = kernel_activations(estimator, X)
        membership, classes = class_membership(y)
        if len(membership) != len(activations.max):
            raise ValueError(f"X has {len(activations.max)} samples but y has {len(membership)}.")
        _, threshold, top, importance = kernel_statistics(activations.max, membership)
        return cls(activations, membership, classes, threshold, top, importance)

    def motif(self, estimator, kernel, max_sites=MAX_SITES):
        """(motif or None, site rows) of one kernel."""
        rows = select_sites(
            self.activations.max[:, kernel],
            self.membership,
            self.threshold[kernel],
            self.top_class[kernel],
            max_sites,
        )
        if not len(rows):
            return None, rows
        return site_motif(estimator, self.activations, kernel, rows, f"kernel_{kernel}"), rows


def _objective_model(estimator, layer_name, nodes, bound, penalty, seed):
    """A Keras model whose only trainable weight is one input logit matrix per node.

    Its output per row is the node's pre-activation (before ReLU, softmax or
    sigmoid, so that a silent unit still has a gradient; the maximum over
    positions for a convolution) minus ``penalty`` times the squared L2 norm
    of the row's logits.
    """
    keras = import_keras()
    ops = keras.ops
    model = estimator.model_
    length, channels = estimator.input_shape_
    layer = model.get_layer(layer_name)
    kind = type(layer).__name__
    frozen = keras.Model(model.input, layer.input)
    frozen.trainable = False
    mask = np.zeros((len(nodes), int(layer.output.shape[-1])), np.float32)
    mask[np.arange(len(nodes)), nodes] = 1.0

    class Objective(keras.layers.Layer):
        def build(self, input_shape):
            self.logits = self.add_weight(
                shape=(len(nodes), length, channels),
                initializer=keras.initializers.RandomUniform(-bound, bound, seed=seed),
                name="logits",
            )

        def call(self, rows):
            h = frozen(ops.softmax(self.logits, axis=-1), training=False)
            if kind == "Conv1D":
                out = ops.max(ops.conv(h, layer.kernel, padding="valid") + layer.bias, axis=1)
            elif kind == "Dense":
                out = ops.matmul(h, layer.kernel) + layer.bias
            else:  # recurrent layers have no ReLU to step around
                out = layer(h, training=False)
            activation = ops.sum(out * mask, axis=-1)
            size = ops.sum(ops.square(self.logits), axis=(1, 2))
            return ops.expand_dims(activation - penalty * size, -1) + 0.0 * rows

    rows = keras.Input((1,))
    return keras.Model(rows, Objective(name="objective")(rows))


def optimize_inputs(
    estimator, layer_name, nodes=None, bound=0.1, lr=0.02, steps=600, penalty=1e-3, random_state=0
):
    """Inputs that maximally activate nodes of a layer, by gradient ascent.

    For each node an input logit matrix (length x channels) starts uniform in
    [-bound, bound]; its softmax over the channels at each position is fed to
    the network (in inference mode), and Adam(lr) maximises the node's
    pre-activation (before ReLU/softmax/sigmoid) minus ``penalty`` x the
    squared L2 norm of the logits for ``steps`` steps. A node whose objective
    does not move (every ReLU before it silent) is restarted from a 5x wider
    random start, up to 3 times. Written in Keras ops, so it runs on any
    Keras backend.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    layer_name : str
        A layer from ``estimator.summary()``: a convolution (its activation
        is the maximum over positions), a dense or recurrent layer, or
        ``"output"``.
    nodes : list of int, optional
        Kernels / units to optimise; default all.
    bound : float, default=0.1
    lr : float, default=0.02
    steps : int, default=600
    penalty : float, default=1e-3
    random_state : int, default=0

    Returns
    -------
    pwm : ndarray of float32, shape (n_nodes, length, channels)
        Per position, a probability distribution over the input channels.
    activation : ndarray of float32, shape (n_nodes,)
        The node's pre-activation for its optimized input.
    """
    check_is_fitted(estimator)
    names = [layer.name for layer in estimator.model_.layers]
    usable = [n for n in names if n.startswith(("conv_", "dense_", "lstm_", "gru_", "bidir"))]
    usable.append("output")
    if layer_name not in usable:
        raise ValueError(f"Unknown layer {layer_name!r}; the layers to optimise are: {usable}.")
    n_units = int(estimator.model_.get_layer(layer_name).output.shape[-1])
    nodes = list(range(n_units)) if nodes is None else [int(n) for n in nodes]
    if not nodes or min(nodes) < 0 or max(nodes) >= n_units:
        raise ValueError(f"nodes must be indices in [0, {n_units}) of layer {layer_name!r}.")
    nodes = np.asarray(nodes)
    pwm = np.empty((len(nodes), *estimator.input_shape_), np.float32)
    activation = np.empty(len(nodes), np.float32)
    todo = np.arange(len(nodes))
    for attempt in range(_ATTEMPTS):
        found, value, moved = _ascend(
            estimator,
            layer_name,
            nodes[todo],
            bound * 5**attempt,
            lr,
            steps,
            penalty,
            random_state + attempt,
        )
        pwm[todo], activation[todo] = found, value
        todo = todo[~moved]
        if not todo.size:
            break
    if todo.size:
        warnings.warn(
            f"Nodes {nodes[todo].tolist()} of layer {layer_name!r} never responded to their "
            "input (no gradient through inactive ReLUs); their logos stay uniform.",
            stacklevel=2,
        )
    return pwm, activation


#: Tries per node; a node whose objective never moves is restarted from a
#: 5x wider random input, as inputs near uniform can leave every ReLU silent.
_ATTEMPTS = 4


def _ascend(estimator, layer_name, nodes, bound, lr, steps, penalty, seed):
    """One gradient ascent run; returns (pwm, pre-activation, whether it moved)."""
    keras = import_keras()
    objective = _objective_model(estimator, layer_name, list(nodes), bound, penalty, seed)
    objective.compile(
        optimizer=keras.optimizers.Adam(lr), loss=lambda _, value: -value, jit_compile=False
    )
    rows = np.zeros((len(nodes), 1), np.float32)
    start = keras.ops.convert_to_numpy(objective(rows))[:, 0]
    for _ in range(steps):
        objective.train_on_batch(rows, rows)
    end = keras.ops.convert_to_numpy(objective(rows))[:, 0]
    logits = keras.ops.convert_to_numpy(objective.get_layer("objective").logits)
    pwm = np.exp(logits - logits.max(axis=-1, keepdims=True))
    pwm /= pwm.sum(axis=-1, keepdims=True)
    activation = end + penalty * (logits**2).sum(axis=(1, 2))
    return pwm, activation, end > start + 1e-6


def pwm_motifs(estimator, pwm, name=None):
    """Motif(s) of one optimized input.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    pwm : ndarray, shape (length, channels)
    name : str, optional

    Returns
    -------
    Motif, or (sequence Motif, structure Motif) for joint input
    """
    alphabet = estimator.alphabet_
    if isinstance(alphabet, JointAlphabet):
        joint = pwm.reshape(len(pwm), len(alphabet.sequence), len(alphabet.structure))
        return (
            Motif(alphabet.sequence, probabilities=joint.sum(axis=2), name=name),
            Motif(alphabet.structure, probabilities=joint.sum(axis=1), name=name),
        )
    alphabet = alphabet if alphabet is not None else numeric_alphabet(estimator)
    return Motif(alphabet, probabilities=pwm[:, : len(alphabet)], name=name)


def _network_input(estimator, X):
    """One-hot (or numeric) network input, float32 (n_samples, length, channels)."""
    from .encoding import one_hot

    inputs, n_symbols = estimator._validate_input(X, reset=False)
    return one_hot(inputs, n_symbols) if n_symbols is not None else inputs


def _target_unit(estimator, target):
    classes = estimator.classes_.tolist()
    if target not in classes:
        raise ValueError(f"target must be one of the classes {classes}; got {target!r}.")
    return classes.index(target)


def _logit_model(estimator):
    """The network up to the output layer's pre-activation (its logits)."""
    keras = import_keras()
    model = estimator.model_
    layer = model.get_layer("output")
    hidden = keras.Model(model.input, layer.input)
    return lambda x: keras.ops.matmul(hidden(x, training=False), layer.kernel) + layer.bias


def saliency(estimator, X, target, batch_size=256):
    """Gradient x input of the target's logit, per position and channel.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    X : array-like
        Sequences of the kind the estimator was fit on.
    target : class label
        One of ``estimator.classes_``; its output unit is taken before the
        softmax/sigmoid, so saturated probabilities still give gradients.
    batch_size : int, default=256

    Returns
    -------
    attribution : ndarray of float32, shape (n_samples, length, channels)
        Non-zero only at each sequence's own symbols (one-hot input); positive
        values push towards ``target``. Needs the TensorFlow backend.
    """
    import tensorflow as tf

    check_is_fitted(estimator)
    unit = _target_unit(estimator, target)
    logits = _logit_model(estimator)
    values = _network_input(estimator, X)
    out = np.empty_like(values)
    for start in range(0, len(values), batch_size):
        x = tf.constant(values[start : start + batch_size])
        with tf.GradientTape() as tape:
            tape.watch(x)
            score = logits(x)[:, unit]
        out[start : start + len(x)] = tape.gradient(score, x).numpy() * x.numpy()
    return out


def ism(estimator, X, target, batch_size=2048):
    """In-silico mutagenesis: change of the target's logit for every single substitution.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier
    X : array-like
        Sequences of the kind the estimator was fit on.
    target : class label
        One of ``estimator.classes_`` (logit before the softmax/sigmoid).
    batch_size : int, default=2048
        Mutant sequences per forward pass.

    Returns
    -------
    effect : ndarray of float32, shape (n_samples, length, n_symbols)
        ``effect[i, p, c]``: logit of sequence ``i`` with position ``p`` set
        to symbol ``c`` minus the logit of sequence ``i``; 0 for the symbol
        already there. For numeric input only the first n_symbols (alphabet)
        channels are mutated.
    """
    keras = import_keras()
    check_is_fitted(estimator)
    unit = _target_unit(estimator, target)
    logits = _logit_model(estimator)
    values = _network_input(estimator, X)
    n_symbols = (
        len(estimator.alphabet_)
        if estimator.alphabet_ is not None
        else len(numeric_alphabet(estimator))
    )
    n, length = values.shape[:2]
    positions, symbols = np.divmod(np.arange(length * n_symbols), n_symbols)

    def score(x):
        return keras.ops.convert_to_numpy(logits(x))[:, unit]

    effect = np.empty((n, length, n_symbols), np.float32)
    for i in range(n):
        reference = score(values[i : i + 1])[0]
        mutated = np.empty(length * n_symbols, np.float32)
        for start in range(0, len(positions), batch_size):
            p, c = positions[start : start + batch_size], symbols[start : start + batch_size]
            batch = np.repeat(values[i : i + 1], len(p), axis=0)
            batch[np.arange(len(p)), p, :n_symbols] = 0.0
            batch[np.arange(len(p)), p, c] = 1.0
            mutated[start : start + len(p)] = score(batch)
        effect[i] = (mutated - reference).reshape(length, n_symbols)
        effect[i][values[i, :, :n_symbols] == 1.0] = 0.0  # the symbol already there
    return effect
