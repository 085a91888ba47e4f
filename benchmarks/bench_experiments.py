"""In-silico experiments on a planted motif grammar: insertion, spacing, ablation, design, speed.

Issue 46. ``make_motif_grammar`` plants graded activators (+2, +1, +0.5 per site), a repressor
(-1.5), a null motif (0), an additive pair (interaction 0) and a pair that cooperates on one
strand at spacings 10, 21 and 31 (bonus 1.5, 1.0, 0.6; half one base off); ``grammar_signal``
scores any sequence by that truth. One ``ConvMotifRegressor`` (defaults, ``--seed``) and a
second one (``--seed + 1``, the design's independent check) are fit on ``--n-train``
sequences of 200 bases; then, against the planted numbers:

* insertion of each motif at the centre of 100 dinucleotide-shuffled backgrounds: signs right;
  the null motif's interval covers 0 and its effect is under 10% of the strong activator's;
* spacing of the cooperating pair (0-50, four orientations): Pearson r of the same-strand
  interaction curves with the planted curve (goal >= 0.8) and each planted peak found within
  +-1 base; the additive pair's interactions;
* ablation of the graded motifs in held-out sequences: their mean effects ranked like the
  insertion effects (Spearman, goal >= 0.8);
* design from 10 random starts (GC 0.35-0.65, no GAATTC, at most 60 greedy edits): ground
  truth of the designs against the best training sequence, the strong activator present
  and the repressor absent, every constraint checked on every design, the check model's
  scores;
* throughput of each experiment in variants per second, against ``predict`` on as many
  sequences (alternated, ``--repeats`` times; the range is reported).

Run: ``python benchmarks/bench_experiments.py`` (about 15 minutes on 2 cores).
"""

import json
import time

import numpy as np
from _harness import Results, arguments, span
from scipy.stats import pearsonr, spearmanr

from skmotif import ConvMotifRegressor
from skmotif.datasets import (
    GRAMMAR_MOTIFS,
    GRAMMAR_PEAKS,
    grammar_signal,
    grammar_spacing_bonus,
    make_motif_grammar,
)
from skmotif.experiments import ablate_motif, design_sequences, insert_motif, motif_spacing

GRADED = ["activator_strong", "activator_medium", "activator_weak", "repressor", "null"]


def options(parser):
    parser.add_argument("--n-train", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--backgrounds", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--params", type=json.loads, default={}, help="estimator parameters, as JSON"
    )


def fit(X, y, seed, epochs, params):
    start = time.perf_counter()
    reg = ConvMotifRegressor(random_state=seed, epochs=epochs, verbose=0, **params).fit(X, y)
    return reg, time.perf_counter() - start


def insertion(results, reg, X, n):
    effects = {}
    for role, (consensus, _, planted) in GRAMMAR_MOTIFS.items():
        row = insert_motif(reg, consensus, X, n_backgrounds=n, random_state=0).iloc[0]
        effects[role] = row.effect
        results.add(
            part="insertion",
            motif=role,
            consensus=consensus,
            planted=planted,
            effect=row.effect,
            low=row.low,
            high=row.high,
            sign_right=bool(np.sign(row.effect) == np.sign(planted)) if planted else None,
            covers_zero=bool(row.low <= 0 <= row.high),
        )
    null_share = abs(effects["null"]) / abs(effects["activator_strong"])
    results.add(part="insertion summary", null_share_of_strong=null_share, goal="< 0.10")
    return effects


def spacing(results, reg, X, n, smoke):
    spacings = np.arange(0, 51 if not smoke else 12)
    first, second = (GRAMMAR_MOTIFS[r][0] for r in ("cooperative_a", "cooperative_b"))
    table = motif_spacing(reg, first, second, X, spacings, n_backgrounds=n, random_state=0)
    planted = grammar_spacing_bonus(spacings)
    for orientation, rows in table.groupby("orientation"):
        curve = rows.interaction.to_numpy()
        same = orientation in ("++", "--")
        r = pearsonr(curve, planted)[0] if same and planted.std() > 0 else None
        found = {
            p: int(spacings[np.argmax(np.where(abs(spacings - p) <= 3, curve, -np.inf))])
            for p in GRAMMAR_PEAKS
            if p <= spacings.max()
        }
        results.add(
            part="spacing",
            pair="cooperative",
            orientation=orientation,
            planted_cooperates=same,
            pearson_with_planted=r,
            goal=">= 0.8" if same else None,
            peaks_found=found,
            peaks_within_1=all(abs(f - p) <= 1 for p, f in found.items()),
            max_interaction=curve.max(),
            mean_abs_off_peak=np.abs(curve[planted == 0]).mean(),
        )
    first, second = (GRAMMAR_MOTIFS[r][0] for r in ("additive_a", "additive_b"))
    table = motif_spacing(reg, first, second, X, spacings, n_backgrounds=n, random_state=0)
    results.add(
        part="spacing",
        pair="additive",
        orientation="all",
        planted_cooperates=False,
        mean_interaction=table.interaction.mean(),
        max_abs_interaction=table.interaction.abs().max(),
        share_of_intervals_covering_0=float(((table.low <= 0) & (table.high >= 0)).mean()),
    )


