"""skmotif: convolutional networks on biological sequences, read as motifs.

Importing skmotif loads neither TensorFlow nor scikit-learn; the estimator
is imported on first use, TensorFlow on the first fit, predict or load.
"""

from . import _alphabet
from ._alphabet import Alphabet
from ._deprecated import removed_names

# Defined in _alphabet; named here so that its comment documents it. DNA, RNA and RNA
# structure are written as their strings: "ACGT", "ACGU", "EHIMS".
#: The 20 standard amino acids, ``"ACDEFGHIKLMNPQRSTVWY"``; ``X`` is their unknown symbol.
PROTEIN = _alphabet.PROTEIN

#: Public names loaded on first use, and the module each comes from.
_LAZY = {
    "ConvMotifClassifier": "_estimators.classifier",
    "ConvMotifProfileRegressor": "_estimators.profile",
    "ConvMotifRegressor": "_estimators.regressor",
    "KernelActivationTransformer": "_estimators.transformer",
    "Motif": "_motif",
    "SequenceEncoder": "_estimators.encoder",
    "dinucleotide_shuffle": "_shuffle",
    "kernel_motifs": "interpret",
    "load": "_saving",
    "match_motifs": "matching",
    "pysster_params": "_presets",
    "save": "_saving",
    "search_space": "_presets",
    "show_progress": "_progress",
}

__all__ = ["PROTEIN", "Alphabet", *_LAZY]
__version__ = "0.6.2"


_removed = removed_names(
    __name__,
    {
        "DNA": ("skmotif._alphabet", "DNA", 'write the alphabet as its string, "ACGT"'),
        "RNA": ("skmotif._alphabet", "RNA", 'write the alphabet as its string, "ACGU"'),
        "STRUCTURE": (
            "skmotif._alphabet",
            "STRUCTURE",
            'write the structure alphabet as its string, "EHIMS"',
        ),
        "JointAlphabet": (
            "skmotif._alphabet",
            "JointAlphabet",
            "give the alphabet as a (sequence, structure) pair, e.g. ('ACGU', 'EHIMS')",
        ),
        "MotifPair": (
            "skmotif._motif",
            "MotifPair",
            "sequence+structure motifs still come as pairs with .sequence, .structure and .plot()",
        ),
    },
    stacklevel=3,  # called from the __getattr__ below, which also serves the lazy names
)


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    return _removed(name)
