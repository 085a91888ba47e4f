"""The command line's genome side: train from BED + genome, scan a genome, score a VCF.

Imported only by the commands that use it (``train --bed``, ``scan``, ``predict --vcf``), so
``skmotif --help`` loads neither pyfaidx nor pyBigWig.
"""

from pathlib import Path

import numpy as np

from .genome import ChromosomeSplit


def genome_data(args, alphabet, labels=None, split=None, flank=0, own_chromosomes=False):
    """The sequences, targets and regions of ``--bed`` on ``--genome``: peaks (and
    ``--background`` regions), labelled, or with ``--bigwig`` their signal.

    Parameters
    ----------
    args : argparse.Namespace
    alphabet : Alphabet
    labels : (str, str), optional
        The classes of peaks and backgrounds; default the BED file's name and
        ``"background"``. Not used with ``--bigwig``.
    split : ChromosomeSplit, optional
        Its chromosome names are checked against the peaks before the
        backgrounds are drawn.
    flank : int, default=0
        Positions cut beyond ``args.width`` on each side (for random crops).
    own_chromosomes : bool, default=False
        Draw GC-matched backgrounds from the peaks' chromosomes only (a
        report on held-out chromosomes stays on them).

    Returns
    -------
    encoded : EncodedInput
    y : ndarray of str, or pandas.DataFrame of one column (the bigWig's name)
    table : pandas.DataFrame
        The regions of the rows, peaks first.
    """
    import pandas as pd

    from ._codec import encode
    from .encoding import EncodedInput
    from .genome import Genome, background_regions, bigwig_targets, extract, gc_match

    regression = args.bigwig is not None
    genome = Genome(args.genome)
    positives, regions = extract(genome, args.bed, width=args.width, flank=flank)
    if split is not None:  # the names checked before any more work
        split.split3(groups=regions.chrom)
    kind = args.background or (None if regression else "gc")
    X, table = positives, regions
    if kind is not None:
        negatives, background = background_regions(
            genome,
            args.bed,
            kind=kind,
            width=args.width + 2 * flank,
            blacklist=args.blacklist,
            random_state=0,
            chromosomes=sorted(set(regions.chrom)) if own_chromosomes else None,
        )
        print(
            f"{len(negatives)} {kind} background regions; GC content against the peaks: "
            f"Kolmogorov-Smirnov statistic {gc_match(positives, negatives):.3f}",
            flush=True,
        )
        X = np.concatenate([positives, negatives])
        table = pd.concat([regions, background], ignore_index=True)
    names = _units(args)[0]
    if regression:
        y = pd.DataFrame(
            {names[0]: bigwig_targets(args.bigwig, table, stat=args.stat, log1p=args.log1p)}
        )
    else:
        y = np.repeat(list(labels or names), [len(positives), len(X) - len(positives)])
    return EncodedInput(encode(list(X), alphabet), alphabet), y, table


def _units(args):
    """The classes ``train --bed`` fits (the BED file's name and ``"background"``), or with
    ``--bigwig`` its one output (the bigWig's name), and which of the two they are."""
    if args.bigwig is not None:
        return [Path(args.bigwig).name.split(".")[0]], "outputs"
    return [Path(args.bed).name.split(".")[0], "background"], "classes"


def _genome_params(args, params, n_regions):
    """The genome path's defaults (:func:`genome_params`) under the user's ``--param``
    values; ``--jitter`` sets ``random_crop``."""
    from .genome import genome_params

    if "random_crop" in params:
        raise ValueError(
            "Give the random crops of the genome path with --jitter N (positions each way), "
            "not --param random_crop."
        )
    conv_num = params.get("conv_num", 2)
    defaults = genome_params(n_regions, args.width, args.scan_step, max(conv_num, 1))
    if args.jitter is not None:
        if not 0 <= args.jitter < args.width // 2:
            raise ValueError(
                f"--jitter {args.jitter}: give 0 to {args.width // 2 - 1} positions (half of "
                f"--width {args.width} at most, so that the region's centre stays in view)."
            )
        defaults["random_crop"] = args.jitter
    return {**defaults, **params}


def _check_genome_args(args, alphabet):
    from ._alphabet import Alphabet
    from ._cli_input import check_files

    check_files([args.bed, args.genome, *[p for p in (args.bigwig, args.blacklist) if p]])
    if args.fasta:
        raise ValueError("Give FASTA files or --bed with --genome, not both.")
    if not isinstance(alphabet, Alphabet) or alphabet.symbols.upper() != "ACGT":
        raise ValueError("--bed reads DNA from the genome; the model's alphabet must be ACGT.")


