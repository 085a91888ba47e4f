"""Bad input, as a hostile user would give it: every case is a clear error before any training.

Each case asserts the exception type, that the message names the problem, that it is raised
from skmotif's own checks (or scikit-learn's parameter and fitted-state checks), not from inside
TensorFlow, Keras or NumPy, and that no training started (training calls are counted).
Command-line cases also assert a one-line message, exit status 1 and that nothing was written.
The case ids start with their kind (fit, params, weights, predict, interpret, io, save, load,
cli-train, cli-predict, cli-variants, cli-report); ``python -m pytest tests/test_bad_input.py
-v`` lists them.
"""

import io as stdio
import json
import pickle
import shutil
import zipfile
from contextlib import redirect_stderr
from types import SimpleNamespace

import numpy as np
import pytest
from conftest import FAST
from sklearn.exceptions import NotFittedError

import skmotif
import skmotif.io
import skmotif.structure
from skmotif import ConvMotifClassifier, _train
from skmotif import _cli as cli
from skmotif.interpret import deep_lift_shap, ism, saliency, variant_effects

#: Where a clear error may come from: skmotif, or scikit-learn's parameter and fitted checks.
CLEAR_ORIGINS = ("/skmotif/", "sklearn/utils/_param_validation.py", "sklearn/utils/validation.py")


@pytest.fixture(scope="module")
def env(fast_model, motif_data, tmp_path_factory):
    """Data, a fitted model, its saved folder and FASTA files the cases break."""
    folder = tmp_path_factory.mktemp("bad")
    X, y, X_test, _ = motif_data
    saved = skmotif.save(fast_model, folder / "saved")
    neg = folder / "neg.fa"
    pos = folder / "pos.fa"
    neg.write_text("".join(f">n{i}\n{s}\n" for i, s in enumerate(X[:40:2])))
    pos.write_text("".join(f">p{i}\n{s}\n" for i, s in enumerate(X[1:40:2])))
    return SimpleNamespace(
        X=X, y=y, X_test=X_test, model=fast_model, saved=saved, neg=neg, pos=pos
    )


@pytest.fixture(autouse=True)
def training_calls(monkeypatch):
    """Counts the fits that reach training; every case here must leave it at 0."""
    calls = []
    real = _train.run_epochs

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(_train, "run_epochs", counted)
    yield calls
    assert not calls, "training started before the error"


def clf(**params):
    return ConvMotifClassifier(**{**FAST, **params})


def copy_model(env):
    return pickle.loads(pickle.dumps(env.model))


# -- the Python API ---------------------------------------------------------------------


def _X(env):
    return env.X[:20]


def _y(env):
    return env.y[:20]


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
    # reading files
    (
        "io-sequence-before-header",
        lambda e: skmotif.io.read_fasta(_file(e, "a.fa", "ACGT\n>x\nACGT\n")),
        ValueError,
        "a.fa, line 1: sequence before the first '>'",
    ),
    (
        "io-record-without-sequence",
        lambda e: skmotif.io.read_fasta(_file(e, "b.fa", ">x\nACGT\n>y\n")),
        ValueError,
        "b.fa, line 3: record 'y' has no sequence",
    ),
    (
        "io-binary",
        lambda e: skmotif.io.read_fasta(_file(e, "c.fa", b"\xff\xfe\x00")),
        ValueError,
        "not a text FASTA file",
    ),
    (
        "io-structure-unbalanced",
        lambda e: skmotif.io.read_fasta(_file(e, "d.fa", ">x\nACGU\n((..\n"), structure=True),
        ValueError,
        "d.fa, line 3: the structure of record 'x' has '\\(' at position 2, which is never closed",
    ),
    (
        "io-structure-lines",
        lambda e: skmotif.io.read_fasta(_file(e, "e.fa", ">x\nACGU\n"), structure=True),
        ValueError,
        "e.fa, line 1: record 'x' has 1 lines",
    ),
    (
        "io-meme-no-alphabet",
        lambda e: skmotif.io.read_meme(
            _file(e, "f.meme", "MOTIF a\nletter-probability matrix: w= 1\n1 0 0 0\n")
        ),
        ValueError,
        "before the ALPHABET= line",
    ),
    (
        "io-multilabel-header",
        lambda e: skmotif.io.load_fasta_multilabel(_file(e, "g.fa", ">x|a\nACGT\n")),
        ValueError,
        "does not end in label indices",
    ),
    (
        "io-dotbracket",
        lambda e: skmotif.structure.dotbracket_to_elements("())"),
        ValueError,
        "'\\)' at position 2, which closes no open bracket",
    ),
    # saving
    (
        "save-unfitted",
        lambda e: skmotif.save(clf(), e.tmp / "unfitted"),
        NotFittedError,
        "not fitted yet",
    ),
    (
        "save-into-file",
        lambda e: skmotif.save(e.model, _file(e, "afile", "x")),
        ValueError,
        "is a file",
    ),
    (
        "save-into-used-folder",
        lambda e: skmotif.save(e.model, _folder_with(e, "notes.txt")),
        ValueError,
        "holds other files than a saved model \\(notes.txt\\)",
    ),
]


