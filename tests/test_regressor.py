"""ConvMotifRegressor: targets, losses, scaling, weights, missing values, and scikit-learn use."""

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import FAST, planted
from sklearn.base import clone, is_regressor
from sklearn.compose import TransformedTargetRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.metrics import r2_score
from sklearn.model_selection import (
    GridSearchCV,
    HalvingRandomSearchCV,
    KFold,
    cross_val_score,
)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

import skmotif
import skmotif._estimators.base
from skmotif import ConvMotifClassifier, ConvMotifRegressor
from skmotif.metrics import pearson_r, pearson_scorer, spearman_rho

#: FAST (one conv layer, pooling over the whole sequence) with the epochs a regression needs.
REG = {**FAST, "epochs": 40}


def activity(n, seed=0, noise=0.1):
    """Planted GATTACA data with a quantitative target: 1 + 2 * (motif present) + noise."""
    X, present = planted(n, seed=seed)
    rng = np.random.default_rng(seed)
    return X, 1.0 + 2.0 * present + noise * rng.standard_normal(n)


@pytest.fixture(scope="module")
def data():
    X, y = activity(600, seed=3)
    return X[:400], y[:400], X[400:], y[400:]


@pytest.fixture(scope="module")
def fitted(data):
    X, y, _, _ = data
    return ConvMotifRegressor(**REG).fit(X, y)


def test_learns_a_planted_activity_and_scores_r2(fitted, data):
    _, _, X_test, y_test = data
    prediction = fitted.predict(X_test)
    assert prediction.shape == (200,) and prediction.dtype == np.float64
    assert fitted.score(X_test, y_test) == pytest.approx(r2_score(y_test, prediction))
    # The noise (sd 0.1) against a signal of sd 1 caps R² at 0.99.
    assert fitted.score(X_test, y_test) > 0.9
    assert pearson_r(y_test, prediction) > 0.95
    assert is_regressor(fitted) and fitted.n_outputs_ == 1 and not fitted.multioutput_


def test_predicting_batches_of_every_size_gives_no_tensorflow_warning(fitted, data, caplog, capfd):
    import logging

    _, _, X_test, y_test = data
    with caplog.at_level(logging.DEBUG):
        for n in (1, 7, 33, 100, 5, 2, 9, 64, 3, 200):
            fitted.predict(X_test[:n])
        fitted.score(X_test, y_test)
    said = caplog.text + capfd.readouterr().err
    assert "retracing" not in said and "WARNING" not in said


def test_targets_are_standardised_so_units_do_not_matter(fitted, data):
    X, y, X_test, _ = data
    scaled = ConvMotifRegressor(**REG).fit(X, y * 1000 + 50)
    np.testing.assert_allclose(scaled.target_offset_, y.mean() * 1000 + 50)
    np.testing.assert_allclose(scaled.target_scale_, y.std() * 1000)
    np.testing.assert_allclose(
        scaled.predict(X_test), fitted.predict(X_test) * 1000 + 50, rtol=1e-4, atol=0.5
    )


def test_same_parameters_and_defaults_as_the_classifier():
    classifier = ConvMotifClassifier().get_params()
    regressor = ConvMotifRegressor().get_params()
    assert set(classifier) - set(regressor) == {"class_weight"}
    assert set(regressor) - set(classifier) == {"loss", "missing_targets"}
    shared = set(classifier) & set(regressor)
    assert len(shared) == 40  # 37 before init_motifs, parent, warm_start
    assert {k: regressor[k] for k in shared} == {k: classifier[k] for k in shared}
    assert regressor["loss"] == "mse" and regressor["missing_targets"] == "error"
    assert 'kernel_len : int, "auto" or tuple of int, default="auto"' in ConvMotifRegressor.__doc__
    assert "loss : {" in ConvMotifRegressor.__doc__


