"""Training, fit overhead, kernel report and prediction speed, against pysster where it can run.

1. Steady epoch of the default network on pysster's artificial set (70/15/15
   split, 14,000 x 140 nt, validation every epoch), skmotif against pysster
   1.2.2 (its own venv, see ../shared/pysster-baseline), rounds alternating,
   each side in a fresh process; and the FLOP bound: the multiply-adds of
   every convolution and dense layer (forward, plus the two backward
   products; the first layer needs no input gradient) at the rate this
   machine multiplies float32 matrices (``tf.matmul``, 2048 x 2048).
2. Fixed cost of a small fit (1,000 x 140 nt, 1 epoch, after a first fit in
   the process) and ``GridSearchCV`` over 12 candidates x 3 folds, with
   compiled trainers reused (skmotif's default) and without (every fit
   builds and traces its network, as before), alternating.
3. ``visualize_all_kernels`` (30 kernels x 3,000 test sequences), first and
   second call in a fresh process, against pysster's on the same machine.
4. ``predict_proba`` and ``kernel_activations`` on 100,000 x 200 nt: sequences
   per second and peak resident memory, each in a fresh process.
5. ``masks``: one training step's dropout masks of the default network
   (batch 128, 140 nt), drawn as Keras draws them (a 32-bit uniform float per
   element) and as skmotif's training pass draws them (8 bits per element),
   alternating.
6. ``profile``: where one epoch's op time goes (TensorFlow's profiler, the
   third epoch of a fit on pysster's artificial set), per op type, in this
   tree and in ``--compare-tree``.

Run: python benchmarks/bench_speed.py [--rounds 3] [--pysster PYTHON]
       [--parts epoch fixed report predict masks profile] [--compare-tree TREE]
(PYTHON: the pysster venv's interpreter, default /tmp/pysster-venv/bin/python;
TREE: another skmotif checkout, e.g. a git worktree of an earlier commit, whose
steady epochs alternate with this tree's.)
"""

import sys
from pathlib import Path

from _harness import (
    ARTIFICIAL,
    Results,
    arguments,
    epoch_clock,
    fresh,
    lower_quartile,
    median,
    memory_mb,
    planted_dna,
    run_python,
    span,
    split,
)

PYSSTER_EPOCHS = """
import time
import keras, numpy as np
from pysster.Data import Data
from pysster.Model import Model
data = Data([PARAMS["positives"], PARAMS["negatives"]], "ACGT")
data.train_val_test_split(0.7, 0.15, seed=42)
m = Model({"epochs": PARAMS["epochs"], "patience_stopping": 100, "patience_lr": 100}, data, seed=1)
keras.backend.set_value(m.model.optimizer.learning_rate, 0.0005)
class Clock(keras.callbacks.Callback):
    times = []
    def on_epoch_begin(self, e, logs=None): self.t = time.perf_counter()
    def on_epoch_end(self, e, logs=None): self.times.append(time.perf_counter() - self.t)
m.callbacks.append(Clock())
m.train(data, verbose=0)
print(json.dumps(Clock.times[1:]))
"""

PYSSTER_REPORT = """
import time, tempfile
import tensorflow as tf
tf.compat.v1.disable_eager_execution()  # pysster's kernel figures need graph mode on TF 2
import keras.optimizers
keras.optimizers.Adam = keras.optimizers.legacy.Adam
from pysster.Data import Data
from pysster.Model import Model
data = Data([PARAMS["positives"], PARAMS["negatives"]], "ACGT")
data.train_val_test_split(0.7, 0.15, seed=42)
m = Model({"epochs": PARAMS["epochs"]}, data, seed=1)
m.train(data, verbose=0)
acts = m.get_max_activations(data, "test")
times = []
for _ in range(2):
    t = time.perf_counter()
    m.visualize_all_kernels(acts, data, tempfile.mkdtemp() + "/")
    times.append(time.perf_counter() - t)
print(json.dumps(times))
"""

PYSSTER_FILES = {
    "positives": str(ARTIFICIAL / "artificial_pos.fasta.gz"),
    "negatives": str(ARTIFICIAL / "artificial_neg.fasta.gz"),
}


