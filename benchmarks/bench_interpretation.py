"""Speed and memory of kernel interpretation.

1. A default ConvMotifClassifier on pysster's artificial DNA set (70/15/15
   split); ``visualize_all_kernels`` (30 kernels) on 3,000 test sequences of
   140 nt, first call (worker processes start) and second call, against
   pysster's 48 s on this kind of machine; the four most important kernels.
2. ``kernel_motifs`` on 100,000 sequences of 200 nt in a fresh process: wall
   time and peak resident memory (ru_maxrss) next to the process's memory
   just before the call (TensorFlow, model and input loaded).

Run: python benchmarks/bench_interpretation.py [--out DIR]
"""

import argparse
import multiprocessing
import pickle
import resource
import shutil
import tempfile
from pathlib import Path

from _common import Timer, random_dna
from bench_accuracy import split

from skmotif import ConvMotifClassifier, kernel_motifs
from skmotif.datasets import load_artificial
from skmotif.report import visualize_all_kernels

PYSSTER_SECONDS = 48.0


def _rss_mb():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


def _kernel_motifs_child(model_path, n, length, queue):
    with open(model_path, "rb") as file:
        clf = pickle.load(file)
    X, y = random_dna(n, length, seed=5)
    kernel_motifs(clf, X[:10], y[:10])  # load TensorFlow, trace the layer
    before = _rss_mb()
    with Timer() as t:
        kernel_motifs(clf, X, y)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((t.seconds, before, peak))


def visualization(out):
    X_train, y_train, X_val, y_val, X_test, y_test = split(*load_artificial(), 0.15, 0.15)
    clf = ConvMotifClassifier(random_state=0)
    with Timer() as t:
        clf.fit(X_train, y_train, validation_data=(X_val, y_val))
    print(
        f"trained the default network on {len(X_train)} sequences in {t.seconds:.0f} s "
        f"({len(clf.history_['loss'])} epochs)"
    )
    X_test, y_test = X_test[:3000], y_test[:3000]
    times = {}
    for label, n_jobs in (
        ("first call, n_jobs=-1", -1),
        ("second call, n_jobs=-1", -1),
        ("n_jobs=1", 1),
    ):
        folder = Path(tempfile.mkdtemp())
        with Timer() as t:
            visualize_all_kernels(clf, X_test, y_test, folder, n_jobs=n_jobs)
        times[label] = t.seconds
        shutil.copytree(folder, out / "kernels", dirs_exist_ok=True)
        shutil.rmtree(folder)
    print(
        f"\nvisualize_all_kernels, 30 kernels, {len(X_test)} x 140 nt "
        f"(pysster: {PYSSTER_SECONDS:.0f} s)"
    )
    for label, seconds in times.items():
        print(f"  {label:24}{seconds:6.1f} s  {PYSSTER_SECONDS / seconds:5.1f}x faster")
    results = kernel_motifs(clf, X_test, y_test)
    order = sorted(range(len(results)), key=lambda k: -results[k].importance)
    print("\nmost important kernels (logos in", out / "kernels", ")")
    for k in order[:4]:
        motif, importance = results[k]
        print(
            f"  kernel {k:2}  importance {importance:.3f}  sites {motif.n_sites:3}  "
            f"consensus {motif.consensus}  trimmed (0.5 bits) {motif.trim(0.5).consensus}"
        )


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
    parser.add_argument("--out", default="bench-interpretation")
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--length", type=int, default=200)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    visualization(out)
    motifs_at_scale(args.n, args.length)


if __name__ == "__main__":
    main()
