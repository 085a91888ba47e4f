"""From a genome and a BED file to a model and a track: accuracy, speed and memory.

* end2end: a synthetic genome (default 10 chromosomes of 5 Mb, 50 Mb) with an AP-1 site
  every ~5 kb (``make_motif_genome``), its narrowPeak peaks; the default classifier
  trained on the peaks (200 nt, moved at random by up to 50 positions: ``jitter=50``)
  against as many GC-matched background regions, chr8 for
  validation and chr9-chr10 held out, then a scan of chr9 and chr10 at step 50. Records
  each step's wall time, the test auROC of the regions, the auROC of the track at the
  planted sites against the rest of the held-out chromosomes, the GC match (KS statistic
  of the backgrounds' GC content against the peaks', and of uniformly drawn regions'),
  and the peak memory of the whole run (a fresh process).
* scan: scan speed at step 50 of one chromosome of ``--scan-mb`` (default 12 and 100 Mb),
  for the genome path's default network (32 kernels per layer, and 64 as from 4,000
  training regions) and a deeper one (the estimators' defaults), both strands averaged.
  Steady state: 2 Mb scanned with every layer computed once per position (``sliding``)
  against window by window, alternating the two (3 rounds), and ``predict_proba`` of
  20,000 of the same windows as one list; end to end: ``skmotif scan`` of the whole
  chromosome in a fresh process (imports, reading, the track), with its peak memory.
* extract: regions per second of ``skmotif.genome.extract`` against pyfaidx's own loop
  (``fasta[chrom][start:end]`` per region), 20,000 regions of 200 nt.

* defaults: ``skmotif train --bed`` with every default (the genome path's network, random
  crops) against the same command with 0.6.0's network and no crops, on synthetic genomes
  of three chromosomes with a 12-mer planted every 3,000 positions (moved at random by up
  to 500), at ``--peaks`` (default 300, 3000 and 30000 peaks); chr3 held out. Records
  the held-out window auROC, the shift check (auROC of held-out regions moved by -50,
  -25, 25, 50), the report's scan auROC at held-out peaks, and the issue's own check: a
  scan of chr3 at step 50 (``skmotif scan``), 200-bp bins holding a site against bins at
  least 400 bp from any site (auROC of the bins' largest value).

Run: python benchmarks/bench_genome.py [end2end] [scan] [extract] [--mb-per-chromosome 5]
[--scan-mb 12 100];
python benchmarks/bench_genome.py defaults --peaks 300 3000 30000
--json benchmarks/results/bench_genome_defaults.json
"""

import tempfile
import time
from pathlib import Path

import numpy as np
from _harness import Results, Timer, arguments, fresh


def main():
    def add(parser):
        parser.add_argument("parts", nargs="*", default=["end2end", "scan", "extract"])
        parser.add_argument("--mb-per-chromosome", type=float, default=5.0)
        parser.add_argument("--chromosomes", type=int, default=10)
        parser.add_argument("--peaks", type=int, nargs="+", default=[300, 3000, 30000])
        parser.add_argument("--scan-mb", type=float, nargs="+", default=[12, 100])

    args = arguments(__doc__, add)
    results = Results(__file__, args)
    folder = Path(tempfile.mkdtemp(prefix="bench_genome_"))
    size = int((0.05 if args.smoke else args.mb_per_chromosome) * 1e6)
    for part in args.parts:
        if part == "end2end":
            row = fresh(end_to_end, str(folder / "e2e"), args.chromosomes, size, args.smoke)
            results.add(
                part="end2end", **row["value"], wall_s=row["seconds"], peak_mb=row["peak_mb"]
            )
        elif part == "scan":
            scan_part(folder / "scan", args.scan_mb, args.smoke, results)
        elif part == "extract":
            extract_part(folder / "extract", size, args.smoke, results)
        elif part == "defaults":
            for n_peaks in [60] if args.smoke else args.peaks:
                for setting in ("defaults", "defaults_0.6"):
                    row = fresh(defaults_run, str(folder / f"d{n_peaks}"), n_peaks, setting)
                    results.add(part=part, setting=setting, **row["value"])
    results.write()


