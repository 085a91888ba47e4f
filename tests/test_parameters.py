"""Each parameter is declared once (``skmotif/_network/parameters.py``), and the estimators'
signatures, constraints, docstrings and saved files agree with the declarations."""

from __future__ import annotations

import dataclasses
import inspect
import json
import pydoc
import re
from numbers import Integral

import pytest
from sklearn.utils._param_validation import Interval, StrOptions, validate_parameter_constraints

import skmotif
from skmotif import ConvMotifClassifier, ConvMotifProfileRegressor, ConvMotifRegressor
from skmotif._network import auto, description
from skmotif._network.parameters import (
    ALWAYS,
    CLASSIFIER,
    PER_LAYER,
    PROFILE,
    REGRESSOR,
    SHARED,
    constraints,
    document,
    older_values,
)

ESTIMATORS = [
    (ConvMotifClassifier, CLASSIFIER),
    (ConvMotifRegressor, REGRESSOR),
    (ConvMotifProfileRegressor, PROFILE),
]
IDS = ["classifier", "regressor", "profile"]


def _same(a, b):
    """Equal and of one type (0, 0.0 and False are three defaults)."""
    return type(a) is type(b) and a == b


def documented_names(docstring):
    """The names the numpydoc "Parameters" section of ``docstring`` documents, in order."""
    text = inspect.cleandoc(docstring)
    found = re.search(r"^Parameters\n-+\n(.*?)(?=^\w[\w ]*\n-+\n|\Z)", text, re.M | re.S)
    return re.findall(r"^(\w+) : ", found.group(1), re.M) if found else []


def disagreements(cls, declared):
    """Each way ``cls`` (its signature, constraints, docstring) differs from ``declared``."""
    found = []
    signature = inspect.signature(cls).parameters
    names = [p.name for p in declared]
    if list(signature) != names:
        found.append(f"signature {list(signature)} != declared {names}")
    for p in declared:
        given = signature.get(p.name)
        if given is None:
            continue
        if given.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD:
            found.append(f"{p.name}: {given.kind}")
        if not _same(given.default, p.default):
            found.append(f"{p.name}: default {given.default!r} != declared {p.default!r}")
        if given.annotation != p.annotation:
            found.append(f"{p.name}: annotation {given.annotation!r} != {p.annotation!r}")
    if cls._parameter_constraints != constraints(declared):
        found.append("_parameter_constraints differ from the declared ones")
    docstring = inspect.cleandoc(cls.__doc__ or "")
    if documented_names(docstring) != names:
        found.append(f"docstring documents {documented_names(docstring)}, not {names}")
    found += [
        f"{p.name}: its doc entry is not in the docstring"
        for p in declared
        if p.entry not in docstring
    ]
    return found


@pytest.mark.parametrize(("cls", "declared"), ESTIMATORS, ids=IDS)
def test_the_estimator_agrees_with_its_declarations(cls, declared):
    assert disagreements(cls, declared) == []
    assert cls.PARAMETERS is declared
    assert list(cls().get_params()) == sorted(p.name for p in declared)


@pytest.mark.parametrize(("cls", "declared"), ESTIMATORS[:2], ids=IDS[:2])
def test_the_estimators_share_the_shared_parameters_first(cls, declared):
    assert declared[: len(SHARED)] == SHARED
    assert len({p.name for p in declared}) == len(declared)


@pytest.mark.parametrize(("cls", "declared"), ESTIMATORS, ids=IDS)
def test_help_shows_every_parameter_with_its_default_type_and_doc(cls, declared):
    text = pydoc.render_doc(cls, renderer=pydoc.plaintext)
    text = re.sub(r"^ \|  ?", "", text, flags=re.M)  # pydoc's margin
    for p in declared:
        assert f"{p.name}: {p.annotation!r} = {p.default!r}" in text, p.name
        assert p.entry in text, p.name


# -- the comparisons are real: what is missing or different is found --------------------


def test_a_parameter_missing_from_the_declarations_is_found():
    fewer = tuple(p for p in CLASSIFIER if p.name != "max_shift")
    found = disagreements(ConvMotifClassifier, fewer)
    assert any(f.startswith("signature") for f in found)
    assert "_parameter_constraints differ from the declared ones" in found
    assert any(f.startswith("docstring documents") for f in found)
    assert disagreements(ConvMotifClassifier, CLASSIFIER[:-1])


def test_a_parameter_missing_from_the_signature_is_found():
    class Fewer(ConvMotifClassifier):
        __doc__ = ConvMotifClassifier.__doc__

        def __init__(self, conv_num: int | str = "auto"):  # the others left out
            self.conv_num = conv_num

    found = disagreements(Fewer, CLASSIFIER)
    assert len(found) == 1 and found[0].startswith("signature ['conv_num'] != declared")


def test_a_parameter_missing_from_the_docstring_is_found():
    entry = next(p.entry for p in CLASSIFIER if p.name == "max_shift")

    class Undocumented(ConvMotifClassifier):
        __doc__ = inspect.cleandoc(ConvMotifClassifier.__doc__).replace(entry + "\n", "")

    found = disagreements(Undocumented, CLASSIFIER)
    assert found[0].startswith("docstring documents") and "'max_shift'" in found[0]
    assert found[1:] == ["max_shift: its doc entry is not in the docstring"]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("default", 1, "default 0 != declared 1"),
        ("default", False, "default 0 != declared False"),
        ("annotation", "int | None", "annotation"),
        ("constraints", [Interval(Integral, 1, None, closed="left")], "_parameter_constraints"),
        ("doc", "int\n    Another description.", "its doc entry is not in the docstring"),
        ("per_layer", "conv_num", "_parameter_constraints"),
    ],
)
def test_a_declaration_that_differs_from_the_estimator_is_found(field, value, expected):
    changed = tuple(
        dataclasses.replace(p, **{field: value}) if p.name == "max_shift" else p
        for p in CLASSIFIER
    )
    found = disagreements(ConvMotifClassifier, changed)
    assert len(found) >= 1 and any(expected in f for f in found), found


