"""The input pipeline of profile models: windows of sequence and of counts, cut together.

A profile model's training data carry a margin of ``crop`` positions on each
side of both the sequence window and the count window (bpnet-lite's and
ChromBPNet's jitter): each epoch reads every region at a random offset in
``[0, 2 * crop]``, the same for its sequence and its counts, so a motif is
seen at every place in the window. On a random strand (``complement``) the
sequence is reverse complemented and the counts reversed along positions and
tracks, so the + and - strand tracks swap. Validation and prediction read the
central windows.
"""

from .keras_setup import import_keras


def central_counts(counts, length):
    """The central ``length`` positions of count windows, shape (n, length, n_tracks)."""
    start = (counts.shape[1] - length) // 2
    return counts[:, start : start + length]


def profile_dataset(encoded, counts, weights, batch_size, lengths, seed=None, complement=None):
    """A ``tf.data`` pipeline of one-hot sequence windows and flattened count targets.

    Parameters
    ----------
    encoded : EncodedInput
        Symbol codes, shape (n, sequence positions).
    counts : ndarray of float32, shape (n, count positions, n_tracks)
    weights : ndarray of float32, shape (n,), or None
    batch_size : int
    lengths : (int, int)
        The network's input and output lengths; the windows' margins (half the
        difference to the data's lengths) must be equal for sequence and counts.
    seed : int, optional
        Shuffle anew each epoch with this seed, and cut each region at a random
        offset within its margin, on a random strand when ``complement`` is given;
        None reads the central windows in order.
    complement : ndarray of int, optional
        :meth:`Alphabet.complement` of the symbol codes.

    Returns
    -------
    tf.data.Dataset
        Batches of ``(x, targets[, weights])``: x float32 (batch, input length,
        alphabet size); targets float32 (batch, output length * n_tracks + 1), the
        counts flattened position by position, then ``log(1 + total)``.
    """
    import_keras()
    import tensorflow as tf

    length_in, length_out = lengths
    margin = (encoded.length - length_in) // 2
    if margin != (counts.shape[1] - length_out) // 2:
        raise ValueError(
            f"The sequences have {encoded.length - length_in} positions beyond the network's "
            f"{length_in} and the counts {counts.shape[1] - length_out} beyond its "
            f"{length_out}; give both the same margin."
        )
    n_symbols = encoded.alphabet.size
    tensors = [tf.constant(a) for a in (encoded.values, counts, weights) if a is not None]
    order = tf.data.Dataset.range(len(encoded))
    if seed is not None:
        order = order.shuffle(len(encoded), seed=seed, reshuffle_each_iteration=True)
    batches = order.batch(batch_size)
    draws = tf.data.Dataset.random(seed=seed, rerandomize_each_iteration=True).batch(4)
    batches = tf.data.Dataset.zip(batches, draws)
    table = None if complement is None else tf.constant(complement, tf.int32)

    def gather(index, draw):
        batch = [tf.gather(t, index) for t in tensors]
        offsets = _offsets(tf, tf.shape(index)[0], margin, draw if seed is not None else None)
        flip = None if seed is None or table is None else draw
        batch[:2] = _cut(tf, batch[0], batch[1], offsets, lengths, table, flip)
        batch[0] = tf.one_hot(batch[0], n_symbols)
        return tuple(batch)

    options = tf.data.Options()
    options.autotune.enabled = False
    dataset = batches.map(gather, num_parallel_calls=tf.data.AUTOTUNE)
    return dataset.prefetch(tf.data.AUTOTUNE).with_options(options)


def _offsets(tf, rows, margin, draw):
    """Where each region's windows start: random in [0, 2 * margin] with a draw (two stateless
    seeds, shape (4,)), else the centre ``margin``; shape (rows,)."""
    if draw is None or not margin:
        return tf.fill([rows], margin)
    seed = tf.reshape(draw, (2, 2))[0]
    return tf.random.stateless_uniform(
        [rows], seed, minval=0, maxval=2 * margin + 1, dtype=tf.int32
    )


def _cut(tf, codes, counts, offsets, lengths, table, draw):
    """The windows of a batch at ``offsets``, on a random strand when ``draw`` is given.

    Returns
    -------
    codes : tf.Tensor of int32, shape (batch, input length)
    targets : tf.Tensor of float32, shape (batch, output length * n_tracks + 1)
        The counts flattened (positions, tracks inner), then ``log(1 + total)``.
    """
    length_in, length_out = lengths
    x = tf.gather(tf.cast(codes, tf.int32), offsets[:, None] + tf.range(length_in), batch_dims=1)
    y = tf.gather(counts, offsets[:, None] + tf.range(length_out), batch_dims=1)
    if draw is not None:
        flip = tf.random.stateless_uniform([tf.shape(x)[0]], tf.reshape(draw, (2, 2))[1]) < 0.5
        x = tf.where(flip[:, None], tf.gather(table, tf.reverse(x, [1])), x)
        y = tf.where(flip[:, None, None], tf.reverse(y, [1, 2]), y)
    y = tf.reshape(y, (tf.shape(y)[0], -1))
    return x, tf.concat([y, tf.math.log1p(tf.reduce_sum(y, axis=1, keepdims=True))], axis=1)
