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

import argparse
import multiprocessing
import resource
import tempfile

from _common import Timer, random_dna


def _rss_mb():
    with open("/proc/self/status") as status:
        return int(next(line for line in status if line.startswith("VmRSS")).split()[1]) / 1024


def _measure(method, folder, n, queue):
    from skmotif import load
    from skmotif.interpret import deep_lift_shap, ism

    clf = load(folder)
    X = random_dna(n, 200, seed=1)[0]
    run = {
        "deep_lift_shap": lambda X: deep_lift_shap(clf, X, 1, n_shuffles=20, random_state=0),
        "ism": lambda X: ism(clf, X, 1),
    }[method]
    run(X[:10])  # traces the functions
    before = _rss_mb()
    with Timer() as timer:
        run(X)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((timer.seconds, peak, peak - before))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    from skmotif import ConvMotifClassifier, save

    X, y = random_dna(4000, 200)
    clf = ConvMotifClassifier(epochs=5, random_state=0).fit(X, y)
    context = multiprocessing.get_context("spawn")
    times = {"deep_lift_shap": [], "ism": []}
    print(f"{args.n} x 200 nt, default network; each run in a fresh process")
    print(f"{'method':16}{'seconds':>9}{'peak MB':>9}{'rise MB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        save(clf, folder + "/model")
        for _ in range(args.repeats):
            for method in times:
                queue = context.Queue()
                child = context.Process(
                    target=_measure, args=(method, folder + "/model", args.n, queue)
                )
                child.start()
                seconds, peak, rise = queue.get()
                child.join()
                times[method].append(seconds)
                print(f"{method:16}{seconds:>9.2f}{peak:>9.0f}{rise:>9.0f}", flush=True)
    ratios = sorted(i / d for i in times["ism"] for d in times["deep_lift_shap"])
    print(f"ism / deep_lift_shap: {ratios[0]:.1f}-{ratios[-1]:.1f}x")


if __name__ == "__main__":
    main()