def ablation(results, reg, X_test, inserted):
    ablated = {}
    for role in GRADED:
        sites, _ = ablate_motif(reg, X_test, GRAMMAR_MOTIFS[role][0], random_state=0)
        ablated[role] = -sites.effect.mean() if len(sites) else np.nan
        results.add(
            part="ablation",
            motif=role,
            sites=len(sites),
            loss=ablated[role],
            planted=GRAMMAR_MOTIFS[role][2],
        )
    rho = spearmanr([ablated[r] for r in GRADED], [inserted[r] for r in GRADED])[0]
    results.add(part="ablation summary", spearman_with_insertion=rho, goal=">= 0.8")


def design(results, reg, check, y_signal, smoke):
    kwargs = dict(gc=(0.35, 0.65), forbidden=["GAATTC"], max_edits=60, n_steps=60)
    motifs = [GRAMMAR_MOTIFS[r][0] for r in ("activator_strong", "repressor")]
    start = time.perf_counter()
    table = design_sequences(
        reg, n_designs=3 if smoke else 10, check=check, motifs=motifs, random_state=0, **kwargs
    )
    seconds = time.perf_counter() - start
    truth = grammar_signal(table.sequence.to_numpy())
    start_truth = grammar_signal(table.start.to_numpy())
    gc = np.array([(s.count("G") + s.count("C")) / len(s) for s in table.sequence])
    ok = [
        0.35 <= g <= 0.65 and "GAATTC" not in s and e <= 60
        for g, s, e in zip(gc, table.sequence, table.edits, strict=True)
    ]
    results.add(
        part="design",
        designs=len(table),
        seconds=seconds,
        truth_designs=span(truth),
        truth_starts=span(start_truth),
        best_training_truth=float(np.max(y_signal)),
        above_best_training=int((truth > np.max(y_signal)).sum()),
        model_scores=span(table.score),
        check_scores=span(table.check_score),
        with_strong_activator=int((table[motifs[0]] > 0).sum()),
        with_repressor=int((table[motifs[1]] > 0).sum()),
        all_constraints_met=all(ok),
    )


def throughput(results, reg, X, n, repeats):
    """Variants per second of each experiment, against predict on as many sequences."""
    runs = {
        "insertion (all positions)": (
            lambda: insert_motif(reg, "TGACTCA", X, "all", n_backgrounds=n),
            lambda: n * (200 - 7 + 2),
        ),
        "spacing (0-50, 4 orientations)": (
            lambda: motif_spacing(reg, "ACAAAGG", "ATGCAAAT", X, n_backgrounds=n),
            lambda: n * (1 + 4 * (1 + 2 * 51)),
        ),
    }
    for name, (run, count) in runs.items():
        variants = count()
        pool = np.resize(np.asarray(X), variants)
        mine, plain = [], []
        for _ in range(repeats):  # alternated
            t = time.perf_counter()
            run()
            mine.append(variants / (time.perf_counter() - t))
            t = time.perf_counter()
            reg.predict(pool)
            plain.append(variants / (time.perf_counter() - t))
        results.add(
            part="throughput",
            experiment=name,
            variants=variants,
            variants_per_s=span(mine, 0),
            predict_per_s=span(plain, 0),
            ratio=span([a / b for a, b in zip(mine, plain, strict=True)]),
        )


def main():
    args = arguments(__doc__, options)
    n_train = 400 if args.smoke else args.n_train
    epochs = 2 if args.smoke else args.epochs
    n = 10 if args.smoke else args.backgrounds
    results = Results(__file__, args)
    X, y, truth = make_motif_grammar(n_train + n_train // 4, random_state=args.seed)
    X_train, y_train, X_test = X[:n_train], y[:n_train], X[n_train:]
    reg, seconds = fit(X_train, y_train, args.seed, epochs, args.params)
    check, _ = fit(X_train, y_train, args.seed + 1, epochs, args.params)
    results.add(
        part="fit",
        train=n_train,
        fit_seconds=seconds,
        epochs_run=len(reg.history_["loss"]),
        test_r2=reg.score(X_test, y[n_train:]),
        ceiling_r2=1 - np.var(y[n_train:] - truth["signal"][n_train:]) / np.var(y[n_train:]),
    )
    inserted = insertion(results, reg, X_train, n)
    spacing(results, reg, X_train, n, args.smoke)
    ablation(results, reg, X_test, inserted)
    design(results, reg, check, truth["signal"][:n_train], args.smoke)
    throughput(results, reg, X_train, n, 1 if args.smoke else args.repeats)
    results.write()


if __name__ == "__main__":
    main()
