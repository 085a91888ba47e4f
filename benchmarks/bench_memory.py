"""Peak memory of fit on 1,000,000 x 200 nt (one epoch): skmotif against float32 one-hot.

skmotif keeps sequences as uint8 codes (1 byte per position) and one-hot
encodes each batch inside the input pipeline; the baseline one-hot encodes
the whole set as float32 (16 bytes per position for DNA) and fits the same
network with plain Keras. Each side runs in a fresh process (the harness's); the number is
its peak resident memory (VmHWM), next to the memory after the input
strings were built. Run: python benchmarks/bench_memory.py [--n 1000000]
"""

from _harness import Results, arguments, fresh, memory_mb, planted_dna

PARAMS = dict(conv_num=1, kernel_num=16, kernel_len=12, neuron_num=32, epochs=1)


def _skmotif(n, length):
    from skmotif import ConvMotifClassifier

    X, y = planted_dna(n, length)
    X = X.tolist()  # plain str objects, as read from a FASTA file
    before = memory_mb()
    ConvMotifClassifier(**PARAMS, validation_fraction=0.1, random_state=0).fit(X, y)
    return before


def _float32_keras(n, length):
    import numpy as np

    from skmotif import ConvMotifClassifier

    X, y = planted_dna(n, length)
    X = X.tolist()
    # skmotif's network for this length, built by a tiny fit, then trained by plain Keras.
    small = ConvMotifClassifier(**PARAMS, random_state=0).fit(X[:256], y[:256])
    import keras  # loaded quietly by the fit above

    before = memory_mb()
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
    return before


def main():
    def add(parser):
        parser.add_argument("--n", type=int, default=1000000)
        parser.add_argument("--length", type=int, default=200)

    args = arguments(__doc__, add)
    n = 500 if args.smoke else args.n
    print(f"fit, 1 epoch, {n} x {args.length} nt, {PARAMS}")
    results = Results(__file__, args)
    for name, target in (
        ("skmotif (uint8 codes)", _skmotif),
        ("float32 one-hot + Keras", _float32_keras),
    ):
        run = fresh(target, n, args.length)
        results.add(
            side=name,
            peak_mb=run["peak_mb"],
            input_built_mb=run["value"],
            seconds=run["seconds"],
        )
    results.write()


if __name__ == "__main__":
    main()
