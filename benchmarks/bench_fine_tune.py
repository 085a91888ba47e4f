"""Fine-tuning from a parent model (parent=) against training from scratch, on small data.

Issue 48. The parent is a default ``ConvMotifClassifier`` fit on ``--n-parent`` sequences of
200 random bases where classes 1-4 each carry one of four degenerate motifs (AP-1-, GATA-,
CTCF- and ETS-like PWMs) and class 0 none. The related small task: a regressor on new
sequences whose value is the number of AP-1 sites times 1.0 plus GATA sites times 0.5 plus
noise (0-3 sites of each, planted anywhere), ``--sizes`` training sequences, 2,000 test
ones. Per size and seed (``--seeds``, default 0-4): a default ``ConvMotifRegressor`` from
scratch and one with ``parent=FrozenEstimator(parent)`` (the parent's trunk, a new head),
alternated. Rows: test R², the epoch of the best validation loss, fit time; then per size and
start the mean and range over seeds.

Run: ``python benchmarks/bench_fine_tune.py`` (about 10 minutes on 2 cores).
"""

import time
import warnings

import numpy as np
from _harness import Results, arguments, span
from sklearn.frozen import FrozenEstimator

from skmotif import ConvMotifClassifier, ConvMotifRegressor, Motif
from skmotif.datasets import make_motif_sequences

PWMS = {
    "AP1": ["TGACTCA", "TGAGTCA", "TGACTCA", "TTACTCA", "TGACTAA"],
    "GATA": ["AGATAAG", "TGATAAG", "AGATAAC", "AGATTAG", "GGATAAG"],
    "CTCF": ["CCGCGAGGGGG", "CCACTAGGGGG", "CCGCTAGAGGG", "CAGCGAGGGGG"],
    "ETS": ["CCGGAAGT", "ACGGAAGT", "CCGGAAAT", "CAGGAAGT"],
}


def options(parser):
    parser.add_argument("--n-parent", type=int, default=8000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 500])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--n-test", type=int, default=2000)
    parser.add_argument("--epochs", type=int, default=100)


def motifs():
    return [Motif.from_sequences(s, "ACGT", name=n, pseudocount=0.1) for n, s in PWMS.items()]


def activity(n, planted, seed):
    """Sequences with 0-3 AP-1 and 0-3 GATA sites; value = AP-1 + 0.5 GATA + noise."""
    rng = np.random.RandomState(seed)
    counts = rng.randint(0, 4, size=(n, 2))
    sequences = []
    for ap1, gata in counts:
        x = rng.choice(list("ACGT"), 200)
        for motif, k in ((planted[0], ap1), (planted[1], gata)):
            for _ in range(k):
                width = len(motif.probabilities)
                start = rng.randint(0, 200 - width)
                site = [rng.choice(list("ACGT"), p=p / p.sum()) for p in motif.probabilities]
                x[start : start + width] = site
        sequences.append("".join(x))
    y = counts[:, 0] + 0.5 * counts[:, 1] + rng.normal(0, 0.3, n)
    return np.array(sequences), y


def main():
    args = arguments(__doc__, options)
    if args.smoke:
        args.n_parent, args.sizes, args.seeds, args.n_test, args.epochs = 200, [60], [0], 100, 2
    results = Results(__file__, args)
    planted = motifs()
    X, y, _ = make_motif_sequences(args.n_parent, planted, length=200, random_state=0)
    start = time.perf_counter()
    parent = ConvMotifClassifier(random_state=0, epochs=args.epochs).fit(X, y)
    results.add(parent_fit_s=round(time.perf_counter() - start, 1), parent_n=args.n_parent)
    summary = {}
    for size in args.sizes:
        X, y = activity(size + args.n_test, planted, seed=size)
        for seed in args.seeds:
            for name, given in (("scratch", None), ("fine-tuned", FrozenEstimator(parent))):
                reg = ConvMotifRegressor(random_state=seed, epochs=args.epochs, parent=given)
                start = time.perf_counter()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # small sets: "ended without learning"
                    reg.fit(X[:size], y[:size])
                row = dict(size=size, seed=seed, start=name)
                row.update(r2=round(float(reg.score(X[size:], y[size:])), 4))
                row.update(best_epoch=reg.best_epoch_ + 1)
                row.update(fit_s=round(time.perf_counter() - start, 1))
                results.add(**row)
                summary.setdefault((size, name), []).append(row)
    for (size, name), rows in summary.items():
        r2 = [r["r2"] for r in rows]
        epochs = [r["best_epoch"] for r in rows]
        results.add(
            size=size,
            start=name,
            summary=True,
            r2_mean=round(float(np.mean(r2)), 4),
            r2_range=span(r2, 3),
            best_epoch_mean=round(float(np.mean(epochs)), 1),
        )
    results.write()


if __name__ == "__main__":
    main()