def train_from_genome(args, params, estimator, train):
    """``train --bed --genome``: peaks against backgrounds (a classifier), or with
    ``--bigwig`` a regressor of the signal over the regions; chromosome split.

    Parameters
    ----------
    args : argparse.Namespace
    params : dict
        ``--param`` values.
    estimator : callable
        ``estimator(params, regression)``: the checked, unfitted estimator.
    train : callable
        The command's ``_train(estimator, encoded, y, test_fraction, out, match,
        attribution, split)``.
    """
    from ._alphabet import resolve_alphabet
    from ._cli_input import check_attribution, check_match, check_output_path
    from ._files import write_table
    from .genome._provenance import warn_if_shift_sensitive

    if not args.test_chroms:
        raise ValueError(
            "--bed needs --test-chroms (e.g. --test-chroms chr8 chr9): a split by whole "
            "chromosomes keeps neighbouring sequence out of the test set."
        )
    regression = args.bigwig is not None
    checked = estimator(_genome_params(args, params, 0), regression)  # before any reading
    alphabet = resolve_alphabet(checked.alphabet)
    _check_genome_args(args, alphabet)
    check_match(args.match, alphabet)
    check_attribution(args.attribution, alphabet, *_units(args))
    check_output_path(args.out, folder=True)
    chromosomes = ChromosomeSplit(test=args.test_chroms, validation=args.val_chroms)
    flank = checked.random_crop
    encoded, y, table = genome_data(args, alphabet, split=chromosomes, flank=flank)
    split = chromosomes.split3(groups=table.chrom)
    model = estimator(_genome_params(args, params, len(split[0])), regression)
    print(f"The network: {_describe(model)}.", flush=True)
    evaluate = _evaluation(args, table, y, split)
    result = train(
        model, encoded, y, None, args.out, args.match, args.attribution, split, evaluate
    )
    part = np.full(len(table), "train", dtype=object)
    part[split[1]], part[split[2]] = "validation", "test"
    regions_table = table.assign(part=part).drop(columns=["line"], errors="ignore")
    write_table(regions_table, Path(args.out) / "regions.tsv")
    warn_if_shift_sensitive(model)
    return result


def _evaluation(args, table, y, split):
    """What ``train --bed`` adds to its report: a function of the fitted model that records
    its genome (``genome_``) and returns (metrics, text) on the held-out chromosomes."""

    def evaluate(model):
        import warnings

        from .genome import Genome, ShiftWarning, read_bed, record_genome, track_at_peaks

        genome = Genome(args.genome)
        target = _units(args)[0][0]  # the peaks' class (they come first), or the one output
        print("Scores of held-out regions moved off-centre, and of a scan ...", flush=True)
        with warnings.catch_warnings():  # train warns once, at its end
            warnings.simplefilter("ignore", ShiftWarning)
            record_genome(model, genome, table, y, split, args.scan_step, target)
        shift = {int(offset): score for offset, score in model.genome_["shift"].items()}
        tested = sorted(set(table.chrom.iloc[split[2]]))
        track = track_at_peaks(model, genome, read_bed(args.bed), tested, args.scan_step, target)
        metric = model.genome_["metric"]
        metrics = {
            "chromosomes": model.genome_["chromosomes"],
            f"shift_{metric.replace(' ', '_')}": {str(k): round(v, 4) for k, v in shift.items()},
            "track_at_held_out_peaks": {k: round(v, 4) for k, v in track.items()},
        }
        return metrics, _evaluation_text(model.genome_, shift, track, metric)

    return evaluate


PARTS = ("train", "validation", "test")


def _evaluation_text(origin, shift, track, metric):
    """The lines ``performance.txt`` adds for a model trained from a genome."""
    named = {p: ", ".join(names) for p, names in origin["chromosomes"].items()}
    named["validation"] = named["validation"] or "a random share of the training regions"
    lines = [
        "",
        "Chromosomes: "
        + "; ".join(f"{p} {named[p]}" for p in PARTS)
        + " (the figures above are of the test chromosomes)",
        f"Held-out {metric} of regions moved off-centre (scan step {origin['step']}):",
        "  " + "  ".join(f"{k:+d}: {v:.3f}" for k, v in shift.items()),
        _track_line(track, "the test chromosomes").rstrip("\n"),
    ]
    return "\n".join(lines) + "\n"


