"""The genome path's network at 32, 64 and 128 kernels per layer, on a task that is not too easy.

``genome_params`` sizes the network to the data (32 kernels per layer, 16 more per
2,000 training regions, up to 128); a planted 12-mer scores 1.000 at every size, so
this script plants a harder task: a random genome (GC 0.42; chr1 to train, chr2 to
validate, chr3 held out, 70/10/20% of it) with six degenerate matrices (8-14 wide,
drawn for 1.0-1.4 bits a position: 1.00-1.15) and peaks (one every ~3 kb, BED of
summits) of four kinds:

* 45%: one high-affinity site (the best of 4 samples) of matrix 1, 2 or 3;
* 25%: a pair, a site of matrix 4 and one of matrix 5, 10-40 bp apart;
* 20%: three sites of matrix 6, 15-25 bp apart;
* 10%: nothing (a ceiling of about 0.95 auROC);

each group centred within 25 bp of the summit, each site on either strand. Decoys:
single sites (one sample, typical affinity) of every matrix all over the genome, ~2.25
per kb (matrices 4-6 twice as often as 1-3), so that about a third of the background
windows hold one.

Windows of 200 nt around the summits are cut with ``extract(..., flank=50)`` and as
many GC-matched backgrounds (``background_regions(..., width=300, kind="gc")``);
``ConvMotifClassifier(**genome_params(n_train), kernel_num=(k, k), random_state=seed)``
is trained (validation on chr2) for k in 32, 64, 128, each fit in a fresh process.
Records the held-out (chr3) window auROC and auPRC (and the auROC of each kind of peak
against all the backgrounds), training wall time and epochs; and
per size two references from the true matrices: the auROC and auPRC of each window's
best log-odds score over the six matrices (``pwm_max``), and of gradient-boosted trees
on the six matrices' best and second-best scores, fitted on chr1 (``pwm_boosted``).
Sizes run in one order for seed 0 and in the other for seed 1; ``--append`` adds a
later run's rows (more seeds) to those already in ``--json``.

Run (~85 min on 2 cores shared with other work; 20,000 peaks at 128 kernels take
~20 min a fit): nice -n 19 python benchmarks/bench_genome_sizes.py --peaks 3000 20000
--seeds 0 1 --json benchmarks/results/bench_genome_sizes.json
"""

import json
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
from _harness import Results, arguments, fresh

#: Base probabilities of the genome (A, C, G, T): GC 0.42.
BACKGROUND = np.array([0.29, 0.21, 0.21, 0.29])
WIDTHS = (8, 10, 12, 14, 11, 9)
#: Peaks per kb of genome; chromosome shares of train, validation, test.
SPACING = 3000
SHARES = {"chr1": 0.7, "chr2": 0.1, "chr3": 0.2}
#: Peak kinds and their shares; decoys per kb for each matrix.
KINDS = {"single": 0.45, "pair": 0.25, "cluster": 0.20, "empty": 0.10}
DECOYS_PER_KB = (0.25, 0.25, 0.25, 0.5, 0.5, 0.5)
FLANK = 50  # genome_params' random_crop at width 200, step 50


def main():
    def add(parser):
        parser.add_argument("--peaks", type=int, nargs="+", default=[3000, 20000])
        parser.add_argument("--kernels", type=int, nargs="+", default=[32, 64, 128])
        parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
        parser.add_argument(
            "--append", action="store_true", help="keep the rows already in --json (more seeds)"
        )

    args = arguments(__doc__, add)
    results = Results(__file__, args)
    folder = Path(tempfile.mkdtemp(prefix="bench_genome_sizes_"))
    sizes = [200] if args.smoke else args.peaks
    kernels = [8, 16] if args.smoke else args.kernels
    seeds = args.seeds[:1] if args.smoke else args.seeds
    if args.append and args.json is not None and args.json.exists():
        results.rows = json.loads(args.json.read_text())["results"]
    referenced = {row["peaks"] for row in results.rows if row["part"] == "reference"}
    for n_peaks in sizes:
        start = time.perf_counter()
        made = make_task(folder / f"p{n_peaks}", n_peaks)
        if n_peaks in referenced:
            continue
        row = fresh(reference, str(folder / f"p{n_peaks}"))
        results.add(
            part="reference",
            peaks=n_peaks,
            **made,
            **row["value"],
            setup_s=round(time.perf_counter() - start, 1),
        )
    for s, seed in enumerate(seeds):
        for n_peaks in sizes if s % 2 == 0 else sizes[::-1]:
            for k in kernels:
                row = fresh(fit, str(folder / f"p{n_peaks}"), k, seed, args.smoke)
                results.add(part="fit", peaks=n_peaks, kernels=k, seed=seed, **row["value"])
                results.write()  # after every fit: a run cut short keeps what it has
    results.write()


