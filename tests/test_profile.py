"""ConvMotifProfileRegressor: shapes, the input pipeline, the loss, reading it, saves, errors."""

import pickle
import warnings

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

import skmotif
from skmotif import ConvMotifProfileRegressor
from skmotif.metrics import multinomial_nll, profile_pearson_scorer

#: A small profile network: input 180 -> output 60 (receptive field 63), margins of 10.
SMALL = dict(
    kernel_num=16,
    kernel_len=7,
    residual_num=3,
    profile_kernel_len=15,
    count_weight=20.0,  # a tenth of the median total (1.7) trains the counts too slowly here
    random_crop=10,
    learning_rate=0.004,
    batch_size=16,
    epochs=12,
    random_state=0,
)
LENGTHS = (200, 80)  # X's and y's windows, margins included


def footprints(n, seed=0, motif="GATAAG"):
    """Random DNA with ``motif`` on either strand in most regions, and counts from its footprint.

    Reads start 3 bases before the motif on its strand's track (+ sites: track 0 before its
    start; - sites: track 1 after its end), Poisson around a depth that the motif raises, over
    a flat background.

    Returns
    -------
    X : ndarray of str, shape (n,)
    y : ndarray of float64, shape (n, 80, 2)
    sites : ndarray of int, shape (n,)
        The motif's start in X (-1 where none).
    """
    rng = np.random.default_rng(seed)
    length, width = LENGTHS
    margin = (length - width) // 2
    codes = rng.integers(0, 4, (n, length))
    rate = np.full((n, width, 2), 0.05)
    sites = np.full(n, -1)
    complement = {"A": "T", "C": "G", "G": "C", "T": "A"}
    for i in range(n):
        if rng.random() < 0.2:
            continue
        start = int(rng.integers(margin + 12, length - margin - 12 - len(motif)))
        forward = rng.random() < 0.5
        word = motif if forward else "".join(complement[c] for c in reversed(motif))
        codes[i, start : start + len(motif)] = ["ACGT".index(c) for c in word]
        sites[i] = start
        if forward:
            rate[i, start - margin - 3, 0] += 8 + 4 * rng.random()
        else:
            rate[i, start + len(motif) - margin + 2, 1] += 8 + 4 * rng.random()
    X = np.array(["".join("ACGT"[c] for c in row) for row in codes])
    return X, rng.poisson(rate).astype(float), sites


@pytest.fixture(scope="module")
def data():
    X, y, sites = footprints(500)
    return X[:400], y[:400], X[400:], y[400:], sites[400:]


@pytest.fixture(scope="module")
def model(data):
    X, y, _, _, _ = data
    return ConvMotifProfileRegressor(**SMALL).fit(X, y)


def test_it_learns_the_footprints_profile_and_counts(data, model):
    _, y, X_test, y_test, sites = data
    central = y_test[:, 10:-10]
    predicted = model.predict(X_test)
    assert predicted.shape == (100, 60, 2)
    flat = np.broadcast_to(y[:, 10:-10].mean(axis=0), predicted.shape)
    gain = multinomial_nll(central, flat).mean() - multinomial_nll(central, predicted).mean()
    assert gain > 3.0  # nats per region, of about 5 a perfect model gains here
    with_site = sites >= 0
    assert model.score(X_test[with_site], y_test[with_site]) > 0.6
    totals = model.predict_counts(X_test)
    assert totals.shape == (100,)
    assert totals[with_site].mean() > totals[~with_site].mean() + 0.5  # 18 vs 8 reads expected
    observed = np.log1p(central.sum(axis=(1, 2)))
    assert np.corrcoef(np.log1p(totals), observed)[0, 1] > 0.4
    np.testing.assert_allclose(predicted.sum(axis=(1, 2)), totals, rtol=1e-5)


def test_predictions_read_the_central_window(data, model):
    _, _, X_test, _, _ = data
    centres = np.array([s[10:-10] for s in X_test[:5]])
    np.testing.assert_allclose(model.predict(centres), model.predict(X_test[:5]), rtol=1e-6)
    assert model.input_shape_ == (180, 4) and model.output_length_ == 60


