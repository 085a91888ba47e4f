"""The skmotif command: help without TensorFlow, train / predict / report end to end, the demo,
and errors as one line without traceback."""

import csv
import json
import re
import subprocess
import sys

import numpy as np
import pytest
from conftest import planted, planted_meme

import skmotif
from skmotif import _cli as cli


def write_fasta(path, sequences):
    path.write_text("".join(f">s{i} extra words\n{s}\n" for i, s in enumerate(sequences)))
    return path


@pytest.fixture(scope="module")
def class_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fasta")
    X, y = planted(300, length=40, seed=11)
    neg = write_fasta(
        folder / "random.fa", [s for s, label in zip(X, y, strict=True) if not label]
    )
    pos = write_fasta(folder / "bound.fa", [s for s, label in zip(X, y, strict=True) if label])
    return neg, pos


FAST_PARAMS = [
    "conv_num=1",
    "kernel_num=8",
    "kernel_len=7",
    "pool_size=global",
    "dense_num=0",
    "learning_rate=0.02",
    "epochs=6",
    "dropout_input=0.0",
]


def test_help_answers_without_loading_tensorflow():
    code = (
        "import sys; from skmotif import _cli as cli\n"
        "try:\n    cli.main(['train', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('tensorflow' in sys.modules, 'sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "--param" in out.stdout and out.stdout.strip().endswith("False False")


@pytest.mark.slow
def test_train_predict_report(class_files, tmp_path, capsys):
    neg, pos = class_files
    out = tmp_path / "run"
    assert cli.main(["train", str(neg), str(pos), "--out", str(out), "--param", *FAST_PARAMS]) == 0
    assert (out / "kernels" / "summary.html").exists() and (out / "performance.png").exists()
    report = (out / "performance.txt").read_text()
    assert "bound" in report and "random" in report and "weighted avg" in report
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["test"]["bound"]["auROC"] > 0.9
    model = skmotif.load(out / "model")
    assert model.classes_.tolist() == ["bound", "random"] and model.kernel_num == 8
    assert model.pool_size == "global"

    predictions = tmp_path / "p.tsv"
    assert cli.main(["predict", str(out / "model"), str(pos), "--out", str(predictions)]) == 0
    rows = list(csv.reader(predictions.open(), delimiter="\t"))
    assert rows[0] == ["id", "bound", "random"] and rows[1][0] == "s0" and len(rows) == 151
    _, sequences = skmotif.io.read_fasta(pos)
    expected = model.predict_proba(sequences)
    np.testing.assert_allclose(np.array(rows[1:])[:, 1:].astype(float), expected, rtol=1e-5)

    database = planted_meme(tmp_path / "db.meme")
    again = tmp_path / "again"
    argv = ["report", str(out / "model"), str(pos), str(neg), "--out", str(again)]
    assert cli.main([*argv, "--match", str(database)]) == 0
    assert "<th>known motifs</th>" in (again / "kernels" / "summary.html").read_text()
    matches = (again / "kernels" / "matches.tsv").read_text()
    assert "\tPLANTED\t" in matches
    assert "Report:" in capsys.readouterr().out


@pytest.mark.slow
def test_report_with_attribution_patterns(tmp_path, capsys):
    # 300 carriers gave TF-MoDISco 250 seqlets but a pattern with some seeds only (its
    # clusters sit near the 20-seqlet minimum); 600 give one with seeds 0-2.
    X, y = planted(1200, length=100, seed=11)
    neg = write_fasta(
        tmp_path / "random.fa", [s for s, is_bound in zip(X, y, strict=True) if not is_bound]
    )
    pos = write_fasta(
        tmp_path / "bound.fa", [s for s, is_bound in zip(X, y, strict=True) if is_bound]
    )
    out = tmp_path / "run"
    params = [*FAST_PARAMS[:-2], "epochs=30"]
    assert cli.main(["train", str(neg), str(pos), "--out", str(out), "--param", *params]) == 0
    database = planted_meme(tmp_path / "db.meme")
    again = tmp_path / "again"
    argv = ["report", str(out / "model"), str(pos), str(neg), "--out", str(again)]
    assert cli.main([*argv, "--match", str(database), "--attribution", "bound"]) == 0
    printed = capsys.readouterr().out
    assert "Patterns of class bound: 600 sequences" in printed
    assert str(again / "patterns" / "patterns.html") in printed
    page = (again / "patterns" / "patterns.html").read_text()
    assert "<td>bound</td><td>pos_pattern_0</td>" in page
    assert "random" not in page.split("<tbody>")[1]  # only the class asked for
    assert "PLANTED" in page  # the planted GATTACA, named from the database
    assert "\tPLANTED\t" in (again / "patterns" / "matches.tsv").read_text()


def test_predict_variants_from_a_tsv_file(class_files, tmp_path, capsys):
    neg, pos = class_files
    out = tmp_path / "run"
    assert cli.main(["train", str(neg), str(pos), "--out", str(out), "--param", *FAST_PARAMS]) == 0
    sequences = skmotif.io.read_fasta(pos)[1]
    s1 = sequences[1]
    variants = tmp_path / "variants.tsv"
    variants.write_text(
        "sequence\tposition\tref\talt\n"
        f"s1\t1\t{s1[0]}\tA\ns3\t40\t{sequences[3][39]}\tG\ns1\t7\t{s1[6]}\tT\n"
    )
    effects = tmp_path / "effects.tsv"
    argv = ["predict", str(out / "model"), str(pos), "--variants", str(variants)]
    assert cli.main([*argv, "--target", "bound", "--out", str(effects)]) == 0
    table = list(csv.reader(effects.open(), delimiter="\t"))
    assert table[0] == [
        "sequence",
        "position",
        "ref",
        "alt",
        "ref_proba",
        "alt_proba",
        "logit_diff",
    ]
    assert [row[:2] for row in table[1:]] == [["s1", "1"], ["s3", "40"], ["s1", "7"]]
    model = skmotif.load(out / "model")
    expected = skmotif.interpret.variant_effects(
        model,
        {"s1": s1, "s3": sequences[3]},
        [("s1", 0, s1[0], "A"), ("s3", 39, sequences[3][39], "G"), ("s1", 6, s1[6], "T")],
        target="bound",
    )
    np.testing.assert_allclose(
        np.array(table[1:])[:, 4:].astype(float),
        expected[["ref_proba", "alt_proba", "logit_diff"]].to_numpy(),
        rtol=1e-4,
        atol=1e-6,
    )
    variants.write_text(
        f"sequence\tposition\tref\talt\ns1\t1\t{'C' if s1[0] != 'C' else 'G'}\tA\n"
    )
    assert cli.main([*argv]) == 1
    err = capsys.readouterr().err
    assert "the reference is" in err and "Traceback" not in err
    assert cli.main(["predict", str(out / "model"), str(pos), "--target", "bound"]) == 1
    assert "--target names the class (or output) of --variants" in capsys.readouterr().err


def test_attribution_problems_fail_before_training(class_files, tmp_path, capsys):
    neg, pos = class_files
    out = tmp_path / "o"
    argv = ["train", str(neg), str(pos), "--out", str(out)]
    assert cli.main([*argv, "--attribution", "bond"]) == 1
    assert "--attribution must be one of the classes ['random', 'bound']; got 'bond'" in (
        capsys.readouterr().err
    )
    assert cli.main([*argv, "--alphabet", "ACDEFGHIKLMNPQRSTVWY", "--attribution"]) == 1
    assert "four-letter nucleotide" in capsys.readouterr().err
    assert not out.exists()


def test_predict_streams_in_chunks(class_files, tmp_path, monkeypatch):
    neg, pos = class_files
    out = tmp_path / "run"
    cli.main(
        ["train", str(neg), str(pos), "--out", str(out), "--param", *FAST_PARAMS[:-2], "epochs=1"]
    )
    whole, pieces = tmp_path / "whole.tsv", tmp_path / "pieces.tsv"
    cli.main(["predict", str(out / "model"), str(neg), "--out", str(whole)])
    monkeypatch.setattr(cli, "CHUNK", 7)
    cli.main(["predict", str(out / "model"), str(neg), "--out", str(pieces)])
    assert whole.read_text() == pieces.read_text()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["predict", "missing_model", "x.fa"], "not a saved skmotif model"),
        (["train", "missing.fa", "--out", "{tmp}/o"], "No such file"),
        (
            ["train", "{neg}", "{pos}", "--out", "{tmp}/o", "--param", "kernel_num=0"],
            "'kernel_num' parameter",
        ),
        (
            ["train", "{neg}", "{pos}", "--out", "{tmp}/o", "--param", "kernel_len"],
            "--param takes name=value",
        ),
        (["train", "{neg}", "{pos}", "--out", "{tmp}/o", "--alphabet", "ACGU"], "symbol 'T'"),
        (
            ["train", "{neg}", "{pos}", "--out", "{tmp}/o", "--match", "JASPAR1999"],
            "pyjaspar has no JASPAR1999",
        ),
    ],
)
def test_errors_are_one_line_without_traceback(class_files, tmp_path, capsys, argv, message):
    neg, pos = class_files
    argv = [a.format(tmp=tmp_path, neg=neg, pos=pos) for a in argv]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"skmotif {argv[0]}: error:") and message in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_match_with_another_alphabet_fails_before_training(class_files, tmp_path, capsys):
    neg, pos = class_files
    protein = "ACDEFGHIKLMNPQRSTVWY"
    out = tmp_path / "o"
    argv = ["train", str(neg), str(pos), "--out", str(out), "--alphabet", protein]
    assert cli.main([*argv, "--match", "JASPAR2024"]) == 1
    err = capsys.readouterr().err
    assert f"The model has alphabet '{protein}' but the database's is 'ACGT'" in err
    assert not out.exists()


