"""Named settings: pysster's exact network, and the search spaces."""

import pytest
from conftest import planted
from sklearn.model_selection import ParameterGrid, RandomizedSearchCV

from skmotif import ConvMotifClassifier, pysster_params, search_space
from skmotif._network.auto import resolve
from skmotif._network.description import conv_output_lengths, expand_layer_params


def test_pysster_params_are_a_fresh_dict_of_estimator_parameters():
    params = pysster_params()
    assert set(params) <= set(ConvMotifClassifier().get_params())
    assert params["learning_rate"] == 0.0005 and params["global_skip"] is False
    params["kernel_len"] = 8
    assert pysster_params()["kernel_len"] == 25
    # Everything pysster_params leaves out is the same in both, so pysster's
    # network and training differ from the defaults only where it says.
    differs = {
        name
        for name, value in ConvMotifClassifier().get_params().items()
        if ConvMotifClassifier(**pysster_params()).get_params()[name] != value
    }
    # conv_num, kernel_num and pool_size: "auto" in the defaults, which is pysster's 2, 30
    # and 2 on input of 46 positions or more.
    assert differs == {
        "conv_num",
        "kernel_num",
        "pool_size",
        "learning_rate",
        "global_skip",
        "kernel_len",
        "dropout_input",
        "dropout_dense",
    }


@pytest.mark.parametrize(
    ("kind", "lengths"),
    [
        ("dna", {11, 19, 25}),
        ("rna", {6, 8, 12}),
        ("rna-structure", {6, 8, 12}),
        ("protein", {5, 9, 15}),
    ],
)
def test_search_space_grids_name_estimator_parameters(kind, lengths):
    space = search_space(kind)
    params = set(ConvMotifClassifier().get_params())
    assert all(set(grid) <= params for grid in space)
    assert set().union(*(grid["kernel_len"] for grid in space)) == lengths
    assert sum(len(ParameterGrid(grid)) for grid in space) == 64
    anywhere, one, two = space
    assert anywhere["pool_size"] == ["global"] and anywhere["dense_num"] == [0]
    assert (one["conv_num"], two["conv_num"]) == ([1], [2])


def test_search_space_leaves_out_what_does_not_fit_the_length():
    # 40 nt: two blocks of kernels of 19 shrink it to nothing (40 -> 22 -> 11 -> -7); the
    # defaults' choice for 40 nt (kernels of 6) is tried too.
    one, two = search_space("dna", length=40)[1:]
    assert one["kernel_len"] == [6, 11, 19, 25] and two["kernel_len"] == [6, 11]
    assert search_space("dna", length=200) == search_space("dna")
    # 20 nt: kernels of 3 (the defaults' choice) and what one or two blocks can take.
    assert [g["kernel_len"] for g in search_space("dna", length=20)] == [[3, 11], [3, 11, 19], [3]]
    # 9-residue peptides: every network of the space takes them.
    candidates = [p for grid in search_space("protein", length=9) for p in ParameterGrid(grid)]
    assert len(candidates) == 32
    for params in candidates:
        clf = ConvMotifClassifier(alphabet="protein", **params)
        spec = {**clf.get_params(), **resolve(clf.get_params(), 9)}
        conv_output_lengths(9, expand_layer_params(spec))


def test_search_space_runs_in_a_search():
    X, y = planted(120, length=40)
    search = RandomizedSearchCV(
        ConvMotifClassifier(epochs=2, random_state=0),
        search_space("dna", length=40),
        n_iter=4,
        cv=2,
        random_state=0,
        error_score="raise",
    ).fit(X, y)
    assert len(search.cv_results_["params"]) == 4


def test_unknown_kind_names_the_kinds():
    with pytest.raises(ValueError, match=r"kind must be one of \['dna', 'protein', 'rna'"):
        search_space("DNA")


@pytest.mark.parametrize("module", ["skmotif._presets", "skmotif.encoding", "skmotif._shuffle"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
