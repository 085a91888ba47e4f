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

Run: python benchmarks/bench_speed.py [--rounds 3] [--pysster PYTHON]
       [--parts epoch fixed report predict]
(PYTHON: the pysster venv's interpreter, default /tmp/pysster-venv/bin/python)
"""

import argparse
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "shared" / "data"

PYSSTER_EPOCHS = """
import os, time, json
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import keras, numpy as np
from pysster.Data import Data
from pysster.Model import Model
d = os.environ["PYSSTER_DATA"].rstrip("/") + "/"
data = Data([d + "artifical_pos.fasta.gz", d + "artifical_neg.fasta.gz"], "ACGT")
data.train_val_test_split(0.7, 0.15, seed=42)
m = Model({"epochs": EPOCHS, "patience_stopping": 100, "patience_lr": 100}, data, seed=1)
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
import os, time, json, tempfile
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import tensorflow as tf
tf.compat.v1.disable_eager_execution()  # pysster's kernel figures need graph mode on TF 2
import keras.optimizers
keras.optimizers.Adam = keras.optimizers.legacy.Adam
from pysster.Data import Data
from pysster.Model import Model
d = os.environ["PYSSTER_DATA"].rstrip("/") + "/"
data = Data([d + "artifical_pos.fasta.gz", d + "artifical_neg.fasta.gz"], "ACGT")
data.train_val_test_split(0.7, 0.15, seed=42)
m = Model({"epochs": 8}, data, seed=1)
m.train(data, verbose=0)
acts = m.get_max_activations(data, "test")
times = []
for _ in range(2):
    t = time.perf_counter()
    m.visualize_all_kernels(acts, data, tempfile.mkdtemp() + "/")
    times.append(time.perf_counter() - t)
print(json.dumps(times))
"""

SKMOTIF_EPOCHS = """
import json, sys
sys.path.insert(0, HERE)
import skmotif._fast_pass
if KERAS_FORWARD:  # as before skmotif computed the training step itself
    skmotif._fast_pass.training_forward = lambda network: None
from _common import epoch_clock
from bench_accuracy import split
from skmotif import ConvMotifClassifier
from skmotif.datasets import load_artificial
X_train, y_train, X_val, y_val, X_test, y_test = split(*load_artificial(), 0.15, 0.15, seed=42)
clock = epoch_clock()
clf = ConvMotifClassifier(
    epochs=EPOCHS, patience_stopping=100, patience_lr=100, random_state=1, callbacks=[clock]
).fit(X_train, y_train, validation_data=(X_val, y_val))
print(json.dumps(clock.steady()))
"""

SKMOTIF_REPORT = """
import json, pickle, sys, tempfile, time
from skmotif.activations import kernel_activations
from skmotif.report import visualize_all_kernels
clf, X, y = pickle.load(open(MODEL, "rb"))
acts = kernel_activations(clf, X) if GIVEN else None  # as pysster's call takes them
times = []
for _ in range(2):
    t = time.perf_counter()
    visualize_all_kernels(clf, X, y, tempfile.mkdtemp(), activations=acts)
    times.append(time.perf_counter() - t)
print(json.dumps(times))
"""

SKMOTIF_PREDICT = """
import json, pickle, sys, time
sys.path.insert(0, HERE)
from _common import random_dna
from skmotif.activations import kernel_activations

def memory(field):  # MB; VmHWM is this process's peak (ru_maxrss would count the parent's)
    with open("/proc/self/status") as status:
        return int(next(l for l in status if l.startswith(field)).split()[1]) / 1024

clf = pickle.load(open(MODEL, "rb"))
X, _ = random_dna(100000, 200, seed=7)
clf.predict_proba(X[:10]); kernel_activations(clf, X[:10])  # load TensorFlow, warm up
before = memory("VmRSS")
t = time.perf_counter()
WHAT
seconds = time.perf_counter() - t
print(json.dumps([seconds, before, memory("VmHWM")]))
"""


def run(python, code, **values):
    """Run a script in a fresh process; return the JSON its last line prints."""
    for name, value in values.items():
        code = code.replace(name, str(value))
    env = dict(os.environ, PYSSTER_DATA=str(DATA), TF_CPP_MIN_LOG_LEVEL="3")
    out = subprocess.run(
        [python, "-c", textwrap.dedent(code)], env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def span(values, unit="s", digits=2):
    return f"{min(values):.{digits}f}-{max(values):.{digits}f} {unit}"


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


def epochs(args):
    print("1. steady epoch, default network, pysster's artificial set (14,000 x 140 nt)")
    sides = {
        "skmotif": (sys.executable, SKMOTIF_EPOCHS.replace("KERAS_FORWARD", "False")),
        "skmotif, Keras's forward": (
            sys.executable,
            SKMOTIF_EPOCHS.replace("KERAS_FORWARD", "True"),
        ),
    }
    if Path(args.pysster).exists():
        sides["pysster 1.2.2"] = (args.pysster, PYSSTER_EPOCHS)
    else:
        print(f"   ({args.pysster} missing: pysster side skipped)")
    times = {side: [] for side in sides}
    for _ in range(args.rounds):
        for side, (python, code) in sides.items():
            times[side] += run(python, code, EPOCHS=6, HERE=repr(str(HERE)))
    # This host slows down now and then (an epoch taking twice as long), so the
    # lower quartile is given beside the median.
    for side, values in times.items():
        print(
            f"   {side:24} {span(values)}, lower quartile {_quartile(values):.2f} s, "
            f"median {_median(values):.2f} s"
        )
    ours = times["skmotif"]
    for side in list(times)[1:]:
        print(
            f"   {side} / skmotif: {_quartile(times[side]) / _quartile(ours):.2f}x "
            f"(lower quartiles), {_median(times[side]) / _median(ours):.2f}x (medians)"
        )
    gflop, rate = flop_bound(14000, 3000)
    bound = gflop / rate
    print(
        f"   FLOP bound: {gflop:.0f} GFLOP per epoch (training + validation) at "
        f"{rate:.0f} GFLOP/s (tf.matmul) = {bound:.2f} s; skmotif's epochs run at "
        f"{100 * bound / _quartile(ours):.0f}% of it (lower quartile), "
        f"{100 * bound / _median(ours):.0f}% (median)"
    )
    floor = convolution_floor(14000, 3000)
    print(
        f"   the epoch's convolutions alone, as TensorFlow runs them: {floor:.2f} s "
        f"({100 * bound / floor:.0f}% of the FLOP bound); the rest of an epoch: "
        f"{_quartile(ours) - floor:.2f} s (lower quartile)"
    )


def _median(values):
    return sorted(values)[len(values) // 2]


def _quartile(values):
    """The lower quartile."""
    return sorted(values)[len(values) // 4]


def fixed(args):
    import time

    import numpy as np
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    from skmotif import ConvMotifClassifier, _train
    from skmotif.datasets import load_artificial

    X, y = load_artificial()
    pick = np.random.default_rng(0).permutation(len(X))[:1000]
    X, y = X[pick], y[pick]
    ConvMotifClassifier(epochs=1).fit(X, y)  # TensorFlow loaded, first traces done
    grid = {
        "kernel_num": [10, 20, 30],
        "dropout_conv": [0.1, 0.3],
        "learning_rate": [0.001, 0.003],
    }
    fits = {"reused": [], "built": []}
    searches = {"reused": [], "built": []}
    for _ in range(args.rounds):
        for mode, idle in (("reused", 4), ("built", 0)):
            _train.MAX_IDLE = idle
            _train._idle.clear()
            ConvMotifClassifier(epochs=1, random_state=0).fit(X, y)  # fills the pool
            for seed in range(3):
                start = time.perf_counter()
                ConvMotifClassifier(epochs=1, random_state=seed).fit(X, y)
                fits[mode].append(time.perf_counter() - start)
            _train._idle.clear()
            search = GridSearchCV(
                ConvMotifClassifier(epochs=3, random_state=0),
                grid,
                cv=StratifiedKFold(3, shuffle=True, random_state=0),
                scoring="roc_auc",
            )
            start = time.perf_counter()
            search.fit(X, y)
            searches[mode].append(time.perf_counter() - start)
    _train.MAX_IDLE = 4
    print("\n2. fixed cost: fit of 1,000 x 140 nt, 1 epoch (after a first fit in the process)")
    for mode in fits:
        print(f"   trainers {mode:8} {span(fits[mode])}")
    print("   GridSearchCV, 12 candidates x 3 folds, 3 epochs each, same data")
    for mode in searches:
        print(f"   trainers {mode:8} {span(searches[mode], digits=1)}")
    ratio = _median(searches["built"]) / _median(searches["reused"])
    print(f"   search speed-up from reuse (medians): {ratio:.2f}x")


def report(args):
    import pickle
    import tempfile

    from bench_accuracy import split

    from skmotif import ConvMotifClassifier
    from skmotif.datasets import load_artificial

    X_train, y_train, X_val, y_val, X_test, y_test = split(*load_artificial(), 0.15, 0.15, seed=42)
    clf = ConvMotifClassifier(epochs=8, random_state=0)
    clf.fit(X_train, y_train, validation_data=(X_val, y_val))
    model = Path(tempfile.mkdtemp()) / "model.pkl"
    model.write_bytes(pickle.dumps((clf, X_test[:3000], y_test[:3000])))
    sides = {
        "skmotif": (sys.executable, SKMOTIF_REPORT.replace("GIVEN", "False")),
        "skmotif, activations given": (sys.executable, SKMOTIF_REPORT.replace("GIVEN", "True")),
    }
    if Path(args.pysster).exists():
        sides["pysster 1.2.2"] = (args.pysster, PYSSTER_REPORT)
    times = {side: {"first": [], "second": []} for side in sides}
    for _ in range(args.rounds):
        for side, (python, code) in sides.items():
            first, second = run(python, code, MODEL=repr(str(model)))
            times[side]["first"].append(first)
            times[side]["second"].append(second)
    print("\n3. visualize_all_kernels, 30 kernels x 3,000 test sequences (fresh process)")
    print("   (pysster's call takes the activations, computed before it; skmotif's computes")
    print("   them unless given, as in the second line)")
    for side, calls in times.items():
        print(f"   {side:26} first call {span(calls['first'])}, second {span(calls['second'])}")
    ours = [side for side in times if side.startswith("skmotif")]
    for side in ours if "pysster 1.2.2" in times else []:
        for call in ("first", "second"):
            ratio = _median(times["pysster 1.2.2"][call]) / _median(times[side][call])
            print(f"   pysster / {side}, {call} call (medians): {ratio:.1f}x")


def predict(args):
    import pickle
    import tempfile

    from _common import random_dna

    from skmotif import ConvMotifClassifier

    X, y = random_dna(4000, 200)
    clf = ConvMotifClassifier(epochs=2, random_state=0).fit(X, y)
    model = Path(tempfile.mkdtemp()) / "model.pkl"
    model.write_bytes(pickle.dumps(clf))
    print("\n4. 100,000 x 200 nt, default network, fresh process each")
    for label, call in (
        ("predict_proba", "clf.predict_proba(X)"),
        ("kernel_activations", "kernel_activations(clf, X)"),
    ):
        runs = [
            run(
                sys.executable,
                SKMOTIF_PREDICT,
                MODEL=repr(str(model)),
                HERE=repr(str(HERE)),
                WHAT=call,
            )
            for _ in range(args.rounds)
        ]
        rates = [100000 / seconds for seconds, _, _ in runs]
        growth = [peak - before for _, before, peak in runs]
        print(
            f"   {label:20} {span(rates, 'sequences/s', 0)}; peak memory "
            f"{max(peak for _, _, peak in runs):.0f} MB ({span(growth, 'MB', 0)} above the "
            "process before the call)"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pysster", default="/tmp/pysster-venv/bin/python")
    parser.add_argument(
        "--parts",
        nargs="+",
        default=["epoch", "fixed", "report", "predict"],
        choices=["epoch", "fixed", "report", "predict"],
    )
    args = parser.parse_args()
    parts = {"epoch": epochs, "fixed": fixed, "report": report, "predict": predict}
    for part in args.parts:
        parts[part](args)


if __name__ == "__main__":
    main()
