"""Variants of a VCF file, scored on the genome: reference against alternative windows."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from sklearn.utils.validation import check_is_fitted

from ._regions import Genome, _open_text, reverse_complement

if TYPE_CHECKING:
    import os

    import pandas as pd
    from sklearn.base import BaseEstimator

_BASES = set("ACGTN")


def read_vcf(path: str | os.PathLike) -> pd.DataFrame:
    """The variants of a VCF file (plain or gzip), one row per alternative allele.

    Returns
    -------
    pandas.DataFrame
        Columns chrom, pos (1-based, as in the file), id, ref, alt (upper
        case) and line.

    Raises
    ------
    ValueError
        For a line with fewer than 5 columns, a position that is not a whole
        number >= 1, or alleles that are not bases (symbolic alleles such as
        ``<DEL>`` and ``*`` are not read), naming the line.
    """
    import pandas as pd

    rows = []
    with _open_text(path) as file:
        for number, line in enumerate(file, start=1):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            where = f"{path}, line {number}"
            if len(fields) < 5:
                raise ValueError(
                    f"{where}: has {len(fields)} column(s); a VCF line has CHROM, POS, ID, REF "
                    "and ALT, tab-separated."
                )
            chrom, pos, name, ref, alts = fields[:5]
            if not pos.isdigit() or int(pos) < 1:
                raise ValueError(f"{where}: the position {pos!r} is not a whole number >= 1.")
            for alt in alts.split(","):
                for allele in (ref, alt):
                    if not allele or not set(allele.upper()) <= _BASES:
                        raise ValueError(
                            f"{where}: the allele {allele!r} is not a sequence of bases "
                            "(symbolic alleles such as <DEL> or * are not read); remove it."
                        )
                rows.append((chrom, int(pos), name, ref.upper(), alt.upper(), number))
    if not rows:
        raise ValueError(f"{path}: holds no variant.")
    return pd.DataFrame(rows, columns=["chrom", "pos", "id", "ref", "alt", "line"])


def _variant_table(vcf):
    """The variants of a VCF path, or of a table with columns chrom, pos, ref, alt (id optional),
    with where each came from (``line``: the VCF's line, or the table's row)."""
    if not hasattr(vcf, "columns"):
        return read_vcf(vcf)
    missing = [c for c in ("chrom", "pos", "ref", "alt") if c not in vcf.columns]
    if missing:
        raise ValueError(
            f"The variant table lacks the column(s) {missing}; give a VCF file, or a table with "
            "columns chrom, pos (1-based), ref and alt (id optional)."
        )
    table = vcf.reset_index(drop=True).assign(
        ref=vcf["ref"].str.upper().to_numpy(), alt=vcf["alt"].str.upper().to_numpy()
    )
    if "id" not in table.columns:
        table["id"] = "."
    return table.assign(line=[f"row {i}" for i in range(len(table))])


def _windows(genome, table, width):
    """Reference and alternative windows of ``width``, each allele centred; checked."""
    refs, alts = [], []
    for chrom, pos, ref, alt, line in zip(
        table.chrom, table.pos, table.ref, table.alt, table.line, strict=True
    ):
        where = f"{line if isinstance(line, str) else f'line {line}'} ({chrom}:{pos} {ref}>{alt})"
        genome.check_chromosome(chrom, where)
        p = pos - 1
        found = genome.fetch(chrom, p, p + len(ref))
        if found != ref:
            raise ValueError(
                f"{where}: the reference allele is {ref!r} but the genome has {found!r} there. "
                "Is the VCF for another genome build, or are its positions not 1-based?"
            )
        ref_left = (width - len(ref)) // 2
        alt_left = (width - len(alt)) // 2
        lowest = p - max(ref_left, alt_left)
        highest = p + len(ref) + max(width - len(ref) - ref_left, width - len(alt) - alt_left)
        if lowest < 0 or highest > genome.lengths[chrom] or len(alt) > width:
            raise ValueError(
                f"{where}: the {width}-position window around it reaches past the chromosome "
                f"({chrom} has {genome.lengths[chrom]} positions), or the allele is longer "
                "than the window; remove the variant."
            )
        refs.append(genome.fetch(chrom, p - ref_left, p - ref_left + width))
        right = width - len(alt) - alt_left
        alts.append(
            genome.fetch(chrom, p - alt_left, p)
            + alt
            + genome.fetch(chrom, p + len(ref), p + len(ref) + right)
        )
    return refs, alts


def vcf_effects(
    estimator: BaseEstimator,
    genome: Genome | str | os.PathLike,
    vcf: pd.DataFrame | str | os.PathLike,
    target: object = None,
    strand: str = "+",
) -> pd.DataFrame:
    """Effects of a VCF file's variants (substitutions and short indels) on a fitted model.

    For each variant, the window of the model's input length centred on the
    reference allele and the one centred on the alternative allele are cut
    from the genome (an insertion or deletion takes more or less flank, so
    both windows have the model's length) and scored.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier or ConvMotifRegressor
        Fit on DNA sequences.
    genome : Genome or path
    vcf : path or pandas.DataFrame
        A VCF file (plain or gzip; one row per alternative allele), or a
        table with columns chrom, pos (1-based), ref and alt (id optional),
        such as the first columns of an earlier result.
    target : class label or output, optional
        Default the last class, or the regressor's only output.
    strand : {"+", "-"}, default="+"
        Read the windows on the forward strand or as reverse complements
        (set ``average_strands`` on the model to average both).

    Returns
    -------
    pandas.DataFrame
        chrom, pos, id, ref, alt, then for a classifier ``ref_proba``,
        ``alt_proba`` and ``logit_diff`` (alternative minus reference, the
        target's logit), for a regressor ``ref_value``, ``alt_value`` and
        ``difference`` (in the units of its y).

    Raises
    ------
    ValueError
        Before any scoring: a chromosome not in the genome (suggesting the
        closest name), a reference allele that is not the genome's there, or
        a window that reaches past the chromosome, naming the variant.
    """
    from .._alphabet import Alphabet
    from .._network.build import logit_function
    from .._network.predict import run_batches, strand_mean
    from ._provenance import warn_if_seen

    check_is_fitted(estimator)
    if not isinstance(estimator.alphabet_, Alphabet):
        raise ValueError("vcf_effects reads genome sequence; this model was not fit on sequences.")
    if strand not in ("+", "-"):
        raise ValueError(f"strand must be '+' or '-'; got {strand!r}.")
    unit = estimator.output_index(target)
    genome = genome if isinstance(genome, Genome) else Genome(genome)
    table = _variant_table(vcf)
    warn_if_seen(estimator, table.chrom, "variants", genome)
    refs, alts = _windows(genome, table, estimator.input_shape_[0])
    if strand == "-":
        refs, alts = [reverse_complement(s) for s in refs], [reverse_complement(s) for s in alts]
    head = estimator.head()
    encoded = [estimator.encode(refs), estimator.encode(alts)]
    ref, alt = (head.decode(estimator.outputs(e))[:, unit] for e in encoded)
    result = table[["chrom", "pos", "id", "ref", "alt"]].reset_index(drop=True)
    if head.regression:
        result["ref_value"], result["alt_value"], result["difference"] = ref, alt, alt - ref
        return result
    logits = logit_function(estimator.network())

    def logit(windows, _):
        return np.concatenate([out[:, unit] for _, out in run_batches(logits, windows)])

    ref_logit, alt_logit = (strand_mean(logit, e, estimator.average_strands) for e in encoded)
    result["ref_proba"], result["alt_proba"] = ref, alt
    result["logit_diff"] = alt_logit - ref_logit
    return result
