"""Bad input, as a hostile user would give it: the labels y and the weights of fit.

Every case is a clear error (or a warning) before any training. Each asserts the exception
type, that the message names the problem, that it is raised from skmotif's own checks (or
scikit-learn's parameter and fitted-state checks), not from inside TensorFlow, Keras or NumPy,
and that no training started (training calls are counted). The case ids start with their kind
(fit-y, weights); ``python -m pytest tests/test_bad_input_labels.py -v`` lists them.
"""

import warnings

import numpy as np
import pandas as pd
import pytest
from bad_input_shared import _X, _y, clf, count_training, data_env, raises_clearly
from sklearn.exceptions import DataConversionWarning

from skmotif._labels import check_labels


@pytest.fixture(scope="module")
def env(fast_model, motif_data):
    return data_env(fast_model, motif_data)


@pytest.fixture(autouse=True)
def training_calls(monkeypatch):
    yield from count_training(monkeypatch)


API_CASES = [
    # fit: y
    ("fit-y-None", lambda e: clf().fit(_X(e), None), ValueError, "requires y"),
    (
        "fit-y-length",
        lambda e: clf().fit(_X(e), _y(e)[:-1]),
        ValueError,
        "X has 20 samples but y has 19",
    ),
    ("fit-y-one-class", lambda e: clf().fit(_X(e), np.zeros(20)), ValueError, "y has 1 class"),
    (
        "fit-y-continuous",
        lambda e: clf().fit(_X(e), np.linspace(0, 1, 20)),
        ValueError,
        "continuous values",
    ),
    (
        "fit-y-nan",
        lambda e: clf().fit(_X(e), np.where(_y(e), np.nan, 1.0)),
        ValueError,
        "missing labels .* rows \\[1, 3",
    ),
    (
        "fit-y-none-values",
        lambda e: clf().fit(_X(e), [None, 1] * 10),
        ValueError,
        "missing labels",
    ),
    (
        "fit-y-2d-not-indicator",
        lambda e: clf().fit(_X(e), np.column_stack([_y(e), _y(e) * 2])),
        ValueError,
        "not a 0/1 indicator matrix",
    ),
    (
        "fit-y-3d",
        lambda e: clf().fit(_X(e), np.zeros((20, 2, 2))),
        ValueError,
        "y has shape \\(20, 2, 2\\)",
    ),
    ("fit-y-str", lambda e: clf().fit(_X(e), "ab" * 10), TypeError, "y is a single string"),
    (
        "fit-y-generator",
        lambda e: clf().fit(_X(e), (v for v in _y(e))),
        TypeError,
        "y is an iterator",
    ),
    # fit: weights
    (
        "weights-negative",
        lambda e: clf().fit(_X(e), _y(e), sample_weight=np.r_[-1.0, np.ones(19)]),
        ValueError,
        "sample_weight\\[0\\] is -1.0",
    ),
    (
        "weights-nan",
        lambda e: clf().fit(_X(e), _y(e), sample_weight=np.r_[np.ones(19), np.nan]),
        ValueError,
        "sample_weight\\[19\\] is nan",
    ),
    (
        "weights-inf",
        lambda e: clf().fit(_X(e), _y(e), sample_weight=np.r_[np.inf, np.ones(19)]),
        ValueError,
        "finite numbers >= 0",
    ),
    (
        "weights-zero",
        lambda e: clf().fit(_X(e), _y(e), sample_weight=np.zeros(20)),
        ValueError,
        "all zero",
    ),
    (
        "weights-length",
        lambda e: clf().fit(_X(e), _y(e), sample_weight=np.ones(3)),
        ValueError,
        "one weight per sample, shape \\(20,\\)",
    ),
    (
        "weights-2d",
        lambda e: clf().fit(_X(e), _y(e), sample_weight=np.ones((20, 2))),
        ValueError,
        "shape \\(20, 2\\)",
    ),
    (
        "weights-strings",
        lambda e: clf().fit(_X(e), _y(e), sample_weight=["a"] * 20),
        TypeError,
        "sample_weight must hold numbers",
    ),
    (
        "weights-generator",
        lambda e: clf().fit(_X(e), _y(e), sample_weight=(1.0 for _ in range(20))),
        TypeError,
        "sample_weight must hold numbers",
    ),
    (
        "weights-float32-overflow",
        lambda e: clf().fit(_X(e), _y(e), sample_weight=np.full(20, 1e39)),
        ValueError,
        "does not fit in float32",
    ),
    (
        "weights-class-nan",
        lambda e: clf(class_weight={0: float("nan"), 1: 1}).fit(_X(e), _y(e)),
        ValueError,
        "class_weight\\[0\\] is nan",
    ),
    (
        "weights-class-negative",
        lambda e: clf(class_weight={0: -1, 1: 1}).fit(_X(e), _y(e)),
        ValueError,
        "class_weight\\[0\\] is -1",
    ),
    (
        "weights-class-unknown-key",
        lambda e: clf(class_weight={0: 1, 2: 1}).fit(_X(e), _y(e)),
        ValueError,
        "keys \\[2\\] that are not classes",
    ),
    (
        "weights-class-zero",
        lambda e: clf(class_weight={0: 0, 1: 0}).fit(_X(e), _y(e)),
        ValueError,
        "weight zero",
    ),
    (
        "weights-class-str-value",
        lambda e: clf(class_weight={0: "a", 1: 1}).fit(_X(e), _y(e)),
        ValueError,
        "class_weight\\[0\\] is 'a'",
    ),
    (
        "weights-class-bool-value",
        lambda e: clf(class_weight={0: True, 1: 1}).fit(_X(e), _y(e)),
        ValueError,
        "class_weight\\[0\\] is True",
    ),
    (
        "weights-class-bad-string",
        lambda e: clf(class_weight="auto").fit(_X(e), _y(e)),
        ValueError,
        "'class_weight' parameter",
    ),
    (
        "weights-class-multilabel",
        lambda e: clf(class_weight="balanced").fit(_X(e), np.eye(2, dtype=int)[_y(e)]),
        ValueError,
        "class_weight is for single-label",
    ),
]