def skmotif_epochs(epochs, keras_forward, smoke):
    """Steady epoch times of one fit, in this (fresh) process."""
    import skmotif._network.fast_pass
    from skmotif import ConvMotifClassifier
    from skmotif.datasets import load_artificial

    if keras_forward:  # as before skmotif computed the training step itself
        skmotif._network.fast_pass.training_forward = lambda network: None
    X, y = load_artificial()
    X, y = (X[::20], y[::20]) if smoke else (X, y)
    X_train, y_train, X_val, y_val, _, _ = split(X, y, 0.15, 0.15, seed=42)
    clock = epoch_clock()
    ConvMotifClassifier(
        epochs=epochs, patience_stopping=100, patience_lr=100, random_state=1, callbacks=[clock]
    ).fit(X_train, y_train, validation_data=(X_val, y_val))
    return clock.steady()


def skmotif_report(model, given):
    """First and second call of visualize_all_kernels, in this (fresh) process."""
    import pickle
    import tempfile
    import time

    from skmotif.interpret import kernel_activations
    from skmotif.report import visualize_all_kernels

    clf, X, y = pickle.loads(Path(model).read_bytes())
    acts = kernel_activations(clf, X) if given else None  # as pysster's call takes them
    times = []
    for _ in range(2):
        start = time.perf_counter()
        visualize_all_kernels(clf, X, y, tempfile.mkdtemp(), activations=acts)
        times.append(time.perf_counter() - start)
    return times


def skmotif_predict(model, what, n):
    """Seconds of predict_proba or kernel_activations on n x 200 nt, and memory before."""
    import pickle
    import time

    from skmotif.interpret import kernel_activations

    clf = pickle.loads(Path(model).read_bytes())
    X, _ = planted_dna(n, 200, seed=7)
    clf.predict_proba(X[:10])
    kernel_activations(clf, X[:10])  # load TensorFlow, warm up
    before = memory_mb()
    start = time.perf_counter()
    clf.predict_proba(X) if what == "predict_proba" else kernel_activations(clf, X)
    return time.perf_counter() - start, before


def flop_bound(n_train, n_val):
    """(GFLOP per epoch, machine GFLOP/s) for the default network on 140 nt."""
    import time

    import numpy as np
    import tensorflow as tf

    from skmotif import ConvMotifClassifier

    clf = ConvMotifClassifier(epochs=1).fit(["ACGT" * 35] * 20, [0, 1] * 10)
    forward = backward = 0
    for layer in clf.model_.layers:
        kind = type(layer).__name__
        if kind not in ("Conv1D", "Dense"):
            continue
        inputs = layer.input.shape[-1] * (layer.kernel_size[0] if kind == "Conv1D" else 1)
        positions = layer.output.shape[1] if kind == "Conv1D" else 1
        macs = positions * layer.output.shape[-1] * inputs
        forward += macs
        backward += macs * (1 if layer.name == "conv_1" else 2)  # conv_1: no input gradient
    gflop = 2 * ((forward + backward) * n_train + forward * n_val) / 1e9
    a = tf.random.normal((2048, 2048))
    tf.matmul(a, a).numpy()
    rates = []
    for _ in range(10):
        start = time.perf_counter()
        tf.matmul(a, a).numpy()
        rates.append(2 * 2048**3 / (time.perf_counter() - start) / 1e9)
    return gflop, float(np.max(rates))


def convolution_floor(n_train, n_val, batch=128):
    """Seconds that one epoch's convolutions alone take (best of 3), as TensorFlow runs them.

    The default network's two convolutions on random input of their shapes:
    forward, both backward products (the weight gradient only for the first
    layer, as in training), fused with bias and ReLU as in skmotif's training
    step, every training batch; forward alone for the validation batches.
    """
    import math
    import time

    import tensorflow as tf

    shapes = [((140, 4), (25, 4, 30)), ((58, 30), (25, 30, 30))]  # (length, channels), kernel
    layers = [
        (
            tf.random.uniform((batch, 1, *x)),
            tf.Variable(tf.random.normal((1, *k))),
            tf.zeros(k[-1]),
        )
        for x, k in shapes
    ]

    @tf.function
    def train_step():  # returns what it computes, or TensorFlow would prune it
        results = []
        for i, (x, kernel, bias) in enumerate(layers):
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(x, kernel, 1, "VALID"), bias))
            wanted = [kernel] if i == 0 else [kernel, x]
            results += tape.gradient(y, wanted, output_gradients=y)
        return results

    @tf.function
    def validation_step():
        return [
            tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(x, kernel, 1, "VALID"), bias))
            for x, kernel, bias in layers
        ]

    train_step(), validation_step()
    times = []
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(math.ceil(n_train / batch)):
            train_step()
        for _ in range(math.ceil(n_val / batch)):
            validation_step()
        times.append(time.perf_counter() - start)
    return min(times)


