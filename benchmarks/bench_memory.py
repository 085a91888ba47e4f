"""Peak memory of fit on 1,000,000 x 200 nt (one epoch): skmotif against float32 one-hot.

skmotif keeps sequences as uint8 codes (1 byte per position) and one-hot
encodes each batch inside the input pipeline; the baseline one-hot encodes
the whole set as float32 (16 bytes per position for DNA) and fits the same
network with plain Keras. Each side runs in a fresh process; the number is
its peak resident memory (ru_maxrss), next to the memory after the input
strings were built. Run: python benchmarks/bench_memory.py [--n 1000000]
"""

import argparse
import multiprocessing
import resource

from _common import Timer, random_dna

PARAMS = dict(conv_num=1, kernel_num=16, kernel_len=12, neuron_num=32, epochs=1)


def _rss_mb():
    with open("/proc/self/status") as status:
        return int(next(line for line in status if line.startswith("VmRSS")).split()[1]) / 1024


def _skmotif(n, length, queue):
    from skmotif import ConvMotifClassifier

    X, y = random_dna(n, length)
    X = X.tolist()  # plain str objects, as read from a FASTA file
    before = _rss_mb()
    with Timer() as t:
        ConvMotifClassifier(**PARAMS, validation_fraction=0.1, random_state=0).fit(X, y)
    queue.put((before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, t.seconds))


def _float32_keras(n, length, queue):
    import numpy as np

    from skmotif import ConvMotifClassifier

    X, y = random_dna(n, length)
    X = X.tolist()
    # skmotif's network for this length, built by a tiny fit, then trained by plain Keras.
    small = ConvMotifClassifier(**PARAMS, random_state=0).fit(X[:256], y[:256])
    import keras  # loaded quietly by the fit above

    before = _rss_mb()
    with Timer() as t:
        lookup = np.zeros(256, dtype=np.uint8)
        lookup[np.frombuffer(b"ACGT", np.uint8)] = np.arange(4)
        codes = lookup[np.frombuffer("".join(X).encode(), np.uint8)].reshape(n, length)
        onehot = np.eye(4, dtype=np.float32)[codes]  # the whole set as float32
        del codes
        model = keras.models.clone_model(small.model_)
        model.compile(keras.optimizers.Adam(small.learning_rate), "categorical_crossentropy")
        model.fit(
            onehot,
            np.eye(2, dtype=np.float32)[y],
            batch_size=128,
            epochs=1,
            validation_split=0.1,
            verbose=0,
        )
    queue.put((before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, t.seconds))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000000)
    parser.add_argument("--length", type=int, default=200)
    args = parser.parse_args()
    context = multiprocessing.get_context("spawn")
    print(f"fit, 1 epoch, {args.n} x {args.length} nt, {PARAMS}")
    for name, target in (
        ("skmotif (uint8 codes)", _skmotif),
        ("float32 one-hot + Keras", _float32_keras),
    ):
        queue = context.Queue()
        child = context.Process(target=target, args=(args.n, args.length, queue))
        child.start()
        before, peak, seconds = queue.get()
        child.join()
        print(
            f"  {name:26} peak {peak:6.0f} MB (input strings built: {before:5.0f} MB), "
            f"fit {seconds:.0f} s"
        )


if __name__ == "__main__":
    main()
