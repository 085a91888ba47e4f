"""ConvMotifClassifier: learning, determinism, input kinds, training control, bad input."""

import subprocess
import sys
import warnings

import numpy as np
import pytest
from conftest import FAST, planted
from sklearn.exceptions import ConvergenceWarning, NotFittedError
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.utils.class_weight import compute_class_weight

import skmotif._estimators.base
from skmotif import PROTEIN, Alphabet, ConvMotifClassifier, pysster_params
from skmotif._codec import encode, one_hot


@pytest.fixture(scope="module")
def fitted(motif_data):
    X, y, _, _ = motif_data
    return ConvMotifClassifier(**FAST).fit(X, y)


def test_learns_a_planted_motif(fitted, motif_data):
    _, _, X_test, y_test = motif_data
    proba = fitted.predict_proba(X_test)
    assert proba.shape == (len(X_test), 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12)
    assert roc_auc_score(y_test, proba[:, 1]) > 0.97
    assert fitted.score(X_test, y_test) > 0.9
    assert set(fitted.predict(X_test)) <= {0, 1}


def test_fitted_attributes(fitted):
    np.testing.assert_array_equal(fitted.classes_, [0, 1])
    assert fitted.n_features_in_ == 1
    assert str(fitted.alphabet_) == "ACGT"
    assert fitted.input_shape_ == (40, 4)
    assert set(fitted.history_) == {"loss", "val_loss", "learning_rate"}
    n_epochs = len(fitted.history_["loss"])
    assert 1 <= n_epochs <= FAST["epochs"]
    assert all(len(v) == n_epochs for v in fitted.history_.values())
    assert fitted.best_epoch_ == int(np.argmin(fitted.history_["val_loss"]))


def test_string_labels_come_back_in_classes_order(motif_data):
    X, y, X_test, _ = motif_data
    labels = np.array(["bound", "unbound"])[1 - y]
    clf = ConvMotifClassifier(**FAST).fit(X, labels)
    assert clf.classes_.tolist() == ["bound", "unbound"]
    proba = clf.predict_proba(X_test)
    np.testing.assert_array_equal(clf.predict(X_test), clf.classes_[proba.argmax(axis=1)])


def test_same_random_state_gives_identical_predictions(fitted, motif_data):
    X, y, X_test, _ = motif_data
    again = ConvMotifClassifier(**FAST).fit(X, y)
    np.testing.assert_array_equal(again.predict_proba(X_test), fitted.predict_proba(X_test))
    assert again.history_ == fitted.history_
    other = ConvMotifClassifier(**{**FAST, "random_state": 1}).fit(X, y)
    assert not np.array_equal(other.predict_proba(X_test), fitted.predict_proba(X_test))


def test_prediction_does_not_depend_on_the_batch(fitted, motif_data):
    _, _, X_test, _ = motif_data
    together = fitted.predict_proba(X_test)
    alone = np.vstack([fitted.predict_proba([s]) for s in X_test[:5]])
    np.testing.assert_allclose(alone, together[:5], rtol=1e-6, atol=1e-7)
    # A short sequence is padded to the fitted length, whatever it comes with.
    short = X_test[0][:25]
    np.testing.assert_allclose(
        fitted.predict_proba([short]), fitted.predict_proba([short, X_test[1]])[:1], atol=1e-7
    )


def test_unknown_symbol_and_padding_are_zero_vectors(fitted, motif_data):
    _, _, X_test, _ = motif_data
    seqs = ["N" * 5 + X_test[0][5:30], X_test[1]]
    by_string = fitted.predict_proba(seqs)
    zeros = one_hot(encode(seqs, fitted.alphabet_, length=40), 4)
    assert zeros[0, :5].sum() == 0 and zeros[0, 30:].sum() == 0
    np.testing.assert_allclose(fitted.predict_proba(zeros), by_string, atol=1e-7)


def test_variable_length_training_pads_to_the_longest():
    X, y = planted(200, length=40, seed=2)
    X = [s[: 34 + i % 7] for i, s in enumerate(X)]
    clf = ConvMotifClassifier(**{**FAST, "epochs": 2, "pool_size": 2}).fit(X, y)
    assert clf.input_shape_ == (40, 4)
    with pytest.raises(ValueError, match="Sequence 1 has 41 positions, more than the 40"):
        clf.predict(["ACGT", "A" * 41])


