"""ConvMotifClassifier: a convolutional network on sequences as a scikit-learn classifier."""

from __future__ import annotations

import warnings
from numbers import Real
from typing import TYPE_CHECKING, ClassVar

import numpy as np
from sklearn.base import ClassifierMixin
from sklearn.utils import column_or_1d
from sklearn.utils.class_weight import compute_class_weight
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted

from .._alphabet import Alphabet, JointAlphabet
from .._labels import check_labels, class_index, is_multilabel, label_indicator
from .._network.description import Head
from .._network.parameters import CLASSIFIER, Parameter
from .base import FITTED_INPUT, ConvMotifBase, loss_weights

if TYPE_CHECKING:
    import os

    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

    from ..encoding import EncodedInput

__all__ = ["ConvMotifClassifier"]


def _warn_constant_labels(y):
    """UserWarning for label columns of a 0/1 indicator matrix that are never (or always) 1."""
    for value, kind, proba in ((0, "positive", "0"), (1, "negative", "1")):
        constant = np.flatnonzero((y == value).all(axis=0))
        if constant.size:
            warnings.warn(
                f"Label column(s) {constant.tolist()} of y have no {kind} sample: the model "
                f"learns to predict them with probability near {proba}, and their auROC is "
                "undefined. Drop those columns or add samples that have them.",
                UserWarning,
                stacklevel=7,
            )


