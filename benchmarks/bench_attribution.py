"""Attribution against planted ground truth (the protocol of Koo & Ploenzke 2021), and speed.

Data: bench_recovery's 12 JASPAR motifs, 1-5 per sequence on either strand,
20,000 x 200 nt, multi-label; 16,000 to train. For each of the first
``--n`` test sequences, the explained label is the first motif planted in
it; its per-position score (summed over the one-hot channels) should
separate the positions covered by that motif's instances from the rest.
Recorded: the mean per-sequence auROC for saliency (gradient x input), ISM
(minus the mean logit change over the substitutions at each position) and
deep_lift_shap (20 dinucleotide shuffles), with a ReLU and with an
exponential first layer, and each method's time on the same sequences.
Koo & Ploenzke's values on their own synthetic data, the anchors: ReLU
saliency 0.771, ISM 0.808, DeepSHAP 0.810; exponential 0.827, 0.887, 0.837.

Run: python benchmarks/bench_attribution.py [--n 500] [--settings default global]
"""

import numpy as np
from _harness import Results, Timer, arguments, planted_motifs
from sklearn.metrics import roc_auc_score

from skmotif import ConvMotifClassifier
from skmotif.datasets import make_motif_sequences
from skmotif.interpret import deep_lift_shap, ism, saliency

SETTINGS = {
    "default": {},
    "global": dict(
        conv_num=1,
        kernel_num=128,
        kernel_len=19,
        pool_size="global",
        dense_num=0,
        dropout_input=0.0,
        dropout_conv=0.0,
    ),
}


def ground_truth(sites, widths, length):
    """Per sequence: the explained label and a 0/1 mask of its motif's positions."""
    labels, masks = [], np.zeros((len(sites), length), dtype=bool)
    for i, planted in enumerate(sites):
        label = planted[0][0]
        labels.append(label)
        for motif, start, _ in planted:
            if motif == label:
                masks[i, start : start + widths[motif]] = True
    return np.array(labels), masks


METHODS = ("saliency", "ism", "deepshap")


def position_scores(method, clf, X, target):
    """Per-position scores, shape (n_samples, length): higher means more important."""
    if method == "saliency":
        return saliency(clf, X, target).sum(-1)
    if method == "ism":
        return -ism(clf, X, target).mean(-1)
    return deep_lift_shap(clf, X, target, random_state=0).sum(-1)


def mean_auroc(scores, masks):
    return float(np.mean([roc_auc_score(m, s) for s, m in zip(scores, masks, strict=True)]))


def main():
    def add(parser):
        parser.add_argument("--n", type=int, default=500)
        parser.add_argument(
            "--settings", nargs="+", default=list(SETTINGS), choices=list(SETTINGS)
        )

    args = arguments(__doc__, add)
    motifs = planted_motifs()
    total, n_train, n = (300, 240, 20) if args.smoke else (20000, 16000, args.n)
    X, y, sites = make_motif_sequences(
        total, motifs, length=200, reverse_complement=True, multilabel=True, random_state=0
    )
    X_train, y_train = X[:n_train], y[:n_train]
    X_test, test_sites = X[n_train : n_train + n], sites[n_train : n_train + n]
    labels, masks = ground_truth(test_sites, [len(m) for m in motifs], 200)
    results = Results(__file__, args)
    for setting in args.settings:
        for activation in ("relu", "exponential"):
            clf = ConvMotifClassifier(
                **SETTINGS[setting],
                first_activation=activation,
                random_state=0,
                **({"epochs": 1} if args.smoke else {}),
            ).fit(X_train, y_train)
            proba = clf.predict_proba(X[n_train:])
            test_auc = roc_auc_score(y[n_train:], proba, average="macro")
            for name in METHODS:
                scores = np.empty((len(X_test), 200), np.float32)
                with Timer() as timer:
                    for label in np.unique(labels):
                        rows = np.flatnonzero(labels == label)
                        scores[rows] = position_scores(name, clf, X_test[rows], int(label))
                results.add(
                    setting=setting,
                    first_layer=activation,
                    test_auroc=test_auc,
                    method=name,
                    mean_position_auroc=mean_auroc(scores, masks),
                    seconds=timer.seconds,
                )
    results.write()


if __name__ == "__main__":
    main()
