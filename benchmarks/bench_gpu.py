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

import json
import os
import subprocess
import sys

import numpy as np
from _harness import Results, arguments, epoch_clock, planted_dna

from skmotif import ConvMotifClassifier


def one_run(n, length, epochs):
    """Fit once in this process; return what it saw and how long the epochs took."""
    import tensorflow as tf

    X, y = planted_dna(n, length)
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
    def add(parser):
        parser.add_argument("--n", type=int, default=100000)
        parser.add_argument("--length", type=int, default=200)
        parser.add_argument("--epochs", type=int, default=4)
        parser.add_argument("--child", action="store_true", help="(internal) one run")

    args = arguments(__doc__, add)
    if args.child:  # a fresh process whose environment (CUDA_VISIBLE_DEVICES) the parent set
        print(json.dumps(one_run(args.n, args.length, args.epochs)))
        return
    n, epochs = (200, 2) if args.smoke else (args.n, args.epochs)
    print(f"default network, {n} x {args.length} nt, {epochs} epochs")
    command = [sys.executable, __file__, "--child", "--n", str(n)]
    command += ["--length", str(args.length), "--epochs", str(epochs)]
    results = Results(__file__, args)
    seen = {}
    for name, hidden in [("as is", False), ("GPU hidden", True)]:
        env = dict(os.environ, **({"CUDA_VISIBLE_DEVICES": ""} if hidden else {}))
        out = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        seen[name] = json.loads(out.stdout.strip().splitlines()[-1])
        results.add(run=name, **seen[name])
    results.add(
        used_gpu="GPU" in seen["as is"]["conv_1 kernel on"],
        hidden_over_as_is=seen["GPU hidden"]["median epoch s"] / seen["as is"]["median epoch s"],
    )
    results.write()


if __name__ == "__main__":
    main()
