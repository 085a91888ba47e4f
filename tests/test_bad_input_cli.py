"""Bad input, as a hostile user would give it: the command line.

Every case is a clear error before any training or writing. Each asserts a one-line message
that names the problem, exit status 1, that nothing was written and that no training started
(training calls are counted). The case ids start with their kind (cli-train, cli-predict,
cli-variants, cli-report); ``python -m pytest tests/test_bad_input_cli.py -v`` lists them.
"""

import io as stdio
import subprocess
import sys
from contextlib import redirect_stderr
from types import SimpleNamespace

import pytest
from bad_input_shared import count_training

import skmotif
from skmotif import _cli as cli


@pytest.fixture(scope="module")
def env(fast_model, motif_data, tmp_path_factory):
    """Data, a fitted model, its saved folder and FASTA files the cases break."""
    folder = tmp_path_factory.mktemp("bad")
    X, y, X_test, _ = motif_data
    saved = skmotif.save(fast_model, folder / "saved")
    neg = folder / "neg.fa"
    pos = folder / "pos.fa"
    neg.write_text("".join(f">n{i}\n{s}\n" for i, s in enumerate(X[:40:2])))
    pos.write_text("".join(f">p{i}\n{s}\n" for i, s in enumerate(X[1:40:2])))
    return SimpleNamespace(
        X=X, y=y, X_test=X_test, model=fast_model, saved=saved, neg=neg, pos=pos
    )


@pytest.fixture(autouse=True)
def training_calls(monkeypatch):
    """Counts the fits that reach training; every case here must leave it at 0."""
    yield from count_training(monkeypatch)


def _file(env, name, content):
    path = env.tmp / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


def _fa(env, name, text):
    path = env.tmp / name
    path.write_text(text)
    return path


def _records(prefix, sequences):
    return "".join(f">{prefix}{i} some words\n{s}\n" for i, s in enumerate(sequences))


def _many_with_bad_last(env):
    """10,003 records, the last with a bad symbol: named by id and line, not by chunk."""
    sequences = ["ACGT" * 10] * 10002 + ["ACGTAZGT"]
    return _fa(env, "many.fa", _records("r", sequences))