# -- the task ------------------------------------------------------------------------------


def motifs(seed=0):
    """Six probability matrices, 8-14 wide, 1.0-1.4 bits a position on average."""
    rng = np.random.default_rng(seed)
    out = []
    for width in WIDTHS:
        while True:
            columns = []
            while len(columns) < width:
                column = rng.dirichlet(np.full(4, 0.5))
                if 0.6 <= _bits(column) <= 1.9:
                    columns.append(column)
            matrix = np.array(columns)
            if 1.0 <= np.mean([_bits(c) for c in matrix]) <= 1.4:
                out.append(matrix)
                break
    return out


def _bits(column):
    return 2 + float(np.sum(column * np.log2(np.maximum(column, 1e-12))))


def log_odds(matrix):
    return np.log2((matrix + 0.01) / (1.04 * BACKGROUND))


def sample(matrix, n, rng, best_of=1):
    """``n`` sites drawn from the matrix (codes 0-3); of ``best_of`` draws, the best scoring."""
    cumulative = np.cumsum(matrix, axis=1)
    draws = (rng.random((n * best_of, len(matrix), 1)) > cumulative[None, :, :3]).sum(-1)
    draws = draws.reshape(best_of, n, len(matrix))
    scores = log_odds(matrix)[np.arange(len(matrix)), draws].sum(-1)
    return draws[scores.argmax(0), np.arange(n)]


def _plant(sequence, position, site, rng):
    if rng.random() < 0.5:  # the minus strand
        site = 3 - site[::-1]
    sequence[position : position + len(site)] = site


def make_task(folder, n_peaks, seed=0):
    """Write ``genome.fa``, ``peaks.bed`` (summits) and ``matrices.npy``; return the counts."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    matrices = motifs(seed)
    np.save(folder / "matrices.npy", np.array(matrices, dtype=object), allow_pickle=True)
    kinds = list(KINDS)
    counts = dict.fromkeys(kinds, 0)
    decoys = 0
    with open(folder / "genome.fa", "w") as fasta, open(folder / "peaks.bed", "w") as bed:
        for chrom, share in SHARES.items():
            slots = max(round(n_peaks * share), 4)
            length = slots * SPACING
            sequence = rng.choice(4, size=length, p=BACKGROUND).astype(np.uint8)
            for m, matrix in enumerate(matrices):
                n = rng.poisson(DECOYS_PER_KB[m] * length / 1000)
                decoys += n
                for position, site in zip(
                    rng.integers(0, length - len(matrix), n), sample(matrix, n, rng), strict=True
                ):
                    _plant(sequence, position, site, rng)
            for slot in range(slots):
                summit = slot * SPACING + int(rng.integers(500, SPACING - 500))
                kind = kinds[rng.choice(len(kinds), p=list(KINDS.values()))]
                counts[kind] += 1
                centre = summit + int(rng.integers(-25, 26))  # the group's centre
                if kind == "single":
                    m = int(rng.integers(3))
                    sites = [(0, sample(matrices[m], 1, rng, best_of=4)[0])]
                elif kind == "pair":
                    first, second = rng.permutation([3, 4])
                    gap = int(rng.integers(10, 41))
                    sites = [
                        (0, sample(matrices[first], 1, rng)[0]),
                        (len(matrices[first]) + gap, sample(matrices[second], 1, rng)[0]),
                    ]
                elif kind == "cluster":
                    sites, offset = [], 0
                    for _ in range(3):
                        sites.append((offset, sample(matrices[5], 1, rng)[0]))
                        offset += len(matrices[5]) + int(rng.integers(6, 17))  # 15-25 apart
                else:
                    sites = []
                if sites:
                    extent = sites[-1][0] + len(sites[-1][1])
                    for offset, site in sites:
                        _plant(sequence, centre - extent // 2 + offset, site, rng)
                bed.write(f"{chrom}\t{summit}\t{summit + 1}\t{kind}_{slot}\n")
            fasta.write(f">{chrom}\n")
            text = np.frombuffer(b"ACGT", np.uint8)[sequence].tobytes().decode()
            fasta.write("\n".join(text[i : i + 80] for i in range(0, length, 80)) + "\n")
    return {**{f"{k}_peaks": v for k, v in counts.items()}, "decoys": decoys}


def data(folder):
    """Windows (200 + 2 * FLANK nt), labels, train/validation/test indices, peak kinds."""
    from skmotif.genome import ChromosomeSplit, Genome, background_regions, extract

    folder = Path(folder)
    genome = Genome(folder / "genome.fa")
    X_peaks, peaks = extract(genome, folder / "peaks.bed", width=200, flank=FLANK)
    X_background, background = background_regions(
        genome, folder / "peaks.bed", kind="gc", width=200 + 2 * FLANK, random_state=0
    )
    X = np.concatenate([X_peaks, X_background])
    y = np.repeat([1, 0], [len(X_peaks), len(X_background)])
    chromosomes = np.concatenate([peaks.chrom, background.chrom])
    split = ChromosomeSplit(test=["chr3"], validation=["chr2"], chromosomes=chromosomes)
    kinds = np.concatenate([[name.split("_")[0] for name in peaks.name], ["background"] * len(y)])
    return X, y, split.split3(), kinds[: len(y)]


# -- the references and the fits -----------------------------------------------------------


def _best_scores(X, matrices):
    """Each window's two best log-odds scores (either strand) per matrix, central 200 nt."""
    codes = np.frombuffer("".join(x[FLANK:-FLANK] for x in X).encode(), np.uint8)
    lookup = np.full(256, 4, np.uint8)
    lookup[np.frombuffer(b"ACGT", np.uint8)] = np.arange(4)
    codes = lookup[codes].reshape(len(X), -1)
    onehot = np.zeros((*codes.shape, 4), np.float32)
    valid = codes < 4
    onehot[valid, codes[valid]] = 1
    out = []
    for matrix in matrices:
        weights = log_odds(matrix).astype(np.float32)
        strands = []
        for w in (weights, weights[::-1, ::-1]):
            n = onehot.shape[1] - len(w) + 1
            scores = sum(onehot[:, j : j + n] @ w[j] for j in range(len(w)))
            strands.append(scores)
        scores = np.sort(np.concatenate(strands, axis=1), axis=1)
        out.append(scores[:, -1])
        out.append(scores[:, -2])
    return np.stack(out, axis=1)


