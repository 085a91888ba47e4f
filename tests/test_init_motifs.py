"""init_motifs: first-layer kernels seeded from known motifs, checked, saved and reported."""

import numpy as np
import pytest
from conftest import FAST, MOTIF, planted, planted_meme

import skmotif
from skmotif import ConvMotifClassifier, Motif
from skmotif._estimators.seeding import init_matrices

ONE_EPOCH = {**FAST, "epochs": 1}


def test_a_seeded_kernel_is_the_motifs_log_odds_held_to_the_constraint():
    X, y = planted(100, seed=2)
    clf = ConvMotifClassifier(**ONE_EPOCH, init_motifs=[MOTIF, "GGNCC"]).fit(X, y)
    (name, start), (iupac, second) = clf.seeded_kernels_
    assert (name, iupac) == (MOTIF, "GGNCC")
    # the consensus is the best symbol at every position; the 7-mer fills the 7-wide kernel
    assert "".join("ACGT"[i] for i in start.argmax(axis=1)) == MOTIF
    assert (np.sort(start, axis=1)[:, :3] < 0).all()  # every other symbol counts against
    # bits (log2 of 3.5 for a consensus letter), each symbol's column held to max-norm 3
    assert start.max() <= np.log2(3.5) + 1e-9
    assert np.sqrt((start**2).sum(axis=0)).max() == pytest.approx(3.0)
    unconstrained = ConvMotifClassifier(**ONE_EPOCH, init_motifs=[MOTIF], kernel_constraint=None)
    assert unconstrained.fit(X, y).seeded_kernels_[0][1].max() == pytest.approx(np.log2(3.5))
    # the 5-mer sits in the middle, no preference (0) on either side; N prefers nothing
    assert np.all(second[[0, -1]] == 0) and np.allclose(second[3], 0)
    assert "".join("ACGT"[i] for i in second[[1, 2, 4, 5]].argmax(axis=1)) == "GGCC"
    kernels = clf.network().model.get_layer("conv_1").kernel.numpy()
    assert kernels.shape == (7, 4, 12)


def test_a_wider_motif_gives_its_most_informative_window():
    flat = Motif("ACGT", probabilities=np.full((4, 4), 0.25))
    wide = Motif.from_sequences(["TTGATTACAGG"], "ACGT", pseudocount=0)
    padded = Motif("ACGT", probabilities=np.vstack([flat.probabilities, wide.probabilities]))
    ((_, kernel),) = init_matrices([padded], skmotif.Alphabet("ACGT"), 4, 7)
    assert "".join("ACGT"[i] for i in kernel.argmax(axis=1)) in "TTGATTACAGG"
    assert np.abs(kernel).sum(axis=1).min() > 0  # no uniform column kept


def test_a_seeded_kernel_finds_its_motif_before_any_learning():
    # the learning gain is measured by benchmarks/bench_init_motifs.py; here, the start
    from sklearn.metrics import roc_auc_score

    from skmotif.interpret import kernel_activations

    X, y = planted(300, seed=4)
    frozen = {**ONE_EPOCH, "learning_rate": 1e-9}
    seeded = ConvMotifClassifier(**frozen, init_motifs=["CCTGCAG", MOTIF]).fit(X, y)
    found = kernel_activations(seeded, X).max
    assert roc_auc_score(y, found[:, 1]) > 0.99  # the planted motif's kernel
    assert roc_auc_score(y, found[:, 0]) < 0.7  # a motif that is not there
    random = ConvMotifClassifier(**frozen).fit(X, y)
    best = max(roc_auc_score(y, a) for a in kernel_activations(random, X).max.T)
    assert best < 0.9


def test_meme_files_patterns_and_saves_keep_the_seeds(tmp_path):
    X, y = planted(100, seed=2)
    meme = planted_meme(tmp_path / "db.meme", name="GATTACA_SITE")
    from_file = ConvMotifClassifier(**{**ONE_EPOCH, "kernel_num": 41}, init_motifs=str(meme))
    assert len(from_file.fit(X, y).seeded_kernels_) == 41
    motif = Motif.from_sequences([MOTIF] * 3 + ["GATTTCA"], "ACGT", name="mine")
    clf = ConvMotifClassifier(**ONE_EPOCH, init_motifs=[motif, "ACGT"]).fit(X, y)
    skmotif.save(clf, tmp_path / "model")
    loaded = skmotif.load(tmp_path / "model")
    given = loaded.get_params()["init_motifs"]
    assert given[1] == "ACGT" and given[0].name == "mine"
    np.testing.assert_allclose(given[0].probabilities, motif.probabilities)
    for (a, k), (b, m) in zip(clf.seeded_kernels_, loaded.seeded_kernels_, strict=True):
        assert a == b
        np.testing.assert_allclose(k, m)


def test_the_kernel_report_says_which_kernels_were_seeded_and_how_far_they_moved(tmp_path):
    from skmotif.report import visualize_all_kernels

    X, y = planted(200, seed=2)
    clf = ConvMotifClassifier(**{**FAST, "epochs": 3}, init_motifs=[MOTIF]).fit(X, y)
    visualize_all_kernels(clf, X, y, tmp_path, n_jobs=1)
    page = (tmp_path / "summary.html").read_text()
    start = clf.seeded_kernels_[0][1]
    now = clf.network().model.get_layer("conv_1").kernel.numpy()[:, :, 0]
    r = np.corrcoef(start.ravel(), now.ravel())[0, 1]
    assert f"<td>0<br><small>seeded from {MOTIF}; r {r:.2f} with its start" in page
    assert "1 kernels were seeded from known motifs" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"init_motifs": [MOTIF] * 13}, r"gives 13 motifs but the first convolution has 12"),
        ({"init_motifs": ["GAXTACA"]}, r"init_motifs\[0\].*'X', not in the alphabet"),
        ({"init_motifs": [MOTIF], "conv_num": 0}, r"init_motifs seeds convolution kernels"),
    ],
)
def test_bad_seeds_are_named_before_training(params, message):
    X, y = planted(40, seed=2)
    with pytest.raises(ValueError, match=message):
        ConvMotifClassifier(**{**ONE_EPOCH, **params}).fit(X, y)


def test_pairs_are_refused_by_name():
    pair = ("ACGT", "HIMS")
    X = [("ACGTACGTACGTACGTACGT" * 2, "HHHHIIIIMMMMSSSSHHHH" * 2)] * 20
    clf = ConvMotifClassifier(**ONE_EPOCH, alphabet=pair, init_motifs=["ACG"])
    with pytest.raises(ValueError, match="sequence \\+ structure pairs"):
        clf.fit(X, [0, 1] * 10)