def test_several_outputs_at_once(data):
    X, y, X_test, _ = data
    rng = np.random.default_rng(0)
    Y = pd.DataFrame({"HepG2": y, "K562": 5 - 2 * y + 0.1 * rng.standard_normal(len(y))})
    reg = ConvMotifRegressor(**REG).fit(X, Y)
    assert reg.n_outputs_ == 2 and reg.multioutput_
    assert reg.output_names_.tolist() == ["HepG2", "K562"]
    prediction = reg.predict(X_test)
    assert prediction.shape == (200, 2)
    r = pearson_r(prediction[:, 0], prediction[:, 1])
    assert r < -0.9  # the second output learned the opposite sign
    one_column = ConvMotifRegressor(**REG).fit(X, y[:, None])
    assert one_column.predict(X_test).shape == (200, 1)


def test_missing_targets_are_an_error_naming_rows_or_masked(data):
    X, y, X_test, y_test = data
    Y = np.column_stack([y, 5 - y])
    Y[::3, 1] = np.nan
    with pytest.raises(
        ValueError, match=r"missing values \(NaN\) in rows \[0, 3, 6, 9, 12\] \.\.\. \(134 rows\)"
    ):
        ConvMotifRegressor(**REG).fit(X, Y)
    reg = ConvMotifRegressor(**REG, missing_targets="mask").fit(X, Y)
    assert np.isfinite(reg.history_["loss"]).all()
    prediction = reg.predict(X_test)
    assert r2_score(y_test, prediction[:, 0]) > 0.8
    assert r2_score(5 - y_test, prediction[:, 1]) > 0.8
    # The scaling of the masked output comes from its observed values only.
    np.testing.assert_allclose(reg.target_offset_[1], np.nanmean(Y[:, 1]))


def test_masked_loss_equals_the_loss_of_the_observed_outputs():
    from skmotif._network.description import Head
    from skmotif._network.keras_setup import import_keras

    ops = import_keras().ops
    t = np.array([[0.5, np.nan], [1.0, 2.0], [np.nan, np.nan]], np.float32)
    p = np.array([[1.5, 9.0], [0.0, 3.5], [4.0, 4.0]], np.float32)
    for kind in ("mse", "huber", "poisson"):
        head = Head(kind, 2)
        keras_loss = ops.convert_to_numpy(head.loss(t, np.abs(p)))
        numpy_loss = head.per_sample(head.sample_losses(t, np.abs(p)), t)
        np.testing.assert_allclose(keras_loss, numpy_loss, rtol=1e-6)
    # By hand: squared errors 1 (row 0, one observed), (1 + 2.25) / 2 (row 1), none (row 2).
    head = Head("mse", 2)
    np.testing.assert_allclose(head.per_sample(head.sample_losses(t, p), t), [1.0, 1.625, 0.0])
    # Huber: |d| = 1 -> 0.5; |d| = 1 -> 0.5, |d| = 1.5 -> 1.0.
    head = Head("huber", 2)
    np.testing.assert_allclose(head.per_sample(head.sample_losses(t, p), t), [0.5, 0.75, 0.0])


def test_poisson_on_counts(data):
    X, y, X_test, y_test = data
    rng = np.random.default_rng(1)
    counts = rng.poisson(np.exp(y))
    reg = ConvMotifRegressor(**REG, loss="poisson").fit(X, counts)
    assert reg.target_offset_[0] == 0 and reg.target_scale_[0] == pytest.approx(counts.mean())
    prediction = reg.predict(X_test)
    assert (prediction > 0).all()
    assert spearman_rho(np.exp(y_test), prediction) > 0.6
    assert reg.model_.layers[-1].activation.__name__ == "exponential"


