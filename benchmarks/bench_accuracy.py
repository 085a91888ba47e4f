"""Test auROC with default parameters on the bundled data sets.

* artificial: pysster's DNA set, 70/15/15 stratified train/validation/test
  split; default parameters (kernel_len 25).
* pum2: the PUM2 RNA set (sequence only), 20% held-out test set, 10% of the
  rest for validation; kernel_len 8, alphabet ACGU, otherwise defaults.
* pum2-structure: the same with the shipped ViennaRNA structures as
  elements, alphabet ("ACGU", "EHIMS") (pysster reports 0.945 with HIMS).

Records epochs run, the epoch whose weights were kept, wall time of fit and
the test auROC. Run: python benchmarks/bench_accuracy.py [artificial|pum2|pum2-structure]
"""

from _harness import SETS, Results, Timer, arguments, split
from sklearn.metrics import roc_auc_score

from skmotif import ConvMotifClassifier


def main():
    def add(parser):
        parser.add_argument("sets", nargs="*", default=list(SETS), help=" or ".join(SETS))
        parser.add_argument("--seed", type=int, default=0)

    args = arguments(__doc__, add)
    results = Results(__file__, args)
    for name in args.sets:
        load, params, test, validation = SETS[name]
        X, y = load()
        if args.smoke:  # every 50th sequence, 2 epochs
            X, y, params = X[::50], y[::50], {**params, "epochs": 2}
        X_train, y_train, X_val, y_val, X_test, y_test = split(X, y, test, validation)
        clf = ConvMotifClassifier(**params, random_state=args.seed)
        with Timer() as t:
            clf.fit(X_train, y_train, validation_data=(X_val, y_val))
        results.add(
            set=name,
            train=len(X_train),
            test=len(X_test),
            epochs=len(clf.history_["loss"]),
            best_epoch=clf.best_epoch_ + 1,
            fit_seconds=t.seconds,
            test_auroc=roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]),
        )
    results.write()


if __name__ == "__main__":
    main()