def test_count_weight_auto_is_a_tenth_of_the_median_total_at_least_one(data):
    X, y, _, _, _ = data
    params = {**SMALL, "epochs": 1, "validation_fraction": 0.0, "count_weight": "auto"}
    fitted = ConvMotifProfileRegressor(**params).fit(X, y * 10)
    assert fitted.count_weight_ == pytest.approx(np.median((y * 10).sum(axis=(1, 2))) / 10)
    shallow = (y > 3).astype(float)  # about one read per region
    assert ConvMotifProfileRegressor(**params).fit(X, shallow).count_weight_ == 1.0
    given = ConvMotifProfileRegressor(**{**params, "count_weight": 0.5}).fit(X, y)
    assert given.count_weight_ == 0.5


def test_one_track_gives_two_dimensional_profiles(data):
    X, y, X_test, _, _ = data
    fitted = ConvMotifProfileRegressor(**{**SMALL, "epochs": 1}).fit(X, y.sum(axis=2))
    assert fitted.n_tracks_ == 1 and fitted.predict(X_test[:3]).shape == (3, 60)


def test_the_pipeline_cuts_sequence_and_counts_together_on_both_strands():
    """Each region has one A in a window of C, and one read at the base it maps to."""
    from skmotif import Alphabet
    from skmotif._network.profile_data import profile_dataset
    from skmotif.encoding import EncodedInput

    alphabet = Alphabet("ACGT")
    n, (length_in, length_out), margin = 64, (30, 10), 5
    codes = np.full((n, length_in + 2 * margin), 1, np.uint8)
    counts = np.zeros((n, length_out + 2 * margin, 2), np.float32)
    rng = np.random.default_rng(0)
    for i, p in enumerate(rng.integers(10 + margin, 20 + margin, n)):
        codes[i, p] = 0
        counts[i, p - 10, 0] = 1  # the output window starts 10 positions into the input
    encoded = EncodedInput(codes, alphabet)
    seen_offsets, flipped = set(), 0
    for epoch_data in [
        profile_dataset(encoded, counts, None, 16, (30, 10), 7, alphabet.complement())
    ] * 3:
        for x, targets in epoch_data:
            x, targets = x.numpy(), targets.numpy()
            profile = targets[:, :-1].reshape(-1, 10, 2)
            for row, reads in zip(x, profile, strict=True):
                a, t = np.flatnonzero(row[:, 0]), np.flatnonzero(row[:, 3])
                track, at = (0, a[0]) if len(a) else (1, t[0])  # A: this strand; T: the other
                flipped += track
                seen_offsets.add(int(at))
                if 0 <= at - 10 < 10:  # the read is in the output window, at the A's base
                    assert reads[at - 10, track] == 1 and reads.sum() == 1
                else:
                    assert reads.sum() == 0
            np.testing.assert_allclose(targets[:, -1], np.log1p(profile.sum(axis=(1, 2))))
    assert 40 < flipped < 150 and len(seen_offsets) > 15
    central = profile_dataset(encoded, counts, None, 64, (30, 10))
    x, targets = next(iter(central))
    a = np.argmax(x.numpy()[:, :, 0], axis=1)
    assert (targets.numpy()[np.arange(n), 2 * (a - 10)] == 1).all()  # track 0, no flips


def test_the_loss_is_the_multinomial_nll_plus_the_weighted_count_error():
    import tensorflow as tf

    from skmotif._network.description import Head

    head = Head("profile", 2, 6, 5, 3.0)
    rng = np.random.default_rng(0)
    counts = rng.poisson(2.0, (4, 6, 2))
    targets = head.encode(counts)
    outputs = rng.normal(size=(4, 13)).astype(np.float32)
    keras_loss = head.loss(tf.constant(targets), tf.constant(outputs)).numpy()
    ours = head.per_sample(head.sample_losses(targets, outputs), targets)
    shares = np.exp(outputs[:, :-1]).reshape(4, 6, 2)  # the softmax, up to a factor
    expected = (
        multinomial_nll(counts, shares)
        + 3.0 * (outputs[:, -1] - np.log1p(counts.sum(axis=(1, 2)))) ** 2
    )
    np.testing.assert_allclose(keras_loss, expected, rtol=1e-4)
    np.testing.assert_allclose(ours, expected, rtol=1e-6)


