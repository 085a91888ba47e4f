"""Which CNN the genome path should train by default: yeast ChIP-exo peaks against JASPAR PWMs.

Data: ``/work/bench_data/chip`` (``--data``): sacCer3 as ``genome.fa`` (chr1..chr16, chrM)
and, per factor, ``<Factor>.bed`` of 1-bp ChExMix summits (Rossi et al. 2021); the factor's
JASPAR matrix comes from pyjaspar (JASPAR2024, the IDs of ``SOURCES.md``).

Protocol, per factor (and per training seed):

* Chromosomes: test chr4 and chr15 (the two largest, with the most peaks of every factor:
  Cbf1, the fewest, has 18 + 16 there), validation chr12 (its windows are passed as
  ``validation_data``), training all the others; chrM is left out (no summit lies there).
  Summits closer than 100 + J (J = 50) to a chromosome end are dropped.
* Training data: windows of 200 + 2J = 300 nt centred on the summits
  (``extract(..., width=200, flank=50)``) and as many GC-matched backgrounds
  (``background_regions(kind="gc", width=300, random_state=0)``), every model
  ``reverse_complement=True, average_strands=True`` and early stopping as the estimator
  has it. Models with ``random_crop=50`` read a random 200-window of each 300-nt sequence
  every epoch; ``crop0`` (the old behaviour, no crop) trains on the central 200 nt of the
  same sequences, so that every model sees the same peaks and backgrounds.
* Test sets (chr4 + chr15): every held-out summit, and 5x as many positions drawn
  uniformly from those chromosomes, at least 500 bp from any of the factor's summits
  (``--bg-ratio``; the genome has no N).
* window auROC: ``predict_proba`` of the 200-nt windows centred on the summits against
  those centred on the uniform positions.
* track auROC: ``scan(model, genome, track.bw, regions=chr4+chr15, step=50)``; the track
  value at each summit against the value at each uniform position.
* PWM: the JASPAR matrix (counts + 0.01 pseudocount per base, as probabilities) as log2
  odds against the genome's base composition; the best score over both strands and all
  positions of the same 200-nt windows gives its window auROC. For a PWM the "track"
  score at a position is the same best score in the 200-nt window centred there, so it
  is reported once (``pwm`` in both columns).

Configurations (``--configs`` takes names or their first part: ``genome``, ``a`` ... ``g``;
every one ``random_state=seed, reverse_complement=True, average_strands=True`` plus):

* ``genome_params``: ``skmotif.genome.genome_params(n_train)``, the genome path's own
  choice (one convolution of n_train / 100 kernels of 15, 8 to 64, global max pooling, no
  dense layer, ``dropout_conv=0``, ``random_crop=50``);
* a: the estimator's defaults, ``random_crop=0`` (the old behaviour); b: defaults,
  ``random_crop=50``;
* c: ``conv_num=1, kernel_num=8, kernel_len=15, pool_size="global", dense_num=0``
  (``dropout_conv`` stays at its default 0.3), ``random_crop=50``; d: c with 32 kernels;
  e: c with ``dense_num=1, neuron_num=32``;
* f: ``conv_num=2, kernel_num=(32, 32), kernel_len=(15, 7), pool_size=(2, "global"),
  pool_stride=(2, 1), dense_num=0``, ``random_crop=50``;
* g: d with ``first_activation="exponential"``, with ``kernel_len=19``, with
  ``learning_rate=0.01``, with ``dropout_input=0.1``, and with ``kernel_len=19`` and
  ``dropout_input=0.1`` together; and the defaults with an exponential first layer.

Each row records the window and track auROC, the PWM's, the fit's wall seconds, the
epochs it ran and the best epoch, the scan's seconds and the warnings the fit and the
scan raised (less Keras's NumPy 2 DeprecationWarning, which is not skmotif's).

Run: python benchmarks/bench_genome_models.py [--factors Reb1 Abf1 ...] [--configs a b ...]
[--seeds 0 1] [--data DIR]. Default: all 7 factors, every config, seeds 0 and 1 (about
30 minutes on 2 cores). --smoke: Cbf1, two configs of 2 epochs, seconds.
"""

import time
import warnings
from pathlib import Path

import numpy as np
from _harness import Results, arguments

DATA = Path("/work/bench_data/chip")
JASPAR = {
    "Reb1": "MA0363.3",
    "Abf1": "MA0265.3",
    "Rap1": "MA0359.3",
    "Mcm1": "MA0331.1",
    "Ume6": "MA0412.3",
    "Tbf1": "MA0403.3",
    "Cbf1": "MA0281.3",
}
TEST = ["chr4", "chr15"]
VALIDATION = ["chr12"]
EXCLUDED = ["chrM"]
WIDTH = 200
FLANK = 50
MIN_DISTANCE = 500

