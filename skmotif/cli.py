"""The ``skmotif`` command: demo, train, predict, report.

Only the standard library is imported at start-up, so ``skmotif --help``
answers at once; TensorFlow loads when a command trains or predicts.
"""

import argparse
import ast
import json
import sys
import time
from pathlib import Path

__all__ = ["build_parser", "main"]

#: Sequences per chunk when predicting from a FASTA file.
CHUNK = 10000
ATTRIBUTION_HELP = (
    "also write the attribution report: TF-MoDISco patterns of DeepLIFT/SHAP contributions "
    "for the classes named (default: every class), in OUT/patterns/patterns.html; needs pip "
    "install 'skmotif[modisco]' and DNA or RNA sequences"
)
MATCH_HELP = (
    "name the kernels: a JASPAR release (JASPAR2024) or a MEME file; "
    "needs pip install 'skmotif[motifs]'"
)


def _parse_params(groups):
    """``[["kernel_len=8"], ["rnn_type=LSTM"]]`` -> ``{"kernel_len": 8, "rnn_type": "LSTM"}``."""
    params = {}
    for pair in (pair for group in groups or [] for pair in group):
        name, sep, text = pair.partition("=")
        if not sep or not name:
            raise ValueError(f"--param takes name=value, e.g. kernel_len=8; got {pair!r}.")
        try:
            params[name] = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            params[name] = text
    return params


def _check_match(database, alphabet):
    """Fail before any work when ``--match`` names no database the kernels can be matched with.

    ``alphabet`` is the model's: a string, an Alphabet, or a (sequence,
    structure) pair, whose sequence motifs are the ones matched.
    """
    if database is not None:
        from ._alphabet import JointAlphabet, resolve_alphabet
        from .matching import _check_alphabet, _import_tomtom, load_targets

        _import_tomtom()
        symbols = load_targets(database)[3]
        alphabet = resolve_alphabet(alphabet)
        if isinstance(alphabet, JointAlphabet):
            alphabet = alphabet.sequence
        _check_alphabet(alphabet.symbols, symbols, "The model")


def _check_attribution(targets, alphabet, classes=None):
    """Fail before any work when ``--attribution`` cannot run: no modisco-lite, another
    alphabet, or a class the data do not have."""
    if targets is None:
        return
    from .interpret.patterns import check_modisco

    check_modisco(alphabet)
    unknown = [t for t in targets if classes is not None and t not in classes]
    if unknown:
        raise ValueError(f"--attribution names {unknown}; the classes are {list(classes)}.")


def _report(clf, X_test, y_test, out, match=None, attribution=None):
    """Write the performance, kernel and (with ``attribution``) pattern reports; return the table.

    ``attribution``: None for no pattern report, else the classes to read
    (an empty list: every class).
    """
    from .report import visualize_all_kernels, visualize_patterns, write_performance

    table = write_performance(y_test, clf.predict_proba(X_test), clf.classes_, out)
    print("Drawing the first-layer kernels ...", flush=True)
    visualize_all_kernels(clf, X_test, y_test, out / "kernels", matches=match)
    if attribution is not None:
        classes = [clf.classes_[list(map(str, clf.classes_)).index(t)] for t in attribution]
        print("TF-MoDISco patterns of DeepLIFT/SHAP contributions ...", flush=True)
        visualize_patterns(
            clf, X_test, y_test, out / "patterns", targets=classes or None, matches=match
        )
    return table


def _train(X, y, params, test_fraction, out, match=None, attribution=None):
    from sklearn.model_selection import train_test_split

    from . import ConvMotifClassifier
    from .saving import save

    clf = ConvMotifClassifier(**{"random_state": 0, "verbose": 1, **params})
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_fraction, stratify=y, random_state=0
    )
    print(f"{len(X_train)} training and {len(X_test)} test sequences; training ...", flush=True)
    start = time.perf_counter()
    clf.fit(X_train, y_train)
    seconds = time.perf_counter() - start
    save(clf, out / "model")
    table = _report(clf, X_test, y_test, out, match, attribution)
    metrics = {
        "fit_seconds": round(seconds, 1),
        "epochs": len(clf.history_["loss"]),
        "best_epoch": clf.best_epoch_ + 1,
        "test": json.loads(table.to_json(orient="index")),
    }
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2))
    print(table.to_string(float_format="%.3f"))
    print(
        f"\nTrained in {seconds:.0f} s ({metrics['epochs']} epochs). Report: "
        f"{_pages(out, attribution)}, {out / 'performance.txt'}; model: {out / 'model'}"
    )
    return table


