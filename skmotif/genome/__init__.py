"""From a genome and a BED file to a trained model, and from a model back to genome tracks.

Needs the ``[genome]`` extra (pyfaidx, pyBigWig): ``pip install "skmotif[genome]"``.

* regions to sequences: :func:`read_bed`, :class:`Genome`, :func:`extract` (summits or
  centres, a fixed width, strands, jitter; every region checked first);
* splits that keep whole chromosomes apart: :class:`ChromosomeSplit`,
  :class:`ChromosomeKFold`;
* negatives: :func:`background_regions` (GC-matched genomic regions, flanks, or
  dinucleotide shuffles) and :func:`gc_match` (how well their GC content matches);
* signal as targets: :func:`bigwig_targets`;
* the network for peaks: :func:`genome_params` (pools over positions, random crops,
  sized to the data);
* what a scan will do: :func:`shift_robustness` (held-out regions moved off-centre) and
  :func:`track_at_peaks` (a scan's auROC at held-out peaks);
* tracks out: :func:`scan` (bigWig or bedGraph, chromosome by chromosome) and
  :func:`write_contributions` (each base's contribution);
* variants of a VCF file scored on the genome: :func:`vcf_effects`.
"""

from .._deprecated import removed_names
from ._backgrounds import background_regions, gc_match
from ._contributions import write_contributions
from ._defaults import genome_params
from ._evaluate import shift_robustness, track_at_peaks
from ._provenance import GenomeLeakWarning, ShiftWarning, record_genome
from ._regions import Genome, extract, read_bed
from ._scan import scan
from ._splits import ChromosomeKFold, ChromosomeSplit
from ._tracks import bigwig_targets
from ._variants import vcf_effects

__all__ = [
    "ChromosomeKFold",
    "ChromosomeSplit",
    "Genome",
    "GenomeLeakWarning",
    "ShiftWarning",
    "background_regions",
    "bigwig_targets",
    "extract",
    "gc_match",
    "genome_params",
    "read_bed",
    "record_genome",
    "scan",
    "shift_robustness",
    "track_at_peaks",
    "vcf_effects",
    "write_contributions",
]

__getattr__ = removed_names(
    __name__,
    {
        "read_vcf": (
            "skmotif.genome._variants",
            "read_vcf",
            "vcf_effects reads the VCF file itself and returns its variants' columns",
        )
    },
)