def _by_kind(scores, kinds, prefix="auroc"):
    """auROC of each kind of peak against all the backgrounds."""
    from sklearn.metrics import roc_auc_score

    background = scores[kinds == "background"]
    out = {}
    for kind in KINDS:
        own = scores[kinds == kind]
        truth = np.r_[np.ones(len(own)), np.zeros(len(background))]
        out[f"{prefix}_{kind}"] = roc_auc_score(truth, np.r_[own, background])
    return out


def reference(folder):
    """auROC and auPRC on chr3 of the true matrices' scores: best of six, and boosted trees."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import average_precision_score, roc_auc_score

    matrices = list(np.load(Path(folder) / "matrices.npy", allow_pickle=True))
    X, y, (train, _, test), kinds = data(folder)
    features = _best_scores(X, matrices)
    best = features[:, ::2].max(axis=1)
    boosted = HistGradientBoostingClassifier(random_state=0).fit(features[train], y[train])
    boosted = boosted.predict_proba(features[test])[:, 1]
    return {
        "train_regions": len(train),
        "test_regions": len(test),
        "bits": [round(float(np.mean([_bits(c) for c in m])), 2) for m in matrices],
        "pwm_max_auroc": roc_auc_score(y[test], best[test]),
        "pwm_max_auprc": average_precision_score(y[test], best[test]),
        "pwm_boosted_auroc": roc_auc_score(y[test], boosted),
        "pwm_boosted_auprc": average_precision_score(y[test], boosted),
        **_by_kind(boosted, kinds[test], "pwm_boosted_auroc"),
    }


def fit(folder, k, seed, smoke):
    """Train the genome path's network with ``kernel_num=(k, k)``; held-out metrics."""
    from sklearn.metrics import average_precision_score, roc_auc_score

    from skmotif import ConvMotifClassifier
    from skmotif.genome import genome_params

    X, y, (train, validation, test), kinds = data(folder)
    params = genome_params(len(train))
    rule = params["kernel_num"][0]
    params["kernel_num"] = (k,) * params["conv_num"]
    if smoke:
        params["epochs"] = 2
    clf = ConvMotifClassifier(**params, random_state=seed)
    with warnings.catch_warnings():
        if smoke:  # two epochs learn little, and say so
            warnings.simplefilter("ignore")
        start = time.perf_counter()
        clf.fit(X[train], y[train], validation_data=(X[validation], y[validation]))
        train_s = time.perf_counter() - start
    scores = clf.predict_proba(X[test])[:, 1]
    return {
        "rule_kernels": rule,
        "train_regions": len(train),
        "auroc": roc_auc_score(y[test], scores),
        "auprc": average_precision_score(y[test], scores),
        "train_s": round(train_s, 1),
        "epochs": len(clf.history_["loss"]),
        "s_per_epoch": round(train_s / len(clf.history_["loss"]), 2),
        **_by_kind(scores, kinds[test]),
    }


if __name__ == "__main__":
    main()
