"""skmotif.genome on a synthetic genome made here: AP-1 sites planted at known coordinates."""

import copy
import gzip
import json

import numpy as np
import pandas as pd
import pytest

from skmotif.genome import (
    ChromosomeKFold,
    ChromosomeSplit,
    Genome,
    background_regions,
    bigwig_targets,
    extract,
    gc_match,
    read_bed,
    scan,
    vcf_effects,
)

SITE = "TGACTCAG"
LENGTHS = {"chr1": 60000, "chr2": 50000, "chr3": 40000, "chr4": 30000}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """(genome, peaks, signal, sites) of make_motif_genome: AP-1 sites every ~600 positions."""
    from skmotif.datasets import make_motif_genome

    made = make_motif_genome(tmp_path_factory.mktemp("genome"), LENGTHS, random_state=0)
    return made["genome"], made["peaks"], made["signal"], made["sites"]


def gap(fasta, chrom):
    """Start of the chromosome's gap of 500 N."""
    return Genome(fasta).chromosome(chrom).index("N" * 500)


def test_read_bed_columns_summits_and_errors(tmp_path, synthetic):
    _, bed, _, sites = synthetic
    table = read_bed(bed)
    assert len(table) == len(sites)
    assert table.columns.tolist() == ["chrom", "start", "end", "name", "strand", "summit", "line"]
    assert table.summit.iloc[0] == 150 and table.line.iloc[0] == 1
    plain = tmp_path / "three.bed.gz"
    with gzip.open(plain, "wt") as file:
        file.write("track name=x\nchr1\t10\t20\nchr2\t5\t9\n")
    table = read_bed(plain)
    assert table.name.tolist() == ["chr1:10-20", "chr2:5-9"] and table.line.tolist() == [2, 3]
    assert table.strand.tolist() == [".", "."] and (table.summit == -1).all()
    for text, match in [
        ("chr1\t10\n", "line 1: has 2 column"),
        ("chr1\tten\t20\n", "line 1: start 'ten' and end '20' must be whole numbers"),
        ("chr1\t20\t20\n", "line 1: the region chr1:20-20 is empty"),
        ("chr1\t1\t20\tx\t0\t*\n", r"line 1: the strand is '\*'"),
        ("# nothing\n", "holds no region"),
    ]:
        path = tmp_path / "bad.bed"
        path.write_text(text)
        with pytest.raises(ValueError, match=match):
            read_bed(path)


def test_extract_centres_on_summits_reads_strands_and_checks_regions(tmp_path, synthetic):
    fasta, bed, _, sites = synthetic
    genome = Genome(fasta)
    assert genome.lengths == LENGTHS
    X, regions = extract(genome, bed, width=100)
    assert X.shape == (len(sites),) and {len(x) for x in X} == {100}
    # The summit is the site's middle: the site sits in the window's middle.
    assert all(x[46:54] in (SITE, "CTGAGTCA") for x in X)
    assert (regions.end - regions.start == 100).all()
    minus = regions.assign(strand="-").iloc[:3]
    X_minus, _ = extract(genome, minus)
    complement = str.maketrans("ACGT", "TGCA")
    assert [x.translate(complement)[::-1] for x in X_minus] == list(X[:3])
    off_centre = read_bed(bed).assign(summit=154)  # 4 positions after the middle
    summits, _ = extract(genome, off_centre, width=100)
    centred, _ = extract(genome, off_centre, width=100, anchor="center")
    assert list(centred) == list(X)
    after = genome.fetch("chr1", regions.end[0], regions.end[0] + 4)
    assert summits[0] == X[0][4:] + after
    _, moved = extract(genome, bed, width=100, jitter=5, random_state=0)
    assert (np.abs(moved.start - regions.start) <= 5).all() and (
        moved.start != regions.start
    ).any()
    bad = tmp_path / "bad.bed"
    n = gap(fasta, "chr4")
    for text, match in [
        (
            "1\t100\t200\n",
            r"line 1 \(1:100-200\): the chromosome '1' is not in genome.fa\. "
            "The genome calls it 'chr1'",
        ),
        (
            "chr4\t29950\t30100\n",
            r"line 1 \(chr4:29950-30100\): reaches past the chromosome "
            r"\(chr4 has 30000 positions\)",
        ),
        (f"chr4\t{n - 40}\t{n + 200}\n", rf"line 1 \(chr4:{n - 40}-{n + 200}\): 83% of it is N"),
    ]:
        bad.write_text(text)
        with pytest.raises(ValueError, match=match):
            extract(genome, bad)