def test_the_training_forward_gives_keras_gradients_with_the_profile_head():
    import tensorflow as tf

    from skmotif._network.build import Network, build_network
    from skmotif._network.fast_pass import training_forward

    estimator = ConvMotifProfileRegressor(**SMALL)
    estimator.input_shape_, estimator.output_length_, estimator.n_tracks_ = (180, 4), 60, 2
    architecture = estimator._architecture()
    model = build_network(architecture, seed=3)
    rng = np.random.default_rng(0)
    x = tf.constant(np.eye(4, dtype=np.float32)[rng.integers(0, 4, (8, 180))])
    targets = tf.constant(architecture.head.encode(rng.poisson(1.0, (8, 60, 2))))

    def step(forward):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(architecture.head.loss(targets, forward(x)))
        return loss.numpy(), [g.numpy() for g in tape.gradient(loss, model.trainable_variables)]

    keras_loss, keras_gradients = step(lambda x: model(x, training=True))
    loss, gradients = step(tf.function(training_forward(Network(architecture, model))))
    np.testing.assert_allclose(loss, keras_loss, rtol=1e-5)
    for ours, theirs in zip(gradients, keras_gradients, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-5 * np.abs(theirs).max())


@pytest.mark.parametrize("target", ["profile", "counts"])
def test_deeplift_sums_to_the_unit_and_finds_the_footprint_motif(data, model, target):
    from skmotif.interpret import deep_lift_shap

    _, _, X_test, _, sites = data
    rows = np.flatnonzero(sites >= 0)[:12]
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # summation-to-delta holds
        contributions = deep_lift_shap(model, X_test[rows], target, n_shuffles=8, random_state=0)
    assert contributions.shape == (12, 180, 4)  # the network's input: X's central window
    per_base, starts = contributions.sum(axis=2), sites[rows] - 10
    top = [int(np.argmax(np.convolve(row, np.ones(6), "valid"))) for row in per_base]
    hits = np.abs(np.array(top) - starts) <= 2
    assert hits.mean() >= 0.75, (top, starts)


def test_it_pickles_saves_clones_and_loads_predicting_the_same(data, model, tmp_path):
    _, _, X_test, _, _ = data
    expected = model.predict(X_test[:4])
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(model)).predict(X_test[:4]), expected)
    loaded = skmotif.load(skmotif.save(model, tmp_path / "profile"))
    assert type(loaded) is ConvMotifProfileRegressor
    np.testing.assert_allclose(loaded.predict(X_test[:4]), expected, rtol=1e-6)
    assert (loaded.count_weight_, loaded.output_length_) == (model.count_weight_, 60)
    assert clone(model).get_params() == model.get_params() and not hasattr(clone(model), "model_")


def test_grid_search_with_a_profile_scorer_in_a_pipeline(data):
    X, y, _, _, _ = data
    pipeline = make_pipeline(
        FunctionTransformer(np.char.upper),
        ConvMotifProfileRegressor(**{**SMALL, "epochs": 2}),
    )
    search = GridSearchCV(
        pipeline,
        {"convmotifprofileregressor__count_weight": [1.0, "auto"]},
        scoring=profile_pearson_scorer,
        cv=KFold(2),
    ).fit(X[:200], y[:200])
    assert search.cv_results_["mean_test_score"].shape == (2,)
    assert np.isfinite(search.cv_results_["mean_test_score"]).all()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"y": lambda y: np.concatenate([y, y], axis=1)},
            r"reads 49 positions .* at least 48 positions longer .* need 208 positions",
        ),
        ({"y": lambda y: y[:, :79]}, r"by an even number"),
        ({"y": lambda y: y[:, :, 0, None, None]}, r"y has shape \(400, 80, 1, 1\)"),
        ({"y": lambda y: -y}, r"y\[0\] holds a value that is negative"),
        ({"y": lambda y: y[:10]}, r"X has 400 regions but y has 10"),
        ({"y": lambda y: np.concatenate([y, y], axis=2)}, r"4 tracks; reverse_complement"),
        ({"params": {"random_crop": 40}}, r"random_crop=40 takes 80 of them"),
        ({"params": {"residual_dilation": (2, 4)}}, r"gives 2 values but residual_num=3"),
        ({"X": lambda X: np.ones((400, 200))}, r"reads sequences .* X is numeric"),
    ],
)
def test_bad_input_is_refused_before_training(data, change, message):
    X, y, _, _, _ = data
    X = change.get("X", lambda X: X)(X)
    y = change.get("y", lambda y: y)(y)
    estimator = ConvMotifProfileRegressor(**{**SMALL, **change.get("params", {})})
    with pytest.raises(ValueError, match=message):
        estimator.fit(X, y)
    assert not hasattr(estimator, "model_")


