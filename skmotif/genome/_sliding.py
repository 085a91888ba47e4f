"""A network's outputs on evenly spaced windows of a long sequence, each layer computed
once per position.

Windows ``step`` positions apart overlap by ``width - step`` positions, and a
convolution (with its activation) of a position is the same in every window
that holds it; so is a max pooling, where the windows' pooling grids line up.
:class:`SlidingNetwork` therefore runs every convolution block over a whole
stretch of sequence once, as one long input, and reads each window's part
from the result:

- a window's pooling grid starts at its first position; windows whose starts
  differ by a multiple of ``S`` (the product of the pooling strides) share
  it. Windows are taken in phases: those every ``lcm(step, S)`` positions
  share one grid, and each phase runs the network once (one phase when the
  step is a multiple of ``S``, e.g. step 50 and pools of stride 2);
- a maximum over all of a window's positions (``pool_size="global"``, the
  global skip) is a max pooling over the stretch with the window's size and
  the windows' spacing as stride;
- the last convolution block's positions of each window (for a flatten and
  dense layers) are frames of its output, every ``lcm(step, S) / S``.

The outputs equal the whole network's on each window up to the order of
floating-point additions (``tests/test_genome.py``). Networks with recurrent
layers have no such rule and are scored window by window.
"""

from __future__ import annotations

import math

import numpy as np

from .._network.blocks import Conv, Dense, Flatten

#: Positions times channels of one convolution's output on a stretch (16 M floats, 64 MB).
STRETCH_FLOATS = 2**24


