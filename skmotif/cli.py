"""The ``skmotif`` command.

Only argparse is imported at start-up, so ``skmotif --help`` answers at once;
TensorFlow loads when a command trains or predicts.
"""

import argparse
import json
import sys
import time
from pathlib import Path


def demo(args):
    """Train on the bundled PUM2 RNA set and report held-out performance."""
    from sklearn.metrics import accuracy_score, roc_auc_score
    from sklearn.model_selection import train_test_split

    from . import ConvMotifClassifier
    from .datasets import load_pum2

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    X, y = load_pum2()
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=0
    )
    print(
        f"PUM2 binding sites vs background: {len(X_train)} training, {len(X_test)} test "
        "sequences of 200 nt.",
        flush=True,
    )
    clf = ConvMotifClassifier(
        kernel_len=8, alphabet="ACGU", epochs=args.epochs, random_state=0, verbose=1
    )
    start = time.perf_counter()
    clf.fit(X_train, y_train)
    seconds = time.perf_counter() - start
    proba = clf.predict_proba(X_test)[:, 1]
    metrics = {
        "test_auroc": roc_auc_score(y_test, proba),
        "test_accuracy": accuracy_score(y_test, clf.classes_[(proba > 0.5).astype(int)]),
        "epochs": len(clf.history_["loss"]),
        "best_epoch": clf.best_epoch_ + 1,
        "fit_seconds": round(seconds, 1),
        "parameters": {k: v for k, v in clf.get_params().items() if k != "random_state"},
        "history": clf.history_,
    }
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2, default=str))
    print(
        f"test auROC {metrics['test_auroc']:.3f}, accuracy {metrics['test_accuracy']:.3f} "
        f"after {metrics['epochs']} epochs ({seconds:.0f} s); details in {out / 'metrics.json'}"
    )
    return 0


def build_parser():
    parser = argparse.ArgumentParser(
        prog="skmotif",
        description="Convolutional networks on biological sequences, read as motifs.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run_demo = commands.add_parser(
        "demo", help="train on the bundled PUM2 RNA data and report test performance"
    )
    run_demo.add_argument("--out", default="skmotif-demo", help="output folder")
    run_demo.add_argument("--epochs", type=int, default=30, help="most epochs (default 30)")
    run_demo.set_defaults(run=demo)
    return parser


def main(argv=None):
    """Entry point of the ``skmotif`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (ValueError, TypeError, OSError) as err:
        print(f"skmotif {args.command}: error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
