"""The command line's genome side: train from BED + genome, scan a genome, score a VCF.

Imported only by the commands that use it (``train --bed``, ``scan``, ``predict --vcf``), so
``skmotif --help`` loads neither pyfaidx nor pyBigWig.
"""

from pathlib import Path

import numpy as np

from .genome import ChromosomeSplit


def genome_data(args, alphabet, labels=None, split=None):
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
    positives, regions = extract(
        genome, args.bed, width=args.width, jitter=args.jitter, random_state=0
    )
    if split is not None:  # the names checked before any more work
        split.split3(groups=regions.chrom)
    kind = args.background or (None if regression else "gc")
    X, table = positives, regions
    if kind is not None:
        negatives, background = background_regions(
            genome,
            args.bed,
            kind=kind,
            width=args.width,
            blacklist=args.blacklist,
            random_state=0,
        )
        print(
            f"{len(negatives)} {kind} background regions; GC content against the peaks: "
            f"Kolmogorov-Smirnov statistic {gc_match(positives, negatives):.3f}",
            flush=True,
        )
        X = np.concatenate([positives, negatives])
        table = pd.concat([regions, background], ignore_index=True)
    if regression:
        name = Path(args.bigwig).name.split(".")[0]
        y = pd.DataFrame(
            {name: bigwig_targets(args.bigwig, table, stat=args.stat, log1p=args.log1p)}
        )
    else:
        labels = labels or (Path(args.bed).name.split(".")[0], "background")
        y = np.repeat(list(labels), [len(positives), len(X) - len(positives)])
    return EncodedInput(encode(list(X), alphabet), alphabet), y, table


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
    from ._cli_input import check_output_path
    from ._files import write_table

    if not args.test_chroms:
        raise ValueError(
            "--bed needs --test-chroms (e.g. --test-chroms chr8 chr9): a split by whole "
            "chromosomes keeps neighbouring sequence out of the test set."
        )
    model = estimator(params, args.bigwig is not None)
    alphabet = resolve_alphabet(model.alphabet)
    _check_genome_args(args, alphabet)
    check_output_path(args.out, folder=True)
    chromosomes = ChromosomeSplit(test=args.test_chroms, validation=args.val_chroms)
    encoded, y, table = genome_data(args, alphabet, split=chromosomes)
    split = chromosomes.split3(groups=table.chrom)
    result = train(model, encoded, y, None, args.out, args.match, args.attribution, split)
    part = np.full(len(table), "train", dtype=object)
    part[split[1]], part[split[2]] = "validation", "test"
    regions_table = table.assign(part=part).drop(columns=["line"], errors="ignore")
    write_table(regions_table, Path(args.out) / "regions.tsv")
    return result


def report_from_genome(model, args, report):
    """``report --bed --genome``: a saved model's reports on the regions of a genome.

    A classifier's peaks take its class that is not ``background`` (or its
    last class) and the backgrounds its other class; a regressor's targets
    come from ``--bigwig``.
    """
    from sklearn.base import is_regressor

    _check_genome_args(args, model.alphabet_)
    if is_regressor(model) != (args.bigwig is not None):
        raise ValueError(
            "A regressor reports on --bigwig signal, a classifier on peaks against backgrounds "
            "(without --bigwig)."
        )
    labels = None
    if not is_regressor(model):
        classes = list(model.classes_)
        if len(classes) != 2:
            raise ValueError(f"--bed reports on two classes; the model has {classes}.")
        peaks = next((c for c in classes if str(c) != "background"), classes[-1])
        labels = (peaks, next(c for c in classes if c is not peaks))
    encoded, y, _ = genome_data(args, model.alphabet_, labels)
    return report(model, encoded, y)


def scan_command(args):
    """``scan``: a saved model's predictions along a genome (or regions), as a track."""
    from ._cli_input import check_files, check_output_path
    from ._saving import load
    from .genome import scan

    check_files([args.genome, *([args.regions] if args.regions else [])])
    check_output_path(args.out, folder=False)
    model = load(args.model)
    model._output_index(args.target, "--target")  # a class or output of the model
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
    model._output_index(args.target, "--target")  # a class or output of the model
    effects = vcf_effects(model, args.genome, args.vcf, target=args.target)
    write_table(effects, args.out, float_format="%.6g")
    return 0