CLI_CASES = [
    # train
    (
        "cli-train-missing-file",
        lambda e: ["train", str(e.tmp / "missing.fa"), str(e.pos)],
        "missing.fa: No such file",
    ),
    ("cli-train-one-file", lambda e: ["train", str(e.neg)], "at least two; got 1"),
    (
        "cli-train-same-file-twice",
        lambda e: ["train", str(e.neg), str(e.pos), str(e.neg)],
        "is given twice",
    ),
    (
        "cli-train-same-file-other-path",
        lambda e: ["train", str(e.neg), str(e.pos), str(e.neg.parent / "." / e.neg.name)],
        "is given twice",
    ),
    (
        "cli-train-empty-class-file",
        lambda e: ["train", str(e.neg), str(e.pos), str(_fa(e, "third.fa", ""))],
        "third.fa: holds no FASTA record",
    ),
    (
        "cli-train-bad-symbol",
        lambda e: [
            "train",
            str(e.neg),
            str(_fa(e, "bad.fa", _records("b", ["ACGT" * 10] * 5 + ["ACGTZ" * 8]))),
        ],
        "bad.fa, line 12: record 'b5' has the symbol 'Z' at position 5",
    ),
    (
        "cli-train-bad-symbol-second-line",
        lambda e: ["train", str(e.neg), str(_fa(e, "lines.fa", ">x\nACGTACGT\nACGTACGT\nACXT\n"))],
        "lines.fa, line 4: record 'x' has the symbol 'X' at position 19",
    ),
    (
        "cli-train-empty-record",
        lambda e: ["train", str(e.neg), str(_fa(e, "hole.fa", ">x\nACGT\n>y\n>z\nACGT\n"))],
        "hole.fa, line 3: record 'y' has no sequence",
    ),
    (
        "cli-train-no-header",
        lambda e: ["train", str(e.neg), str(_fa(e, "plain.txt", "ACGT\nACGT\n"))],
        "plain.txt, line 1: sequence before the first '>' header",
    ),
    (
        "cli-train-binary",
        lambda e: ["train", str(e.neg), str(_file(e, "bin.fa", b"\x1f\x8bnot gzip"))],
        "not a text FASTA file",
    ),
    (
        "cli-train-unknown-param",
        lambda e: ["train", str(e.neg), str(e.pos), "--param", "kernal_len=8"],
        "--param kernal_len: ConvMotifClassifier has no such parameter; did you mean kernel_len",
    ),
    (
        "cli-train-bad-param-value",
        lambda e: ["train", str(e.neg), str(e.pos), "--param", "kernel_num=0"],
        "'kernel_num' parameter",
    ),
    (
        "cli-train-param-without-value",
        lambda e: ["train", str(e.neg), str(e.pos), "--param", "kernel_len"],
        "--param takes name=value",
    ),
    (
        "cli-train-kernel-too-long",
        lambda e: ["train", str(e.neg), str(e.pos), "--param", "kernel_len=45", "conv_num=1"],
        "shrinks the sequence to nothing",
    ),
    (
        "cli-train-test-fraction-above-one",
        lambda e: ["train", str(e.neg), str(e.pos), "--test-fraction", "1.5"],
        "--test-fraction must be between 0 and 1",
    ),
    (
        "cli-train-test-fraction-too-small-class",
        lambda e: [
            "train",
            str(e.neg),
            str(_fa(e, "tiny.fa", ">t\nACGTACGTACGTACGTACGTACGTACGTACGTACGTACGT\n")),
        ],
        "cannot hold out every class",
    ),
    (
        "cli-train-out-is-a-file",
        lambda e: ["train", str(e.neg), str(e.pos), "--out", str(_fa(e, "taken", "x"))],
        "is a file; give a folder",
    ),
    (
        "cli-train-wrong-alphabet",
        lambda e: ["train", str(e.neg), str(e.pos), "--alphabet", "ACGU"],
        "neg.fa, line 2: record 'n0' has the symbol 'T'",
    ),
    (
        "cli-train-structure-unbalanced",
        lambda e: [
            "train",
            str(_fa(e, "s1.fa", ">a\nACGU\n(..)\n")),
            str(_fa(e, "s2.fa", ">b\nACGU\n((..\n")),
            "--structure",
        ],
        "s2.fa, line 3: the structure of record 'b' has '\\(' at position 2, which is never "
        "closed",
    ),
    (
        "cli-train-structure-one-line",
        lambda e: [
            "train",
            str(_fa(e, "s3.fa", ">a\nACGU\n(..)\n")),
            str(_fa(e, "s4.fa", ">b\nACGU\n")),
            "--structure",
        ],
        "s4.fa, line 1: record 'b' has 1 lines",
    ),
    (
        "cli-train-structure-symbol",
        lambda e: [
            "train",
            str(_fa(e, "s5.fa", ">a\nACGU\nEEEE\n")),
            str(_fa(e, "s6.fa", ">b\nACGU\nEEZE\n")),
            "--structure",
        ],
        "s6.fa, line 3: the structure of record 'b' has the symbol 'Z' at position 3",
    ),
    (
        "cli-train-attribution-class",
        lambda e: ["train", str(e.neg), str(e.pos), "--attribution", "bond"],
        "--attribution must be one of the classes .*; got 'bond'",
    ),
    # predict
    (
        "cli-predict-missing-model",
        lambda e: ["predict", str(e.tmp / "nomodel"), str(e.pos)],
        "not a saved skmotif model",
    ),
    (
        "cli-predict-missing-fasta",
        lambda e: ["predict", str(e.saved), str(e.tmp / "missing.fa")],
        "missing.fa: No such file",
    ),
    (
        "cli-predict-bad-record-10003",
        lambda e: ["predict", str(e.saved), str(_many_with_bad_last(e))],
        "many.fa, line 20006: record 'r10002' has the symbol 'Z' at position 6",
    ),
    (
        "cli-predict-too-long",
        lambda e: [
            "predict",
            str(e.saved),
            str(_fa(e, "long.fa", ">ok\nACGT\n>long\n" + "A" * 41 + "\n")),
        ],
        "long.fa, line 3: record 'long' has 41 positions, more than the 40",
    ),
    (
        "cli-predict-empty-fasta",
        lambda e: ["predict", str(e.saved), str(_fa(e, "empty.fa", "\n"))],
        "empty.fa: holds no FASTA record",
    ),
    (
        "cli-predict-out-is-folder",
        lambda e: ["predict", str(e.saved), str(e.pos), "--out", str(e.tmp)],
        "is a folder; give a file name",
    ),
    (
        "cli-predict-target-without-variants",
        lambda e: ["predict", str(e.saved), str(e.pos), "--target", "1"],
        "--target names the class \\(or output\\) of --variants",
    ),
    # variants
    (
        "cli-variants-duplicate-ids",
        lambda e: [
            "predict",
            str(e.saved),
            str(_fa(e, "dup.fa", ">a\nACGT\n>b\nACGT\n>a x\nACGA\n")),
            "--variants",
            str(_fa(e, "v.tsv", "sequence\tposition\tref\talt\na\t1\tA\tC\n")),
        ],
        "dup.fa, line 5: the id 'a' is also the id of the record at line 1",
    ),
    (
        "cli-variants-position-zero",
        lambda e: [
            "predict",
            str(e.saved),
            str(e.pos),
            "--variants",
            str(_fa(e, "v0.tsv", "sequence\tposition\tref\talt\np0\t0\tA\tC\n")),
        ],
        "v0.tsv, line 2: the position '0' is not a whole number >= 1",
    ),
    (
        "cli-variants-position-past-end",
        lambda e: [
            "predict",
            str(e.saved),
            str(e.pos),
            "--variants",
            str(_fa(e, "v1.tsv", "sequence\tposition\tref\talt\np0\t41\tA\tC\n")),
        ],
        "v1.tsv, line 2 \\(sequence 'p0', position 41\\): outside the sequence of 40 "
        "symbols \\(positions are 1-based\\)",
    ),
    (
        "cli-variants-ref",
        lambda e: [
            "predict",
            str(e.saved),
            str(_fa(e, "r.fa", ">s\nACGT\n")),
            "--variants",
            str(_fa(e, "v2.tsv", "sequence\tposition\tref\talt\ns\t1\tA\tC\ns\t2\tA\tC\n")),
        ],
        "v2.tsv, line 3 \\(sequence 's', position 2\\): the reference is 'A' but the "
        "sequence has 'C'",
    ),
    (
        "cli-variants-unknown-id",
        lambda e: [
            "predict",
            str(e.saved),
            str(e.pos),
            "--variants",
            str(_fa(e, "v3.tsv", "sequence\tposition\tref\talt\nnope\t1\tA\tC\n")),
        ],
        "v3.tsv, line 2 \\(sequence 'nope', position 1\\): no such sequence",
    ),
    (
        "cli-variants-missing-column",
        lambda e: [
            "predict",
            str(e.saved),
            str(e.pos),
            "--variants",
            str(_fa(e, "v4.tsv", "sequence\tpos\tref\talt\np0\t1\tA\tC\n")),
        ],
        "the columns \\['position'\\] are missing",
    ),
    (
        "cli-variants-empty",
        lambda e: ["predict", str(e.saved), str(e.pos), "--variants", str(_fa(e, "v5.tsv", ""))],
        "v5.tsv: empty",
    ),
    (
        "cli-variants-target",
        lambda e: [
            "predict",
            str(e.saved),
            str(e.pos),
            "--variants",
            str(_fa(e, "v6.tsv", "sequence\tposition\tref\talt\np0\t1\tA\tC\n")),
            "--target",
            "bound",
        ],
        "--target must be one of the classes \\['0', '1'\\]; got 'bound'",
    ),
    # report
    (
        "cli-report-file-count",
        lambda e: ["report", str(e.saved), str(e.pos)],
        "The model has 2 classes",
    ),
    (
        "cli-report-bad-symbol",
        lambda e: [
            "report",
            str(e.saved),
            str(e.neg),
            str(_fa(e, "rb.fa", ">q\nACGTN\n>w\nACGTU\n")),
        ],
        "rb.fa, line 4: record 'w' has the symbol 'U' at position 5",
    ),
    (
        "cli-report-too-long",
        lambda e: [
            "report",
            str(e.saved),
            str(e.neg),
            str(_fa(e, "rl.fa", ">q\n" + "A" * 50 + "\n")),
        ],
        "rl.fa, line 1: record 'q' has 50 positions, more than the 40",
    ),
    (
        "cli-report-same-file",
        lambda e: ["report", str(e.saved), str(e.neg), str(e.neg)],
        "is given twice",
    ),
]


