"""Value heads, named by their loss: ``"mse"``, ``"huber"`` and ``"poisson"``.

``"mse"`` and ``"huber"`` have a linear output and train on targets
standardised per output (``offset`` their mean, ``scale`` their standard
deviation); ``"poisson"`` has an exponential output, so the pre-activation
is the log of the rate, and trains on non-negative targets divided by their
mean (``offset`` 0). Every loss skips missing (NaN) targets, output by
output.
"""

from dataclasses import dataclass, field

import numpy as np

from ..keras_setup import import_keras
from ..parts import Head, register_head


def _masked_loss(element_loss):
    """A Keras loss over the observed (not NaN) targets: per sample, the mean of
    ``element_loss(target, prediction)`` over its observed outputs (0 with none)."""

    def loss(y_true, y_pred):
        ops = import_keras().ops
        observed = ops.logical_not(ops.isnan(y_true))
        values = ops.where(
            observed, element_loss(ops, ops.where(observed, y_true, 0.0), y_pred), 0.0
        )
        count = ops.sum(ops.cast(observed, y_pred.dtype), axis=-1)
        return ops.sum(values, axis=-1) / ops.maximum(count, 1.0)

    loss.__name__ = f"masked{element_loss.__name__}"
    return loss


def _mse(ops, t, p):
    return ops.square(p - t)


def _huber(ops, t, p):
    d = ops.abs(p - t)
    return ops.where(d <= 1.0, 0.5 * ops.square(d), d - 0.5)


def _poisson(ops, t, p):
    return p - t * ops.log(p + 1e-7)


#: Per kind: the output activation and the element loss (Keras ops; :meth:`ValueHead.
#: sample_losses` is the NumPy twin).
_KINDS = {
    "mse": ("linear", _mse),
    "huber": ("linear", _huber),
    "poisson": ("exponential", _poisson),
}
_LOSSES = {kind: _masked_loss(element) for kind, (_, element) in _KINDS.items()}


@register_head
@dataclass(frozen=True)
class ValueHead(Head):
    """One output per target, in the targets' units after :meth:`decode`.

    ``offset`` and ``scale`` depend on the data of a fit, not on the network:
    they take no part in comparing or hashing heads, so that fits of one
    architecture share their compiled copies.
    """

    kind: str
    n_outputs: int
    offset: tuple = field(default=(), compare=False)
    scale: tuple = field(default=(), compare=False)

    kinds = tuple(_KINDS)
    family = "values"
    units = "output"
    task = "regression"
    metric = "Pearson r"

    def score(self, truth, predicted):
        """Pearson r of the measured (NaN left out) and predicted values."""
        truth = np.asarray(truth, dtype=np.float64)
        known = ~np.isnan(truth)
        return float(np.corrcoef(truth[known], np.asarray(predicted)[known])[0, 1])

    @property
    def activation(self):
        return _KINDS[self.kind][0]

    @property
    def element_loss(self):
        """``(ops, target, prediction) -> loss`` elementwise, in Keras ops or their NumPy
        twins (:meth:`sample_losses`); a new value head may give its own."""
        return _KINDS[self.kind][1]

    @property
    def loss(self):
        """The masked Keras loss (missing targets left out)."""
        return _LOSSES[self.kind] if self.kind in _LOSSES else _masked_loss(self.element_loss)

    @staticmethod
    def scaling(kind, values, weights):
        """``offset`` and ``scale`` of a fit's targets for a kind (weighted, NaN left out).

        Parameters
        ----------
        kind : str
        values : ndarray of float64, shape (n_samples, n_outputs)
        weights : ndarray of float64, shape (n_samples, n_outputs)
            0 where a value is missing.

        Returns
        -------
        (offset, scale) : ndarrays of float64, shape (n_outputs,)
            Mean and standard deviation (1 where it is 0); for Poisson 0 and the mean.
        """
        values = np.nan_to_num(values)
        total = np.maximum(weights.sum(axis=0), 1e-300)
        mean = (weights * values).sum(axis=0) / total
        if kind == "poisson":
            return np.zeros_like(mean), mean
        sd = np.sqrt((weights * (values - mean) ** 2).sum(axis=0) / total)
        return mean, np.where(sd > 0, sd, 1.0)

    def encode(self, y):
        """``(y - offset) / scale``, float32, shape (n_samples, n_outputs); NaN where missing."""
        y = np.asarray(y, dtype=np.float64).reshape(len(y), -1)
        return ((y - np.asarray(self.offset)) / np.asarray(self.scale)).astype(np.float32)

    def decode(self, outputs):
        """Outputs in the user's units, ``outputs * scale + offset`` (float64)."""
        values = np.asarray(outputs, dtype=np.float64)
        return values * np.asarray(self.scale) + np.asarray(self.offset)

    def sample_losses(self, targets, outputs):
        """The loss of each sample and output (NumPy), 0 where the target is missing.

        Squared error :math:`(p - t)^2`; Huber :math:`d^2/2` for :math:`|d| \\le 1`,
        else :math:`|d| - 1/2`, with :math:`d = p - t`; Poisson
        :math:`p - t \\log(p + 10^{-7})`, the negative log-likelihood without the
        term that does not depend on :math:`p`.

        Parameters
        ----------
        targets : ndarray, shape (n_samples, n_outputs)
        outputs : ndarray, shape (n_samples, n_outputs) or (n_outputs,)

        Returns
        -------
        ndarray of float64, shape (n_samples, n_outputs)
        """
        t = np.asarray(targets, dtype=np.float64)
        p = np.broadcast_to(np.asarray(outputs, dtype=np.float64), t.shape)
        observed = ~np.isnan(t)
        loss = self.element_loss(_NumpyOps, np.where(observed, t, 0.0), p)
        return np.where(observed, loss, 0.0)

    def per_sample(self, losses, targets):
        """Each sample's loss: the mean over its observed outputs, as the Keras loss."""
        observed = (~np.isnan(np.asarray(targets, dtype=np.float64))).sum(axis=1)
        return losses.sum(axis=1) / np.maximum(observed, 1)


class _NumpyOps:
    """The few Keras ops the element losses use, in NumPy (their twin)."""

    square = staticmethod(np.square)
    abs = staticmethod(np.abs)
    log = staticmethod(np.log)
    where = staticmethod(np.where)