def test_chromosome_splits_keep_chromosomes_apart(synthetic):
    from sklearn.model_selection import GridSearchCV, cross_val_score
    from sklearn.tree import DecisionTreeClassifier

    _, bed, _, _ = synthetic
    regions = read_bed(bed)
    cv = ChromosomeSplit(test=["chr3"], validation=["chr4"], chromosomes=regions.chrom)
    train, validation, test = cv.split3()
    assert set(regions.chrom[test]) == {"chr3"} and set(regions.chrom[validation]) == {"chr4"}
    assert set(regions.chrom[train]) == {"chr1", "chr2"}
    # No position of a test chromosome reaches training.
    assert not set(regions.chrom[train]) & set(regions.chrom[test])
    folds = ChromosomeKFold(2).folds(regions.chrom)
    assert sorted(c for fold in folds for c in fold) == sorted(LENGTHS)
    sizes = [regions.chrom.isin(fold).sum() for fold in folds]
    assert max(sizes) - min(sizes) <= regions.chrom.value_counts().max()
    X = np.column_stack([regions.start, regions.end])
    y = np.arange(len(X)) % 2
    scores = cross_val_score(
        DecisionTreeClassifier(), X, y, cv=ChromosomeKFold(2), groups=regions.chrom
    )
    assert len(scores) == 2
    search = GridSearchCV(
        DecisionTreeClassifier(), {"max_depth": [1, 2]}, cv=ChromosomeSplit(test=["chr2"])
    ).fit(X, y, groups=regions.chrom)
    assert search.n_splits_ == 1
    with pytest.raises(ValueError, match=r"No sample is on the chromosome '2'.*'chr2'"):
        ChromosomeSplit(test=["2"]).split3(groups=regions.chrom)
    with pytest.raises(ValueError, match="Give each sample's chromosome"):
        next(ChromosomeSplit(test=["chr2"]).split(X))
    with pytest.raises(ValueError, match="4 chromosomes cannot make 5 folds"):
        next(ChromosomeKFold(5).split(X, groups=regions.chrom))


def test_gc_matched_backgrounds(tmp_path, synthetic):
    fasta, bed, _, _ = synthetic
    positives, regions = extract(fasta, bed, width=200)
    blacklist = tmp_path / "blacklist.bed"
    blacklist.write_text("chr2\t0\t50000\n")
    X, table = background_regions(
        fasta, bed, kind="gc", width=200, blacklist=blacklist, random_state=0
    )
    assert len(X) == len(positives) and {len(x) for x in X} == {200}
    assert "chr2" not in set(table.chrom)
    for chrom, start, end in zip(table.chrom, table.start, table.end, strict=True):
        same = regions[regions.chrom == chrom]
        assert not ((same.start < end) & (same.end > start)).any()  # no overlap with a peak
    assert gc_match(positives, X) < 0.1
    # Drawn uniformly over the genome: each chromosome about in proportion to its length.
    share = table.chrom.value_counts(normalize=True)
    for chrom in ("chr1", "chr3", "chr4"):
        expected = LENGTHS[chrom] / (60000 + 40000 + 30000)
        assert share[chrom] > 0.6 * expected, (chrom, share[chrom], expected)
    again, _ = background_regions(
        fasta, bed, kind="gc", width=200, blacklist=blacklist, random_state=0
    )
    assert list(again) == list(X)
    flanks, beside = background_regions(fasta, bed, kind="flank", width=200, flank=0)
    assert {len(x) for x in flanks} == {200} and len(flanks) > len(positives)
    edges = set(regions.start) | set(regions.end)
    assert all(s + 200 in edges or s in edges for s in beside.start)  # right beside a peak
    shuffled, source = background_regions(fasta, bed, kind="shuffle", width=200, random_state=0)
    assert sorted(shuffled[0]) == sorted(positives[0]) and shuffled[0] != positives[0]
    assert source.chrom.tolist() == regions.chrom.tolist()
    with pytest.raises(ValueError, match="kind must be"):
        background_regions(fasta, bed, kind="random", width=200)


