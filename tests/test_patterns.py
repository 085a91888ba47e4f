"""modisco_motifs: TF-MoDISco finds the planted motif in the contributions."""

import builtins

import numpy as np
import pytest
from conftest import planted

import skmotif.interpret.patterns as patterns
from skmotif import PROTEIN, ConvMotifClassifier
from skmotif.interpret import ModiscoPattern, modisco_motifs


@pytest.mark.slow
def test_the_top_pattern_is_the_planted_motif():
    X, y = planted(1200, length=100, motif="TGACTCAG", seed=3)
    clf = ConvMotifClassifier(epochs=30, random_state=0).fit(X[:800], y[:800])
    carriers = [x for x, label in zip(X[800:], y[800:], strict=True) if label == 1]
    patterns = modisco_motifs(clf, carriers, target=1, random_state=0)
    top = patterns[0]
    assert isinstance(top, ModiscoPattern) and top.sign == 1
    assert "TGACTCAG" in top.motif.consensus or "CTGAGTCA" in top.motif.consensus
    assert top.n_seqlets >= 10 and top.motif.n_sites == top.n_seqlets
    assert top.contributions.shape == (len(top.motif), 4)
    assert top.contributions.sum() > 0
    assert top.motif.name == "pos_pattern_0"


def test_other_alphabets_and_missing_modisco_are_named(monkeypatch):
    tiny = dict(kernel_len=3, epochs=1, validation_fraction=0)
    protein = ConvMotifClassifier(alphabet=PROTEIN, **tiny).fit(["MKVL" * 5, "GGHH" * 5], [0, 1])
    with pytest.raises(ValueError, match="four-letter nucleotide"):
        modisco_motifs(protein, ["MKVL" * 5], target=1)
    numeric = ConvMotifClassifier(**tiny).fit(
        np.random.default_rng(0).normal(size=(4, 20, 2)), [0, 1, 0, 1]
    )
    with pytest.raises(ValueError, match="numeric"):
        modisco_motifs(numeric, np.zeros((2, 20, 2)), target=1)

    def nan_affinities(*args, **kwargs):
        raise BaseException("Could not construct partition: Cannot accept NaN weights.")

    monkeypatch.setattr(patterns, "_tfmodisco", lambda: nan_affinities)
    dna = ConvMotifClassifier(**tiny).fit(["ACGTACGTAC" * 2, "GGCCAATTGG" * 2], [0, 1])
    with pytest.raises(RuntimeError, match="tfmodisco-lite#12"):
        modisco_motifs(dna, ["ACGTACGTAC" * 2], target=1)
    monkeypatch.undo()

    real_import = builtins.__import__

    def no_modisco(name, *args, **kwargs):
        if name.startswith("modiscolite"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_modisco)
    with pytest.raises(ImportError, match=r"skmotif\[modisco\]"):
        modisco_motifs(protein, ["MKVL" * 5], target=1)
