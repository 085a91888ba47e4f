"""Bundled data sets load from the package, with the documented sizes and labels."""

import numpy as np
import pytest

from skmotif import Motif
from skmotif.datasets import load_artificial, load_pum2, make_motif_sequences


def test_artificial_set_has_the_planted_blocks():
    X, y = load_artificial()
    assert X.shape == (20000,) and np.bincount(y).tolist() == [10000, 10000]
    assert {len(s) for s in X} == {140}
    positives = X[y == 1]
    with_cg = np.array([s[20:30] == "C" * 10 and s[50:60] == "G" * 10 for s in positives])
    with_at = np.array([s[80:90] == "A" * 10 and s[110:120] == "T" * 10 for s in positives])
    assert (with_cg | with_at).all() and 4000 < with_cg.sum() < 6000


def test_pum2_set():
    X, y = load_pum2()
    assert X.shape == (10368,) and np.bincount(y).tolist() == [5184, 5184]
    assert {len(s) for s in X} == {200}
    assert set("".join(X[y == 1])) <= set("ACGUN")
    assert sum(set(s) == {"N"} for s in X[y == 0]) == 32


def test_make_motif_sequences_single_label_plants_at_the_given_place():
    motifs = [np.eye(4)[[0, 1, 2, 3, 0]], np.eye(4)[[3, 3, 3]]]  # ACGTA and TTT, no noise
    X, y, sites = make_motif_sequences(9, motifs, length=30, positions=[4, 20], random_state=0)
    assert y.tolist() == [0, 1, 2] * 3
    for seq, label, placed in zip(X, y, sites, strict=True):
        assert len(seq) == 30
        if label == 0:
            assert placed == []
        else:
            assert placed == [(label - 1, [4, 20][label - 1], "+")]
            assert seq[placed[0][1] :].startswith(["ACGTA", "TTT"][label - 1])
    again, _, _ = make_motif_sequences(9, motifs, length=30, positions=[4, 20], random_state=0)
    assert again.tolist() == X.tolist()


def test_make_motif_sequences_multilabel_with_reverse_complements():
    motifs = [np.eye(4)[[0, 0, 1]], np.eye(4)[[2, 2, 2, 3]]]  # AAC, GGGT
    X, y, sites = make_motif_sequences(
        200,
        motifs,
        length=40,
        reverse_complement=True,
        multilabel=True,
        motifs_per_sequence=(1, 2),
        random_state=1,
    )
    assert y.shape == (200, 2) and set(y.sum(axis=1)) == {1, 2}
    strands = set()
    for seq, labels, placed in zip(X, y, sites, strict=True):
        assert sorted(m for m, _, _ in placed) == np.flatnonzero(labels).tolist()
        for m, start, strand in placed:
            word = ["AAC", "GGGT"][m]
            expected = (
                word if strand == "+" else word[::-1].translate(str.maketrans("ACGT", "TGCA"))
            )
            assert seq[start : start + len(word)] == expected
            strands.add(strand)
    assert strands == {"+", "-"}


def test_planted_sites_follow_soft_motifs():
    soft = [[0.7, 0.1, 0.1, 0.1]] * 4
    X, _, sites = make_motif_sequences(2000, [soft], length=10, positions=3, random_state=0)
    planted = [s[3:7] for s, placed in zip(X, sites, strict=True) if placed]
    share_a = np.mean([c == "A" for site in planted for c in site])
    assert abs(share_a - 0.7) < 0.03


def test_pum2_with_structure_elements():
    X, y = load_pum2(structure=True)
    assert y.sum() == 5184
    assert X.shape == (10368, 2)
    assert all(len(s) == len(t) == 200 for s, t in X[:50])
    assert set("".join(X[:200, 1])) == set("EHIMS")
    all_n = [i for i, s in enumerate(X[:, 0]) if set(s) == {"N"}]
    assert all(set(X[i, 1]) == {"E"} for i in all_n)  # nothing pairs with N


def test_more_motifs_per_sequence_than_motifs_is_a_clear_error():
    motifs = [Motif.from_sequences(["ACGTAC"], "ACGT"), Motif.from_sequences(["TTGACA"], "ACGT")]
    with pytest.raises(ValueError, match=r"up to 5 distinct motifs per sequence, but 2 are given"):
        make_motif_sequences(10, motifs, length=40, multilabel=True)
    _, y, _ = make_motif_sequences(
        40, motifs, length=40, multilabel=True, motifs_per_sequence=(0, 2), random_state=0
    )
    assert set(y.sum(axis=1).tolist()) == {0, 1, 2}  # sequences without a motif are allowed


def test_make_motif_regression_target_is_the_stated_function_of_the_sequence():
    import re

    from sklearn.metrics import r2_score

    from skmotif.datasets import REGRESSION_MOTIFS, make_motif_regression

    X, y, truth = make_motif_regression(2000, length=120, noise=0.5, random_state=0)
    assert X.shape == y.shape == (2000,) and len(X[0]) == 120
    # By hand for one sequence: counts on both strands, the TATA box forward near the end.
    s = X[1]
    ap1 = len(re.findall("(?=TGACTCA)", s)) + len(re.findall("(?=TGAGTCA)", s))
    ebox = len(re.findall("(?=CACGTG)", s))  # a palindrome: counted once
    sox = re.search("ACAAAGG|CCTTTGT", s) is not None
    oct4 = re.search("ATGCAAAT|ATTTGCAT", s) is not None
    tata = any(m.start() >= 70 for m in re.finditer("(?=TATAAAA)", s))
    expected = ap1 - ebox + 1.5 * (sox and oct4) + tata
    assert truth["signal"][1] == pytest.approx(expected)
    assert truth.loc[1, ["activator", "repressor", "pair", "positional"]].tolist() == [
        ap1,
        ebox,
        int(sox and oct4),
        int(tata),
    ]
    # Every role occurs, and the noise has the stated size: the ceiling on R².
    assert (truth[["activator", "repressor", "pair", "positional"]].mean() > 0.1).all()
    assert np.std(y - truth["signal"]) == pytest.approx(0.5, rel=0.05)
    ceiling = r2_score(y, truth["signal"])
    assert 0.8 < ceiling < 0.9, ceiling
    assert set(REGRESSION_MOTIFS) == {"activator", "repressor", "pair_a", "pair_b", "positional"}
    again = make_motif_regression(2000, length=120, noise=0.5, random_state=0)
    np.testing.assert_array_equal(again[1], y)
    with pytest.raises(ValueError, match="length must be at least 60"):
        make_motif_regression(10, length=40)


def test_pum2_folding_energies_are_those_of_the_shipped_structures():
    import RNA  # the [rna] extra, which the test extras install

    X, energy = load_pum2(target="energy")
    _, labels = load_pum2()
    assert energy.shape == labels.shape == (10368,) and energy.dtype == np.float64
    structures = load_pum2(structure=True)[0]
    for i in (7, 5184, 10000):
        structure, mfe = RNA.fold(X[i])
        assert energy[i] == pytest.approx(mfe, abs=0.005)
        assert structure.count("(") == structures[i, 1].count("S") // 2
    assert (energy[np.array([set(s) == {"N"} for s in X])] == 0).all()
    assert energy[labels == 1].mean() > energy[labels == 0].mean()  # PUM2 sites fold loosely
    with pytest.raises(ValueError, match="target must be 'class' or 'energy'"):
        load_pum2(target="affinity")