@pytest.fixture
def no_training(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the network was built before the input was checked")

    monkeypatch.setattr(skmotif._estimators.base, "build_network", fail)


@pytest.mark.parametrize(
    ("y", "params", "error", "match"),
    [
        (lambda y: -y, {"loss": "poisson"}, ValueError, r"negative in rows \[0, 1, 2"),
        (lambda y: y * 0, {"loss": "poisson"}, ValueError, "0 for every sample"),
        (
            lambda y: np.where(np.arange(len(y)) == 7, np.inf, y),
            {},
            ValueError,
            r"infinite.*\[7\]",
        ),
        (lambda y: y.astype(str).astype(object) + "x", {}, TypeError, "must hold numbers"),
        (lambda y: y[:10], {}, ValueError, "X has 400 samples but y has 10"),
        (lambda y: y.reshape(-1, 1, 1), {}, ValueError, "y has shape"),
        (
            lambda y: np.full((len(y), 1), np.nan),
            {"missing_targets": "mask"},
            ValueError,
            "y has 0 samples with a value for output 0",
        ),
        (lambda y: y, {"loss": "l1"}, ValueError, "'loss' parameter"),
        (lambda y: y, {"missing_targets": "drop"}, ValueError, "'missing_targets' parameter"),
        (lambda y: None, {}, ValueError, "requires y to be passed"),
    ],
)
def test_bad_targets_are_rejected_before_training(no_training, data, y, params, error, match):
    X, y_train, _, _ = data
    reg = ConvMotifRegressor(**{**REG, **params})
    with pytest.raises(error, match=match):
        reg.fit(X, y(y_train))
    assert not hasattr(reg, "model_")


def test_sample_weight_of_zero_leaves_corrupted_targets_out(data):
    X, y, X_test, y_test = data
    rng = np.random.default_rng(0)
    bad = rng.random(len(y)) < 0.5
    corrupted = np.where(bad, rng.normal(0, 10, len(y)), y)
    weights = (~bad).astype(float)
    plain = ConvMotifRegressor(**REG).fit(X, corrupted)
    weighted = ConvMotifRegressor(**REG).fit(X, corrupted, sample_weight=weights)
    assert weighted.score(X_test, y_test) > 0.8 > plain.score(X_test, y_test)


def test_validation_data_and_early_stopping_keep_the_best_epoch(data):
    X, y, X_test, y_test = data
    reg = ConvMotifRegressor(**{**REG, "epochs": 30, "patience_stopping": 3}).fit(
        X, y, validation_data=(X_test, y_test)
    )
    best = int(np.argmin(reg.history_["val_loss"]))
    assert reg.best_epoch_ == best
    # The kept weights give the best epoch's validation loss (standardised MSE).
    standardised = (y_test - reg.target_offset_[0]) / reg.target_scale_[0]
    predicted = (reg.predict(X_test) - reg.target_offset_[0]) / reg.target_scale_[0]
    assert np.mean((predicted - standardised) ** 2) == pytest.approx(
        reg.history_["val_loss"][best], rel=1e-3
    )


def test_warns_when_nothing_is_learned():
    X, _ = planted(1000, seed=5)
    y = np.random.default_rng(5).normal(size=1000)  # unrelated to the sequences
    with pytest.warns(ConvergenceWarning, match="each output's training mean"):
        ConvMotifRegressor(**{**REG, "epochs": 3}).fit(X, y)


def test_a_diverged_fit_names_the_learning_rate(data):
    X, y, _, _ = data
    reg = ConvMotifRegressor(**{**REG, "learning_rate": 1e30, "epochs": 2})
    with pytest.raises(ValueError, match=r"Training diverged.*learning_rate=1e\+30"):
        reg.fit(X, y)
    assert not hasattr(reg, "model_")


def test_average_strands_predicts_the_same_for_both_strands(data):
    X, y, X_test, _ = data
    reg = ConvMotifRegressor(**REG, reverse_complement=True, average_strands=True).fit(X, y)
    complement = str.maketrans("ACGT", "TGCA")
    opposite = [s.translate(complement)[::-1] for s in X_test]
    np.testing.assert_allclose(reg.predict(X_test), reg.predict(opposite), rtol=1e-5)


def test_sequence_structure_pairs_and_numeric_input(data):
    X, y, _, _ = data
    pairs = np.column_stack(
        [[s.replace("T", "U") for s in X], ["EHIMS"[len(s) % 5] * 40 for s in X]]
    )
    reg = ConvMotifRegressor(**{**REG, "alphabet": ("ACGU", "EHIMS")}).fit(pairs, y)
    assert reg.n_features_in_ == 2 and reg.score(pairs, y) > 0.8
    numeric = ConvMotifClassifier(**FAST).fit(X, y > 2).encode(X).one_hot()
    reg = ConvMotifRegressor(**REG).fit(numeric, y)
    assert reg.alphabet_ is None and reg.score(numeric, y) > 0.8


def test_clone_pickle_and_save_load_predict_identically(fitted, data, tmp_path):
    _, _, X_test, _ = data
    expected = fitted.predict(X_test)
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(fitted)).predict(X_test), expected)
    loaded = skmotif.load(skmotif.save(fitted, tmp_path / "model"))
    assert type(loaded) is ConvMotifRegressor
    np.testing.assert_array_equal(loaded.predict(X_test), expected)
    for name in ConvMotifRegressor.FITTED_ATTRIBUTES:
        assert type(getattr(loaded, name)) is type(getattr(fitted, name)), name
    assert clone(fitted).get_params() == fitted.get_params()


