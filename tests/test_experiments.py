"""Experiments: motif insertion, spacing, ablation and design on fitted models."""

import re
import warnings

import numpy as np
import pytest
from conftest import FAST, MOTIF, planted, planted_meme
from scipy.special import logit

from skmotif import PROTEIN, ConvMotifClassifier, ConvMotifRegressor, Motif
from skmotif.experiments import (
    INSERTION_COLUMNS,
    SPACING_COLUMNS,
    Readout,
    ablate_motif,
    design_sequences,
    insert_motif,
    motif_spacing,
)

NULL = "CCTGCAG"  # no part of GATTACA / TGTAATC


def reverse_complement(s):
    return s[::-1].translate(str.maketrans("ACGT", "TGCA"))


def test_readout_is_the_logit_and_the_prediction(fast_model, motif_data):
    X = motif_data[2][:50]
    readout = Readout(fast_model)
    codes = fast_model.encode(X).values
    expected = logit(np.clip(fast_model.predict_proba(X)[:, 1], 1e-7, 1 - 1e-7))
    assert readout.scale == "log-odds"
    np.testing.assert_allclose(readout(codes), expected, atol=2e-3)


def test_insertion_raises_the_planted_motif_and_not_a_null_one(fast_model, motif_data):
    X = motif_data[0]
    planted = insert_motif(fast_model, MOTIF, X, random_state=0)
    null = insert_motif(fast_model, NULL, X, random_state=0)
    assert list(planted.columns) == INSERTION_COLUMNS
    assert planted.attrs == {"scale": "log-odds", "motif": MOTIF, "n_backgrounds": 100}
    assert planted.effect[0] > 3 and planted.low[0] > 0
    assert planted.low[0] < planted.effect[0] < planted.high[0]
    assert abs(null.effect[0]) < 0.1 * planted.effect[0]
    np.testing.assert_allclose(planted.inserted - planted.background, planted.effect)
    again = insert_motif(fast_model, MOTIF, X, random_state=0)
    assert again.equals(planted)


def test_insertion_at_every_position_and_on_the_other_strand(fast_model, motif_data):
    X = motif_data[0]
    table = insert_motif(fast_model, MOTIF, X, positions="all", n_backgrounds=20, random_state=1)
    assert table.position.tolist() == list(range(40 - len(MOTIF) + 1))
    assert (table.low > 0).all()  # global max pooling: the motif counts anywhere
    reverse = insert_motif(fast_model, MOTIF, X, strand="-", n_backgrounds=20, random_state=1)
    given = insert_motif(
        fast_model, reverse_complement(MOTIF), X, n_backgrounds=20, random_state=1
    )
    np.testing.assert_allclose(reverse.effect, given.effect)


def test_iupac_and_sampled_motifs_are_drawn_per_background(fast_model, motif_data):
    X = motif_data[0]
    exact = insert_motif(fast_model, MOTIF, X, n_backgrounds=40, random_state=0)
    iupac = insert_motif(fast_model, "GATTNCA", X, n_backgrounds=40, random_state=0)
    assert 0 < iupac.effect[0] < exact.effect[0]  # three in four draws miss the A
    motif = Motif.from_sequences([MOTIF] * 3 + ["CATTACA"], "ACGT", pseudocount=0.0)
    consensus = insert_motif(fast_model, motif, X, n_backgrounds=40, random_state=0)
    sampled = insert_motif(fast_model, motif, X, n_backgrounds=40, sample=True, random_state=0)
    assert consensus.effect[0] == pytest.approx(exact.effect[0])
    assert sampled.effect[0] < consensus.effect[0]


def test_spacing_of_a_redundant_pair_under_global_max_pooling(fast_model, motif_data):
    X = motif_data[0]
    table = motif_spacing(
        fast_model, MOTIF, MOTIF, X, spacings=[0, 3, 9], n_backgrounds=30, random_state=0
    )
    assert list(table.columns) == SPACING_COLUMNS
    assert len(table) == 12 and set(table.orientation) == {"++", "+-", "-+", "--"}
    np.testing.assert_allclose(table.interaction, table.pair - table.first - table.second)
    # the second copy adds nothing to the max: the pair is sub-additive by one motif's effect
    forward = table[table.orientation == "++"]
    assert (forward.high < 0).all() and (forward.second > 3).all()
    assert np.allclose(forward.interaction, -forward.second, atol=0.35 * forward.second.mean())
    # the model learned the forward strand only: reverse copies do (almost) nothing
    both_reverse = table[table.orientation == "--"]
    assert (both_reverse.pair.abs() < 0.15 * forward.pair.mean()).all()
    unrelated = motif_spacing(
        fast_model, MOTIF, NULL, X, spacings=[2], orientations=["++"], n_backgrounds=30,
        random_state=0,
    )  # fmt: skip
    assert abs(unrelated.interaction[0]) < 0.1 * unrelated["first"][0]


