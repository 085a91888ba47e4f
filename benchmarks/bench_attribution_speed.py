"""Interpretation throughput: ism, saliency, deep_lift_shap, variant_effects, kernel_activations.

The default network, fit on random DNA whose positives carry TGTAAATA, is
saved once; then each measurement runs in a fresh process that loads it,
calls the method on 10 sequences (tracing), and times it on sequences of
200 nt:

- ``ism``: every single substitution (600 mutants per sequence), ``--n``
  sequences;
- ``deep_lift_shap``: 20 dinucleotide-shuffled references per sequence
  (shuffles included in the time), ``--n`` sequences;
- ``saliency``: 10 x ``--n`` sequences;
- ``variant_effects``: one substitution in each of 10 x ``--n`` sequences;
- ``kernel_activations``: 100 x ``--n`` sequences.

Methods alternate, ``--repeats`` times each; with ``--compare-tree TREE``
(another skmotif checkout, e.g. a git worktree of an earlier commit) every
measurement also runs with that tree, alternating with this one. Memory: the
process's peak resident memory and how far it rose above the memory after
the warm-up call.

Run: python benchmarks/bench_attribution_speed.py [--n 1000] [--repeats 2]
       [--methods ...] [--compare-tree TREE]
"""

import sys
import tempfile
from pathlib import Path

from _harness import Results, arguments, median, planted_dna, run_python, span

METHODS = ["ism", "deep_lift_shap", "saliency", "variant_effects", "kernel_activations"]

#: Sequences per call, in multiples of --n.
SCALE = {"ism": 1, "deep_lift_shap": 1, "saliency": 10, "variant_effects": 10,
         "kernel_activations": 100}  # fmt: skip

MEASURE = """
import sys, time
sys.path.insert(0, PARAMS["tree"])
sys.path.insert(0, PARAMS["benchmarks"])
import numpy as np
import pandas as pd
from _harness import memory_mb, planted_dna
from skmotif import load
from skmotif.interpret import deep_lift_shap, ism, kernel_activations, saliency, variant_effects
clf = load(PARAMS["folder"])
X = planted_dna(PARAMS["n"], 200, seed=1)[0]

def variants(X):
    position = np.arange(len(X)) % 200
    ref = [x[p] for x, p in zip(X, position)]
    alt = ["A" if r != "A" else "C" for r in ref]
    table = pd.DataFrame({"sequence": np.arange(len(X)), "position": position, "ref": ref,
                          "alt": alt})
    return lambda: variant_effects(clf, list(X), table, 1)

run = {
    "deep_lift_shap": lambda X: lambda: deep_lift_shap(clf, X, 1, n_shuffles=20, random_state=0),
    "ism": lambda X: lambda: ism(clf, X, 1),
    "saliency": lambda X: lambda: saliency(clf, X, 1),
    "variant_effects": variants,
    "kernel_activations": lambda X: lambda: kernel_activations(clf, X),
}[PARAMS["method"]]
run(X[:10])()  # traces the functions
call = run(X)
before = memory_mb()
start = time.perf_counter()
call()
seconds = time.perf_counter() - start
print(json.dumps([seconds, memory_mb("VmHWM"), before]))
"""


def main():
    def add(parser):
        parser.add_argument("--n", type=int, default=1000)
        parser.add_argument("--repeats", type=int, default=2)
        parser.add_argument("--methods", nargs="+", default=METHODS, choices=METHODS)
        parser.add_argument("--compare-tree", help="another skmotif checkout, alternating")

    args = arguments(__doc__, add)
    from skmotif import ConvMotifClassifier, save

    n, n_train, epochs, repeats = (
        (20, 200, 1, 1) if args.smoke else (args.n, 4000, 5, args.repeats)
    )
    X, y = planted_dna(n_train, 200)
    clf = ConvMotifClassifier(epochs=epochs, random_state=0).fit(X, y)
    trees = {"this tree": Path(__file__).resolve().parents[1]}
    if args.compare_tree:
        trees[args.compare_tree] = Path(args.compare_tree).resolve()
    print(f"default network, 200 nt; each run in a fresh process; trees: {', '.join(trees)}")
    results = Results(__file__, args)
    times = {(method, tree): [] for method in args.methods for tree in trees}
    with tempfile.TemporaryDirectory() as folder:
        save(clf, folder + "/model")
        for _ in range(repeats):
            for method in args.methods:
                for tree, path in trees.items():
                    seconds, peak, before = run_python(
                        sys.executable,
                        MEASURE,
                        tree=str(path),
                        benchmarks=str(Path(__file__).resolve().parent),
                        folder=folder + "/model",
                        method=method,
                        n=n * SCALE[method],
                    )
                    times[method, tree].append(seconds)
                    results.add(
                        method=method,
                        tree=tree,
                        sequences=n * SCALE[method],
                        seconds=seconds,
                        peak_mb=peak,
                        rise_mb=peak - before,
                    )
    for (method, tree), seconds in times.items():
        rates = [n * SCALE[method] / s for s in seconds]
        row = {"method": method, "tree": tree, "sequences_per_s": span(rates, 0)}
        if args.compare_tree and tree == "this tree":
            row["speed_up_over_compare_tree"] = median(times[method, args.compare_tree]) / median(
                seconds
            )
        results.add(**row)
    for tree in trees:
        if ("ism", tree) in times and ("deep_lift_shap", tree) in times:
            ratios = sorted(
                i / d for i in times["ism", tree] for d in times["deep_lift_shap", tree]
            )
            results.add(
                tree=tree,
                ism_over_deep_lift_shap_min=ratios[0],
                ism_over_deep_lift_shap_max=ratios[-1],
            )
    results.write()


if __name__ == "__main__":
    main()
