"""Class heads: softmax over single-label classes, sigmoid per label of multi-label y."""

from dataclasses import dataclass, field

import numpy as np

from ..parts import Head, register_head


@register_head
@dataclass(frozen=True)
class ClassHead(Head):
    """``"softmax"`` (single-label classes, categorical cross-entropy) or ``"sigmoid"``
    (multi-label indicators, binary cross-entropy).

    ``offset`` and ``scale`` are unused (the fields of every head).
    """

    kind: str
    n_outputs: int
    offset: tuple = field(default=(), compare=False)
    scale: tuple = field(default=(), compare=False)

    kinds = ("softmax", "sigmoid")
    family = "classes"
    units = "class"
    task = "classification"
    metric = "auROC"

    def score(self, truth, predicted):
        """auROC of the class's probability (NaN without both kinds of samples)."""
        from sklearn.metrics import roc_auc_score

        truth = np.asarray(truth, dtype=bool)
        if truth.all() or not truth.any():
            return float("nan")
        return float(roc_auc_score(truth, predicted))

    @property
    def activation(self):
        return self.kind

    @property
    def loss(self):
        """Keras's loss, by name."""
        return {"softmax": "categorical_crossentropy", "sigmoid": "binary_crossentropy"}[self.kind]

    def encode(self, y):
        """Targets as trained: one-hot rows of class indices (softmax) or the indicators.

        Parameters
        ----------
        y : ndarray, shape (n_samples,) or (n_samples, n_outputs)

        Returns
        -------
        ndarray of float32, shape (n_samples, n_outputs)
        """
        if self.kind == "softmax":
            return np.eye(self.n_outputs, dtype=np.float32)[y]
        return np.asarray(y, dtype=np.float32)

    def decode(self, outputs):
        """Probabilities: softmax rows renormalised to sum to 1 (an average of two softmax
        outputs sums to 1 only up to rounding); sigmoid outputs as they are.

        Parameters
        ----------
        outputs : ndarray, shape (n_samples, n_outputs)

        Returns
        -------
        ndarray of float64, shape (n_samples, n_outputs)
        """
        values = np.asarray(outputs, dtype=np.float64)
        if self.kind == "softmax":
            return values / values.sum(axis=1, keepdims=True)
        return values

    def sample_losses(self, targets, outputs):
        """Cross-entropy of each sample and output (NumPy), probabilities clipped to
        :math:`[10^{-7}, 1 - 10^{-7}]` as Keras does.

        Parameters
        ----------
        targets : ndarray, shape (n_samples, n_outputs)
        outputs : ndarray, shape (n_samples, n_outputs) or (n_outputs,)

        Returns
        -------
        ndarray of float64, shape (n_samples, n_outputs)
        """
        t = np.asarray(targets, dtype=np.float64)
        q = np.clip(
            np.broadcast_to(np.asarray(outputs, dtype=np.float64), t.shape), 1e-7, 1 - 1e-7
        )
        if self.kind == "softmax":
            return -t * np.log(q)
        return -(t * np.log(q) + (1 - t) * np.log(1 - q))

    def per_sample(self, losses, targets):
        """Each sample's loss as Keras reduces it: the sum (softmax) or mean (sigmoid)."""
        return losses.sum(axis=1) if self.kind == "softmax" else losses.mean(axis=1)
