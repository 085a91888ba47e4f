"""Experiments on a fitted model: the questions biologists ask of it, one module each.

* what a motif does on its own, by position (:func:`insert_motif`; ``_insertion``);
* whether two motifs cooperate, by spacing and orientation
  (:func:`motif_spacing`; ``_insertion``);
* what destroying a motif's occurrences in real sequences costs
  (:func:`ablate_motif`; ``_ablation``);
* sequences that maximise a prediction under constraints
  (:func:`design_sequences`; ``_design``).

Every experiment reads one number per sequence (:class:`Readout`): a
classifier's log-odds of the target class, a regressor's prediction in the units of its y,
a profile model's log(1 + predicted counts); effects are differences on that
scale, paired on the same backgrounds or sequences. All variants of a call go
through the network in batches, and every draw follows ``random_state``.
Motifs are strings, IUPAC consensus, :class:`~skmotif.Motif` objects (kernels
and TF-MoDISco patterns included) or JASPAR IDs (``_motifs``). DNA and RNA
take every experiment; protein takes all but reverse complements (strand
``"-"``, the orientations other than ``"++"``, ``gc``).
"""

from ._ablation import SEQUENCE_COLUMNS, SITE_COLUMNS, ablate_motif
from ._design import design_sequences
from ._insertion import INSERTION_COLUMNS, SPACING_COLUMNS, insert_motif, motif_spacing
from ._readout import SCALES, Readout

__all__ = [
    "INSERTION_COLUMNS",
    "SCALES",
    "SEQUENCE_COLUMNS",
    "SITE_COLUMNS",
    "SPACING_COLUMNS",
    "Readout",
    "ablate_motif",
    "design_sequences",
    "insert_motif",
    "motif_spacing",
]
