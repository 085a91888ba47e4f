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


def _classifier(params):
    """A ConvMotifClassifier with the command's settings, its parameters checked (no training).

    Raises
    ------
    ValueError
        For a parameter it does not have (naming the closest ones) or an
        invalid value.
    """
    import difflib

    from . import ConvMotifClassifier

    clf = ConvMotifClassifier(random_state=0, verbose=1)
    names = list(clf.get_params())
    for name in params:
        if name not in names:
            close = difflib.get_close_matches(name, names, n=3)
            hint = f"; did you mean {' or '.join(close)}?" if close else "."
            raise ValueError(f"--param {name}: ConvMotifClassifier has no such parameter{hint}")
    clf.set_params(**params)
    clf._validate_params()
    clf._layer_spec()
    return clf


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
    from ._labels import class_index
    from .interpret._patterns import check_modisco

    check_modisco(alphabet)
    for target in targets if classes is not None else ():
        class_index(classes, target, "--attribution")


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
        classes = [_class_of(clf, t, "--attribution") for t in attribution]
        print("TF-MoDISco patterns of DeepLIFT/SHAP contributions ...", flush=True)
        visualize_patterns(
            clf, X_test, y_test, out / "patterns", targets=classes or None, matches=match
        )
    return table


def _train(clf, encoded, y, test_fraction, out, match=None, attribution=None):
    """Hold out a stratified test part, fit, save, report; ``out`` is created after the fit."""
    import numpy as np
    from sklearn.model_selection import train_test_split

    from ._files import write_text
    from ._saving import save

    classes, counts = np.unique(y, return_counts=True)
    n_test = int(np.ceil(test_fraction * len(y)))
    if n_test < len(classes) or len(y) - n_test < len(classes) or counts.min() < 2:
        rarest = classes[np.argmin(counts)]
        raise ValueError(
            f"--test-fraction {test_fraction} of {len(y)} sequences cannot hold out every "
            f"class in both parts (class {rarest!r} has {counts.min()}); give more sequences "
            "or change --test-fraction."
        )
    train, test = train_test_split(
        np.arange(len(y)), test_size=test_fraction, stratify=y, random_state=0
    )
    print(f"{len(train)} training and {len(test)} test sequences; training ...", flush=True)
    start = time.perf_counter()
    clf.fit(encoded.subset(train), y[train])
    seconds = time.perf_counter() - start
    out = _output_folder(out)
    save(clf, out / "model")
    table = _report(clf, encoded.subset(test), y[test], out, match, attribution)
    metrics = {
        "fit_seconds": round(seconds, 1),
        "epochs": len(clf.history_["loss"]),
        "best_epoch": clf.best_epoch_ + 1,
        "test": json.loads(table.to_json(orient="index")),
    }
    write_text(out / "metrics.json", json.dumps(metrics, indent=2))
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

    from ._alphabet import Alphabet
    from ._cli_input import check_output_path
    from ._codec import encode
    from .datasets import load_pum2
    from .encoding import EncodedInput

    attribution = ["PUM2"] if args.attribution else None
    _check_attribution(attribution, "ACGU")
    check_output_path(args.out, folder=True)
    clf = _classifier({"kernel_len": 8, "alphabet": "ACGU", "epochs": args.epochs})
    X, y = load_pum2()
    labels = np.array(["background", "PUM2"])[y]
    print(
        "PUM2 CLIP-seq binding sites against sites of 24 other RNA-binding proteins, "
        "RNA sequences of 200 nt.",
        flush=True,
    )
    encoded = EncodedInput(encode(list(X), Alphabet("ACGU")), Alphabet("ACGU"))
    _train(clf, encoded, labels, 0.2, args.out, attribution=attribution)
    return 0


def _class_names(paths):
    """One class name per file: its name up to the first dot (numbered when two agree)."""
    import numpy as np

    names = np.array([Path(p).name.split(".")[0] for p in paths])
    if len(set(names)) != len(names):
        names = np.array([f"{i}_{n}" for i, n in enumerate(names)])
    return names


def _train_command(args):
    """Train on one FASTA file per class: every input checked before training."""
    from ._alphabet import resolve_alphabet
    from ._cli_input import check_files, check_output_path, read_class_files

    check_files(args.fasta)
    params = _parse_params(args.param)
    if args.alphabet:
        params["alphabet"] = tuple(args.alphabet.split(",")) if args.structure else args.alphabet
    elif args.structure:
        params["alphabet"] = ("ACGU", "EHIMS")
    if not 0 < args.test_fraction < 1:
        raise ValueError(f"--test-fraction must be between 0 and 1; got {args.test_fraction}.")
    if len(args.fasta) < 2:
        raise ValueError(
            f"train needs one FASTA file per class, at least two; got {len(args.fasta)}."
        )
    clf = _classifier(params)
    alphabet = resolve_alphabet(clf.alphabet)
    _check_match(args.match, alphabet)
    names = _class_names(args.fasta)
    _check_attribution(args.attribution, alphabet, names.tolist())
    check_output_path(args.out, folder=True)
    encoded, index = read_class_files(args.fasta, alphabet)
    _train(clf, encoded, names[index], args.test_fraction, args.out, args.match, args.attribution)
    return 0


