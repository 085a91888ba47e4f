"""Motif recovery from TF-MoDISco patterns of DeepLIFT/SHAP contributions, against kernels.

bench_recovery's data and split (12 JASPAR2024 motifs planted in 20,000 x
200 nt, multi-label; 16,000 train, 4,000 test). Each setting is trained
once; then, for every planted label, ``modisco_motifs`` reads the test
sequences that carry it (that label's logit) and its positive patterns are
matched against all 879 JASPAR2024 vertebrate motifs. A planted motif is
recovered from the patterns when one of its label's patterns matches its
matrix at q <= 0.05; the kernel count is bench_recovery's (some first-layer
kernel matches it), from the same trained network.

Run: python benchmarks/bench_patterns.py [--settings cnn2 cnn25 default] [--seeds 0]
[--leiden-runs 50 10] (training seeds; the data stay the same; ``--leiden-runs``: modisco-lite's
``n_leiden_runs`` values to compare on each trained network, default skmotif's)
"""

import numpy as np
from _harness import PLANTED, SETTINGS, Results, Timer, arguments, planted_data
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier, kernel_motifs, match_motifs
from skmotif.interpret import modisco_motifs
from skmotif.interpret._patterns import N_LEIDEN_RUNS


def main():
    def add(parser):
        parser.add_argument(
            "--settings", nargs="+", default=["cnn2", "cnn25", "default"], choices=list(SETTINGS)
        )
        parser.add_argument("--seeds", nargs="+", type=int, default=[0])
        parser.add_argument("--leiden-runs", nargs="+", type=int, default=[None])

    args = arguments(__doc__, add)
    X, y = planted_data(400 if args.smoke else 20000)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
    ids = list(PLANTED.values())[:1] if args.smoke else list(PLANTED.values())
    settings = ["default"] if args.smoke else args.settings
    results = Results(__file__, args)
    for name, seed in ((name, seed) for name in settings for seed in args.seeds):
        params = dict(SETTINGS[name])
        if isinstance(params.get("pool_size"), tuple):
            params["pool_stride"] = params["pool_size"]
        if args.smoke:
            params["epochs"] = 1
        clf = ConvMotifClassifier(**params, random_state=seed).fit(X_train, y_train)
        proba = clf.predict_proba(X_test)
        aucs = [roc_auc_score(y_test[:, k], proba[:, k]) for k in range(len(ids))]
        kernels = match_motifs(
            kernel_motifs(clf, X_test, y_test), tax_group="vertebrates", max_q=0.05
        )
        by_kernels = set(kernels["target_id"]) & set(ids)
        for runs in args.leiden_runs:
            params = {} if runs is None else {"n_leiden_runs": runs}
            by_patterns, found, seconds = _patterns(clf, X_test, y_test, ids, params)
            results.add(
                setting=name,
                seed=seed,
                n_leiden_runs=runs or f"skmotif's default ({N_LEIDEN_RUNS})",
                test_auroc=float(np.mean(aucs)),
                kernels_recover=f"{len(by_kernels)}/{len(ids)}",
                patterns_recover=f"{len(by_patterns)}/{len(ids)}",
                modisco_minutes=seconds / 60,
                per_label="; ".join(found),
            )
    results.write()


def _patterns(clf, X_test, y_test, ids, params):
    """Planted motifs recovered from each label's positive patterns; the lines; seconds."""
    by_patterns, found = set(), []
    with Timer() as timer:
        for label, target_id in enumerate(ids):
            carriers = X_test[y_test[:, label] == 1]
            try:
                patterns = modisco_motifs(clf, carriers, label, random_state=0, **params)
            except RuntimeError as error:
                found.append(f"{target_id}: modisco-lite failed ({error})")
                continue
            motifs = [p.motif for p in patterns if p.sign > 0]
            if not motifs:
                found.append(f"{target_id}: no pattern")
                continue
            table = match_motifs(motifs, tax_group="vertebrates", max_q=0.05)
            hit = table[table["target_id"] == target_id]
            if len(hit):
                by_patterns.add(target_id)
            best = table.nsmallest(1, "q_value")
            top = best["target_name"].iloc[0] if len(best) else "-"
            found.append(
                f"{target_id}: {len(motifs)} patterns, planted {'yes' if len(hit) else 'no'}"
                f", best match {top}"
            )
    return by_patterns, found, timer.seconds


if __name__ == "__main__":
    main()