def test_bigwig_targets(tmp_path, synthetic):
    _, bed, bigwig, _ = synthetic
    regions = read_bed(bed).iloc[:5]
    mean = bigwig_targets(bigwig, regions)
    np.testing.assert_allclose(mean, (108 * 10 + 192 * 0.5) / 300)
    np.testing.assert_allclose(bigwig_targets(bigwig, regions, stat="max"), 10.0)
    np.testing.assert_allclose(bigwig_targets(bigwig, regions, stat="sum"), 108 * 10 + 192 * 0.5)
    binned = bigwig_targets(bigwig, regions, bins=3)
    assert binned.shape == (5, 3) and (binned[:, 1] > binned[:, 0]).all()
    flipped = bigwig_targets(bigwig, regions.assign(strand="-"), bins=3)
    np.testing.assert_allclose(flipped, binned[:, ::-1])
    np.testing.assert_allclose(bigwig_targets(bigwig, regions, log1p=True), np.log1p(mean))
    renamed = regions.assign(chrom=regions.chrom.str.replace("chr", ""))
    with pytest.raises(ValueError, match=r"'1' is not in signal\.bw\. The genome calls it 'chr1'"):
        bigwig_targets(bigwig, renamed)


@pytest.fixture(scope="module")
def peak_model(synthetic):
    from skmotif import ConvMotifClassifier

    fasta, bed, _, _ = synthetic
    positives, regions = extract(fasta, bed, width=100)
    negatives, background = background_regions(fasta, bed, kind="gc", width=100, random_state=0)
    X = np.concatenate([positives, negatives])
    y = np.repeat([1, 0], [len(positives), len(negatives)])
    chromosomes = np.concatenate([regions.chrom, background.chrom])
    train, _, test = ChromosomeSplit(test=["chr4"], chromosomes=chromosomes).split3()
    clf = ConvMotifClassifier(
        conv_num=1,
        kernel_num=8,
        kernel_len=8,
        pool_size="global",
        dense_num=0,
        learning_rate=0.02,
        epochs=15,
        random_state=0,
    ).fit(X[train], y[train])
    return clf, X[test], y[test]


def test_scan_writes_a_track_that_marks_the_sites(tmp_path, synthetic, peak_model):
    import pyBigWig
    from sklearn.metrics import roc_auc_score

    fasta, _, _, sites = synthetic
    clf, X_test, y_test = peak_model
    assert roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]) > 0.95
    regions = pd.DataFrame({"chrom": ["chr4", "chr3"], "start": [0, 0], "end": [30000, 10000]})
    out = scan(clf, fasta, tmp_path / "track.bw", regions=regions, step=20)
    track = pyBigWig.open(str(out))
    assert track.chroms() == {"chr3": 40000, "chr4": 30000}
    values = np.nan_to_num(np.array(track.values("chr4", 0, 30000)))
    track.close()
    on_site = np.zeros(30000, bool)
    for s in sites.start[sites.chrom == "chr4"]:
        on_site[s : s + len(SITE)] = True
    scored = values != 0
    assert roc_auc_score(on_site[scored], values[scored]) > 0.9
    n = gap(fasta, "chr4")
    assert not scored[n + 100 : n + 400].any()  # windows mostly of N are not scored
    bedgraph = scan(clf, fasta, tmp_path / "track.bedGraph", regions=regions, step=20)
    lines = bedgraph.read_text().splitlines()
    chrom, start, end, value = lines[0].split("\t")
    assert chrom == "chr3" and int(end) - int(start) == 20 and 0 <= float(value) <= 1