def test_named_outputs_survive_saving(data, tmp_path):
    X, y, _, _ = data
    Y = pd.DataFrame({"HepG2": y, "K562": y})
    reg = ConvMotifRegressor(**{**REG, "epochs": 2}).fit(X, Y)
    loaded = skmotif.load(skmotif.save(reg, tmp_path / "model"))
    assert loaded.output_names_.tolist() == ["HepG2", "K562"]


def test_pipeline_cross_val_and_searches(data):
    X, y, _, _ = data
    quick = {**REG, "epochs": 8}
    pipe = make_pipeline(
        FunctionTransformer(lambda s: [x.upper() for x in s]), ConvMotifRegressor(**quick)
    )
    scores = cross_val_score(pipe, X, y, cv=KFold(2), scoring="r2")
    assert scores.shape == (2,) and (scores > 0.5).all()
    grid = GridSearchCV(
        ConvMotifRegressor(**quick), {"kernel_num": [4, 12]}, cv=2, scoring=pearson_scorer
    ).fit(X, y)
    assert grid.best_score_ > 0.8 and set(grid.cv_results_["param_kernel_num"]) == {4, 12}
    halving = HalvingRandomSearchCV(
        ConvMotifRegressor(**quick),
        {"learning_rate": [0.01, 0.02]},
        n_candidates=2,
        cv=2,
        min_resources=100,
        random_state=0,
    ).fit(X, y)
    assert halving.best_score_ > 0.5  # R² by default


def test_transformed_target_regressor(data):
    X, y, X_test, y_test = data
    counts = np.expm1(y)
    wrapped = TransformedTargetRegressor(
        ConvMotifRegressor(**REG), func=np.log1p, inverse_func=np.expm1
    ).fit(X, counts)
    assert r2_score(y_test, np.log1p(wrapped.predict(X_test))) > 0.8


def test_search_space_for_regression():
    spaces = skmotif.search_space("dna", length=40, task="regression")
    assert all(ConvMotifRegressor().set_params(**{k: v[0] for k, v in g.items()}) for g in spaces)
    with pytest.raises(ValueError, match="task must be"):
        skmotif.search_space("dna", task="ranking")


def test_fits_of_one_architecture_share_a_compiled_copy(data):
    from skmotif._network import train as _train

    X, y, _, _ = data
    a = ConvMotifRegressor(**{**REG, "epochs": 1}).fit(X, y)
    b = ConvMotifRegressor(**{**REG, "epochs": 1}).fit(X, y * 10 + 3)
    assert a._architecture() == b._architecture()  # the scaling is not part of the key
    assert a._architecture().head.scale != b._architecture().head.scale
    assert any(key == a._architecture() for key in _train._idle)


def test_warnings_are_not_raised_by_a_good_fit(data):
    X, y, _, _ = data
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        ConvMotifRegressor(**REG).fit(X, y)


