"""Kernel interpretation: the threshold rule by hand, planted motifs found, optimized inputs."""

import numpy as np
import pytest
from conftest import FAST, MOTIF, planted

from skmotif import Alphabet, ConvMotifClassifier, kernel_motifs
from skmotif._codec import encode, one_hot
from skmotif._labels import label_indicator
from skmotif._motif import MotifPair
from skmotif.interpret import ism, optimize_inputs, saliency
from skmotif.interpret._activations import kernel_activations
from skmotif.interpret._kernels import KernelMotif, _select_sites, _statistics
from skmotif.interpret._optimize import optimized_motifs

# 6 sequences x 2 kernels; classes 0, 0, 1, 1, 2, 2.
ACTS = np.array([[1.0, 0.0], [3.0, 0.0], [5.0, 2.0], [7.0, 2.0], [0.0, 2.0], [2.0, 2.0]])
Y = np.array([0, 0, 1, 1, 2, 2])


def test_threshold_top_class_and_importance_by_hand():
    membership, classes, _ = label_indicator(Y)
    means, threshold, top, importance = _statistics(ACTS, membership)
    np.testing.assert_allclose(means, [[2, 6, 1], [0, 2, 2]])
    np.testing.assert_allclose(threshold, [6, 2])
    np.testing.assert_array_equal(top, [1, 1])  # kernel 1: a tie, the first class wins
    np.testing.assert_allclose(importance, [5, 2])
    assert classes.tolist() == [0, 1, 2]


def test_sites_are_above_threshold_in_the_top_class_strongest_first():
    membership, _, _ = label_indicator(Y)
    # Kernel 0: threshold 6, class 1: only sequence 3 (7 > 6); sequence 2 has 5.
    assert _select_sites(ACTS[:, 0], membership, 6.0, 1).tolist() == [3]
    # Kernel 1: every class-1 sequence equals the threshold: they count (a perfect match).
    assert _select_sites(ACTS[:, 1], membership, 2.0, 1).tolist() == [2, 3]
    many = np.array([1.0, 4.0, 3.0, 4.0, 9.0])
    assert _select_sites(many, np.ones((5, 1), bool), 2.0, 0, max_sites=3).tolist() == [4, 1, 3]


def test_multilabel_membership_and_empty_classes():
    membership, classes, multilabel = label_indicator(np.array([[1, 0, 0], [1, 1, 0]]))
    assert classes.tolist() == [0, 1, 2] and membership.sum(axis=0).tolist() == [2, 1, 0]
    assert multilabel
    means, threshold, _, importance = _statistics(np.array([[1.0], [3.0]]), membership)
    assert np.isnan(means[0, 2]) and threshold[0] == 3.0 and importance[0] == 1.0


def test_targets_are_read_by_one_rule_everywhere():
    """A 2-D y of class numbers, not 0/1, is where the two rules differed: ``_labels`` read
    it as multi-label (casting 2 to True), the classifier refused it. Now every reader
    refuses it with the classifier's message, and agrees on the cases that were the same."""
    from skmotif import ConvMotifClassifier
    from skmotif._labels import is_multilabel
    from skmotif.report import performance_report

    counts = np.array([[0, 2], [1, 0], [2, 1], [0, 1]])
    message = "not a 0/1 indicator matrix"
    with pytest.raises(ValueError, match=message):
        label_indicator(counts)
    with pytest.raises(ValueError, match=message):
        performance_report(counts, np.full((4, 2), 0.5), None)
    with pytest.raises(ValueError, match=message):
        ConvMotifClassifier().fit(["ACGT"] * 4, counts)
    indicator = np.array([[0, 1], [1, 0], [1, 1], [0, 0]])
    assert label_indicator(indicator)[2] and is_multilabel(indicator)
    column = np.array([[0], [1], [1], [0]])  # one binary label per sample, not multi-label
    assert not label_indicator(column)[2] and not is_multilabel(column)


def test_kernel_motifs_find_the_planted_motif(fast_model, motif_data):
    _, _, X_test, y_test = motif_data
    results = kernel_motifs(fast_model, X_test, y_test)
    assert len(results) == FAST["kernel_num"]
    assert all(isinstance(result, KernelMotif) for result in results)
    best, importance = max(results, key=lambda result: result.importance)
    assert best.consensus == MOTIF
    assert best.information_content().min() > 1.5
    assert best.n_sites == (y_test == 1).sum() <= 750
    assert importance == pytest.approx(max(i for _, i in results))
    again = kernel_motifs(
        fast_model, X_test, y_test, activations=kernel_activations(fast_model, X_test)
    )
    assert [i for _, i in again] == [i for _, i in results]