def test_vcf_effects_substitutions_and_indels(tmp_path, synthetic, peak_model):
    fasta, _, _, sites = synthetic
    clf, _, _ = peak_model
    genome = Genome(fasta)
    chrom, start = "chr4", int(sites.start[sites.chrom == "chr4"].iloc[3])
    site = genome.fetch(chrom, start, start + 8)
    vcf = tmp_path / "v.vcf"
    lines = [
        "##fileformat=VCFv4.2",
        "#CHROM\tPOS\tID\tREF\tALT",
        f"{chrom}\t{start + 4}\tsnv\t{site[3]}\t{'A' if site[3] != 'A' else 'G'}",
        f"{chrom}\t{start + 3}\tdel\t{site[2:5]}\t{site[2]}",
        f"{chrom}\t{start + 1}\tins,far\t{site[0]}\t{site[0]}GGGG,{site[0]}C",
    ]
    vcf.write_text("\n".join(lines) + "\n")
    effects = vcf_effects(clf, genome, vcf)
    assert effects.id.tolist() == ["snv", "del", "ins,far", "ins,far"]
    assert effects.columns.tolist()[5:] == ["ref_proba", "alt_proba", "logit_diff"]
    assert (effects.logit_diff[:3] < 0).all()  # each breaks the planted site
    assert effects.ref_proba.iloc[0] > 0.5
    mismatch = tmp_path / "bad.vcf"
    mismatch.write_text(f"{chrom}\t{start + 1}\tx\t{'C' if site[0] != 'C' else 'G'}\tA\n")
    with pytest.raises(ValueError, match=r"the reference allele is .* but the genome has"):
        vcf_effects(clf, genome, mismatch)
    symbolic = tmp_path / "symbolic.vcf"
    symbolic.write_text(f"{chrom}\t{start + 1}\tx\t{site[0]}\t<DEL>\n")
    with pytest.raises(ValueError, match=r"symbolic.vcf, line 1: .*symbolic alleles"):
        vcf_effects(clf, genome, symbolic)
    # A table of variants (here the first result's columns) scores as the file did.
    chosen = effects[["chrom", "pos", "ref", "alt"]].iloc[[0, 2]]
    chosen = chosen.assign(ref=chosen.ref.str.lower())
    again = vcf_effects(clf, genome, chosen)
    np.testing.assert_allclose(again.logit_diff, effects.logit_diff.iloc[[0, 2]], rtol=1e-6)
    assert again.id.tolist() == [".", "."]
    with pytest.raises(ValueError, match=r"row 1 .* the reference allele is"):
        vcf_effects(clf, genome, chosen.assign(ref=[chosen.ref.iloc[0], "CCCCCC"]))
    with pytest.raises(ValueError, match=r"lacks the column\(s\) \['alt'\]"):
        vcf_effects(clf, genome, chosen.drop(columns="alt"))


CLI_PARAMS = [
    "conv_num=1",
    "kernel_num=16",  # 8 kernels learn the sites with some seeds only (auROC 0.44-1.0)
    "kernel_len=8",
    "pool_size=global",
    "dense_num=0",
    "learning_rate=0.02",
    "epochs=12",
    "dropout_input=0.0",
]


