"""Write a random .npz in run_bpnet_lite.py's format, for a smoke test.

Usage: python make_random_npz.py OUT.npz [--n 256] [--n-valid 64] [--n-test 64]
       [--in-window 2114] [--out-window 1000] [--max-jitter 128] [--seed 0]
Needs only numpy (any venv).
"""

import argparse

import numpy

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--n", type=int, default=256)
p.add_argument("--n-valid", type=int, default=64)
p.add_argument("--n-test", type=int, default=64)
p.add_argument("--in-window", type=int, default=2114)
p.add_argument("--out-window", type=int, default=1000)
p.add_argument("--max-jitter", type=int, default=128)
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()
rng = numpy.random.default_rng(a.seed)


def seqs(n, length):
    return numpy.eye(4, dtype=numpy.uint8)[rng.integers(0, 4, (n, length))].transpose(0, 2, 1)


def signal(n, length):
    return rng.poisson(0.05, (n, 2, length)).astype(numpy.int32)


J = a.max_jitter
numpy.savez(
    a.out,
    X_train=seqs(a.n, a.in_window + 2 * J),
    y_train=signal(a.n, a.out_window + 2 * J),
    X_valid=seqs(a.n_valid, a.in_window),
    y_valid=signal(a.n_valid, a.out_window),
    X_test=seqs(a.n_test, a.in_window),
)
print(a.out)
