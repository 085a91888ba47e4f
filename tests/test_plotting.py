"""The kernel report and its summary page, clustering and optimized-input logos."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import FAST, MOTIF, planted

import skmotif.interpret._activations
from skmotif import Alphabet, ConvMotifClassifier, kernel_motifs
from skmotif._alphabet import JointAlphabet
from skmotif._codec import encode, one_hot
from skmotif.plotting import plot_clustering
from skmotif.report import visualize_all_kernels, visualize_kernel, visualize_optimized_inputs


def test_visualize_kernel_writes_its_files_only_there(
    fast_model, motif_data, tmp_path, monkeypatch
):
    _, _, X_test, y_test = motif_data
    monkeypatch.chdir(tmp_path)
    motif, importance = visualize_kernel(fast_model, X_test, y_test, 3, "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "activations_kernel_3.png",
        "motif_kernel_3.png",
        "position_kernel_3.png",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    expected_motif, expected_importance = kernel_motifs(fast_model, X_test, y_test)[3]
    assert importance == pytest.approx(expected_importance)
    np.testing.assert_allclose(motif.probabilities, expected_motif.probabilities)
    with pytest.raises(ValueError, match=r"kernel must be in \[0, 12\)"):
        visualize_kernel(fast_model, X_test, y_test, 12, tmp_path)


def test_visualize_all_kernels_and_summary(fast_model, motif_data, tmp_path):
    _, _, X_test, y_test = motif_data
    results = visualize_all_kernels(fast_model, X_test, y_test, tmp_path, n_jobs=2)
    expected = kernel_motifs(fast_model, X_test, y_test)
    assert [r.importance for r in results] == [r.importance for r in expected]
    motifs = [r.motif for r in results]
    names = {p.name for p in tmp_path.iterdir()}
    for k, (motif, (reference, _)) in enumerate(zip(motifs, expected, strict=True)):
        assert {f"position_kernel_{k}.png", f"activations_kernel_{k}.png"} <= names
        assert (f"motif_kernel_{k}.png" in names) == (motif is not None)
        assert (motif is None) == (reference is None)
        if motif is not None:
            np.testing.assert_allclose(motif.probabilities, reference.probabilities)
    page = (tmp_path / "summary.html").read_text()
    order = [int(k) for k in re.findall(r"<tr><td>(\d+)</td>", page)]
    importance = [i for _, i in expected]
    assert order == sorted(range(12), key=lambda k: -importance[k])
    assert f'src="motif_kernel_{order[0]}.png"' in page and "GATTACA" in page
    assert "Strand: the sequences as given (forward strand).</p>" in page
    serial = visualize_all_kernels(fast_model, X_test, y_test, tmp_path / "serial", n_jobs=1)
    assert [r.motif is None for r in serial] == [m is None for m in motifs]


def test_kernel_report_runs_the_first_convolution_once(
    fast_model, motif_data, tmp_path, monkeypatch
):
    _, _, X_test, y_test = motif_data
    passes = []
    original = skmotif.interpret._activations.run_batches

    def counting(function, encoded, batch_size):  # the traced first convolution, made once
        passes.append(function is fast_model.model_._skmotif_traced_first_convolution)
        return original(function, encoded, batch_size)

    monkeypatch.setattr(skmotif.interpret._activations, "run_batches", counting)
    visualize_all_kernels(fast_model, X_test, y_test, tmp_path, n_jobs=1)
    assert passes == [True]


def test_additional_feature_channels_get_their_plot(tmp_path):
    X, y = planted(300, seed=7)
    onehot = one_hot(encode(X, Alphabet("ACGT")), 4)
    track = np.repeat(y[:, None, None], 40, axis=1).astype(np.float32)  # one extra channel
    numeric = np.concatenate([onehot, track], axis=2)
    clf = ConvMotifClassifier(**{**FAST, "epochs": 3}).fit(numeric, y)
    visualize_all_kernels(clf, numeric, y, tmp_path, n_jobs=1)
    assert list(tmp_path.glob("additional_features_kernel_*.png"))


def test_clustering_separates_two_obvious_groups(tmp_path):
    rng = np.random.default_rng(0)
    low, high = rng.normal(0, 0.1, (10, 4)), rng.normal(5, 0.1, (10, 4))
    acts = np.vstack([low, high])[rng.permutation(20)]
    y = (acts[:, 0] > 2).astype(int)
    acts[:, 2:] = 5 - acts[:, 2:]  # kernels 2, 3 fire where 0, 1 do not
    rows, kernels = plot_clustering(acts, y, tmp_path / "clusters.png")
    assert (tmp_path / "clusters.png").exists()
    labels = y[rows]
    assert (np.diff(labels) != 0).sum() == 1  # two contiguous blocks
    assert set(kernels[:2]) in ({0, 1}, {2, 3})
    only, _ = plot_clustering(acts, y, tmp_path / "one.png", classes=[1])
    assert set(y[only]) == {1} and len(only) == 10
    with pytest.raises(ValueError, match="multi-label"):
        plot_clustering(acts, np.eye(2)[y], tmp_path / "x.png")
    assert not plt.get_fignums()


def test_optimized_input_logos(fast_model, tmp_path):
    motifs = visualize_optimized_inputs(
        fast_model, "conv_1", tmp_path / "opt.png", steps=50, nodes=[0, 5]
    )
    assert len(motifs) == 2 and len(motifs[0]) == 40
    assert (tmp_path / "opt.png").stat().st_size > 1000


def test_kernel_report_with_a_relative_folder_after_a_change_of_directory(
    fast_model, motif_data, tmp_path, monkeypatch
):
    # The drawing processes outlive a call; a relative folder must not be read in theirs.
    _, _, X_test, y_test = motif_data
    monkeypatch.chdir(tmp_path)
    visualize_all_kernels(fast_model, X_test, y_test, "first")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    visualize_all_kernels(fast_model, X_test, y_test, "kernels")
    assert (tmp_path / "elsewhere" / "kernels" / "summary.html").exists()
    assert list((tmp_path / "elsewhere" / "kernels").glob("position_kernel_*.png"))


@pytest.mark.parametrize("length", [8, 20, 60])
def test_logo_positions_are_whole_numbers(length):
    from skmotif import Motif
    from skmotif.plotting import plot_attribution

    values = np.random.default_rng(0).normal(size=(length, 4))
    logo = Motif("ACGT", probabilities=np.full((length, 4), 0.25)).plot()
    for ax in (plot_attribution(values, "ACGT"), logo):
        ax.figure.canvas.draw()
        ticks = [t for t in ax.get_xticks() if -0.5 <= t <= length - 0.5]
        assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks)
        plt.close(ax.figure)


@pytest.mark.parametrize("scale", [10, 1000])
def test_kernel_figures_labels_clear_their_tick_labels(scale, tmp_path):
    """Axis labels are pinned once per reused figure (drawing then skips placing them):
    they line up from kernel to kernel, inside the figure and clear of tick labels, up
    to counts of 5 digits."""
    from skmotif import Motif
    from skmotif._figures import _CANVASES, draw_kernel
    from skmotif.interpret._kernels import KernelStatistics

    rng = np.random.default_rng(0)
    keys = [("logo", 12, False), ("position", 2), ("violin", "class", "a", "b")]
    places = []
    for kernel, factor in enumerate((1, scale)):  # the second kernel's tick labels are wider
        figures = KernelStatistics(
            kernel=kernel,
            motif=Motif("ACGT", probabilities=rng.dirichlet(np.ones(4), size=12)),
            title=f"Kernel {kernel}",
            classes=np.array(["a", "b"]),
            threshold=0.05 * factor,
            histogram=rng.integers(0, 90 * factor, size=(2, 90)),
            mean=rng.random((2, 90)) * factor / 10,
            sd=rng.random((2, 90)),
            maxima=[rng.random(100) * factor / 10, rng.random(100) * factor / 10],
            features=None,
        )
        draw_kernel(figures, tmp_path, None, None)
        labels = [(ax.xaxis.label, ax.yaxis.label) for key in keys for ax in _CANVASES[key].axes]
        for key in keys:
            _CANVASES[key].draw_without_rendering()
        places.append([[label.get_window_extent().bounds for label in pair] for pair in labels])
    assert (tmp_path / "position_kernel_1.png").exists()
    np.testing.assert_allclose(places[0], places[1])
    for key in keys:
        for ax in _CANVASES[key].axes:
            for axis, low, high in (("y", "x0", "x1"), ("x", "y0", "y1")):
                label = getattr(ax, f"{axis}axis").label
                if not label.get_text():
                    continue
                box, ticks = label.get_window_extent(), _drawn_tick_labels(ax, axis)
                assert ticks and getattr(box, low) >= 0, key
                assert getattr(box, high) < min(getattr(t, low) for t in ticks), key


def _drawn_tick_labels(ax, axis):
    """Window extents of the tick labels drawn on ``axis`` ("x" or "y") of ``ax``."""
    lower, upper = sorted(getattr(ax, f"get_{axis}lim")())
    labels = getattr(ax, f"get_{axis}ticklabels")()
    return [
        label.get_window_extent()
        for label, tick in zip(labels, getattr(ax, f"get_{axis}ticks")(), strict=True)
        if label.get_text() and label.get_visible() and lower <= tick <= upper
    ]


def _mutagenesis_case(seed=0, length=30):
    """ISM-like effects (0 at the reference symbol) of a sequence of 26 symbols with an N
    at position 5, padded to ``length``; returns effects, sequence and reference codes."""
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, 4, 26)
    sequence = "".join("ACGT"[c] for c in codes)
    sequence = sequence[:5] + "n" + sequence[6:].lower()  # case and N as sequences have them
    effects = rng.normal(size=(length, 4))
    effects[np.arange(26), codes] = 0.0
    effects[26:] = 0.0  # padding: ism gives no effect there
    effects[5] = rng.normal(size=4)  # the N: every symbol is a substitution
    reference = np.full(length, -1)
    reference[:26] = codes
    reference[5] = -1
    return effects, sequence, reference


def _letters(ax):
    """(position, signed height, face colour) of every letter of the logo on ``ax``."""
    from matplotlib.colors import to_hex

    from skmotif._glyphs import WIDTH

    (collection,) = ax.collections
    found = []
    for path, face in zip(collection.get_paths(), collection.get_facecolors(), strict=True):
        box = path.get_extents()
        position = round(box.x0 + WIDTH / 2)
        found.append((position, box.height if box.y1 > 1e-9 else -box.height, to_hex(face)))
    return found


def test_mutagenesis_heat_map_is_the_window_of_the_effects():
    from skmotif.plotting import plot_mutagenesis

    effects, sequence, reference = _mutagenesis_case()
    effects[1, (reference[1] + 1) % 4] = -9.0  # outside the window
    fig = plot_mutagenesis(effects, sequence, "ACGT", start=3, end=28, title="site")
    logo, heat = fig.axes
    image = heat.images[0]
    np.testing.assert_array_equal(image.get_array(), effects[3:28].T)
    top = np.abs(effects[3:28]).max()
    assert image.get_clim() == (-top, top)
    assert top < 9.0  # the range is the window's, not the sequence's
    assert image.get_extent() == [2.5, 27.5, 3.5, -0.5]  # x: the sequence's positions
    assert logo.get_xlim() == heat.get_xlim() == (2.5, 27.5)
    assert [t.get_text() for t in heat.get_yticklabels()] == list("ACGT")
    (dots,) = heat.collections
    known = [p for p in range(3, 28) if reference[p] >= 0]
    assert 5 not in known and 26 not in known  # no dot at the N nor in the padding
    np.testing.assert_array_equal(dots.get_offsets(), [(p, reference[p]) for p in known])
    (colour_bar,) = heat.child_axes
    assert colour_bar.get_ylabel() == "Δ logit (mutant − reference)"
    assert colour_bar.get_ylim() == (-top, top)
    assert logo.get_title() == "site"
    fig = plot_mutagenesis(effects, sequence, "ACGT", vmax=5)
    assert fig.axes[1].images[0].get_clim() == (-5.0, 5.0)
    np.testing.assert_array_equal(fig.axes[1].images[0].get_array(), effects.T)
    plt.close("all")


def test_mutagenesis_logo_is_the_reference_against_the_mean_of_its_alternatives():
    from skmotif._glyphs import COLORS
    from skmotif.plotting import plot_mutagenesis

    effects, sequence, reference = _mutagenesis_case(seed=1)
    fig = plot_mutagenesis(effects, sequence, "ACGT", start=2)
    expected = {
        p: -np.delete(effects[p], reference[p]).mean() for p in range(2, 30) if reference[p] >= 0
    }
    letters = _letters(fig.axes[0])
    assert [p for p, _, _ in letters] == sorted(expected)  # one letter per known position
    for position, height, face in letters:
        assert height == pytest.approx(expected[position], rel=1e-6, abs=1e-9)
        assert face == COLORS["ACGT"[reference[position]]].lower()
    assert fig.axes[0].get_ylabel() == "ref − mean alt"
    # Any effect at the reference itself counts: the letter is relative to the alternatives.
    shifted = effects + np.arange(30)[:, None]
    letters = _letters(plot_mutagenesis(shifted, sequence, "ACGT", start=2).axes[0])
    np.testing.assert_allclose([h for _, h, _ in letters], list(expected.values()), atol=1e-9)
    plt.close("all")


def test_mutagenesis_logo_draws_a_given_attribution_in_the_window():
    from skmotif.plotting import plot_mutagenesis

    effects, sequence, _ = _mutagenesis_case(seed=2)
    attribution = np.random.default_rng(3).normal(size=effects.shape)
    attribution[np.abs(attribution) < 0.5] = 0.0
    fig = plot_mutagenesis(effects, sequence, "ACGT", attribution=attribution, start=4, end=20)
    letters = _letters(fig.axes[0])
    assert len(letters) == np.count_nonzero(attribution[4:20])
    for position in range(4, 20):
        drawn = [h for p, h, _ in letters if p == position]
        row = attribution[position]
        assert sum(h for h in drawn if h > 0) == pytest.approx(row[row > 0].sum())
        assert sum(h for h in drawn if h < 0) == pytest.approx(row[row < 0].sum())
    assert fig.axes[0].get_ylabel() == "attribution"
    plt.close("all")


def test_mutagenesis_draws_on_given_axes_and_closes_nothing():
    from skmotif.plotting import plot_mutagenesis

    effects, sequence, _ = _mutagenesis_case()
    fig, axes = plt.subplots(3, 1)
    before = plt.get_fignums()
    assert plot_mutagenesis(effects, sequence, "ACGT", axes=axes[1:]) is fig
    assert plt.get_fignums() == before  # no figure made, none closed
    assert not axes[0].has_data() and axes[2].images
    with pytest.raises(ValueError, match=r"axes must be two matplotlib Axes .*got 3"):
        plot_mutagenesis(effects, sequence, "ACGT", axes=axes)
    plt.close(fig)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(effects=np.zeros((1, 30, 4))), r"effects must have shape \(length, 4\) \(one "),
        (dict(effects=np.zeros((30, 5))), r"effects must have shape \(length, 4\)"),
        (dict(effects=np.full((30, 4), np.nan)), "effects must hold .* only finite values"),
        (dict(attribution=np.zeros((29, 4))), r"attribution must have shape \(30, 4\)"),
        (dict(sequence="A" * 31), "sequence must be one str of at most 30 symbols"),
        (dict(sequence=["ACGT"]), "sequence must be one str .*got list"),
        (dict(sequence="ACGZ"), "sequence holds 'Z' at position 3, which is not in the alph"),
        (dict(start=10, end=10), "0 <= start < end <= 30"),
        (dict(end=31), r"0 <= start < end <= 30 \(the effects' length\); got start=0, end=31"),
        (dict(start=-1), "got start=-1"),
        (dict(start=2.0), "start and end must be ints"),
        (dict(vmax=0), "vmax must be a positive finite number; got 0"),
        (dict(vmax=np.inf), "vmax must be a positive finite number"),
        (dict(symbols=JointAlphabet(Alphabet("AC"), Alphabet("GT"))), "got JointAlphabet"),
    ],
)
def test_mutagenesis_bad_input_is_named(change, message):
    from skmotif.plotting import plot_mutagenesis

    effects, sequence, _ = _mutagenesis_case()
    arguments = {**dict(effects=effects, sequence=sequence, symbols="ACGT"), **change}
    before = plt.get_fignums()
    with pytest.raises(ValueError, match=message):
        plot_mutagenesis(**arguments)
    assert plt.get_fignums() == before  # checked before any figure is made


def test_mutagenesis_of_a_fitted_model_stands_up_at_the_planted_site(fast_model, motif_data):
    from skmotif.interpret import ism
    from skmotif.plotting import plot_mutagenesis

    X_test, y_test = motif_data[2:]
    sequence = next(x for x, label in zip(X_test, y_test, strict=True) if label and MOTIF in x)
    site = sequence.index(MOTIF)
    effects = ism(fast_model, [sequence], target=1)[0]
    fig = plot_mutagenesis(effects, sequence, fast_model.alphabet_)
    np.testing.assert_array_equal(fig.axes[1].images[0].get_array(), effects.T)
    letters = _letters(fig.axes[0])
    tallest = max(letters, key=lambda letter: letter[1])[0]
    assert site <= tallest < site + len(MOTIF)
    plt.close(fig)
