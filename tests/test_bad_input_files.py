"""Bad input, as a hostile user would give it: sequence files, saving and loading models.

Every case is a clear error before any training. Each asserts the exception type, that the
message names the problem, that it is raised from skmotif's own checks (or scikit-learn's
fitted-state checks), not from inside TensorFlow, Keras or NumPy, and that no training
started (training calls are counted). The case ids start with their kind (io, save,
load); ``python -m pytest tests/test_bad_input_files.py -v`` lists them.
"""

import json
import shutil
import zipfile
from types import SimpleNamespace

import pytest
from bad_input_shared import clf, count_training, raises_clearly
from sklearn.exceptions import NotFittedError

import skmotif
import skmotif.io
import skmotif.structure

#: Where a clear error may come from: skmotif, or scikit-learn's parameter and fitted checks.


@pytest.fixture(scope="module")
def env(fast_model, motif_data, tmp_path_factory):
    """Data, a fitted model and its saved folder, which the cases break."""
    X, y, X_test, _ = motif_data
    saved = skmotif.save(fast_model, tmp_path_factory.mktemp("bad") / "saved")
    return SimpleNamespace(X=X, y=y, X_test=X_test, model=fast_model, saved=saved)


@pytest.fixture(autouse=True)
def training_calls(monkeypatch):
    """Counts the fits that reach training; every case here must leave it at 0."""
    yield from count_training(monkeypatch)


API_CASES = [
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
    (
        "io-empty-fasta",
        lambda e: skmotif.io.read_fasta(_file(e, "empty.fa", "\n\n")),
        ValueError,
        "empty.fa: holds no FASTA record; give a file of sequences",
    ),
    (
        "io-classes-no-file",
        lambda e: skmotif.io.load_fasta_classes([]),
        ValueError,
        "paths is empty; give a list of FASTA files, one per class",
    ),
    (
        "io-classes-one-path",
        lambda e: skmotif.io.load_fasta_classes(str(_file(e, "one.fa", ">a\nACGT\n"))),
        TypeError,
        "paths is the single path .*one.fa'; give a list of FASTA files",
    ),
    (
        "io-classes-empty-file",
        lambda e: skmotif.io.load_fasta_classes(
            [_file(e, "neg.fa", ">a\nACGT\n"), _file(e, "pos.fa", "")]
        ),
        ValueError,
        "pos.fa: holds no FASTA record; every class file needs at least one sequence",
    ),
    (
        "io-multilabel-empty",
        lambda e: skmotif.io.load_fasta_multilabel(_file(e, "h.fa", "")),
        ValueError,
        "h.fa: holds no FASTA record; give a file of sequences",
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
    raises_clearly(env, tmp_path, action, error, match)


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
    from skmotif._network.build import build_network
    from skmotif._network.description import Head, describe, expand_layer_params

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
