"""deep_lift_shap against ism: time and peak memory on 1,000 x 200 nt.

The default network, fit on random DNA whose positives carry TGTAAATA, is
saved once; then each measurement runs in a fresh process that loads it,
traces the method on 10 sequences, and times it on 1,000 sequences of
200 nt: ``deep_lift_shap`` with 20 dinucleotide-shuffled references per
sequence (shuffles included in the time) and ``ism`` (every single
substitution, 600 mutants per sequence). The two alternate, ``--repeats``
times each. Memory: the process's peak resident memory (ru_maxrss) and how
far it rose above the memory after the warm-up call.

Run: python benchmarks/bench_attribution_speed.py [--n 1000] [--repeats 2]
"""

import tempfile
import time

from _harness import Results, arguments, fresh, memory_mb, planted_dna


def _measure(method, folder, n):
    from skmotif import load
    from skmotif.interpret import deep_lift_shap, ism

    clf = load(folder)
    X = planted_dna(n, 200, seed=1)[0]
    run = {
        "deep_lift_shap": lambda X: deep_lift_shap(clf, X, 1, n_shuffles=20, random_state=0),
        "ism": lambda X: ism(clf, X, 1),
    }[method]
    run(X[:10])  # traces the functions
    before = memory_mb()
    start = time.perf_counter()
    run(X)
    return time.perf_counter() - start, before


def main():
    def add(parser):
        parser.add_argument("--n", type=int, default=1000)
        parser.add_argument("--repeats", type=int, default=2)

    args = arguments(__doc__, add)
    from skmotif import ConvMotifClassifier, save

    n, n_train, epochs, repeats = (
        (20, 200, 1, 1) if args.smoke else (args.n, 4000, 5, args.repeats)
    )
    X, y = planted_dna(n_train, 200)
    clf = ConvMotifClassifier(epochs=epochs, random_state=0).fit(X, y)
    times = {"deep_lift_shap": [], "ism": []}
    print(f"{n} x 200 nt, default network; each run in a fresh process")
    results = Results(__file__, args)
    with tempfile.TemporaryDirectory() as folder:
        save(clf, folder + "/model")
        for _ in range(repeats):
            for method in times:
                run = fresh(_measure, method, folder + "/model", n)
                seconds, before = run["value"]
                times[method].append(seconds)
                results.add(
                    method=method,
                    seconds=seconds,
                    peak_mb=run["peak_mb"],
                    rise_mb=run["peak_mb"] - before,
                )
    ratios = sorted(i / d for i in times["ism"] for d in times["deep_lift_shap"])
    results.add(ism_over_deep_lift_shap_min=ratios[0], ism_over_deep_lift_shap_max=ratios[-1])
    results.write()


if __name__ == "__main__":
    main()