def _file(env, name, content):
    path = env.tmp / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


def _folder_with(env, name):
    folder = env.tmp / "used"
    folder.mkdir()
    (folder / name).write_text("keep me")
    return folder


@pytest.mark.parametrize(
    ("action", "error", "match"),
    [pytest.param(*case[1:], id=case[0]) for case in API_CASES],
)
def test_api_bad_input_is_a_clear_error_before_training(env, tmp_path, action, error, match):
    env = SimpleNamespace(**vars(env), tmp=tmp_path)
    with pytest.raises(error, match=match) as info:
        action(env)
    origin = str(info.traceback[-1].path)
    assert any(part in origin for part in CLEAR_ORIGINS), origin


def test_a_failed_save_into_a_used_folder_leaves_its_files(env, tmp_path):
    folder = _folder_with(SimpleNamespace(tmp=tmp_path), "notes.txt")
    with pytest.raises(ValueError):
        skmotif.save(env.model, folder)
    assert (folder / "notes.txt").read_text() == "keep me"


# -- loading crafted and damaged model folders ------------------------------------------


def _state(folder):
    return json.loads((folder / "estimator.json").read_text())


def _edit(key_path, value):
    def edit(folder):
        state = _state(folder)
        target = state
        for key in key_path[:-1]:
            target = target[key]
        if value is _DELETE:
            del target[key_path[-1]]
        else:
            target[key_path[-1]] = value
        (folder / "estimator.json").write_text(json.dumps(state))

    return edit


_DELETE = object()


def _write(name, content):
    def edit(folder):
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)

    return edit


