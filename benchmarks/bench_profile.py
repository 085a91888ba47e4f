"""ConvMotifProfileRegressor (BPNet) on a planted truth, and side by side with bpnet-lite.

Data: :func:`skmotif.datasets.make_motif_profiles` at depth 100, generated with the
jitter margin: sequences of L_in + 2J = 2,370 bases and count windows of L_out + 2J =
1,256 (J = ``random_crop`` = 128), so that the network reads bpnet-lite's 2,114 bases and
predicts 1,000. The planted sites lie anywhere in the 1,256-base window (at least 19 bases
from its edges), so about a fifth of them fall in the margin, outside the predicted window.
Regions go to chr1..chr4 in blocks; chr1-chr2 train (the validation regions come from
them), chr3-chr4 are the held-out test set.

* planted: the defaults (``count_weight="auto"``: max(median total / 10, 1)) and the same
  with bpnet-lite's count weight rule (the mean over the training regions of the
  per-strand total over the L_out + 2J window, i.e. mean total / 2), each fit in a fresh
  process on 2 threads. On the test regions' central windows: the multinomial NLL and the
  share of the gap closed, (NLL_flat - NLL_model) / (NLL_flat - NLL_true), NLL_true under
  the true profile restricted (and renormalised) to the window, NLL_flat under a flat one;
  count Pearson against its ceiling (log1p observed window total vs log1p of its
  expectation, ``rate_total`` times the true profile's mass in the window); profile Pearson
  and JSD (:func:`skmotif.metrics.profile_metrics`). Then ``deep_lift_shap(target=
  "profile", n_shuffles=10)`` on test regions with a site in the predicted window: the
  auROC of per-position |contribution| (summed over channels) at the positions of planted
  sites inside the predicted window against all positions without a site (sites in the
  margin, which the profile cannot see, left out of both classes); pooled over regions,
  the mean of the per-region auROCs, one auROC per motif, and the pooled auROC with the
  margin's sites counted as positives.
* bpnet: skmotif and bpnet-lite 1.1.0 (``benchmarks/bpnet_lite``, its own venv) on the
  same arrays: a subset of the chr1-chr2 regions to train (with the 2J margin), another to
  validate and a subset of chr3-chr4 to test (central windows), the same 64 x 8 network,
  2,114 -> 1,000, jitter 128, reverse complement, Adam 1e-3, batch 64, the same max epochs
  and the same count loss weight (bpnet-lite's rule, computed here on the training arrays
  and passed to both). Each tool keeps its own schedule (skmotif: learning rate halved after
  3 epochs without improvement, stopping after 5; bpnet-lite: ReduceLROnPlateau patience 5,
  stopping after 10) and bpnet-lite its outlier filter. Each fit runs in its own process on
  2 threads (skmotif: OMP_NUM_THREADS=2, which skmotif hands to TensorFlow's intra- and
  inter-op pools; bpnet-lite: torch.set_num_threads(2)), alternated, one pair per seed.
  Metrics by skmotif.metrics on both tools' test predictions (bpnet-lite's saved ones,
  reverse-complement averaged as ``bpnet evaluate`` does, and forward only, as skmotif
  predicts), the median epoch wall time (validation included), the peak RSS
  (``getrusage`` maxrss of each process).

Run (the recorded results; 2 shared cores, ``nice -n 5``, bpnet-lite's venv from
benchmarks/bpnet_lite/setup.sh, here passed with --bpnet-python):

    python benchmarks/bench_profile.py planted --n-regions 4000 --epochs 15 \
        --json benchmarks/results/bench_profile_planted.json            # 23 min
    python benchmarks/bench_profile.py bpnet --bpnet-train 600 --bpnet-epochs 10 \
        --seeds 0 1 --json benchmarks/results/bench_profile_bpnet.json  # 16 min
    python benchmarks/bench_profile.py bpnet --bpnet-weight auto --seeds 0 \
        --json benchmarks/results/bench_profile_bpnet_autoweight.json   # 8 min

Sizes are reduced to fit an hour on 2 cores: 4,000 regions (2,000 on chr1-chr2 to train
and validate, 2,000 on chr3-chr4 to test) and at most 15 epochs (the default is 50 with
early stopping) for planted; 600 training regions and 10 epochs for bpnet.
"""

