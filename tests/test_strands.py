"""DNA the way the field trains it: reverse-complement and shift augmentation,
strand-averaged prediction, variant effects."""

import numpy as np
import pandas as pd
import pytest
from conftest import FAST, MOTIF, planted
from sklearn.metrics import roc_auc_score

from skmotif import PROTEIN, Alphabet, ConvMotifClassifier
from skmotif._codec import encode
from skmotif._network import train as _train
from skmotif.encoding import EncodedInput
from skmotif.interpret import ism, variant_effects

COMPLEMENT = str.maketrans("ACGTN", "TGCAN")


def revcomp(s):
    return s.translate(COMPLEMENT)[::-1]


def codes(strings, length=None):
    return EncodedInput(encode(strings, Alphabet("ACGT"), length=length), Alphabet("ACGT"))


def decode(values):
    return ["".join("ACGTN"[c] for c in row) for row in values]


def test_reverse_complement_keeps_padding_right_and_knows_its_alphabets():
    encoded = codes(["AACGTN", "GGT", "NNNN", "NAC"], length=6)
    assert decode(encoded.reverse_complement().values) == ["ACGTTN", "ACCNNN", "NNNNNN", "GTNNNN"]
    rna = Alphabet("ACGU").complement()
    assert "ACGU"[rna[0]] == "U" and "ACGU"[rna[1]] == "G" and rna[4] == 4
    with pytest.raises(ValueError, match="needs a DNA or RNA alphabet"):
        Alphabet(PROTEIN).complement()


def one_epoch(data):
    """The single batch of one pass over ``data``, decoded (N where all-zero)."""
    ((x, _),) = list(data)
    x = x.numpy()
    return decode(np.where(x.sum(-1) == 0, 4, x.argmax(-1)))


def test_the_pipeline_reads_random_strands_and_shifts_anew_each_epoch():
    strings = planted(64, length=30, seed=4)[0]
    targets = np.zeros((64, 2), np.float32)
    complement = Alphabet("ACGT").complement()
    data = _train.make_dataset(codes(strings), targets, None, 64, seed=3, complement=complement)
    epochs = [one_epoch(data) for _ in range(3)]
    for epoch in epochs:
        assert all(s in strings or revcomp(s) in strings for s in epoch)
        assert 15 <= sum(s not in strings for s in epoch) <= 49  # about half flipped
    assert epochs[0] != epochs[1]  # new strands (and order) each epoch
    shifted = one_epoch(
        _train.make_dataset(codes(strings), targets, None, 64, seed=3, max_shift=3)
    )
    moves = [
        {k for k in range(-3, 4) if row == ("N" * k + s)[:30] or row == (s[-k:] + "N" * -k)}
        for row, s in ((row, next(s for s in strings if row.strip("N") in s)) for row in shifted)
    ]
    assert all(moves)  # every row is a sequence shifted by at most 3, N shifted in
    assert len({k for m in moves for k in m}) >= 5  # and the shifts vary


def test_reverse_complement_training_generalises_to_the_other_strand():
    X, y = planted(600, length=40, seed=1)
    X_test, y_test = planted(300, length=40, seed=2)
    other_strand = [revcomp(s) for s in X_test]
    plain = ConvMotifClassifier(**FAST).fit(X, y)
    both = ConvMotifClassifier(**FAST, reverse_complement=True).fit(X, y)
    auc = {
        name: roc_auc_score(y_test, clf.predict_proba(other_strand)[:, 1])
        for name, clf in (("plain", plain), ("both", both))
    }
    # GATTACA only ever sat on the forward strand in training.
    assert auc["both"] > 0.95 and auc["plain"] < 0.8, auc
    assert roc_auc_score(y_test, both.predict_proba(X_test)[:, 1]) > 0.95


def test_strand_averaged_predictions_are_the_same_on_both_strands():
    X, y = planted(400, length=40, seed=1)
    clf = ConvMotifClassifier(**FAST, average_strands=True).fit(X, y)
    flipped = [revcomp(s) for s in X[:50]]
    np.testing.assert_allclose(clf.predict_proba(X[:50]), clf.predict_proba(flipped), atol=1e-6)
    single = clf.set_params(average_strands=False).predict_proba(X[:50])
    opposite = clf.predict_proba(flipped)
    averaged = clf.set_params(average_strands=True).predict_proba(X[:50])
    np.testing.assert_allclose(averaged, (single + opposite) / 2, atol=1e-6)


