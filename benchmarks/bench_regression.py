"""ConvMotifRegressor on planted truth, on real STARR-seq data, its epoch against the classifier.

* planted: :func:`skmotif.datasets.make_motif_regression` (an AP-1 activator, an E-box
  repressor, a SOX2-OCT4 composite that acts only as a pair, a TATA box that acts only
  near the 3' end, Gaussian noise of sd 0.5), 80/20 split. The best reachable test R² is
  ``r2_score(y_test, truth.signal)``; records each setting's test R², its share of that
  ceiling, what it leaves unlearned per role (regression of signal minus prediction on
  the planted features), and which roles the kernels and the TF-MoDISco patterns name
  against JASPAR2024 (q <= 0.05), with the sign of their effect.
* real: plant core promoters measured by STARR-seq in tobacco leaves and maize
  protoplasts (Jores et al. 2021, Nature Plants; 170 nt). The repository of the paper
  (github.com/tobjores/Synthetic-Promoter-Designs-Enabled-by-a-Comprehensive-Analysis-
  of-Plant-Core-Promoters) holds the paper's test sets, CNN/CNN_test_leaf.orig.tsv and
  CNN/CNN_test_proto.orig.tsv (7,154 and 7,595 promoters, 723 in both), but not its
  training sets, and states no licence, so nothing is bundled: the script reads them from
  ../shared/data/jores-2021-plant-promoters (beside the repository), or --jores <clone>/CNN.
  Their union is one two-output data set (leaf, proto; a promoter measured in one system
  only has the other missing, masked in the loss), split 80/20 with a fixed seed. Against
  k-mer counts (k = 1..6, 5,460 features) + RidgeCV per output, and the paper's CNN,
  which trained on about ten times as many promoters (its test R² and Spearman, from the
  repository's CNN_test_*_stats.tsv).
* epoch: steady epoch time of the regressor against the classifier on the same inputs
  (20,000 x 200 nt planted; the classifier's y is the activity above its median),
  alternating the two in one process, several rounds.

Run: python benchmarks/bench_regression.py [planted] [real --jores DIR] [epoch]
"""

import re
import tempfile
from pathlib import Path

import numpy as np
from _harness import Results, Timer, arguments, epoch_clock, lower_quartile, median, span
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier, ConvMotifRegressor
from skmotif.datasets import make_motif_regression
from skmotif.metrics import pearson_r, spearman_rho

#: Settings tried on the planted set: the defaults, the defaults before 0.5.0, and each of the
#: changes of 0.5.0 undone on its own.
SETTINGS = {
    "default": {},
    "defaults_0.4": {
        "global_skip": "first",
        "kernel_len": 25,
        "dropout_input": 0.1,
        "dropout_dense": 0.6,
    },
    "skip_first": {"global_skip": "first"},
    "kernel_len25": {"kernel_len": 25},
    "dropout_input0.1": {"dropout_input": 0.1},
    "dropout_dense0.6": {"dropout_dense": 0.6},
}
#: JASPAR names that count as naming each planted role (families bind the same site).
ROLE_NAMES = {
    "activator": r"FOS|JUN|BATF|ATF3|BACH|NFE2|MAF[FGK]?::NFE|FOSL",
    "repressor": r"MAX|MYC|USF|TFE|MITF|ARNT|BHLHE|CLOCK|NPAS|HEY|MNT|MLX|HES",
    "pair": r"SOX|Sox|POU|Pou|OCT",
    "positional": r"TBP|TATA",
}
#: Where the paper's files are kept beside the repository (not bundled: no licence).
JORES = Path(__file__).resolve().parents[2] / "shared" / "data" / "jores-2021-plant-promoters"
#: The paper's CNN on its own test sets (CNN_test_*_stats.tsv, all species).
PUBLISHED = {"leaf": {"r2": 0.71, "spearman": 0.84}, "proto": {"r2": 0.67, "spearman": 0.79}}


def main():
    def add(parser):
        parser.add_argument("parts", nargs="*", default=["planted", "real", "epoch"])
        parser.add_argument("--n", type=int, default=60000, help="planted sequences")
        parser.add_argument("--settings", nargs="+", default=["default"], choices=SETTINGS)
        parser.add_argument("--seeds", type=int, nargs="+", default=[0])
        parser.add_argument(
            "--no-names", action="store_true", help="planted: skip naming the roles (JASPAR)"
        )
        parser.add_argument(
            "--jores", type=Path, default=JORES, help="the CNN folder of the paper's repository"
        )
        parser.add_argument("--rounds", type=int, default=3)

    args = arguments(__doc__, add)
    results = Results(__file__, args)
    for part in args.parts:
        {"planted": planted, "real": real, "epoch": epoch}[part](args, results)
    results.write()