def _track_line(track, where):
    """The report's line on what a scan gives at the peaks."""
    return (
        f"A scan of {where} at step {track['step']}: auROC {track['auroc']:.3f}, auPRC "
        f"{track['auprc']:.3f} at {track['peaks']} peaks against {track['background']} "
        "positions at least one window away from any peak\n"
    )


def _describe(model):
    """One line on the network the genome path trains."""

    spec = model.check_params()
    layers = ", then ".join(
        f"{n} kernels of {k}" for n, k in zip(spec["kernel_num"], spec["kernel_len"], strict=True)
    )
    last = spec["pool_size"][-1] if spec["conv_num"] else None
    pooled = "over all positions" if last == "global" else "locally"
    strands = "both strands" if model.average_strands else "one strand"
    return (
        f"{spec['conv_num']} convolution(s) ({layers}), the last max-pooled {pooled}; random "
        f"crops of up to {model.random_crop} positions each way (--jitter); {strands}"
    )


def report_from_genome(model, args, report):
    """``report --bed --genome``: a saved model's reports on the regions of a genome.

    A classifier's peaks take its class that is not ``background`` (or its
    last class) and the backgrounds its other class; a regressor's targets
    come from ``--bigwig``.
    """
    from .genome import Genome, read_bed, track_at_peaks
    from .genome._provenance import warn_if_seen

    _check_genome_args(args, model.alphabet_)
    labels = _GENOME_LABELS[model.head().family](model, args)
    encoded, y, table = genome_data(args, model.alphabet_, labels, own_chromosomes=True)
    genome = Genome(args.genome)
    warn_if_seen(model, table.chrom, "regions", genome)
    chromosomes = sorted(set(table.chrom))
    text = f"\nChromosomes of these regions: {', '.join(chromosomes)}\n"
    if labels is not None:  # a scan is scored at the peaks of a class
        step = (getattr(model, "genome_", None) or {}).get("step", 50)  # as trained for
        peaks = read_bed(args.bed)
        track = track_at_peaks(model, genome, peaks, chromosomes, step, target=labels[0])
        text += _track_line(track, "these chromosomes")
    return report(model, encoded, y, text)


#: ``report --bed``'s message for a model and data of different kinds.
_KIND_MISMATCH = (
    "A regressor reports on --bigwig signal, a classifier on peaks against backgrounds "
    "(without --bigwig)."
)


def _peak_classes(model, args):
    """A classifier's (peaks, backgrounds) classes: its class that is not ``background``
    (or its last class), and its other class."""
    if args.bigwig is not None:
        raise ValueError(_KIND_MISMATCH)
    classes = list(model.output_names())
    if len(classes) != 2:
        raise ValueError(f"--bed reports on two classes; the model has {classes}.")
    peaks = next((c for c in classes if str(c) != "background"), classes[-1])
    return peaks, next(c for c in classes if c is not peaks)


def _signal(model, args):
    """A regressor reports on ``--bigwig``'s signal: no classes (None)."""
    if args.bigwig is None:
        raise ValueError(_KIND_MISMATCH)


#: ``(model, args) -> labels`` for ``genome_data`` (None: ``--bigwig``'s signal), or
#: ValueError when the data are not of the model's kind; by the family of its head.
_GENOME_LABELS = {"classes": _peak_classes, "values": _signal}


def scan_command(args):
    """``scan``: a saved model's predictions along a genome (or regions), as a track."""
    from ._cli_input import check_files, check_output_path, load_model
    from .genome import scan

    check_files([args.genome, *([args.regions] if args.regions else [])])
    check_output_path(args.out, folder=False)
    model = load_model(args.model, "scan")
    model.output_index(args.target, "--target")  # a class or output of the model
    path = scan(
        model,
        args.genome,
        args.out,
        regions=args.regions,
        step=args.step,
        target=args.target,
        n_jobs=args.n_jobs,
    )
    print(f"Track: {path}")
    return 0


def vcf_command(model, args):
    """``predict --vcf --genome``: the effects of a VCF file's variants, as a TSV table."""
    from ._cli_input import check_files
    from ._files import write_table
    from .genome import vcf_effects

    if not args.genome:
        raise ValueError("--vcf needs --genome, the genome the variants are on.")
    check_files([args.vcf, args.genome])
    model.output_index(args.target, "--target")  # a class or output of the model
    effects = vcf_effects(model, args.genome, args.vcf, target=args.target)
    write_table(effects, args.out, float_format="%.6g")
    return 0
