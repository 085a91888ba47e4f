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
        ("(()", "'\\(' at position 0, which is never closed"),
        ("())", "'\\)' at position 2, which closes no"),
        ("(x)", "'x' at position 1, which is not dot-bracket"),
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