import json
import os
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from _harness import HERE, Results, arguments, fresh, median
from sklearn.metrics import roc_auc_score

from skmotif.metrics import multinomial_nll, pearson_r, profile_metrics

#: bpnet-lite's venv and runner (see benchmarks/bpnet_lite/README.md).
BPNET_DIR = HERE / "bpnet_lite"
BPNET_PYTHON = BPNET_DIR / ".venv" / "bin" / "python"
#: The default geometry (bpnet-lite's): network input and output, and the jitter margin.
FULL = dict(length_in=2114, length_out=1000, crop=128)
#: --smoke: a small geometry and a small network.
SMOKE = dict(length_in=200, length_out=100, crop=10)
SMOKE_NETWORK = dict(kernel_num=8, residual_num=2, profile_kernel_len=15)
TRAIN_CHROMOSOMES = ("chr1", "chr2")
LETTERS = np.frombuffer(b"ACGT", np.uint8)


def main():
    def add(parser):
        parser.add_argument("parts", nargs="*", default=["planted", "bpnet"])
        parser.add_argument("--n-regions", type=int, default=4000, help="regions generated")
        parser.add_argument("--depth", type=float, default=100)
        parser.add_argument("--data-seed", type=int, default=0)
        parser.add_argument(
            "--epochs", type=int, default=15, help="planted: max epochs (the default is 50)"
        )
        parser.add_argument("--deeplift-regions", type=int, default=200)
        parser.add_argument("--deeplift-shuffles", type=int, default=10)
        parser.add_argument("--bpnet-train", type=int, default=600, help="bpnet: training regions")
        parser.add_argument("--bpnet-valid", type=int, default=100)
        parser.add_argument("--bpnet-test", type=int, default=1000)
        parser.add_argument("--bpnet-epochs", type=int, default=10)
        parser.add_argument("--seeds", type=int, nargs="+", default=[0])
        parser.add_argument(
            "--bpnet-weight",
            choices=["bpnet", "auto"],
            default="bpnet",
            help="bpnet: the count loss weight both tools get, by bpnet-lite's rule or by "
            "skmotif's 'auto' rule (max(median total / 10, 1)), computed on the training arrays",
        )
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument(
            "--bpnet-python",
            type=Path,
            default=BPNET_PYTHON,
            help="the python of bpnet-lite's venv (benchmarks/bpnet_lite/setup.sh)",
        )

    args = arguments(__doc__, add)
    results = Results(__file__, args)
    for part in args.parts:
        {"planted": planted, "bpnet": bpnet}[part](args, results)
    results.write()


# -- data ------------------------------------------------------------------------------------


def geometry(smoke):
    return SMOKE if smoke else FULL


def network_params(smoke):
    return dict(SMOKE_NETWORK) if smoke else {}


def make_data(n_regions, depth, seed, smoke):
    """The planted set with the jitter margin, and its train / test rows (by chromosome)."""
    from skmotif.datasets import make_motif_profiles

    g = geometry(smoke)
    data = make_motif_profiles(
        n_regions,
        input_length=g["length_in"] + 2 * g["crop"],
        output_length=g["length_out"] + 2 * g["crop"],
        depth=depth,
        n_chromosomes=4,
        random_state=seed,
    )
    train = np.flatnonzero(np.isin(data.chromosome, TRAIN_CHROMOSOMES))
    test = np.flatnonzero(~np.isin(data.chromosome, TRAIN_CHROMOSOMES))
    return data, train, test


def central(array, length):
    """The central ``length`` positions of axis 1."""
    start = (array.shape[1] - length) // 2
    return array[:, start : start + length]


def central_strings(X, length):
    start = (len(X[0]) - length) // 2
    return np.array([x[start : start + length] for x in X])


