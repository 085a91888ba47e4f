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

import numpy as np
from _harness import SETS, Results, Timer, arguments, planted_data, split
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import (
    HalvingRandomSearchCV,
    RandomizedSearchCV,
    ShuffleSplit,
    train_test_split,
)

from skmotif import ConvMotifClassifier, search_space


def planted(smoke):
    X, y = planted_data(300 if smoke else 20000)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
    search = RandomizedSearchCV(
        ConvMotifClassifier(random_state=0, **({"epochs": 1} if smoke else {})),
        search_space("dna"),
        n_iter=2 if smoke else 8,
        cv=ShuffleSplit(n_splits=1, test_size=0.25, random_state=0),
        scoring="roc_auc",
        random_state=0,
        error_score="raise",
    )
    return search, {"epochs": 1} if smoke else {}, X_train, y_train, X_test, y_test


def pum2(smoke):
    load, params, test, validation = SETS["pum2"]
    X, y = load()
    X, y = (X[::40], y[::40]) if smoke else (X, y)
    X_train, y_train, X_val, y_val, X_test, y_test = split(X, y, test, validation)
    X_all = np.concatenate([X_train, X_val])
    y_all = np.concatenate([y_train, y_val])
    fixed = {"alphabet": params["alphabet"], **({"epochs": 1} if smoke else {})}
    search = HalvingRandomSearchCV(
        ConvMotifClassifier(**fixed, random_state=0),
        search_space("rna"),
        n_candidates=3 if smoke else 12,
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
    def add(parser):
        parser.add_argument("--cases", nargs="+", default=list(CASES), choices=list(CASES))

    args = arguments(__doc__, add)
    results = Results(__file__, args)
    for case in args.cases:
        search, fixed, X_train, y_train, X_test, y_test = CASES[case](args.smoke)
        with Timer() as searching:
            search.fit(X_train, y_train)
        with Timer() as fitting:
            defaults = ConvMotifClassifier(**fixed, random_state=0).fit(X_train, y_train)
        results.add(
            case=case,
            search=type(search).__name__,
            fits=len(search.cv_results_["params"]) * search.n_splits_,
            training_sequences=len(X_train),
            search_minutes=searching.seconds / 60,
            best_cv_auroc=search.best_score_,
            best_test_auroc=test_auc(search.best_estimator_, X_test, y_test),
            best_params=search.best_params_,
            defaults_test_auroc=test_auc(defaults, X_test, y_test),
            defaults_fit_seconds=fitting.seconds,
        )
    results.write()


if __name__ == "__main__":
    main()
