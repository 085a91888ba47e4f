"""Network description refactor (issue 44): fit and epoch time before/after, the residual block.

1. ``speed``: whole ``fit`` wall time and steady epoch time (each fit's first
   epoch, which traces the graph, left out) of ``ConvMotifClassifier`` and
   ``ConvMotifRegressor`` defaults, 10 epochs (early stopping and the
   learning-rate schedule out of reach), on one planted set (4,000 x 200 nt,
   ``make_motif_sequences``, TGTAAATA in half; the regressor's y is the label
   plus Gaussian noise of sd 0.3), written once to a file both sides read.
   Two checkouts of skmotif: ``--before`` (the code before the refactor, e.g.
   ``git worktree add --detach ../before44 c685cc2``) and ``--after`` (default
   this tree); each round runs each side in a fresh process with
   ``PYTHONPATH`` set to its tree, the order alternating (before-after,
   after-before, ...). Each process first fits a tiny network of another
   shape (Keras set up), then the classifier, then the regressor. Fit: range
   and median over rounds; epoch: over the rounds' median steady epochs;
   "outside epochs": fit time not spent in an epoch (checks, building, the
   best weights restored). After / before: ratio of the medians, of the
   minima, and the median and range of the per-round ratios (the two runs of
   a round are adjacent in time, so they share the machine's load).
2. ``graph``: the op types of the default classifier's traced training and
   validation steps (every trace, nested functions included) in each tree,
   and which counts changed: whether an epoch runs the same graph.
3. ``residual``: pysster's artificial set (20,000 x 140 nt, split 70/15/15 as
   pysster's tutorial and ``bench_speed`` split it, seed 42): the classifier's
   defaults and defaults + ``residual_num=2`` in both ``residual_form`` values;
   test auROC and log loss, epochs trained, and ``deep_lift_shap`` on 50
   test sequences against 20 dinucleotide shuffles of each, with the largest
   deviation of a sequence's summed contributions from its logit minus its
   references' mean logit (absolute, and relative to the largest such
   difference).

Run: python benchmarks/bench_refactor.py --before ../before44 [--rounds 10]
       [--parts speed graph residual]
(without ``--before`` the "before" side is this tree too: a smoke run or a noise check.)
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from _harness import Results, arguments, planted_dna, span, split

HERE = Path(__file__).resolve().parent

#: What each side runs in its fresh process; PARAMS from the environment.
SIDE = """
import json, os, sys, time
PARAMS = json.loads(os.environ["BENCH_PARAMS"])
sys.path.insert(0, PARAMS["benchmarks"])  # the harness's epoch clock (appended after the tree)
import numpy as np
import skmotif
from _harness import epoch_clock
from skmotif import ConvMotifClassifier, ConvMotifRegressor
data = np.load(PARAMS["data"])
X, y, y_reg = data["X"], data["y"], data["y_reg"]
fixed = dict(epochs=PARAMS["epochs"], patience_stopping=1000, patience_lr=1000, random_state=0)
ConvMotifClassifier(epochs=1, random_state=0).fit(["ACGT" * 10] * 20, [0, 1] * 10)
out = {"skmotif_file": skmotif.__file__, "version": skmotif.__version__}
for name, estimator, target in (
    ("classifier", ConvMotifClassifier, y),
    ("regressor", ConvMotifRegressor, y_reg),
):
    clock = epoch_clock()
    start = time.perf_counter()
    model = estimator(callbacks=[clock], **fixed).fit(X, target)
    fit_s = time.perf_counter() - start
    out[name] = {
        "fit_s": fit_s,
        "epochs": len(clock.epochs),
        "first_epoch_s": clock.epochs[0][1],
        "outside_epochs_s": fit_s - sum(seconds for _, seconds in clock.epochs),
        "steady_epochs_s": clock.steady(),
    }
print(json.dumps(out))
"""


#: The ops of the traced training and validation steps (private TensorFlow API: a
#: tf.function's concrete functions, found through the closures of Keras's step functions).
GRAPH = """
import collections, json, os, sys
PARAMS = json.loads(os.environ["BENCH_PARAMS"])
import numpy as np
import skmotif
from skmotif import ConvMotifClassifier
from skmotif._network import train as _train
data = np.load(PARAMS["data"])
ConvMotifClassifier(epochs=2, random_state=0).fit(data["X"], data["y"])
(trainer,) = next(iter(_train._idle.values()))

def functions(obj, seen):
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if hasattr(obj, "_list_all_concrete_functions"):
        yield obj
    for cell in getattr(obj, "__closure__", None) or ():
        try:
            yield from functions(cell.cell_contents, seen)
        except ValueError:  # an empty cell
            pass

