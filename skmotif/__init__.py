"""skmotif: convolutional networks on biological sequences, read as motifs.

Importing skmotif loads neither TensorFlow nor scikit-learn; the estimator
is imported on first use, TensorFlow on the first fit, predict or load.
"""

from ._alphabet import DNA, PROTEIN, RNA, STRUCTURE, Alphabet, JointAlphabet

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


def __getattr__(name):
    if name == "ConvMotifClassifier":
        from .classifier import ConvMotifClassifier

        return ConvMotifClassifier
    raise AttributeError(f"module 'skmotif' has no attribute {name!r}")