class SlidingNetwork:
    """A fitted network's outputs on windows every ``step`` positions of a sequence.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
        On sequences, with convolution blocks then a flatten and dense blocks
        (every network but those with recurrent layers: see :meth:`supports`).
    """

    def __init__(self, estimator):
        network = estimator.network()
        arch = network.arch
        self.estimator = estimator
        self.width = estimator.input_shape_[0]
        self.alphabet = estimator.alphabet_
        self.complement = self.alphabet.complement() if estimator.average_strands else None
        self.network = network
        self.convs, self.lengths, self.stride, length = [], [], 1, self.width
        for block in arch.of_type(Conv):
            convolved = length - block.width + 1
            pooled = 1 if block.pool == "global" else (convolved - block.pool) // block.stride + 1
            # (block, its layers, whether the skip reads it, the stride of its input's grid)
            self.convs.append((block, network.layers(block), arch.skipped(block), self.stride))
            self.lengths.append((convolved, pooled))  # a window's positions
            if block.pool != "global":
                self.stride *= block.stride
            length = pooled
        self.dense = [network.layers(block)["dense"] for block in arch.of_type(Dense)]
        channels = max(block.filters for block, *_ in self.convs)
        self.stretch = max(STRETCH_FLOATS // channels, 4 * self.width)
        # {spacing: traced pass}, kept on the Keras model: every chromosome's scan makes a
        # SlidingNetwork, and a trace costs a tenth of a second or more.
        if not hasattr(network.model, "_skmotif_sliding"):
            network.model._skmotif_sliding = {}
        self._traced = network.model._skmotif_sliding

    @staticmethod
    def supports(estimator) -> bool:
        """Whether the estimator's network has a sliding form (TensorFlow, no recurrent layers)."""
        from .._network.keras_setup import import_keras

        blocks = estimator.network().arch.blocks
        kinds = (Conv, Flatten, Dense)
        return (
            import_keras().backend.backend() == "tensorflow"
            and any(isinstance(b, Conv) for b in blocks)
            and all(isinstance(b, kinds) for b in blocks)
        )

    def windows_per_stretch(self, step: int) -> int:
        """Windows scored per call: a stretch of about :data:`STRETCH_FLOATS` / channels."""
        return max(self.stretch // step, 1)

    def outputs(self, codes: np.ndarray, step: int) -> np.ndarray:
        """Network outputs of the windows ``codes[i * step : i * step + width]``.

        Parameters
        ----------
        codes : ndarray of uint8, shape (length,)
            Symbol codes, ``length >= width``.
        step : int

        Returns
        -------
        ndarray of float64, shape ((length - width) // step + 1, n_outputs)
            Both strands averaged when the estimator's ``average_strands`` is set.
        """
        n = (len(codes) - self.width) // step + 1
        spacing = math.lcm(step, self.stride)
        phases = spacing // step
        out = None
        for phase in range(min(phases, n)):
            first = phase * step
            count = (n - 1 - phase) // phases + 1
            stretch = codes[first : first + (count - 1) * spacing + self.width]
            values = self._strand(stretch, spacing)
            if self.complement is not None:
                opposite = self._strand(self.complement[stretch][::-1], spacing)[::-1]
                values = (values + opposite) / 2
            if out is None:
                out = np.empty((n, values.shape[1]))
            out[phase::phases] = values
        if self.complement is not None:
            self._padded(codes, step, out)
        return out

    def _padded(self, codes, step, out):
        """Windows that end in unknown symbols, by the whole network: their reverse
        complement keeps them last, as padding (:meth:`EncodedInput.reverse_complement`)."""
        from ..encoding import EncodedInput

        starts = np.arange(len(out)) * step
        padded = np.flatnonzero(codes[starts + self.width - 1] == self.alphabet.size)
        if len(padded):
            windows = np.stack([codes[s : s + self.width] for s in starts[padded]])
            out[padded] = self.estimator.outputs(EncodedInput(windows, self.alphabet))

    def _strand(self, stretch, spacing):
        """Outputs of the windows every ``spacing`` positions of one stretch, one strand."""
        from .._codec import one_hot
        from .._network.keras_setup import import_keras

        x = one_hot(np.ascontiguousarray(stretch)[None], self.alphabet.size)[:, None]
        forward = self._traced.get(spacing)
        if forward is None:  # traced once per model and spacing, not per chromosome
            forward = self._traced[spacing] = self._function(spacing)
        return import_keras().ops.convert_to_numpy(forward(x)).astype(np.float64)

    def _function(self, spacing):
        """The traced pass for windows ``spacing`` positions apart: input (1, 1, length,
        channels) -> outputs (n_windows, n_outputs)."""
        import tensorflow as tf

        def max_over(h, size, stride):
            return tf.nn.max_pool2d(h, (1, size), (1, stride), "VALID")

        def forward(x):
            h, skips = x, []
            for (block, layers, skipped, stride), (convolved, _) in zip(
                self.convs, self.lengths, strict=True
            ):
                conv = layers["conv"]
                z = tf.nn.conv2d(h, tf.expand_dims(conv.kernel, 0), 1, "VALID")
                z = conv.activation(tf.nn.bias_add(z, conv.bias))
                jump = spacing // stride  # the windows' spacing on this block's grid
                if skipped:
                    skips.append(max_over(z, convolved, jump)[0, 0])
                if block.pool == "global":
                    h = max_over(z, convolved, jump)
                else:
                    h = max_over(z, block.pool, block.stride)
            dense = list(self.dense)
            if block.pool == "global":
                h = h[0, 0]
            elif dense:  # the first dense layer on each window's positions: a strided convolution
                first = dense.pop(0)
                kernel = tf.reshape(first.kernel, (1, self.lengths[-1][1], h.shape[-1], -1))
                z = tf.nn.conv2d(h, kernel, (1, spacing // self.stride), "VALID")
                h = first.activation(tf.nn.bias_add(z, first.bias))[0, 0]
            else:
                frames = tf.signal.frame(
                    h[0, 0], self.lengths[-1][1], spacing // self.stride, axis=0
                )
                h = tf.reshape(frames, (tf.shape(frames)[0], -1))
            for layer in dense:
                h = layer(h)
            if skips:
                h = tf.concat([*skips, h], -1)
            return self.network.output(h)

        channels = self.convs[0][1]["conv"].kernel.shape[1]
        signature = [tf.TensorSpec([1, 1, None, channels], tf.float32)]
        return tf.function(forward, input_signature=signature)
