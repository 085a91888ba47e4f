"""Train bpnet-lite's BPNet on arrays from an .npz, the way its `bpnet fit` command does.

Runs inside benchmarks/bpnet_lite/.venv (see setup.sh); never imported by skmotif.

Input .npz (alphabet order A, C, G, T; int codes: 0..3 = A, C, G, T, anything else = N,
encoded as an all-zero column):
  X_train  (n, 4, L_in + 2J) one-hot (uint8/bool/any int or float, 0/1)  or
           (n, L_in + 2J)    integer codes
  y_train  (n, S, L_out + 2J) counts, any numeric dtype (S strands, usually 2)
  X_valid  (n_valid, 4, L_in)  or (n_valid, L_in)
  y_valid  (n_valid, S, L_out)
  X_test   (n_test, 4, L_in)   or (n_test, L_in)
  optional X_neg (n_neg, 4, L_in) / (n_neg, L_in) and y_neg (n_neg, S, L_out): background
           regions, sampled at --negative-ratio as bpnet-lite's PeakNegativeSampler does.
J = --max-jitter: training windows are wider by J on each side (centred), as
tangermeme.io.extract_loci(max_jitter=J) returns them to bpnet-lite's PeakGenerator.

Output --out .npz:
  profile         (n_test, L_out, S) float32: expected counts, softmax over all S*L_out
                  logits times (exp(log_count) - 1), predictions averaged with the
                  reverse complement as `bpnet fit` -> `bpnet evaluate` does
  log_count       (n_test,) float32: the count head, log(1 + total over strands), RC-averaged
  profile_fwd, log_count_fwd: the same, forward strand only
and one JSON line on stdout with timings (everything else goes to stderr).
"""

import argparse
import os
import sys


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("npz")
    p.add_argument("--out", default="preds.npz")
    p.add_argument("--n-filters", type=int, default=64)
    p.add_argument("--n-layers", type=int, default=8)
    p.add_argument("--epochs", type=int, default=50, help="max_epochs (bpnet fit default 50)")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--max-jitter", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--count-weight",
        type=float,
        default=None,
        help="count loss weight; default: bpnet fit's rule, the mean over "
        "training peaks and strands of the per-strand read total "
        "(over the jitter-widened L_out + 2J window, after outlier filter)",
    )
    p.add_argument(
        "--early-stopping",
        type=int,
        default=10,
        help="epochs without validation improvement (bpnet fit default 10); 0 = off",
    )
    p.add_argument(
        "--no-scheduler",
        action="store_true",
        help="drop bpnet fit's ReduceLROnPlateau(factor .5, patience 5, "
        "threshold 1e-4, min_lr 1e-4)",
    )
    p.add_argument("--no-rc", action="store_true", help="no reverse-complement augmentation")
    p.add_argument(
        "--no-rc-average",
        action="store_true",
        help="profile/log_count without reverse-complement averaging",
    )
    p.add_argument(
        "--no-outlier-filter",
        action="store_true",
        help="keep peaks above 1.2 x the 99th percentile of total counts "
        "(PeakGenerator drops them)",
    )
    p.add_argument(
        "--negative-ratio",
        type=float,
        default=0.333,
        help="negatives per peak when X_neg/y_neg are given (bpnet fit 0.333)",
    )
    p.add_argument(
        "--final-model",
        action="store_true",
        help="predict with the last epoch's model instead of the best one "
        "(bpnet fit evaluates <name>.torch, the best)",
    )
    p.add_argument(
        "--workdir",
        default=None,
        help="where BPNet.fit writes its .torch/.log files (default: a temp dir, "
        "removed at the end)",
    )
    return p.parse_args(argv)


args = parse_args()
for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import contextlib  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import bpnetlite  # noqa: E402
import numpy  # noqa: E402
import torch  # noqa: E402
from bpnetlite.bpnet import BPNet  # noqa: E402
from bpnetlite.io import PeakNegativeSampler  # noqa: E402
from tangermeme.predict import predict  # noqa: E402

