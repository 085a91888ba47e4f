"""``skmotif demo`` in a fresh process: wall time, peak memory and the test auROC it reports.

Each run calls the command line's entry point (``skmotif demo --out FOLDER``) in a new
Python process (the harness's ``fresh``): its wall time from the call to the end, the
process's peak resident memory (TensorFlow included), the epochs trained and the PUM2 row
of the ``performance.txt`` the demo writes.

Run: python benchmarks/bench_demo.py [--runs 2]
"""

import contextlib
import io
import re
import shutil
import tempfile
from pathlib import Path

from _harness import Results, arguments, fresh


def _demo_child(folder, epochs):
    from skmotif._cli import main

    argv = ["demo", "--out", folder] + (["--epochs", str(epochs)] if epochs else [])
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(argv)
    lines = (Path(folder) / "performance.txt").read_text().splitlines()
    row = next(line.split() for line in lines if line.split()[:1] == ["PUM2"])
    return code, printed.getvalue(), dict(zip(lines[0].split(), map(float, row[1:]), strict=True))


def main():
    def add(parser):
        parser.add_argument("--runs", type=int, default=2)

    args = arguments(__doc__, add)
    results = Results(__file__, args)
    for run in range(1 if args.smoke else args.runs):
        scratch = Path(tempfile.mkdtemp())
        try:
            done = fresh(_demo_child, str(scratch / "demo"), 1 if args.smoke else None)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        code, printed, pum2 = done["value"]
        epochs = re.search(r"(\d+) epochs", printed)
        results.add(
            run=run,
            exit_code=code,
            wall_seconds=done["seconds"],
            peak_mb=done["peak_mb"],
            epochs=int(epochs.group(1)) if epochs else None,
            **{f"pum2_{name}": value for name, value in pum2.items()},
        )
    results.write()


if __name__ == "__main__":
    main()
