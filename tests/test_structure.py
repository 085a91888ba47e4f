"""Structural elements from dot-bracket, by hand; folding with ViennaRNA."""

import pytest

from skmotif.structure import dotbracket_to_elements, fold


@pytest.mark.parametrize(
    ("structure", "elements"),
    [
        ("..((..((...))..))..", "EESSIISSHHHSSIISSEE"),  # exterior, internal loop, hairpin
        ("((..((...))..((...))..))", "SSMMSSHHHSSMMSSHHHSSMMSS"),  # multiloop
        ("((.((...))))", "SSISSHHHSSSS"),  # bulge (an internal loop on one side)
        ("((...))..((...))", "SSHHHSSEESSHHHSS"),  # exterior between two domains
        ("((..[[..))..]]", "SSHHSSHHSSEESS"),  # pseudoknot pairs are stems
        ("....", "EEEE"),
    ],
)
def test_elements_by_hand(structure, elements):
    assert dotbracket_to_elements(structure) == elements


@pytest.mark.parametrize(
    ("structure", "match"),
    [
        ("(()", "position 0: '\\(' is never closed"),
        ("())", "position 2: '\\)' closes no"),
        ("(x)", "position 1: 'x' is not dot-bracket"),
    ],
)
def test_bad_structures(structure, match):
    with pytest.raises(ValueError, match=match):
        dotbracket_to_elements(structure)


def test_fold_with_viennarna():
    assert fold(["GGGGAAAACCCC"], annotate=False) == ["((((....))))"]
    assert fold(["GGGGAAAACCCC", "GGGGTTTTCCCC"]) == ["SSSSHHHHSSSS"] * 2  # T folds as U
    sequences = ["GGGAAACCCAAAGGGAAACCC", "ACGUACGUACGU", "GCGCAAAAGCGC"]
    assert fold(sequences, n_jobs=2) == fold(sequences, n_jobs=1)
