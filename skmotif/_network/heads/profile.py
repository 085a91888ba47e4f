"""The profile head (BPNet): read counts at every base of a central window, and their total.

It reads the trunk's per-position output (``sequence``), not pooled
features. Two parts, as in bpnet-lite and ChromBPNet:

- **profile**: one convolution of ``kernel_len`` (75) positions, ``n_tracks``
  filters, no padding, cropped to the central ``output_length`` positions:
  the logits of one softmax over all positions and tracks together (both
  strands share one distribution, as bpnet-lite's loss flattens them);
- **counts**: the mean over the trunk positions that the profile window
  reads, then one linear unit: the predicted ``log(1 + total)`` over all
  positions and tracks.

The network's one output joins them, shape (batch, output_length *
n_tracks + 1): the profile logits flattened position by position (tracks
inner), then the log count. Targets are laid out alike: the observed counts
flattened, then ``log(1 + total)``. The loss of a region is the multinomial
negative log-likelihood of its counts under the softmax (with the terms that
do not depend on the network, so it is the real NLL; a region without reads
adds 0, so background regions train the counts only) plus ``count_weight``
times the squared error of the log count.

Reading it (DeepLIFT, saliency) has two units: ``"profile"``,
``sum(w * logits)`` with ``w = softmax(logits) - 1 / n`` held constant (the
softmax weights of the input, not of the references; minus the mean so a
shift of every logit adds nothing), as BPNet's and ChromBPNet's
``stop_gradient`` does; and ``"counts"``, the log count.
"""

from dataclasses import dataclass, field

import numpy as np

from ..keras_setup import import_keras
from ..parts import Head, register_head

#: The two units interpretation reads, in order.
UNITS = ("profile", "counts")


def _shares(outputs):
    """The profile of network outputs: the softmax of the logits, shape (n, n_outputs - 1)."""
    logits = outputs[:, :-1]
    shares = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shares / shares.sum(axis=1, keepdims=True)


def _centre(width, inner):
    """(left, right) positions to crop from ``width`` down to its central ``inner``."""
    total = width - inner
    return total // 2, total - total // 2


