"""Speed and memory of ``kernel_motifs`` at scale, and the speed of ``match_motifs``.

``kernel_motifs`` on 100,000 sequences of 200 nt in a fresh process: wall
time and the process's peak resident memory (VmHWM, via the harness) next to its memory just
before the call (TensorFlow, model and input loaded). ``match_motifs`` of the 30 kernels
against JASPAR2024's vertebrate motifs, in a fresh process: its first call (the database
read and, where memelite's numba cache is cold, TOMTOM compiled) and later calls. The
kernel report against pysster is in bench_speed.py.

Run: python benchmarks/bench_interpretation.py [--n 100000] [--length 200]
"""

import pickle
import tempfile
import time
from pathlib import Path

from _harness import Results, arguments, fresh, memory_mb, planted_dna, span

from skmotif import ConvMotifClassifier, kernel_motifs, match_motifs


def _kernel_motifs_child(model_path, n, length):
    clf = pickle.loads(Path(model_path).read_bytes())
    X, y = planted_dna(n, length, seed=5)
    kernel_motifs(clf, X[:10], y[:10])  # load TensorFlow, trace the layer
    before = memory_mb()
    start = time.perf_counter()
    kernel_motifs(clf, X, y)
    return time.perf_counter() - start, before


def _match_child(model_path, n, length, repeats):
    clf = pickle.loads(Path(model_path).read_bytes())
    X, y = planted_dna(n, length, seed=5)
    motifs = kernel_motifs(clf, X, y)
    seconds = []
    for _ in range(1 + repeats):
        start = time.perf_counter()
        match_motifs(motifs, "JASPAR2024", tax_group="vertebrates")
        seconds.append(time.perf_counter() - start)
    return seconds


def main():
    def add(parser):
        parser.add_argument("--n", type=int, default=100000)
        parser.add_argument("--length", type=int, default=200)

    args = arguments(__doc__, add)
    n, n_train, epochs = (300, 200, 1) if args.smoke else (args.n, 20000, 2)
    X, y = planted_dna(n_train, args.length)
    clf = ConvMotifClassifier(epochs=epochs, random_state=0).fit(X, y)
    results = Results(__file__, args)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.pkl"
        path.write_bytes(pickle.dumps(clf))
        run = fresh(_kernel_motifs_child, str(path), n, args.length)
        matched = fresh(_match_child, str(path), min(n, 4000), args.length, 5)
    seconds, before = run["value"]
    results.add(
        call=f"kernel_motifs, 30 kernels, {n} x {args.length} nt",
        seconds=seconds,
        memory_before_mb=before,
        peak_mb=run["peak_mb"],
    )
    seconds = matched["value"]
    results.add(
        call="match_motifs, 30 kernels x JASPAR2024 vertebrates",
        seconds=seconds[0],
        later_seconds=span(seconds[1:], 3),
    )
    results.write()


if __name__ == "__main__":
    main()
