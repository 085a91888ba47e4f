"""The skmotif command: help without TensorFlow, the demo end to end, errors without traceback."""

import json
import subprocess
import sys

from skmotif import cli


def test_help_lists_the_demo():
    out = subprocess.run(
        [sys.executable, "-m", "skmotif.cli", "--help"], capture_output=True, text=True, check=True
    )
    assert "demo" in out.stdout


def test_demo_trains_and_writes_metrics(tmp_path, capsys):
    assert cli.main(["demo", "--out", str(tmp_path), "--epochs", "2"]) == 0
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["epochs"] == 2
    assert 0.5 < metrics["test_auroc"] <= 1.0
    assert "test auROC" in capsys.readouterr().out


def test_errors_print_one_line_without_traceback(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert cli.main(["demo", "--out", str(blocker / "sub"), "--epochs", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("skmotif demo: error:") and "Traceback" not in err
