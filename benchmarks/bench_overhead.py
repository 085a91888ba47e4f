"""Training time of ConvMotifClassifier against the same network written directly in Keras.

Same data (random DNA, a planted 8-mer in half), same batch size, same
callbacks, same validation set, in one run; the two sides alternate for
--repeats rounds. Every ``keras.Model.fit`` call gets a timing callback, so
both sides are timed the same way: the median epoch time (first epoch of
each fit left out: it traces the graph) and the whole ``fit`` call (input
checks, encoding, building the network, tracing, all epochs).
Run: python benchmarks/bench_overhead.py
"""

import numpy as np
from _harness import Results, Timer, arguments, epoch_clock, planted_dna

from skmotif import ConvMotifClassifier, pysster_params


def keras_reference(length, n_classes=2):
    """pysster's default network, written directly in Keras (not via skmotif)."""
    import keras
    from keras import constraints, initializers, layers

    def init():
        return initializers.RandomUniform(-0.05, 0.05)

    inputs = keras.Input((length, 4))
    h = layers.Dropout(0.1)(inputs)
    for _ in range(2):
        h = layers.Conv1D(
            30,
            25,
            activation="relu",
            kernel_initializer=init(),
            kernel_constraint=constraints.MaxNorm(3),
        )(h)
        h = layers.MaxPooling1D(2, 2)(h)
        h = layers.Dropout(0.3)(h)
    h = layers.Flatten()(h)
    h = layers.Dense(
        100, activation="relu", kernel_initializer=init(), kernel_constraint=constraints.MaxNorm(3)
    )(h)
    h = layers.Dropout(0.6)(h)
    outputs = layers.Dense(n_classes, activation="softmax", kernel_initializer=init())(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(0.0005), "categorical_crossentropy", jit_compile=False)
    return model


def fit_keras(X, Y, X_val, Y_val, epochs, clock):
    import keras

    model = keras_reference(X.shape[1])
    callbacks = [
        keras.callbacks.ReduceLROnPlateau("val_loss", 0.5, 5),
        keras.callbacks.EarlyStopping("val_loss", patience=15, restore_best_weights=True),
    ]
    model.fit(
        X,
        Y,
        batch_size=128,
        epochs=epochs,
        validation_data=(X_val, Y_val),
        shuffle=True,
        callbacks=[*callbacks, clock],
        verbose=0,
    )


def fit_skmotif(X, y, X_val, y_val, epochs, clock):
    ConvMotifClassifier(**pysster_params(), epochs=epochs, random_state=0, callbacks=[clock]).fit(
        X, y, validation_data=(X_val, y_val)
    )


def main():
    def add(parser):
        parser.add_argument("--n", type=int, default=20000)
        parser.add_argument("--length", type=int, default=300)
        parser.add_argument("--epochs", type=int, default=4)
        parser.add_argument("--repeats", type=int, default=2)

    args = arguments(__doc__, add)
    if args.smoke:
        args.n, args.length, args.epochs, args.repeats = 300, 100, 2, 1
    X, y = planted_dna(args.n, args.length)
    X_val, y_val = planted_dna(args.n // 10, args.length, seed=1)
    eye = np.eye(4, dtype=np.float32)
    lookup = {c: i for i, c in enumerate("ACGT")}

    def onehot(seqs):
        return eye[np.array([[lookup[c] for c in s] for s in seqs])]

    Xk, Xk_val = onehot(X), onehot(X_val)
    Yk, Yk_val = np.eye(2, dtype=np.float32)[y], np.eye(2, dtype=np.float32)[y_val]
    clock = epoch_clock()
    fit_keras(Xk[:512], Yk[:512], Xk_val[:64], Yk_val[:64], 1, clock)  # warm up TensorFlow
    clock.steady()
    runs = {
        "keras": lambda: fit_keras(Xk, Yk, Xk_val, Yk_val, args.epochs, clock),
        "skmotif": lambda: fit_skmotif(X, y, X_val, y_val, args.epochs, clock),
    }
    epoch_times = {name: [] for name in runs}
    fit_times = {name: [] for name in runs}
    for _ in range(args.repeats):
        for name, run in runs.items():
            with Timer() as t:
                run()
            fit_times[name].append(t.seconds)
            epoch_times[name] += clock.steady()
    print(
        f"{args.n} x {args.length} nt, pysster's network (pysster_params()), batch 128, "
        f"{args.epochs} epochs x {args.repeats} fits each, alternating"
    )
    results = Results(__file__, args)
    for name in runs:
        e = epoch_times[name]
        results.add(
            side=name,
            median_epoch_s=float(np.median(e)),
            min_epoch_s=min(e),
            max_epoch_s=max(e),
            median_fit_s=float(np.median(fit_times[name])),
        )
    results.add(
        skmotif_over_keras_epoch=float(
            np.median(epoch_times["skmotif"]) / np.median(epoch_times["keras"])
        ),
        skmotif_over_keras_fit=float(
            np.median(fit_times["skmotif"]) / np.median(fit_times["keras"])
        ),
    )
    results.write()


if __name__ == "__main__":
    main()