def bpnet_rule(y):
    """bpnet-lite's count loss weight: the mean over regions and strands of a strand's total."""
    return float(np.asarray(y, np.float64).sum(axis=1).mean())


def auto_rule(y):
    """skmotif's ``count_weight="auto"``: max(median total / 10, 1)."""
    return max(float(np.median(np.asarray(y, np.float64).sum(axis=(1, 2)))) / 10, 1.0)


def ceilings(data, rows, length_out):
    """What the true profile and a flat one score on the central windows of ``rows``."""
    y = central(data.y[rows], length_out).astype(np.float64)
    p = central(data.probabilities[rows], length_out)
    mass = p.sum(axis=(1, 2))
    observed = np.log1p(y.sum(axis=(1, 2)))
    expected = np.log1p(data.rate_total[rows] * mass)
    return {
        "nll_true": float(multinomial_nll(y, p / mass[:, None, None]).mean()),
        "nll_flat": float(multinomial_nll(y, np.ones_like(y)).mean()),
        "count_pearson_true": pearson_r(observed, expected),
        "count_pearson_true_rate_total": pearson_r(observed, np.log1p(data.rate_total[rows])),
        "count_mse_true": float(np.mean((observed - expected) ** 2)),
        "median_window_total": float(np.median(y.sum(axis=(1, 2)))),
    }


def scored(y_true, prediction, ceiling):
    """profile_metrics plus the share of the NLL gap and of the count ceiling reached."""
    m = profile_metrics(y_true, prediction)
    gap = ceiling["nll_flat"] - ceiling["nll_true"]
    return {
        "test_nll": m["multinomial_nll"],
        "gap_closed": (ceiling["nll_flat"] - m["multinomial_nll"]) / gap,
        "count_pearson": m["count_pearson"],
        "count_pearson_share": m["count_pearson"] / ceiling["count_pearson_true"],
        "count_spearman": m["count_spearman"],
        "count_mse": m["count_mse"],
        "profile_pearson": m["profile_pearson"],
        "jsd": m["jsd"],
    }


@contextmanager
def threads(n):
    """OMP_NUM_THREADS=n for the processes started inside (skmotif sets TF's pools from it)."""
    saved = os.environ.get("OMP_NUM_THREADS")
    os.environ["OMP_NUM_THREADS"] = str(n)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = saved


# -- planted truth ---------------------------------------------------------------------------


def _deeplift_rows(data, test, g, n, seed):
    """Test rows with a site inside the predicted window, in a seeded random order (n)."""
    sites = data.sites
    lo = g["crop"] + (g["length_in"] - g["length_out"]) // 2  # window start, X coordinates
    inside = sites[(sites.start >= lo) & (sites.end <= lo + g["length_out"])]
    candidates = np.intersect1d(test, inside.region.unique())
    return np.sort(np.random.default_rng(seed).permutation(candidates)[:n])


