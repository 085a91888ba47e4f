"""Every benchmark script runs: ``--smoke`` (tiny sizes, seconds) writes its JSON results."""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = sorted(BENCHMARKS.glob("bench_*.py"))


def _smoke(script, folder):
    """The script's problem in a smoke run, or None when it ran and wrote its results."""
    out = folder / f"{script.stem}.json"
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="")
    try:
        done = subprocess.run(
            [sys.executable, script.name, "--smoke", "--json", str(out)],
            cwd=BENCHMARKS,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    except subprocess.TimeoutExpired:
        return "ran over 300 s"
    if done.returncode:
        return done.stderr[-2000:]
    record = json.loads(out.read_text())
    if record["script"] != f"benchmarks/{script.name}" or record["options"]["smoke"] is not True:
        return f"wrong record header: {record['script']}, {record['options']}"
    return None if record["results"] else "no results recorded"


def test_every_script_is_found():
    assert len(SCRIPTS) >= 16


@pytest.mark.slow
def test_every_benchmark_runs_in_smoke_mode(tmp_path):
    # Two at a time: much of a smoke run is single-threaded start-up and tracing.
    with ThreadPoolExecutor(2) as pool:
        problems = dict(
            zip(SCRIPTS, pool.map(lambda s: _smoke(s, tmp_path), SCRIPTS), strict=True)
        )
    assert {s.name: p for s, p in problems.items() if p} == {}
