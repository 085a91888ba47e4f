"""Motif recovery: do the first-layer kernels learn the motifs planted in the data?

The 12 vertebrate factors of Koo & Eddy (2019, PLoS Comput Biol 15:e1007560),
as JASPAR2024 matrices, are planted with ``make_motif_sequences``: 20,000
random sequences of 200 nt, 1-5 distinct motifs each, either strand, one 0/1
label per motif. Each setting trains on 80% (10% of it for validation) and
its kernels' motifs, from the 20% test set, are matched against all 879
JASPAR2024 CORE vertebrate motifs with ``match_motifs``.

A planted motif counts as recovered when some kernel matches its JASPAR
matrix with q <= 0.05; a kernel counts as matching when any planted motif
is among its matches with q <= 0.05 (share of all kernels, and of the
kernels whose best match is a planted motif). As a ceiling, each label is
also scored by scanning the test sequences with its true matrix.

Settings: skmotif's defaults as they are (two layers, 30 kernels of 25, pool
2, a dense layer of 100, the global skip, Adam at 0.003, early stopping
after 15 epochs); pysster's network and training (``pysster_params()``);
Koo & Eddy's CNN-2 and CNN-25 (30 kernels of 19 then 128 of 5; first-layer
pool 2 or 25; the second pooling, 43 or 3, leaves two or one positions that
together cover the whole sequence, as Koo & Eddy's padded convolutions do
(skmotif's are unpadded; an earlier second pool of 50 after pool 2 left
the last 74 nt unseen); no dense layer); one layer of 30, 64 or 128
kernels of 19 with global max pooling and no dense layer, the 64-kernel one
again with skmotif's default dropout of 0.3 after pooling, and the
128-kernel one with kernels of 11 and 27; ``<name>_exp`` is the same network
with an exponential first layer (default, cnn2, cnn25, global30). All but the first two train with
Adam at 0.003, no input dropout, no dropout after pooling unless named, at
most 60 epochs, early stopping after 8 without improvement (``COMMON``).
The whole run takes about 15 minutes on 2 cores.

Run: python benchmarks/bench_recovery.py [--n 20000] [--settings default cnn2 ...]
[--seeds 0 1 2]   (training seeds; the data stay the same)
"""

import numpy as np
import pandas as pd
from _harness import PLANTED, SETTINGS, Results, Timer, arguments, planted_data, planted_motifs
from numpy.lib.stride_tricks import sliding_window_view
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from skmotif import Alphabet, ConvMotifClassifier, kernel_motifs, match_motifs
from skmotif._codec import encode, one_hot


def scan_auroc(X, y):
    """auROC per label of scoring it by the best log-odds match of its true matrix."""
    onehot = one_hot(encode(list(X), Alphabet("ACGT")), 4).astype(np.float32)
    aucs = []
    for label, motif in enumerate(planted_motifs()):
        log_odds = np.log2((motif.probabilities + 1e-3) / 0.25)
        windows = sliding_window_view(onehot, (len(motif), 4), axis=(1, 2))[:, :, 0]
        best = np.maximum(
            np.einsum("nlwa,wa->nl", windows, log_odds).max(axis=1),
            np.einsum("nlwa,wa->nl", windows, log_odds[::-1, ::-1]).max(axis=1),
        )
        aucs.append(roc_auc_score(y[:, label], best))
    return np.array(aucs)


def evaluate(name, params, X_train, y_train, X_test, y_test):
    """Train one setting; return its summary and, per planted motif, its best kernel."""
    if isinstance(params.get("pool_size"), tuple):
        params["pool_stride"] = params["pool_size"]
    clf = ConvMotifClassifier(**params)
    with Timer() as fit:
        clf.fit(X_train, y_train)
    auc = roc_auc_score(y_test, clf.predict_proba(X_test), average="macro")
    results = kernel_motifs(clf, X_test, y_test)
    with Timer() as matching:
        table = match_motifs(results, tax_group="vertebrates", max_q=0.05)
    planted_ids = set(PLANTED.values())
    hits = table[table["target_id"].isin(planted_ids)]
    recovered = {}
    for target, rows in hits.groupby("target_id"):
        best = rows.nsmallest(1, "q_value").iloc[0]
        recovered[target] = f"k{best['query']} q={best['q_value']:.0e}"
    top = table.groupby("query").head(1)
    n_kernels = len(results)
    summary = {
        "fit s": round(fit.seconds),
        "epochs": len(clf.history_["loss"]),
        "test auROC": round(auc, 3),
        "recovered": f"{len(recovered)}/{len(PLANTED)}",
        "kernels matching": f"{hits['query'].nunique()}/{n_kernels}",
        "top hit planted": f"{top['target_id'].isin(planted_ids).sum()}/{n_kernels}",
        "silent kernels": sum(m is None for m, _ in results),
        "match s": round(matching.seconds, 2),
    }
    column = [recovered.get(i, "-") for i in PLANTED.values()]
    return summary, column


def main():
    def add(parser):
        parser.add_argument("--n", type=int, default=20000)
        parser.add_argument(
            "--settings", nargs="+", default=list(SETTINGS), choices=list(SETTINGS)
        )
        parser.add_argument("--seeds", nargs="+", type=int, default=[0])

    args = arguments(__doc__, add)
    settings = ["global30"] if args.smoke else args.settings
    X, y = planted_data(400 if args.smoke else args.n)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
    print(f"{len(X_train)} training and {len(X_test)} test sequences of 200 nt, 12 labels")
    results = Results(__file__, args)
    ceiling = scan_auroc(X_test, y_test)
    results.add(setting="scanning with the true matrices", test_auroc=float(ceiling.mean()))
    summaries, columns = {}, {"scan auROC": ceiling.round(3)}
    for name in settings:
        for seed in args.seeds:
            key = name if len(args.seeds) == 1 else f"{name} seed {seed}"
            params = {**SETTINGS[name], "random_state": seed}
            if args.smoke:
                params["epochs"] = 1
            summaries[key], columns[key] = evaluate(key, params, X_train, y_train, X_test, y_test)
            results.add(setting=key, **summaries[key], per_motif=columns[key])
    index = [f"{factor} {matrix}" for factor, matrix in PLANTED.items()]
    with pd.option_context("display.width", 250, "display.max_columns", 30):
        print("\nbest kernel per planted motif (q <= 0.05 against 879 JASPAR2024 vertebrates)")
        print(pd.DataFrame(columns, index=index).to_string())
    results.write()


if __name__ == "__main__":
    main()
