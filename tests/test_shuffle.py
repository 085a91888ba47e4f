"""dinucleotide_shuffle: exact dinucleotide counts, unknown symbols in place, uniform draws."""

import itertools
from collections import Counter

import numpy as np
import pytest
from scipy.stats import chisquare

from skmotif import PROTEIN, dinucleotide_shuffle


def pair_counts(text):
    return Counter(itertools.pairwise(text))


def random_strings(n, length, symbols, seed):
    rng = np.random.default_rng(seed)
    return ["".join(rng.choice(list(symbols), length)) for _ in range(n)]


@pytest.mark.parametrize(
    ("symbols", "alphabet"),
    [("ACGT", "ACGT"), ("ACGU", "ACGU"), (PROTEIN, PROTEIN), ("AC", "ACGT")],
)
def test_every_shuffle_keeps_dinucleotide_counts_and_ends(symbols, alphabet):
    X = [*random_strings(20, 60, symbols, seed=1), "A", "CA", "ACA"]
    shuffles = dinucleotide_shuffle(X, n_shuffles=5, alphabet=alphabet, random_state=0)
    assert shuffles.shape == (len(X), 5)
    for x, row in zip(X, shuffles, strict=True):
        for s in row:
            assert len(s) == len(x) and s[0] == x[0] and s[-1] == x[-1]
            assert pair_counts(s) == pair_counts(x)
    # Long sequences really get shuffled, and differently each time.
    assert all(len(set(row)) == 5 and X[i] not in row for i, row in enumerate(shuffles[:20]))


def test_unknown_symbols_stay_in_place_and_case_travels_with_the_letter():
    x = "ACGTTGCAnnACGGGTTTACCAGTNACGTAGGCATcgatcgATTGCA"
    for s in dinucleotide_shuffle([x], n_shuffles=20, random_state=3)[0]:
        assert [i for i, c in enumerate(s) if c in "Nn"] == [
            i for i, c in enumerate(x) if c in "Nn"
        ]
        assert pair_counts(s) == pair_counts(x)
        assert Counter(s) == Counter(x)


def test_protein_keeps_asparagine_and_fixes_x():
    x = "MNNKXLLNNAKGGNX" * 3
    for s in dinucleotide_shuffle([x], n_shuffles=10, alphabet=PROTEIN, random_state=0)[0]:
        assert pair_counts(s) == pair_counts(x)
        assert [i for i, c in enumerate(s) if c == "X"] == [i for i, c in enumerate(x) if c == "X"]


def test_sequence_structure_pairs_are_shuffled_together():
    seqs = random_strings(5, 40, "ACGU", seed=2)
    structs = random_strings(5, 40, "EHIMS", seed=3)
    X = list(zip(seqs, structs, strict=True))
    shuffles = dinucleotide_shuffle(X, n_shuffles=3, alphabet=("ACGU", "EHIMS"), random_state=0)
    assert shuffles.shape == (5, 3, 2)
    for (seq, struct), row in zip(X, shuffles, strict=True):
        joint = list(zip(seq, struct, strict=True))
        for s, t in row:
            assert pair_counts(list(zip(s, t, strict=True))) == pair_counts(joint)


def test_draws_are_uniform_over_sequences_with_the_same_counts():
    x = "AACAGCCA"
    same = {
        "".join(p)
        for p in itertools.permutations(x)
        if p[0] == x[0] and p[-1] == x[-1] and pair_counts(p) == pair_counts(x)
    }
    draws = Counter(dinucleotide_shuffle([x], n_shuffles=6000, random_state=0)[0])
    assert set(draws) == same and len(same) > 3
    assert chisquare([draws[s] for s in sorted(same)]).pvalue > 0.001


def test_same_random_state_same_shuffles():
    X = random_strings(4, 50, "ACGT", seed=5)
    a = dinucleotide_shuffle(X, n_shuffles=3, random_state=7)
    np.testing.assert_array_equal(a, dinucleotide_shuffle(X, n_shuffles=3, random_state=7))
    assert not np.array_equal(a, dinucleotide_shuffle(X, n_shuffles=3, random_state=8))


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="'Z'"):
        dinucleotide_shuffle(["ACGZT"])
    with pytest.raises(ValueError, match="n_shuffles must be at least 1"):
        dinucleotide_shuffle(["ACGT"], n_shuffles=0)
    with pytest.raises(TypeError, match="n_shuffles must be an int"):
        dinucleotide_shuffle(["ACGT"], n_shuffles=2.0)
