"""First-layer activations: equal to a NumPy convolution, batch-size independent, a transformer."""

import numpy as np
import pytest
from conftest import FAST
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

import skmotif.interpret._activations
from skmotif import Alphabet, ConvMotifClassifier, KernelActivationTransformer
from skmotif._codec import encode, one_hot
from skmotif.interpret._activations import activation_profiles, kernel_activations


def numpy_conv(model, X):
    """relu(valid 1-D convolution) with the model's conv_1 weights, in NumPy."""
    kernel, bias = model.get_layer("conv_1").get_weights()  # (len, channels, kernels)
    width = kernel.shape[0]
    windows = np.stack([X[:, p : p + width] for p in range(X.shape[1] - width + 1)], axis=1)
    return np.maximum(np.einsum("npwc,wck->npk", windows, kernel) + bias, 0)


def test_max_and_argmax_match_a_numpy_convolution(fast_model, motif_data):
    _, _, X_test, _ = motif_data
    reference = numpy_conv(fast_model.model_, one_hot(encode(X_test, Alphabet("ACGT")), 4))
    acts = kernel_activations(fast_model, X_test)
    assert acts.max.shape == acts.argmax.shape == (len(X_test), 12)
    assert acts.kernel_len == 7 and acts.n_positions == 34
    np.testing.assert_allclose(acts.max, reference.max(axis=1), rtol=1e-5, atol=1e-6)
    at_argmax = np.take_along_axis(reference, acts.argmax[:, None, :].astype(int), axis=1)[:, 0]
    np.testing.assert_allclose(at_argmax, reference.max(axis=1), rtol=1e-5, atol=1e-6)


def test_ties_resolve_to_the_first_position(fast_model):
    acts = kernel_activations(fast_model, ["A" * 40])  # every window identical
    assert (acts.argmax == 0).all()


def test_batches_do_not_change_the_result(fast_model, motif_data, monkeypatch):
    _, _, X_test, _ = motif_data
    whole = kernel_activations(fast_model, X_test)
    monkeypatch.setattr(skmotif.interpret._activations, "BATCH", 7)
    pieces = kernel_activations(fast_model, X_test)
    np.testing.assert_array_equal(pieces.argmax, whole.argmax)
    np.testing.assert_allclose(pieces.max, whole.max, rtol=1e-6, atol=1e-7)


def test_prefit_transformer_reads_the_fitted_classifier(fast_model, motif_data):
    X, y, X_test, y_test = motif_data
    transformer = KernelActivationTransformer(fast_model, prefit=True)
    # transform needs no fit with prefit=True (as SelectFromModel(prefit=True)).
    features = transformer.transform(X_test)
    assert features.shape == (len(X_test), 12)
    np.testing.assert_array_equal(features, kernel_activations(fast_model, X_test).max)
    assert transformer.get_feature_names_out()[-1] == "kernel_11"
    weights = fast_model.model_.get_weights()
    prefit = KernelActivationTransformer(fast_model, prefit=True)
    pipe = make_pipeline(prefit, LogisticRegression()).fit(X, y)
    assert pipe[0].estimator_ is fast_model  # not retrained
    after = fast_model.model_.get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(weights, after, strict=True))
    assert pipe.score(X_test, y_test) > 0.9


def test_transformer_trains_a_clone_without_prefit(motif_data):
    X, y, X_test, y_test = motif_data
    unfitted = ConvMotifClassifier(**FAST)
    pipe = make_pipeline(KernelActivationTransformer(unfitted), LogisticRegression()).fit(X, y)
    assert not hasattr(unfitted, "model_")  # the clone was trained
    np.testing.assert_array_equal(
        pipe[0].transform(X_test), kernel_activations(pipe[0].estimator_, X_test).max
    )
    assert pipe.score(X_test, y_test) > 0.9
    with pytest.raises(ValueError, match=r"requires y to be passed.*prefit=True"):
        KernelActivationTransformer(ConvMotifClassifier(**FAST)).fit(X)


def test_transformer_needs_a_fitted_convolutional_classifier(motif_data):
    X, _, _, _ = motif_data
    with pytest.raises(NotFittedError):
        KernelActivationTransformer(ConvMotifClassifier(), prefit=True).fit(X)
    with pytest.raises(NotFittedError):
        KernelActivationTransformer(ConvMotifClassifier(), prefit=True).transform(X)
    with pytest.raises(NotFittedError):
        KernelActivationTransformer(ConvMotifClassifier()).transform(X)


def test_profiles_from_kept_activations_equal_a_second_pass(fast_model, motif_data, monkeypatch):
    _, _, X_test, _ = motif_data
    selected = np.ones((len(X_test), 12, 1), bool)
    selected[::3] = False
    kept = kernel_activations(fast_model, X_test)
    assert kept.outputs.shape == (len(X_test), 34, 12)
    monkeypatch.setattr(skmotif.interpret._activations, "KEEP_BYTES", 0)
    rerun = kernel_activations(fast_model, X_test)
    assert rerun.outputs is None
    for a, b in zip(
        activation_profiles(fast_model, kept, selected),
        activation_profiles(fast_model, rerun, selected),
        strict=True,
    ):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
