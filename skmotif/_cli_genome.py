"""The command line's genome side: train from BED + genome, scan a genome, score a VCF.

Imported only by the commands that use it (``train --bed``, ``scan``, ``predict --vcf``), so
``skmotif --help`` loads neither pyfaidx nor pyBigWig.
"""

from pathlib import Path

import numpy as np


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
    import pandas as pd

    from ._alphabet import Alphabet, resolve_alphabet
    from ._cli_input import check_files, check_output_path
    from ._codec import encode
    from ._files import write_table
    from .encoding import EncodedInput
    from .genome import ChromosomeSplit, Genome, background_regions, bigwig_targets, extract
    from .genome._backgrounds import gc_match

    check_files([args.bed, args.genome, *[p for p in (args.bigwig, args.blacklist) if p]])
    if not args.test_chroms:
        raise ValueError(
            "--bed needs --test-chroms (e.g. --test-chroms chr8 chr9): a split by whole "
            "chromosomes keeps neighbouring sequence out of the test set."
        )
    if args.fasta:
        raise ValueError("Give FASTA files or --bed with --genome, not both.")
    regression = args.bigwig is not None
    model = estimator(params, regression)
    alphabet = resolve_alphabet(model.alphabet)
    if not isinstance(alphabet, Alphabet) or alphabet.symbols.upper() != "ACGT":
        raise ValueError("--bed reads DNA from the genome; leave --alphabet at ACGT.")
    check_output_path(args.out, folder=True)
    genome = Genome(args.genome)
    positives, regions = extract(genome, args.bed, width=args.width)
    chromosomes = ChromosomeSplit(test=args.test_chroms, validation=args.val_chroms)
    chromosomes.split3(groups=regions.chrom)  # the names checked before any more work
    kind = args.background or (None if regression else "gc")
    if kind is None:
        X, table = positives, regions
    else:
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
        values = bigwig_targets(args.bigwig, table, stat=args.stat, log1p=args.log1p)
        y = pd.DataFrame({name: values})
    else:
        y = np.repeat(
            [Path(args.bed).name.split(".")[0], "background"],
            [len(positives), len(X) - len(positives)],
        )
    split = chromosomes.split3(groups=table.chrom)
    encoded = EncodedInput(encode(list(X), alphabet), alphabet)
    result = train(model, encoded, y, None, args.out, args.match, args.attribution, split)
    part = np.full(len(table), "train", dtype=object)
    part[split[1]], part[split[2]] = "validation", "test"
    regions_table = table.assign(part=part).drop(columns=["line"], errors="ignore")
    write_table(regions_table, Path(args.out) / "regions.tsv")
    return result


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
    from .genome import read_vcf, vcf_effects

    if not args.genome:
        raise ValueError("--vcf needs --genome, the genome the variants are on.")
    check_files([args.vcf, args.genome])
    model._output_index(args.target, "--target")  # a class or output of the model
    effects = vcf_effects(model, args.genome, read_vcf(args.vcf), target=args.target)
    write_table(effects, args.out, float_format="%.6g")
    return 0