def test_output_names_and_units(model):
    assert model.output_labels() == ["profile", "counts"]
    assert (model.output_index(), model.output_index("counts")) == (0, 1)
    with pytest.raises(ValueError, match=r"target='peaks' is not an output"):
        model.output_index("peaks")


#: scikit-learn's common checks that apply. The others feed numeric 2-D X and 1-D y, which
#: are not sequences and count profiles (the estimator's tags declare string input, so
#: ``parametrize_with_checks`` would skip every check): those on construction, parameters,
#: their validation, cloning, repr and tags run here by name.
COMMON_CHECKS = [
    "check_parameters_default_constructible",
    "check_no_attributes_set_in_init",
    "check_get_params_invariance",
    "check_set_params",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_param_validation",
    "check_estimator_cloneable",
    "check_estimator_repr",
    "check_estimator_tags_renamed",
    "check_valid_tag_types",
    "check_mixin_order",
]


@pytest.mark.parametrize("check", COMMON_CHECKS)
def test_sklearn_common_checks_that_apply(check):
    from sklearn.utils import estimator_checks

    getattr(estimator_checks, check)("ConvMotifProfileRegressor", ConvMotifProfileRegressor())


def test_variant_effects_report_counts_and_profile_shape(data, model):
    from skmotif.interpret import variant_effects
    from skmotif.interpret._variants import PROFILE_VARIANT_COLUMNS

    _, _, X_test, _, sites = data
    row = int(np.flatnonzero(sites >= 0)[0])
    start, sequence = int(sites[row]), X_test[row]
    breaking = "C" if sequence[start + 1] != "C" else "T"  # GATAAG / CTTATC's second base
    far = 5 if sequence[5] != "A" else 6  # outside the network's input window
    variants = [(row, start + 1, sequence[start + 1], breaking), (row, far, sequence[far], "A")]
    table = variant_effects(model, X_test, variants)
    assert list(table.columns) == PROFILE_VARIANT_COLUMNS
    site, outside = table.iloc[0], table.iloc[1]
    assert site.profile_jsd > 0.05 and site.log_counts_diff < 0
    assert outside.profile_jsd == pytest.approx(0.0, abs=1e-6)
    assert outside.log_counts_diff == pytest.approx(0.0, abs=1e-6)
    expected = model.predict_counts(X_test[[row]])[0]
    assert site.ref_counts == pytest.approx(expected, rel=1e-5)


