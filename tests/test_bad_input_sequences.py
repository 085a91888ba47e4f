"""Bad input, as a hostile user would give it: the sequences X of fit and predict.

Every case is a clear error before any training. Each asserts the exception type, that the
message names the problem, that it is raised from skmotif's own checks (or scikit-learn's
parameter and fitted-state checks), not from inside TensorFlow, Keras or NumPy, and that no
training started (training calls are counted). The case ids start with their kind (fit-X,
predict); ``python -m pytest tests/test_bad_input_sequences.py -v`` lists them. The other
tests/test_bad_input_*.py files hold the other kinds of bad input.
"""

import pickle

import numpy as np
import pytest
from bad_input_shared import _X, _y, clf, count_training, data_env, raises_clearly
from sklearn.exceptions import NotFittedError

import skmotif


@pytest.fixture(scope="module")
def env(fast_model, motif_data):
    return data_env(fast_model, motif_data)


@pytest.fixture(autouse=True)
def training_calls(monkeypatch):
    yield from count_training(monkeypatch)


def copy_model(env):
    return pickle.loads(pickle.dumps(env.model))


API_CASES = [
    # fit: X
    ("fit-X-None", lambda e: clf().fit(None, _y(e)), TypeError, "X is None"),
    ("fit-X-str", lambda e: clf().fit("ACGT", [1]), TypeError, "single string"),
    ("fit-X-bytes", lambda e: clf().fit(b"ACGT", [1]), TypeError, "X is bytes"),
    ("fit-X-bytes-list", lambda e: clf().fit([b"ACGT", b"TTTT"], [0, 1]), TypeError, "bytes"),
    ("fit-X-generator", lambda e: clf().fit((s for s in _X(e)), _y(e)), TypeError, "generator"),
    ("fit-X-int-first", lambda e: clf().fit([1, "ACGT"], [0, 1]), TypeError, "mixes strings"),
    ("fit-X-int-later", lambda e: clf().fit(["ACGT", 1], [0, 1]), TypeError, "element 1"),
    ("fit-X-number", lambda e: clf().fit(5, [1]), TypeError, "no length"),
    ("fit-X-dict", lambda e: clf().fit({"a": "ACGT"}, [1]), TypeError, "X is a dict"),
    ("fit-X-set", lambda e: clf().fit({"ACGT", "TTTT"}, [0, 1]), TypeError, "X is a set"),
    ("fit-X-empty", lambda e: clf().fit([], []), ValueError, "X is empty"),
    (
        "fit-X-empty-string",
        lambda e: clf().fit(["ACGT", ""], [0, 1]),
        ValueError,
        "Sequence 1 is an empty string",
    ),
    (
        "fit-X-symbol",
        lambda e: clf().fit(["ACGTACGT", "ACZTACGT"], [0, 1]),
        ValueError,
        "Sequence 1 has the symbol 'Z' at position 2",
    ),
    (
        "fit-X-non-ascii",
        lambda e: clf().fit(["ACGTACGT", "ACGTACGé"], [0, 1]),
        ValueError,
        "symbol 'é' at position 7",
    ),
    (
        "fit-X-all-unknown",
        lambda e: clf().fit(["N" * 40] * 4, [0, 1, 0, 1]),
        ValueError,
        "only unknown symbols",
    ),
    (
        "fit-X-3d-strings",
        lambda e: clf().fit(np.full((2, 2, 2), "A"), [0, 1]),
        ValueError,
        "String input must be",
    ),
    (
        "fit-X-ragged",
        lambda e: clf().fit([[0.0, 1.0], [1.0]], [0, 1]),
        ValueError,
        "different shapes",
    ),
    (
        "fit-X-pairs-single-alphabet",
        lambda e: clf().fit([("ACGT", "SSSS"), ("ACGA", "SSSS")], [0, 1]),
        ValueError,
        "single alphabet",
    ),
    (
        "fit-X-strings-joint-alphabet",
        lambda e: clf(alphabet=("ACGU", "EHIMS")).fit(["ACGU", "ACGA"], [0, 1]),
        ValueError,
        "expects \\(sequence, structure\\) pairs",
    ),
    (
        "fit-X-structure-length",
        lambda e: clf(alphabet=("ACGU", "EHIMS")).fit([("ACGU", "SSS"), ("ACGA", "SSSS")], [0, 1]),
        ValueError,
        "its structure has 3",
    ),
    (
        "fit-X-structure-symbol",
        lambda e: clf(alphabet=("ACGU", "EHIMS")).fit(
            [("ACGU", "SSZS"), ("ACGA", "SSSS")], [0, 1]
        ),
        ValueError,
        "Structure 0 has the symbol 'Z'",
    ),
    (
        "fit-X-numeric-nan",
        lambda e: clf().fit(np.full((4, 40, 4), np.nan), [0, 1, 0, 1]),
        ValueError,
        "NaN",
    ),
    (
        "fit-X-numeric-inf",
        lambda e: clf().fit(np.full((4, 40, 4), np.inf), [0, 1, 0, 1]),
        ValueError,
        "infinity",
    ),
    ("fit-X-numeric-1d", lambda e: clf().fit(np.zeros(20), _y(e)), ValueError, "got a 1-D array"),
    (
        "fit-X-numeric-4d",
        lambda e: clf().fit(np.zeros((4, 40, 4, 1)), [0, 1, 0, 1]),
        ValueError,
        "got a 4-D array",
    ),
    (
        "fit-X-sparse",
        lambda e: clf().fit(
            __import__("scipy.sparse").sparse.csr_matrix(np.ones((4, 40))), [0, 1, 0, 1]
        ),
        TypeError,
        "sparse matrix",
    ),
    # predict on a fitted model
    ("predict-unfitted", lambda e: clf().predict(_X(e)), NotFittedError, "not fitted yet"),
    (
        "predict-longer",
        lambda e: e.model.predict(["A" * 41]),
        ValueError,
        "Sequence 0 has 41 positions, more than the 40",
    ),
    (
        "predict-symbol",
        lambda e: e.model.predict(["ACGT", "ACGU"]),
        ValueError,
        "Sequence 1 has the symbol 'U' at position 3",
    ),
    (
        "predict-numeric-on-strings",
        lambda e: e.model.predict(np.zeros((2, 39, 4))),
        ValueError,
        "but the model was fit on \\(40, 4\\)",
    ),
    ("predict-None", lambda e: e.model.predict(None), TypeError, "X is None"),
    (
        "predict-alphabet-changed",
        lambda e: copy_model(e).set_params(alphabet="ACGU").predict(["ACGA"]),
        ValueError,
        "but the model was fit with ACGT",
    ),
    (
        "predict-encoded-other-alphabet",
        lambda e: e.model.predict(
            e.model.encode(["ACGT"]).__class__(
                np.zeros((1, 4), np.uint8), skmotif.Alphabet("ACGU")
            )
        ),
        ValueError,
        "encoded input's alphabet",
    ),
    (
        "predict-encoded-bad-codes",
        lambda e: e.model.predict(
            e.model.encode(["ACGT"]).__class__(
                np.full((1, 4), 9, np.uint8), skmotif.Alphabet("ACGT")
            )
        ),
        ValueError,
        "uint8 codes 0..4",
    ),
]


@pytest.mark.parametrize(
    ("action", "error", "match"),
    [pytest.param(*case[1:], id=case[0]) for case in API_CASES],
)
def test_api_bad_input_is_a_clear_error_before_training(env, tmp_path, action, error, match):
    raises_clearly(env, tmp_path, action, error, match)