def test_augmented_fits_repeat_and_validation_data_stay_as_they_are(monkeypatch):
    X, y = planted(300, length=40, seed=1)
    params = dict(FAST, epochs=3, reverse_complement=True, max_shift=4)
    calls = []
    real = _train.make_dataset

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(_train, "make_dataset", spy)
    a = ConvMotifClassifier(**params).fit(X, y).predict_proba(X)
    b = ConvMotifClassifier(**params).fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(a, b)
    training, validation = calls[0], calls[1]
    assert training["complement"] is not None and training["max_shift"] == 4
    assert validation.get("complement") is None and validation.get("max_shift", 0) == 0


@pytest.mark.parametrize(
    ("params", "X", "message"),
    [
        ({"reverse_complement": True, "alphabet": PROTEIN}, ["MKVLAAGH"] * 4, "DNA or RNA"),
        (
            {"average_strands": True, "alphabet": ("ACGU", "EHIMS")},
            [("ACGUACGU", "EEHHSSMM")] * 4,
            "sequence \\+ structure pairs",
        ),
        ({"reverse_complement": True}, np.zeros((4, 8, 4)), "numeric input"),
        ({"max_shift": 2}, np.zeros((4, 8, 4)), "max_shift shifts sequences"),
        ({"max_shift": 8}, ["ACGTACGT"] * 4, "use at most 7"),
    ],
)
def test_strand_parameters_that_do_not_fit_the_input_fail_before_training(params, X, message):
    clf = ConvMotifClassifier(conv_num=1, kernel_len=3, epochs=1, validation_fraction=0, **params)
    with pytest.raises(ValueError, match=message):
        clf.fit(X, [0, 1, 0, 1])
    assert not hasattr(clf, "model_")


@pytest.fixture(scope="module")
def fitted():
    X, y = planted(400, length=40, seed=1)
    return ConvMotifClassifier(**FAST).fit(X, y), X


def test_variant_effects_are_ism_for_the_same_substitutions(fitted):
    clf, X = fitted
    start = X[1].find(MOTIF)
    variants = [(1, start + 2, MOTIF[2], "C"), (1, 0, X[1][0], "G"), (3, 5, X[3][5], "A")]
    table = variant_effects(clf, X[:4], variants)
    effect = ism(clf, X[:4], target=1)
    expected = [effect[i, p, "ACGT".index(alt)] for i, p, _, alt in variants]
    np.testing.assert_allclose(table["logit_diff"], expected, atol=1e-5)
    assert table["logit_diff"][0] < -1  # breaking the planted motif
    mutated = X[1][: start + 2] + "C" + X[1][start + 3 :]
    np.testing.assert_allclose(table["alt_proba"][0], clf.predict_proba([mutated])[0, 1])
    np.testing.assert_allclose(table["ref_proba"][0], clf.predict_proba([X[1]])[0, 1])
    assert list(table.columns) == [
        "sequence",
        "position",
        "ref",
        "alt",
        "ref_proba",
        "alt_proba",
        "logit_diff",
    ]


def test_variants_by_header_and_averaged_over_strands(fitted):
    clf, X = fitted
    named = {f"seq{i}": s for i, s in enumerate(X[:3])}
    frame = pd.DataFrame(
        {
            "sequence": ["seq2", "seq0"],
            "position": [4, 39],
            "ref": [X[2][4], X[0][39]],
            "alt": ["T", "A"],
        }
    )
    forward = variant_effects(clf, named, frame)
    averaged = variant_effects(clf.set_params(average_strands=True), named, frame)
    clf.set_params(average_strands=False)
    flipped = [revcomp(X[2]), revcomp(X[0])]
    other = ism(clf, flipped, target=1)
    opposite = [other[0, 39 - 4, "ACGT".index("A")], other[1, 0, "ACGT".index("T")]]
    np.testing.assert_allclose(
        averaged["logit_diff"], (forward["logit_diff"] + opposite) / 2, atol=1e-5
    )


@pytest.mark.parametrize(
    ("variant", "message"),
    [
        ((0, 3, "Z", "A"), "the reference is 'Z' but the sequence has"),
        ((9, 3, "A", "C"), "no such sequence; give an index below 4"),
        ((0, 40, "A", "C"), "outside the sequence of 40 symbols"),
        ((0, 3, None, "U"), "reference"),
        ((0, 1.5, "A", "C"), "must be an int"),
    ],
)
def test_bad_variants_are_named_before_any_work(fitted, variant, message):
    clf, X = fitted
    sequence, position, ref, alt = variant
    if ref is None:
        ref = X[0][3]
        message = "the alternative 'U' is not a symbol of the alphabet 'ACGT'"
    with pytest.raises(ValueError, match=message):
        variant_effects(clf, X[:4], [(sequence, position, ref, alt)])