def test_demo_writes_model_and_reports(tmp_path, capsys):
    assert cli.main(["demo", "--out", str(tmp_path), "--epochs", "2"]) == 0
    assert (tmp_path / "kernels" / "summary.html").exists()
    assert (tmp_path / "model" / "model.keras").exists()
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["epochs"] == 2 and 0.5 < metrics["test"]["PUM2"]["auROC"] <= 1
    # The demo sets kernel_len=8; depth and pooling are the defaults' "auto", made explicit.
    assert metrics["resolved_params"] == {"conv_num": 2, "kernel_num": 30, "pool_size": 2}
    chosen = "'auto' chose: conv_num=2, kernel_num=30, pool_size=2"
    assert chosen in (tmp_path / "performance.txt").read_text()
    assert "summary.html" in capsys.readouterr().out


def test_train_and_predict_with_rnafold_structures(tmp_path):
    X, y = planted(200, length=40, seed=12, symbols="ACGU", motif="GAUUACA")
    fold = "((((" + "." * 32 + ")))) (-1.30)"
    for label, name in ((0, "other"), (1, "site")):
        records = [f">r{i}\n{s}\n{fold}\n" for i, s in enumerate(X) if y[i] == label]
        (tmp_path / f"{name}.fa").write_text("".join(records))
    out = tmp_path / "run"
    argv = [
        "train",
        str(tmp_path / "other.fa"),
        str(tmp_path / "site.fa"),
        "--structure",
        "--out",
        str(out),
        "--param",
        *FAST_PARAMS[:-1],
        "--param",
        "epochs=3",
    ]
    assert cli.main(argv) == 0
    model = skmotif.load(out / "model")
    assert str(model.alphabet_) == "ACGU x EHIMS" and model.input_shape_ == (40, 20)
    assert model.epochs == 3 and model.kernel_num == 8  # both --param groups were kept
    assert (
        cli.main(
            [
                "predict",
                str(out / "model"),
                str(tmp_path / "site.fa"),
                "--out",
                str(tmp_path / "p.tsv"),
            ]
        )
        == 0
    )
    assert (tmp_path / "p.tsv").read_text().count("\n") == 101


