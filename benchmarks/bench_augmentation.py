"""Reverse-complement and shift augmentation, strand averaging, and variant effects.

Fits skmotif's default network on two data sets, with three augmentations,
each with training seeds 0 1 2 (the data and split stay the same):

* planted: bench_recovery's 12 JASPAR motifs planted on either strand in
  20,000 x 200 nt, multi-label (16,000 train, 4,000 test); motifs recovered
  = planted motifs some first-layer kernel matches at q <= 0.05 against all
  879 JASPAR2024 vertebrate motifs;
* pum2: the bundled PUM2 RNA set, the demo's 80/20 split (RNA binding is
  strand-specific, so the opposite strand is not a real binding site);

augmentations: none; ``reverse_complement=True``; ``reverse_complement=True,
max_shift=10``. Each fit reports its test auROC (macro over labels) as it
predicts and with ``average_strands=True``, the median steady epoch time
(without the first epoch), and the fit time. Then ``variant_effects`` is
checked against ``ism`` on the same substitutions and timed.

``--epoch-time`` measures only the steady epoch time with each
augmentation, alternating them (5 epochs per fit, 3 rounds, the planted
set), for a quiet machine.

Run: python benchmarks/bench_augmentation.py [--data planted pum2] [--seeds 0 1 2]
     python benchmarks/bench_augmentation.py --epoch-time
"""

import numpy as np
import pandas as pd
from _harness import PLANTED, Results, Timer, arguments, epoch_clock, planted_data
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier, kernel_motifs, match_motifs
from skmotif.datasets import load_pum2
from skmotif.interpret import ism, variant_effects

AUGMENTATIONS = {
    "none": {},
    "rc": {"reverse_complement": True},
    "rc+shift10": {"reverse_complement": True, "max_shift": 10},
}


def data(name, smoke=False):
    """(X_train, y_train, X_test, y_test, fixed parameters); a small part with ``smoke``."""
    if name == "planted":
        X, y = planted_data(300 if smoke else 20000)
        split = train_test_split(X, y, test_size=0.2, random_state=0)
        return (*split[::2], *split[1::2], {})
    X, y = load_pum2()
    X, y = (X[::40], y[::40]) if smoke else (X, y)
    split = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    return (*split[::2], *split[1::2], {"kernel_len": 8, "alphabet": "ACGU"})


def recovered(clf, X_test, y_test):
    table = match_motifs(kernel_motifs(clf, X_test, y_test), tax_group="vertebrates", max_q=0.05)
    return len(set(table["target_id"]) & set(PLANTED.values()))


def auroc(clf, X, y):
    proba = clf.predict_proba(X)
    return roc_auc_score(y, proba if y.ndim == 2 else proba[:, 1], average="macro")


def variants_check(clf, X_test, results, n_sequences=200):
    """Largest |variant_effects - ism| over every substitution of some sequences, and speed."""
    X = list(X_test[:n_sequences])
    symbols = str(clf.alphabet_)
    with Timer() as t_ism:
        effect = ism(clf, X, target=clf.classes_[-1])
    variants = [(i, p, s[p], a) for i, s in enumerate(X) for p in range(len(s)) for a in symbols]
    with Timer() as t_var:
        table = variant_effects(clf, X, variants)
    expected = np.array([effect[i, p, symbols.index(a)] for i, p, _, a in variants])
    worst = np.abs(table["logit_diff"].to_numpy() - expected).max()
    results.add(
        check="variant_effects vs ism",
        substitutions=len(variants),
        max_abs_difference=float(worst),
        variants_per_second=len(variants) / t_var.seconds,
        ism_substitutions_per_second=len(variants) / t_ism.seconds,
    )


def epoch_times(results, smoke, rounds=3, epochs=5):
    """Steady epoch seconds per augmentation on the planted set, the augmentations alternating."""
    X_train, y_train, _, _, fixed = data("planted", smoke)
    rounds, epochs = (1, 2) if smoke else (rounds, epochs)
    times = {name: [] for name in AUGMENTATIONS}
    for _ in range(rounds):
        for name, params in AUGMENTATIONS.items():
            clock = epoch_clock()
            ConvMotifClassifier(
                **fixed, **params, epochs=epochs, random_state=0, callbacks=[clock]
            ).fit(X_train, y_train)
            times[name] += clock.steady()
    for name, seconds in times.items():
        results.add(
            augmentation=name,
            steady_epoch_min=min(seconds),
            steady_epoch_median=float(np.median(seconds)),
            steady_epoch_max=max(seconds),
            epochs=len(seconds),
        )


def main():
    def add(parser):
        parser.add_argument("--data", nargs="+", default=["planted", "pum2"])
        parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
        parser.add_argument("--epoch-time", action="store_true")

    args = arguments(__doc__, add)
    results = Results(__file__, args)
    if args.epoch_time:
        epoch_times(results, args.smoke)
        results.write()
        return
    seeds = args.seeds[:1] if args.smoke else args.seeds
    quick = {"epochs": 2} if args.smoke else {}
    for name in args.data:
        X_train, y_train, X_test, y_test, fixed = data(name, args.smoke)
        rows = []
        for seed in seeds:
            for augmentation, params in AUGMENTATIONS.items():
                clock = epoch_clock()
                clf = ConvMotifClassifier(
                    **fixed, **params, **quick, random_state=seed, callbacks=[clock]
                )
                with Timer() as fit:
                    clf.fit(X_train, y_train)
                row = {
                    "data": name,
                    "augmentation": augmentation,
                    "seed": seed,
                    "auROC": auroc(clf, X_test, y_test),
                    "auROC strands averaged": auroc(
                        clf.set_params(average_strands=True), X_test, y_test
                    ),
                    "epoch s": float(np.median(clock.steady())),
                    "epochs": len(clf.history_["loss"]),
                    "fit s": fit.seconds,
                }
                if name == "planted":
                    row["motifs recovered"] = recovered(clf, X_test, y_test)
                rows.append(row)
                results.add(**row)
                if seed == seeds[0] and augmentation == "none":
                    n_sequences = 2 if args.smoke else 200
                    variants_check(
                        clf.set_params(average_strands=False), X_test, results, n_sequences
                    )
        table = pd.DataFrame(rows).drop(columns=["data", "seed"])
        table = table.groupby("augmentation", sort=False)
        summary = table.agg(lambda v: f"{v.mean():.3f} [{v.min():.3f}-{v.max():.3f}]")
        print(f"\n{name}, seeds {seeds}: mean [min-max]\n{summary.to_string()}\n", flush=True)
    results.write()


if __name__ == "__main__":
    main()