def _predict(args):
    """Class probabilities for every sequence of a FASTA file, streamed in chunks;
    or, with ``--variants``, the effects of the variants listed. The whole file
    is checked first; a TSV file appears only when complete."""
    import csv

    from ._alphabet import Alphabet, JointAlphabet
    from ._cli_input import check_fasta, check_files, check_output_path
    from ._files import replaced_file
    from ._saving import load
    from .io import iter_fasta

    if args.target is not None and not args.variants:
        raise ValueError("--target names the class of --variants; give --variants too.")
    clf = load(args.model)
    check_files([args.fasta, *([args.variants] if args.variants else [])])
    if args.out != "-":
        check_output_path(args.out, folder=False)
    if args.average_strands:
        if not isinstance(clf.alphabet_, Alphabet):
            raise ValueError("--average-strands needs a model of DNA or RNA sequences.")
        clf.alphabet_.complement()  # a ValueError for other alphabets
        clf.set_params(average_strands=True)
    if args.variants:
        return _variants(clf, args)
    joint = isinstance(clf.alphabet_, JointAlphabet)
    _check_reads_fasta(clf, args.model)
    check_fasta(args.fasta, clf.alphabet_, clf.input_shape_[0])

    def write(out):
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

    if args.out == "-":
        write(sys.stdout)
    else:
        with replaced_file(args.out) as temporary, open(temporary, "w", newline="") as out:
            write(out)
    return 0


def _check_reads_fasta(clf, model):
    if clf.alphabet_ is None:
        raise ValueError(f"{model} was fit on numeric input; it cannot read FASTA files.")


def _class_of(clf, name, option):
    """The class of ``clf`` whose text is ``name``; ValueError naming the classes if none."""
    from ._labels import class_index

    return clf.classes_[class_index(clf.classes_, name, option)]


def _variants(clf, args):
    """Variant effects: variants from a TSV file (1-based positions) on the FASTA sequences."""
    from ._alphabet import Alphabet
    from ._cli_input import check_fasta, read_id_sequences, read_variants
    from ._files import replaced_file
    from .interpret._variants import _check_variants, variant_effects

    if not isinstance(clf.alphabet_, Alphabet):
        raise ValueError(
            f"{args.model} reads numeric input or sequence + structure pairs; --variants "
            "needs a model of one alphabet."
        )
    target = None if args.target is None else _class_of(clf, args.target, "--target")
    table = read_variants(args.variants)
    sequences = read_id_sequences(args.fasta)
    keys = list(sequences)
    _check_variants(
        table,
        keys,
        list(sequences.values()),
        clf.alphabet_,
        origin=1,
        where=lambda n: f"{args.variants}, line {table['line'].iloc[n]}",
    )
    check_fasta(args.fasta, clf.alphabet_, clf.input_shape_[0])
    zero_based = table.drop(columns="line").assign(position=table["position"] - 1)
    effects = variant_effects(clf, sequences, zero_based, target=target)
    effects["position"] += 1
    if args.out == "-":
        effects.to_csv(sys.stdout, sep="\t", index=False, float_format="%.6g")
    else:
        with replaced_file(args.out) as temporary:
            effects.to_csv(temporary, sep="\t", index=False, float_format="%.6g")
    return 0


def _report_command(args):
    """The performance and kernel report of a saved model on labelled FASTA files."""
    import numpy as np

    from ._cli_input import check_files, check_output_path, read_class_files
    from ._saving import load

    clf = load(args.model)
    check_files(args.fasta)
    _check_reads_fasta(clf, args.model)
    if len(args.fasta) != len(clf.classes_):
        raise ValueError(
            f"The model has {len(clf.classes_)} classes {clf.classes_.tolist()}; give one "
            "FASTA file per class, in that order."
        )
    _check_match(args.match, clf.alphabet_)
    _check_attribution(args.attribution, clf.alphabet_, [str(c) for c in clf.classes_])
    check_output_path(args.out, folder=True)
    encoded, index = read_class_files(args.fasta, clf.alphabet_, clf.input_shape_[0])
    out = _output_folder(args.out)
    y = np.asarray(clf.classes_)[index]
    table = _report(clf, encoded, y, out, args.match, args.attribution)
    print(table.to_string(float_format="%.3f"))
    print(f"\nReport: {_pages(out, args.attribution)}, {out / 'performance.txt'}")
    return 0


def build_parser():
    parser = argparse.ArgumentParser(
        prog="skmotif",
        description="Convolutional networks on biological sequences, read as motifs.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"skmotif {__version__}")
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
