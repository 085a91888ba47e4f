"""skmotif's defaults against pysster's settings on every data set of the repository.

Each case trains ``ConvMotifClassifier(**case)`` ("defaults") and
``ConvMotifClassifier(**pysster_params(), **case)`` ("pysster") with the same
seeds, alternating the two sides, and prints the test auROC (mean and range
over seeds), the epochs run and the fit time side by side.

Cases:

* small: 1,000 random 80 nt DNA sequences, half with TGACTCAG at a random
  position; 800 for training, 200 for testing (seed = data and training seed).
* planted: bench_recovery's data, 12 JASPAR motifs planted in 20,000 x 200 nt
  (either strand, 1-5 per sequence, multi-label), 80/20 split, macro auROC.
* artificial, pum2, pum2-structure: bench_accuracy's splits and settings
  (PUM2 with kernel_len=8 and its alphabet).

Run: python benchmarks/bench_defaults.py [--cases small planted ...] [--seeds 0 1 2]
       [--sides defaults pysster]

(With ``PYTHONPATH=TREE`` the script runs another skmotif checkout, e.g. a git
worktree of an earlier commit: how the same seeds trained before a change.)
"""

import warnings

import numpy as np
from _harness import SETS, Results, Timer, arguments, planted_data, planted_dna, split
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier, pysster_params


def small(seed):
    X, y = planted_dna(1000, 80, seed=seed, motif="TGACTCAG")
    return {}, (X[:800], y[:800], None), (X[800:], y[800:])


def planted(seed):
    X, y = planted_data(20000)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
    return {}, (X_train, y_train, None), (X_test, y_test)


def accuracy_set(name):
    def load(seed):
        loader, params, test, validation = SETS[name]
        X_train, y_train, X_val, y_val, X_test, y_test = split(*loader(), test, validation)
        return params, (X_train, y_train, (X_val, y_val)), (X_test, y_test)

    return load


CASES = {
    "small": small,
    "planted": planted,
    **{name: accuracy_set(name) for name in ("artificial", "pum2", "pum2-structure")},
}
SIDES = {"defaults": {}, "pysster": pysster_params()}


def run(params, train, test, seed):
    X_train, y_train, validation = train
    clf = ConvMotifClassifier(**params, random_state=seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        with Timer() as t:
            clf.fit(X_train, y_train, validation_data=validation)
    proba = clf.predict_proba(test[0])
    y_test = np.asarray(test[1])
    auc = roc_auc_score(y_test, proba if y_test.ndim == 2 else proba[:, 1], average="macro")
    stalled = any(issubclass(w.category, ConvergenceWarning) for w in caught)
    return auc, len(clf.history_["loss"]), t.seconds, stalled


def spread(values, digits):
    values = np.asarray(values)
    return f"{values.mean():.{digits}f} [{values.min():.{digits}f}-{values.max():.{digits}f}]"


def main():
    def add(parser):
        parser.add_argument("--cases", nargs="+", default=list(CASES), choices=list(CASES))
        parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
        parser.add_argument("--sides", nargs="+", default=list(SIDES), choices=list(SIDES))

    args = arguments(__doc__, add)
    cases, seeds = (["small"], [0]) if args.smoke else (args.cases, args.seeds)
    quick = {"epochs": 2} if args.smoke else {}
    record = Results(__file__, args)
    for case in cases:
        results = {side: [] for side in args.sides}
        for i, seed in enumerate(seeds):
            case_params, train, test = CASES[case](seed)
            order = list(args.sides) if i % 2 == 0 else list(args.sides)[::-1]
            for side in order:
                params = {**SIDES[side], **case_params, **quick}
                results[side].append(run(params, train, test, seed))
        for side, rows in results.items():
            auc, epochs, seconds, stalled = zip(*rows, strict=True)
            record.add(
                case=case,
                side=side,
                test_auroc=spread(auc, 4),
                epochs=spread(epochs, 0),
                fit_seconds=spread(seconds, 1),
                no_learning_warnings=f"{sum(stalled)}/{len(rows)}",
            )
    record.write()


if __name__ == "__main__":
    main()
