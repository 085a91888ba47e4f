"""make_motif_grammar: a planted regression truth with graded, null, additive and
spacing-dependent cooperative motifs, and the signal of any sequence under it."""

import numpy as np
import pytest

from skmotif.datasets import (
    GRAMMAR_MOTIFS,
    GRAMMAR_PEAKS,
    grammar_signal,
    grammar_spacing_bonus,
    make_motif_grammar,
)

#: Motif-free background: no consensus of GRAMMAR_MOTIFS on either strand (checked below).
BACKGROUND = "C" * 100


def rc(sequence):
    return sequence[::-1].translate(str.maketrans("ACGT", "TGCA"))


def consensus(role):
    return GRAMMAR_MOTIFS[role][0]


def insert(background, *sites):
    """``background`` with each (start, site) written over it."""
    sequence = list(background)
    for start, site in sites:
        sequence[start : start + len(site)] = site
    return "".join(sequence)


def pair(spacing, same_strand=True, b_first=False, background=BACKGROUND):
    a, b = consensus("cooperative_a"), consensus("cooperative_b")
    if not same_strand:
        b = rc(b)
    first, second = (b, a) if b_first else (a, b)
    return insert(background, (20, first), (20 + len(first) + spacing, second))


@pytest.fixture(scope="module")
def data():
    return make_motif_grammar(2000, random_state=0)


def test_the_planted_table_has_the_stated_effects_and_distinct_motifs():
    effects = {role: effect for role, (_, _, effect) in GRAMMAR_MOTIFS.items()}
    assert effects == {
        "activator_strong": 2.0,
        "activator_medium": 1.0,
        "activator_weak": 0.5,
        "repressor": -1.5,
        "null": 0.0,
        "additive_a": 0.3,
        "additive_b": 0.3,
        "cooperative_a": 0.3,
        "cooperative_b": 0.3,
    }
    assert GRAMMAR_PEAKS == {10: 1.5, 21: 1.0, 31: 0.6}
    sites = [consensus(role) for role in GRAMMAR_MOTIFS]
    assert all(6 <= len(s) <= 10 and s != rc(s) for s in sites)  # no palindromes
    # No motif shares a 5-mer with another one on either strand.
    kmers = [{t[i : i + 5] for t in (s, rc(s)) for i in range(len(t) - 4)} for s in sites]
    assert all(not (kmers[i] & kmers[j]) for i in range(len(sites)) for j in range(i))


def test_the_spacing_curve_has_narrow_planted_peaks():
    spacings = np.arange(60)
    curve = grammar_spacing_bonus(spacings)
    assert curve.shape == (60,)
    expected = np.zeros(60)
    for peak, bonus in GRAMMAR_PEAKS.items():
        expected[[peak - 1, peak, peak + 1]] = [bonus / 2, bonus, bonus / 2]
    np.testing.assert_array_equal(curve, expected)
    assert grammar_spacing_bonus(21) == 1.0 and grammar_spacing_bonus(-3) == 0.0
    assert grammar_spacing_bonus([[10], [31]]).tolist() == [[1.5], [0.6]]
    with pytest.raises(ValueError, match="spacing must be integers"):
        grammar_spacing_bonus(10.5)


def test_a_site_in_a_motif_free_background_adds_exactly_its_effect():
    assert grammar_signal([BACKGROUND]).tolist() == [0.0]
    for role, (site, _, effect) in GRAMMAR_MOTIFS.items():
        one = [insert(BACKGROUND, (40, site)), insert(BACKGROUND, (40, rc(site)))]
        np.testing.assert_array_equal(grammar_signal(one), [effect, effect], err_msg=role)
        two = insert(BACKGROUND, (10, site), (60, rc(site)))  # sites add up, both strands
        assert grammar_signal([two])[0] == pytest.approx(2 * effect), role
    assert grammar_signal([insert(BACKGROUND, (40, consensus("null")))])[0] == 0.0
    # Lower case counts; other letters match nothing.
    assert grammar_signal(["c" * 20 + consensus("activator_strong").lower()])[0] == 2.0
    assert grammar_signal(["TGACNCA" + "C" * 20])[0] == 0.0