def _truncate_model(folder):
    data = (folder / "model.keras").read_bytes()
    (folder / "model.keras").write_bytes(data[: len(data) // 2])


def _garbage_zip(folder):
    with zipfile.ZipFile(folder / "model.keras", "w") as archive:
        archive.writestr("config.json", "{}")
    state = _state(folder)
    del state["model_sha256"]
    (folder / "estimator.json").write_text(json.dumps(state))


def _other_network(folder):
    """model.keras of another network (3 outputs) beside this estimator.json."""
    from skmotif._architecture import Head, describe, expand_layer_params
    from skmotif._build import build_network

    arch = describe(expand_layer_params(clf().get_params()), (40, 4), Head("softmax", 3))
    build_network(arch, seed=1).save(folder / "model.keras")


def _three_classes_two_outputs(folder):
    state = _state(folder)
    state["fitted"]["classes_"]["values"] = [0, 1, 2]
    (folder / "estimator.json").write_text(json.dumps(state))


def _remove(name):
    return lambda folder: (folder / name).unlink()


LOAD_CASES = [
    ("load-missing-model-file", _remove("model.keras"), "model.keras is missing"),
    ("load-missing-json", _remove("estimator.json"), "estimator.json is missing"),
    (
        "load-broken-json",
        _write("estimator.json", '{"format": 3,\n "params": {'),
        "estimator.json: not valid JSON \\(line 2",
    ),
    ("load-json-list", _write("estimator.json", "[1, 2]"), "holds a JSON list, not the object"),
    (
        "load-json-binary",
        _write("estimator.json", b"\xff\xfe\x00"),
        "estimator.json: not a text file",
    ),
    ("load-no-format", _edit(["format"], _DELETE), "no model format number"),
    ("load-format-newer", _edit(["format"], 99), "model format 99, written by a newer skmotif"),
    ("load-format-str", _edit(["format"], "3"), "no model format number"),
    ("load-missing-fitted", _edit(["fitted"], _DELETE), "the keys \\['fitted'\\] are missing"),
    ("load-missing-params", _edit(["params"], _DELETE), "the keys \\['params'\\] are missing"),
    ("load-params-list", _edit(["params"], [1]), "'params' must be a JSON object"),
    (
        "load-missing-attribute",
        _edit(["fitted", "classes_"], _DELETE),
        "fitted attributes \\['classes_'\\] are missing",
    ),
    (
        "load-unknown-param",
        _edit(["params", "kernal_len"], 3),
        "unknown parameters \\['kernal_len'\\]",
    ),
    (
        "load-invalid-param",
        _edit(["params", "kernel_num"], -1),
        "invalid parameters: The 'kernel_num' parameter",
    ),
    (
        "load-classes-swapped",
        _edit(["fitted", "classes_", "values"], [1, 0]),
        "sorted order, as fit stores them",
    ),
    (
        "load-classes-one",
        _edit(["fitted", "classes_", "values"], [1]),
        "at least two distinct labels",
    ),
    (
        "load-classes-three",
        _three_classes_two_outputs,
        "names 3 classes but the network in model.keras has 2 outputs",
    ),
    (
        "load-classes-dtype",
        _edit(["fitted", "classes_", "dtype"], "no-such-dtype"),
        "the fitted classes_ cannot be read",
    ),
    (
        "load-multilabel-str",
        _edit(["fitted", "multilabel_"], "yes"),
        "multilabel_ must be true or false",
    ),
    (
        "load-input-shape",
        _edit(["fitted", "input_shape_"], [41, 4]),
        "input of shape \\(41, 4\\) but the network in model.keras takes \\(40, 4\\)",
    ),
    (
        "load-input-shape-type",
        _edit(["fitted", "input_shape_"], "40x4"),
        "input_shape_ must be a list of two positive",
    ),
    (
        "load-channels",
        _edit(["fitted", "input_shape_"], [40, 5]),
        "has 4 channels but input_shape_ has 5",
    ),
    ("load-best-epoch", _edit(["fitted", "best_epoch_"], 999), "best_epoch_ 999 is not an epoch"),
    (
        "load-history-type",
        _edit(["fitted", "history_"], {"loss": "low"}),
        "history_ must be an object of lists of numbers",
    ),
    (
        "load-alphabet",
        _edit(["fitted", "alphabet_"], {"nonsense": 1}),
        "the fitted alphabet_ cannot be read",
    ),
    ("load-model-truncated", _truncate_model, "model.keras: not a Keras model archive"),
    ("load-model-garbage", _garbage_zip, "model.keras: Keras cannot load it"),
    (
        "load-model-of-another-save",
        _other_network,
        "belongs to another model.keras \\(the checksums differ\\)",
    ),
]


@pytest.mark.parametrize(
    ("damage", "match"),
    [pytest.param(*case[1:], id=case[0]) for case in LOAD_CASES],
)
def test_loading_a_damaged_or_crafted_folder_names_the_file_and_the_problem(
    env, tmp_path, damage, match
):
    folder = shutil.copytree(env.saved, tmp_path / "model")
    damage(folder)
    with pytest.raises(ValueError, match=match) as info:
        skmotif.load(folder)
    assert str(folder) in str(info.value)
    assert "/skmotif/" in str(info.traceback[-1].path)


def test_loading_a_missing_folder_names_an_interrupted_save(env, tmp_path):
    with pytest.raises(ValueError, match=r"the folder does not exist\.$"):
        skmotif.load(tmp_path / "nothing")
    shutil.copytree(env.saved, tmp_path / ".model.1234abcd.old")  # left by a killed save
    with pytest.raises(ValueError, match=r"previous model is intact in .*\.model\.1234abcd\.old"):
        skmotif.load(tmp_path / "model")


# -- the command line ---------------------------------------------------------------------


def _fa(env, name, text):
    path = env.tmp / name
    path.write_text(text)
    return path


def _records(prefix, sequences):
    return "".join(f">{prefix}{i} some words\n{s}\n" for i, s in enumerate(sequences))


def _many_with_bad_last(env):
    """10,003 records, the last with a bad symbol: named by id and line, not by chunk."""
    sequences = ["ACGT" * 10] * 10002 + ["ACGTAZGT"]
    return _fa(env, "many.fa", _records("r", sequences))


CLI_CASES = [
    # train
    (
        "cli-train-missing-file",
        lambda e: ["train", str(e.tmp / "missing.fa"), str(e.pos)],
        "missing.fa: No such file",
    ),
    ("cli-train-one-file", lambda e: ["train", str(e.neg)], "at least two; got 1"),
    (
        "cli-train-same-file-twice",
        lambda e: ["train", str(e.neg), str(e.pos), str(e.neg)],
        "is given twice",
    ),
    (
        "cli-train-same-file-other-path",
        lambda e: ["train", str(e.neg), str(e.pos), str(e.neg.parent / "." / e.neg.name)],
        "is given twice",
    ),
    (
        "cli-train-empty-class-file",
        lambda e: ["train", str(e.neg), str(e.pos), str(_fa(e, "third.fa", ""))],
        "third.fa: holds no FASTA record",
    ),
    (
        "cli-train-bad-symbol",
        lambda e: [
            "train",
            str(e.neg),
            str(_fa(e, "bad.fa", _records("b", ["ACGT" * 10] * 5 + ["ACGTZ" * 8]))),
        ],
        "bad.fa, line 12: record 'b5' has the symbol 'Z' at position 5",
    ),
    (
        "cli-train-bad-symbol-second-line",
        lambda e: ["train", str(e.neg), str(_fa(e, "lines.fa", ">x\nACGTACGT\nACGTACGT\nACXT\n"))],
        "lines.fa, line 4: record 'x' has the symbol 'X' at position 19",
    ),
    (
        "cli-train-empty-record",
        lambda e: ["train", str(e.neg), str(_fa(e, "hole.fa", ">x\nACGT\n>y\n>z\nACGT\n"))],
        "hole.fa, line 3: record 'y' has no sequence",
    ),
    (
        "cli-train-no-header",
        lambda e: ["train", str(e.neg), str(_fa(e, "plain.txt", "ACGT\nACGT\n"))],
        "plain.txt, line 1: sequence before the first '>' header",
    ),
    (
        "cli-train-binary",
        lambda e: ["train", str(e.neg), str(_file(e, "bin.fa", b"\x1f\x8bnot gzip"))],
        "not a text FASTA file",
    ),
    (
        "cli-train-unknown-param",
        lambda e: ["train", str(e.neg), str(e.pos), "--param", "kernal_len=8"],
        "--param kernal_len: ConvMotifClassifier has no such parameter; did you mean kernel_len",
    ),
    (
        "cli-train-bad-param-value",
        lambda e: ["train", str(e.neg), str(e.pos), "--param", "kernel_num=0"],
        "'kernel_num' parameter",
    ),
    (
        "cli-train-param-without-value",
        lambda e: ["train", str(e.neg), str(e.pos), "--param", "kernel_len"],
        "--param takes name=value",
    ),
    (
        "cli-train-kernel-too-long",
        lambda e: ["train", str(e.neg), str(e.pos), "--param", "kernel_len=45", "conv_num=1"],
        "shrinks the sequence to nothing",
    ),
    (
        "cli-train-test-fraction-above-one",
        lambda e: ["train", str(e.neg), str(e.pos), "--test-fraction", "1.5"],
        "--test-fraction must be between 0 and 1",
    ),
    (
        "cli-train-test-fraction-too-small-class",
        lambda e: [
            "train",
            str(e.neg),
            str(_fa(e, "tiny.fa", ">t\nACGTACGTACGTACGTACGTACGTACGTACGTACGTACGT\n")),
        ],
        "cannot hold out every class",
    ),
    (
        "cli-train-out-is-a-file",
        lambda e: ["train", str(e.neg), str(e.pos), "--out", str(_fa(e, "taken", "x"))],
        "is a file; give a folder",
    ),
    (
        "cli-train-wrong-alphabet",
        lambda e: ["train", str(e.neg), str(e.pos), "--alphabet", "ACGU"],
        "neg.fa, line 2: record 'n0' has the symbol 'T'",
    ),
    (
        "cli-train-structure-unbalanced",
        lambda e: [
            "train",
            str(_fa(e, "s1.fa", ">a\nACGU\n(..)\n")),
            str(_fa(e, "s2.fa", ">b\nACGU\n((..\n")),
            "--structure",
        ],
        "s2.fa, line 3: the structure of record 'b' has '\\(' at position 2, which is never "
        "closed",
    ),
    (
        "cli-train-structure-one-line",
        lambda e: [
            "train",
            str(_fa(e, "s3.fa", ">a\nACGU\n(..)\n")),
            str(_fa(e, "s4.fa", ">b\nACGU\n")),
            "--structure",
        ],
        "s4.fa, line 1: record 'b' has 1 lines",
    ),
    (
        "cli-train-structure-symbol",
        lambda e: [
            "train",
            str(_fa(e, "s5.fa", ">a\nACGU\nEEEE\n")),
            str(_fa(e, "s6.fa", ">b\nACGU\nEEZE\n")),
            "--structure",
        ],
        "s6.fa, line 3: the structure of record 'b' has the symbol 'Z' at position 3",
    ),
    (
        "cli-train-attribution-class",
        lambda e: ["train", str(e.neg), str(e.pos), "--attribution", "bond"],
        "--attribution must be one of the classes .*; got 'bond'",
    ),
    # predict
    (
        "cli-predict-missing-model",
        lambda e: ["predict", str(e.tmp / "nomodel"), str(e.pos)],
        "not a saved skmotif model",
    ),
    (
        "cli-predict-missing-fasta",
        lambda e: ["predict", str(e.saved), str(e.tmp / "missing.fa")],
        "missing.fa: No such file",
    ),
    (
        "cli-predict-bad-record-10003",
        lambda e: ["predict", str(e.saved), str(_many_with_bad_last(e))],
        "many.fa, line 20006: record 'r10002' has the symbol 'Z' at position 6",
    ),
    (
        "cli-predict-too-long",
        lambda e: [
            "predict",
            str(e.saved),
            str(_fa(e, "long.fa", ">ok\nACGT\n>long\n" + "A" * 41 + "\n")),
        ],
        "long.fa, line 3: record 'long' has 41 positions, more than the 40",
    ),
    (
        "cli-predict-empty-fasta",
        lambda e: ["predict", str(e.saved), str(_fa(e, "empty.fa", "\n"))],
        "empty.fa: holds no FASTA record",
    ),
    (
        "cli-predict-out-is-folder",
        lambda e: ["predict", str(e.saved), str(e.pos), "--out", str(e.tmp)],
        "is a folder; give a file name",
    ),
    (
        "cli-predict-target-without-variants",
        lambda e: ["predict", str(e.saved), str(e.pos), "--target", "1"],
        "--target names the class \\(or output\\) of --variants",
    ),
    # variants
    (
        "cli-variants-duplicate-ids",
        lambda e: [
            "predict",
            str(e.saved),
            str(_fa(e, "dup.fa", ">a\nACGT\n>b\nACGT\n>a x\nACGA\n")),
            "--variants",
            str(_fa(e, "v.tsv", "sequence\tposition\tref\talt\na\t1\tA\tC\n")),
        ],
        "dup.fa, line 5: the id 'a' is also the id of the record at line 1",
    ),
    (
        "cli-variants-position-zero",
        lambda e: [
            "predict",
            str(e.saved),
            str(e.pos),
            "--variants",
            str(_fa(e, "v0.tsv", "sequence\tposition\tref\talt\np0\t0\tA\tC\n")),
        ],
        "v0.tsv, line 2: the position '0' is not a whole number >= 1",
    ),
    (
        "cli-variants-position-past-end",
        lambda e: [
            "predict",
            str(e.saved),
            str(e.pos),
            "--variants",
            str(_fa(e, "v1.tsv", "sequence\tposition\tref\talt\np0\t41\tA\tC\n")),
        ],
        "v1.tsv, line 2 \\(sequence 'p0', position 41\\): outside the sequence of 40 "
        "symbols \\(positions are 1-based\\)",
    ),
    (
        "cli-variants-ref",
        lambda e: [
            "predict",
            str(e.saved),
            str(_fa(e, "r.fa", ">s\nACGT\n")),
            "--variants",
            str(_fa(e, "v2.tsv", "sequence\tposition\tref\talt\ns\t1\tA\tC\ns\t2\tA\tC\n")),
        ],
        "v2.tsv, line 3 \\(sequence 's', position 2\\): the reference is 'A' but the "
        "sequence has 'C'",
    ),
    (
        "cli-variants-unknown-id",
        lambda e: [
            "predict",
            str(e.saved),
            str(e.pos),
            "--variants",
            str(_fa(e, "v3.tsv", "sequence\tposition\tref\talt\nnope\t1\tA\tC\n")),
        ],
        "v3.tsv, line 2 \\(sequence 'nope', position 1\\): no such sequence",
    ),
    (
        "cli-variants-missing-column",
        lambda e: [
            "predict",
            str(e.saved),
            str(e.pos),
            "--variants",
            str(_fa(e, "v4.tsv", "sequence\tpos\tref\talt\np0\t1\tA\tC\n")),
        ],
        "the columns \\['position'\\] are missing",
    ),
    (
        "cli-variants-empty",
        lambda e: ["predict", str(e.saved), str(e.pos), "--variants", str(_fa(e, "v5.tsv", ""))],
        "v5.tsv: empty",
    ),
    (
        "cli-variants-target",
        lambda e: [
            "predict",
            str(e.saved),
            str(e.pos),
            "--variants",
            str(_fa(e, "v6.tsv", "sequence\tposition\tref\talt\np0\t1\tA\tC\n")),
            "--target",
            "bound",
        ],
        "--target must be one of the classes \\['0', '1'\\]; got 'bound'",
    ),
    # report
    (
        "cli-report-file-count",
        lambda e: ["report", str(e.saved), str(e.pos)],
        "The model has 2 classes",
    ),
    (
        "cli-report-bad-symbol",
        lambda e: [
            "report",
            str(e.saved),
            str(e.neg),
            str(_fa(e, "rb.fa", ">q\nACGTN\n>w\nACGTU\n")),
        ],
        "rb.fa, line 4: record 'w' has the symbol 'U' at position 5",
    ),
    (
        "cli-report-too-long",
        lambda e: [
            "report",
            str(e.saved),
            str(e.neg),
            str(_fa(e, "rl.fa", ">q\n" + "A" * 50 + "\n")),
        ],
        "rl.fa, line 1: record 'q' has 50 positions, more than the 40",
    ),
    (
        "cli-report-same-file",
        lambda e: ["report", str(e.saved), str(e.neg), str(e.neg)],
        "is given twice",
    ),
]


@pytest.mark.parametrize(
    ("argv", "match"),
    [pytest.param(*case[1:], id=case[0]) for case in CLI_CASES],
)
def test_cli_checks_every_input_before_training_or_writing(env, tmp_path, argv, match):
    env = SimpleNamespace(**vars(env), tmp=tmp_path)
    argv = argv(env)
    out = tmp_path / "out"
    if "--out" not in argv:
        argv += ["--out", str(out)] if argv[0] != "predict" else ["--out", str(out) + ".tsv"]
    before = sorted(p.name for p in tmp_path.iterdir())
    err = stdio.StringIO()
    with redirect_stderr(err):
        code = cli.main(argv)
    message = err.getvalue()
    assert code == 1
    assert message.startswith(f"skmotif {argv[0]}: error:") and message.count("\n") == 1
    assert "Traceback" not in message
    assert __import__("re").search(match, message), message
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_cli_ids_are_text_even_na(env, tmp_path, capsys):
    """A FASTA id NA (or null, or 1) names its record, as any other id."""
    fasta = _fa(SimpleNamespace(tmp=tmp_path), "na.fa", ">NA\nACGTACGT\n>null\nACGTACGT\n")
    variants = tmp_path / "v.tsv"
    variants.write_text("sequence\tposition\tref\talt\nNA\t2\tC\tA\nnull\t8\tT\tG\n")
    argv = ["predict", str(env.saved), str(fasta), "--variants", str(variants)]
    assert cli.main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:4] for line in lines[1:]] == [
        ["NA", "2", "C", "A"],
        ["null", "8", "T", "G"],
    ]