def test_attribution_reads_an_output_in_standardised_units(fitted, data):
    from skmotif.interpret import deep_lift_shap, ism, saliency

    X_test = data[2][:12]
    offset, scale = fitted.target_offset_[0], fitted.target_scale_[0]

    def standardised(sequences):
        return (fitted.predict(sequences) - offset) / scale

    zero = np.zeros((1, 40, 4), np.float32)  # the all-unknown sequence
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        contributions = deep_lift_shap(fitted, X_test, references=zero)
    np.testing.assert_allclose(
        contributions.sum(axis=(1, 2)),
        standardised(X_test) - standardised(["N" * 40])[0],
        rtol=1e-3,
        atol=1e-4,
    )
    effect = ism(fitted, X_test[:2])
    mutant = X_test[1][:5] + "ACGT"[(("ACGT".index(X_test[1][5])) + 1) % 4] + X_test[1][6:]
    symbol = "ACGT".index(mutant[5])
    assert effect[1, 5, symbol] * scale == pytest.approx(
        fitted.predict([mutant])[0] - fitted.predict([X_test[1]])[0], rel=1e-3, abs=1e-4
    )
    assert saliency(fitted, X_test).shape == (12, 40, 4)


def test_variant_effects_in_the_targets_units(fitted, data):
    from skmotif.interpret import variant_effects

    X_test = data[2]
    carrier = next(i for i, s in enumerate(X_test) if "GATTACA" in s)
    start = X_test[carrier].index("GATTACA")
    table = variant_effects(
        fitted, X_test, [(carrier, start + 1, "A", "C"), (carrier, 0, X_test[carrier][0], "G")]
    )
    assert table.columns.tolist()[4:] == ["ref_value", "alt_value", "difference"]
    mutant = X_test[carrier][: start + 1] + "C" + X_test[carrier][start + 2 :]
    assert table["alt_value"][0] == pytest.approx(fitted.predict([mutant])[0])
    assert table["ref_value"][0] == pytest.approx(fitted.predict([X_test[carrier]])[0])
    np.testing.assert_allclose(table["difference"], table["alt_value"] - table["ref_value"])
    assert table["difference"][0] < -1.0  # breaking the motif loses most of the +2 activity


def test_a_multi_output_model_needs_a_named_target(data):
    from skmotif.interpret import saliency

    X, y, X_test, _ = data
    reg = ConvMotifRegressor(**{**REG, "epochs": 2}).fit(X, pd.DataFrame({"a": y, "b": -y}))
    with pytest.raises(ValueError, match=r"2 outputs \['a', 'b'\]; name the one to read"):
        saliency(reg, X_test[:2])
    with pytest.raises(ValueError, match=r"target must be one of the outputs \['a', 'b'\]"):
        saliency(reg, X_test[:2], target="c")
    assert saliency(reg, X_test[:2], target="b").shape == (2, 40, 4)


def test_kernel_report_relates_each_kernel_to_the_target(fitted, data, tmp_path):
    from skmotif.interpret._kernels import silencing_losses
    from skmotif.report import visualize_all_kernels

    _, _, X_test, y_test = data
    results = visualize_all_kernels(fitted, X_test, y_test, tmp_path, n_jobs=1)
    best = int(np.argmax([r.importance for r in results]))
    assert "GATTACA" in results[best].motif.consensus
    page = (tmp_path / "summary.html").read_text()
    assert "loss increase when silenced" in page and f"target_kernel_{best}.png" in page
    assert (tmp_path / f"target_kernel_{best}.png").stat().st_size > 5000
    # The importance is the silencing loss; by hand for the best kernel: its activation
    # set to 0 by the weights, the network's standardised squared error rises.
    encoded = fitted.encode(X_test)
    change = silencing_losses(fitted, encoded, y_test[:, None])
    assert results[best].importance == pytest.approx(change[best, 0])
    standardised = (y_test - fitted.target_offset_[0]) / fitted.target_scale_[0]
    intact = np.mean(
        (
            (fitted.predict(X_test) - fitted.target_offset_[0]) / fitted.target_scale_[0]
            - standardised
        )
        ** 2
    )
    copy = pickle.loads(pickle.dumps(fitted))
    conv = copy.network().first_convolution()
    kernel, bias = conv.kernel.numpy(), conv.bias.numpy()
    kernel[..., best], bias[best] = 0.0, -1e9
    conv.kernel.assign(kernel)
    conv.bias.assign(bias)
    silenced = np.mean(
        (
            (copy.predict(X_test) - fitted.target_offset_[0]) / fitted.target_scale_[0]
            - standardised
        )
        ** 2
    )
    assert change[best, 0] == pytest.approx(silenced - intact, rel=1e-4)
    assert change[best, 0] > 0.3  # the motif carries most of the signal


