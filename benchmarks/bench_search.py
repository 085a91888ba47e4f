"""What ``search_space`` finds within a fixed budget, against the defaults.

``HalvingRandomSearchCV(ConvMotifClassifier(...), search_space(kind),
n_candidates=12, factor=3, cv=3, scoring="roc_auc", random_state=0)``: 12
candidates drawn from the space start on a ninth of the training data, the
best third moves on to three times as much, and so on; the best one is
refit on all training data and scored on the held-out test set, beside the
defaults fitted on the same data.

Cases: planted (bench_recovery's 12 JASPAR motifs, 16,000 training and 4,000
test sequences of 200 nt, multi-label, macro auROC; ``search_space("dna")``)
and pum2 (bench_accuracy's split, training and validation parts together
for the search; ``search_space("rna")``).

Run: python benchmarks/bench_search.py [--cases planted pum2] [--candidates 12]
"""

import argparse

import numpy as np
from _common import Timer
from bench_accuracy import SETS, split
from bench_recovery import planted_data
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import HalvingRandomSearchCV, train_test_split

from skmotif import ConvMotifClassifier, search_space


def planted():
    X, y = planted_data(20000)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
    return "dna", {}, X_train, y_train, X_test, y_test


def pum2():
    load, params, test, validation = SETS["pum2"]
    X_train, y_train, X_val, y_val, X_test, y_test = split(*load(), test, validation)
    X_all = np.concatenate([X_train, X_val])
    y_all = np.concatenate([y_train, y_val])
    return "rna", {"alphabet": params["alphabet"]}, X_all, y_all, X_test, y_test


CASES = {"planted": planted, "pum2": pum2}


def test_auc(clf, X_test, y_test):
    proba = clf.predict_proba(X_test)
    return roc_auc_score(y_test, proba if y_test.ndim == 2 else proba[:, 1], average="macro")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", nargs="+", default=list(CASES), choices=list(CASES))
    parser.add_argument("--candidates", type=int, default=12)
    args = parser.parse_args()
    for case in args.cases:
        kind, fixed, X_train, y_train, X_test, y_test = CASES[case]()
        base = ConvMotifClassifier(**fixed, random_state=0)
        search = HalvingRandomSearchCV(
            base,
            search_space(kind),
            n_candidates=args.candidates,
            factor=3,
            cv=3,
            scoring="roc_auc",
            random_state=0,
            error_score="raise",
        )
        with Timer() as searching:
            search.fit(X_train, y_train)
        with Timer() as fitting:
            defaults = ConvMotifClassifier(**fixed, random_state=0).fit(X_train, y_train)
        chosen = dict(search.best_params_)
        print(
            f"{case}: search_space({kind!r}), {args.candidates} candidates, "
            f"{len(X_train)} training sequences\n"
            f"  search wall time {searching.seconds / 60:.1f} min "
            f"({search.n_iterations_} rounds, resources {search.n_resources_})\n"
            f"  best: cv auROC {search.best_score_:.4f}, test auROC "
            f"{test_auc(search.best_estimator_, X_test, y_test):.4f}, {chosen}\n"
            f"  defaults: test auROC {test_auc(defaults, X_test, y_test):.4f} "
            f"(fit {fitting.seconds:.0f} s)",
            flush=True,
        )


if __name__ == "__main__":
    main()