#: What both scripts run in a fresh process start with: a tree of skmotif (this one or
#: another) on the path, and pysster's artificial set split 70/15/15.
TREE_AND_SPLIT = """
import sys
sys.path.insert(0, PARAMS["tree"])
sys.path.insert(0, PARAMS["benchmarks"])
from _harness import epoch_clock, split
from skmotif import ConvMotifClassifier
from skmotif.datasets import load_artificial
X, y = load_artificial()
X, y = (X[::20], y[::20]) if PARAMS["smoke"] else (X, y)
X_train, y_train, X_val, y_val, _, _ = split(X, y, 0.15, 0.15, seed=42)
"""

PROFILE = (
    TREE_AND_SPLIT
    + """
import glob, tempfile
import keras
import tensorflow as tf
from tensorflow.python.profiler.internal import _pywrap_profiler_plugin as plugin
logdir = tempfile.mkdtemp()
class Profile(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        if epoch == 2:
            tf.profiler.experimental.start(logdir)
    def on_epoch_end(self, epoch, logs=None):
        if epoch == 2:
            tf.profiler.experimental.stop()
ConvMotifClassifier(
    epochs=3, patience_stopping=100, patience_lr=100, random_state=1, callbacks=[Profile()]
).fit(X_train, y_train, validation_data=(X_val, y_val))
(path,) = glob.glob(logdir + "/**/*.xplane.pb", recursive=True)
table = json.loads(plugin.xspace_to_tools_data([path], "framework_op_stats")[0])[0]
columns = [c["id"] for c in table["cols"]]
per_type = {}
for row in table["rows"]:
    row = dict(zip(columns, (c["v"] for c in row["c"])))
    if row["type"] != "IDLE":
        per_type[row["type"]] = per_type.get(row["type"], 0) + row["total_self_time"]
print(json.dumps({"steps": -(-len(X_train) // 128), "op_us": per_type}))
"""
)

OTHER_TREE_EPOCHS = (
    TREE_AND_SPLIT
    + """
clock = epoch_clock()
ConvMotifClassifier(
    epochs=PARAMS["epochs"], patience_stopping=100, patience_lr=100, random_state=1,
    callbacks=[clock],
).fit(X_train, y_train, validation_data=(X_val, y_val))
print(json.dumps(clock.steady()))
"""
)


def epochs(args, results):
    n_epochs = 3 if args.smoke else 6
    print("1. steady epoch, default network, pysster's artificial set (14,000 x 140 nt)")
    sides = {"skmotif": lambda: fresh(skmotif_epochs, n_epochs, False, args.smoke)["value"]}
    if not args.smoke:  # (a smoke run checks one side of each kind)
        sides["skmotif, Keras's forward"] = lambda: fresh(skmotif_epochs, n_epochs, True, False)[
            "value"
        ]
    if args.compare_tree:  # another checkout of skmotif (an earlier commit), alternating
        sides[f"skmotif at {args.compare_tree}"] = lambda: run_python(
            sys.executable,
            OTHER_TREE_EPOCHS,
            tree=str(Path(args.compare_tree).resolve()),
            benchmarks=str(Path(__file__).resolve().parent),
            epochs=n_epochs,
            smoke=args.smoke,
        )
    if Path(args.pysster).exists() and not args.smoke:
        sides["pysster 1.2.2"] = lambda: run_python(
            args.pysster, PYSSTER_EPOCHS, epochs=n_epochs, **PYSSTER_FILES
        )
    else:
        print(f"   (no pysster at {args.pysster}, or a smoke run: pysster side skipped)")
    times = {side: [] for side in sides}
    for _ in range(args.rounds):
        for side, measure in sides.items():
            times[side] += measure()
    # This host slows down now and then (an epoch taking twice as long), so the
    # lower quartile is given beside the median.
    ours = times["skmotif"]
    for side, values in times.items():
        results.add(
            part="steady epoch",
            side=side,
            range_s=span(values),
            lower_quartile_s=lower_quartile(values),
            median_s=median(values),
            lower_quartile_ratio_to_skmotif=lower_quartile(values) / lower_quartile(ours),
            median_ratio_to_skmotif=median(values) / median(ours),
        )
    if args.smoke:
        return
    gflop, rate = flop_bound(14000, 3000)
    bound = gflop / rate
    floor = convolution_floor(14000, 3000)
    results.add(
        part="FLOP bound",
        gflop_per_epoch=gflop,
        machine_gflop_per_s=rate,
        bound_s=bound,
        share_of_bound_lower_quartile=bound / lower_quartile(ours),
        share_of_bound_median=bound / median(ours),
        convolutions_alone_s=floor,
        rest_of_epoch_s=lower_quartile(ours) - floor,
    )