@pytest.mark.slow
def test_command_line_from_bed_to_track_and_variants(tmp_path, synthetic, capsys):
    import pyBigWig

    from skmotif import _cli as cli
    from skmotif import load

    fasta, bed, bigwig, sites = synthetic
    out = tmp_path / "run"
    argv = [
        "train",
        "--bed",
        str(bed),
        "--genome",
        str(fasta),
        "--width",
        "100",
        "--test-chroms",
        "chr4",
        "--val-chroms",
        "chr3",
        "--scan-step",
        "26",  # windows of 100: sites stay in view when moved 26 (at 50 they leave)
        "--out",
        str(out),
        "--param",
        *CLI_PARAMS,
    ]
    assert cli.main(argv) == 0
    printed = capsys.readouterr().out
    assert "gc background regions; GC content against the peaks: Kolmogorov-Smirnov" in printed
    regions = pd.read_csv(out / "regions.tsv", sep="\t")
    assert set(regions.chrom[regions.part == "test"]) == {"chr4"}
    assert set(regions.chrom[regions.part == "validation"]) == {"chr3"}
    assert set(regions.chrom[regions.part == "train"]) == {"chr1", "chr2"}
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["test"]["peaks"]["auROC"] > 0.9
    model = load(out / "model")
    assert model.classes_.tolist() == ["background", "peaks"]
    # Random crops of 25 each way (a quarter of --width 100), the shift check and the scan's
    # score at held-out peaks in the report, metrics.json and the saved model.
    assert model.random_crop == 25 and model.input_shape_ == (100, 4)
    assert set(metrics["shift_auROC"]) == {"-26", "-13", "0", "13", "26"}
    assert metrics["track_at_held_out_peaks"]["auroc"] > 0.9
    assert metrics["track_at_held_out_peaks"]["peaks"] == (sites.chrom == "chr4").sum()
    chromosomes = {"train": ["chr1", "chr2"], "validation": ["chr3"], "test": ["chr4"]}
    assert metrics["chromosomes"] == model.genome_["chromosomes"] == chromosomes
    assert model.genome_["genome"]["lengths"] == LENGTHS
    performance = (out / "performance.txt").read_text()
    assert "Chromosomes: train chr1, chr2; validation chr3; test chr4" in performance
    assert "Held-out auROC of regions moved off-centre (scan step 26)" in performance
    assert "A scan of the test chromosomes at step 26: auROC" in printed

    track = tmp_path / "track.bw"
    argv = [
        "scan",
        str(out / "model"),
        str(fasta),
        "--out",
        str(track),
        "--step",
        "25",
        "--regions",
        str(tmp_path / "chr4.bed"),
    ]
    (tmp_path / "chr4.bed").write_text("chr4\t0\t30000\n")
    capsys.readouterr()
    assert cli.main(argv) == 0
    assert "warning" not in capsys.readouterr().err  # held out, and robust to shifts
    reader = pyBigWig.open(str(track))
    assert reader.chroms() == {"chr4": 30000} and reader.stats("chr4", 0, 30000)[0] > 0
    reader.close()
    (tmp_path / "chr1.bed").write_text("chr1\t0\t3000\nchr1\t5000\t8000\n")
    assert cli.main([*argv[:-1], str(tmp_path / "chr1.bed")]) == 0
    warned = capsys.readouterr().err
    assert "skmotif scan: warning: Of 2 scanned regions, 2 on its train chromosomes (chr1 2)" in (
        warned
    )

    held_out = tmp_path / "chr4_peaks.bed"
    held_out.write_text(
        "".join(line for line in bed.read_text().splitlines(True) if line.startswith("chr4\t"))
    )
    report = tmp_path / "report"
    argv = [
        "report",
        str(out / "model"),
        "--bed",
        str(held_out),
        "--genome",
        str(fasta),
        "--out",
        str(report),
    ]
    assert cli.main(argv) == 0
    table = (report / "performance.txt").read_text()
    assert table.split("\n")[1].startswith("background") and "peaks" in table
    assert "warning" not in capsys.readouterr().err  # backgrounds drawn from chr4 too
    assert "Chromosomes of these regions: chr4\nA scan of these chromosomes at step 26" in table
    assert (report / "kernels" / "summary.html").exists()

    start = int(sites.start[sites.chrom == "chr4"].iloc[2])
    site = Genome(fasta).fetch("chr4", start, start + 8)
    vcf = tmp_path / "v.vcf"
    vcf.write_text(f"chr4\t{start + 4}\trs1\t{site[3]}\t{'A' if site[3] != 'A' else 'G'}\n")
    effects = tmp_path / "effects.tsv"
    argv = [
        "predict",
        str(out / "model"),
        "--vcf",
        str(vcf),
        "--genome",
        str(fasta),
        "--target",
        "peaks",
        "--out",
        str(effects),
    ]
    assert cli.main(argv) == 0
    table = pd.read_csv(effects, sep="\t")
    assert table.columns.tolist() == [
        "chrom",
        "pos",
        "id",
        "ref",
        "alt",
        "ref_proba",
        "alt_proba",
        "logit_diff",
    ]
    assert table.logit_diff[0] < 0

    signal = tmp_path / "signal_run"
    argv = [
        "train",
        "--bed",
        str(bed),
        "--genome",
        str(fasta),
        "--width",
        "100",
        "--bigwig",
        str(bigwig),
        "--background",
        "gc",
        "--log1p",
        "--scan-step",
        "26",
        "--test-chroms",
        "chr4",
        "--out",
        str(signal),
        "--param",
        *CLI_PARAMS,
    ]
    assert cli.main(argv) == 0
    regressor = load(signal / "model")
    assert regressor.output_names_.tolist() == ["signal"]
    metrics = json.loads((signal / "metrics.json").read_text())
    assert metrics["test"]["signal"]["pearson"] > 0.8
    assert metrics["shift_Pearson_r"]["0"] == pytest.approx(
        metrics["test"]["signal"]["pearson"], abs=1e-4
    )


