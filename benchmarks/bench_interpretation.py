"""Speed and memory of ``kernel_motifs`` at scale.

``kernel_motifs`` on 100,000 sequences of 200 nt in a fresh process: wall
time and the process's peak resident memory (VmHWM) next to its memory just
before the call (TensorFlow, model and input loaded). The kernel report
against pysster is in bench_speed.py.

Run: python benchmarks/bench_interpretation.py [--n 100000] [--length 200]
"""

import argparse
import multiprocessing
import pickle
import tempfile
from pathlib import Path

from _common import Timer, random_dna

from skmotif import ConvMotifClassifier, kernel_motifs


def _rss_mb(field="VmRSS"):
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(field))
    return int(line.split()[1]) / 1024


def _kernel_motifs_child(model_path, n, length, queue):
    with open(model_path, "rb") as file:
        clf = pickle.load(file)
    X, y = random_dna(n, length, seed=5)
    kernel_motifs(clf, X[:10], y[:10])  # load TensorFlow, trace the layer
    before = _rss_mb()
    with Timer() as t:
        kernel_motifs(clf, X, y)
    peak = _rss_mb("VmHWM")  # this process's own peak (ru_maxrss would count the parent's)
    queue.put((t.seconds, before, peak))


def motifs_at_scale(n, length):
    X, y = random_dna(20000, length)
    clf = ConvMotifClassifier(epochs=2, random_state=0).fit(X, y)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.pkl"
        path.write_bytes(pickle.dumps(clf))
        queue = multiprocessing.get_context("spawn").Queue()
        child = multiprocessing.get_context("spawn").Process(
            target=_kernel_motifs_child, args=(path, n, length, queue)
        )
        child.start()
        seconds, before, peak = queue.get()
        child.join()
    print(
        f"\nkernel_motifs, 30 kernels, {n} x {length} nt: {seconds:.1f} s; "
        f"resident memory {before:.0f} MB before the call, peak {peak:.0f} MB"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--length", type=int, default=200)
    args = parser.parse_args()
    motifs_at_scale(args.n, args.length)


if __name__ == "__main__":
    main()
