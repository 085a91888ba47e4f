"""Bad input, as a hostile user would give it: BED regions against a genome FASTA.

Each case is a clear error that names the region (its BED line) and the problem, and says how
to fix it. The genomes are tiny synthetic FASTA files written here.
"""

import pytest

from skmotif.genome import Genome, extract

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]
ROMAN += ["XIV", "XV", "XVI"]


def _genome(path, names):
    """A FASTA of 100 positions per chromosome, named ``names``."""
    path.write_text("".join(f">{name}\n{'ACGT' * 25}\n" for name in names))
    return path


def _bed(path, chrom):
    path.write_text(f"{chrom}\t10\t20\n")
    return path


@pytest.mark.parametrize(
    ("genome_names", "chrom", "match"),
    [
        pytest.param(
            [f"chr{n}" for n in ROMAN] + ["chrM"],
            "chr1",
            r"line 1 \(chr1:10-20\): the chromosome 'chr1' is not in genome\.fa\. 'chr1' is "
            r"numbered in Arabic numerals but the genome numbers its chromosomes in Roman "
            r"numerals \(chrI, chrII, \.\.\.\): it calls 'chr1' 'chrI'\. Rename the chromosomes "
            r"of one file \(chr1 -> chrI, chr2 -> chrII, \.\.\., chr16 -> chrXVI\)\.$",
            id="numbered-bed-roman-genome",
        ),
        pytest.param(
            [f"chr{n}" for n in range(1, 17)] + ["chrM"],
            "chrXIV",
            r"line 1 \(chrXIV:10-20\): the chromosome 'chrXIV' is not in genome\.fa\. 'chrXIV' "
            r"is numbered in Roman numerals but the genome numbers its chromosomes in Arabic "
            r"numerals \(chr1, chr2, \.\.\.\): it calls 'chrXIV' 'chr14'\. Rename the "
            r"chromosomes of one file \(chrI -> chr1, chrII -> chr2, \.\.\., chrXVI -> chr16\)\.$",
            id="roman-bed-numbered-genome",
        ),
        pytest.param(
            ROMAN[:4],
            "17",
            r"'17' is numbered in Arabic numerals but the genome numbers its chromosomes in "
            r"Roman numerals \(I, II, \.\.\.\), and has no XVII\. Rename the chromosomes of one "
            r"file \(1 -> I, 2 -> II, \.\.\., 4 -> IV\)\.$",
            id="numbered-bed-roman-genome-without-it",
        ),
    ],
)
def test_chromosomes_numbered_otherwise_than_the_genome_are_told_so(
    tmp_path, genome_names, chrom, match
):
    genome = _genome(tmp_path / "genome.fa", genome_names)
    with pytest.raises(ValueError, match=match):
        extract(genome, _bed(tmp_path / "peaks.bed", chrom))
    with pytest.raises(ValueError, match=match.replace(r"line 1 \(chr", r"VCF \(chr")):
        Genome(genome).check_chromosome(chrom, f"VCF ({chrom}:10-20)")


def test_x_and_m_are_not_read_as_roman_numerals(tmp_path):
    """chrX is the X chromosome far more often than the 10th; chrM the mitochondria."""
    genome = _genome(tmp_path / "genome.fa", [f"chr{n}" for n in range(1, 17)])
    for chrom in ("chrX", "chrM"):
        with pytest.raises(ValueError, match=f"'{chrom}' is not in genome.fa") as info:
            extract(genome, _bed(tmp_path / "peaks.bed", chrom))
        assert "numerals" not in str(info.value)
    worm = _genome(tmp_path / "worm.fa", ["chrI", "chrII", "chrIII", "chrIV", "chrV", "chrX"])
    with pytest.raises(ValueError, match="it calls 'chr5' 'chrV'") as info:
        extract(worm, _bed(tmp_path / "peaks.bed", "chr5"))
    assert "chr5 -> chrV)" in str(info.value)  # chrX is the worm's sex chromosome, not 10
    with pytest.raises(ValueError, match="Roman numerals") as info:
        extract(worm, _bed(tmp_path / "peaks.bed", "chr10"))
    assert "has no" not in str(info.value)  # it has a chrX, only not the 10th