def test_ablation_finds_every_occurrence_and_takes_its_effect(fast_model, motif_data):
    X = motif_data[2][:80]
    sites, sequences = ablate_motif(fast_model, X, MOTIF, random_state=0)
    expected = sorted(
        (i, m.start(), "+" if word == MOTIF else "-")
        for i, s in enumerate(X)
        for word in (MOTIF, reverse_complement(MOTIF))
        for m in re.finditer(f"(?={word})", s)
    )
    assert sorted(zip(sites.sequence, sites.start, sites.strand, strict=True)) == expected
    assert (
        sites.site == [X[i][s : s + 7] for i, s in zip(sites.sequence, sites.start, strict=True)]
    ).all()
    assert sites.effect.mean() < -2 and (sites.effect < 0).mean() > 0.9
    counts = np.bincount(sites.sequence, minlength=len(X))
    assert (sequences.n_sites == counts[sequences.sequence]).all()
    unknown, _ = ablate_motif(fast_model, X, MOTIF, method="unknown")
    assert unknown.effect.mean() < -2
    matrix = Motif.from_sequences([MOTIF], "ACGT")
    loose, _ = ablate_motif(fast_model, X, matrix, threshold=0.7)
    assert len(loose) > len(sites)


def test_design_meets_every_constraint_and_finds_the_motif(fast_model):
    other = ConvMotifClassifier(**{**FAST, "random_state": 1}).fit(*_planted_training())
    fixed = np.arange(0, 5)
    kwargs = dict(
        n_designs=4, gc=(0.3, 0.5), forbidden=["GAATTC"], fixed=fixed, max_edits=8,
        motifs=[MOTIF], random_state=0,
    )  # fmt: skip
    table = design_sequences(fast_model, check=other, **kwargs)
    assert (table.score > table.start_score + 3).all()
    assert (table.check_score > table.check_start_score).all()
    for start, design in zip(table.start, table.sequence, strict=True):
        edits = sum(a != b for a, b in zip(start, design, strict=True))
        gc = (design.count("G") + design.count("C")) / len(design)
        assert 0 < edits <= 8 and 0.3 <= gc <= 0.5
        assert "GAATTC" not in design and design[:5] == start[:5]
        assert MOTIF in design or reverse_complement(MOTIF) in design
    assert (table[MOTIF] >= 1).all()
    assert table.equals(design_sequences(fast_model, check=other, **kwargs))
    annealed = design_sequences(
        fast_model, n_designs=3, method="anneal", n_steps=300, random_state=0
    )
    assert (annealed.score > annealed.start_score).all()


def test_designs_name_the_database_motifs_they_rest_on(fast_model, tmp_path):
    database = planted_meme(tmp_path / "db.meme", name="GATTACA_SITE")
    table = design_sequences(fast_model, n_designs=3, database=database, random_state=0)
    for design, named in zip(table.sequence, table.named_motifs, strict=True):
        sites = re.findall(r"(\S+) \((\S+)\) ([+-]) at (\d+)", named)
        planted_sites = [s for s in sites if s[0] == "GATTACA_SITE"]
        assert planted_sites and all(sign == "+" for *_, sign, _ in planted_sites)
        start = int(planted_sites[0][3])
        assert design[start : start + 7] in (MOTIF, reverse_complement(MOTIF))
    with pytest.raises(ValueError, match="JASPAR release such as"):
        design_sequences(fast_model, n_designs=1, database=tmp_path / "none.meme")
    protein = ConvMotifClassifier(**{**FAST, "epochs": 1}, alphabet=PROTEIN)
    protein.fit(["MKVLAGHHWY" * 4, "GGHHACDEFK" * 4] * 5, [0, 1] * 5)
    with pytest.raises(ValueError, match="Naming motifs needs DNA or RNA"):
        design_sequences(protein, n_designs=1, database=database)


def _planted_training():
    X, y = planted(400, seed=1)
    return X, y