def _genome(folder, n_chromosomes, size, spacing=5000):
    from skmotif.datasets import make_motif_genome

    lengths = {f"chr{i}": size for i in range(1, n_chromosomes + 1)}
    return make_motif_genome(folder, lengths, spacing=spacing, random_state=0)


def end_to_end(folder, n_chromosomes, size, smoke):
    """Train from BED with GC backgrounds and a chromosome split, scan the held-out ones."""
    import pyBigWig
    from sklearn.metrics import roc_auc_score

    from skmotif import ConvMotifClassifier
    from skmotif.genome import ChromosomeSplit, Genome, background_regions, extract, gc_match, scan

    made = _genome(folder, n_chromosomes, size, spacing=1000 if smoke else 5000)
    held = [f"chr{n_chromosomes - 1}", f"chr{n_chromosomes}"]
    times = {}
    start = time.perf_counter()
    genome = Genome(made["genome"])
    # Jittered by up to 50 positions: trained on sites at the exact centre only, the default
    # network scores a site 10 positions off centre as background, and a scan misses it.
    X_peaks, peaks = extract(genome, made["peaks"], width=200, jitter=50, random_state=0)
    times["extract_s"] = time.perf_counter() - start
    start = time.perf_counter()
    X_background, background = background_regions(
        genome, made["peaks"], kind="gc", width=200, random_state=0
    )
    times["background_s"] = time.perf_counter() - start
    uniform = _uniform(genome, len(X_peaks))
    X = np.concatenate([X_peaks, X_background])
    y = np.repeat([1, 0], [len(X_peaks), len(X_background)])
    chromosomes = np.concatenate([peaks.chrom, background.chrom])
    train, validation, test = ChromosomeSplit(
        test=held, validation=[f"chr{n_chromosomes - 2}"], chromosomes=chromosomes
    ).split3()
    clf = ConvMotifClassifier(
        reverse_complement=True, average_strands=True, random_state=0, epochs=2 if smoke else 500
    )
    start = time.perf_counter()
    clf.fit(X[train], y[train], validation_data=(X[validation], y[validation]))
    times["fit_s"] = time.perf_counter() - start
    regions_auroc = roc_auc_score(y[test], clf.predict_proba(X[test])[:, 1])
    bed = Path(folder) / "held_out.bed"
    bed.write_text("".join(f"{c}\t0\t{genome.lengths[c]}\n" for c in held))
    start = time.perf_counter()
    track = scan(clf, genome, Path(folder) / "track.bw", regions=bed, step=50)
    times["scan_s"] = time.perf_counter() - start
    values, on_site = [], []
    reader = pyBigWig.open(str(track))
    for chrom in held:
        scored = np.array(reader.values(chrom, 0, genome.lengths[chrom]))
        site = np.zeros(genome.lengths[chrom], bool)
        for s in made["sites"].start[made["sites"].chrom == chrom]:
            site[s : s + 8] = True
        known = ~np.isnan(scored)
        values.append(scored[known])
        on_site.append(site[known])
    reader.close()
    return {
        "genome_mb": n_chromosomes * size / 1e6,
        "peaks": len(X_peaks),
        "train": len(train),
        "epochs": len(clf.history_["loss"]),
        "test_regions_auroc": regions_auroc,
        "track_auroc_at_sites": roc_auc_score(np.concatenate(on_site), np.concatenate(values)),
        "gc_ks_backgrounds": gc_match(X_peaks, X_background),
        "gc_ks_uniform_regions": gc_match(X_peaks, uniform),
        "held_out_mb": sum(genome.lengths[c] for c in held) / 1e6,
        **times,
    }


#: 0.6.0's network and no random crops, for ``skmotif train --bed`` (the old defaults).
OLD_DEFAULTS = [
    "--jitter", "0", "--param", "conv_num=2", "kernel_num=30", "kernel_len=11", "pool_size=2",
    "dense_num=1", "dropout_conv=0.3", "reverse_complement=False", "average_strands=False",
]  # fmt: skip


