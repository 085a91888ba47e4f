"""Attribution against planted ground truth (the protocol of Koo & Ploenzke 2021), and speed.

Data: bench_recovery's 12 JASPAR motifs, 1-5 per sequence on either strand,
20,000 x 200 nt, multi-label; 16,000 to train. For each of the first
``--n`` test sequences, the explained label is the first motif planted in
it; its per-position score (summed over the one-hot channels) should
separate the positions covered by that motif's instances from the rest.
Printed: the mean per-sequence auROC for saliency (gradient x input), ISM
(minus the mean logit change over the substitutions at each position) and
deep_lift_shap (20 dinucleotide shuffles), with a ReLU and with an
exponential first layer, and each method's time on the same sequences.
Koo & Ploenzke's values on their own synthetic data, the anchors: ReLU
saliency 0.771, ISM 0.808, DeepSHAP 0.810; exponential 0.827, 0.887, 0.837.

Run: python benchmarks/bench_attribution.py [--n 500] [--settings default global]
"""

import argparse

import numpy as np
from _common import Timer
from bench_recovery import planted_motifs
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--settings", nargs="+", default=list(SETTINGS), choices=list(SETTINGS))
    args = parser.parse_args()
    motifs = planted_motifs()
    X, y, sites = make_motif_sequences(
        20000, motifs, length=200, reverse_complement=True, multilabel=True, random_state=0
    )
    X_train, y_train = X[:16000], y[:16000]
    X_test, test_sites = X[16000 : 16000 + args.n], sites[16000 : 16000 + args.n]
    labels, masks = ground_truth(test_sites, [len(m) for m in motifs], 200)
    print(f"{'setting':9}{'first layer':13}{'test auROC':>11}  method    mean auROC    time")
    for setting in args.settings:
        for activation in ("relu", "exponential"):
            clf = ConvMotifClassifier(
                **SETTINGS[setting], first_activation=activation, random_state=0
            ).fit(X_train, y_train)
            proba = clf.predict_proba(X[16000:])
            test_auc = roc_auc_score(y[16000:], proba, average="macro")
            for name in METHODS:
                scores = np.empty((len(X_test), 200), np.float32)
                with Timer() as timer:
                    for label in np.unique(labels):
                        rows = np.flatnonzero(labels == label)
                        scores[rows] = position_scores(name, clf, X_test[rows], int(label))
                print(
                    f"{setting:9}{activation:13}{test_auc:>11.3f}  {name:9} "
                    f"{mean_auroc(scores, masks):>10.3f}  {timer.seconds:5.1f} s",
                    flush=True,
                )


if __name__ == "__main__":
    main()