torch.set_num_threads(args.threads)
torch.set_num_interop_threads(args.threads)
torch.set_float32_matmul_precision("high")  # as the bpnet script does (no effect on CPU)
# BPNet.fit wraps each step in torch.autocast(device_type='cpu', dtype=float32), which
# torch disables with a warning on CPU: the training runs in plain float32.
warnings.filterwarnings("ignore", message=".*CPU autocast.*")


def one_hot(a, name):
    """(n, 4, L) one-hot or (n, L) codes -> uint8 (n, 4, L), channel order ACGT."""
    a = numpy.asarray(a)
    if a.ndim == 2:
        if not numpy.issubdtype(a.dtype, numpy.integer):
            raise ValueError(f"{name}: 2-D input must hold integer codes, got {a.dtype}")
        out = numpy.zeros((a.shape[0], 4, a.shape[1]), dtype=numpy.uint8)
        for k in range(4):
            out[:, k] = a == k
        return out
    if a.ndim != 3 or a.shape[1] != 4:
        raise ValueError(f"{name}: expected (n, 4, L) one-hot or (n, L) codes, got {a.shape}")
    if a.dtype != numpy.uint8:
        a = a.astype(numpy.uint8)
    return numpy.ascontiguousarray(a)


def counts(a, name, strands=None):
    a = numpy.asarray(a)
    if a.ndim != 3 or (strands is not None and a.shape[1] != strands):
        raise ValueError(f"{name}: expected (n, {strands or 'S'}, L) counts, got {a.shape}")
    return numpy.ascontiguousarray(a, dtype=numpy.float32)


class _PeakSampler(PeakNegativeSampler):
    """bpnet-lite's PeakNegativeSampler.__getitem__, verbatim, plus two guards that the
    library lacks: max_jitter == 0 (its randint(0) raises) and no negatives (its
    negative_ratio = 0 divides by zero). Used only in those two cases."""

    def __getitem__(self, idx):
        if idx == 0:
            self.peak_ordering = numpy.arange(self.n_peaks)
            if self.shuffle:
                self.random_state.shuffle(self.peak_ordering)

        if self.n_negatives == 0 or self.random_state.uniform() >= self.negative_likelihood:
            idx = self.peak_ordering[self.n_peaks_seen % self.n_peaks]
            jitter = self.random_state.randint(self.max_jitter * 2) if self.max_jitter > 0 else 0
            label = 1
            X, y = self.peak_sequences, self.peak_signals
            self.n_peaks_seen += 1
        else:
            idx = self.random_state.randint(self.n_negatives)
            jitter = 0
            label = 0
            X, y = self.negative_sequences, self.negative_signals

        Xi = torch.from_numpy(X[idx][:, jitter : jitter + self.in_window])
        yi = torch.from_numpy(y[idx][:, jitter : jitter + self.out_window])
        if self.reverse_complement and self.random_state.randint(2) == 1:
            Xi = torch.flip(Xi, [0, 1])
            yi = torch.flip(yi, [0, 1])
        return Xi, yi, label


class _TimedLoader:
    """Records the wall-clock start of each pass BPNet.fit makes over the loader."""

    def __init__(self, loader):
        self.loader, self.dataset, self.starts = loader, loader.dataset, []

    def __iter__(self):
        self.starts.append(time.perf_counter())
        return iter(self.loader)

    def __len__(self):
        return len(self.loader)


def expected_counts(logits, log_count):
    """softmax over all strands x positions times exp(log_count) - 1 -> (n, L_out, S)."""
    n, s, length = logits.shape
    p = torch.softmax(logits.reshape(n, -1).double(), dim=-1).reshape(n, s, length)
    total = torch.clamp(torch.expm1(log_count.double().reshape(n, 1, 1)), min=0)
    return (p * total).permute(0, 2, 1).float().numpy()