def defaults_run(folder, n_peaks, setting, spacing=3000):
    """``skmotif train --bed`` (every default, or 0.6.0's network), then ``skmotif scan``."""
    import json

    import pyBigWig
    from sklearn.metrics import roc_auc_score

    from skmotif import _cli
    from skmotif.datasets import make_motif_genome

    folder = Path(folder)
    size = n_peaks * spacing // 3
    lengths = {"chr1": size + size // 2, "chr2": size, "chr3": size // 2}
    if not (folder / "genome.fa").exists():
        make_motif_genome(
            folder, lengths, motif="TGACTCAGGCAT", spacing=spacing, signal=False, random_state=0
        )
    out = folder / setting
    argv = ["train", "--bed", str(folder / "peaks.narrowPeak"), "--genome"]
    argv += [str(folder / "genome.fa"), "--test-chroms", "chr3", "--out", str(out)]
    start = time.perf_counter()
    assert _cli.main(argv + (OLD_DEFAULTS if setting != "defaults" else [])) == 0
    train_s = time.perf_counter() - start
    track = folder / f"{setting}.bw"
    scan_argv = ["scan", str(out / "model"), str(folder / "genome.fa"), "--out", str(track)]
    assert _cli.main([*scan_argv, "--step", "50"]) == 0
    metrics = json.loads((out / "metrics.json").read_text())
    sites = np.loadtxt(folder / "peaks.narrowPeak", dtype=str, usecols=(0, 1, 9))
    held = sites[sites[:, 0] == "chr3"]
    centres = held[:, 1].astype(int) + held[:, 2].astype(int)
    reader = pyBigWig.open(str(track))
    values = np.nan_to_num(np.array(reader.values("chr3", 0, lengths["chr3"])))
    reader.close()
    bins = values[: len(values) // 200 * 200].reshape(-1, 200).max(axis=1)
    middle = np.arange(len(bins)) * 200 + 100
    distance = np.abs(middle[:, None] - centres[None]).min(axis=1)
    on, off = distance < 100, distance >= 400 + 100
    truth, scores = np.r_[np.ones(on.sum()), np.zeros(off.sum())], np.r_[bins[on], bins[off]]
    return {
        "peaks": n_peaks,
        "window_auroc": metrics["test"]["peaks"]["auROC"],  # the BED file's name
        "shift_auroc": metrics["shift_auROC"],
        "report_track_auroc": metrics["track_at_held_out_peaks"]["auroc"],
        "scan_bins_auroc": float(roc_auc_score(truth, scores)),
        "epochs": metrics["epochs"],
        "train_s": round(train_s, 1),
    }


def _uniform(genome, n, width=200, seed=1):
    """Regions drawn uniformly from the genome (no GC matching), without N."""
    rng = np.random.default_rng(seed)
    names = list(genome.lengths)
    out = []
    while len(out) < n:
        chrom = names[rng.integers(len(names))]
        start = int(rng.integers(0, genome.lengths[chrom] - width))
        sequence = genome.fetch(chrom, start, start + width)
        if "N" not in sequence:
            out.append(sequence)
    return np.array(out)


def _scan_models(folder, smoke):
    """The genome path's default network (32 kernels for 2,000 regions, 64 from 4,000; input
    200 after random crops of 300) and a deeper one (the estimators' defaults: local
    pooling, a dense layer), both strands averaged, briefly trained on random DNA (speed
    does not depend on the fit)."""
    import warnings

    from skmotif import ConvMotifClassifier, save
    from skmotif.genome import genome_params

    rng = np.random.default_rng(0)
    models = {}
    warnings.simplefilter("ignore")  # one epoch on random DNA learns nothing, as meant
    for name, params, width in (
        ("genome defaults", genome_params(2000), 300),
        ("genome defaults, 4,000+ regions", genome_params(4000), 300),
        ("estimator defaults", {"reverse_complement": True, "average_strands": True}, 200),
    ):
        X = ["".join(rng.choice(list("ACGT"), width)) for _ in range(200)]
        clf = ConvMotifClassifier(**params, epochs=1, random_state=0)
        models[name] = clf.fit(X, rng.integers(0, 2, 200))
        save(models[name], Path(folder) / _folder(name))
    return models


def scan_part(folder, sizes, smoke, results):
    """Steady-state and end-to-end scan speed, and the scan's peak memory."""
    from skmotif.datasets import make_motif_genome
    from skmotif.genome import Genome
    from skmotif.genome._scan import scan_chromosome

    folder = Path(folder)
    models = _scan_models(folder, smoke)
    step = 50
    for mb in [0.3] if smoke else sizes:
        size = int(mb * 1e6)
        made = make_motif_genome(
            folder / f"g{mb}", {"chr1": size}, spacing=5000, signal=False, random_state=0
        )
        genome = Genome(made["genome"])
        span = min(size, 2_000_000)  # the steady state: windows of 2 Mb, the network traced
        for name, clf in models.items():
            width = clf.input_shape_[0]
            scan_chromosome(clf, genome, "chr1", [(0, 20000)], step, 1)
            scan_chromosome(clf, genome, "chr1", [(0, 20000)], step, 1, sliding=False)
            sides = [("sliding", True), ("window by window", False)]
            for r in range(1 if smoke else 3):  # alternating the two sides
                for side, sliding in sides if r % 2 == 0 else sides[::-1]:
                    with Timer() as t:
                        scan_chromosome(clf, genome, "chr1", [(0, span)], step, 1, sliding=sliding)
                    results.add(
                        part="scan", network=name, genome_mb=mb, side=side, round=r,
                        mb=span / 1e6, mb_per_s=span / 1e6 / t.seconds,
                    )  # fmt: skip
            sequence = genome.chromosome("chr1")
            n = 2000 if smoke else 20000
            strings = [sequence[i * step : i * step + width] for i in range(n)]
            clf.predict_proba(strings[:100])
            with Timer() as listed:
                clf.predict_proba(strings)
            results.add(
                part="scan", network=name, genome_mb=mb, side="predict_proba of the windows",
                mb=n * step / 1e6, mb_per_s=n * step / 1e6 / listed.seconds,
            )  # fmt: skip
            model = folder / _folder(name)
            row = fresh(_scan_command, str(model), str(made["genome"]), str(folder / "track.bw"))
            results.add(
                part="scan end to end", network=name, genome_mb=mb, seconds=row["seconds"],
                mb_per_s=mb / row["seconds"], peak_mb=row["peak_mb"],
            )  # fmt: skip


def _folder(name):
    return "".join(c if c.isalnum() else "_" for c in name)


def _scan_command(model, genome, out):
    """``skmotif scan`` at step 50, as a user runs it (with the imports)."""
    from skmotif import _cli

    assert _cli.main(["scan", model, genome, "--out", out, "--step", "50", "--quiet"]) == 0


def extract_part(folder, size, smoke, results):
    import pyfaidx

    from skmotif.genome import Genome, extract

    made = _genome(folder, 4, size, spacing=1000 if smoke else 5000)
    rng = np.random.default_rng(0)
    n = 2000 if smoke else 20000
    chroms = rng.choice([f"chr{i}" for i in range(1, 5)], n)
    starts = rng.integers(0, size - 200, n)
    import pandas as pd

    regions = pd.DataFrame({"chrom": chroms, "start": starts, "end": starts + 200})
    regions = regions.sort_values(["chrom", "start"], ignore_index=True)
    for r in range(3):  # alternating the two sides
        sides = [("skmotif.genome.extract", "ours"), ("pyfaidx, a region at a time", "pyfaidx")]
        for name, side in sides if r % 2 == 0 else sides[::-1]:
            with Timer() as t:
                if side == "ours":
                    extract(Genome(made["genome"]), regions, max_n=1.0)
                else:
                    fasta = pyfaidx.Fasta(str(made["genome"]), as_raw=True)
                    [
                        fasta[c][s:e]
                        for c, s, e in zip(regions.chrom, regions.start, regions.end, strict=True)
                    ]
            results.add(
                part="extract",
                side=name,
                round=r,
                regions=n,
                seconds=t.seconds,
                regions_per_s=n / t.seconds,
            )


if __name__ == "__main__":
    main()