@register_head
@dataclass(frozen=True)
class ProfileHead(Head):
    """Per-base counts on ``n_tracks`` tracks over ``output_length`` positions, and the total.

    Attributes
    ----------
    n_tracks : int
        Tracks per position (2: the + and - strands).
    output_length : int
        Positions of the predicted window (the centre of the trunk's output).
    kernel_len : int
        Width of the profile convolution.
    count_weight : float
        Weight of the squared error of ``log(1 + total)`` in the loss.
    """

    kind: str
    n_tracks: int
    output_length: int
    kernel_len: int = 75
    count_weight: float = field(default=1.0)

    kinds = ("profile",)
    family = "profiles"
    units = "output"
    task = "profile"
    metric = "profile Pearson r"
    activation = "linear"
    reads = "sequence"

    @property
    def n_outputs(self):
        """Width of the network's output: the flattened profile logits, then the log count."""
        return self.output_length * self.n_tracks + 1

    @property
    def layer_names(self):
        return {
            "profile": "profile_conv",
            "profile_crop": "profile_crop",
            "flat": "profile_flat",
            "count_crop": "count_crop",
            "pool": "count_pool",
            "count": "count_dense",
            "output": "output",
        }

    def trunk_positions(self):
        """Trunk positions the head reads: the profile window and the convolution's margin."""
        return self.output_length + self.kernel_len - 1

    def build(self, ctx, features, sequence):
        keras, names = ctx.keras, self.layer_names
        width = int(sequence.shape[1])
        logits = keras.layers.Conv1D(
            self.n_tracks,
            self.kernel_len,
            kernel_initializer=keras.initializers.GlorotUniform(seed=ctx.seeds()),
            name=names["profile"],
        )(sequence)
        logits = keras.layers.Cropping1D(
            _centre(width - self.kernel_len + 1, self.output_length), name=names["profile_crop"]
        )(logits)
        logits = keras.layers.Flatten(name=names["flat"])(logits)
        read = keras.layers.Cropping1D(
            _centre(width, self.trunk_positions()), name=names["count_crop"]
        )(sequence)
        pooled = keras.layers.GlobalAveragePooling1D(name=names["pool"])(read)
        count = keras.layers.Dense(
            1,
            kernel_initializer=keras.initializers.GlorotUniform(seed=ctx.seeds()),
            name=names["count"],
        )(pooled)
        return keras.layers.Concatenate(name=names["output"])([logits, count])

    def _parts(self, layers, sequence):
        """(profile logits (batch, output_length * n_tracks), log count (batch, 1))."""
        logits = layers["flat"](layers["profile_crop"](layers["profile"](sequence)))
        count = layers["count"](layers["pool"](layers["count_crop"](sequence)))
        return logits, count

    def forward(self, layers, features, sequence):
        logits, count = self._parts(layers, sequence)
        return layers["output"]([logits, count])

    def logits(self, ops, layers, features, sequence, reads=None):
        """The two units, shape (batch, 2): ``"profile"`` and ``"counts"`` (module docstring).

        ``reads``: the (features, sequence) of the inputs whose softmax weights the
        profile unit holds (DeepLIFT's references take their input's); None: ``sequence``'s.
        """
        logits, count = self._parts(layers, sequence)
        source = logits if reads is None else self._parts(layers, reads[1])[0]
        weights = ops.stop_gradient(ops.softmax(source, axis=-1)) - 1.0 / logits.shape[-1]
        profile = ops.sum(weights * logits, axis=-1, keepdims=True)
        return ops.concatenate([profile, count], axis=-1)

    def deeplift_start(self, tf, layers, unit, rows, sequence_shape, reads=None):
        """The multipliers of unit 0 (profile) or 1 (counts) with respect to the sequence.

        Both are linear in the trunk's output once the softmax weights are held (those of
        ``reads``, the inputs repeated per reference), so their gradient is exact.
        """
        logits = self._parts(layers, reads[1])[0]
        weights = tf.nn.softmax(logits, axis=-1) - 1.0 / logits.shape[-1]
        at = tf.zeros(sequence_shape)
        with tf.GradientTape() as tape:
            tape.watch(at)
            logits, count = self._parts(layers, at)
            values = tf.stack([tf.reduce_sum(weights * logits), tf.reduce_sum(count)])
            value = tf.gather(values, unit)  # unit is a traced tensor
        return None, tape.gradient(value, at)

    # -- targets, losses and metrics -----------------------------------------------------

    @property
    def loss(self):
        """Per region: multinomial NLL of the counts + ``count_weight`` x squared log-count
        error (Keras ops)."""
        weight = float(self.count_weight)

        def profile_loss(y_true, y_pred):
            ops = import_keras().ops
            import tensorflow as tf  # Keras's ops have no lgamma

            counts, log_total = y_true[:, :-1], y_true[:, -1]
            logits, predicted = y_pred[:, :-1], y_pred[:, -1]
            total = ops.sum(counts, axis=-1)
            log_p = ops.log_softmax(logits, axis=-1)
            constant = tf.math.lgamma(total + 1.0) - ops.sum(tf.math.lgamma(counts + 1.0), axis=-1)
            nll = -(constant + ops.sum(counts * log_p, axis=-1))
            return nll + weight * ops.square(predicted - log_total)

        return profile_loss

    def encode(self, y):
        """Counts (n, output_length, n_tracks) as targets: flattened, then log(1 + total).

        Returns
        -------
        ndarray of float32, shape (n, output_length * n_tracks + 1)
        """
        counts = np.asarray(y, dtype=np.float64).reshape(len(y), -1)
        total = np.log1p(counts.sum(axis=1, keepdims=True))
        return np.concatenate([counts, total], axis=1).astype(np.float32)

    def decode(self, outputs):
        """Expected counts per position and track: softmax x (exp(log count) - 1).

        Returns
        -------
        ndarray of float64, shape (n, output_length, n_tracks)
        """
        outputs = np.asarray(outputs, dtype=np.float64)
        total = np.maximum(np.expm1(outputs[:, -1:]), 0.0)
        return (_shares(outputs) * total).reshape(len(outputs), self.output_length, self.n_tracks)

    def sample_losses(self, targets, outputs):
        """Per region: its multinomial NLL and weighted squared log-count error (NumPy),
        shape (n, 2); ``outputs`` of shape (n, n_outputs) or (n_outputs,)."""
        from ...metrics import multinomial_nll

        t = np.asarray(targets, dtype=np.float64)
        o = np.broadcast_to(np.asarray(outputs, dtype=np.float64), t.shape)
        nll = multinomial_nll(t[:, :-1], _shares(o))
        return np.stack([nll, self.count_weight * (o[:, -1] - t[:, -1]) ** 2], axis=1)

    def per_sample(self, losses, targets):
        """Each region's loss, as the Keras loss: the sum of its two parts."""
        return losses.sum(axis=1)

    def mean_target(self, fit_targets, fit_weights):
        """The baseline's outputs: the log of the fit regions' mean profile, and their mean
        log count (as network outputs, shape (n_outputs,))."""
        fit = np.asarray(fit_targets, dtype=np.float64)
        w = np.ones(len(fit)) if fit_weights is None else np.asarray(fit_weights, np.float64)
        mean = (fit * w[:, None]).sum(axis=0) / max(w.sum(), 1e-30)
        return np.concatenate([np.log(mean[:-1] + 1e-3), mean[-1:]])

    def variant_columns(self, ref, alt):
        """What a variant changes: the predicted total and the profile's shape.

        Parameters
        ----------
        ref, alt : ndarray, shape (n_variants, n_outputs)
            Network outputs for the reference and the mutated sequences.

        Returns
        -------
        dict of str to ndarray of shape (n_variants,)
            ``ref_counts``, ``alt_counts``, ``log_counts_diff`` (natural log of
            ``(1 + alt) / (1 + ref)`` of the totals) and ``profile_jsd`` (the
            Jensen-Shannon distance, base 2, between the two profiles).
        """
        from ...metrics import jensen_shannon

        totals = [np.maximum(np.expm1(np.asarray(o, np.float64)[:, -1]), 0.0) for o in (ref, alt)]
        shares = [_shares(np.asarray(o, np.float64)) for o in (ref, alt)]
        jsd = jensen_shannon(*shares, pseudocount=0.0) if len(ref) else np.empty(0)
        return {
            "ref_counts": totals[0],
            "alt_counts": totals[1],
            "log_counts_diff": np.log1p(totals[1]) - np.log1p(totals[0]),
            "profile_jsd": jsd,
        }

    def score(self, truth, predicted):
        """Median over regions of the Pearson r of observed and predicted counts per base.

        Parameters
        ----------
        truth, predicted : ndarray, shape (n, output_length, n_tracks)
        """
        from ...metrics import profile_pearson

        return float(np.nanmedian(profile_pearson(truth, predicted)))
