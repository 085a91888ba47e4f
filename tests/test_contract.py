"""The fitted model's contract beside ``head()``: ``scores``, ``output_names``,
``output_labels``, ``output_truth`` and ``head_family``, for each kind of head."""

import numpy as np
import pandas as pd
import pytest
from conftest import FAST, planted
from sklearn.exceptions import NotFittedError
from sklearn.metrics import roc_auc_score

from skmotif import ConvMotifClassifier, ConvMotifRegressor

TINY = {**FAST, "epochs": 2}
N = 80


@pytest.fixture(scope="module")
def data():
    X, y = planted(N, seed=7)
    return X, y


@pytest.fixture(scope="module")
def classifier(data):
    X, y = data
    labels = np.array(["background", "motif"])[y]
    return ConvMotifClassifier(**TINY).fit(X, labels), labels


@pytest.fixture(scope="module")
def multilabel(data):
    X, y = data
    Y = np.column_stack([y, np.arange(N) % 3 == 0]).astype(int)
    return ConvMotifClassifier(**TINY).fit(X, Y), Y


@pytest.fixture(scope="module")
def regressor(data):
    X, y = data
    values = pd.DataFrame({"activity": 1.0 + 2.0 * y, "rank": np.arange(N, dtype=float)})
    return ConvMotifRegressor(**TINY).fit(X, values), values


def test_a_classifier_scores_its_class_probabilities(classifier, data):
    clf, labels = classifier
    X, _ = data
    scores = clf.scores(X)
    assert scores.shape == (N, 2) and scores.dtype == np.float64
    np.testing.assert_array_equal(scores, clf.predict_proba(X))
    np.testing.assert_array_equal(scores, clf.head().decode(clf.outputs(X)))
    assert clf.output_names() is clf.classes_
    assert clf.output_labels() == ["background", "motif"]
    assert clf.head_family == clf.head().family == "classes"
    unit = clf.output_index("motif")
    truth = clf.output_truth(labels, unit)
    assert truth.dtype == bool and truth.shape == (N,)
    np.testing.assert_array_equal(truth, labels == "motif")
    assert clf.head().score(truth, scores[:, unit]) == pytest.approx(
        roc_auc_score(labels == "motif", clf.predict_proba(X)[:, unit])
    )
    with pytest.raises(ValueError, match="not in classes"):
        clf.output_truth(np.array(["motif", "other"]), unit)


def test_a_multilabel_classifier_scores_each_label(multilabel, data):
    clf, Y = multilabel
    X, _ = data
    scores = clf.scores(X)
    assert scores.shape == (N, 2)
    np.testing.assert_array_equal(scores, clf.predict_proba(X))
    np.testing.assert_array_equal(clf.output_names(), [0, 1])
    assert clf.output_labels() == ["0", "1"]
    assert clf.head_family == clf.head().family == "classes"
    for unit in (0, 1):
        np.testing.assert_array_equal(clf.output_truth(Y, unit), Y[:, unit].astype(bool))


def test_a_regressor_scores_its_values_in_two_dimensions(regressor, data):
    reg, values = regressor
    X, _ = data
    scores = reg.scores(X)
    assert scores.shape == (N, 2) and scores.dtype == np.float64
    np.testing.assert_array_equal(scores, reg.predict(X))
    assert reg.output_names() is reg.output_names_
    assert reg.output_labels() == ["activity", "rank"]
    assert reg.head_family == reg.head().family == "values"
    unit = reg.output_index("rank")
    truth = reg.output_truth(values, unit)
    assert truth.dtype == np.float64 and truth.shape == (N,)
    np.testing.assert_array_equal(truth, values["rank"].to_numpy())
    assert reg.head().score(truth, scores[:, unit]) == pytest.approx(
        np.corrcoef(values["rank"], reg.predict(X)[:, 1])[0, 1]
    )


def test_a_one_output_regressor_scores_one_column(data):
    X, y = data
    reg = ConvMotifRegressor(**{**TINY, "epochs": 1}).fit(X, 1.0 + y)
    scores = reg.scores(X)
    assert scores.shape == (N, 1)
    np.testing.assert_array_equal(scores[:, 0], reg.predict(X))
    assert reg.output_labels() == ["y"]
    np.testing.assert_array_equal(reg.output_truth(1.0 + y, 0), 1.0 + y)
    two = ConvMotifRegressor(**{**TINY, "epochs": 1}).fit(X, np.column_stack([y, -y]))
    assert two.output_labels() == ["y[0]", "y[1]"]


@pytest.mark.parametrize("kind", [ConvMotifClassifier, ConvMotifRegressor])
def test_the_contract_needs_a_fitted_model(kind):
    model = kind(**TINY)
    assert model.head_family in ("classes", "values")  # known before a fit
    for read in (model.output_names, model.output_labels, lambda: model.scores(["ACGT"])):
        with pytest.raises(NotFittedError):
            read()
