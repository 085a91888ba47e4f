"""scikit-learn compatibility: the common checks and the meta-estimators users rely on."""

import pickle

import joblib
import numpy as np
import pytest
from conftest import FAST
from sklearn.base import clone, is_classifier
from sklearn.calibration import CalibratedClassifierCV
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.utils.estimator_checks import parametrize_with_checks

from skmotif import (
    ConvMotifClassifier,
    ConvMotifRegressor,
    KernelActivationTransformer,
    SequenceEncoder,
)

#: Tiny settings for the common checks, whose data are 2-D numeric arrays
#: (n_samples, n_features) read as one-channel sequences of length n_features;
#: kernels and pools of length 1 accept any length, including 1. The default
#: learning rate passes check_classifiers_train in 20 epochs (pysster's 0.0005
#: needed learning_rate=0.02 here).
TINY = ConvMotifClassifier(
    conv_num=1,
    kernel_num=4,
    kernel_len=1,
    pool_size=1,
    pool_stride=1,
    neuron_num=8,
    dropout_input=0.0,
    dropout_conv=0.0,
    dropout_dense=0.0,
    epochs=20,
    patience_stopping=10,
    random_state=0,
)

#: The same tiny network as a regressor. Its learning rate is higher: at 0.003,
#: check_regressors_train's R² after 20 epochs was 0.33 (it needs > 0.5; 0.79 at 0.01,
#: and 0.80 at 0.003 after 60 epochs).
TINY_REGRESSOR = ConvMotifRegressor(
    **{name: value for name, value in TINY.get_params().items() if name != "class_weight"}
).set_params(learning_rate=0.01)

EXPECTED_FAILED = {
    "check_sample_weight_equivalence_on_dense_data": (
        "Stochastic gradient training: a weight of 2 and a duplicated sample give "
        "different batches, so the fitted networks differ (as for MLPClassifier)."
    ),
}

ESTIMATORS = [TINY, TINY_REGRESSOR, SequenceEncoder(), KernelActivationTransformer(TINY)]
CHECKS = parametrize_with_checks(
    ESTIMATORS,
    expected_failed_checks=lambda est: (
        EXPECTED_FAILED if est is TINY or est is TINY_REGRESSOR else {}
    ),
)


def _check(param):
    values = getattr(param, "values", param)  # pytest.param for expected failures
    return type(values[0]).__name__, values[1].func.__name__


def test_common_checks_really_run():
    # An estimator that declared it cannot take 2-D input would silently get none.
    ran = [_check(param) for param in CHECKS.mark.args[1]]
    per_estimator = {name: {check for est, check in ran if est == name} for name, _ in ran}
    assert {name: len(checks) >= 40 for name, checks in per_estimator.items()} == {
        "ConvMotifClassifier": True,
        "ConvMotifRegressor": True,
        "SequenceEncoder": True,
        "KernelActivationTransformer": True,
    }
    assert {
        "check_classifiers_train",
        "check_estimators_pickle",
        "check_fit_idempotent",
        "check_classifiers_multilabel_output_format_predict_proba",
        "check_sample_weight_equivalence_on_dense_data",
    } <= per_estimator["ConvMotifClassifier"]
    assert {
        "check_regressors_train",
        "check_regressor_multioutput",
        "check_regressors_int",
        "check_estimators_pickle",
        "check_fit_idempotent",
        "check_sample_weight_equivalence_on_dense_data",
    } <= per_estimator["ConvMotifRegressor"]
    transformer_checks = {"check_transformer_general", "check_transformers_unfitted"}
    assert transformer_checks <= per_estimator["SequenceEncoder"]
    assert transformer_checks <= per_estimator["KernelActivationTransformer"]


@pytest.mark.slow  # about 170 checks of 1-6 s each
@CHECKS
def test_sklearn_common_checks(estimator, check):
    check(estimator)


def test_is_classifier():
    assert is_classifier(ConvMotifClassifier())


def test_clone_keeps_parameters_and_drops_fit(motif_data):
    X, y, _, _ = motif_data
    clf = ConvMotifClassifier(**{**FAST, "kernel_num": (5,), "alphabet": "acgt"}).fit(X, y)
    copy = clone(clf)
    assert copy.get_params() == clf.get_params()
    assert not hasattr(copy, "model_")


def test_pickle_and_joblib_round_trip_predict_identically(motif_data, tmp_path):
    X, y, X_test, _ = motif_data
    clf = ConvMotifClassifier(**FAST).fit(X, y)
    expected = clf.predict_proba(X_test)
    restored = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(restored.predict_proba(X_test), expected)
    joblib.dump(clf, tmp_path / "clf.joblib")
    np.testing.assert_array_equal(
        joblib.load(tmp_path / "clf.joblib").predict_proba(X_test), expected
    )
    assert restored.history_ == clf.history_


@pytest.mark.parametrize("n_jobs", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_cross_val_score_roc_auc(motif_data, n_jobs):
    X, y, _, _ = motif_data
    scores = cross_val_score(
        ConvMotifClassifier(**FAST), X, y, cv=3, scoring="roc_auc", n_jobs=n_jobs
    )
    assert scores.shape == (3,)
    assert scores.min() > 0.9


def test_grid_search_tunes_documented_parameters(motif_data):
    X, y, X_test, y_test = motif_data
    params = {**FAST, "epochs": 8}
    search = GridSearchCV(
        ConvMotifClassifier(**params),
        {"kernel_num": [2, 6], "dropout_conv": [0.0, 0.2]},
        cv=StratifiedKFold(2),
        scoring="roc_auc",
    ).fit(X, y)
    assert len(search.cv_results_["params"]) == 4
    assert search.best_estimator_.score(X_test, y_test) > 0.85


def test_grid_search_over_conv_num_uses_stratified_folds(motif_data):
    X, y, _, _ = motif_data
    order = np.argsort(y, kind="stable")  # all 0s, then all 1s
    X_sorted, y_sorted = [X[i] for i in order], y[order]
    search = GridSearchCV(
        ConvMotifClassifier(**{**FAST, "pool_size": 2, "pool_stride": 2, "epochs": 2}),
        {"conv_num": [1, 2], "kernel_len": [5]},
        cv=2,
        error_score="raise",
    )
    # Unstratified halves of sorted labels would hold one class each, which
    # fit rejects ("y has 1 class"); stratified folds keep both classes.
    search.fit(X_sorted, y_sorted)
    assert search.n_splits_ == 2
    assert set(search.cv_results_["param_conv_num"]) == {1, 2}
    with pytest.raises(ValueError, match="y has 1 class"):
        GridSearchCV(search.estimator, search.param_grid, cv=KFold(2), error_score="raise").fit(
            X_sorted, y_sorted
        )


def test_calibrated_classifier(motif_data):
    X, y, X_test, y_test = motif_data
    calibrated = CalibratedClassifierCV(ConvMotifClassifier(**FAST), cv=2).fit(X, y)
    proba = calibrated.predict_proba(X_test)
    assert proba.shape == (len(X_test), 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert calibrated.score(X_test, y_test) > 0.85


def test_pipeline_with_string_preprocessing(motif_data):
    X, y, X_test, y_test = motif_data
    upper_to_lower = FunctionTransformer(lambda seqs: np.array([s.lower() for s in seqs]))
    pipe = make_pipeline(upper_to_lower, ConvMotifClassifier(**FAST)).fit(X, y)
    assert pipe.score(X_test, y_test) > 0.85