def fixed(args, results):
    import time

    import numpy as np
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    from skmotif import ConvMotifClassifier
    from skmotif._network import train as _train
    from skmotif.datasets import load_artificial

    X, y = load_artificial()
    pick = np.random.default_rng(0).permutation(len(X))[: 200 if args.smoke else 1000]
    X, y = X[pick], y[pick]
    ConvMotifClassifier(epochs=1).fit(X, y)  # TensorFlow loaded, first traces done
    grid = {
        "kernel_num": [10] if args.smoke else [10, 20, 30],
        "dropout_conv": [0.1] if args.smoke else [0.1, 0.3],
        "learning_rate": [0.003] if args.smoke else [0.001, 0.003],
    }
    seeds, folds = (1, 2) if args.smoke else (3, 3)
    fits = {"reused": [], "built": []}
    searches = {"reused": [], "built": []}
    for _ in range(args.rounds):
        for mode, idle in (("reused", 4), ("built", 0)):
            _train.MAX_IDLE = idle
            _train._idle.clear()
            ConvMotifClassifier(epochs=1, random_state=0).fit(X, y)  # fills the pool
            for seed in range(seeds):
                start = time.perf_counter()
                ConvMotifClassifier(epochs=1, random_state=seed).fit(X, y)
                fits[mode].append(time.perf_counter() - start)
            _train._idle.clear()
            search = GridSearchCV(
                ConvMotifClassifier(epochs=1 if args.smoke else 3, random_state=0),
                grid,
                cv=StratifiedKFold(folds, shuffle=True, random_state=0),
                scoring="roc_auc",
            )
            start = time.perf_counter()
            search.fit(X, y)
            searches[mode].append(time.perf_counter() - start)
    _train.MAX_IDLE = 4
    for mode in fits:
        results.add(
            part="fixed cost",
            trainers=mode,
            small_fit_s=span(fits[mode]),
            grid_search_s=span(searches[mode], digits=1),
        )
    results.add(
        part="fixed cost",
        search_speed_up_from_reuse=median(searches["built"]) / median(searches["reused"]),
    )


def report(args, results):
    import pickle
    import tempfile

    from skmotif import ConvMotifClassifier
    from skmotif.datasets import load_artificial

    X, y = load_artificial()
    X, y = (X[::20], y[::20]) if args.smoke else (X, y)
    X_train, y_train, X_val, y_val, X_test, y_test = split(X, y, 0.15, 0.15, seed=42)
    clf = ConvMotifClassifier(epochs=1 if args.smoke else 8, random_state=0)
    clf.fit(X_train, y_train, validation_data=(X_val, y_val))
    model = Path(tempfile.mkdtemp()) / "model.pkl"
    model.write_bytes(pickle.dumps((clf, X_test[:3000], y_test[:3000])))
    sides = {"skmotif": lambda: fresh(skmotif_report, str(model), False)["value"]}
    if not args.smoke:
        sides["skmotif, activations given"] = lambda: fresh(skmotif_report, str(model), True)[
            "value"
        ]
    if Path(args.pysster).exists() and not args.smoke:
        sides["pysster 1.2.2"] = lambda: run_python(
            args.pysster, PYSSTER_REPORT, epochs=8, **PYSSTER_FILES
        )
    times = {side: {"first": [], "second": []} for side in sides}
    for _ in range(args.rounds):
        for side, measure in sides.items():
            first, second = measure()
            times[side]["first"].append(first)
            times[side]["second"].append(second)
    # pysster's call takes the activations, computed before it; skmotif's computes them
    # unless given.
    for side, calls in times.items():
        row = {"part": "visualize_all_kernels, 30 kernels x 3,000 test sequences", "side": side}
        row.update(first_call_s=span(calls["first"]), second_call_s=span(calls["second"]))
        if "pysster 1.2.2" in times and side != "pysster 1.2.2":
            for call in ("first", "second"):
                ratio = median(times["pysster 1.2.2"][call]) / median(calls[call])
                row[f"pysster_over_this_{call}_call"] = ratio
        results.add(**row)