def test_kernel_motifs_group_by_quarters_of_the_chosen_output(data):
    from skmotif import kernel_motifs
    from skmotif.interpret._kernels import KernelSummary

    X, y, X_test, y_test = data
    Y = pd.DataFrame({"up": y, "down": -y})
    reg = ConvMotifRegressor(**REG).fit(X, Y)
    Y_test = pd.DataFrame({"up": y_test, "down": -y_test})
    summary = KernelSummary.compute(reg, X_test, Y_test, target="down")
    assert summary.classes.tolist() == ["Q1", "Q2", "Q3", "Q4"]
    assert summary.regression.output == 1
    best = int(np.argmax(summary.importance))
    # Carriers have the lowest "down" values: the motif kernel's sites come from Q1,
    # and its correlation is positive with "up", negative with "down".
    assert summary.top_class[best] == 0
    r_up, r_down = summary.regression.correlation[best]
    assert r_up > 0.5 and r_down < -0.5
    results = kernel_motifs(reg, X_test, Y_test, target="down")
    assert "GATTACA" in results[best].motif.consensus


def test_performance_report_for_regression(tmp_path):
    from scipy.stats import pearsonr, spearmanr

    from skmotif.report import performance_report

    rng = np.random.default_rng(0)
    truth = rng.normal(size=(50, 2))
    pred = truth + rng.normal(scale=0.5, size=(50, 2))
    truth[3, 1] = np.nan
    table = performance_report(truth, pred, ["HepG2", "K562"], "regression", folder=tmp_path)
    assert table.index.tolist() == ["HepG2", "K562", "mean"]
    assert table.columns.tolist() == ["R2", "pearson", "spearman", "MSE", "n"]
    known = ~np.isnan(truth[:, 1])
    assert table.loc["K562", "n"] == 49 and table.loc["mean", "n"] == 99
    assert table.loc["K562", "pearson"] == pytest.approx(
        pearsonr(truth[known, 1], pred[known, 1])[0]
    )
    assert table.loc["HepG2", "spearman"] == pytest.approx(spearmanr(truth[:, 0], pred[:, 0])[0])
    assert table.loc["HepG2", "MSE"] == pytest.approx(np.mean((truth[:, 0] - pred[:, 0]) ** 2))
    assert table.loc["mean", "R2"] == pytest.approx(table["R2"][:2].mean())
    assert "pearson" in (tmp_path / "performance.txt").read_text()
    assert (tmp_path / "performance.png").stat().st_size > 10000
    one = performance_report(truth[:, 0], pred[:, 0], None, task="regression")
    assert one.index.tolist() == ["y"]
    with pytest.raises(ValueError, match="task must be"):
        performance_report(truth, pred, None, task="ranking")


def test_a_users_subclass_keeps_its_own_init_and_parameters():
    class Tuned(ConvMotifClassifier):
        def __init__(self, kernel_len=11, note="x"):
            super().__init__(kernel_len=kernel_len)
            self.note = note

    class Plain(ConvMotifRegressor):
        pass

    assert Tuned(note="y").get_params() == {"kernel_len": 11, "note": "y"}
    assert Plain().get_params() == ConvMotifRegressor().get_params()
    assert Plain._parameter_constraints == ConvMotifRegressor._parameter_constraints
