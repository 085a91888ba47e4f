"""What ``search_space`` finds within a fixed budget, against the defaults.

pum2 (bench_accuracy's split, training and validation parts together;
``search_space("rna")``): ``HalvingRandomSearchCV(ConvMotifClassifier(...),
search_space(kind), n_candidates=12, factor=3, min_resources="exhaust",
cv=3, scoring="roc_auc", random_state=0)``: 12 candidates drawn from the
space start on a ninth of the training data, the best third moves on to a
third of it and the best third of those to all of it ("exhaust":
scikit-learn's default would start at 12 sequences).

planted (bench_recovery's 12 JASPAR motifs, 16,000 training and 4,000 test
sequences of 200 nt, macro auROC; ``search_space("dna")``): multi-label, which
scikit-learn's halving searches do not take, so ``RandomizedSearchCV`` with
8 candidates, each trained on 75% of the training data and scored on the
rest (one split).

The best candidate is refit on all training data and scored on the
held-out test set, beside the defaults fitted on the same data.

Run: python benchmarks/bench_search.py [--cases pum2 planted]
"""

import argparse

import numpy as np
from _common import Timer
from bench_accuracy import SETS, split
from bench_recovery import planted_data
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import (
    HalvingRandomSearchCV,
    RandomizedSearchCV,
    ShuffleSplit,
    train_test_split,
)

from skmotif import ConvMotifClassifier, search_space


def planted():
    X, y = planted_data(20000)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
    search = RandomizedSearchCV(
        ConvMotifClassifier(random_state=0),
        search_space("dna"),
        n_iter=8,
        cv=ShuffleSplit(n_splits=1, test_size=0.25, random_state=0),
        scoring="roc_auc",
        random_state=0,
        error_score="raise",
    )
    return search, {}, X_train, y_train, X_test, y_test


def pum2():
    load, params, test, validation = SETS["pum2"]
    X_train, y_train, X_val, y_val, X_test, y_test = split(*load(), test, validation)
    X_all = np.concatenate([X_train, X_val])
    y_all = np.concatenate([y_train, y_val])
    fixed = {"alphabet": params["alphabet"]}
    search = HalvingRandomSearchCV(
        ConvMotifClassifier(**fixed, random_state=0),
        search_space("rna"),
        n_candidates=12,
        factor=3,
        min_resources="exhaust",
        cv=3,
        scoring="roc_auc",
        random_state=0,
        error_score="raise",
    )
    return search, fixed, X_all, y_all, X_test, y_test


CASES = {"planted": planted, "pum2": pum2}


def test_auc(clf, X_test, y_test):
    proba = clf.predict_proba(X_test)
    return roc_auc_score(y_test, proba if y_test.ndim == 2 else proba[:, 1], average="macro")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", nargs="+", default=list(CASES), choices=list(CASES))
    args = parser.parse_args()
    for case in args.cases:
        search, fixed, X_train, y_train, X_test, y_test = CASES[case]()
        with Timer() as searching:
            search.fit(X_train, y_train)
        with Timer() as fitting:
            defaults = ConvMotifClassifier(**fixed, random_state=0).fit(X_train, y_train)
        fits = len(search.cv_results_["params"]) * search.n_splits_
        print(
            f"{case}: {type(search).__name__}, {fits} fits, {len(X_train)} training sequences\n"
            f"  search wall time {searching.seconds / 60:.1f} min\n"
            f"  best: cv auROC {search.best_score_:.4f}, test auROC "
            f"{test_auc(search.best_estimator_, X_test, y_test):.4f}, {search.best_params_}\n"
            f"  defaults: test auROC {test_auc(defaults, X_test, y_test):.4f} "
            f"(fit {fitting.seconds:.0f} s)",
            flush=True,
        )


if __name__ == "__main__":
    main()
