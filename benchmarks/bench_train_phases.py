"""Where the time of ``skmotif train --bed ... --match JASPAR2024`` goes, phase by phase.

The command on about a thousand real peaks of a small genome (``--factor``, default Reb1:
1,078 yeast ChIP-exo peaks, sacCer3; see ``bench_genome_models.py`` for the files and their
sources, in ``--data``), chr4 and chr15 held out, chr12 for validation, with
``--match JASPAR2024`` and ``--attribution``. Each run is a fresh process: "first use"
with an empty numba cache (``NUMBA_CACHE_DIR``: a fresh environment, where memelite
compiles TOMTOM on first use) and nothing kept by skmotif (``SKMOTIF_CACHE_DIR``: the
first environment on a machine); "new environment" with another empty numba cache but
what the first run kept (every later fresh venv on the machine); "same environment" with
the first run's numba cache (every later run). The phases are
read from the command's own progress lines (every step's "...: N units in T s", shown
from the first second here) and its "Trained in T s" line; ``report_s`` is everything
after training (the held-out checks, figures, matching, attribution, patterns), against
``train_s``.

Run: python benchmarks/bench_train_phases.py [--factor Reb1] [--json
benchmarks/results/bench_train_phases.json]. Without the data it records a "skipped" row.
"""

import re
import tempfile
import time
from pathlib import Path

from _harness import Results, arguments, fresh

DATA = Path("/work/bench_data/chip")


def main():
    def add(parser):
        parser.add_argument("--data", type=Path, default=DATA)
        parser.add_argument("--factor", default="Reb1")

    args = arguments(__doc__, add)
    results = Results(__file__, args)
    bed, genome = args.data / f"{args.factor}.bed", args.data / "genome.fa"
    if not (bed.exists() and genome.exists()):
        results.add(part="skipped", why=f"no {bed} or {genome}")
        results.write()
        return
    folder = Path(tempfile.mkdtemp(prefix="bench_phases_"))
    store = str(folder / "skmotif_cache")
    caches = {"first use": "numba_1", "new environment": "numba_2", "same environment": "numba_1"}
    if args.smoke:  # the environment's own caches: no minute-long compile
        caches, store = {"smoke": None}, None
    for run, cache in caches.items():
        argv = ["train", "--bed", str(bed), "--genome", str(genome), "--out", str(folder / run)]
        argv += ["--test-chroms", "chr4", "chr15", "--val-chroms", "chr12"]
        argv += ["--match", "JASPAR2024", "--attribution"]
        if args.smoke:
            argv += ["--param", "epochs=2"]
        row = fresh(_train, argv, cache and str(folder / cache), store)
        results.add(part="phases", run=run, factor=args.factor, wall_s=row["seconds"],
                    peak_mb=row["peak_mb"], **row["value"])  # fmt: skip
    results.write()


class _Stamped:
    """Standard output that notes when training starts and when the command reports."""

    def __init__(self):
        import io

        self.text, self.started, self.ended = io.StringIO(), None, None

    def write(self, text):
        if "; training ..." in text:
            self.started = time.perf_counter()
        if "Trained in" in text:
            self.ended = time.perf_counter()
        return self.text.write(text)

    def flush(self):
        pass


def _train(argv, cache, store):
    """Run the command in this (fresh) process, numba's cache in ``cache`` and skmotif's in
    ``store`` (None: the environment's own); its phases from the progress lines."""
    import contextlib
    import io
    import os

    if cache is not None:
        os.environ["NUMBA_CACHE_DIR"] = cache
        os.environ["SKMOTIF_CACHE_DIR"] = store
    from skmotif import _cli, _progress

    _progress.DELAY = 0.0  # every step's lines, however short
    err, out = io.StringIO(), _Stamped()
    start = time.perf_counter()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = _cli.main(argv)
    total = time.perf_counter() - start
    assert code == 0, err.getvalue()[-2000:]
    phases = {}
    for what, seconds in re.findall(r"^(.+?): [^\n]* in (\d+:\d\d|\d+ s)$", err.getvalue(), re.M):
        minutes, _, rest = seconds.rpartition(":")
        value = int(minutes) * 60 + int(rest) if minutes else int(seconds.split()[0])
        phases[what] = phases.get(what, 0) + value
    trained = float(re.search(r"Trained in (\d+) s", out.text.getvalue()).group(1))
    return {
        "train_s": trained,
        "before_training_s": round(out.started - start, 1),
        "report_s": round(out.ended - out.started - trained, 1),
        "command_s": round(total, 1),
        **{f"{k} (s)": v for k, v in phases.items()},
    }


if __name__ == "__main__":
    main()
