"""ConvMotifRegressor: the same network with a regression head, as a scikit-learn regressor."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
from sklearn.base import RegressorMixin, clone
from sklearn.utils.validation import check_is_fitted

from .._alphabet import Alphabet, JointAlphabet
from .._codec import _check_collection
from .._labels import class_index, output_labels
from .._network.description import Head
from .._network.parameters import REGRESSOR, Parameter
from .base import FITTED_INPUT, ConvMotifBase, loss_weights

if TYPE_CHECKING:
    import os

    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

    from ..encoding import EncodedInput

__all__ = ["ConvMotifRegressor"]


def _rows(mask):
    """The first few row numbers of a boolean mask over samples, as text."""
    rows = np.flatnonzero(mask)
    return f"{rows[:5].tolist()}{' ...' if len(rows) > 5 else ''} ({len(rows)} rows)"


class ConvMotifRegressor(RegressorMixin, ConvMotifBase):
    """Convolutional neural network regressor for biological sequences.

    The network of :class:`ConvMotifClassifier` (same parameters, same
    defaults) with a regression head: one linear output per target (an
    exponential one for ``loss="poisson"``). For MPRA or STARR-seq activity,
    promoter strength, signal over peaks, binding affinity: one value per
    sequence, or several at once (cell types, conditions). Targets are
    standardised inside :meth:`fit` (each output to mean 0 and standard
    deviation 1; for Poisson, divided by its mean), so the default learning
    rate works whatever their scale, and predictions come back in the
    targets' own units. Training stops early on the validation loss and keeps
    the best epoch; a fit whose best validation loss is not clearly below
    that of predicting each output's training mean warns
    (ConvergenceWarning). Its first-layer kernels read as motifs, as the
    classifier's do (:func:`skmotif.report.visualize_all_kernels` shows how
    each kernel's activation relates to the target).

    %(per_layer)s

    Parameters
    ----------
    %(parameters)s

    Attributes
    ----------
    n_outputs_ : int
        Number of targets (columns of y).
    multioutput_ : bool
        Whether y was 2-D; :meth:`predict` then returns 2-D values.
    output_names_ : ndarray of shape (n_outputs,)
        The columns of y when it was a pandas DataFrame, else ``0..n_outputs-1``;
        attribution and the reports take them as ``target``.
    target_offset_, target_scale_ : ndarray of float64, shape (n_outputs,)
        The network learns ``(y - target_offset_) / target_scale_``: each
        output's (sample-weighted) mean and standard deviation, or for
        ``loss="poisson"`` 0 and its mean.
    n_features_in_ : int
        Columns of X at fit: 1 for sequences, 2 for (sequence, structure)
        pairs, the length for 2-D numeric X, ``X.shape[1]`` for 3-D.
    alphabet_ : Alphabet, JointAlphabet or None
        The alphabet used for string input; None for numeric input.
    input_shape_ : tuple of int
        (length, channels) of the network input.
    model_ : keras.Model
        The trained network; its outputs are in the standardised units.
    history_ : dict of str to list of float
        Per-epoch ``loss``, ``val_loss`` (when validating) and ``learning_rate``.
    best_epoch_ : int
        0-based index in ``history_`` of the epoch whose weights were kept.

    Examples
    --------
    >>> import numpy as np
    >>> from skmotif import ConvMotifRegressor
    >>> X = ["ACGTACGTAAAA", "TTTTACGTACGA", "ACGTAAAAACGT", "TTTTTTTTACGT"] * 10
    >>> y = np.array([2.0, 0.5, 1.5, 0.0] * 10) * 1000 + 50
    >>> reg = ConvMotifRegressor(conv_num=1, kernel_num=4, kernel_len=4,
    ...                          epochs=5, random_state=0).fit(X, y)
    >>> reg.predict(X).shape
    (40,)
    """

    #: Its parameters in ``__init__``'s order, declared in ``_network/parameters.py``;
    #: ``_parameter_constraints`` and the docstring's entries are made from them.
    PARAMETERS: ClassVar[tuple[Parameter, ...]] = REGRESSOR
    FITTED_ATTRIBUTES: ClassVar[tuple] = (
        "n_outputs_",
        "multioutput_",
        "output_names_",
        "target_offset_",
        "target_scale_",
        *FITTED_INPUT,
    )
    _BASELINE = "each output's training mean"
    #: Its heads' family: its targets are values.
    head_family: ClassVar[str] = "values"

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
        loss: str = "mse",
        missing_targets: str = "error",
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
        self.loss = loss
        self.missing_targets = missing_targets
        self.init_motifs = init_motifs
        self.parent = parent
        self.warm_start = warm_start

    def predict(self, X: ArrayLike | EncodedInput) -> np.ndarray:
        """Predicted targets, in the units of the y given to :meth:`fit`.

        Parameters
        ----------
        X : array-like, shape (n_samples,), (n_samples, 2) or (n_samples, length[, channels])
            Input of the same kind as in :meth:`fit`.

        Returns
        -------
        y : ndarray of float64, shape (n_samples,) or (n_samples, n_outputs)
            2-D when y was 2-D at fit. With ``average_strands``, the mean of
            both strands' outputs (rates for Poisson).
        """
        values = self.scores(X)
        return values if self.multioutput_ else values[:, 0]

    def output_index(self, target: object = None, what: str = "target") -> int:
        """The output unit of an output name or index; None means the only output.

        Parameters
        ----------
        target : str or int, optional
        what : str, default="target"
            How the caller's parameter is called, for the error.

        Returns
        -------
        int

        Raises
        ------
        ValueError
            For an output the model does not have, or None with several outputs.
        """
        if target is None:
            if self.n_outputs_ > 1:
                raise ValueError(
                    f"This model has {self.n_outputs_} outputs "
                    f"{self.output_names_.tolist()}; name the one to read with {what}=..."
                )
            return 0
        return class_index(self.output_names_, target, what, kind="outputs")

    def head(self) -> Head:
        """The regression head of the fitted targets (kind = loss, with their scaling).

        Returns
        -------
        Head
            Its ``kind`` (the loss), ``n_outputs`` and the targets' offset and scale.
        """
        return Head(
            self.loss,
            self.n_outputs_,
            tuple(float(v) for v in self.target_offset_),
            tuple(float(v) for v in self.target_scale_),
        )

    def output_names(self) -> np.ndarray:
        """What each output is: ``output_names_`` (y's column names, else ``0..n_outputs-1``).

        Returns
        -------
        ndarray, shape (n_outputs,)
        """
        check_is_fitted(self)
        return self.output_names_

    def output_labels(self) -> list[str]:
        """The outputs as text, for columns and messages: y's column names, else ``y`` (one
        output) or ``y[0]``, ``y[1]``, ...

        Returns
        -------
        list of str, length n_outputs
        """
        return output_labels(self.output_names())

    def output_truth(self, y: ArrayLike, unit: int) -> np.ndarray:
        """The measured values of output ``unit``: what ``head().score`` compares that
        output's :meth:`scores` with.

        Parameters
        ----------
        y : array-like, shape (n_samples,) or (n_samples, n_outputs)
            Values, NaN where missing.
        unit : int
            The output, e.g. from :meth:`output_index`.

        Returns
        -------
        ndarray of float64, shape (n_samples,)
        """
        return np.asarray(y, dtype=np.float64).reshape(len(y), -1)[:, unit]

    def _targets(self, y, sample_weight, n_samples):
        """Standardised targets and loss weights of the fit's y; sets the target attributes.

        Returns
        -------
        targets : ndarray of float32, shape (n_samples, n_outputs)
        weights : ndarray of float32, shape (n_samples,), or None
        strata : None
            The internal validation split is not stratified.
        validation_targets : callable
            ``(y_val, n_val) -> (targets, None)`` for validation data.
        """
        weights = loss_weights(sample_weight, n_samples)
        values = self._check_targets(y, n_samples, reset=True, weights=weights)

        def validation_targets(y_val, n_val):
            return self.head().encode(self._check_targets(y_val, n_val, reset=False)), None

        return self.head().encode(values), weights, None, validation_targets

    def check_targets(self, y: ArrayLike, n_samples: int) -> np.ndarray:
        """y checked as ``fit`` reads it (as ``score`` reads it, once fitted); changes nothing.

        Parameters
        ----------
        y : array-like, shape (n_samples,) or (n_samples, n_outputs)
        n_samples : int
            The number of sequences y must have values for.

        Returns
        -------
        ndarray of float64, shape (n_samples, n_outputs)
            NaN where a value is missing (``missing_targets="mask"``).

        Raises
        ------
        TypeError, ValueError
            As :meth:`fit` would, naming the row or output.
        """
        fitted = hasattr(self, "n_outputs_")
        return (self if fitted else clone(self))._check_targets(y, n_samples, reset=not fitted)

    def _check_targets(self, y, n_samples, reset, weights=None):
        """y as float64, shape (n_samples, n_outputs), checked; at fit sets the target state
        (its scaling weighted by ``weights``, so that samples of weight 0 play no part).

        Raises
        ------
        TypeError, ValueError
            For y that is not numeric, of the wrong shape or length, infinite,
            NaN (unless ``missing_targets="mask"``), negative for Poisson, or
            (at fit) an output without two observed values.
        """
        _check_collection(y, "y")
        names = getattr(y, "columns", None)
        try:
            values = np.asarray(y, dtype=np.float64)
        except (TypeError, ValueError):
            raise TypeError(
                "y must hold numbers (one value per sample and output); it holds values that "
                "do not convert to float. For class labels use ConvMotifClassifier."
            ) from None
        if values.ndim not in (1, 2) or (values.ndim == 2 and values.shape[1] == 0):
            raise ValueError(
                f"y has shape {values.shape}; give one value per sample, shape (n_samples,), "
                "or one column per output, shape (n_samples, n_outputs)."
            )
        if len(values) != n_samples:
            raise ValueError(
                f"X has {n_samples} samples but y has {len(values)}; they must match."
            )
        table = values.reshape(len(values), -1)
        self._check_values(table)
        if reset:
            self._set_target_state(table, values.ndim == 2, names, weights)
        elif table.shape[1] != self.n_outputs_:
            raise ValueError(
                f"y has {table.shape[1]} outputs but the model was fit on {self.n_outputs_}."
            )
        return table

    def _check_values(self, table):
        """ValueError for infinite values, NaN (unless masked) and negative Poisson counts."""
        infinite = np.isinf(table).any(axis=1)
        if infinite.any():
            raise ValueError(
                f"y has infinite values in rows {_rows(infinite)}; give finite numbers."
            )
        missing = np.isnan(table).any(axis=1)
        if missing.any() and self.missing_targets == "error":
            raise ValueError(
                f"y has missing values (NaN) in rows {_rows(missing)}; remove those samples, "
                "or set missing_targets='mask' to leave missing outputs out of the loss."
            )
        if self.loss == "poisson":
            negative = (table < 0).any(axis=1)
            if negative.any():
                raise ValueError(
                    f"loss='poisson' models counts, but y is negative in rows "
                    f"{_rows(negative)}; give counts >= 0, or use loss='mse' (e.g. on "
                    "log-transformed values)."
                )

    def _set_target_state(self, table, multioutput, names, weights):
        """``n_outputs_``, ``multioutput_``, ``output_names_`` and the (weighted) scaling."""
        observed = (~np.isnan(table)).sum(axis=0)
        if observed.min() < 2:
            output = int(np.argmin(observed))
            count = int(observed[output])
            raise ValueError(
                f"y has {count} sample{'' if count == 1 else 's'} with a value for output "
                f"{output}; each output needs values for at least two samples."
            )
        self.n_outputs_ = table.shape[1]
        self.multioutput_ = bool(multioutput)
        self.output_names_ = (
            np.asarray([str(c) for c in names], dtype=object)
            if names is not None and len(names) == table.shape[1]
            else np.arange(table.shape[1])
        )
        w = np.ones(len(table)) if weights is None else weights.astype(np.float64)
        w = np.where(np.isnan(table), 0.0, w[:, None])
        offset, scale = type(Head(self.loss, table.shape[1])).scaling(self.loss, table, w)
        if self.loss == "poisson" and not (scale > 0).all():
            output = int(np.argmin(scale))
            raise ValueError(
                f"Output {output} of y is 0 for every sample: loss='poisson' has no rate "
                "to learn there. Drop that output."
            )
        self.target_offset_, self.target_scale_ = offset, scale
