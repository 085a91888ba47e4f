"""Test auROC with default parameters on the bundled data sets.

* artificial: pysster's DNA set, 70/15/15 stratified train/validation/test
  split; default parameters (kernel_len 25).
* pum2: the PUM2 RNA set (sequence only), 20% held-out test set, 10% of the
  rest for validation; kernel_len 8, alphabet ACGU, otherwise defaults.
* pum2-structure: the same with the shipped ViennaRNA structures as
  elements, alphabet ("ACGU", "EHIMS") (pysster reports 0.945 with HIMS).

Prints epochs run, the epoch whose weights were kept, wall time of fit and
the test auROC. Run: python benchmarks/bench_accuracy.py [artificial|pum2|pum2-structure]
"""

import argparse

from _common import Timer
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier
from skmotif.datasets import load_artificial, load_pum2


def split(X, y, test, validation, seed=0):
    X_rest, X_test, y_rest, y_test = train_test_split(
        X, y, test_size=test, stratify=y, random_state=seed
    )
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, test_size=validation / (1 - test), stratify=y_rest, random_state=seed
    )
    return X_train, y_train, X_val, y_val, X_test, y_test


SETS = {
    "artificial": (load_artificial, {}, 0.15, 0.15),
    "pum2": (load_pum2, {"kernel_len": 8, "alphabet": "ACGU"}, 0.20, 0.08),
    "pum2-structure": (
        lambda: load_pum2(structure=True),
        {"kernel_len": 8, "alphabet": ("ACGU", "EHIMS")},
        0.20,
        0.08,
    ),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sets", nargs="*", default=list(SETS), help=" or ".join(SETS))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"{'set':16}{'train':>7}{'test':>6}{'epochs':>8}{'best':>6}{'fit s':>8}{'auROC':>8}")
    for name in args.sets:
        load, params, test, validation = SETS[name]
        X_train, y_train, X_val, y_val, X_test, y_test = split(*load(), test, validation)
        clf = ConvMotifClassifier(**params, random_state=args.seed)
        with Timer() as t:
            clf.fit(X_train, y_train, validation_data=(X_val, y_val))
        auc = roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1])
        print(
            f"{name:12}{len(X_train):7}{len(X_test):6}{len(clf.history_['loss']):8}"
            f"{clf.best_epoch_ + 1:6}{t.seconds:8.0f}{auc:8.4f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