def predict(args, results):
    import pickle
    import tempfile

    from skmotif import ConvMotifClassifier

    n = 500 if args.smoke else 100000
    X, y = planted_dna(400 if args.smoke else 4000, 200)
    clf = ConvMotifClassifier(epochs=1 if args.smoke else 2, random_state=0).fit(X, y)
    model = Path(tempfile.mkdtemp()) / "model.pkl"
    model.write_bytes(pickle.dumps(clf))
    for what in ("predict_proba",) if args.smoke else ("predict_proba", "kernel_activations"):
        runs = [fresh(skmotif_predict, str(model), what, n) for _ in range(args.rounds)]
        rates = [n / run["value"][0] for run in runs]
        growth = [run["peak_mb"] - run["value"][1] for run in runs]
        results.add(
            part=f"{n} x 200 nt, fresh process each",
            call=what,
            sequences_per_s=span(rates, 0),
            peak_mb=max(run["peak_mb"] for run in runs),
            rise_mb=span(growth, 0),
        )


def masks(args, results):
    """Keras's dropout masks against skmotif's, one default training step's worth."""
    import time

    import keras
    import tensorflow as tf

    from skmotif._network.fast_pass import dropout_mask

    shapes = [(0.1, (128, 140, 4)), (0.3, (128, 58, 30)), (0.3, (128, 17, 30)), (0.6, (128, 100))]
    layers = [(keras.layers.Dropout(rate, seed=1), shape) for rate, shape in shapes]

    def keras_stream():
        return [
            keras.random.dropout(tf.ones(shape), layer.rate, seed=layer.seed_generator)
            for layer, shape in layers
        ]

    def ours():
        return [dropout_mask(layer, tf.constant(shape), tf.float32) for layer, shape in layers]

    sides = {
        "Keras (32 bits per element)": tf.function(keras_stream),
        "skmotif (8 bits)": tf.function(ours),
    }
    times = {side: [] for side in sides}
    calls = 20 if args.smoke else 300
    for side in sides.values():
        side()
    for _ in range(args.rounds * 3):
        for side, draw in sides.items():
            start = time.perf_counter()
            for _ in range(calls):
                out = draw()
            out[0].numpy()
            times[side].append((time.perf_counter() - start) / calls * 1e6)
    values = sum(int(tf.reduce_prod(shape)) for _, shape in layers)
    for side, values_us in times.items():
        results.add(
            part=f"dropout masks of one step ({values:,} values)",
            side=side,
            us_per_step=span(values_us, 0),
            median_ratio_to_keras=median(values_us) / median(times["Keras (32 bits per element)"]),
        )


def profile(args, results):
    """Op time per training step by op type, this tree beside the compare tree."""
    trees = {"this tree": Path(__file__).resolve().parents[1]}
    if args.compare_tree:
        trees["compare tree"] = Path(args.compare_tree).resolve()
    per_step = {}
    for name, tree in trees.items():
        out = run_python(
            sys.executable,
            PROFILE,
            tree=str(tree),
            benchmarks=str(Path(__file__).resolve().parent),
            smoke=args.smoke,
        )
        per_step[name] = {kind: us / out["steps"] for kind, us in out["op_us"].items()}
    totals = {name: sum(ops.values()) for name, ops in per_step.items()}
    shown = {  # op types that take at least 1% of op time in either tree
        kind
        for name, ops in per_step.items()
        for kind, us in ops.items()
        if us >= 0.01 * totals[name]
    }
    ordered = sorted(shown, key=lambda kind: -per_step["this tree"].get(kind, 0.0))
    for kind in ["all op types", *ordered]:
        row = {"part": "op time per training step", "op_type": kind}
        for name, ops in per_step.items():
            us = totals[name] if kind == "all op types" else ops.get(kind, 0.0)
            column = name.replace(" ", "_")
            row[f"{column}_us"], row[f"{column}_share"] = us, us / totals[name]
        results.add(**row)


PARTS = ["epoch", "fixed", "report", "predict", "masks", "profile"]


def main():
    def add(parser):
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--pysster", default="/tmp/pysster-venv/bin/python")
        parser.add_argument(
            "--compare-tree", help="another skmotif checkout whose epochs alternate with these"
        )
        parser.add_argument(
            "--parts",
            nargs="+",
            default=PARTS,
            choices=PARTS,
        )

    args = arguments(__doc__, add)
    if args.smoke:
        args.rounds = 1
    results = Results(__file__, args)
    parts = {
        "epoch": epochs,
        "fixed": fixed,
        "report": report,
        "predict": predict,
        "masks": masks,
        "profile": profile,
    }
    for part in args.parts:
        parts[part](args, results)
    results.write()


if __name__ == "__main__":
    main()
