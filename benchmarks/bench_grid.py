"""GridSearchCV with n_jobs=1 against n_jobs=2 on this machine, in one run.

joblib workers get OMP_NUM_THREADS = cores / n_jobs, which skmotif passes on
to TensorFlow's thread pools, so two parallel fits share the cores instead
of fighting over them. Run: python benchmarks/bench_grid.py [--n 4000] [--smoke]
"""

from _harness import Results, Timer, arguments, planted_dna
from sklearn.model_selection import GridSearchCV

from skmotif import ConvMotifClassifier


def main():
    def add(parser):
        parser.add_argument("--n", type=int, default=4000)
        parser.add_argument("--length", type=int, default=100)

    args = arguments(__doc__, add)
    n, epochs, rounds = (100, 1, (1, 2)) if args.smoke else (args.n, 5, (1, 2, 1, 2))
    X, y = planted_dna(n, args.length)
    grid = {"kernel_num": [10, 20], "dropout_conv": [0.2] if args.smoke else [0.2, 0.4]}
    base = ConvMotifClassifier(conv_num=1, kernel_len=8, epochs=epochs, random_state=0)
    n_candidates = len(grid["kernel_num"]) * len(grid["dropout_conv"])
    print(f"GridSearchCV: {n_candidates} candidates x 2 folds + refit, {n} x {args.length} nt")
    results = Results(__file__, args)
    times = {}
    for n_jobs in rounds:
        with Timer() as t:
            GridSearchCV(base, grid, cv=2, scoring="roc_auc", n_jobs=n_jobs).fit(X, y)
        times.setdefault(n_jobs, []).append(t.seconds)
        results.add(n_jobs=n_jobs, seconds=t.seconds)
    results.add(ratio_2_to_1=min(times[2]) / min(times[1]))
    results.write()


if __name__ == "__main__":
    main()