def test_sequence_structure_pairs():
    X, y = planted(300, length=30, seed=3, symbols="ACGU", motif="GAUUACA")
    rng = np.random.default_rng(0)
    structures = ["".join(rng.choice(list("EHIMS"), 30)) for _ in X]
    pairs = np.column_stack([X, structures])
    clf = ConvMotifClassifier(
        **{**FAST, "pool_size": 24, "pool_stride": 24}, alphabet=("ACGU", "EHIMS")
    ).fit(pairs, y)
    assert clf.n_features_in_ == 2 and clf.input_shape_ == (30, 20)
    assert clf.score(pairs, y) > 0.85
    with pytest.raises(ValueError, match="expects \\(sequence, structure\\) pairs"):
        clf.predict(X)


def test_protein_sequences():
    X, y = planted(300, length=30, seed=4, symbols=PROTEIN, motif="WWKHHW")
    clf = ConvMotifClassifier(
        **{**FAST, "kernel_len": 6, "pool_size": 25, "pool_stride": 25}, alphabet=PROTEIN
    ).fit(X, y)
    assert clf.input_shape_ == (30, 20)
    assert clf.score(X, y) > 0.9
    assert clf.predict(["X" * 30]).shape == (1,)


def test_numeric_input_3d_and_2d(motif_data):
    X, y, X_test, _ = motif_data
    onehot = one_hot(encode(X, Alphabet("ACGT")), 4)
    clf = ConvMotifClassifier(**FAST).fit(onehot, y)
    assert clf.alphabet_ is None and clf.input_shape_ == (40, 4) and clf.n_features_in_ == 40
    strings = ConvMotifClassifier(**FAST).fit(X, y)
    test = one_hot(encode(X_test, Alphabet("ACGT")), 4)
    np.testing.assert_allclose(clf.predict_proba(test), strings.predict_proba(X_test), atol=1e-6)
    flat = ConvMotifClassifier(**{**FAST, "epochs": 1}).fit(onehot.argmax(axis=2), y)
    assert flat.input_shape_ == (40, 1)


def test_multilabel_indicator_targets():
    X, y = planted(300, seed=5)
    second = (np.arange(300) % 3 == 0).astype(int)
    Y = np.column_stack([y, second])
    clf = ConvMotifClassifier(**{**FAST, "epochs": 3}).fit(X, Y)
    assert clf.model_.get_layer("output").activation.__name__ == "sigmoid"
    np.testing.assert_array_equal(clf.classes_, [0, 1])
    proba = clf.predict_proba(X)
    assert proba.shape == (300, 2) and ((proba >= 0) & (proba <= 1)).all()
    predicted = clf.predict(X)
    np.testing.assert_array_equal(predicted, (proba > 0.5).astype(int))
    with pytest.raises(ValueError, match="class_weight is for single-label y"):
        ConvMotifClassifier(**FAST, class_weight="balanced").fit(X, Y)


def test_validation_data_overrides_the_split_and_best_weights_are_kept(motif_data):
    X, y, X_test, y_test = motif_data
    clf = ConvMotifClassifier(**{**FAST, "epochs": 12, "learning_rate": 0.05}).fit(
        X, y, validation_data=(X_test, y_test)
    )
    best = clf.history_["val_loss"][clf.best_epoch_]
    assert best == min(clf.history_["val_loss"])
    # The kept weights are those of the best epoch: their loss on the validation data.
    assert log_loss(y_test, clf.predict_proba(X_test)) == pytest.approx(best, rel=1e-4)


def test_without_validation_the_training_loss_is_monitored(motif_data):
    X, y, _, _ = motif_data
    clf = ConvMotifClassifier(**{**FAST, "epochs": 3}, validation_fraction=0).fit(X, y)
    assert set(clf.history_) == {"loss", "learning_rate"}
    assert clf.best_epoch_ == int(np.argmin(clf.history_["loss"]))


def test_learning_rate_is_halved_and_training_stops_on_plateau(motif_data):
    X, y, _, _ = motif_data
    # Labels with no signal: the validation loss stops improving at once.
    noise = np.random.default_rng(0).permutation(y)
    clf = ConvMotifClassifier(
        **{**FAST, "epochs": 60, "learning_rate": 0.05}, patience_lr=1, patience_stopping=4
    ).fit(X, noise)
    rates = clf.history_["learning_rate"]
    assert len(rates) < 60
    assert len(rates) == clf.best_epoch_ + 1 + 4  # stopped after patience_stopping epochs
    assert rates[0] == pytest.approx(0.05)
    halvings = np.log2(rates[0] / np.array(rates))
    np.testing.assert_allclose(halvings, np.round(halvings), atol=1e-5)
    assert np.all(np.diff(rates) <= 0) and rates[-1] < rates[0]