out = {"skmotif_file": skmotif.__file__}
for name in ("train_function", "test_function"):
    ops = collections.Counter()
    for function in functions(getattr(trainer, name), set()):
        for concrete in function._list_all_concrete_functions():
            graph = concrete.graph.as_graph_def()
            ops.update(node.op for node in graph.node)
            ops.update(node.op for f in graph.library.function for node in f.node_def)
    out[name] = dict(ops)
print(json.dumps(out))
"""


def run_side(tree, params, code=SIDE):
    """Run ``code`` (:data:`SIDE`) with ``PYTHONPATH=tree``; its JSON."""
    env = dict(
        os.environ,
        PYTHONPATH=str(tree),
        BENCH_PARAMS=json.dumps(params),
        TF_CPP_MIN_LOG_LEVEL="3",
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tempfile.gettempdir(),  # no checkout on the path but the tree's
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def commit(tree):
    out = subprocess.run(
        ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    return out.stdout.strip() or "?"


def speed(args, results):
    after = Path(args.after).resolve() if args.after else HERE.parent
    before = Path(args.before).resolve() if args.before else after
    trees = {"before": before, "after": after}
    print(f"1. fit and epoch time: before {before} ({commit(before)})")
    print(f"   after {after} ({commit(after)})")
    n, length, epochs = (300, 60, 2) if args.smoke else (4000, 200, args.epochs)
    X, y = planted_dna(n, length, seed=0)
    y_reg = y + np.random.default_rng(0).normal(0, 0.3, len(y))
    data = Path(tempfile.mkdtemp()) / "planted.npz"
    np.savez(data, X=X, y=y, y_reg=y_reg)
    params = {"benchmarks": str(HERE), "data": str(data), "epochs": epochs}
    runs = {side: [] for side in trees}
    for round_ in range(args.rounds):
        order = ("before", "after") if round_ % 2 == 0 else ("after", "before")
        for side in order:
            out = run_side(trees[side], params)
            expected = trees[side] / "skmotif" / "__init__.py"
            if Path(out["skmotif_file"]).resolve() != expected:
                raise RuntimeError(f"{side} imported {out['skmotif_file']}, not {expected}")
            if round_ == 0:
                print(f"   {side}: skmotif {out['version']} from {out['skmotif_file']}")
            runs[side].append(out)
            print(
                f"   round {round_ + 1} {side}: "
                + ", ".join(
                    f"{m} fit {out[m]['fit_s']:.2f} s, "
                    f"epoch {statistics.median(out[m]['steady_epochs_s']):.3f} s"
                    for m in ("classifier", "regressor")
                ),
                flush=True,
            )
    for model in ("classifier", "regressor"):
        per_round = {}
        for side, outs in runs.items():
            fits = [o[model]["fit_s"] for o in outs]
            epochs_ = [statistics.median(o[model]["steady_epochs_s"]) for o in outs]
            per_round[side] = {"fit": fits, "epoch": epochs_}
            results.add(
                part="speed",
                model=model,
                side=side,
                commit=commit(trees[side]),
                rounds=len(outs),
                epochs=outs[0][model]["epochs"],
                fit_min_s=min(fits),
                fit_median_s=statistics.median(fits),
                fit_max_s=max(fits),
                epoch_min_s=min(epochs_),
                epoch_median_s=statistics.median(epochs_),
                epoch_max_s=max(epochs_),
                first_epoch_median_s=statistics.median(o[model]["first_epoch_s"] for o in outs),
                outside_epochs_median_s=statistics.median(
                    o[model]["outside_epochs_s"] for o in outs
                ),
                fit_s_per_round=fits,
                epoch_s_per_round=epochs_,
            )
        row = {"part": "speed", "model": model, "side": "after / before"}
        for what in ("fit", "epoch"):
            after_, before_ = per_round["after"][what], per_round["before"][what]
            paired = [a / b for a, b in zip(after_, before_, strict=True)]  # a round's two runs
            row[f"{what}_median_ratio"] = statistics.median(after_) / statistics.median(before_)
            row[f"{what}_min_ratio"] = min(after_) / min(before_)
            row[f"{what}_paired_ratio_median"] = statistics.median(paired)
            row[f"{what}_paired_ratio_range"] = span(paired)
        results.add(**row)


def graph(args, results):
    """Op counts of the traced training and validation steps, before and after."""
    after = Path(args.after).resolve() if args.after else HERE.parent
    before = Path(args.before).resolve() if args.before else after
    n, length = (300, 60) if args.smoke else (4000, 200)
    X, y = planted_dna(n, length, seed=0)
    data = Path(tempfile.mkdtemp()) / "planted.npz"
    np.savez(data, X=X, y=y)
    counts = {}
    for side, tree in (("before", before), ("after", after)):
        counts[side] = run_side(tree, {"data": str(data)}, GRAPH)
        if Path(counts[side]["skmotif_file"]).resolve() != tree / "skmotif" / "__init__.py":
            raise RuntimeError(f"{side} imported {counts[side]['skmotif_file']}, not {tree}")
    print("2. traced steps of the default classifier, op counts")
    for step in ("train_function", "test_function"):
        ops = [counts[side][step] for side in ("before", "after")]
        changed = {
            op: f"{ops[0].get(op, 0)} -> {ops[1].get(op, 0)}"
            for op in sorted(set(ops[0]) | set(ops[1]))
            if ops[0].get(op, 0) != ops[1].get(op, 0)
        }
        results.add(
            part="graph",
            step=step,
            ops_before=sum(ops[0].values()),
            ops_after=sum(ops[1].values()),
            changed=", ".join(f"{op} {change}" for op, change in changed.items()) or "none",
        )


RESIDUAL_SETTINGS = {
    "default": {},
    "residual_num=2, same": {"residual_num": 2, "residual_form": "same"},
    "residual_num=2, valid": {"residual_num": 2, "residual_form": "valid"},
}


def residual(args, results):
    import time

    from sklearn.metrics import log_loss, roc_auc_score

    from skmotif import ConvMotifClassifier, dinucleotide_shuffle
    from skmotif._network.build import logit_function
    from skmotif.datasets import load_artificial
    from skmotif.interpret import deep_lift_shap

    print("3. dilated residual block on pysster's artificial set (70/15/15, seed 42)")
    X, y = load_artificial()
    X, y = (X[::20], y[::20]) if args.smoke else (X, y)
    X_train, y_train, X_val, y_val, X_test, y_test = split(X, y, 0.15, 0.15, seed=42)
    n_explained, n_refs = (5, 3) if args.smoke else (50, 20)
    settings = dict(list(RESIDUAL_SETTINGS.items())[-1:]) if args.smoke else RESIDUAL_SETTINGS
    for name, setting in settings.items():
        extra = {"epochs": 2} if args.smoke else {}
        clf = ConvMotifClassifier(random_state=args.seed, **setting, **extra)
        start = time.perf_counter()
        clf.fit(X_train, y_train, validation_data=(X_val, y_val))
        seconds = time.perf_counter() - start
        proba = clf.predict_proba(X_test)[:, 1]
        explained = X_test[:n_explained]
        shuffles = dinucleotide_shuffle(explained, n_refs, random_state=0)
        length = len(explained[0])
        refs = clf.encode(shuffles.ravel()).one_hot().reshape(n_explained, n_refs, length, 4)
        contrib = deep_lift_shap(clf, explained, target=1, references=refs)
        logits = logit_function(clf.network())
        x = clf.encode(explained).one_hot()
        ref_logits = logits(refs.reshape(-1, length, 4)).numpy()[:, 1].reshape(n_explained, -1)
        delta = logits(x).numpy()[:, 1] - ref_logits.mean(axis=1)
        deviation = np.abs(contrib.sum(axis=(1, 2)) - delta)
        results.add(
            part="residual",
            setting=name,
            seed=args.seed,
            parameters=clf.model_.count_params(),
            epochs_trained=len(clf.history_["loss"]),
            best_epoch=clf.best_epoch_ + 1,
            fit_s=seconds,
            test_auroc=roc_auc_score(y_test, proba),
            test_log_loss=log_loss(y_test, proba),
            deeplift_sequences=n_explained,
            max_abs_logit_difference=float(np.abs(delta).max()),
            max_summation_deviation=float(deviation.max()),
            max_relative_deviation=float(deviation.max() / np.abs(delta).max()),
        )


PARTS = {"speed": speed, "graph": graph, "residual": residual}


def main():
    def add(parser):
        parser.add_argument("--before", help="the skmotif checkout before the refactor")
        parser.add_argument("--after", help="the checkout after it (default this tree)")
        parser.add_argument("--rounds", type=int, default=10)
        parser.add_argument("--epochs", type=int, default=10)
        parser.add_argument(
            "--seed", type=int, default=0, help="training seed of the residual part"
        )
        parser.add_argument("--parts", nargs="+", default=list(PARTS), choices=list(PARTS))

    args = arguments(__doc__, add)
    if args.smoke:
        args.rounds = 1
    results = Results(__file__, args)
    for part in args.parts:
        PARTS[part](args, results)
    results.write()


if __name__ == "__main__":
    main()