def test_train_pads_to_the_longest_sequence_even_when_it_is_held_out(tmp_path):
    """Variable-length FASTA: the fitted length is the longest record of all files."""
    from sklearn.model_selection import train_test_split

    X, y = planted(120, length=40, seed=5)
    labels = np.array(["bound", "random"])[1 - y]  # the files' class names, in file order
    order = np.argsort(labels, kind="stable")  # records as the command reads them
    _, test = train_test_split(
        np.arange(120), test_size=0.2, stratify=labels[order], random_state=0
    )
    longest = order[test[0]]
    X[longest] = X[longest] + "ACGTACGTAC"  # 50 nt, in the test part
    bound = write_fasta(tmp_path / "bound.fa", [s for s, b in zip(X, y, strict=True) if b])
    rand = write_fasta(tmp_path / "random.fa", [s for s, b in zip(X, y, strict=True) if not b])
    out = tmp_path / "run"
    argv = ["train", str(bound), str(rand), "--out", str(out), "--param", *FAST_PARAMS[:-2]]
    assert cli.main([*argv, "epochs=1"]) == 0
    assert skmotif.load(out / "model").input_shape_ == (50, 4)


def test_predict_writes_its_table_only_when_complete(class_files, tmp_path, monkeypatch, capsys):
    neg, pos = class_files
    out = tmp_path / "run"
    argv = ["train", str(neg), str(pos), "--out", str(out), "--param", *FAST_PARAMS[:-2]]
    assert cli.main([*argv, "epochs=1"]) == 0
    table = tmp_path / "p.tsv"
    table.write_text("an earlier table\n")
    calls = []
    real = skmotif.ConvMotifClassifier.scores

    def fails_on_the_second_chunk(self, X):
        calls.append(len(X))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(self, X)

    monkeypatch.setattr(cli, "CHUNK", 50)
    monkeypatch.setattr(skmotif.ConvMotifClassifier, "scores", fails_on_the_second_chunk)
    assert cli.main(["predict", str(out / "model"), str(neg), "--out", str(table)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert calls == [50, 50] and table.read_text() == "an earlier table\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.tsv", "run"]


def test_version_is_the_changelogs_newest(capsys):
    from pathlib import Path

    changelog = (Path(__file__).resolve().parents[1] / "CHANGELOG.md").read_text()
    newest = next(line for line in changelog.splitlines() if line.startswith("## "))
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert capsys.readouterr().out.strip() == f"skmotif {skmotif.__version__}"
    assert newest == f"## {skmotif.__version__}"


@pytest.fixture(scope="module")
def activity_files(tmp_path_factory):
    """A FASTA file and a targets TSV (two outputs, one value missing, ids out of order)."""
    folder = tmp_path_factory.mktemp("activity")
    X, present = planted(300, length=40, seed=12)
    fasta = write_fasta(folder / "seqs.fa", X)
    rng = np.random.default_rng(12)
    lines = ["id\tHepG2\tK562"]
    for i in rng.permutation(len(X)):
        value = 1 + 2 * present[i] + 0.1 * rng.normal()
        k562 = "NA" if i == 5 else f"{-value:.4f}"
        lines.append(f"s{i}\t{value:.4f}\t{k562}")
    lines.append("unused_id\t1.0\t2.0")
    tsv = folder / "values.tsv"
    tsv.write_text("\n".join(lines) + "\n")
    return fasta, tsv, X, present


@pytest.mark.slow
def test_train_predict_report_a_regressor(activity_files, tmp_path, capsys):
    fasta, tsv, X, _ = activity_files
    out = tmp_path / "run"
    params = [*FAST_PARAMS, "epochs=30", "missing_targets=mask"]
    argv = ["train", str(fasta), "--targets", str(tsv), "--out", str(out), "--param", *params]
    assert cli.main(argv) == 0
    printed = capsys.readouterr().out
    assert "values.tsv: 1 line names no sequence of the FASTA files; not used." in printed
    table = (out / "performance.txt").read_text()
    assert table.split("\n")[0].split() == ["R2", "pearson", "spearman", "MSE", "n"]
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["test"]["HepG2"]["pearson"] > 0.9
    # 60 test sequences; s5, whose K562 value is missing, is one of them.
    assert metrics["test"]["HepG2"]["n"] == 60 and metrics["test"]["K562"]["n"] == 59
    assert "loss increase when silenced" in (out / "kernels" / "summary.html").read_text()
    model = skmotif.load(out / "model")
    assert model.output_names_.tolist() == ["HepG2", "K562"]

    predictions = tmp_path / "pred.tsv"
    assert cli.main(["predict", str(out / "model"), str(fasta), "--out", str(predictions)]) == 0
    rows = list(csv.reader(predictions.open(), delimiter="\t"))
    assert rows[0] == ["id", "HepG2", "K562"] and len(rows) == 301
    expected = model.predict(X[:3])
    np.testing.assert_allclose([[float(v) for v in r[1:]] for r in rows[1:4]], expected, rtol=1e-5)

    variants = tmp_path / "variants.tsv"
    variants.write_text(f"sequence\tposition\tref\talt\ns0\t1\t{X[0][0]}\tA\n")
    effects = tmp_path / "effects.tsv"
    argv = [
        "predict",
        str(out / "model"),
        str(fasta),
        "--variants",
        str(variants),
        "--target",
        "K562",
        "--out",
        str(effects),
    ]
    assert cli.main(argv) == 0
    header = effects.read_text().split("\n")[0].split("\t")
    assert header[4:] == ["ref_value", "alt_value", "difference"]

    report = tmp_path / "report"
    argv = ["report", str(out / "model"), str(fasta), "--targets", str(tsv), "--out", str(report)]
    assert cli.main(argv) == 0
    assert (report / "performance.png").exists() and (report / "kernels" / "summary.html").exists()


@pytest.mark.parametrize(
    ("lines", "params", "match"),
    [
        (["id\tvalue", "s0\t1.0"], [], r"has no line for 299 of the 300 sequences, e\.g\. 's1'"),
        (["name\tvalue", "x0\t1.0"], [], r"e\.g\. 'x0' names no sequence"),
        (["id\tvalue", "s0\t1.0", "s0\t2.0"], [], r"line 3: the id 's0' is also given at line 2"),
        (["id\tvalue", "s0\tlots"], [], r"line 2, column 'value': 'lots' is not a number"),
        (["id"], [], "needs at least two tab-separated columns"),
        (None, [], r"missing values \(NaN\) in rows \[0\]"),
        (None, ["loss=poisson"], r"negative in rows"),
    ],
)
def test_regressor_inputs_are_checked_before_training(
    activity_files, tmp_path, capsys, monkeypatch, lines, params, match
):
    fasta, _, X, _ = activity_files
    if lines is None:  # every id, the first value missing or negative
        values = ["NA" if not params else "-1"] + ["1.5"] * (len(X) - 1)
        lines = ["id\tvalue", *(f"s{i}\t{v}" for i, v in enumerate(values))]
    tsv = tmp_path / "values.tsv"
    tsv.write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(skmotif.ConvMotifRegressor, "fit", lambda *a, **k: pytest.fail("fit"))
    out = tmp_path / "run"
    argv = ["train", str(fasta), "--targets", str(tsv), "--out", str(out)]
    assert cli.main([*argv, *(["--param", *params] if params else [])]) == 1
    error = capsys.readouterr().err
    assert len(error.strip().splitlines()) == 1
    assert re.search(match, error), error
    assert not out.exists()
