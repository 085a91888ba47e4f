"""Can ConvMotifRegressor learn the planted truth of make_motif_grammar?

Trains ``ConvMotifRegressor(random_state=0)`` on ``--n`` sequences (80/20 split) and
prints the test R² against its ceiling ``r2_score(y_test, signal_test)``, then asks the
fitted model the questions the grammar plants answers to, in motif-free backgrounds:

* insertion: mean change of the prediction when one site of each role is written into a
  background, against the planted effect;
* spacing: the interaction of the cooperating pair (and of the additive pair) at spacings
  0-50, ``f(a+b) - f(a) - f(b) + f(background)`` averaged over backgrounds, against
  :func:`skmotif.datasets.grammar_spacing_bonus`.

Not a test and not a bench_ script (no JSON); run:
nice -n 10 python benchmarks/check_grammar.py [--n 10000] [--epochs 40]
"""

import argparse
import json
import os
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifRegressor
from skmotif.datasets import (
    GRAMMAR_MOTIFS,
    grammar_signal,
    grammar_spacing_bonus,
    make_motif_grammar,
)

SPACINGS = np.arange(51)


def backgrounds(n, length, seed=1):
    """``n`` uniform random sequences in which no motif of the grammar occurs."""
    rng = np.random.default_rng(seed)
    found = []
    while len(found) < n:
        s = "".join(rng.choice(list("ACGT"), size=length))
        if grammar_signal([s])[0] == 0 and not any(
            c in s or c[::-1].translate(str.maketrans("ACGT", "TGCA")) in s
            for c, _, _ in GRAMMAR_MOTIFS.values()
        ):
            found.append(s)
    return found


def put(sequence, start, site):
    return sequence[:start] + site + sequence[start + len(site) :]


def insertion_effects(score, bgs):
    """{role: mean score change of one site written at position 90}."""
    base = score(bgs)
    return {
        role: float(np.mean(score([put(s, 90, c) for s in bgs]) - base))
        for role, (c, _, _) in GRAMMAR_MOTIFS.items()
    }


def spacing_curve(score, bgs, a, b):
    """Interaction of sites ``a`` then ``b`` (same strand) at each of SPACINGS."""
    start = 40
    base = score(bgs)
    only_a = score([put(s, start, a) for s in bgs])
    curve = []
    for gap in SPACINGS:
        at = start + len(a) + gap
        only_b = score([put(s, at, b) for s in bgs])
        both = score([put(put(s, start, a), at, b) for s in bgs])
        curve.append(float(np.mean(both - only_a - only_b + base)))
    return np.array(curve)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--backgrounds", type=int, default=50)
    parser.add_argument("--params", default="{}", help="more ConvMotifRegressor parameters")
    args = parser.parse_args()
    X, y, truth = make_motif_grammar(args.n, random_state=0)
    X_train, X_test, y_train, y_test, _, t_test = train_test_split(
        X, y, truth, test_size=0.2, random_state=0
    )
    s_test = t_test["signal"].to_numpy()
    started = time.perf_counter()
    model = ConvMotifRegressor(random_state=0, epochs=args.epochs, **json.loads(args.params)).fit(
        X_train, y_train
    )
    seconds = time.perf_counter() - started
    predicted = model.predict(X_test)
    r2 = r2_score(y_test, predicted)
    ceiling = r2_score(y_test, s_test)
    epochs = len(model.history_["loss"])
    print(f"train {len(X_train)}, test {len(X_test)}: {epochs} epochs in {seconds:.0f} s")
    print(f"test R2 {r2:.3f}, ceiling {ceiling:.3f}, share {r2 / ceiling:.3f}")
    print(f"resolved {model.resolved_params_}, best epoch {model.best_epoch_}")
    features = [*GRAMMAR_MOTIFS, "cooperation"]
    design = np.column_stack([t_test[features].to_numpy(np.float64), np.ones(len(s_test))])
    left = np.linalg.lstsq(design, s_test - predicted, rcond=None)[0]
    print("left unlearned (signal - prediction regressed on the planted features):")
    print("  " + ", ".join(f"{f} {c:+.2f}" for f, c in zip(features, left, strict=False)))
    bgs = backgrounds(args.backgrounds, len(X[0]))
    found = insertion_effects(model.predict, bgs)
    print("insertion: role, planted effect, model")
    for role, (_, _, effect) in GRAMMAR_MOTIFS.items():
        print(f"  {role:18s} {effect:+.2f} {found[role]:+.2f}")
    for name in ("cooperative", "additive"):
        a, b = (GRAMMAR_MOTIFS[f"{name}_{k}"][0] for k in "ab")
        planted = spacing_curve(grammar_signal, bgs, a, b)
        model_curve = spacing_curve(model.predict, bgs, a, b)
        expected = grammar_spacing_bonus(SPACINGS) if name == "cooperative" else 0 * SPACINGS
        assert np.allclose(planted, expected), "backgrounds must not make chance sites"
        print(f"spacing curve, {name} pair: model at spacings 0-50")
        print("  " + " ".join(f"{m:+.2f}" for m in model_curve))
        if name == "cooperative":
            r = np.corrcoef(planted, model_curve)[0, 1]
            peaks = {g: round(float(model_curve[g]), 2) for g in (10, 21, 31)}
            print(f"  Pearson r with the planted curve {r:.3f}; at the peaks {peaks}")
        else:
            print(f"  largest |interaction| {np.abs(model_curve).max():.2f}")


if __name__ == "__main__":
    main()