# -- planted truth ------------------------------------------------------------------------


def planted(args, results):
    n = 600 if args.smoke else args.n
    X, y, truth = make_motif_regression(n, random_state=0)
    train, test = train_test_split(np.arange(n), test_size=0.2, random_state=0)
    ceiling = r2_score(y[test], truth["signal"].to_numpy()[test])
    roles = ["activator", "repressor", "pair", "positional"]
    for name in args.settings:
        for seed in args.seeds:
            params = {**SETTINGS[name], **({"epochs": 2} if args.smoke else {})}
            reg = ConvMotifRegressor(random_state=seed, **params)
            with Timer() as t:
                reg.fit(X[train], y[train])
            prediction = reg.predict(X[test])
            r2 = r2_score(y[test], prediction)
            missed = _unlearned(
                truth.iloc[test][roles], truth["signal"].to_numpy()[test], prediction
            )
            row = dict(
                part="planted",
                setting=name,
                seed=seed,
                train=len(train),
                test=len(test),
                ceiling_r2=ceiling,
                test_r2=r2,
                share_of_ceiling=r2 / ceiling,
                pearson=pearson_r(y[test], prediction),
                epochs=len(reg.history_["loss"]),
                fit_seconds=t.seconds,
                **{f"unlearned_{role}": value for role, value in zip(roles, missed, strict=True)},
            )
            results.add(**row)
            if not (args.smoke or args.no_names):
                names = _named_roles(reg, X[test][:3000], y[test][:3000])
                results.add(part="planted names", setting=name, seed=seed, **names)


def _unlearned(features, signal, prediction):
    """Least-squares coefficients of (signal - prediction) on the planted features: the share
    of each role's effect a model leaves out (0 for a perfect model), in target units."""
    design = np.column_stack([features.to_numpy(float), np.ones(len(signal))])
    coefficients, *_ = np.linalg.lstsq(design, signal - prediction, rcond=None)
    return coefficients[:-1]


def _named_roles(reg, X, y):
    """Which planted roles the kernels and the TF-MoDISco patterns name, and with which sign."""
    from skmotif import kernel_motifs, match_motifs
    from skmotif.interpret import modisco_motifs
    from skmotif.interpret._kernels import KernelSummary

    summary = KernelSummary.compute(reg, X, y)
    kernels = kernel_motifs(reg, X, y, activations=summary.activations)
    found = {}
    table = match_motifs(kernels, "JASPAR2024", tax_group="vertebrates", max_q=0.05, n_best=3)
    best = dict(tuple(table.groupby("query")))
    for role, pattern in ROLE_NAMES.items():
        hits = [
            k
            for k, rows in best.items()
            if any(re.search(pattern, str(name)) for name in rows["target_name"])
        ]
        signs = sorted({"+" if summary.regression.correlation[k, 0] > 0 else "-" for k in hits})
        found[f"kernels_{role}"] = f"{len(hits)} ({'/'.join(signs) or 'none'})"
    patterns = modisco_motifs(reg, X[:1000], n_shuffles=10, random_state=0)
    if patterns:
        motifs = [p.motif for p in patterns]
        table = match_motifs(motifs, "JASPAR2024", tax_group="vertebrates", max_q=0.05, n_best=3)
        best = dict(tuple(table.groupby("query")))
        for role, pattern in ROLE_NAMES.items():
            signs = sorted(
                {
                    "+" if patterns[q].sign > 0 else "-"
                    for q, rows in best.items()
                    if any(re.search(pattern, str(name)) for name in rows["target_name"])
                }
            )
            found[f"patterns_{role}"] = "/".join(signs) or "none"
    return found


# -- real data ------------------------------------------------------------------------------


