"""skmotif: convolutional networks on biological sequences, read as motifs.

Importing skmotif does not import TensorFlow; that happens on the first fit,
predict or model load.
"""

from ._alphabet import DNA, PROTEIN, RNA, STRUCTURE, Alphabet, JointAlphabet
from .classifier import ConvMotifClassifier

__all__ = [
    "DNA",
    "PROTEIN",
    "RNA",
    "STRUCTURE",
    "Alphabet",
    "ConvMotifClassifier",
    "JointAlphabet",
]
__version__ = "0.1.0"