def _pages(out, attribution):
    pages = [str(out / "kernels" / "summary.html")]
    if attribution is not None:
        pages.append(str(out / "patterns" / "patterns.html"))
    return ", ".join(pages)


def _output_folder(path):
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    return out


def _demo(args):
    """Train on the bundled PUM2 RNA set; write model, performance and kernel reports."""
    import numpy as np

    from .datasets import load_pum2

    attribution = ["PUM2"] if args.attribution else None
    _check_attribution(attribution, "ACGU")
    out = _output_folder(args.out)
    X, y = load_pum2()
    labels = np.array(["background", "PUM2"])[y]
    print(
        "PUM2 CLIP-seq binding sites against sites of 24 other RNA-binding proteins, "
        "RNA sequences of 200 nt.",
        flush=True,
    )
    params = {"kernel_len": 8, "alphabet": "ACGU", "epochs": args.epochs}
    _train(X, labels, params, 0.2, out, attribution=attribution)
    return 0


def _train_command(args):
    """Train on one FASTA file per class."""
    import numpy as np

    from .io import load_fasta_classes

    params = _parse_params(args.param)
    if args.alphabet:
        params["alphabet"] = tuple(args.alphabet.split(",")) if args.structure else args.alphabet
    elif args.structure:
        params["alphabet"] = ("ACGU", "EHIMS")
    _check_match(args.match, params.get("alphabet", "ACGT"))
    names = np.array([Path(p).name.split(".")[0] for p in args.fasta])
    if len(set(names)) != len(names):
        names = np.array([f"{i}_{n}" for i, n in enumerate(names)])
    _check_attribution(args.attribution, params.get("alphabet", "ACGT"), names.tolist())
    out = _output_folder(args.out)
    X, index = load_fasta_classes(args.fasta, structure=args.structure)
    _train(X, names[index], params, args.test_fraction, out, args.match, args.attribution)
    return 0


def _predict(args):
    """Class probabilities for every sequence of a FASTA file, streamed in chunks;
    or, with ``--variants``, the effects of the variants listed."""
    import csv

    from ._alphabet import JointAlphabet
    from .io import iter_fasta
    from .saving import load

    clf = load(args.model)
    if args.average_strands:
        clf.set_params(average_strands=True)
    if args.variants:
        return _variants(clf, args)
    if args.target is not None:
        raise ValueError("--target names the class of --variants; give --variants too.")
    joint = isinstance(clf.alphabet_, JointAlphabet)
    out = open(args.out, "w", newline="") if args.out != "-" else sys.stdout  # noqa: SIM115
    try:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["id", *(str(c) for c in clf.classes_)])
        ids, batch = [], []

        def flush():
            for name, row in zip(ids, clf.predict_proba(batch), strict=True):
                writer.writerow([name, *(f"{p:.6g}" for p in row)])
            ids.clear()
            batch.clear()

        for header, record in iter_fasta(args.fasta, structure=joint):
            ids.append(header.split()[0] if header else header)
            batch.append(record)
            if len(batch) == CHUNK:
                flush()
        if batch:
            flush()
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def _variants(clf, args):
    """Variant effects: variants from a TSV file (1-based positions) on the FASTA sequences."""
    import pandas as pd

    from .interpret.variants import variant_effects
    from .io import iter_fasta

    table = pd.read_csv(args.variants, sep="\t", dtype={"sequence": str, "ref": str, "alt": str})
    if "position" in table and not pd.api.types.is_integer_dtype(table["position"]):
        raise ValueError(f"{args.variants}: the position column must hold whole numbers.")
    records = iter_fasta(args.fasta)
    sequences = {header.split()[0] if header else header: s for header, s in records}
    target = None
    if args.target is not None:
        names = [str(c) for c in clf.classes_]
        if args.target not in names:
            raise ValueError(f"--target {args.target!r} is not a class; the classes are {names}.")
        target = clf.classes_[names.index(args.target)]
    if "position" in table:
        table["position"] = table["position"] - 1  # the file counts from 1, as VCF does
    effects = variant_effects(clf, sequences, table, target=target)
    effects["position"] += 1
    out = sys.stdout if args.out == "-" else args.out
    effects.to_csv(out, sep="\t", index=False, float_format="%.6g")
    return 0