_C = dict(conv_num=1, kernel_num=8, kernel_len=15, pool_size="global", dense_num=0)
#: name -> (estimator parameters, random_crop); "genome" is skmotif.genome.genome_params(n_train).
CONFIGS = {
    "genome_params": ("genome", FLANK),
    "a_default_crop0": ({}, 0),
    "b_default_crop50": ({}, FLANK),
    "c_global8": (_C, FLANK),
    "d_global32": (dict(_C, kernel_num=32), FLANK),
    "e_global8_dense32": (dict(_C, dense_num=1, neuron_num=32), FLANK),
    "f_two32_global": (
        dict(
            conv_num=2,
            kernel_num=(32, 32),
            kernel_len=(15, 7),
            pool_size=(2, "global"),
            pool_stride=(2, 1),
            dense_num=0,
        ),
        FLANK,
    ),
    "g_global32_exp": (dict(_C, kernel_num=32, first_activation="exponential"), FLANK),
    "g_global32_len19": (dict(_C, kernel_num=32, kernel_len=19), FLANK),
    "g_global32_lr01": (dict(_C, kernel_num=32, learning_rate=0.01), FLANK),
    "g_global32_dropin": (dict(_C, kernel_num=32, dropout_input=0.1), FLANK),
    "g_global32_len19_dropin": (dict(_C, kernel_num=32, kernel_len=19, dropout_input=0.1), FLANK),
    "g_default_exp": (dict(first_activation="exponential"), FLANK),
}
#: --configs accepts a config's letter for all the configs it starts ("g") or its full name.
SMOKE_CONFIGS = {
    "a_default_crop0": ({"epochs": 2}, 0),
    "c_global8": (dict(_C, epochs=2), FLANK),
}


def main():
    def add(parser):
        parser.add_argument("--data", type=Path, default=DATA)
        parser.add_argument("--factors", nargs="+", default=list(JASPAR))
        parser.add_argument(
            "--configs", nargs="+", default=["genome", "a", "b", "c", "d", "e", "f", "g"]
        )
        parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1])
        parser.add_argument("--bg-ratio", type=int, default=5)

    args = arguments(__doc__, add)
    results = Results(__file__, args)
    if args.smoke:
        args.factors, configs, args.seeds = ["Cbf1"], SMOKE_CONFIGS, [0]
    else:
        configs = {
            name: value
            for name, value in CONFIGS.items()
            if any(name == c or name.split("_")[0] == c for c in args.configs)
            or (name == "genome_params" and "genome" in args.configs)
        }
    if not (args.data / "genome.fa").exists():  # the data are not shipped with the package
        print(f"no genome.fa under {args.data}: nothing to measure (give --data)")
        results.add(skipped=f"no data at {args.data}")
        results.write()
        return
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="bench_genome_models_"))
    from skmotif.genome import Genome

    genome = Genome(args.data / "genome.fa")
    background = base_composition(genome)
    summary, cache = {}, {}
    # Seeds outside factors: every factor's first seed comes before any second seed.
    for seed in args.seeds:
        for factor in args.factors:
            if factor not in cache:
                data = factor_data(genome, args.data / f"{factor}.bed", args.bg_ratio, folder)
                pwm = pwm_auroc(genome, data, JASPAR[factor], background)
                cache[factor] = data, pwm
                results.add(
                    factor=factor, config="pwm", seed=None, window_auroc=pwm, track_auroc=pwm
                )
                summary.setdefault("pwm", {})[factor] = [{"window_auroc": pwm, "track_auroc": pwm}]
            data, pwm = cache[factor]
            print(
                f"\n== {factor}, seed {seed}: {data['n_train']} train / {data['n_val']} "
                f"validation windows, {len(data['test_pos'])} test summits vs "
                f"{len(data['test_neg'])} uniform; PWM {JASPAR[factor]} window auROC {pwm:.4f}",
                flush=True,
            )
            for name, (params, crop) in configs.items():
                row = fit_and_score(genome, data, params, crop, seed, folder / f"{factor}_{name}")
                results.add(factor=factor, config=name, seed=seed, pwm_auroc=pwm, **row)
                summary.setdefault(name, {}).setdefault(factor, []).append(row)
            table(factor, summary)
            results.write()  # after every factor, so that an interrupted run keeps its rows
    print_summary(args.factors, summary)
    results.write()


# -- data -----------------------------------------------------------------------------


def read_summits(path, lengths):
    import pandas as pd

    bed = pd.read_csv(
        path, sep="\t", header=None, usecols=[0, 1, 2], names=["chrom", "start", "end"]
    )
    half = WIDTH // 2 + FLANK
    keep = bed.chrom.map(lengths).notna() & ~bed.chrom.isin(EXCLUDED)
    bed = bed[keep]
    keep = (bed.start >= half) & (bed.start + half <= bed.chrom.map(lengths))
    return bed[keep].reset_index(drop=True)