def test_contributions_go_to_modisco_npz_and_a_genome_track(data, model, tmp_path):
    import pandas as pd
    import pyBigWig

    from skmotif.genome import write_contributions
    from skmotif.interpret import deep_lift_shap
    from skmotif.io import write_modisco_inputs

    _, _, X_test, _, _ = data
    hypothetical = deep_lift_shap(model, X_test[:3], hypothetical=True, n_shuffles=4)
    encoded = model.encode(X_test[:3])
    sequences, scores = write_modisco_inputs(
        tmp_path / "ohe", tmp_path / "shap", encoded, hypothetical
    )
    assert (sequences.name, scores.name) == ("ohe.npz", "shap.npz")
    ohe, shap = np.load(sequences)["arr_0"], np.load(scores)["arr_0"]
    assert ohe.shape == shap.shape == (3, 4, 180)
    np.testing.assert_array_equal(ohe.transpose(0, 2, 1), encoded.one_hot())
    with pytest.raises(ValueError, match=r"two arrays of one shape"):
        write_modisco_inputs(tmp_path / "a", tmp_path / "b", encoded, hypothetical[:2])

    per_base = (hypothetical * encoded.one_hot()).sum(axis=2)  # (3, 180)
    regions = pd.DataFrame({"chrom": ["chr2", "chr1", "chr1"], "start": [0, 1000, 1100]})
    write_contributions(tmp_path / "c.bw", regions, per_base, {"chr1": 5000, "chr2": 400})
    track = pyBigWig.open(str(tmp_path / "c.bw"))
    np.testing.assert_allclose(track.values("chr2", 0, 180), per_base[0], rtol=1e-6)
    np.testing.assert_allclose(track.values("chr1", 1000, 1140), per_base[1, :140], rtol=1e-6)
    # centres at 1090 and 1190: from 1140 on, the second region is nearer
    np.testing.assert_allclose(track.values("chr1", 1140, 1280), per_base[2, 40:], rtol=1e-6)
    assert np.isnan(track.values("chr1", 1280, 1300)).all()
    with pytest.raises(ValueError, match=r"Region 0 \(chr2:0-180\) is not on"):
        write_contributions(tmp_path / "d.bw", regions, per_base, {"chr1": 5000, "chr2": 100})
    assert not (tmp_path / "d.bw").exists()


@pytest.mark.parametrize("target", ["profile", "counts"])
def test_modisco_finds_the_footprint_motif_from_either_unit(model, target):
    from skmotif.interpret import modisco_motifs

    X_more = footprints(400, seed=5)[0]  # TF-MoDISco needs a few hundred sites
    patterns = modisco_motifs(model, X_more, target=target, n_shuffles=8, random_state=0)
    found = {p.motif.consensus for p in patterns if p.sign == 1}
    assert found & {"GATAAG", "CTTATC"}, found


@pytest.mark.parametrize("command", ["predict", "report", "scan"])
def test_the_command_line_refuses_profile_models_by_name(model, tmp_path, command, capsys):
    from skmotif._cli import main

    skmotif.save(model, tmp_path / "m")
    (tmp_path / "x.fa").write_text(">a\n" + "ACGT" * 50 + "\n")
    args = {
        "predict": ["predict", str(tmp_path / "m"), str(tmp_path / "x.fa")],
        "report": [
            "report",
            str(tmp_path / "m"),
            str(tmp_path / "x.fa"),
            "--out",
            str(tmp_path / "r"),
        ],
        "scan": [
            "scan",
            str(tmp_path / "m"),
            str(tmp_path / "x.fa"),
            "--out",
            str(tmp_path / "s.bw"),
        ],
    }[command]
    assert main(args) != 0
    assert f"'skmotif {command}' does not read profile models yet" in capsys.readouterr().err


def test_the_kernel_readers_refuse_profiles_by_name(data, model, tmp_path):
    from skmotif.report import visualize_all_kernels

    X, y, _, _, _ = data
    with pytest.raises(ValueError, match=r"per-base counts of a ConvMotifProfileRegressor"):
        skmotif.kernel_motifs(model, X[:20], y[:20])
    with pytest.raises(ValueError, match=r"per-base counts of a ConvMotifProfileRegressor"):
        visualize_all_kernels(model, X[:20], y[:20], tmp_path / "kernels")
    assert not (tmp_path / "kernels").exists()


def test_experiments_read_a_profile_model_as_log_counts(data, model):
    from skmotif.experiments import Readout, insert_motif

    X = data[0]
    codes = model.encode(X[:20]).values
    np.testing.assert_allclose(Readout(model)(codes), np.log1p(model.predict_counts(X[:20])))
    table = insert_motif(model, "GATAAG", X, positions=[90], n_backgrounds=20, random_state=0)
    assert table.attrs["scale"] == "log(1 + counts)"
    assert table.low[0] > 0  # the motif raises the depth around it


def test_warm_start_continues_a_profile_model(data):
    X, y, _, _, _ = data
    params = {**SMALL, "epochs": 2, "learning_rate": 0.001, "warm_start": True}
    warm = ConvMotifProfileRegressor(**params).fit(X, y)
    first = warm.history_["val_loss"]
    warm.fit(X, y)
    assert warm.history_["val_loss"][0] <= first[-1] * 1.02 < first[0], (first, warm.history_)