def test_class_weight_changes_what_is_learned(motif_data):
    X, y, X_test, _ = motif_data
    ignore_ones = ConvMotifClassifier(**FAST, class_weight={0: 1.0, 1: 0.0}).fit(X, y)
    assert (ignore_ones.predict(X_test) == 0).all()


def test_balanced_equals_explicit_class_and_sample_weights(motif_data):
    X, y, X_test, _ = motif_data
    keep = (y == 0) | (np.arange(len(y)) % 6 == 1)  # 3 negatives per positive
    X, y = [s for s, k in zip(X, keep, strict=True) if k], y[keep]
    weights = compute_class_weight("balanced", classes=np.array([0, 1]), y=y)
    assert weights[1] / weights[0] == pytest.approx(200 / 67)
    params = {**FAST, "epochs": 4}
    balanced = ConvMotifClassifier(**params, class_weight="balanced").fit(X, y)
    explicit = ConvMotifClassifier(**params, class_weight=dict(enumerate(weights))).fit(X, y)
    per_sample = ConvMotifClassifier(**params).fit(X, y, sample_weight=weights[y])
    unweighted = ConvMotifClassifier(**params).fit(X, y)
    expected = balanced.predict_proba(X_test)
    np.testing.assert_allclose(explicit.predict_proba(X_test), expected, atol=1e-6)
    np.testing.assert_allclose(per_sample.predict_proba(X_test), expected, atol=1e-6)
    # Up-weighting the rare positives raises their predicted probability.
    assert expected[:, 1].mean() > unweighted.predict_proba(X_test)[:, 1].mean()


@pytest.mark.parametrize("rnn_type", ["LSTM", "GRU"])
def test_recurrent_network_trains(motif_data, rnn_type):
    X, y, X_test, _ = motif_data
    params = {**FAST, "pool_size": 2, "pool_stride": 2, "epochs": 4, "learning_rate": 0.01}
    clf = ConvMotifClassifier(**params, rnn_type=rnn_type, rnn_units=8).fit(X, y)
    assert f"bidirectional_{rnn_type.lower()}_1" in [layer.name for layer in clf.model_.layers]
    assert clf.history_["loss"][-1] < clf.history_["loss"][0]
    assert clf.predict_proba(X_test).shape == (len(X_test), 2)


def test_summary_lists_layer_names(fitted, capsys):
    fitted.summary()
    out = capsys.readouterr().out
    for name in ("dropout_input", "conv_1", "pool_1", "output"):
        assert name in out