def main():
    t_start = time.perf_counter()
    torch.manual_seed(args.seed)
    J = args.max_jitter

    d = numpy.load(args.npz)
    X_train = one_hot(d["X_train"], "X_train")
    y_train = counts(d["y_train"], "y_train")
    S = y_train.shape[1]
    X_valid = one_hot(d["X_valid"], "X_valid")
    y_valid = counts(d["y_valid"], "y_valid", S)
    X_test = one_hot(d["X_test"], "X_test")
    in_window, out_window = X_valid.shape[-1], y_valid.shape[-1]
    if X_test.shape[-1] != in_window:
        raise ValueError(f"X_test length {X_test.shape[-1]} != X_valid length {in_window}")
    if X_train.shape[-1] != in_window + 2 * J or y_train.shape[-1] != out_window + 2 * J:
        raise ValueError(
            f"with --max-jitter {J}, X_train/y_train must be {in_window + 2 * J}/"
            f"{out_window + 2 * J} wide (L_in/L_out + 2J); got {X_train.shape[-1]}/"
            f"{y_train.shape[-1]}"
        )
    if (in_window - out_window) % 2:
        raise ValueError("L_in - L_out must be even")
    has_neg = "X_neg" in d.files
    if has_neg:
        X_neg = one_hot(d["X_neg"], "X_neg")
        y_neg = counts(d["y_neg"], "y_neg", S)
        if X_neg.shape[-1] != in_window or y_neg.shape[-1] != out_window:
            raise ValueError("X_neg/y_neg must be L_in/L_out wide (no jitter on negatives)")
    else:
        X_neg = numpy.zeros((0, 4, in_window), numpy.uint8)
        y_neg = numpy.zeros((0, S, out_window), numpy.float32)

    # PeakGenerator's outlier filter: drop peaks above 1.2 x the 99th percentile of totals.
    n_outliers = 0
    if not args.no_outlier_filter:
        loci_counts = torch.from_numpy(y_train).sum(dim=(1, 2))
        keep = ~(loci_counts > torch.quantile(loci_counts, 0.99) * 1.2)
        n_outliers = int((~keep).sum())
        keep = keep.numpy()
        X_train, y_train = X_train[keep], y_train[keep]

    neg_ratio = args.negative_ratio if has_neg else 0.0
    library_sampler = J > 0 and has_neg and neg_ratio > 0
    cls = PeakNegativeSampler if library_sampler else _PeakSampler
    dataset = cls(
        peak_sequences=torch.from_numpy(X_train),
        peak_signals=torch.from_numpy(y_train),
        negative_sequences=torch.from_numpy(X_neg),
        negative_signals=torch.from_numpy(y_neg),
        negative_ratio=neg_ratio if neg_ratio > 0 else 1.0,
        in_window=in_window,
        out_window=out_window,
        max_jitter=J,
        reverse_complement=not args.no_rc,
        shuffle=True,
        random_state=args.seed,
    )
    if neg_ratio == 0:
        dataset.negative_ratio, dataset.negative_likelihood = 0.0, 0.0
    # PeakGenerator's DataLoader (pin_memory only matters on a GPU)
    loader = _TimedLoader(
        torch.utils.data.DataLoader(
            dataset, pin_memory=False, num_workers=0, batch_size=args.batch_size
        )
    )

    # bpnet fit's rule (bpnet script, 'fit' command)
    if args.count_weight is None:
        count_loss_weight = dataset.peak_signals.sum(axis=-1).mean(axis=(0, 1)).item()
    else:
        count_loss_weight = args.count_weight

    workdir = args.workdir or tempfile.mkdtemp(prefix="bpnet-lite-")
    os.makedirs(workdir, exist_ok=True)
    name = os.path.join(workdir, "bpnet")
    model = BPNet(
        n_filters=args.n_filters,
        n_layers=args.n_layers,
        n_outputs=S,
        n_control_tracks=0,
        count_loss_weight=count_loss_weight,
        trimming=(in_window - out_window) // 2,
        name=name,
        verbose=False,
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    scheduler = (
        None
        if args.no_scheduler
        else torch.optim.lr_scheduler.ReduceLROnPlateau(
            optimizer, factor=0.5, patience=5, threshold=0.0001, min_lr=0.0001
        )
    )

    X_valid_t = torch.from_numpy(X_valid).float()
    y_valid_t = torch.from_numpy(y_valid)
    t_prep = time.perf_counter() - t_start
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):
        model.fit(
            loader,
            optimizer,
            scheduler,
            X_valid=X_valid_t,
            X_ctl_valid=None,
            y_valid=y_valid_t,
            max_epochs=args.epochs,
            batch_size=args.batch_size,
            early_stopping=args.early_stopping or None,
            dtype="float32",
            device="cpu",
        )
    t1 = time.perf_counter()
    fit_s = t1 - t0
    epoch_wall = [b - a for a, b in zip(loader.starts, [*loader.starts[1:], t1], strict=True)]
    log = model.logger.data
    saved = [bool(x) for x in log["Saved?"]]
    best_epoch = max(i for i, s in enumerate(saved) if s)

    model_file = name + (".final.torch" if args.final_model else ".torch")
    best = torch.load(model_file, weights_only=False).to("cpu").eval()

    t2 = time.perf_counter()
    X_test_t = torch.from_numpy(X_test).float()
    with torch.no_grad():
        logits, log_count = predict(
            best, X_test_t, batch_size=args.batch_size, dtype="float32", device="cpu"
        )
        logits_rc, log_count_rc = predict(
            best,
            torch.flip(X_test_t, dims=(-1, -2)),
            batch_size=args.batch_size,
            dtype="float32",
            device="cpu",
        )
    logits_rc = torch.flip(logits_rc, dims=(-1, -2))
    avg_logits, avg_log_count = (logits + logits_rc) / 2, (log_count + log_count_rc) / 2
    fwd = expected_counts(logits, log_count)
    avg = expected_counts(avg_logits, avg_log_count)
    predict_s = time.perf_counter() - t2
    if args.no_rc_average:
        profile, lc = fwd, log_count
    else:
        profile, lc = avg, avg_log_count
    numpy.savez(
        args.out,
        profile=profile,
        log_count=lc.reshape(-1).float().numpy(),
        profile_fwd=fwd,
        log_count_fwd=log_count.reshape(-1).float().numpy(),
    )
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)

    rec = {
        "tool": "bpnet-lite",
        "bpnet_lite": bpnetlite.__version__,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "seed": args.seed,
        "n_train": int(X_train.shape[0]),
        "n_outliers_dropped": n_outliers,
        "n_neg": int(X_neg.shape[0]),
        "negative_ratio": neg_ratio,
        "n_valid": int(X_valid.shape[0]),
        "n_test": int(X_test.shape[0]),
        "in_window": in_window,
        "out_window": out_window,
        "max_jitter": J,
        "reverse_complement": not args.no_rc,
        "rc_average": not args.no_rc_average,
        "sampler": "bpnetlite.io.PeakNegativeSampler"
        if library_sampler
        else "PeakNegativeSampler (guarded __getitem__)",
        "n_filters": args.n_filters,
        "n_layers": args.n_layers,
        "batch_size": args.batch_size,
        "lr": args.lr,
        "scheduler": not args.no_scheduler,
        "early_stopping": args.early_stopping or None,
        "max_epochs": args.epochs,
        "count_loss_weight": count_loss_weight,
        "epochs_run": len(epoch_wall),
        "best_epoch": best_epoch,
        "epoch_wall_s": [round(x, 3) for x in epoch_wall],
        "epoch_train_s": [round(x, 3) for x in log["Training Time"]],
        "epoch_valid_s": [round(x, 3) for x in log["Validation Time"]],
        "valid_mnll": [float(x) for x in log["Validation MNLL"]],
        "valid_count_mse": [float(x) for x in log["Validation Count MSE"]],
        "valid_profile_pearson": [float(x) for x in log["Validation Profile Pearson"]],
        "valid_count_pearson": [float(x) for x in log["Validation Count Pearson"]],
        "fit_s": round(fit_s, 3),
        "prep_s": round(t_prep, 3),
        "predict_s": round(predict_s, 3),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "out": args.out,
    }
    print(json.dumps(rec), flush=True)


if __name__ == "__main__":
    main()