@pytest.mark.parametrize(
    ("argv", "match"),
    [pytest.param(*case[1:], id=case[0]) for case in CLI_CASES],
)
def test_cli_checks_every_input_before_training_or_writing(env, tmp_path, argv, match):
    env = SimpleNamespace(**vars(env), tmp=tmp_path)
    argv = argv(env)
    out = tmp_path / "out"
    if "--out" not in argv:
        argv += ["--out", str(out)] if argv[0] != "predict" else ["--out", str(out) + ".tsv"]
    before = sorted(p.name for p in tmp_path.iterdir())
    err = stdio.StringIO()
    with redirect_stderr(err):
        code = cli.main(argv)
    message = err.getvalue()
    assert code == 1
    assert message.startswith(f"skmotif {argv[0]}: error:") and message.count("\n") == 1
    assert "Traceback" not in message
    assert __import__("re").search(match, message), message
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_cli_ids_are_text_even_na(env, tmp_path, capsys):
    """A FASTA id NA (or null, or 1) names its record, as any other id."""
    fasta = _fa(SimpleNamespace(tmp=tmp_path), "na.fa", ">NA\nACGTACGT\n>null\nACGTACGT\n")
    variants = tmp_path / "v.tsv"
    variants.write_text("sequence\tposition\tref\talt\nNA\t2\tC\tA\nnull\t8\tT\tG\n")
    argv = ["predict", str(env.saved), str(fasta), "--variants", str(variants)]
    assert cli.main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:4] for line in lines[1:]] == [
        ["NA", "2", "C", "A"],
        ["null", "8", "T", "G"],
    ]


def test_python_m_skmotif_is_the_skmotif_command(tmp_path):
    """``python -m skmotif`` runs the command line and exits with its status."""

    def skmotif_module(*args):
        return subprocess.run(
            [sys.executable, "-m", "skmotif", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    version = skmotif_module("--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout == f"skmotif {skmotif.__version__}\n"
    assert skmotif_module("--help").stdout.startswith("usage: skmotif ")
    missing = skmotif_module("predict", str(tmp_path / "nomodel"), str(tmp_path / "x.fa"))
    assert missing.returncode == 1  # main's exit status
    assert missing.stderr.startswith("skmotif predict: error: ")
    assert "not a saved skmotif model" in missing.stderr