@pytest.mark.parametrize(
    ("action", "error", "match"),
    [pytest.param(*case[1:], id=case[0]) for case in API_CASES],
)
def test_api_bad_input_is_a_clear_error_before_training(env, tmp_path, action, error, match):
    raises_clearly(env, tmp_path, action, error, match)


# -- what is read but warned about ----------------------------------------------------------


def test_labels_of_mixed_types_warn_that_they_are_read_as_strings(env):
    with (
        pytest.warns(DataConversionWarning) as record,
        pytest.raises(ValueError, match="all zero"),  # a check after y's: no training
    ):
        clf().fit(_X(env), [1, "a"] * 10, sample_weight=np.zeros(20))
    [warning] = [w for w in record if w.category is DataConversionWarning]
    assert str(warning.message) == (
        "y mixes labels of the types int and str (e.g. 1 and 'a'); they were all read as "
        "strings, so classes_ holds strings and predict returns strings ('1', not 1). Give "
        "labels of one type: all numbers (map the strings to ints) or all strings "
        "([str(v) for v in y])."
    )
    assert warning.filename == __file__  # the user's line, not skmotif's


def test_labels_of_mixed_types_read_as_strings_from_lists_arrays_and_series():
    for y in ([1, "a", 2.5], np.array([1, "a", 2.5], dtype=object), pd.Series([1, "a", 2.5])):
        with pytest.warns(DataConversionWarning, match="int, float and str|float, int and str"):
            assert check_labels(y).tolist() == ["1", "a", "2.5"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for y in (["a", "b"], [1, 2], [True, False], np.array(["1", "a"]), [np.int64(1), 2]):
            check_labels(y)


def test_a_multilabel_column_never_1_warns_before_training(env):
    # A column without positives cannot be learned, but the others can: fit warns (as it
    # always has) rather than refuse the data, and the message says what to do.
    Y = np.column_stack([_y(env), 1 - _y(env), np.zeros(20, int)])
    with (
        pytest.warns(UserWarning) as record,
        pytest.raises(ValueError, match="all zero"),  # a check after y's: no training
    ):
        clf().fit(_X(env), Y, sample_weight=np.zeros(20))
    messages = [str(w.message) for w in record if "Label column" in str(w.message)]
    assert messages == [
        "Label column(s) [2] of y have no positive sample: the model learns to predict them "
        "with probability near 0, and their auROC is undefined. Drop those columns or add "
        "samples that have them."
    ]
