"""Bad input, as a hostile user would give it: interpretation and shuffles.

Every case is a clear error before any training. Each asserts the exception type, that the
message names the problem, that it is raised from skmotif's own checks (or scikit-learn's
parameter and fitted-state checks), not from inside TensorFlow, Keras or NumPy, and that no
training started (training calls are counted). The case ids start with their kind
(interpret); ``python -m pytest tests/test_bad_input_interpret.py -v`` lists them.
"""

import numpy as np
import pytest
from bad_input_shared import _X, count_training, data_env, raises_clearly

import skmotif
from skmotif.interpret import deep_lift_shap, ism, kernel_motifs, saliency, variant_effects


@pytest.fixture(scope="module")
def env(fast_model, motif_data):
    return data_env(fast_model, motif_data)


@pytest.fixture(autouse=True)
def training_calls(monkeypatch):
    yield from count_training(monkeypatch)


API_CASES = [
    # interpretation
    (
        "interpret-ism-target",
        lambda e: ism(e.model, _X(e), target=7),
        ValueError,
        "target must be one of the classes",
    ),
    (
        "interpret-saliency-target",
        lambda e: saliency(e.model, _X(e), target="x"),
        ValueError,
        "target must be one of the classes",
    ),
    (
        "interpret-deeplift-nan-references",
        lambda e: deep_lift_shap(e.model, _X(e)[:2], 1, references=np.full((3, 40, 4), np.nan)),
        ValueError,
        "references hold NaN",
    ),
    (
        "interpret-deeplift-reference-shape",
        lambda e: deep_lift_shap(e.model, _X(e)[:2], 1, references=np.zeros((3, 39, 4))),
        ValueError,
        "references must have shape",
    ),
    (
        "interpret-deeplift-n-shuffles",
        lambda e: deep_lift_shap(e.model, _X(e)[:2], 1, n_shuffles=0),
        ValueError,
        "n_shuffles must be a positive int",
    ),
    (
        "interpret-variant-ref",
        lambda e: variant_effects(e.model, ["ACGT"], [(0, 1, "G", "A")]),
        ValueError,
        "the reference is 'G' but the sequence has 'C'",
    ),
    (
        "interpret-variant-position",
        lambda e: variant_effects(e.model, ["ACGT"], [(0, 4, "A", "C")]),
        ValueError,
        "outside the sequence of 4 symbols",
    ),
    (
        "interpret-variant-alt",
        lambda e: variant_effects(e.model, ["ACGT"], [(0, 0, "A", "U")]),
        ValueError,
        "alternative 'U' is not a symbol",
    ),
    (
        "interpret-variant-sequence",
        lambda e: variant_effects(e.model, {"a": "ACGT"}, [("b", 0, "A", "C")]),
        ValueError,
        "no such sequence",
    ),
    (
        "interpret-variant-position-float",
        lambda e: variant_effects(e.model, ["ACGT"], [(0, 1.5, "C", "A")]),
        ValueError,
        "the position must be an int",
    ),
    (
        "interpret-variant-one-string",
        lambda e: variant_effects(e.model, "ACGT", [(0, 0, "A", "C")]),
        TypeError,
        "sequences is a single string",
    ),
    (
        "interpret-shuffle-one-string",
        lambda e: skmotif.dinucleotide_shuffle("ACGTACGT"),
        TypeError,
        "X is a single string",
    ),
    (
        "interpret-shuffle-n",
        lambda e: skmotif.dinucleotide_shuffle(["ACGT"], n_shuffles=0),
        ValueError,
        "at least 1",
    ),
    (
        "interpret-shuffle-symbol",
        lambda e: skmotif.dinucleotide_shuffle(["ACGZ"]),
        ValueError,
        "symbol 'Z'",
    ),
    (
        "interpret-shuffle-empty",
        lambda e: skmotif.dinucleotide_shuffle([]),
        ValueError,
        "X is empty: it holds 0 samples; pass at least one sequence",
    ),
    (
        "interpret-kernel-motifs-one-class",
        lambda e: kernel_motifs(e.model, _X(e), np.ones(20, int)),
        ValueError,
        "y has one class \\(1\\), so every kernel's importance would be 0: it compares the "
        "kernels' mean activations between classes. Give sequences of at least two classes, "
        "e.g. a whole test set, not its positives only\\.$",
    ),
    (
        "interpret-kernel-motifs-one-label",
        lambda e: kernel_motifs(e.model, _X(e), np.eye(2, dtype=int)[np.zeros(20, int)]),
        ValueError,
        "y has positive samples of the label column 0 only, so every kernel's importance "
        "would be 0: .* Give sequences with positive samples of at least two labels",
    ),
]


@pytest.mark.parametrize(
    ("action", "error", "match"),
    [pytest.param(*case[1:], id=case[0]) for case in API_CASES],
)
def test_api_bad_input_is_a_clear_error_before_training(env, tmp_path, action, error, match):
    raises_clearly(env, tmp_path, action, error, match)
