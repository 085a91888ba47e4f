"""deep_lift_shap: summation-to-delta on every supported network shape, a hand-computed case."""

import warnings

import numpy as np
import pytest
from conftest import planted

import skmotif.interpret._attribution as attribution
from skmotif import ConvMotifClassifier
from skmotif._network.build import logit_function
from skmotif.interpret import deep_lift_shap

X, Y = planted(120, length=30, motif="TGACTCAG", seed=4)
TINY = dict(kernel_num=4, kernel_len=5, neuron_num=8, epochs=2, random_state=0)


def random_one_hot(n, length, channels, seed):
    return np.eye(channels, dtype=np.float32)[
        np.random.default_rng(seed).integers(0, channels, (n, length))
    ]


def logits(clf, values, unit):
    return logit_function(clf.network())(values).numpy()[:, unit]


SHAPES = {
    "defaults": {},
    "global pooling, no dense": dict(conv_num=1, pool_size="global", dense_num=0),
    "three blocks, two dense": dict(
        conv_num=3, kernel_len=(5, 3, 3), pool_size=(2, 1, 2), pool_stride=(2, 1, 2), dense_num=2
    ),
    "overlapping pools, no skip": dict(
        conv_num=1, pool_size=4, pool_stride=2, global_skip=False, dense_num=1
    ),
    "two blocks, second global": dict(conv_num=2, kernel_len=(5, 3), pool_size=(2, "global")),
    "exponential first layer": dict(first_activation="exponential"),
    "dilated residual blocks, padded": dict(residual_num=2),
    "dilated residual blocks, cropped": dict(
        residual_num=2, residual_form="valid", residual_dilation=(1, 2)
    ),
    "skip from every block": dict(
        conv_num=3,
        kernel_len=(5, 3, 3),
        pool_size=(2, 1, 2),
        pool_stride=(2, 1, 2),
        global_skip="all",
    ),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_contributions_sum_to_the_logit_difference(shape):
    clf = ConvMotifClassifier(**{**TINY, **SHAPES[shape]}).fit(X, Y)
    refs = random_one_hot(5, 30, 4, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # the built-in check stays quiet
        contrib = deep_lift_shap(clf, X[:12], target=1, references=refs)
    x = clf.encode(X[:12]).one_hot()
    delta = logits(clf, x, 1) - logits(clf, refs, 1).mean()
    np.testing.assert_allclose(contrib.sum(axis=(1, 2)), delta, rtol=1e-4, atol=1e-5)
    assert np.all(contrib[x == 0] == 0)  # each position's contribution sits at its symbol
    assert np.abs(delta).max() > 1e-3  # a real difference was explained


def test_multilabel_structure_and_numeric_input_sum_to_delta():
    ml = np.stack([Y, 1 - Y, Y], axis=1)
    clf = ConvMotifClassifier(**TINY).fit(X, ml)
    contrib = deep_lift_shap(clf, X[:6], target=2, n_shuffles=4, random_state=0)
    assert contrib.shape == (6, 30, 4)

    rng = np.random.default_rng(0)
    pairs = [(s, "".join(rng.choice(list("EHIMS"), len(s)))) for s in X]
    joint = ConvMotifClassifier(alphabet=("ACGT", "EHIMS"), **TINY).fit(pairs, Y)
    refs = random_one_hot(3, 30, 20, seed=2)
    contrib = deep_lift_shap(joint, pairs[:6], target=1, references=refs)
    x = joint.encode(pairs[:6]).one_hot()
    delta = logits(joint, x, 1) - logits(joint, refs, 1).mean()
    np.testing.assert_allclose(contrib.sum(axis=(1, 2)), delta, rtol=1e-4, atol=1e-5)

    numeric = rng.normal(size=(40, 30, 3)).astype(np.float32)
    num = ConvMotifClassifier(**TINY).fit(numeric, np.arange(40) % 2)
    refs = np.zeros((1, 30, 3), np.float32)
    contrib = deep_lift_shap(num, numeric[:5], target=1, references=refs)
    delta = logits(num, numeric[:5], 1) - logits(num, refs, 1)[0]
    np.testing.assert_allclose(contrib.sum(axis=(1, 2)), delta, rtol=1e-4, atol=1e-5)
    with pytest.raises(ValueError, match="pass references"):
        deep_lift_shap(num, numeric[:5], target=1)
    with pytest.raises(ValueError, match=r"references must have shape \(n_references, 30, 3\)"):
        deep_lift_shap(num, numeric[:5], target=1, references=np.zeros((2, 29, 3)))


def test_one_kernel_by_hand():
    # One kernel of 3 over 6 positions, ReLU, global max, straight to the output.
    clf = ConvMotifClassifier(
        conv_num=1, kernel_num=1, kernel_len=3, pool_size="global", dense_num=0, epochs=1
    ).fit(["ACGTAC", "GGTTAA", "CCATGA", "TTTACG"], [0, 1, 0, 1])
    w = np.random.default_rng(3).normal(size=(3, 4, 1)).astype(np.float32)
    clf.model_.get_layer("conv_1").set_weights([w, np.array([0.1], np.float32)])
    out_w = np.array([[0.7, -1.3]], np.float32)
    clf.model_.get_layer("output").set_weights([out_w, np.zeros(2, np.float32)])
    x = clf.encode(["ACGTAC"]).one_hot()[0]
    r = clf.encode(["TTGCAA"]).one_hot()[0]

    def hidden(v):
        z = np.array([(w[:, :, 0] * v[p : p + 3]).sum() + 0.1 for p in range(4)])
        return np.maximum(z, 0)

    hx, hr = hidden(x), hidden(r)
    zx = np.array([(w[:, :, 0] * x[p : p + 3]).sum() + 0.1 for p in range(4)])
    zr = np.array([(w[:, :, 0] * r[p : p + 3]).sum() + 0.1 for p in range(4)])
    cross = max(hx.max(), hr.max())
    a, b = hx.argmax(), hr.argmax()
    expected = np.zeros((6, 4))
    for p, share in ((a, cross - hr.max()), (b, hx.max() - cross)):
        if share == 0 or hx[p] == hr[p]:
            continue
        pool_m = share / (hx[p] - hr[p])
        relu_m = (hx[p] - hr[p]) / (zx[p] - zr[p])
        expected[p : p + 3] += out_w[0, 1] * pool_m * relu_m * w[:, :, 0] * (x - r)[p : p + 3]
    expected = (expected.sum(axis=1, keepdims=True)) * x  # the symbol there gets it
    got = deep_lift_shap(clf, ["ACGTAC"], target=1, references=r[None])[0]
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)
    assert np.abs(expected).sum() > 0


def test_hypothetical_contributions_times_input_are_the_contributions():
    clf = ConvMotifClassifier(**TINY).fit(X, Y)
    with_n = [X[0][:10] + "NN" + X[0][12:], *X[1:4]]
    hyp = deep_lift_shap(clf, with_n, target=1, hypothetical=True, random_state=0)
    contrib = deep_lift_shap(clf, with_n, target=1, random_state=0)
    x = clf.encode(with_n).one_hot()
    np.testing.assert_allclose(hyp * x, contrib, atol=1e-6)
    encoded = clf.encode(with_n)  # an EncodedInput is read as it is
    np.testing.assert_array_equal(deep_lift_shap(clf, encoded, target=1, random_state=0), contrib)
    assert np.all(contrib[0, 10:12] == 0)  # unknown symbols stay in the shuffled references
    assert np.count_nonzero(hyp[x == 0]) > 0  # the other symbols get hypothetical values


def test_the_summation_check_warns_when_rules_are_wrong(monkeypatch):
    clf = ConvMotifClassifier(**TINY).fit(X, Y)
    # Plain gradients instead of DeepLIFT multipliers: gradient x delta does not sum up.
    import tensorflow as tf

    def gradients(network):
        function = logit_function(network)

        def call(x, refs, unit):
            inputs = tf.constant(np.repeat(x, len(refs) // len(x), axis=0))
            with tf.GradientTape() as tape:
                tape.watch(inputs)
                out = function(inputs)[:, unit]
            grad = tape.gradient(out, inputs).numpy()
            return grad, function(x)[:, unit].numpy(), function(refs)[:, unit].numpy()

        return call

    monkeypatch.setattr(attribution, "deeplift_multipliers", gradients)
    with pytest.warns(RuntimeWarning, match="summation-to-delta by up to"):
        deep_lift_shap(clf, X[:8], target=1, n_shuffles=3, random_state=0)


def test_bad_arguments_are_named_before_any_work():
    clf = ConvMotifClassifier(**TINY).fit(X, Y)
    with pytest.raises(ValueError, match="n_shuffles must be a positive int"):
        deep_lift_shap(clf, X[:2], target=1, n_shuffles=0)
    with pytest.raises(ValueError, match="batch_size must be a positive int"):
        deep_lift_shap(clf, X[:2], target=1, batch_size=1.5)
    with pytest.raises(ValueError, match="target must be one of the classes"):
        deep_lift_shap(clf, X[:2], target=7)
    with pytest.raises(ValueError, match="hypothetical=True needs sequence input"):
        numeric = ConvMotifClassifier(**TINY).fit(np.zeros((20, 30, 2)), np.arange(20) % 2)
        deep_lift_shap(
            numeric, np.zeros((2, 30, 2)), 1, references=np.zeros((1, 30, 2)), hypothetical=True
        )


def test_recurrent_networks_name_what_works():
    clf = ConvMotifClassifier(**TINY, rnn_type="LSTM", rnn_num=1, rnn_units=4).fit(X, Y)
    with pytest.raises(ValueError, match=r"saliency.*ism"):
        deep_lift_shap(clf, X[:2], target=1)


def test_nan_contributions_warn(monkeypatch):
    """A NaN deviation from summation-to-delta warns (NaN > tolerance is False)."""
    clf = ConvMotifClassifier(**TINY).fit(X, Y)
    real = attribution.deeplift_multipliers

    def with_nan(model):
        run = real(model)

        def call(x, refs, unit):
            m, logit_x, logit_refs = run(x, refs, unit)
            return m, np.full_like(logit_x, np.nan), logit_refs

        return call

    monkeypatch.setattr(attribution, "deeplift_multipliers", with_nan)
    with pytest.warns(RuntimeWarning, match="summation-to-delta by up to nan"):
        deep_lift_shap(clf, X[:4], target=1, n_shuffles=2, random_state=0)


def test_convergence_deltas_are_the_summation_gap_of_the_actual_contributions(
    fast_model, motif_data
):
    X_test = motif_data[2][:10]
    refs = random_one_hot(6, 40, 4, seed=5)
    contrib, deltas = deep_lift_shap(
        fast_model, X_test, target=1, references=refs, return_deltas=True
    )
    assert deltas.dtype == np.float64 and deltas.shape == (10,)
    x = fast_model.encode(X_test).one_hot()
    logit_x = logits(fast_model, x, 1).astype(np.float64)
    mean_ref = logits(fast_model, refs, 1).astype(np.float64).mean()
    gap = contrib.sum(axis=(1, 2), dtype=np.float64) - (logit_x - mean_ref)
    np.testing.assert_allclose(deltas, gap, rtol=0, atol=1e-5)
    scale = np.maximum(np.abs(logit_x), abs(mean_ref))
    assert np.all(np.abs(deltas) < 1e-3 * scale)
    assert np.abs(logit_x - mean_ref).min() > 0.1  # deltas are small against a real difference
    np.testing.assert_array_equal(
        deep_lift_shap(fast_model, X_test, target=1, references=refs), contrib
    )

    # Hypothetical contributions: the deltas are still those of the actual contributions.
    hyp, hyp_deltas = deep_lift_shap(
        fast_model, X_test, target=1, references=refs, hypothetical=True, return_deltas=True
    )
    np.testing.assert_array_equal(hyp_deltas, deltas)
    hyp_gap = hyp.sum(axis=(1, 2), dtype=np.float64) - (logit_x - mean_ref)
    assert np.abs(hyp_gap).min() > 100 * np.abs(deltas).max()


def test_convergence_deltas_are_signed_gaps_in_logit_units(monkeypatch):
    """Multipliers doubled: contributions sum to twice the logit difference d, so each
    delta is d plus twice the true one (signed, not relative), and the warning still fires."""
    clf = ConvMotifClassifier(**TINY).fit(X, Y)
    real = attribution.deeplift_multipliers

    def doubled(network):
        run = real(network)

        def call(x, refs, unit):
            m, logit_x, logit_refs = run(x, refs, unit)
            return 2 * m, logit_x, logit_refs  # contributions twice the logit difference

        return call

    refs = random_one_hot(3, 30, 4, seed=1)
    contrib, right = deep_lift_shap(clf, X[:6], target=1, references=refs, return_deltas=True)
    monkeypatch.setattr(attribution, "deeplift_multipliers", doubled)
    with pytest.warns(RuntimeWarning, match="summation-to-delta by up to"):
        twice, deltas = deep_lift_shap(clf, X[:6], 1, references=refs, return_deltas=True)
    np.testing.assert_allclose(twice, 2 * contrib, rtol=1e-6)
    # sum(2c) - d = sum(c) + (sum(c) - d): the deltas grow by the logit difference itself
    x = clf.encode(X[:6]).one_hot()
    difference = logits(clf, x, 1) - logits(clf, refs, 1).mean()
    np.testing.assert_allclose(deltas, right + contrib.sum(axis=(1, 2)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(deltas, difference + 2 * right, rtol=1e-4, atol=1e-5)