def test_the_cooperating_pair_adds_its_bonus_only_at_the_planted_spacings_on_one_strand():
    alone = 2 * 0.3  # each partner's own effect
    at = {s: grammar_signal([pair(s)])[0] - alone for s in (9, 10, 11, 21, 25, 31, 45)}
    assert at == pytest.approx({9: 0.75, 10: 1.5, 11: 0.75, 21: 1.0, 25: 0.0, 31: 0.6, 45: 0})
    assert grammar_signal([pair(21, b_first=True)])[0] == pytest.approx(alone + 1.0)
    assert grammar_signal([pair(21, same_strand=False)])[0] == pytest.approx(alone)
    assert grammar_signal([pair(10, same_strand=False, b_first=True)])[0] == pytest.approx(alone)
    # The whole pair on the - strand cooperates too: the signal ignores the strand read.
    designed = [pair(s, same_strand=t, b_first=f) for s in (10, 21, 25) for t, f in [(1, 0)] * 2]
    np.testing.assert_allclose(grammar_signal([rc(s) for s in designed]), grammar_signal(designed))
    # The non-cooperating pair only adds up at any spacing.
    a, b = consensus("additive_a"), consensus("additive_b")
    for spacing in (10, 21, 31):
        sequence = insert(BACKGROUND, (20, a), (20 + len(a) + spacing, b))
        assert grammar_signal([sequence])[0] == pytest.approx(0.6)


def test_make_motif_grammar_is_deterministic_with_the_stated_shapes_and_noise(data):
    X, y, truth = data
    assert X.shape == y.shape == (2000,) and {len(s) for s in X} == {200}
    assert set("".join(X)) == set("ACGT")
    roles = list(GRAMMAR_MOTIFS)
    assert list(truth.columns[: len(roles) + 2]) == [*roles, "cooperation", "signal"]
    assert truth.shape == (2000, 15)
    np.testing.assert_array_equal(grammar_signal(X), truth["signal"])
    assert np.std(y - truth["signal"]) == pytest.approx(0.3, rel=0.05)
    again = make_motif_grammar(2000, random_state=0)
    np.testing.assert_array_equal(again[0], X)
    np.testing.assert_array_equal(again[1], y)
    assert not np.array_equal(make_motif_grammar(50, random_state=1)[0], X[:50])
    X_short, y_short, _ = make_motif_grammar(5, length=150, noise=0, random_state=0)
    assert {len(s) for s in X_short} == {150}
    np.testing.assert_array_equal(y_short, grammar_signal(X_short))


def test_make_motif_grammar_plants_every_role_and_the_pairs_at_the_stated_rates(data):
    truth = data[2]
    counts = truth[list(GRAMMAR_MOTIFS)].mean()
    assert counts.between(0.7, 1.2).all(), counts  # the null motif as often as the others
    # The signal is the counts times the effects plus the cooperation, nothing else.
    effects = np.array([effect for _, _, effect in GRAMMAR_MOTIFS.values()])
    np.testing.assert_allclose(
        truth[list(GRAMMAR_MOTIFS)].to_numpy() @ effects + truth["cooperation"],
        truth["signal"],
        atol=1e-12,
    )
    for name in ("cooperative", "additive"):
        spacing, same = truth[f"{name}_spacing"], truth[f"{name}_same_strand"]
        at_peak = spacing.isin(list(GRAMMAR_PEAKS))
        assert 0.44 < at_peak.mean() < 0.56 and 0.2 < (spacing == -1).mean() < 0.31
        assert spacing.max() <= 50 and 0.7 < same[spacing >= 0].mean() < 0.8
    planted = truth["cooperative_spacing"].to_numpy()
    bonus = grammar_spacing_bonus(planted) * truth["cooperative_same_strand"]
    assert (truth["cooperation"] >= bonus - 1e-12).all()  # chance pairs may add more
    assert (truth["cooperation"] == bonus).mean() > 0.97


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_samples": 0}, "n_samples must be an integer >= 1"),
        ({"n_samples": 2.5}, "n_samples must be an integer >= 1"),
        ({"n_samples": 10, "length": 100}, "length must be an integer >= 150"),
        ({"n_samples": 10, "noise": -1}, "noise must be a number >= 0"),
        ({"n_samples": 10, "noise": "big"}, "noise must be a number >= 0"),
    ],
)
def test_make_motif_grammar_refuses_bad_parameters(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_motif_grammar(**kwargs)


def test_grammar_signal_refuses_what_is_not_a_list_of_sequences():
    with pytest.raises(ValueError, match="not one string"):
        grammar_signal("ACGT")
    with pytest.raises(ValueError, match="must be 1-D"):
        grammar_signal([["ACGT"]])
    with pytest.raises(ValueError, match="must hold strings"):
        grammar_signal([1, 2])
