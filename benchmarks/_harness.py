"""The harness every benchmark script runs through (not part of the package).

* :func:`arguments`: the script's options plus ``--smoke`` (tiny sizes, a few
  seconds, for the test suite, so that no script rots) and ``--json PATH``;
* :func:`fresh`: run a function in a fresh process and get its value, wall
  time and peak resident memory;
* :class:`Results`: the numbers a script prints, written as JSON
  (``benchmarks/results/<script>.json`` by default, not in smoke runs); the
  tables of the docs' Benchmarks page are read from those files;
* the data the scripts share: :func:`planted_dna` (``make_motif_sequences``,
  the package's one planted generator), :func:`split` and the bundled
  artificial set's files.
"""

import argparse
import json
import multiprocessing
import os
import platform
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from skmotif import pysster_params

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's start-up INFO lines

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
#: pysster's artificial set as bundled in the package (pysster reads the FASTA files).
ARTIFICIAL = HERE.parent / "skmotif" / "datasets" / "data"


def arguments(doc, add=None, argv=None):
    """Parse the script's options, with ``--smoke`` and ``--json`` added.

    Parameters
    ----------
    doc : str
        The script's docstring; its first line describes it in ``--help``.
    add : callable, optional
        ``add(parser)`` adds the script's own options.
    argv : list of str, optional

    Returns
    -------
    argparse.Namespace
    """
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument(
        "--smoke", action="store_true", help="tiny sizes: checks that the script runs"
    )
    parser.add_argument("--json", type=Path, help="where to write the results")
    if add is not None:
        add(parser)
    return parser.parse_args(argv)