def test_regressor_and_protein_models(motif_data):
    X, y, _, _ = motif_data
    reg = ConvMotifRegressor(**{**FAST, "epochs": 5}).fit(X, y.astype(float))
    table = insert_motif(reg, MOTIF, X, n_backgrounds=20, random_state=0)
    assert table.attrs["scale"] == "output units" and table.effect[0] > 0.3
    codes = reg.encode(X[:20]).values
    np.testing.assert_allclose(Readout(reg)(codes), reg.predict(X[:20]))
    protein = ConvMotifClassifier(**{**FAST, "epochs": 1}, alphabet=PROTEIN)
    protein.fit(["MKVLAGHHWY" * 4, "GGHHACDEFK" * 4] * 5, [0, 1] * 5)
    pair = motif_spacing(protein, "WYM", "KVL", ["MKVLAGHHWY" * 4], spacings=[1], n_backgrounds=4)
    assert pair.orientation.tolist() == ["++"]
    with pytest.raises(ValueError, match="reverse complement needs a DNA or RNA"):
        insert_motif(protein, "WYM", ["MKVLAGHHWY" * 4], strand="-")


def test_spacing_warns_beyond_the_receptive_field(motif_data):
    X, y, _, _ = motif_data
    params = {**FAST, "pool_size": 2, "pool_stride": 2, "residual_num": 2, "epochs": 1}
    clf = ConvMotifClassifier(**params).fit(X, y)
    # conv 7 + pool 2 (jump 2), then dilations 2 and 4 of width 3: 8 + 8 + 16 positions
    assert clf.network().arch.receptive_field() == 32
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        motif_spacing(clf, MOTIF, MOTIF, X, spacings=[18], n_backgrounds=4, random_state=0)
    with pytest.warns(UserWarning, match="spans 33 positions, but one unit .* reads 32"):
        motif_spacing(clf, MOTIF, MOTIF, X, spacings=[0, 19], n_backgrounds=4, random_state=0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m, X: insert_motif(m, "GATXACA", X), r"'X', not in the alphabet 'ACGT'"),
        (lambda m, X: insert_motif(m, MOTIF, X, positions=[34]), "position 34 does not fit"),
        (lambda m, X: insert_motif(m, MOTIF, X, positions="middle"), "positions must be"),
        (lambda m, X: insert_motif(m, 7, X), "motif must be a string"),
        (lambda m, X: insert_motif(m, MOTIF, X, n_backgrounds=1), "at least 2"),
        (lambda m, X: insert_motif(m, MOTIF, X, confidence=95), "confidence must be"),
        (lambda m, X: motif_spacing(m, MOTIF, MOTIF, X, spacings=[30]), "pair does not fit"),
        (lambda m, X: motif_spacing(m, MOTIF, MOTIF, X, orientations=["+"]), "orientations"),
        (lambda m, X: ablate_motif(m, X, MOTIF, method="delete"), "method must be"),
        (lambda m, X: ablate_motif(m, X, MOTIF, threshold=2), "threshold must be"),
        (lambda m, X: design_sequences(m, gc=(0.6, 0.4)), "gc must be"),
        (lambda m, X: design_sequences(m, starts=["GAATTC" * 6], forbidden="GAATTC"),
         "Start 0 breaks a constraint"),
        (lambda m, X: design_sequences(m, method="evolve"), "method must be"),
        (lambda m, X: design_sequences(m, target=1, versus=1), "versus names the same"),
    ],
)  # fmt: skip
def test_bad_requests_are_named_before_any_work(fast_model, motif_data, call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call(fast_model, motif_data[0][:20])


def test_figures_draw_the_tables(fast_model, motif_data):
    import matplotlib.pyplot as plt

    from skmotif.plotting import plot_ablation, plot_insertion, plot_spacing

    X = motif_data[0]
    table = insert_motif(fast_model, MOTIF, X, positions=[0, 10, 20], n_backgrounds=10)
    ax = plot_insertion(table)
    (line,) = ax.get_lines()[:1]
    np.testing.assert_allclose(line.get_ydata(), table.effect)
    assert ax.get_title() == MOTIF and "log-odds" in ax.get_ylabel()
    spacing = motif_spacing(
        fast_model, MOTIF, NULL, X, spacings=[0, 4], orientations=["++", "+-"], n_backgrounds=10
    )
    ax = plot_spacing(spacing)
    curves = [line.get_ydata() for line in ax.get_lines()[:2]]
    np.testing.assert_allclose(np.concatenate(curves), spacing.interaction)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["++", "+-"]
    with pytest.raises(ValueError, match="plot_spacing draws the table"):
        plot_spacing(table)
    sites, _ = ablate_motif(fast_model, motif_data[2], MOTIF, random_state=0)
    ax = plot_ablation(sites)
    heights = [patch.get_height() for patch in ax.patches]
    assert sum(heights) == len(sites) > 20
    assert ax.get_lines()[0].get_xdata()[0] == pytest.approx(sites.effect.mean())
    assert sites.effect.mean() < 0 and ax.get_title() == MOTIF
    plt.close("all")


def test_command_line_experiments(fast_model, motif_data, tmp_path, capsys):
    import pandas as pd

    import skmotif
    from skmotif._cli import main

    model, fasta = tmp_path / "model", tmp_path / "x.fa"
    skmotif.save(fast_model, model)
    fasta.write_text("".join(f">s{i}\n{s}\n" for i, s in enumerate(motif_data[2][:60])))
    out = tmp_path / "insert.tsv"
    argv = ["insert", str(model), str(fasta), "--motif", MOTIF, "--positions", "0,10"]
    assert main([*argv, "--out", str(out), "--figure", str(tmp_path / "i.png"), "-q"]) == 0
    table = pd.read_csv(out, sep="\t")
    expected = insert_motif(fast_model, MOTIF, motif_data[2][:60], [0, 10], random_state=0)
    np.testing.assert_allclose(table.effect, expected.effect, rtol=1e-6)
    assert (tmp_path / "i.png").stat().st_size > 1000
    argv = ["ablate", str(model), str(fasta), "--motif", MOTIF, "--target", "1", "-q"]
    assert main([*argv, "--per-sequence", str(tmp_path / "seq.tsv")]) == 0
    sites = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out), sep="\t")
    assert len(sites) > 10 and (sites.effect < 0).mean() > 0.9
    assert len(pd.read_csv(tmp_path / "seq.tsv", sep="\t")) == sites.sequence.nunique()
    argv = ["design", str(model), "--n-designs", "2", "--max-edits", "5", "--gc", "0.3", "0.6"]
    assert main([*argv, "--forbidden", "GAATTC", "--motif", MOTIF, "-q"]) == 0
    designs = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out), sep="\t")
    assert (designs.edits <= 5).all() and (designs.score > designs.start_score).all()
    assert main(["spacing", str(model), str(fasta), "--first", MOTIF, "--second", "GAXT"]) == 1
    assert "'X', not in the alphabet" in capsys.readouterr().err