def test_import_does_not_load_tensorflow():
    code = (
        "import sys, skmotif, skmotif._cli, skmotif.io; "
        "print(*(m in sys.modules for m in ('tensorflow', 'keras', 'sklearn')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False False"


# -- bad input: a clear error before any training starts ---------------------------


@pytest.fixture
def no_training(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the network was built before the input was checked")

    monkeypatch.setattr(skmotif._estimators.base, "build_network", fail)


X_OK, Y_OK = planted(20, length=30)


@pytest.mark.parametrize(
    ("X", "y", "params", "error", "match"),
    [
        ([], [], {}, ValueError, "X is empty"),
        (X_OK, Y_OK[:-1], {}, ValueError, "X has 20 samples but y has 19"),
        (X_OK, np.zeros(20), {}, ValueError, "y has 1 class"),
        (X_OK, None, {}, ValueError, "requires y to be passed"),
        (np.full((20, 30), np.nan), Y_OK, {}, ValueError, "Input X contains NaN"),
        (np.full((20, 30), np.inf), Y_OK, {}, ValueError, "Input X contains infinity"),
        ([*X_OK[:-1], "ACGTZ"], Y_OK, {}, ValueError, "Sequence 19 has the symbol 'Z'"),
        ([*X_OK[:-1], ""], Y_OK, {}, ValueError, "Sequence 19 is an empty string"),
        (
            np.column_stack([X_OK, ["E" * 29] * 20]),
            Y_OK,
            {"alphabet": ("ACGT", "EHIMS")},
            ValueError,
            "Sequence 0 has 30 positions but its structure has 29",
        ),
        (np.zeros((20, 30, 4, 1)), Y_OK, {}, ValueError, "got a 4-D array"),
        (X_OK, Y_OK, {"kernel_num": 0}, ValueError, "'kernel_num' parameter"),
        (X_OK, Y_OK, {"kernel_len": -3}, ValueError, "'kernel_len' parameter"),
        (X_OK, Y_OK, {"kernel_num": (10, 0)}, ValueError, "'kernel_num' parameter.*Got 0"),
        (X_OK, Y_OK, {"epochs": 0}, ValueError, "'epochs' parameter"),
        (X_OK, Y_OK, {"batch_size": 0}, ValueError, "'batch_size' parameter"),
        (X_OK, Y_OK, {"learning_rate": 0.0}, ValueError, "'learning_rate' parameter"),
        (X_OK, Y_OK, {"conv_num": -1}, ValueError, "'conv_num' parameter"),
        (X_OK, Y_OK, {"dropout_conv": 1.0}, ValueError, "'dropout_conv' parameter"),
        (X_OK, Y_OK, {"dropout_input": -0.1}, ValueError, "'dropout_input' parameter"),
        (X_OK, Y_OK, {"dropout_dense": (1.5,)}, ValueError, "'dropout_dense' parameter"),
        (X_OK, Y_OK, {"rnn_type": "RNN"}, ValueError, "'rnn_type' parameter.*'GRU'"),
        (
            X_OK,
            Y_OK,
            {"conv_num": 2, "kernel_num": (3, 4, 5)},
            ValueError,
            "kernel_num=\\(3, 4, 5\\) gives 3",
        ),
        (X_OK, Y_OK, {"alphabet": "A"}, ValueError, "at least two symbols"),
        (X_OK, Y_OK, {"alphabet": 4}, ValueError, "'alphabet' parameter"),
        (
            X_OK,
            Y_OK,
            {"conv_num": 2, "kernel_len": 11},  # set by the user: not made to fit 30 positions
            ValueError,
            "Conv layer 2 .*shrinks the sequence to nothing",
        ),
        (np.array([*X_OK[:-1], 7], dtype=object), Y_OK, {}, TypeError, "mixes strings with int"),
    ],
)
def test_bad_input_is_rejected_before_training(no_training, X, y, params, error, match):
    with pytest.raises(error, match=match):
        ConvMotifClassifier(**params).fit(X, y)


def test_predict_before_fit():
    with pytest.raises(NotFittedError, match="not fitted yet"):
        ConvMotifClassifier().predict(X_OK)


def test_predict_with_other_alphabet_or_channels_than_fit(fitted, motif_data):
    _, _, X_test, _ = motif_data
    fitted.set_params(alphabet="ACGU")
    try:
        with pytest.raises(ValueError, match="alphabet is ACGU but the model was fit with ACGT"):
            fitted.predict(X_test)
    finally:
        fitted.set_params(alphabet="ACGT")
    with pytest.raises(ValueError, match=r"\(length, channels\) = \(40, 5\).*\(40, 4\)"):
        fitted.predict(np.zeros((3, 40, 5)))
    numeric = ConvMotifClassifier(**{**FAST, "epochs": 1}).fit(np.zeros((20, 40, 4)), Y_OK)
    with pytest.raises(ValueError, match="fit on numeric arrays"):
        numeric.predict(X_test)


# -- training that learns, or says it did not --------------------------------------


def test_the_heads_base_rate_loss_equals_the_hand_computed_one():
    from skmotif._network.description import Head

    single, multi = Head("softmax", 2), Head("sigmoid", 2)

    fit = np.array([[1, 0], [0, 1], [0, 1], [0, 1]], np.float32)  # frequencies 1/4, 3/4
    val = np.array([[1, 0], [0, 1]], np.float32)
    expected = -(np.log(0.25) + np.log(0.75)) / 2
    assert single.baseline_loss(fit, None, val, None) == pytest.approx(expected)
    # Weights: the first sample counts 3x, so the frequencies become 1/2, 1/2, and
    # the monitored losses are weighted, then divided by the sample count (as Keras).
    w = np.array([3, 1, 1, 1], np.float32)
    assert single.baseline_loss(fit, w, val, np.array([2, 0], np.float32)) == pytest.approx(
        2 * np.log(2) / 2
    )
    # Multi-label: binary cross-entropy per label, averaged over labels.
    labels = np.array([[1, 0], [1, 1]], np.float32)  # label frequencies 1, 1/2
    one = -np.log(1 - 1e-7)
    expected = ((one + np.log(2)) + (one + np.log(2))) / 2 / 2
    assert multi.baseline_loss(labels, None, labels, None) == pytest.approx(expected, rel=1e-5)


def test_warns_when_training_learns_nothing(motif_data):
    X, y, _, _ = motif_data
    noise = np.random.default_rng(0).permutation(y)
    with pytest.warns(ConvergenceWarning, match="ended without learning.*learning_rate"):
        ConvMotifClassifier(**{**FAST, "epochs": 4}).fit(X, noise)


def test_no_warning_when_the_model_learns(motif_data):
    X, y, _, _ = motif_data
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        ConvMotifClassifier(**FAST).fit(X, y)


@pytest.mark.slow
def test_defaults_learn_a_planted_8mer_where_pysster_settings_stall():
    # Issue 13's first case: 1,000 random 80 nt sequences, half with TGACTCAG.
    X, y = planted(1000, length=80, motif="TGACTCAG", seed=3)
    X_train, y_train, X_test, y_test = X[:800], y[:800], X[800:], y[800:]
    scores = [  # three training seeds: one seed's auROC moves by 0.01-0.04 (0.947-0.998)
        roc_auc_score(y_test, ConvMotifClassifier(random_state=seed).fit(X_train, y_train)
                      .predict_proba(X_test)[:, 1])
        for seed in (0, 1, 2)
    ]  # fmt: skip
    assert np.mean(scores) >= 0.95 and min(scores) >= 0.9
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        pysster = ConvMotifClassifier(**pysster_params(), epochs=30, random_state=0)
        pysster.fit(X_train, y_train)
    assert roc_auc_score(y_test, pysster.predict_proba(X_test)[:, 1]) < 0.9


def test_pysster_params_build_pysster_network():
    # pysster's default network on 140 nt DNA, parameters counted by hand:
    # conv_1 25*4*30+30, conv_2 25*30*30+30, 140-24=116 -> 58 -> 34 -> 17 positions,
    # dense_1 17*30*100+100, output 100*2+2.
    X, y = planted(20, length=140)
    clf = ConvMotifClassifier(**pysster_params(), epochs=1, random_state=0).fit(X, y)
    assert clf.model_.count_params() == 3030 + 22530 + 51100 + 202
    assert "skip_pool" not in [layer.name for layer in clf.model_.layers]


def test_global_skip_sends_first_layer_maxima_to_the_output():
    X, y = planted(20, length=140)
    clf = ConvMotifClassifier(global_skip=True, epochs=1, random_state=0).fit(X, y)
    names = [layer.name for layer in clf.model_.layers]
    assert {"skip_pool", "skip_concat"} <= set(names)
    output = clf.model_.get_layer("output")
    assert output.kernel.shape == (clf.resolved_params_["kernel_num"] + clf.neuron_num, 2)
    # The maxima over all positions of conv_1's ReLU output feed the output layer.
    assert clf.model_.get_layer("skip_pool").input is clf.model_.get_layer("conv_1").output
    # A first layer that already pools globally needs no skip.
    params = dict(conv_num=1, pool_size="global", dense_num=0, global_skip=True, epochs=1)
    flat = ConvMotifClassifier(**params).fit(X, y)
    assert "skip_pool" not in [layer.name for layer in flat.model_.layers]


def test_callbacks_run_beside_the_fixed_ones(motif_data, tmp_path):
    from skmotif import load, save
    from skmotif._network.keras_setup import import_keras

    keras = import_keras()
    X, y, _, _ = motif_data
    seen, kernels = [], []

    class Reader(keras.callbacks.Callback):  # reads a layer of the training network by name
        def on_epoch_end(self, epoch, logs=None):
            seen.append(epoch)
            kernels.append(self.model.get_layer("conv_1").kernel.numpy().copy())

    checkpoints = [
        keras.callbacks.ModelCheckpoint(tmp_path / "epoch.keras"),
        keras.callbacks.ModelCheckpoint(tmp_path / "epoch.weights.h5", save_weights_only=True),
    ]
    clf = ConvMotifClassifier(**{**FAST, "epochs": 3}, callbacks=[Reader(), *checkpoints])
    clf.fit(X, y)
    assert seen == [0, 1, 2]
    assert not np.array_equal(kernels[0], kernels[-1])  # the layer that trains
    saved = keras.models.load_model(tmp_path / "epoch.keras")  # the last epoch's network
    assert [layer.name for layer in saved.layers] == [layer.name for layer in clf.model_.layers]
    np.testing.assert_array_equal(saved.get_layer("conv_1").kernel.numpy(), kernels[-1])
    clf.model_.load_weights(tmp_path / "epoch.weights.h5")  # a network's weights file
    np.testing.assert_array_equal(clf.model_.get_layer("conv_1").kernel.numpy(), kernels[-1])
    assert set(clf.history_) == {"loss", "val_loss", "learning_rate"}
    # Callbacks are objects of a training run, not settings of the model: not saved.
    assert load(save(clf, tmp_path / "model")).callbacks is None


def test_encode_gives_the_network_input_as_predict_builds_it(fitted, motif_data):
    from skmotif.encoding import EncodedInput

    _, y, X_test, _ = motif_data
    encoded = fitted.encode([*X_test[:3], "ACGN"])
    assert isinstance(encoded, EncodedInput) and encoded.alphabet == Alphabet("ACGT")
    np.testing.assert_array_equal(
        encoded.values, encode([*X_test[:3], "ACGN"], Alphabet("ACGT"), length=40)
    )
    assert fitted.input_alphabet() == Alphabet("ACGT")
    # Numeric input with the alphabet's channels first reads as that alphabet.
    tracks = np.zeros((len(y), 40, 5), np.float32)
    numeric = ConvMotifClassifier(**{**FAST, "epochs": 1}).fit(tracks, y)
    assert numeric.input_alphabet() == Alphabet("ACGT")
    assert numeric.encode(tracks[:2]).symbol_channels == 4
    protein = ConvMotifClassifier(**{**FAST, "epochs": 1}, alphabet=PROTEIN).fit(tracks, y)
    assert protein.input_alphabet() is None  # 20 symbols do not fit in 5 channels
    with pytest.raises(NotFittedError):
        ConvMotifClassifier().encode(X_test)


def test_prediction_runs_one_traced_forward_pass_per_network(fitted, motif_data):
    """predict_proba traces the network once (any batch size) and matches eager calls."""
    from skmotif._network import predict as _predict

    _, _, X_test, _ = motif_data
    encoded = fitted.encode(X_test)
    traced = _predict.predict(fitted.model_, encoded)
    fitted.predict_proba(X_test[:3])  # a smaller batch reuses the same trace
    assert fitted.model_._skmotif_traced_forward.experimental_get_tracing_count() == 1
    _, batch = next(encoded.batches(len(X_test)))
    eager = fitted.model_(batch, training=False).numpy()
    np.testing.assert_allclose(traced, eager, rtol=1e-5, atol=1e-7)


def test_encoded_input_fits_and_predicts_as_strings_do(motif_data):
    from skmotif._codec import encode
    from skmotif.encoding import EncodedInput

    X, y, X_test, _ = motif_data
    alphabet = skmotif.Alphabet("ACGT")
    encoded = EncodedInput(encode(X, alphabet, length=45), alphabet)  # 5 positions of padding
    params = {**FAST, "epochs": 2}
    from_codes = ConvMotifClassifier(**params).fit(encoded, y)
    assert from_codes.input_shape_ == (45, 4) and from_codes.n_features_in_ == 1
    from_strings = ConvMotifClassifier(**params).fit([s + "N" * 5 for s in X], y)
    np.testing.assert_array_equal(
        from_codes.predict_proba(X_test), from_strings.predict_proba(X_test)
    )
    short = EncodedInput(encode(X_test, alphabet), alphabet)  # 40 positions, padded to 45
    np.testing.assert_array_equal(
        from_codes.predict_proba(short), from_codes.predict_proba(X_test)
    )


def test_a_label_column_without_positives_warns_what_the_model_does():
    X, y = planted(60, seed=2)
    Y = np.column_stack([y, 1 - y, np.zeros(60, int)])
    with pytest.warns(UserWarning, match=r"Label column\(s\) \[2\] of y have no positive sample"):
        model = ConvMotifClassifier(**{**FAST, "epochs": 2}).fit(X, Y)
    assert model.predict_proba(X)[:, 2].max() < 0.5
