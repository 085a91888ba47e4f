"""Kernels seeded from known motifs (init_motifs) against random ones, on small planted data.

Issue 48. Two degenerate motifs (AP-1-like and GATA-like PWMs, instances drawn from them) are
planted in 200-base random DNA (``make_motif_sequences``: classes 1 and 2 carry one of them,
class 0 none; auROC: any motif against none, from 1 - P(class 0)). A default
``ConvMotifClassifier`` is fit on ``--sizes`` training sequences (its own 10 % validation
split) and scored on 2,000 held-out ones, per seed (``--seeds``, default 0-4),
with its first kernels:

* ``random``: all random (the default);
* ``seeded``: the two planted PWMs (``init_motifs``), the other kernels random;
* ``shuffled``: the two PWMs with their positions shuffled (wrong motifs of the same
  composition), which must do no worse than random.

Rows: auROC, the epoch of the best validation loss (fewer: faster to learn), fit time; then per
size and start the mean and range over seeds.

Run: ``python benchmarks/bench_init_motifs.py`` (about 10 minutes on 2 cores).
"""

import time
import warnings

import numpy as np
from _harness import Results, arguments, span
from sklearn.metrics import roc_auc_score

from skmotif import ConvMotifClassifier, Motif
from skmotif.datasets import make_motif_sequences

PLANTED = {
    "AP1": ["TGACTCA", "TGAGTCA", "TGACTCA", "TTACTCA", "TGACTAA"],
    "GATA": ["AGATAAG", "TGATAAG", "AGATAAC", "AGATTAG", "GGATAAG"],
}


def options(parser):
    parser.add_argument("--sizes", type=int, nargs="+", default=[150, 300])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--n-test", type=int, default=2000)
    parser.add_argument("--epochs", type=int, default=100)


def motifs():
    return [Motif.from_sequences(s, "ACGT", name=n, pseudocount=0.1) for n, s in PLANTED.items()]


def shuffled(found, rng):
    return [
        Motif("ACGT", probabilities=m.probabilities[rng.permutation(len(m.probabilities))])
        for m in found
    ]


def main():
    args = arguments(__doc__, options)
    if args.smoke:
        args.sizes, args.seeds, args.n_test, args.epochs = [60], [0], 100, 2
    results = Results(__file__, args)
    planted = motifs()
    starts = {
        "random": None,
        "seeded": planted,
        "shuffled": shuffled(planted, np.random.RandomState(0)),
    }
    summary = {}
    for size in args.sizes:
        X, y, _ = make_motif_sequences(size + args.n_test, planted, length=200, random_state=size)
        for seed in args.seeds:
            for name, init in starts.items():  # alternated within each seed
                clf = ConvMotifClassifier(random_state=seed, epochs=args.epochs, init_motifs=init)
                start = time.perf_counter()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # small sets: "ended without learning"
                    clf.fit(X[:size], y[:size])
                seconds = time.perf_counter() - start
                auroc = roc_auc_score(y[size:] > 0, 1 - clf.predict_proba(X[size:])[:, 0])
                row = dict(size=size, seed=seed, start=name, auroc=round(float(auroc), 4))
                row.update(best_epoch=clf.best_epoch_ + 1, fit_s=round(seconds, 1))
                results.add(**row)
                summary.setdefault((size, name), []).append(row)
    for (size, name), rows in summary.items():
        aurocs = [r["auroc"] for r in rows]
        epochs = [r["best_epoch"] for r in rows]
        results.add(
            size=size,
            start=name,
            summary=True,
            auroc_mean=round(float(np.mean(aurocs)), 4),
            auroc_range=span(aurocs, 3),
            best_epoch_mean=round(float(np.mean(epochs)), 1),
            best_epoch_range=f"{min(epochs)}-{max(epochs)}",
        )
    results.write()


if __name__ == "__main__":
    main()