def test_sequence_structure_input_gives_motif_pairs():
    X, y = planted(200, length=30, seed=3, symbols="ACGU", motif="GAUUACA")
    structures = ["".join("S" if c in "GC" else "H" for c in s) for s in X]
    pairs = np.column_stack([X, structures])
    clf = ConvMotifClassifier(
        **{**FAST, "pool_size": 24, "pool_stride": 24}, alphabet=("ACGU", "EHIMS")
    ).fit(pairs, y)
    pair, _ = max(kernel_motifs(clf, pairs, y), key=lambda r: r.importance)
    assert isinstance(pair, MotifPair)
    sequence, structure = pair
    assert str(sequence.alphabet) == "ACGU" and str(structure.alphabet) == "EHIMS"
    assert "GAUUAC" in sequence.consensus  # the kernel may sit one position off
    # At the planted positions the structure follows the sequence symbol.
    planted_positions = np.flatnonzero(sequence.probabilities.max(axis=1) > 0.9)
    assert len(planted_positions) >= 6
    for i in planted_positions:
        assert structure.consensus[i] == ("S" if sequence.consensus[i] in "GC" else "H")


def test_network_without_convolution_has_no_kernels(motif_data):
    X, y, _, _ = motif_data
    clf = ConvMotifClassifier(conv_num=0, dense_num=0, epochs=1, random_state=0).fit(X, y)
    with pytest.raises(ValueError, match="no convolution layer"):
        kernel_motifs(clf, X, y)


def test_optimized_input_of_the_motif_kernel_spells_the_motif(fast_model, motif_data):
    _, _, X_test, y_test = motif_data
    best = int(np.argmax([i for _, i in kernel_motifs(fast_model, X_test, y_test)]))
    pwm, activation = optimize_inputs(fast_model, "conv_1", nodes=[best], steps=300)
    assert pwm.shape == (1, 40, 4)
    np.testing.assert_allclose(pwm.sum(axis=2), 1.0, rtol=1e-5)
    assert MOTIF in optimized_motifs(fast_model, pwm)[0].consensus
    assert activation[0] > 0


def test_the_objective_reads_a_convolution_with_its_dilation(fast_model):
    """The objective of a convolution unit is its maximum pre-activation as the layer runs
    it, dilation included (read from the description, not from the Keras class)."""
    from skmotif._network.build import objective_model

    network = fast_model.network()
    layer = network.readable_layers()["conv_1"]
    assert network.role(layer) == "conv" and network.role(network.output) == "output"
    layer.dilation_rate = (2,)  # as a dilated block's convolution
    try:
        objective = objective_model(network, layer, [0, 1, 2], bound=1.0, penalty=0.0, seed=0)
        got = np.asarray(objective.predict(np.zeros((3, 1)), verbose=0))[:, 0]
    finally:
        layer.dilation_rate = (1,)
    logits = np.asarray(objective.get_layer("objective").logits)
    x = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
    kernel, bias = np.asarray(layer.kernel), np.asarray(layer.bias)
    width, span = kernel.shape[0], 2 * (kernel.shape[0] - 1)
    out = sum(
        np.einsum("nlc,cf->nlf", x[:, 2 * k : x.shape[1] - span + 2 * k], kernel[k])
        for k in range(width)
    )
    expected = (out + bias).max(axis=1)[np.arange(3), [0, 1, 2]]
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4)


def test_optimize_inputs_rejects_unknown_layers_and_nodes(fast_model):
    with pytest.raises(ValueError, match=r"Unknown layer 'conv_9'.*'conv_1'.*'output'"):
        optimize_inputs(fast_model, "conv_9")
    with pytest.raises(ValueError, match=r"nodes must be indices in \[0, 12\)"):
        optimize_inputs(fast_model, "conv_1", nodes=[12])


