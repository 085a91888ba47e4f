"""The ``skmotif`` command: demo, train, predict, report, scan (classifiers and regressors).

Only the standard library is imported at start-up, so ``skmotif --help``
answers at once; TensorFlow loads when a command trains or predicts.
"""

import argparse
import ast
import json
import sys
import time
from pathlib import Path

from ._cli_input import check_attribution, check_match

#: Sequences per chunk when predicting from a FASTA file.
CHUNK = 10000
ATTRIBUTION_HELP = (
    "also write the attribution report: TF-MoDISco patterns of DeepLIFT/SHAP contributions "
    "for the classes (or, with --targets, the outputs) named (default: all), in "
    "OUT/patterns/patterns.html; needs pip install 'skmotif[modisco]' and DNA or RNA sequences"
)
TARGETS_HELP = (
    "train a regressor instead: a tab-separated file whose header names the id column and "
    "one column per output, then one line per sequence (its FASTA id, then numbers; empty "
    "or NA for a missing value)"
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


#: The parameters of a trunk: ``train --from`` takes the parent's unless ``--param`` sets them.
_TRUNK = (
    "alphabet",
    "conv_num",
    "kernel_num",
    "kernel_len",
    "pool_size",
    "pool_stride",
    "first_activation",
    "residual_num",
    "residual_kernel_len",
    "residual_dilation",
    "residual_form",
)


def _from_parent(path, params):
    """``params`` with ``parent`` and the parent's trunk parameters (as fitted) where unset."""
    from ._cli_input import load_model

    parent = load_model(path, "train --from")
    fitted = {**parent.get_params(), **parent.resolved_params_}
    return {**{name: fitted[name] for name in _TRUNK}, **params, "parent": str(path)}


def _estimator(params, regression=False):
    """A ConvMotifClassifier (or Regressor) with the command's settings, its parameters
    checked (no training).

    Raises
    ------
    ValueError
        For a parameter it does not have (naming the closest ones) or an
        invalid value.
    """
    import difflib

    from . import ConvMotifClassifier, ConvMotifRegressor
    from ._progress import enabled as progress_enabled

    kind = ConvMotifRegressor if regression else ConvMotifClassifier
    estimator = kind(random_state=0, verbose=int(progress_enabled()))
    names = list(estimator.get_params())
    for name in params:
        if name not in names:
            close = difflib.get_close_matches(name, names, n=3)
            hint = f"; did you mean {' or '.join(close)}?" if close else "."
            raise ValueError(f"--param {name}: {kind.__name__} has no such parameter{hint}")
    estimator.set_params(**params)
    estimator.check_params()
    return estimator


def _report(clf, X_test, y_test, out, match=None, attribution=None, experiments=None):
    """Write the performance, kernel, (with ``attribution``) pattern and (with ``experiments``)
    experiments reports; return the table.

    ``attribution``: None for no pattern report, else the classes (or a
    regressor's outputs) to read (an empty list: all of them). ``experiments``:
    :func:`skmotif.report.experiments_report`'s requests, or None.
    """
    from .report import (
        experiments_report,
        performance_report,
        visualize_all_kernels,
        visualize_patterns,
    )

    table = performance_report(
        y_test, clf.scores(X_test), clf.output_names(), clf.head().task, folder=out
    )
    print("Drawing the first-layer kernels ...", flush=True)
    visualize_all_kernels(clf, X_test, y_test, out / "kernels", matches=match)
    if attribution is not None:
        units = [_class_of(clf, t, "--attribution") for t in attribution]
        print("TF-MoDISco patterns of DeepLIFT/SHAP contributions ...", flush=True)
        visualize_patterns(
            clf, X_test, y_test, out / "patterns", targets=units or None, matches=match
        )
    if experiments:
        print("Experiments ...", flush=True)
        experiments_report(clf, X_test, out / "experiments", database=match, **experiments)
    return table


def _train(
    clf, encoded, y, test_fraction, out, match=None, attribution=None, split=None, evaluate=None
):
    """Hold out a test part (stratified by class for a classifier), fit, save, report;
    ``out`` is created after the fit. ``split``: (train, validation, test) rows instead of
    a random ``test_fraction`` (validation rows then monitor the loss). ``evaluate(clf)``:
    (metrics, text) that the report adds, run after the fit and before the save."""
    import numpy as np
    from sklearn.model_selection import train_test_split

    if split is not None:
        return _fit_and_report(clf, encoded, y, *split, out, match, attribution, evaluate)
    n_test = int(np.ceil(test_fraction * len(y)))
    strata = _STRATA[clf.head_family](y, n_test, test_fraction)
    train, test = train_test_split(
        np.arange(len(y)), test_size=test_fraction, stratify=strata, random_state=0
    )
    return _fit_and_report(clf, encoded, y, train, [], test, out, match, attribution)


def _class_strata(y, n_test, test_fraction):
    """A classifier's test split is stratified by class: y, once every class can be in both
    parts."""
    import numpy as np

    classes, counts = np.unique(y, return_counts=True)
    if n_test < len(classes) or len(y) - n_test < len(classes) or counts.min() < 2:
        rarest = classes[np.argmin(counts)]
        raise ValueError(
            f"--test-fraction {test_fraction} of {len(y)} sequences cannot hold out every "
            f"class in both parts (class {rarest!r} has {counts.min()}); give more "
            "sequences or change --test-fraction."
        )
    return y


def _value_strata(y, n_test, test_fraction):
    """A regressor's test split is random (None), once both parts hold two sequences."""
    if len(y) - n_test < 2 or n_test < 2:
        raise ValueError(
            f"--test-fraction {test_fraction} of {len(y)} sequences leaves fewer than two "
            "sequences in a part; give more sequences or change --test-fraction."
        )
    return None


#: ``(y, n_test, test_fraction) -> strata`` of ``_train``'s test split (or ValueError), by
#: the family of the model's head (known before the fit).
_STRATA = {"classes": _class_strata, "values": _value_strata}

#: What the outputs of a head's ``units`` are called in messages.
_UNITS = {"class": "classes", "output": "outputs"}


def _fit_and_report(
    clf, encoded, y, train, validation, test, out, match, attribution, evaluate=None
):
    """Fit on the train rows (monitoring the validation rows, if any), save, report."""
    from ._files import write_text
    from ._saving import save

    held = f", {len(validation)} validation" if len(validation) else ""
    print(f"{len(train)} training{held} and {len(test)} test sequences; training ...", flush=True)
    rows = y.iloc if hasattr(y, "iloc") else y  # a regressor's y is a DataFrame of the outputs
    monitored = None
    if len(validation):
        monitored = (encoded.subset(validation), rows[validation])
    start = time.perf_counter()
    clf.fit(encoded.subset(train), rows[train], validation_data=monitored)
    seconds = time.perf_counter() - start
    extra, text = evaluate(clf) if evaluate else ({}, "")
    if clf.resolved_params_:
        chosen = ", ".join(f"{name}={value!r}" for name, value in clf.resolved_params_.items())
        text = f"\nFor input of {clf.input_shape_[0]} positions, 'auto' chose: {chosen}\n" + text
        extra = {"resolved_params": clf.resolved_params_, **extra}
    out = _output_folder(out)
    save(clf, out / "model")
    table = _report(clf, encoded.subset(test), rows[test], out, match, attribution)
    if text:
        with open(out / "performance.txt", "a") as file:
            file.write(text)
    metrics = {
        "fit_seconds": round(seconds, 1),
        "epochs": len(clf.history_["loss"]),
        "best_epoch": clf.best_epoch_ + 1,
        "test": json.loads(table.to_json(orient="index")),
        **extra,
    }
    write_text(out / "metrics.json", json.dumps(metrics, indent=2))
    print(table.to_string(float_format="%.3f") + text)
    print(
        f"\nTrained in {seconds:.0f} s ({metrics['epochs']} epochs). Report: "
        f"{_pages(out, attribution)}, {out / 'performance.txt'}; model: {out / 'model'}"
    )
    return table


def _pages(out, attribution, experiments=None):
    pages = [str(out / "kernels" / "summary.html")]
    if attribution is not None:
        pages.append(str(out / "patterns" / "patterns.html"))
    if experiments:
        pages.append(str(out / "experiments" / "experiments.html"))
    return ", ".join(pages)


def _experiments(model, args):
    """``report``'s experiment options as :func:`skmotif.report.experiments_report`'s requests,
    checked before any work; None when none is asked for."""
    from ._cli_experiments import _target
    from .report._experiments import check_requests

    requests = {
        "insert": args.insert,
        "spacing": [tuple(p) for p in args.spacing],
        "ablate": args.ablate,
        "mutagenesis": args.mutagenesis,
        "design": args.design,
    }
    if not any(requests.values()):
        return None
    target = _target(model, args.experiment_target)
    check_requests(model, **requests, target=target, database=args.match)
    return {**requests, "target": target, "random_state": 0}


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
    check_attribution(attribution, "ACGU")
    check_output_path(args.out, folder=True)
    clf = _estimator({"kernel_len": 8, "alphabet": "ACGU", "epochs": args.epochs})
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
    """Train on one FASTA file per class, or (``--targets``) a regressor on the values of a
    TSV file: every input checked before training."""
    from ._alphabet import resolve_alphabet
    from ._cli_input import check_files, check_output_path, read_class_files

    check_files([*args.fasta, *([args.targets] if args.targets else [])])
    params = _parse_params(args.param)
    if args.from_model:
        params = _from_parent(args.from_model, params)
    if args.alphabet:
        params["alphabet"] = tuple(args.alphabet.split(",")) if args.structure else args.alphabet
    elif args.structure:
        params["alphabet"] = ("ACGU", "EHIMS")
    if not 0 < args.test_fraction < 1:
        raise ValueError(f"--test-fraction must be between 0 and 1; got {args.test_fraction}.")
    if args.bed or args.genome:
        if not (args.bed and args.genome):
            raise ValueError("--bed and --genome go together: the regions and their genome.")
        from ._cli_genome import train_from_genome

        train_from_genome(args, params, _estimator, _train)
        return 0
    if args.targets:
        return _train_regressor(args, params)
    if len(args.fasta) < 2:
        raise ValueError(
            f"train needs one FASTA file per class, at least two; got {len(args.fasta)} (or "
            "--targets TSV for a regressor, or --bed with --genome)."
        )
    clf = _estimator(params)
    alphabet = resolve_alphabet(clf.alphabet)
    check_match(args.match, alphabet)
    names = _class_names(args.fasta)
    check_attribution(args.attribution, alphabet, names.tolist())
    check_output_path(args.out, folder=True)
    encoded, index = read_class_files(args.fasta, alphabet)
    _train(clf, encoded, names[index], args.test_fraction, args.out, args.match, args.attribution)
    return 0


def _train_regressor(args, params):
    """``train --targets``: a regressor on the FASTA records and their values, matched by id."""
    import pandas as pd

    from ._alphabet import resolve_alphabet
    from ._cli_input import check_output_path, read_target_files, read_targets

    reg = _estimator(params, regression=True)
    alphabet = resolve_alphabet(reg.alphabet)
    check_match(args.match, alphabet)
    names = read_targets(args.targets)[2]
    check_attribution(args.attribution, alphabet, names, "outputs")
    check_output_path(args.out, folder=True)
    encoded, values, names, unused = read_target_files(args.fasta, args.targets, alphabet)
    try:  # the values' checks, before training and on all of them
        reg.check_targets(values, len(values))
    except ValueError as error:
        raise ValueError(
            f"{args.targets}: {error} (Rows count the FASTA records from 0.)"
        ) from None
    if unused:
        lines = "1 line names" if unused == 1 else f"{unused} lines name"
        print(f"{args.targets}: {lines} no sequence of the FASTA files; not used.")
    y = pd.DataFrame(values, columns=names)
    _train(reg, encoded, y, args.test_fraction, args.out, args.match, args.attribution)
    return 0


def _predict(args):
    """Class probabilities (a regressor: one value per output) for every sequence of a FASTA
    file, streamed in chunks; or, with ``--variants``, the effects of the variants listed. The
    whole file is checked first; a TSV file appears only when complete."""
    from ._alphabet import Alphabet
    from ._cli_input import check_fasta, check_files, check_output_path, load_model
    from ._files import replaced_file

    if args.target is not None and not (args.variants or args.vcf):
        raise ValueError(
            "--target names the class (or output) of --variants or --vcf; give one of them."
        )
    if (args.fasta is None) == (args.vcf is None):
        raise ValueError("Give one of a FASTA file of sequences, or --vcf with --genome.")
    clf = load_model(args.model, "predict")
    if args.out != "-":
        check_output_path(args.out, folder=False)
    if args.vcf:
        from ._cli_genome import vcf_command

        return vcf_command(clf, args)
    check_files([args.fasta, *([args.variants] if args.variants else [])])
    if args.average_strands:
        if not isinstance(clf.alphabet_, Alphabet):
            raise ValueError("--average-strands needs a model of DNA or RNA sequences.")
        clf.alphabet_.complement()  # a ValueError for other alphabets
        clf.set_params(average_strands=True)
    if args.variants:
        return _variants(clf, args)
    _check_reads_fasta(clf, args.model)
    check_fasta(args.fasta, clf.alphabet_, clf.input_shape_[0])
    if args.out == "-":
        _write_predictions(clf, args.fasta, sys.stdout)
    else:
        with replaced_file(args.out) as temporary, open(temporary, "w", newline="") as out:
            _write_predictions(clf, args.fasta, out)
    return 0


def _write_predictions(clf, fasta, out):
    """One TSV row per record of ``fasta`` (id, then one column per class or output), in
    chunks of CHUNK sequences."""
    import csv

    from ._alphabet import JointAlphabet
    from .io import _iter_fasta

    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(["id", *clf.output_labels()])
    ids, batch = [], []

    def flush():
        for name, row in zip(ids, clf.scores(batch), strict=True):
            writer.writerow([name, *(f"{p:.6g}" for p in row)])
        ids.clear()
        batch.clear()

    for header, record in _iter_fasta(fasta, structure=isinstance(clf.alphabet_, JointAlphabet)):
        ids.append(header.split()[0] if header else header)
        batch.append(record)
        if len(batch) == CHUNK:
            flush()
    if batch:
        flush()


def _check_reads_fasta(clf, model):
    if clf.alphabet_ is None:
        raise ValueError(f"{model} was fit on numeric input; it cannot read FASTA files.")


def _class_of(clf, name, option):
    """The class (or a regressor's output) of ``clf`` whose text is ``name``; ValueError
    naming them if none."""
    return clf.output_names()[clf.output_index(name, option)]


def _variants(clf, args):
    """Variant effects: variants from a TSV file (1-based positions) on the FASTA sequences."""
    from ._alphabet import Alphabet
    from ._cli_input import check_fasta, read_id_sequences, read_variants
    from ._files import write_table
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
    write_table(effects, args.out, float_format="%.6g")
    return 0


def _report_command(args):
    """The performance and kernel report of a saved model on labelled FASTA files (or, for a
    regressor, FASTA files and their values)."""
    from ._cli_input import check_files, load_model

    clf = load_model(args.model, "report")
    check_files([*args.fasta, *([args.targets] if args.targets else [])])
    _check_reads_fasta(clf, args.model)
    if args.bed or args.genome:
        return _report_genome(clf, args)
    return _REPORTS[clf.head().family](clf, args)


def _report_classifier(clf, args):
    """``report`` of a classifier: one FASTA file per class, in the order of its classes."""
    import numpy as np

    from ._cli_input import check_output_path, read_class_files

    if args.targets:
        raise ValueError(
            f"{args.model} is a classifier; --targets is for regressors. Give one FASTA file "
            "per class instead."
        )
    if len(args.fasta) != len(clf.classes_):
        raise ValueError(
            f"The model has {len(clf.classes_)} classes {clf.classes_.tolist()}; give one "
            "FASTA file per class, in that order."
        )
    check_match(args.match, clf.alphabet_)
    check_attribution(args.attribution, clf.alphabet_, clf.output_labels())
    experiments = _experiments(clf, args)
    check_output_path(args.out, folder=True)
    encoded, index = read_class_files(args.fasta, clf.alphabet_, clf.input_shape_[0])
    out = _output_folder(args.out)
    y = np.asarray(clf.classes_)[index]
    table = _report(clf, encoded, y, out, args.match, args.attribution, experiments)
    print(table.to_string(float_format="%.3f"))
    print(f"\nReport: {_pages(out, args.attribution, experiments)}, {out / 'performance.txt'}")
    return 0


def _report_genome(model, args):
    """``report --bed --genome``: the reports on regions of a genome (and their signal)."""
    from ._cli_genome import report_from_genome
    from ._cli_input import check_output_path

    if not (args.bed and args.genome):
        raise ValueError("--bed and --genome go together: the regions and their genome.")
    check_match(args.match, model.alphabet_)
    kind = _UNITS[model.head().units]
    check_attribution(args.attribution, model.alphabet_, model.output_labels(), kind)
    experiments = _experiments(model, args)
    check_output_path(args.out, folder=True)
    args.width = args.width or model.input_shape_[0]

    def write(model, encoded, y, text):
        out = _output_folder(args.out)
        table = _report(model, encoded, y, out, args.match, args.attribution, experiments)
        with open(out / "performance.txt", "a") as file:
            file.write(text)
        print(table.to_string(float_format="%.3f") + text)
        pages = _pages(out, args.attribution, experiments)
        print(f"\nReport: {pages}, {out / 'performance.txt'}")
        return 0

    return report_from_genome(model, args, write)


def _genome_options(sub, width):
    """The options that read regions of a genome: ``train`` and ``report`` share them."""
    genome = sub.add_argument_group(
        "from a genome (pip install 'skmotif[genome]')",
        "regions of a BED file cut from a genome FASTA: peaks against backgrounds (a "
        "classifier), or with --bigwig the signal over them (a regressor)",
    )
    genome.add_argument("--bed", help="regions (BED, narrowPeak summits used)")
    genome.add_argument("--genome", help="the genome FASTA (plain or bgzip)")
    shown = width or "the model's input length"
    genome.add_argument("--width", type=int, default=width, help=f"region width ({shown})")
    genome.add_argument(
        "--background",
        choices=["gc", "flank", "shuffle"],
        help="negatives: GC-matched genomic regions (the classifier's default), flanks, or "
        "dinucleotide shuffles",
    )
    genome.add_argument("--blacklist", help="regions no background may overlap (BED)")
    genome.add_argument("--bigwig", help="signal track: a regressor's target")
    genome.add_argument(
        "--stat",
        choices=["mean", "sum", "max"],
        default="mean",
        help="signal over each region (mean)",
    )
    genome.add_argument("--log1p", action="store_true", help="log(1 + signal) as the target")
    return genome


def _report_regressor(reg, args):
    """``report`` of a regressor: FASTA files and their values from ``--targets``."""
    import pandas as pd

    from ._cli_input import check_output_path, read_target_files

    if not args.targets:
        raise ValueError(
            f"{args.model} is a regressor; give the measured values with --targets TSV."
        )
    check_match(args.match, reg.alphabet_)
    names = reg.output_labels()
    check_attribution(args.attribution, reg.alphabet_, names, "outputs")
    experiments = _experiments(reg, args)
    check_output_path(args.out, folder=True)
    encoded, values, columns, _ = read_target_files(
        args.fasta, args.targets, reg.alphabet_, reg.input_shape_[0]
    )
    if len(columns) != reg.n_outputs_:
        raise ValueError(
            f"{args.targets}: has {len(columns)} output columns {columns}, but the model has "
            f"{reg.n_outputs_} outputs {names}; give one column per output, in that order."
        )
    out = _output_folder(args.out)
    y = pd.DataFrame(values, columns=columns) if reg.multioutput_ else values[:, 0]
    table = _report(reg, encoded, y, out, args.match, args.attribution, experiments)
    print(table.to_string(float_format="%.3f"))
    print(f"\nReport: {_pages(out, args.attribution, experiments)}, {out / 'performance.txt'}")
    return 0


#: The ``report`` of FASTA files, by the family of the saved model's head.
_REPORTS = {"classes": _report_classifier, "values": _report_regressor}


def _scan(args):
    """``scan``: see :func:`skmotif._cli_genome.scan_command`."""
    from ._cli_genome import scan_command

    return scan_command(args)


def build_parser():
    parser = argparse.ArgumentParser(
        prog="skmotif",
        description="Convolutional networks on biological sequences, read as motifs.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"skmotif {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    from ._cli_experiments import add_parsers

    for add in (_demo_parser, _train_parser, _predict_parser, _scan_parser, _report_parser):
        add(commands)
    add_parsers(commands)
    for sub in commands.choices.values():
        sub.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            help="no progress lines (results and errors only)",
        )
    return parser


def _demo_parser(commands):
    """Add the ``demo`` command."""
    sub = commands.add_parser("demo", help="train and report on the bundled PUM2 RNA data")
    sub.add_argument("--out", default="skmotif-demo", help="output folder (./skmotif-demo)")
    sub.add_argument("--epochs", type=int, default=60, help="most epochs (default 60)")
    sub.add_argument(
        "--attribution",
        action="store_true",
        help="also write TF-MoDISco patterns of the PUM2 class (pip install 'skmotif[modisco]')",
    )
    sub.set_defaults(run=_demo)


def _train_parser(commands):
    """Add the ``train`` command."""
    sub = commands.add_parser(
        "train", help="train on one FASTA file per class, or a regressor with --targets"
    )
    sub.add_argument(
        "fasta",
        nargs="*",
        help="one FASTA file per class (plain or gzip); with --targets, the sequences",
    )
    sub.add_argument("--targets", metavar="TSV", help=TARGETS_HELP)
    genome = _genome_options(sub, width=200)
    genome.add_argument("--test-chroms", nargs="+", metavar="CHROM", help="test chromosomes")
    genome.add_argument(
        "--jitter",
        type=int,
        metavar="N",
        help="train on random crops: regions are cut N positions wider on each side and "
        "every epoch reads each at a random window of --width, so that the model finds "
        "sites off the centre, as a scan meets them (default: the scan step, at most a "
        "quarter of --width; 0 for none)",
    )
    genome.add_argument(
        "--scan-step",
        type=int,
        default=50,
        metavar="N",
        help="the scan step the model is for: sets the default --jitter, and the report "
        "scores held-out regions moved by N/2 and N, and a scan at step N (50)",
    )
    genome.add_argument(
        "--val-chroms",
        nargs="+",
        default=[],
        metavar="CHROM",
        help="validation chromosomes (default: a random validation_fraction of training)",
    )
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
    sub.add_argument(
        "--from",
        dest="from_model",
        metavar="MODEL",
        help="fine-tune: start from this saved model's trunk (and take its trunk parameters)",
    )
    sub.add_argument("--match", metavar="DATABASE", help=MATCH_HELP)
    sub.add_argument("--attribution", nargs="*", metavar="CLASS", help=ATTRIBUTION_HELP)
    sub.set_defaults(run=_train_command)


def _predict_parser(commands):
    """Add the ``predict`` command."""
    sub = commands.add_parser(
        "predict", help="class probabilities (a regressor: values) for a FASTA file"
    )
    sub.add_argument("model", help="a model folder written by train or demo")
    sub.add_argument("fasta", nargs="?", help="sequences (plain or gzip FASTA)")
    sub.add_argument("--out", default="-", help="TSV file (default: standard output)")
    sub.add_argument(
        "--vcf",
        help="score the variants of a VCF file instead (substitutions and short indels, each "
        "in a window centred on it); needs --genome",
    )
    sub.add_argument("--genome", help="the genome FASTA of --vcf")
    sub.add_argument(
        "--variants",
        metavar="TSV",
        help="score variants instead: a TSV file with columns sequence (FASTA id), position "
        "(1-based), ref, alt; writes their reference and alternative probabilities and the "
        "logit difference",
    )
    sub.add_argument(
        "--target",
        metavar="CLASS",
        help="the class (a regressor: the output) --variants reports (default: the last class, "
        "or the only output)",
    )
    sub.add_argument(
        "--average-strands",
        action="store_true",
        help="average each sequence's and its reverse complement's prediction (DNA/RNA)",
    )
    sub.set_defaults(run=_predict)


def _scan_parser(commands):
    """Add the ``scan`` command."""
    sub = commands.add_parser("scan", help="a model's predictions along a genome, as a track")
    sub.add_argument("model", help="a model folder written by train")
    sub.add_argument("genome", help="the genome FASTA (plain or bgzip)")
    sub.add_argument("--out", required=True, help="track: .bw (bigWig) or .bedGraph")
    sub.add_argument("--regions", help="scan only these regions (BED)")
    sub.add_argument("--step", type=int, default=50, help="positions between windows (50)")
    sub.add_argument("--target", help="the class (a regressor: the output) to write")
    sub.add_argument("--n-jobs", type=int, help="chromosomes scanned at once")
    sub.set_defaults(run=_scan)


def _report_parser(commands):
    """Add the ``report`` command."""
    sub = commands.add_parser("report", help="performance and kernel report of a saved model")
    sub.add_argument("model", help="a model folder written by train or demo")
    sub.add_argument(
        "fasta",
        nargs="*",
        help="one FASTA file per class, in the model's order (a regressor: the sequences)",
    )
    sub.add_argument(
        "--targets",
        metavar="TSV",
        help="a regressor's measured values, as for train --targets",
    )
    _genome_options(sub, width=None)
    sub.add_argument("--out", required=True, help="output folder")
    sub.add_argument("--match", metavar="DATABASE", help=MATCH_HELP)
    sub.add_argument("--attribution", nargs="*", metavar="CLASS", help=ATTRIBUTION_HELP)
    _experiment_options(sub)
    sub.set_defaults(run=_report_command)


def _experiment_options(sub):
    """``report``'s options that add ``experiments/experiments.html``."""
    group = sub.add_argument_group(
        "experiments (experiments/experiments.html; motifs: strings, IUPAC or JASPAR IDs)",
        "run on the report's sequences, as skmotif insert, spacing, ablate and design do",
    )
    group.add_argument("--insert", nargs="+", default=[], metavar="MOTIF", help="insert each")
    group.add_argument(
        "--spacing",
        nargs=2,
        action="append",
        default=[],
        metavar=("FIRST", "SECOND"),
        help="a pair's spacing curves (repeat for more pairs)",
    )
    group.add_argument("--ablate", nargs="+", default=[], metavar="MOTIF", help="ablate each")
    group.add_argument(
        "--mutagenesis", type=int, default=0, metavar="N", help="maps of the N top sequences"
    )
    group.add_argument(
        "--design", type=int, default=0, metavar="N", help="N designs (named with --match)"
    )
    group.add_argument(
        "--experiment-target",
        metavar="CLASS",
        help="the class or output the experiments read (default: the last class)",
    )


def main(argv=None):
    """Entry point of the ``skmotif`` console script."""
    import warnings

    from ._progress import progress_shown

    args = build_parser().parse_args(argv)

    def show(message, category, *_, **__):  # a line for the user, not a source line
        print(f"skmotif {args.command}: warning: {message}", file=sys.stderr, flush=True)

    with warnings.catch_warnings(), progress_shown(not args.quiet):
        warnings.showwarning = show
        try:
            return args.run(args)
        except (ValueError, TypeError, OSError, ImportError) as err:
            print(f"skmotif {args.command}: error: {err}", file=sys.stderr)
            return 1


if __name__ == "__main__":
    sys.exit(main())