def memory_mb(field="VmRSS"):
    """This process's resident memory (``VmRSS``) or its peak so far (``VmHWM``), in MB."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(field))
    return int(line.split()[1]) / 1024


def _child(function, args, kwargs, queue):
    start = time.perf_counter()
    try:
        value = function(*args, **kwargs)
    except BaseException as error:  # reported to the parent, which raises it
        queue.put(("error", repr(error)))
        return
    queue.put(("ok", (value, time.perf_counter() - start, memory_mb("VmHWM"))))


def fresh(function, *args, **kwargs):
    """Run ``function(*args, **kwargs)`` in a fresh Python process.

    Parameters
    ----------
    function : callable
        A module-level function of the script (it is pickled by name).

    Returns
    -------
    dict
        ``value`` (what the function returned; it must pickle), ``seconds``
        (its wall time in the child) and ``peak_mb`` (the child's peak
        resident memory, ``VmHWM``: its own, not the parent's).
    """
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_child, args=(function, args, kwargs, queue))
    child.start()
    status, payload = queue.get()
    # The child may wait at exit for worker processes it started (joblib keeps its idle
    # workers for minutes); its result is in, so it need not be waited for.
    child.join(timeout=5)
    if child.is_alive():
        child.terminate()
        child.join()
    if status == "error":
        raise RuntimeError(f"{function.__name__} failed in its process: {payload}")
    value, seconds, peak = payload
    return {"value": value, "seconds": seconds, "peak_mb": peak}


def run_python(python, code, **params):
    """Run ``code`` with another interpreter (pysster's venv); return the JSON it prints last.

    ``params`` reach the code as ``PARAMS`` (a dict, from JSON), never by editing it.
    """
    import subprocess

    preamble = "import json, os\nPARAMS = json.loads(os.environ['BENCH_PARAMS'])\n"
    env = dict(os.environ, BENCH_PARAMS=json.dumps(params), TF_CPP_MIN_LOG_LEVEL="3")
    out = subprocess.run([python, "-c", preamble + code], env=env, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


class Results:
    """The numbers of one run, printed as they come and written as JSON at the end.

    Parameters
    ----------
    script : str
        ``__file__`` of the script.
    args : argparse.Namespace
        From :func:`arguments`; recorded beside the numbers.
    """

    def __init__(self, script, args):
        self.name = Path(script).stem
        self.args = args
        self.rows = []

    def add(self, **row):
        """Record one row of numbers (and labels) and print it."""
        self.rows.append(row)
        print("  " + ", ".join(f"{k}={_short(v)}" for k, v in row.items()), flush=True)

    def write(self):
        """Write the JSON file: ``--json``, else ``results/<script>.json`` (none when smoking).

        Returns
        -------
        Path or None
        """
        path = self.args.json
        if path is None and not self.args.smoke:
            path = RESULTS / f"{self.name}.json"
        if path is None:
            return None
        import skmotif

        options = {k: v for k, v in vars(self.args).items() if k != "json"}
        record = {
            "script": f"benchmarks/{self.name}.py",
            "options": json.loads(json.dumps(options, default=str)),
            "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}",
            "skmotif": skmotif.__version__,
            "results": self.rows,
        }
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, indent=1, default=_plain) + "\n")
        print(f"results: {path}")
        return path


def _plain(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)


def _short(value):
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def span(values, digits=2):
    """``"min-max"`` of the values."""
    return f"{min(values):.{digits}f}-{max(values):.{digits}f}"


def median(values):
    return float(sorted(values)[len(values) // 2])


def lower_quartile(values):
    return float(sorted(values)[len(values) // 4])


def planted_dna(n, length, seed=0, motif="TGTAAATA"):
    """Random DNA, half of it (class 1) with ``motif`` planted once at a random position.

    Returns
    -------
    X : ndarray of str, shape (n,)
    y : ndarray of int, shape (n,)
    """
    from skmotif import Motif
    from skmotif.datasets import make_motif_sequences

    planted = Motif.from_sequences([motif], "ACGT", pseudocount=0)
    X, y, _ = make_motif_sequences(n, [planted], length=length, random_state=seed)
    return X, y


def split(X, y, test, validation, seed=0):
    """Stratified train / validation / test parts; ``test`` and ``validation`` are shares."""
    from sklearn.model_selection import train_test_split

    X_rest, X_test, y_rest, y_test = train_test_split(
        X, y, test_size=test, stratify=y, random_state=seed
    )
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, test_size=validation / (1 - test), stratify=y_rest, random_state=seed
    )
    return X_train, y_train, X_val, y_val, X_test, y_test


class Timer:
    """``with Timer() as t: ...``; then ``t.seconds``."""

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def epoch_clock():
    """A Keras callback that records the wall time of every epoch.

    ``clock.steady()`` returns the epoch times so far without each fit's
    first epoch (it traces the graph), then forgets them.
    """
    import keras

    class EpochClock(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.epochs = []

        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.epochs.append((epoch, time.perf_counter() - self.start))

        def steady(self):
            times = [seconds for epoch, seconds in self.epochs if epoch > 0]
            self.epochs.clear()
            return times

    return EpochClock()


# -- data sets and networks several scripts use ---------------------------------------


def _bundled_sets():
    from skmotif.datasets import load_artificial, load_pum2

    return {
        "artificial": (load_artificial, {}, 0.15, 0.15),
        "pum2": (load_pum2, {"kernel_len": 8, "alphabet": "ACGU"}, 0.20, 0.08),
        "pum2-structure": (
            lambda: load_pum2(structure=True),
            {"kernel_len": 8, "alphabet": ("ACGU", "EHIMS")},
            0.20,
            0.08,
        ),
    }


#: The bundled sets: name -> (loader, estimator parameters, test share, validation share).
SETS = _bundled_sets()

#: Koo & Eddy's factors and their JASPAR2024 matrices.
PLANTED = {
    "Arid3a": "MA0151.1",
    "CEBPB": "MA0466.4",
    "FOSL1": "MA0477.3",
    "GABPA": "MA0062.4",
    "MAFK": "MA0496.4",
    "MAX": "MA0058.4",
    "MEF2A": "MA0052.5",
    "NFYB": "MA0502.3",
    "SP1": "MA0079.5",
    "SRF": "MA0083.3",
    "STAT1": "MA0137.4",
    "YY1": "MA0095.4",
}
COMMON = dict(
    epochs=60,
    patience_stopping=8,
    patience_lr=4,
    learning_rate=0.003,
    dropout_input=0.0,
    dropout_conv=0.0,
)
#: Koo & Eddy's CNN-2 and CNN-25 differ in their pool sizes; no global skip.
KOO_EDDY = dict(COMMON, kernel_num=(30, 128), kernel_len=(19, 5), dense_num=0, global_skip=False)
GLOBAL = dict(COMMON, conv_num=1, kernel_len=19, pool_size="global", dense_num=0)
SETTINGS = {
    "default": {},
    "pysster": pysster_params(),
    "cnn2": dict(KOO_EDDY, pool_size=(2, 43)),
    "cnn25": dict(KOO_EDDY, pool_size=(25, 3)),
    # CNN-25 trained in smaller steps: at Adam 0.003 and batches of 128 it left one or
    # two labels unlearned (label auROC 0.54-0.57) with training seeds 0 and 2.
    "cnn25_small_steps": dict(KOO_EDDY, pool_size=(25, 3), batch_size=64, learning_rate=0.001),
    "global30": dict(GLOBAL, kernel_num=30),
    "global64": dict(GLOBAL, kernel_num=64),
    "global64_dropout0.3": dict(GLOBAL, kernel_num=64, dropout_conv=0.3),
    "global128": dict(GLOBAL, kernel_num=128),
    "global128_len11": dict(GLOBAL, kernel_num=128, kernel_len=11),
    "global128_len27": dict(GLOBAL, kernel_num=128, kernel_len=27),
}
# The same networks with an exponential first layer (Koo & Ploenzke 2021).
SETTINGS.update(
    {
        f"{name}_exp": dict(SETTINGS[name], first_activation="exponential")
        for name in ("default", "cnn2", "cnn25", "cnn25_small_steps", "global30")
    }
)


def planted_motifs():
    """The 12 JASPAR2024 matrices of :data:`PLANTED`, as Motifs."""
    from skmotif import Motif
    from skmotif.matching import load_targets

    ids, _, matrices, _ = load_targets("JASPAR2024", tax_group="vertebrates")
    return [Motif("ACGT", probabilities=matrices[ids.index(i)]) for i in PLANTED.values()]


def planted_data(n, seed=0):
    """Koo & Eddy's planted set: 200 nt, 1-5 of the 12 motifs each, either strand, multi-label."""
    from skmotif.datasets import make_motif_sequences

    X, y, _ = make_motif_sequences(
        n,
        planted_motifs(),
        length=200,
        reverse_complement=True,
        multilabel=True,
        random_state=seed,
    )
    return X, y
