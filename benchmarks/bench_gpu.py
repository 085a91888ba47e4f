"""Does fit use the GPU with no code change? Where the weights live, and epoch times.

The same fit (skmotif's default network, random DNA with a planted 8-mer)
runs twice in fresh processes: once as is, once with the GPU hidden
(``CUDA_VISIBLE_DEVICES=""``). Each prints the GPUs TensorFlow sees, the
device holding the first convolution's kernel and the training loss, and
the median epoch time (first epoch left out: it traces the graph). Nothing
in the fitted code names a device. On a machine without a GPU both runs
say "GPUs: none" and the weights sit on the CPU.

Run: python benchmarks/bench_gpu.py [--n 100000] [--length 200] [--epochs 4]
"""

import argparse
import json
import os
import subprocess
import sys

import numpy as np
from _common import epoch_clock, random_dna

from skmotif import ConvMotifClassifier


def one_run(n, length, epochs):
    """Fit once in this process; return what it saw and how long the epochs took."""
    import tensorflow as tf

    X, y = random_dna(n, length)
    clock = epoch_clock()
    clf = ConvMotifClassifier(
        epochs=epochs, patience_stopping=epochs, random_state=0, callbacks=[clock]
    ).fit(X, y)
    return {
        "gpus": [d.name for d in tf.config.list_physical_devices("GPU")],
        "conv_1 kernel on": clf.model_.get_layer("conv_1").kernel.value.device,
        "median epoch s": round(float(np.median(clock.steady())), 2),
        "final loss": round(clf.history_["loss"][-1], 4),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--length", type=int, default=200)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_run(args.n, args.length, args.epochs)))
        return
    print(f"default network, {args.n} x {args.length} nt, {args.epochs} epochs")
    command = [sys.executable, __file__, "--child", "--n", str(args.n)]
    command += ["--length", str(args.length), "--epochs", str(args.epochs)]
    results = {}
    for name, hidden in [("as is", False), ("GPU hidden", True)]:
        env = dict(os.environ, **({"CUDA_VISIBLE_DEVICES": ""} if hidden else {}))
        out = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{name}: {results[name]}", flush=True)
    print(f"fit used a GPU with no code change: {'GPU' in results['as is']['conv_1 kernel on']}")
    ratio = results["GPU hidden"]["median epoch s"] / results["as is"]["median epoch s"]
    print(f"epoch time with the GPU hidden / as is: {ratio:.2f}")


if __name__ == "__main__":
    main()