def _jores(folder, smoke):
    """(sequences, DataFrame of leaf and proto enrichment with NaN where not measured)."""
    import pandas as pd

    if smoke or not (folder / "CNN_test_leaf.orig.tsv").exists():
        if not smoke:
            raise SystemExit(f"real needs the paper's files in {folder}: pass --jores <clone>/CNN")
        folder = Path(tempfile.mkdtemp())
        rng = np.random.default_rng(0)
        for name in ("leaf", "proto"):  # a stand-in of the files' layout, for --smoke
            seqs = ["".join(rng.choice(list("ACGT"), 170)) for _ in range(300)]
            lines = ["set\tsp\tgene\tsequence\tenrichment"]
            lines += [
                f"test\tAt\tg{i}\t{s}\t{s.count('TATA') + rng.normal()}"
                for i, s in enumerate(seqs)
            ]
            (folder / f"CNN_test_{name}.orig.tsv").write_text("\n".join(lines) + "\n")
    tables = [
        pd.read_csv(folder / f"CNN_test_{name}.orig.tsv", sep="\t")[
            ["sequence", "enrichment"]
        ].rename(columns={"enrichment": name})
        for name in ("leaf", "proto")
    ]
    merged = tables[0].merge(tables[1], on="sequence", how="outer").sort_values("sequence")
    return merged["sequence"].to_numpy(), merged[["leaf", "proto"]].reset_index(drop=True)


def _kmer_ridge(X_train, Y_train, X_test):
    """k-mer counts (k = 1..6) + RidgeCV per output (on its measured rows); predictions."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import RidgeCV

    counts = CountVectorizer(analyzer="char", ngram_range=(1, 6), lowercase=False)
    train_features = counts.fit_transform(X_train).astype(float)
    test_features = counts.transform(X_test).astype(float)
    predictions = np.empty((len(X_test), Y_train.shape[1]))
    for o in range(Y_train.shape[1]):
        known = ~np.isnan(Y_train[:, o])
        model = RidgeCV(alphas=np.logspace(-1, 5, 13)).fit(
            train_features[known], Y_train[known, o]
        )
        predictions[:, o] = model.predict(test_features)
    return predictions, train_features.shape[1]


def real(args, results):
    X, Y = _jores(args.jores, args.smoke)
    train, test = train_test_split(np.arange(len(X)), test_size=0.2, random_state=0)
    values = Y.to_numpy()
    sides = {}
    with Timer() as t:
        sides["k-mer RidgeCV"], n_features = _kmer_ridge(X[train], values[train], X[test])
    seconds = {"k-mer RidgeCV": t.seconds}
    for seed in args.seeds:
        params = {"missing_targets": "mask", "random_state": seed}
        reg = ConvMotifRegressor(**params, **({"epochs": 2} if args.smoke else {}))
        with Timer() as t:
            reg.fit(X[train], Y.iloc[train])
        name = f"skmotif defaults, seed {seed}"
        sides[name], seconds[name] = reg.predict(X[test]), t.seconds
    for side, prediction in sides.items():
        for o, output in enumerate(Y.columns):
            known = ~np.isnan(values[test, o])
            truth, pred = values[test, o][known], prediction[known, o]
            results.add(
                part="real",
                side=side,
                output=output,
                train=int((~np.isnan(values[train, o])).sum()),
                test=int(known.sum()),
                pearson=pearson_r(truth, pred),
                spearman=spearman_rho(truth, pred),
                r2=r2_score(truth, pred),
                fit_seconds=seconds[side],
                **({"features": n_features} if side == "k-mer RidgeCV" else {}),
            )
    for output, figures in PUBLISHED.items():
        results.add(
            part="real",
            side="published CNN (Jores et al. 2021; about 10x the training data)",
            output=output,
            spearman=figures["spearman"],
            r2=figures["r2"],
        )


# -- epoch time -----------------------------------------------------------------------------


def epoch(args, results):
    n = 2000 if args.smoke else 20000
    X, y, _ = make_motif_regression(n, random_state=1)
    sides = {
        "classifier": (ConvMotifClassifier, (y > np.median(y)).astype(int)),
        "regressor": (ConvMotifRegressor, y),
    }
    times = {side: [] for side in sides}
    for r in range(1 if args.smoke else args.rounds):
        for side in list(sides) if r % 2 == 0 else list(sides)[::-1]:
            kind, target = sides[side]
            clock = epoch_clock()
            kind(epochs=3, patience_stopping=50, random_state=r, callbacks=[clock]).fit(X, target)
            times[side] += clock.steady()
    base = lower_quartile(times["classifier"]), median(times["classifier"])
    for side, seconds in times.items():
        results.add(
            part="epoch",
            side=side,
            sequences=n,
            range_s=span(seconds),
            lower_quartile_s=lower_quartile(seconds),
            median_s=median(seconds),
            lower_quartile_ratio_to_classifier=lower_quartile(seconds) / base[0],
            median_ratio_to_classifier=median(seconds) / base[1],
        )


if __name__ == "__main__":
    main()