def test_the_experiments_report_writes_what_was_asked(fast_model, motif_data, tmp_path):
    import pandas as pd

    from skmotif.report import experiments_report

    X = motif_data[2][:60]
    found = experiments_report(
        fast_model, X, tmp_path, insert=[MOTIF, NULL], spacing=(MOTIF, NULL), ablate=MOTIF,
        mutagenesis=2, design=2, n_backgrounds=20,
    )  # fmt: skip
    assert list(found) == ["insertion", "spacing", "ablation", "mutagenesis", "design"]
    page = (tmp_path / "experiments.html").read_text()
    for heading in ("Motif insertion", "Spacing and orientation", "Ablation", "Designs"):
        assert f"<h2>{heading}</h2>" in page
    inserted = found["insertion"][MOTIF]
    expected = insert_motif(fast_model, MOTIF, X, "all", n_backgrounds=20, random_state=0)
    pd.testing.assert_frame_equal(inserted, expected)
    saved = pd.read_csv(tmp_path / f"insertion_{MOTIF}.tsv", sep="\t")
    np.testing.assert_allclose(saved.effect, inserted.effect, rtol=1e-5)
    centre = inserted.iloc[len(inserted) // 2]
    assert f"{centre.effect:.3g} [{centre.low:.3g}, {centre.high:.3g}]" in page
    sites, _ = found["ablation"][MOTIF]
    assert f"<td>{len(sites)}</td>" in page and f"<td>{sites.effect.mean():.3g}</td>" in page
    # mutagenesis: the two sequences read highest, each substitution against the Readout
    rows, effects = found["mutagenesis"]
    readout = Readout(fast_model)
    codes = fast_model.encode(X).values
    assert set(rows) <= set(np.argsort(-readout(codes))[:2])
    mutant = codes[rows[0]].copy()
    mutant[5] = (mutant[5] + 1) % 4
    change = readout(mutant[None])[0] - readout(codes[rows[0] : rows[0] + 1])[0]
    assert effects[0, 5, mutant[5]] == pytest.approx(change, abs=1e-4)
    assert effects[0, 5, codes[rows[0], 5]] == 0
    for name in ("mutagenesis_0.png", f"spacing_{MOTIF}_{NULL}.png", f"ablation_{MOTIF}.png"):
        assert (tmp_path / name).stat().st_size > 5000 and f'src="{name}"' in page
    assert len(pd.read_csv(tmp_path / "designs.tsv", sep="\t")) == 2
    with pytest.raises(ValueError, match="Ask for at least one experiment"):
        experiments_report(fast_model, X, tmp_path / "none")
    with pytest.raises(ValueError, match="'X', not in the alphabet"):
        experiments_report(
            fast_model, X, tmp_path / "bad", insert=[MOTIF], spacing=("GAXT", MOTIF)
        )
    assert not (tmp_path / "bad").exists()


def test_report_command_adds_the_experiments_page(fast_model, motif_data, tmp_path, capsys):
    import skmotif
    from skmotif._cli import main

    model = tmp_path / "model"
    skmotif.save(fast_model, model)
    X, y = motif_data[2], motif_data[3]
    files = []
    for label in (0, 1):
        files.append(tmp_path / f"{label}.fa")
        rows = [s for s, t in zip(X, y, strict=True) if t == label]
        files[-1].write_text("".join(f">s{i}\n{s}\n" for i, s in enumerate(rows)))
    argv = ["report", str(model), *map(str, files), "-q", "--insert", MOTIF]
    assert main([*argv, "--ablate", "GAXT", "--out", str(tmp_path / "bad")]) == 1
    assert "'X', not in the alphabet" in capsys.readouterr().err
    assert not (tmp_path / "bad").exists()  # refused before any report
    out = tmp_path / "report"
    assert main([*argv, "--mutagenesis", "1", "--out", str(out)]) == 0
    page = (out / "experiments" / "experiments.html").read_text()
    assert "<h2>Motif insertion</h2>" in page and "<h2>Saturation mutagenesis</h2>" in page
    assert str(out / "experiments" / "experiments.html") in capsys.readouterr().out


def test_genome_backgrounds_follow_the_sequences_gc(fast_model, tmp_path):
    from skmotif.datasets import make_motif_genome
    from skmotif.experiments._backgrounds import background_codes

    genome = make_motif_genome(tmp_path, random_state=0)["genome"]
    rng = np.random.RandomState(0)
    X = ["".join(rng.choice(list("ACGT"), 40, p=[0.29, 0.21, 0.21, 0.29])) for _ in range(50)]
    codes = background_codes(Readout(fast_model), X, 40, genome, np.random.RandomState(0))
    assert codes.shape == (40, 40) and (codes < 4).all()
    gc = np.isin(codes, [1, 2]).mean(axis=1)
    wanted = np.isin(fast_model.encode(X).values, [1, 2]).mean(axis=1)
    assert abs(np.median(gc) - np.median(wanted)) < 0.03
    assert np.median(gc) < 0.46  # X's GC (0.42), not the genome's (about 0.5)
    table = insert_motif(fast_model, MOTIF, X, genome=genome, n_backgrounds=20, random_state=0)
    assert table.low[0] > 0
    with pytest.raises(ValueError, match="leave genome out to use shuffles"):
        insert_motif(fast_model, MOTIF, ["GC" * 20] * 3, genome=genome)


def test_rna_models_take_iupac_strands_and_gc(motif_data):
    X, y, _, _ = motif_data
    rna = [s.replace("T", "U") for s in X]
    clf = ConvMotifClassifier(**{**FAST, "epochs": 8}, alphabet="ACGU").fit(rna, y)
    forward = insert_motif(clf, "GAUUACA", rna, n_backgrounds=20, random_state=0)
    assert forward.effect[0] > 1
    reverse = insert_motif(clf, "UGUAAUC", rna, strand="-", n_backgrounds=20, random_state=0)
    np.testing.assert_allclose(reverse.effect, forward.effect)
    iupac = insert_motif(clf, "GATTNCA", rna, n_backgrounds=20, random_state=0)  # T read as U
    assert 0 < iupac.effect[0] < forward.effect[0]
    pair = motif_spacing(clf, "GAUUACA", "CCUGCAG", rna, spacings=[0], n_backgrounds=5)
    assert pair.orientation.tolist() == ["++", "+-", "-+", "--"]
    designs = design_sequences(clf, n_designs=2, gc=(0.4, 0.6), max_edits=6, random_state=0)
    assert set("".join(designs.sequence)) <= set("ACGU") and designs.gc.between(0.4, 0.6).all()


def test_motifs_are_never_written_into_padding(fast_model, motif_data):
    short = [s[:25] for s in motif_data[0]]  # the model reads 40: 15 of padding
    table = insert_motif(fast_model, MOTIF, short, positions="all", n_backgrounds=10)
    assert table.position.max() == 25 - len(MOTIF)
    with pytest.raises(ValueError, match=r"position 20 does not fit.*shortest background of 25"):
        insert_motif(fast_model, MOTIF, short, positions=[20])