def _planted_child(n_regions, depth, data_seed, params, epochs, dl_rows, dl_shuffles, smoke):
    """Fit on chr1-chr2 (fresh process); test predictions, epoch times, DeepLIFT scores."""
    import resource

    from _harness import epoch_clock

    from skmotif import ConvMotifProfileRegressor
    from skmotif.interpret import deep_lift_shap

    data, train, test = make_data(n_regions, depth, data_seed, smoke)
    clock = epoch_clock()
    model = ConvMotifProfileRegressor(**params, epochs=epochs, random_state=0, callbacks=[clock])
    start = time.perf_counter()
    model.fit(data.X[train], data.y[train])
    fit_s = time.perf_counter() - start
    epochs_s = [seconds for _, seconds in clock.epochs]
    start = time.perf_counter()
    prediction = model.predict(data.X[test]).astype(np.float32)
    predict_s = time.perf_counter() - start
    start = time.perf_counter()
    contributions = deep_lift_shap(
        model, data.X[dl_rows], target="profile", n_shuffles=dl_shuffles, random_state=0
    )
    deeplift_s = time.perf_counter() - start
    return {
        "prediction": prediction,
        "scores": np.abs(contributions).sum(axis=-1).astype(np.float32),
        "count_weight": model.count_weight_,
        "epochs_run": len(model.history_["loss"]),
        "best_epoch": int(model.best_epoch_),
        "val_loss": [float(v) for v in model.history_["val_loss"]],
        "fit_s": fit_s,
        "epoch_s": epochs_s,
        "predict_s": predict_s,
        "deeplift_s": deeplift_s,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def site_aurocs(scores, rows, sites, g):
    """auROCs of per-position scores (rows x L_in) at planted-site positions."""
    lo = (g["length_in"] - g["length_out"]) // 2  # predicted window, input coordinates
    n, length = scores.shape
    inside = np.zeros((n, length), bool)
    margin = np.zeros((n, length), bool)
    motif_of = np.full((n, length), "", dtype=object)
    index = {r: i for i, r in enumerate(rows)}
    for site in sites[sites.region.isin(rows)].itertuples():
        i, a, b = index[site.region], site.start - g["crop"], site.end - g["crop"]
        if a >= lo and b <= lo + g["length_out"]:
            inside[i, a:b] = True
            motif_of[i, a:b] = site.motif
        else:
            margin[i, a:b] = True
    counted = ~margin
    out = {
        "auroc": roc_auc_score(inside[counted], scores[counted]),
        "auroc_region_mean": float(
            np.mean(
                [roc_auc_score(inside[i][counted[i]], scores[i][counted[i]]) for i in range(n)]
            )
        ),
        "auroc_margin_sites_positive": roc_auc_score((inside | margin).ravel(), scores.ravel()),
    }
    background = counted & ~inside
    for motif in sorted(sites.motif.unique()):
        positive = motif_of == motif
        if positive.any():
            keep = positive | background
            out[f"auroc_{motif}"] = roc_auc_score(positive[keep], scores[keep])
    return out


def planted(args, results):
    smoke, g = args.smoke, geometry(args.smoke)
    n = 160 if smoke else args.n_regions
    data, train, test = make_data(n, args.depth, args.data_seed, smoke)
    ceiling = ceilings(data, test, g["length_out"])
    y_test = central(data.y[test], g["length_out"])
    dl_rows = _deeplift_rows(data, test, g, 8 if smoke else args.deeplift_regions, 0)
    n_sites_in = int(
        (
            data.sites.region.isin(dl_rows)
            & (data.sites.start >= g["crop"] + (g["length_in"] - g["length_out"]) // 2)
            & (data.sites.end <= g["crop"] + (g["length_in"] + g["length_out"]) // 2)
        ).sum()
    )
    results.add(
        part="planted data",
        regions=n,
        train_regions=len(train),
        test_regions=len(test),
        sequence_length=g["length_in"] + 2 * g["crop"],
        count_window=g["length_out"] + 2 * g["crop"],
        network_window=f"{g['length_in']} -> {g['length_out']}",
        random_crop=g["crop"],
        depth=args.depth,
        max_epochs=2 if smoke else args.epochs,
        note=f"max epochs capped at {2 if smoke else args.epochs} (default 50) to fit the time",
        **{f"test_{k}": v for k, v in ceiling.items()},
        deeplift_regions=len(dl_rows),
        deeplift_sites_in_window=n_sites_in,
    )
    weight = bpnet_rule(data.y[train])
    settings = {"default (auto)": {}, "bpnet-lite rule": {"count_weight": weight}}
    for name, extra in settings.items():
        params = {**network_params(smoke), **extra}
        if smoke:
            params["random_crop"] = g["crop"]
        with threads(args.threads):
            run = fresh(
                _planted_child,
                n,
                args.depth,
                args.data_seed,
                params,
                2 if smoke else args.epochs,
                dl_rows,
                2 if smoke else args.deeplift_shuffles,
                smoke,
            )
        value = run["value"]
        results.add(
            part="planted",
            setting=name,
            count_weight=value["count_weight"],
            **scored(y_test, value["prediction"], ceiling),
            **site_aurocs(value["scores"], dl_rows, data.sites, g),
            epochs_run=value["epochs_run"],
            best_epoch=value["best_epoch"],
            val_loss=[round(v, 2) for v in value["val_loss"]],
            fit_s=value["fit_s"],
            median_epoch_s=median(value["epoch_s"]),
            predict_s=value["predict_s"],
            deeplift_s=value["deeplift_s"],
            peak_rss_mib=value["peak_rss_mib"],
        )


# -- side by side with bpnet-lite --------------------------------------------------------------


def _codes(X):
    """DNA strings -> uint8 codes 0-3 (A, C, G, T), shape (n, length)."""
    raw = np.frombuffer("".join(X).encode(), np.uint8).reshape(len(X), -1)
    return np.searchsorted(LETTERS, raw).astype(np.uint8)


def _strings(codes):
    return LETTERS[codes].view(f"S{codes.shape[1]}").ravel().astype(str)


def _skmotif_child(npz, params, epochs, seed):
    """skmotif on the arrays of ``npz`` (fresh process): test predictions and timings."""
    import resource

    from _harness import epoch_clock

    from skmotif import ConvMotifProfileRegressor

    d = np.load(npz)
    X_train, X_valid, X_test = (_strings(d[k]) for k in ("X_train", "X_valid", "X_test"))
    y_train, y_valid = (d[k].transpose(0, 2, 1) for k in ("y_train", "y_valid"))
    clock = epoch_clock()
    model = ConvMotifProfileRegressor(
        **params, epochs=epochs, random_state=seed, callbacks=[clock]
    )
    start = time.perf_counter()
    model.fit(X_train, y_train, validation_data=(X_valid, y_valid))
    fit_s = time.perf_counter() - start
    start = time.perf_counter()
    prediction = model.predict(X_test).astype(np.float32)
    return {
        "prediction": prediction,
        "count_weight": model.count_weight_,
        "epochs_run": len(model.history_["loss"]),
        "best_epoch": int(model.best_epoch_),
        "epoch_s": [seconds for _, seconds in clock.epochs],
        "fit_s": fit_s,
        "predict_s": time.perf_counter() - start,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _bpnet_lite(python, npz, out, network, epochs, crop, weight, seed, threads_n):
    """bpnet-lite's runner in its venv; its JSON line and its saved predictions."""
    command = [
        str(python),
        str(BPNET_DIR / "run_bpnet_lite.py"),
        str(npz),
        "--out", str(out),
        "--n-filters", str(network.get("kernel_num", 64)),
        "--n-layers", str(network.get("residual_num", 8)),
        "--epochs", str(epochs),
        "--batch-size", "64",
        "--lr", "1e-3",
        "--max-jitter", str(crop),
        "--threads", str(threads_n),
        "--seed", str(seed),
        "--count-weight", repr(weight),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"bpnet-lite failed:\n{done.stderr[-3000:]}")
    record = json.loads(done.stdout.strip().splitlines()[-1])
    saved = np.load(out)
    return record, saved["profile"], saved["profile_fwd"]


def bpnet(args, results):
    smoke, g = args.smoke, geometry(args.smoke)
    n = 160 if smoke else args.n_regions
    data, train, test = make_data(n, args.depth, args.data_seed, smoke)
    rng = np.random.default_rng(1)
    n_train, n_valid = (40, 16) if smoke else (args.bpnet_train, args.bpnet_valid)
    picked = rng.permutation(train)
    rows_train, rows_valid = (
        np.sort(picked[:n_train]),
        np.sort(picked[n_train : n_train + n_valid]),
    )
    rows_test = np.sort(rng.permutation(test)[: 30 if smoke else args.bpnet_test])
    ceiling = ceilings(data, rows_test, g["length_out"])
    y_test = central(data.y[rows_test], g["length_out"])
    weight = (
        bpnet_rule(data.y[rows_train])
        if args.bpnet_weight == "bpnet"
        else auto_rule(data.y[rows_train])
    )
    network = network_params(smoke)
    epochs = 1 if smoke else args.bpnet_epochs
    has_bpnet = args.bpnet_python.exists()
    results.add(
        part="bpnet data",
        train_regions=n_train,
        valid_regions=n_valid,
        test_regions=len(rows_test),
        network=f"{network.get('kernel_num', 64)} filters x {network.get('residual_num', 8)} "
        f"dilated residual layers",
        network_window=f"{g['length_in']} -> {g['length_out']}",
        jitter=g["crop"],
        max_epochs=epochs,
        count_weight_both=weight,
        count_weight_rule=(
            "bpnet-lite's: mean over training regions and strands of the per-strand total "
            "over the L_out + 2J window (no outlier filter), passed to both"
            if args.bpnet_weight == "bpnet"
            else "skmotif's auto: max(median over training regions of the total over the "
            "L_out + 2J window / 10, 1), passed to both"
        ),
        threads=args.threads,
        note=f"reduced size to fit the time: {n_train} training regions, max epochs {epochs} "
        "(the defaults are 50 with early stopping)",
        **{f"test_{k}": v for k, v in ceiling.items()},
    )
    with tempfile.TemporaryDirectory() as folder:
        npz = Path(folder) / "data.npz"
        np.savez(
            npz,
            X_train=_codes(data.X[rows_train]),
            y_train=data.y[rows_train].transpose(0, 2, 1).astype(np.float32),
            X_valid=_codes(central_strings(data.X[rows_valid], g["length_in"])),
            y_valid=central(data.y[rows_valid], g["length_out"])
            .transpose(0, 2, 1)
            .astype(np.float32),
            X_test=_codes(central_strings(data.X[rows_test], g["length_in"])),
        )
        params = {**network, "count_weight": weight, "random_crop": g["crop"]}
        for seed in args.seeds:
            with threads(args.threads):
                run = fresh(_skmotif_child, str(npz), params, epochs, seed)["value"]
            results.add(
                part="bpnet",
                tool="skmotif",
                seed=seed,
                predictions="forward strand",
                **scored(y_test, run["prediction"], ceiling),
                count_weight=run["count_weight"],
                epochs_run=run["epochs_run"],
                best_epoch=run["best_epoch"],
                fit_s=run["fit_s"],
                median_epoch_s=median(run["epoch_s"]),
                median_epoch_after_first_s=median(run["epoch_s"][1:] or run["epoch_s"]),
                epoch_s=[round(s, 2) for s in run["epoch_s"]],
                predict_s=run["predict_s"],
                peak_rss_mib=run["peak_rss_mib"],
            )
            if not has_bpnet:
                results.add(
                    part="bpnet", tool="bpnet-lite", seed=seed, skipped=f"no {args.bpnet_python}"
                )
                continue
            out = Path(folder) / f"bpnet{seed}.npz"
            record, profile, profile_fwd = _bpnet_lite(
                args.bpnet_python, npz, out, network, epochs, g["crop"], weight, seed, args.threads
            )
            walls = record["epoch_wall_s"]
            for label, prediction in (("RC-averaged", profile), ("forward strand", profile_fwd)):
                results.add(
                    part="bpnet",
                    tool="bpnet-lite",
                    seed=seed,
                    predictions=label,
                    **scored(y_test, prediction, ceiling),
                    epochs_run=record["epochs_run"],
                    best_epoch=record["best_epoch"],
                    fit_s=record["fit_s"],
                    median_epoch_s=median(walls),
                    median_epoch_after_first_s=median(walls[1:] or walls),
                    epoch_s=walls,
                    predict_s=record["predict_s"],
                    peak_rss_mib=record["peak_rss_mib"],
                    outliers_dropped=record["n_outliers_dropped"],
                    count_weight=record["count_loss_weight"],
                )


if __name__ == "__main__":
    main()