def _report_command(args):
    """The performance and kernel report of a saved model on labelled FASTA files."""
    import numpy as np

    from ._alphabet import JointAlphabet
    from .io import load_fasta_classes
    from .saving import load

    clf = load(args.model)
    _check_match(args.match, clf.alphabet_)
    _check_attribution(args.attribution, clf.alphabet_, [str(c) for c in clf.classes_])
    out = _output_folder(args.out)
    X, index = load_fasta_classes(args.fasta, isinstance(clf.alphabet_, JointAlphabet))
    if len(args.fasta) != len(clf.classes_):
        raise ValueError(
            f"The model has {len(clf.classes_)} classes {clf.classes_.tolist()}; give one "
            "FASTA file per class, in that order."
        )
    table = _report(clf, X, np.asarray(clf.classes_)[index], out, args.match, args.attribution)
    print(table.to_string(float_format="%.3f"))
    print(f"\nReport: {_pages(out, args.attribution)}, {out / 'performance.txt'}")
    return 0


def build_parser():
    parser = argparse.ArgumentParser(
        prog="skmotif",
        description="Convolutional networks on biological sequences, read as motifs.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    sub = commands.add_parser("demo", help="train and report on the bundled PUM2 RNA data")
    sub.add_argument("--out", default="skmotif-demo", help="output folder (./skmotif-demo)")
    sub.add_argument("--epochs", type=int, default=60, help="most epochs (default 60)")
    sub.add_argument(
        "--attribution",
        action="store_true",
        help="also write TF-MoDISco patterns of the PUM2 class (pip install 'skmotif[modisco]')",
    )
    sub.set_defaults(run=_demo)

    sub = commands.add_parser("train", help="train on one FASTA file per class")
    sub.add_argument("fasta", nargs="+", help="one FASTA file per class (plain or gzip)")
    sub.add_argument("--out", required=True, help="output folder")
    sub.add_argument("--alphabet", help="symbols, e.g. ACGT (with --structure: ACGU,EHIMS)")
    sub.add_argument(
        "--structure", action="store_true", help="records are header / sequence / structure lines"
    )
    sub.add_argument(
        "--param",
        nargs="+",
        action="append",
        metavar="NAME=VALUE",
        help="estimator parameters, e.g. kernel_len=8 conv_num=1",
    )
    sub.add_argument(
        "--test-fraction", type=float, default=0.2, help="held-out share for the report (0.2)"
    )
    sub.add_argument("--match", metavar="DATABASE", help=MATCH_HELP)
    sub.add_argument("--attribution", nargs="*", metavar="CLASS", help=ATTRIBUTION_HELP)
    sub.set_defaults(run=_train_command)

    sub = commands.add_parser("predict", help="class probabilities for a FASTA file")
    sub.add_argument("model", help="a model folder written by train or demo")
    sub.add_argument("fasta", help="sequences (plain or gzip FASTA)")
    sub.add_argument("--out", default="-", help="TSV file (default: standard output)")
    sub.add_argument(
        "--variants",
        metavar="TSV",
        help="score variants instead: a TSV file with columns sequence (FASTA id), position "
        "(1-based), ref, alt; writes their reference and alternative probabilities and the "
        "logit difference",
    )
    sub.add_argument(
        "--target", metavar="CLASS", help="the class --variants reports (default: the last)"
    )
    sub.add_argument(
        "--average-strands",
        action="store_true",
        help="average each sequence's and its reverse complement's prediction (DNA/RNA)",
    )
    sub.set_defaults(run=_predict)

    sub = commands.add_parser("report", help="performance and kernel report of a saved model")
    sub.add_argument("model", help="a model folder written by train or demo")
    sub.add_argument("fasta", nargs="+", help="one FASTA file per class, in the model's order")
    sub.add_argument("--out", required=True, help="output folder")
    sub.add_argument("--match", metavar="DATABASE", help=MATCH_HELP)
    sub.add_argument("--attribution", nargs="*", metavar="CLASS", help=ATTRIBUTION_HELP)
    sub.set_defaults(run=_report_command)
    return parser


def main(argv=None):
    """Entry point of the ``skmotif`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (ValueError, TypeError, OSError, ImportError) as err:
        print(f"skmotif {args.command}: error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