# -- what else is made from the declarations ---------------------------------------------


def test_per_layer_parameters_follow_a_declared_count_and_take_tuples():
    assert description.PER_LAYER is PER_LAYER and auto.PER_LAYER is PER_LAYER
    names = {p.name: p for p in SHARED}
    assert list(PER_LAYER) == ["conv_num", "dense_num", "rnn_num", "residual_num"]
    for count, following in PER_LAYER.items():
        assert names[count].per_layer is None
        for name in following:
            assert names[name].per_layer == count
            assert "tuple" in names[name].annotation
            assert "tuple" in names[name].doc.partition("\n")[0], name
    assert {n for ns in PER_LAYER.values() for n in ns} == {p.name for p in SHARED if p.per_layer}
    # description expands exactly these names to one value per layer
    params = {p.name: p.default for p in SHARED}
    params.update(conv_num=3, dense_num=2, rnn_type="LSTM", rnn_num=4, residual_num=2)
    expanded = description.expand_layer_params(params)
    for count, following in PER_LAYER.items():
        assert all(len(expanded[name]) == params[count] for name in following)
    assert all(expanded[p.name] == params[p.name] for p in SHARED if not p.per_layer)


def test_per_layer_constraints_take_tuples_and_check_each_value():
    clf = ConvMotifClassifier(conv_num=2, kernel_num=(4, 8), dropout_dense=(0.1,))
    assert clf.check_params()["kernel_num"] == (4, 8)
    with pytest.raises(ValueError, match="kernel_num"):
        ConvMotifClassifier(conv_num=2, kernel_num=(4, 0)).check_params()
    with pytest.raises(ValueError, match="max_shift"):
        ConvMotifClassifier(max_shift=(1, 2)).check_params()  # not per layer


def test_the_auto_parameters_are_those_whose_constraints_take_auto():
    takes_auto = [
        p.name
        for p in SHARED
        if any(isinstance(c, StrOptions) and "auto" in c.options for c in p.constraints)
    ]
    assert tuple(takes_auto) == auto.AUTO_NAMES
    assert [p.name for p in SHARED if p.default == "auto"] == takes_auto


def test_the_docstring_names_the_per_layer_parameters():
    for cls, _ in ESTIMATORS[:2]:  # the profile model's one per-layer parameter: below
        note = inspect.cleandoc(cls.__doc__).split("\n\n")[2]
        assert note.startswith("Per-layer parameters (")
        mentioned = re.findall(r"``(\w+)``", note.split(")", 1)[0])
        assert mentioned == [n for ns in PER_LAYER.values() for n in ns]


def test_the_profile_models_docstring_names_its_per_layer_parameter():
    assert "``residual_dilation`` takes one value for all layers or a tuple" in " ".join(
        inspect.cleandoc(ConvMotifProfileRegressor.__doc__).split()
    )


def test_document_needs_both_places():
    with pytest.raises(ValueError, match="per_layer"):
        document("Summary.\n\n    %(parameters)s\n", SHARED)
    with pytest.raises(ValueError, match="parameters"):
        document("Summary.\n\n    %(per_layer)s\n", SHARED)


# -- saved files --------------------------------------------------------------------------


def test_older_values_are_for_declared_parameters_only():
    for cls, declared in ESTIMATORS:
        older = older_values(cls.PARAMETERS)
        assert older == {p.name: p.old for p in declared if p.old is not ALWAYS}
        assert set(older) <= set(inspect.signature(cls).parameters)
    # networks saved before global_skip had none, whatever today's default
    older = older_values(SHARED)
    assert older["global_skip"] is False and ConvMotifClassifier().global_skip == "all"


def test_a_saved_file_holds_the_declared_parameters_and_loading_fills_in_older_ones(
    fast_model, tmp_path
):
    path = skmotif.save(fast_model, tmp_path / "model")
    state = json.loads((path / "estimator.json").read_text())
    assert sorted(state["params"]) == sorted(p.name for p in CLASSIFIER)
    older = older_values(CLASSIFIER)
    for name in older:  # as a file written before these parameters existed
        del state["params"][name]
    (path / "estimator.json").write_text(json.dumps(state))
    loaded = skmotif.load(path).get_params()
    assert all(_same(loaded[name], value) for name, value in older.items()), loaded
    kept = {n: v for n, v in fast_model.get_params().items() if n not in older}
    assert {n: loaded[n] for n in kept} == kept


@pytest.mark.parametrize("parameter", CLASSIFIER + REGRESSOR[len(SHARED) :], ids=lambda p: p.name)
def test_each_default_and_older_value_meets_the_constraints(parameter):
    values = [parameter.default] + ([] if parameter.old is ALWAYS else [parameter.old])
    for value in values:
        validate_parameter_constraints(constraints((parameter,)), {parameter.name: value}, "test")