def uniform_positions(lengths, summits, n, rng):
    """n positions on the test chromosomes, window inside, >= MIN_DISTANCE from every summit."""
    chroms = np.array(TEST)
    sizes = np.array([lengths[c] for c in chroms], float)
    out = []
    while len(out) < n:
        chrom = rng.choice(chroms, p=sizes / sizes.sum())
        pos = int(rng.randint(WIDTH // 2, lengths[chrom] - WIDTH // 2))
        near = summits.start[summits.chrom == chrom].to_numpy()
        if near.size and np.abs(near - pos).min() < MIN_DISTANCE:
            continue
        out.append((chrom, pos))
    import pandas as pd

    return pd.DataFrame(out, columns=["chrom", "start"])


def factor_data(genome, bed_path, bg_ratio, folder):
    from skmotif.genome import ChromosomeSplit, background_regions, extract

    folder.mkdir(parents=True, exist_ok=True)
    summits = read_summits(bed_path, genome.lengths)
    bed = folder / f"{bed_path.stem}.summits.bed"
    summits.assign(name=".", score=0, strand=".").to_csv(bed, sep="\t", header=False, index=False)
    X_peaks, peaks = extract(genome, bed, width=WIDTH, flank=FLANK)
    X_bg, bg = background_regions(genome, bed, kind="gc", width=WIDTH + 2 * FLANK, random_state=0)
    X = np.concatenate([X_peaks, X_bg])
    y = np.repeat([1, 0], [len(X_peaks), len(X_bg)])
    chroms = np.concatenate([peaks.chrom.to_numpy(), bg.chrom.to_numpy()])
    keep = ~np.isin(chroms, EXCLUDED)
    X, y, chroms = X[keep], y[keep], chroms[keep]
    train, val, _ = ChromosomeSplit(test=TEST, validation=VALIDATION, chromosomes=chroms).split3()
    test_summits = summits[summits.chrom.isin(TEST)].reset_index(drop=True)
    uniform = uniform_positions(
        genome.lengths, summits, bg_ratio * len(test_summits), np.random.RandomState(0)
    )

    def windows(table):
        return np.array(
            [
                genome.fetch(c, s - WIDTH // 2, s + WIDTH // 2)
                for c, s in zip(table.chrom, table.start, strict=True)
            ]
        )

    held = folder / "test_chromosomes.bed"
    held.write_text("".join(f"{c}\t0\t{genome.lengths[c]}\n" for c in TEST))
    return {
        "X_train": X[train],
        "y_train": y[train],
        "X_val": X[val],
        "y_val": y[val],
        "n_train": len(train),
        "n_val": len(val),
        "test_pos": test_summits,
        "test_neg": uniform,
        "X_test": np.concatenate([windows(test_summits), windows(uniform)]),
        "y_test": np.repeat([1, 0], [len(test_summits), len(uniform)]),
        "held_bed": held,
    }


def central(X, width=WIDTH):
    cut = (len(X[0]) - width) // 2
    return np.array([x[cut : cut + width] for x in X])


# -- PWM --------------------------------------------------------------------------------


def base_composition(genome):
    counts = np.zeros(4)
    for chrom in genome.lengths:
        if chrom in EXCLUDED:
            continue
        seq = np.frombuffer(genome.chromosome(chrom).upper().encode(), np.uint8)
        counts += [np.count_nonzero(seq == ord(b)) for b in "ACGT"]
    return counts / counts.sum()


def jaspar_log_odds(matrix_id, background, pseudocount=0.01):
    from pyjaspar import jaspardb

    motif = jaspardb(release="JASPAR2024").fetch_motif_by_id(matrix_id)
    counts = np.array([motif.counts[b] for b in "ACGT"], float).T  # (length, 4)
    probabilities = counts / counts.sum(1, keepdims=True)
    probabilities = (probabilities + pseudocount) / (1 + 4 * pseudocount)
    return np.log2(probabilities / background)


def one_hot(sequences):
    codes = np.frombuffer("".join(sequences).encode(), np.uint8).reshape(len(sequences), -1)
    lookup = np.full(256, 4, np.int64)
    for i, b in enumerate("ACGT"):
        lookup[ord(b)] = i
    return lookup[codes]  # 4 = N: scores 0


def best_pwm_scores(sequences, log_odds):
    codes = one_hot(sequences)
    n, length = codes.shape
    k = len(log_odds)
    best = np.full(n, -np.inf)
    for matrix in (log_odds, log_odds[::-1, ::-1]):  # forward and reverse complement
        table = np.vstack([matrix.T, np.zeros((1, k))])  # (5, k)
        scores = np.zeros((n, length - k + 1))
        for j in range(k):
            scores += table[codes[:, j : length - k + 1 + j], j]
        best = np.maximum(best, scores.max(1))
    return best


def pwm_auroc(genome, data, matrix_id, background):
    from sklearn.metrics import roc_auc_score

    scores = best_pwm_scores(data["X_test"], jaspar_log_odds(matrix_id, background))
    return float(roc_auc_score(data["y_test"], scores))


# -- models -----------------------------------------------------------------------------


def fit_and_score(genome, data, params, crop, seed, prefix):
    import pyBigWig
    from sklearn.metrics import roc_auc_score

    from skmotif import ConvMotifClassifier
    from skmotif.genome import genome_params, scan

    if params == "genome":
        params = genome_params(data["n_train"], width=WIDTH, step=50)
        assert params.pop("random_crop") == crop
    params = dict(params, random_crop=crop, reverse_complement=True, average_strands=True)
    clf = ConvMotifClassifier(**params, random_state=seed)
    X_train, X_val = data["X_train"], data["X_val"]
    if not crop:
        X_train, X_val = central(X_train), central(X_val)
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        clf.fit(X_train, data["y_train"], validation_data=(X_val, data["y_val"]))
    fit_s = time.perf_counter() - start
    window = roc_auc_score(data["y_test"], clf.predict_proba(data["X_test"])[:, 1])
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught_scan:
        warnings.simplefilter("always")
        track = scan(clf, genome, f"{prefix}.bw", regions=data["held_bed"], step=50)
    scan_s = time.perf_counter() - start
    reader = pyBigWig.open(str(track))
    values = {c: np.array(reader.values(c, 0, genome.lengths[c]), float) for c in TEST}
    reader.close()
    scores = np.concatenate(
        [
            [values[c][s] for c, s in zip(table.chrom, table.start, strict=True)]
            for table in (data["test_pos"], data["test_neg"])
        ]
    )
    known = ~np.isnan(scores)
    return {
        "window_auroc": float(window),
        "track_auroc": float(roc_auc_score(data["y_test"][known], scores[known])),
        "track_missing": int((~known).sum()),
        "fit_s": fit_s,
        "epochs": len(clf.history_["loss"]),
        "best_epoch": int(clf.best_epoch_),
        "scan_s": scan_s,
        "kernel_num": params.get("kernel_num", 30),
        "n_weights": int(clf.model_.count_params()),
        "fit_warnings": _warnings(caught),
        "scan_warnings": _warnings(caught_scan),
    }


def _warnings(caught):
    # Keras's ReduceLROnPlateau converts the learning rate with np.array(variable), which
    # NumPy 2 flags (DeprecationWarning: __array__ ... copy keyword): not skmotif's.
    return sorted(
        {
            f"{w.category.__name__}: {str(w.message)[:160]}"
            for w in caught
            if not (w.category is DeprecationWarning and "__array__" in str(w.message))
        }
    )


# -- printing ---------------------------------------------------------------------------


def _mean(rows, key):
    return float(np.mean([r[key] for r in rows]))


def table(factor, summary):
    print(f"\n{factor}: config, window auROC, track auROC, fit s, epochs (best), scan s")
    for name, by_factor in summary.items():
        rows = by_factor.get(factor)
        if not rows or name == "pwm":
            continue
        print(
            f"  {name:22s} {_mean(rows, 'window_auroc'):.4f}  {_mean(rows, 'track_auroc'):.4f}  "
            f"{_mean(rows, 'fit_s'):6.1f}  {_mean(rows, 'epochs'):5.1f} "
            f"({_mean(rows, 'best_epoch'):.0f})"
            f"  {_mean(rows, 'scan_s'):5.1f}"
        )
    pwm = summary["pwm"][factor][0]["window_auroc"]
    print(f"  {'pwm':22s} {pwm:.4f}  {pwm:.4f}", flush=True)


def print_summary(factors, summary):
    for key in ("window_auroc", "track_auroc"):
        print(f"\nSummary, {key} (mean over seeds), minus the PWM's in the last column:")
        print("  " + f"{'config':22s}" + "".join(f"{f:>8s}" for f in factors) + "    mean  vs PWM")
        pwm = np.mean([summary["pwm"][f][0]["window_auroc"] for f in factors])
        for name, by_factor in summary.items():
            if not all(f in by_factor for f in factors):
                continue
            cells = [_mean(by_factor[f], key) for f in factors]
            print(
                f"  {name:22s}"
                + "".join(f"{v:8.4f}" for v in cells)
                + f"  {np.mean(cells):.4f}  {np.mean(cells) - pwm:+.4f}"
            )
    fits = [
        r for name, by in summary.items() if name != "pwm" for rows in by.values() for r in rows
    ]
    if fits:
        print(f"\nfit seconds: {sum(r['fit_s'] for r in fits):.0f} in all over {len(fits)} fits")


if __name__ == "__main__":
    main()
