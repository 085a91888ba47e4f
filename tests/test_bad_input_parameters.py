"""Bad input, as a hostile user would give it: the estimator's parameters.

Every case is a clear error before any training. Each asserts the exception type, that the
message names the problem, that it is raised from skmotif's own checks (or scikit-learn's
parameter and fitted-state checks), not from inside TensorFlow, Keras or NumPy, and that no
training started (training calls are counted). The case ids start with their kind (params);
``python -m pytest tests/test_bad_input_parameters.py -v`` lists them.
"""

import numpy as np
import pytest
from bad_input_shared import _X, _y, clf, count_training, data_env, raises_clearly

import skmotif


@pytest.fixture(scope="module")
def env(fast_model, motif_data):
    return data_env(fast_model, motif_data)


@pytest.fixture(autouse=True)
def training_calls(monkeypatch):
    yield from count_training(monkeypatch)


API_CASES = [
    # fit: parameters
    (
        "params-learning-rate-negative",
        lambda e: clf(learning_rate=-1).fit(_X(e), _y(e)),
        ValueError,
        "'learning_rate' parameter",
    ),
    (
        "params-learning-rate-zero",
        lambda e: clf(learning_rate=0).fit(_X(e), _y(e)),
        ValueError,
        "'learning_rate' parameter",
    ),
    (
        "params-kernel-num-zero",
        lambda e: clf(kernel_num=0).fit(_X(e), _y(e)),
        ValueError,
        "'kernel_num' parameter",
    ),
    (
        "params-conv-num-negative",
        lambda e: clf(conv_num=-1).fit(_X(e), _y(e)),
        ValueError,
        "'conv_num' parameter",
    ),
    (
        "params-kernel-too-long",
        lambda e: clf(kernel_len=50).fit(_X(e), _y(e)),
        ValueError,
        "shrinks the sequence to nothing",
    ),
    (
        "params-pool-size-str",
        lambda e: clf(pool_size="max").fit(_X(e), _y(e)),
        ValueError,
        "'pool_size' parameter",
    ),
    (
        "params-tuple-length",
        lambda e: clf(kernel_num=(4, 4)).fit(_X(e), _y(e)),
        ValueError,
        "gives 2 values but conv_num=1",
    ),
    (
        "params-tuple-element",
        lambda e: clf(kernel_num=(0,)).fit(_X(e), _y(e)),
        ValueError,
        "'kernel_num' parameter",
    ),
    (
        "params-dropout-one",
        lambda e: clf(dropout_input=1.0).fit(_X(e), _y(e)),
        ValueError,
        "'dropout_input' parameter",
    ),
    (
        "params-batch-size-zero",
        lambda e: clf(batch_size=0).fit(_X(e), _y(e)),
        ValueError,
        "'batch_size' parameter",
    ),
    (
        "params-epochs-zero",
        lambda e: clf(epochs=0).fit(_X(e), _y(e)),
        ValueError,
        "'epochs' parameter",
    ),
    (
        "params-alphabet-int",
        lambda e: clf(alphabet=5).fit(_X(e), _y(e)),
        ValueError,
        "'alphabet' parameter",
    ),
    (
        "params-alphabet-repeated",
        lambda e: clf(alphabet="AAC").fit(_X(e), _y(e)),
        ValueError,
        "each listed once",
    ),
    (
        "params-alphabet-wrong",
        lambda e: clf(alphabet="ACGU").fit(_X(e), _y(e)),
        ValueError,
        "symbol 'T'",
    ),
    (
        "params-rnn-type",
        lambda e: clf(rnn_type="RNN").fit(_X(e), _y(e)),
        ValueError,
        "'rnn_type' parameter",
    ),
    (
        "params-validation-fraction-one",
        lambda e: clf(validation_fraction=1.0).fit(_X(e), _y(e)),
        ValueError,
        "'validation_fraction' parameter",
    ),
    (
        "params-validation-too-large",
        lambda e: clf(validation_fraction=0.9).fit(_X(e)[:4], _y(e)[:4]),
        ValueError,
        "Cannot hold out validation_fraction=0.9",
    ),
    (
        "params-callbacks-str-item",
        lambda e: clf(callbacks=["x"]).fit(_X(e), _y(e)),
        TypeError,
        "callbacks\\[0\\] is 'x', not a keras.callbacks.Callback",
    ),
    (
        "params-callbacks-not-list",
        lambda e: clf(callbacks="x").fit(_X(e), _y(e)),
        ValueError,
        "'callbacks' parameter",
    ),
    (
        "params-max-shift-numeric",
        lambda e: clf(max_shift=2).fit(np.zeros((4, 40, 4)), [0, 1, 0, 1]),
        ValueError,
        "max_shift shifts sequences",
    ),
    (
        "params-max-shift-too-long",
        lambda e: clf(max_shift=40).fit(_X(e), _y(e)),
        ValueError,
        "out of view",
    ),
    (
        "params-reverse-complement-protein",
        lambda e: clf(
            alphabet=skmotif.PROTEIN,
            reverse_complement=True,
            kernel_len=3,
            pool_size=2,
            pool_stride=2,
        ).fit(["ACDE", "WYAC"], [0, 1]),
        ValueError,
        "reverse_complement=True reads the opposite strand",
    ),
    (
        "params-average-strands-numeric",
        lambda e: clf(average_strands=True).fit(np.zeros((4, 40, 4)), [0, 1, 0, 1]),
        ValueError,
        "average_strands=True",
    ),
    (
        "params-first-activation",
        lambda e: clf(first_activation="tanh").fit(_X(e), _y(e)),
        ValueError,
        "'first_activation' parameter",
    ),
    (
        "params-random-state",
        lambda e: clf(random_state="seed").fit(_X(e), _y(e)),
        ValueError,
        "'random_state' parameter",
    ),
    (
        "params-kernel-constraint",
        lambda e: clf(kernel_constraint=-1).fit(_X(e), _y(e)),
        ValueError,
        "'kernel_constraint' parameter",
    ),
    (
        "params-validation-data-list",
        lambda e: clf().fit(_X(e), _y(e), validation_data=[_X(e), _y(e)]),
        TypeError,
        "validation_data must be a tuple",
    ),
    (
        "params-validation-data-labels",
        lambda e: clf().fit(_X(e), _y(e), validation_data=(_X(e), _y(e) + 5)),
        ValueError,
        "not seen in the training data",
    ),
    (
        "params-validation-data-longer",
        lambda e: clf().fit(_X(e), _y(e), validation_data=(["A" * 41], [1])),
        ValueError,
        "41 positions, more than the 40",
    ),
]


@pytest.mark.parametrize(
    ("action", "error", "match"),
    [pytest.param(*case[1:], id=case[0]) for case in API_CASES],
)
def test_api_bad_input_is_a_clear_error_before_training(env, tmp_path, action, error, match):
    raises_clearly(env, tmp_path, action, error, match)
