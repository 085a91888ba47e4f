"""Every benchmark script runs: ``--smoke`` (tiny sizes, seconds) writes its JSON results.

The scripts run in this process, one after the other (their ``main()`` with ``--smoke``), so
that TensorFlow is imported and warmed up once; the parts they run in fresh processes still
start their own.
"""

import importlib
import json
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = sorted(BENCHMARKS.glob("bench_*.py"))


def test_every_script_is_found():
    assert len(SCRIPTS) >= 16


@pytest.mark.slow
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.stem)
def test_the_benchmark_runs_in_smoke_mode(script, tmp_path, monkeypatch):
    out = tmp_path / "results.json"
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    monkeypatch.chdir(BENCHMARKS)
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "")
    monkeypatch.setattr(sys, "argv", [script.name, "--smoke", "--json", str(out)])
    module = importlib.import_module(script.stem)
    module.main()
    record = json.loads(out.read_text())
    assert record["script"] == f"benchmarks/{script.name}"
    assert record["options"]["smoke"] is True
    assert record["results"], "a run records at least one row of numbers"
