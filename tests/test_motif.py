"""Motif: formulas pinned by hand-computed values, transformations, logo and MEME files."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from skmotif import PROTEIN, Motif
from skmotif.io import read_meme, write_meme


def test_information_content_of_uniform_and_one_hot_columns():
    dna = Motif("ACGT", probabilities=[[0.25] * 4, [1, 0, 0, 0]])
    np.testing.assert_allclose(dna.information_content(), [0.0, 2.0], atol=1e-12)
    protein = Motif(PROTEIN, probabilities=np.eye(20)[:3])
    np.testing.assert_allclose(protein.information_content(), np.log2(20))


def test_information_content_by_hand():
    # p = (0.5, 0.25, 0.25, 0): 2 + 0.5 log2 0.5 + 2 x 0.25 log2 0.25 = 2 - 0.5 - 1 = 0.5
    motif = Motif("ACGT", probabilities=[[0.5, 0.25, 0.25, 0.0]])
    assert motif.information_content()[0] == pytest.approx(0.5)


def test_counts_with_pseudocount_and_unknown_symbols():
    motif = Motif.from_sequences(["AG", "AG", "CN"], "ACGT", pseudocount=0.1)
    np.testing.assert_array_equal(motif.counts, [[2, 1, 0, 0], [0, 0, 2, 0]])
    assert motif.n_sites == 3
    # (count + 0.1) / (n_i + 4 x 0.1), n_i counting known symbols only.
    np.testing.assert_allclose(motif.probabilities[0], np.array([2.1, 1.1, 0.1, 0.1]) / 3.4)
    np.testing.assert_allclose(motif.probabilities[1], np.array([0.1, 0.1, 2.1, 0.1]) / 2.4)
    assert motif.consensus == "AG"


def test_reverse_complement_dna_and_rna():
    motif = Motif.from_sequences(["AACG"], "ACGT", pseudocount=0)
    assert motif.reverse_complement().consensus == "CGTT"
    np.testing.assert_array_equal(motif.reverse_complement().counts[0], [0, 1, 0, 0])
    assert Motif.from_sequences(["AAGU"], "ACGU").reverse_complement().consensus == "ACUU"
    with pytest.raises(ValueError, match="DNA or RNA alphabet"):
        Motif("EHIMS", probabilities=np.eye(5)).reverse_complement()


def test_trim_drops_uninformative_ends():
    probs = [[0.25] * 4, [1, 0, 0, 0], [0.25] * 4, [0, 0, 0, 1], [0.25] * 4]
    trimmed = Motif("ACGT", probabilities=probs, n_sites=9).trim(0.5)
    assert len(trimmed) == 3 and trimmed.consensus[::2] == "AT" and trimmed.n_sites == 9
    with pytest.raises(ValueError, match="No position of this motif reaches 3"):
        trimmed.trim(3)


def test_to_dataframe():
    frame = Motif("ACGU", probabilities=[[0.1, 0.2, 0.3, 0.4]]).to_dataframe()
    assert list(frame.columns) == list("ACGU") and frame.loc[0, "U"] == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({}, "exactly one"),
        ({"probabilities": [[0.5, 0.5]]}, "shape \\(n_positions, 4\\)"),
        ({"counts": [[1, -1, 0, 0]]}, ">= 0"),
        ({"counts": [[0, 0, 0, 0]], "pseudocount": 0}, "no counts"),
    ],
)
def test_bad_matrices(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Motif("ACGT", **kwargs)


def test_logo_in_bits_with_default_and_custom_colours():
    motif = Motif("ACGT", probabilities=[[1, 0, 0, 0], [0, 0, 0, 1], [0.25] * 4])
    ax = motif.plot(colors={"T": "#123456"})
    assert ax.get_ylim() == (0, 2) and ax.get_ylabel() == "bits"
    (letters,) = ax.collections  # one artist for all letters
    colours = [to_hex(c) for c in letters.get_facecolor()]
    assert colours == ["#00cc00", "#123456"]  # A and T; the uniform column has no height
    boxes = [path.get_extents() for path in letters.get_paths()]
    # Each letter fills its box: 0.95 wide, as tall as its information (2 bits here).
    for position, box in enumerate(boxes):
        np.testing.assert_allclose(
            [box.x0, box.x1, box.y0, box.y1], [position - 0.475, position + 0.475, 0, 2], atol=1e-6
        )
    plt.close(ax.figure)


def test_meme_round_trip_keeps_real_site_counts(tmp_path):
    first = Motif.from_sequences(["ACGT", "ACGA", "TCGA"], "ACGT", name="kernel_0")
    second = Motif("ACGT", probabilities=[[0.7, 0.1, 0.1, 0.1]], name="optimized")
    write_meme([first, second], tmp_path / "motifs.meme")
    text = (tmp_path / "motifs.meme").read_text()
    assert "MOTIF kernel_0\nletter-probability matrix: alength= 4 w= 4 nsites= 3 E= 0" in text
    assert "w= 1 E= 0" in text  # unknown site count: nsites left out, not invented
    back = read_meme(tmp_path / "motifs.meme")
    assert [m.name for m in back] == ["kernel_0", "optimized"]
    assert [m.n_sites for m in back] == [3, None]
    np.testing.assert_allclose(back[0].probabilities, first.probabilities, atol=1e-6)


def test_read_meme_errors_name_the_line(tmp_path):
    path = tmp_path / "bad.meme"
    path.write_text(
        "MEME version 4\nALPHABET= ACGT\nMOTIF x\n"
        "letter-probability matrix: alength= 4 w= 2\n0.25 0.25 0.25 0.25\n"
    )
    with pytest.raises(ValueError, match=r"bad\.meme, line 6: expected a row of 4"):
        read_meme(path)
