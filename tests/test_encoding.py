"""Alphabets and encoding: codes, one-hot, padding and the errors for bad strings."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from skmotif import PROTEIN, Alphabet
from skmotif._alphabet import JointAlphabet, resolve_alphabet
from skmotif._codec import _as_strings, encode, one_hot
from skmotif.encoding import with_tracks

DNA = Alphabet("ACGT")


def test_codes_are_alphabet_indices_case_insensitive_with_n_and_padding():
    codes = encode(["ACGT", "tgca", "AN"], DNA)
    np.testing.assert_array_equal(codes, [[0, 1, 2, 3], [3, 2, 1, 0], [0, 4, 4, 4]])
    assert codes.dtype == np.uint8


def test_one_hot_of_unknown_and_padding_is_all_zero():
    X = one_hot(encode(["AN", "C"], DNA), 4)
    assert X.shape == (2, 2, 4) and X.dtype == np.float32
    np.testing.assert_array_equal(X[0], [[1, 0, 0, 0], [0, 0, 0, 0]])
    np.testing.assert_array_equal(X[1], [[0, 1, 0, 0], [0, 0, 0, 0]])


def test_encode_pads_to_requested_length_and_rejects_longer():
    assert encode(["AC"], DNA, length=5).tolist() == [[0, 1, 4, 4, 4]]
    with pytest.raises(ValueError, match="Sequence 1 has 6 positions, more than the 5"):
        encode(["AC", "ACGTAC"], DNA, length=5)


def test_unknown_symbols_by_alphabet_kind():
    assert Alphabet("ACGU").unknown == "N"
    assert Alphabet(PROTEIN).unknown == "X"
    assert Alphabet("HIMS").unknown is None
    assert encode(["MKX"], Alphabet(PROTEIN)).tolist() == [[10, 8, 20]]


def test_symbol_outside_alphabet_names_symbol_sequence_and_position():
    with pytest.raises(ValueError, match=r"Sequence 1 has the symbol 'Z' at position 2"):
        encode(["ACGT", "ACZT"], DNA)
    with pytest.raises(ValueError, match=r"Sequence 0 has the symbol 'é' at position 1"):
        encode(["Aé"], DNA)
    with pytest.raises(ValueError, match=r"symbol 'N' .* not in the alphabet 'HIMS'"):
        encode(["HHN"], Alphabet("HIMS"))


def test_rna_alphabet_does_not_silently_accept_t():
    with pytest.raises(ValueError, match="symbol 'T'"):
        encode(["ACGT"], Alphabet("ACGU"))


def test_empty_string_is_an_error():
    with pytest.raises(ValueError, match="Sequence 1 is an empty string"):
        encode(["AC", ""], DNA)


def test_joint_alphabet_codes_pairs_of_symbols():
    joint = resolve_alphabet(("ACGU", "EHIMS"))
    assert isinstance(joint, JointAlphabet) and joint.size == 20
    codes = encode([("ACn", "EHS")], joint)
    # (A, E) -> 0*5 + 0, (C, H) -> 1*5 + 1, unknown sequence symbol -> 20.
    assert codes.tolist() == [[0, 6, 20]]


def test_structure_length_mismatch_names_the_sequence():
    joint = resolve_alphabet(("ACGU", "EHIMS"))
    with pytest.raises(ValueError, match="Sequence 1 has 3 positions but its structure has 2"):
        encode([("AC", "EE"), ("ACG", "EE")], joint)


def test_pairs_and_alphabet_kind_must_agree():
    with pytest.raises(ValueError, match=r"alphabet=\('ACGU', 'EHIMS'\)"):
        encode([("AC", "EE")], DNA)
    with pytest.raises(ValueError, match="expects \\(sequence, structure\\) pairs"):
        encode(["AC"], resolve_alphabet(("ACGU", "EHIMS")))


@pytest.mark.parametrize(
    ("symbols", "match"),
    [("A", "at least two"), ("AAC", "each listed once"), ("AC G", "printable"), (5, "string")],
)
def test_bad_alphabets(symbols, match):
    with pytest.raises((ValueError, TypeError), match=match):
        Alphabet(symbols)


def test_case_sensitive_alphabet_when_both_cases_are_symbols():
    alphabet = Alphabet("aA", unknown=None)
    assert encode(["aA"], alphabet).tolist() == [[0, 1]]


def test_as_strings_recognises_kinds_of_input():
    assert _as_strings(["AC", "GT"]) == ["AC", "GT"]
    assert _as_strings(np.array([["AC", "EE"]])) == [("AC", "EE")]
    assert _as_strings(np.zeros((2, 3))) is None
    with pytest.raises(TypeError, match="mixes strings with int"):
        _as_strings(np.array(["AC", 3], dtype=object))
    with pytest.raises(ValueError, match="shape \\(1, 3\\)"):
        _as_strings([["A", "C", "G"]])


@given(st.lists(st.text(alphabet="ACGTNacgtn", min_size=1, max_size=30), min_size=1, max_size=20))
def test_encoding_matches_a_per_character_reference(sequences):
    codes = encode(sequences, DNA)
    reference = {"A": 0, "C": 1, "G": 2, "T": 3, "N": 4}
    assert codes.shape == (len(sequences), max(map(len, sequences)))
    for row, seq in zip(codes, sequences, strict=True):
        expected = [reference[c.upper()] for c in seq] + [4] * (len(row) - len(seq))
        assert row.tolist() == expected


def test_tracks_become_scaled_extra_channels():
    track = [np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])]
    X = with_tracks(["ACG", "TTN"], [track], DNA)
    assert X.shape == (2, 3, 5) and X.dtype == np.float32
    np.testing.assert_array_equal(X[1, 2, :4], 0)  # N stays all-zero
    # Median 3.5, quartiles 2.25 and 4.75: (x - 3.5) / 2.5.
    np.testing.assert_allclose(X[:, :, 4].ravel(), (np.arange(1, 7) - 3.5) / 2.5)
    raw = with_tracks(["ACG", "TTN"], [track], DNA, scale=None)
    np.testing.assert_array_equal(raw[:, :, 4].ravel(), np.arange(1, 7))
    with pytest.raises(ValueError, match="Track 0, sequence 1: 2 values for 3 positions"):
        with_tracks(["ACG", "TTA"], [[track[0], track[1][:2]]], DNA)


def test_chunked_encoding_matches_and_names_global_indices(monkeypatch):
    import skmotif._codec

    sequences = ["ACGT", "AC", "GGN", "T", "ACGTA"]
    whole = encode(sequences, DNA)
    monkeypatch.setattr(skmotif._codec, "ENCODE_CHUNK", 2)
    np.testing.assert_array_equal(encode(sequences, DNA), whole)
    with pytest.raises(ValueError, match="Sequence 3 has the symbol 'Z' at position 0"):
        encode(["AC", "GT", "AA", "ZZ"], DNA)
    with pytest.raises(ValueError, match="Sequence 4 is an empty string"):
        encode(["AC", "GT", "AA", "CC", ""], DNA)


# -- EncodedInput and SequenceEncoder ----------------------------------------------


def test_encoded_input_one_hot_batches_and_windows():
    from skmotif.encoding import EncodedInput

    codes = encode(["ACGTN", "GG"], DNA)
    encoded = EncodedInput(codes, DNA)
    assert encoded.is_codes and len(encoded) == 2 and encoded.length == 5
    assert encoded.channels == encoded.symbol_channels == 4
    np.testing.assert_array_equal(encoded.one_hot(), one_hot(codes, 4))
    batches = list(encoded.batches(1))
    assert [start for start, _ in batches] == [0, 1]
    np.testing.assert_array_equal(np.concatenate([b for _, b in batches]), one_hot(codes, 4))
    # Windows of 2 positions: sequence 0 from position 3 ("TN"), sequence 1 from 0 ("GG").
    windows = encoded.windows([0, 1], [3, 0], 2)
    np.testing.assert_array_equal(windows.argmax(axis=2), [[3, 0], [2, 2]])
    assert windows[0, 1].sum() == 0  # N is all zeros
    numeric = EncodedInput(one_hot(codes, 4), None)
    assert not numeric.is_codes and numeric.channels == 4 and numeric.symbol_channels == 0
    np.testing.assert_array_equal(numeric.subset([1]).one_hot(), one_hot(codes[1:], 4))
    with pytest.raises(ValueError, match="need their alphabet"):
        EncodedInput(codes, None)


def test_sequence_encoder_encodes_as_the_classifier():
    from skmotif._estimators.encoder import SequenceEncoder

    encoder = SequenceEncoder().fit(["ACGT", "AC"])
    assert encoder.input_shape_ == (4, 4) and encoder.n_features_in_ == 1
    features = encoder.transform(["acgn"])
    np.testing.assert_array_equal(features, one_hot(encode(["ACGN"], DNA), 4).reshape(1, 16))
    assert encoder.get_feature_names_out().tolist()[:5] == ["0_A", "0_C", "0_G", "0_T", "1_A"]
    three_d = SequenceEncoder(flatten=False).fit(["ACGT"]).transform(["ACGT", "TT"])
    assert three_d.shape == (2, 4, 4) and three_d[1, 2:].sum() == 0  # padded
    with pytest.raises(ValueError, match="Sequence 0 has 5 positions, more than the 4"):
        encoder.transform(["ACGTA"])
    with pytest.raises(ValueError, match="symbol 'Z' at position 2"):
        encoder.transform(["ACZ"])
    pairs = SequenceEncoder(alphabet=("ACGU", "EHIMS")).fit(np.array([["ACGU", "SSHH"]]))
    assert pairs.transform(np.array([["ACGU", "SSHH"]])).shape == (1, 4 * 20)
    assert pairs.get_feature_names_out()[:2].tolist() == ["0_A:E", "0_A:H"]


def test_sequence_encoder_feeds_a_linear_model():
    from conftest import planted
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from skmotif._estimators.encoder import SequenceEncoder

    # A motif at a fixed position is what a linear model on one-hot features can learn.
    X, y = planted(400, length=30, seed=0)
    X = ["GATTACA" + s[7:] if label else s for s, label in zip(X, y, strict=True)]
    pipe = make_pipeline(SequenceEncoder(), LogisticRegression(max_iter=1000))
    pipe.fit(X[:300], y[:300])
    assert pipe.score(X[300:], y[300:]) > 0.95
