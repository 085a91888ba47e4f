"""GridSearchCV with n_jobs=1 against n_jobs=2 on this machine, in one run.

joblib workers get OMP_NUM_THREADS = cores / n_jobs, which skmotif passes on
to TensorFlow's thread pools, so two parallel fits share the cores instead
of fighting over them. Run: python benchmarks/bench_grid.py
"""

import argparse

from _common import Timer, random_dna
from sklearn.model_selection import GridSearchCV

from skmotif import ConvMotifClassifier


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--length", type=int, default=100)
    args = parser.parse_args()
    X, y = random_dna(args.n, args.length)
    grid = {"kernel_num": [10, 20], "dropout_conv": [0.2, 0.4]}
    base = ConvMotifClassifier(conv_num=1, kernel_len=8, epochs=5, random_state=0)
    times = {}
    for n_jobs in (1, 2, 1, 2):
        with Timer() as t:
            search = GridSearchCV(base, grid, cv=2, scoring="roc_auc", n_jobs=n_jobs).fit(X, y)
        times.setdefault(n_jobs, []).append(t.seconds)
    print(
        f"GridSearchCV: {len(search.cv_results_['params'])} candidates x 2 folds + refit, "
        f"{args.n} x {args.length} nt, 5 epochs each"
    )
    for n_jobs, seconds in times.items():
        print(f"  n_jobs={n_jobs}: " + ", ".join(f"{s:.1f} s" for s in seconds))
    print(f"  n_jobs=2 / n_jobs=1: {min(times[2]) / min(times[1]):.2f}")


if __name__ == "__main__":
    main()