def test_saliency_and_ism_point_at_the_planted_motif(fast_model, motif_data):
    _, _, X_test, y_test = motif_data
    carriers = [s for s, label in zip(X_test, y_test, strict=True) if label][:5]
    starts = [s.find(MOTIF) for s in carriers]
    assert min(starts) >= 0
    grad = saliency(fast_model, carriers, target=1)
    assert grad.shape == (5, 40, 4)
    # Only the symbols present carry gradient x input.
    onehot = one_hot(encode(carriers, Alphabet("ACGT")), 4)
    assert (grad[onehot == 0] == 0).all()
    effect = ism(fast_model, carriers, target=1)
    assert effect.shape == (5, 40, 4) and (effect[onehot == 1] == 0).all()
    for i, start in enumerate(starts):
        inside = slice(start, start + len(MOTIF))
        # The strongest evidence for class 1 and the most damaging mutations lie in the motif.
        assert start <= grad[i].sum(axis=1).argmax() < start + len(MOTIF)
        assert start <= effect[i].min(axis=1).argmin() < start + len(MOTIF)
        assert effect[i][inside].min() < 3 * np.delete(effect[i], np.r_[inside], axis=0).min()
    with pytest.raises(ValueError, match=r"target must be one of the classes \[0, 1\]"):
        saliency(fast_model, carriers, target="bound")


def test_attribution_logo(fast_model, motif_data):
    import matplotlib.pyplot as plt

    from skmotif.plotting import plot_attribution

    _, _, X_test, _ = motif_data
    ax = plot_attribution(saliency(fast_model, X_test[:1], 1)[0], "ACGT", title="one sequence")
    assert ax.get_ylabel() == "attribution" and len(ax.collections[0].get_paths()) > 0
    plt.close(ax.figure)
    # Positive scores stack upwards (the largest on top), negative ones downwards.
    ax = plot_attribution([[1.0, -0.5, 0.0, 0.25], [0.0, 0.0, -0.3, 0.0]], "ACGT")
    spans = [(p.get_extents().y0, p.get_extents().y1) for p in ax.collections[0].get_paths()]
    np.testing.assert_allclose(spans, [(0, 0.25), (0.25, 1.25), (-0.5, 0), (-0.3, 0)], atol=1e-6)
    low, high = ax.get_ylim()
    assert low < -0.5 and high > 1.25
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="shape \\(length, 4\\)"):
        plot_attribution(np.zeros((3, 5)), "ACGT")


def test_ism_gives_no_effect_past_the_end_of_a_shorter_sequence(fast_model):
    short = "GATTACAGATTACA"  # 14 of the fitted 40 positions
    effect = ism(fast_model, [short, short + "N" * 5 + "ACGT"], target=1)
    assert np.all(effect[0, 14:] == 0) and np.count_nonzero(effect[0, :14]) > 0
    assert np.count_nonzero(effect[1, 19:23]) > 0 and np.all(effect[1, 23:] == 0)
    assert np.count_nonzero(effect[1, 14:19]) > 0  # unknown symbols inside are mutated


def test_interpretation_passes_are_traced_once_per_network():
    import pandas as pd

    from skmotif.interpret import deep_lift_shap, variant_effects

    X, y = planted(80, seed=3)
    clf = ConvMotifClassifier(**FAST).fit(X, y)
    for n in (5, 30):  # another batch size needs no second trace
        saliency(clf, X[:n])
        ism(clf, X[:n])
        kernel_activations(clf, X[:n])
        alt = "A" if X[0][3] != "A" else "C"
        variant = pd.DataFrame({"sequence": [0], "position": [3], "ref": [X[0][3]], "alt": [alt]})
        variant_effects(clf, X[:n], variant)
        deep_lift_shap(clf, X[:n], n_shuffles=2, random_state=0)
    for name in ("logits", "saliency", "first_convolution", "deeplift"):
        assert getattr(clf.model_, f"_skmotif_traced_{name}").experimental_get_tracing_count() == 1


def test_threads_asking_for_one_trace_share_it():
    import threading

    from skmotif._network.predict import traced

    X, y = planted(40, seed=4)
    model = ConvMotifClassifier(**FAST).fit(X, y).model_
    made, got = [], []
    start = threading.Barrier(8)

    def ask():
        start.wait()
        got.append(traced(model, "threads", lambda: made.append(1) or (lambda x: model(x))))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1 and len(got) == 8 and all(g is got[0] for g in got)