@pytest.mark.parametrize(
    ("extra", "match"),
    [
        ([], "--bed needs --test-chroms"),
        (["--test-chroms", "4"], r"No sample is on the chromosome '4'.*'chr4'"),
        (["--test-chroms", "chr4", "--alphabet", "ACGU"], "the model.s alphabet must be ACGT"),
        (["--test-chroms", "chr4", "--match", "none.meme"], "none.meme"),
        (
            ["--test-chroms", "chr4", "--attribution", "bond"],
            r"--attribution must be one of the classes \['peaks', 'background'\]; got 'bond'",
        ),
    ],
)
def test_command_line_genome_errors(tmp_path, synthetic, capsys, extra, match):
    import re

    from skmotif import _cli as cli

    fasta, bed, _, _ = synthetic
    argv = ["train", "--bed", str(bed), "--genome", str(fasta), "--out", str(tmp_path / "o")]
    assert cli.main([*argv, *extra]) == 1
    error = capsys.readouterr().err
    assert re.search(match, error) and len(error.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


def test_make_motif_genome_plants_what_it_says(synthetic):
    import pyBigWig

    fasta, bed, bigwig, sites = synthetic
    genome = Genome(fasta)
    assert genome.lengths == LENGTHS
    for chrom, start, strand in sites.sample(20, random_state=0).itertuples(index=False):
        site = genome.fetch(chrom, start, start + 8)
        assert site == (SITE if strand == "+" else "CTGAGTCA")
    peaks = read_bed(bed)
    assert (peaks.start + peaks.summit == sites.start + 4).all()
    track = pyBigWig.open(str(bigwig))
    first = int(sites.start[0])
    assert track.values("chr1", first - 51, first - 49) == [0.5, 10.0]
    assert track.values("chr1", first + 57, first + 59) == [10.0, 0.5]
    track.close()
    for chrom in LENGTHS:  # one gap of 500 N each, no site in it
        n = gap(fasta, chrom)
        assert genome.chromosome(chrom).count("N") == 500
        on = sites.start[sites.chrom == chrom]
        assert not ((on > n - 8) & (on < n + 500)).any()


@pytest.mark.slow
def test_scan_on_a_local_dask_cluster_writes_the_same_track(tmp_path, synthetic, peak_model):
    import joblib
    from distributed import Client, LocalCluster

    fasta, _, _, _ = synthetic
    clf, _, _ = peak_model
    local = scan(clf, fasta, tmp_path / "local.bedGraph", step=100)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        with joblib.parallel_backend("dask"):
            spread = scan(clf, fasta, tmp_path / "dask.bedGraph", step=100)
        workers = client.run(lambda: True)
    assert len(workers) == 2
    assert local.read_text().splitlines()[0].split("\t")[0] == "chr1"
    ours = [line.split("\t") for line in local.read_text().splitlines()]
    theirs = [line.split("\t") for line in spread.read_text().splitlines()]
    assert [row[:3] for row in ours] == [row[:3] for row in theirs]
    np.testing.assert_allclose(
        [float(row[3]) for row in ours], [float(row[3]) for row in theirs], rtol=1e-5
    )


@pytest.fixture(scope="module")
def deeper_models(synthetic, peak_model):
    """Networks with local pooling, skips and a dense layer, briefly trained."""
    from skmotif import ConvMotifClassifier
    from skmotif.genome import genome_params

    _, X, y = peak_model
    small = {"epochs": 1, "random_state": 0}
    return {
        "one global convolution": peak_model[0],
        "genome defaults": ConvMotifClassifier(**genome_params(100, width=60), **small).fit(X, y),
        "estimator defaults": ConvMotifClassifier(kernel_len=7, **small).fit(X, y),
    }


@pytest.mark.parametrize("average_strands", [False, True])
@pytest.mark.parametrize(
    "network", ["one global convolution", "genome defaults", "estimator defaults"]
)
def test_a_sliding_scan_scores_as_the_whole_network(
    synthetic, deeper_models, network, average_strands
):
    from skmotif.genome._scan import scan_chromosome

    fasta, _, _, _ = synthetic
    clf = copy.deepcopy(deeper_models[network]).set_params(average_strands=average_strands)
    n = gap(fasta, "chr4")
    spans = [(0, 3000), (n - 400, n + 900)]  # windows that reach into the gap of N too
    for step in (7, 50):  # 7: windows in several phases of the pooling grids
        sliding = scan_chromosome(clf, fasta, "chr4", spans, step, 1, sliding=True)
        whole = scan_chromosome(clf, fasta, "chr4", spans, step, 1, sliding=False)
        np.testing.assert_array_equal(sliding[0], whole[0])
        np.testing.assert_allclose(sliding[2], whole[2], rtol=1e-4, atol=1e-6)
        assert len(sliding[2]) > 3000 // step
        assert np.ptp(sliding[2]) > 1e-4


def test_a_missing_extra_is_named(monkeypatch, synthetic):
    import builtins

    fasta, bed, bigwig, _ = synthetic
    real_import = builtins.__import__

    def without(name, *args, **kwargs):
        if name in ("pyfaidx", "pyBigWig"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without)
    with pytest.raises(ImportError, match=r'pip install "skmotif\[genome\]"'):
        Genome(fasta)
    with pytest.raises(ImportError, match=r'pip install "skmotif\[genome\]"'):
        bigwig_targets(bigwig, read_bed(bed))


def test_bedgraph_targets_equal_the_bigwig_ones(tmp_path, synthetic):
    import pyBigWig

    _, bed, bigwig, _ = synthetic
    track = pyBigWig.open(str(bigwig))
    lines = [
        f"{chrom}\t{s}\t{e}\t{v}\n" for chrom in LENGTHS for s, e, v in track.intervals(chrom)
    ]
    track.close()
    bedgraph = tmp_path / "signal.bedGraph.gz"
    with gzip.open(bedgraph, "wt") as file:
        file.writelines(["track type=bedGraph\n", *lines])
    regions = read_bed(bed).iloc[::7]
    for stat in ("mean", "max"):
        np.testing.assert_allclose(
            bigwig_targets(bedgraph, regions, stat=stat, bins=3),
            bigwig_targets(bigwig, regions, stat=stat, bins=3),
        )
    with pytest.raises(ValueError, match=r"'1' is not in signal\.bedGraph\.gz.*'chr1'"):
        bigwig_targets(bedgraph, regions.assign(chrom="1"))