class ConvMotifClassifier(ClassifierMixin, ConvMotifBase):
    """Convolutional neural network classifier for biological sequences.

    The network is pysster's: input -> Dropout -> ``conv_num`` x
    [Conv1D(valid, ReLU, max-norm) -> MaxPooling1D -> Dropout] -> optional
    ``rnn_num`` x LSTM/GRU, else Flatten -> ``dense_num`` x [Dense(ReLU,
    max-norm) -> Dropout] -> softmax (single-label) or sigmoid (multi-label)
    output, trained with Adam, early stopping and learning-rate halving on the
    validation loss. skmotif adds a global skip (see ``global_skip``) and
    changes four of pysster's settings (shorter kernels, a higher learning
    rate, less dropout), with which it learns motifs at any position and on
    small data; ``ConvMotifClassifier(**skmotif.pysster_params())`` is pysster's
    network and training exactly. A fit that ends no better than predicting
    the class frequencies warns (ConvergenceWarning) and says what to try.
    Its first-layer kernels can be read as sequence motifs.

    %(per_layer)s

    Parameters
    ----------
    %(parameters)s

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Class labels (label indices ``0..n_labels-1`` for multi-label y).
    multilabel_ : bool
        Whether y was a 0/1 indicator matrix (sigmoid outputs, one per label).
    n_features_in_ : int
        Columns of X at fit: 1 for sequences, 2 for (sequence, structure)
        pairs, the length for 2-D numeric X, ``X.shape[1]`` for 3-D.
    alphabet_ : Alphabet, JointAlphabet or None
        The alphabet used for string input; None for numeric input.
    input_shape_ : tuple of int
        (length, channels) of the network input. Shorter sequences are padded
        at the right end with all-zero vectors to this length.
    model_ : keras.Model
        The trained network.
    history_ : dict of str to list of float
        Per-epoch ``loss``, ``val_loss`` (when validating) and ``learning_rate``.
    best_epoch_ : int
        0-based index in ``history_`` of the epoch whose weights were kept.

    Notes
    -----
    Unknown symbols (``N`` for nucleotides, ``X`` for protein) and padding
    encode as all-zero vectors; any other symbol outside the alphabet is a
    ValueError that names the symbol, the sequence and the position. The
    network runs on TensorFlow without XLA, which was fastest on CPUs.

    Examples
    --------
    >>> from skmotif import ConvMotifClassifier
    >>> X = ["ACGTACGTAAAA", "TTTTACGTACGA", "ACGTAAAAACGT", "TTTTTTTTACGT"] * 10
    >>> y = [1, 0, 1, 0] * 10
    >>> clf = ConvMotifClassifier(conv_num=1, kernel_num=4, kernel_len=4,
    ...                           epochs=5, random_state=0).fit(X, y)
    >>> clf.predict_proba(X).shape
    (40, 2)
    """

    #: Its parameters in ``__init__``'s order, declared in ``_network/parameters.py``;
    #: ``_parameter_constraints`` and the docstring's entries are made from them.
    PARAMETERS: ClassVar[tuple[Parameter, ...]] = CLASSIFIER
    #: The fitted state beside the network (``model_``), as saving writes and reads it.
    FITTED_ATTRIBUTES: ClassVar[tuple] = ("classes_", "multilabel_", *FITTED_INPUT)
    _BASELINE = "the class frequencies"
    #: Its heads' family: its targets are classes.
    head_family: ClassVar[str] = "classes"

    def __init__(
        self,
        conv_num: int | str = "auto",
        kernel_num: int | str | tuple[int, ...] = "auto",
        kernel_len: int | str | tuple[int, ...] = "auto",
        pool_size: int | str | tuple = "auto",
        pool_stride: int | tuple[int, ...] = 2,
        dense_num: int = 1,
        neuron_num: int | tuple[int, ...] = 100,
        dropout_input: float = 0.0,
        dropout_conv: float | tuple[float, ...] = 0.3,
        dropout_dense: float | tuple[float, ...] = 0.1,
        global_skip: bool | str = "all",
        first_activation: str = "relu",
        batch_size: int = 128,
        learning_rate: float = 0.003,
        patience_lr: int = 5,
        patience_stopping: int = 15,
        epochs: int = 500,
        kernel_constraint: float | None = 3,
        rnn_type: str | None = None,
        rnn_num: int = 1,
        rnn_units: int | tuple[int, ...] = 32,
        rnn_bidirectional: bool | tuple[bool, ...] = True,
        rnn_dropout_input: float | tuple[float, ...] = 0.2,
        rnn_dropout_recurrent: float | tuple[float, ...] = 0.0,
        residual_num: int = 0,
        residual_kernel_len: int = 3,
        residual_dilation: int | str | tuple[int, ...] = "doubling",
        residual_form: str = "same",
        alphabet: str | tuple | Alphabet | JointAlphabet = "ACGT",
        reverse_complement: bool = False,
        max_shift: int = 0,
        random_crop: int = 0,
        average_strands: bool = False,
        random_state: int | np.random.RandomState | None = None,
        validation_fraction: float = 0.1,
        verbose: int = 0,
        callbacks: list | None = None,
        class_weight: str | dict | None = None,
        init_motifs: list | str | None = None,
        parent: str | os.PathLike | BaseEstimator | None = None,
        warm_start: bool = False,
    ) -> None:
        self.conv_num = conv_num
        self.kernel_num = kernel_num
        self.kernel_len = kernel_len
        self.pool_size = pool_size
        self.pool_stride = pool_stride
        self.dense_num = dense_num
        self.neuron_num = neuron_num
        self.dropout_input = dropout_input
        self.dropout_conv = dropout_conv
        self.dropout_dense = dropout_dense
        self.global_skip = global_skip
        self.first_activation = first_activation
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.patience_lr = patience_lr
        self.patience_stopping = patience_stopping
        self.epochs = epochs
        self.kernel_constraint = kernel_constraint
        self.rnn_type = rnn_type
        self.rnn_num = rnn_num
        self.rnn_units = rnn_units
        self.rnn_bidirectional = rnn_bidirectional
        self.rnn_dropout_input = rnn_dropout_input
        self.rnn_dropout_recurrent = rnn_dropout_recurrent
        self.residual_num = residual_num
        self.residual_kernel_len = residual_kernel_len
        self.residual_dilation = residual_dilation
        self.residual_form = residual_form
        self.alphabet = alphabet
        self.reverse_complement = reverse_complement
        self.max_shift = max_shift
        self.random_crop = random_crop
        self.average_strands = average_strands
        self.random_state = random_state
        self.validation_fraction = validation_fraction
        self.verbose = verbose
        self.callbacks = callbacks
        self.class_weight = class_weight
        self.init_motifs = init_motifs
        self.parent = parent
        self.warm_start = warm_start

    def predict_proba(self, X: ArrayLike | EncodedInput) -> np.ndarray:
        """Class probabilities (single-label) or label probabilities (multi-label).

        Parameters
        ----------
        X : array-like, shape (n_samples,), (n_samples, 2) or (n_samples, length[, channels])
            Input of the same kind as in :meth:`fit`.

        Returns
        -------
        proba : ndarray of float64, shape (n_samples, n_classes)
            Columns in the order of ``classes_``.
        """
        return self.scores(X)

    def predict(self, X: ArrayLike | EncodedInput) -> np.ndarray:
        """Predicted classes, or a 0/1 indicator matrix for multi-label data.

        Parameters
        ----------
        X : array-like, shape (n_samples,), (n_samples, 2) or (n_samples, length[, channels])
            Input of the same kind as in :meth:`fit`.

        Returns
        -------
        y : ndarray, shape (n_samples,) or (n_samples, n_labels)
        """
        proba = self.predict_proba(X)
        if self.multilabel_:
            return (proba > 0.5).astype(int)
        return self.classes_[np.argmax(proba, axis=1)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        return tags

    def output_index(self, target: object = None, what: str = "target") -> int:
        """The output unit of a class label; None means the last class (the positive one
        of 0/1 labels).

        Parameters
        ----------
        target : class label, optional
        what : str, default="target"
            How the caller's parameter is called, for the error.

        Returns
        -------
        int

        Raises
        ------
        ValueError
            For a label that is not one of ``classes_``, naming them.
        """
        if target is None:
            return len(self.classes_) - 1
        return class_index(self.classes_, target, what)

    def head(self) -> Head:
        """The output head of the fitted classes: softmax, or sigmoid for multi-label y.

        Returns
        -------
        Head
            Its ``kind`` (output activation and loss) and ``n_outputs``.
        """
        return Head("sigmoid" if self.multilabel_ else "softmax", len(self.classes_))

    def output_names(self) -> np.ndarray:
        """What each output is: the classes (``classes_``).

        Returns
        -------
        ndarray, shape (n_classes,)
            ``classes_`` as it is (label indices ``0..n_labels-1`` for multi-label y).
        """
        check_is_fitted(self)
        return self.classes_

    def output_labels(self) -> list[str]:
        """The outputs as text, for columns and messages: each class as ``str``.

        Returns
        -------
        list of str, length n_classes
        """
        return [str(c) for c in self.output_names()]

    def output_truth(self, y: ArrayLike, unit: int) -> np.ndarray:
        """Which samples of y are of the class of output ``unit``: what ``head().score``
        compares that output's :meth:`scores` with.

        Parameters
        ----------
        y : array-like, shape (n_samples,) or (n_samples, n_classes)
            Class labels, or a 0/1 indicator matrix (multi-label).
        unit : int
            The output, e.g. from :meth:`output_index`.

        Returns
        -------
        ndarray of bool, shape (n_samples,)

        Raises
        ------
        ValueError
            For labels that are not classes of the model, or an indicator
            matrix with another number of columns.
        """
        return label_indicator(y, self.output_names())[0][:, unit]

    def _targets(self, y, sample_weight, n_samples):
        """Targets, loss weights and strata of the fit's y; sets ``classes_``, ``multilabel_``.

        Returns
        -------
        targets : ndarray of float32, shape (n_samples, n_classes)
        weights : ndarray of float32, shape (n_samples,), or None
        strata : ndarray of int, shape (n_samples,), or None (multi-label)
        validation_targets : callable
            ``(y_val, n_val) -> (targets, weights)`` for validation data.
        """
        targets, y_index = self._encode_targets(y, n_samples, reset=True)
        class_weights = self._class_weights(y_index)

        def weights_of(index, given, n):
            return loss_weights(given, n, None if class_weights is None else class_weights[index])

        def validation_targets(y_val, n_val):
            t_val, i_val = self._encode_targets(y_val, n_val, reset=False)
            return t_val, weights_of(i_val, None, n_val)

        return targets, weights_of(y_index, sample_weight, n_samples), y_index, validation_targets

    def _encode_targets(self, y, n_samples, reset):
        """Targets as float32 one-hot/indicator rows, and class indices (None if multi-label)."""
        y = check_labels(y)
        if len(y) != n_samples:
            raise ValueError(f"X has {n_samples} samples but y has {len(y)}; they must match.")
        if reset:
            self.multilabel_ = is_multilabel(y)
        if self.multilabel_:
            if reset:
                self.classes_ = np.arange(y.shape[1])
                _warn_constant_labels(y)
            elif y.ndim != 2 or y.shape[1] != len(self.classes_) or not np.isin(y, (0, 1)).all():
                raise ValueError(
                    f"y must be a 0/1 indicator matrix with {len(self.classes_)} columns, "
                    f"as at fit; got shape {y.shape}."
                )
            return self.head().encode(y), None
        check_classification_targets(y)
        y = column_or_1d(y, warn=True)
        if reset:
            self.classes_ = np.unique(y)
            if len(self.classes_) < 2:
                raise ValueError(
                    f"y has 1 class ({self.classes_[0]!r}); a classifier needs at least "
                    "two classes."
                )
        unseen = np.setdiff1d(y, self.classes_)
        if unseen.size:
            raise ValueError(
                f"y has labels {unseen.tolist()} not seen in the training data "
                f"{self.classes_.tolist()}."
            )
        index = np.searchsorted(self.classes_, y)
        return self.head().encode(index), index

    def _class_weights(self, y_index):
        """Loss weight per class index, or None.

        Raises
        ------
        ValueError
            For multi-label y, a key that is not a class, or a weight that is
            not a finite number >= 0, or weights that are all 0.
        """
        if self.class_weight is None:
            return None
        if self.multilabel_:
            raise ValueError(
                "class_weight is for single-label y; for multi-label y pass sample_weight instead."
            )
        if isinstance(self.class_weight, dict):
            classes = self.classes_.tolist()
            unknown = [key for key in self.class_weight if key not in classes]
            if unknown:
                raise ValueError(
                    f"class_weight has keys {unknown} that are not classes of y {classes}; "
                    "key it by the class labels."
                )
            for key, value in self.class_weight.items():
                if (
                    isinstance(value, bool)
                    or not isinstance(value, Real)
                    or not (np.isfinite(value) and value >= 0)
                ):
                    raise ValueError(
                        f"class_weight[{key!r}] is {value!r}; class weights must be finite "
                        "numbers >= 0."
                    )
        y = self.classes_[y_index]
        weights = compute_class_weight(self.class_weight, classes=self.classes_, y=y)
        if not weights[y_index].any():
            raise ValueError(
                f"class_weight={self.class_weight!r} gives every sample weight zero, so there "
                "is nothing to learn; give at least one class a weight above 0."
            )
        return weights
