"""Names taken off the public surface in 0.6.0 still work until 0.7.0, with a FutureWarning."""

import importlib

import numpy as np
import pytest

import skmotif
from skmotif._deprecated import REMOVED_IN

#: (public module, old name, the object it must still give).
REMOVED = [
    ("skmotif", "DNA", "skmotif._alphabet.DNA"),
    ("skmotif", "RNA", "skmotif._alphabet.RNA"),
    ("skmotif", "STRUCTURE", "skmotif._alphabet.STRUCTURE"),
    ("skmotif", "JointAlphabet", "skmotif._alphabet.JointAlphabet"),
    ("skmotif", "MotifPair", "skmotif._motif.MotifPair"),
    ("skmotif.interpret", "KernelMotif", "skmotif.interpret._kernels.KernelMotif"),
    ("skmotif.interpret", "optimized_motifs", "skmotif.interpret._optimize.optimized_motifs"),
    ("skmotif.matching", "best_matches", "skmotif.matching._best_matches"),
    ("skmotif.report", "write_performance", "skmotif.report._performance._write_performance"),
    ("skmotif.plotting", "plot_logo", "skmotif._figures.plot_logo"),
    ("skmotif.plotting", "plot_roc", "skmotif.plotting._plot_roc"),
    ("skmotif.plotting", "plot_precision_recall", "skmotif.plotting._plot_precision_recall"),
    ("skmotif.io", "iter_fasta", "skmotif.io._iter_fasta"),
    ("skmotif.genome", "read_vcf", "skmotif.genome._variants.read_vcf"),
]


def _object(dotted):
    module, name = dotted.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


@pytest.mark.parametrize(("module", "name", "target"), REMOVED)
def test_a_removed_name_warns_and_gives_what_it_gave(module, name, target):
    public = importlib.import_module(module)
    assert name not in public.__all__
    with pytest.warns(FutureWarning, match=f"{module}.{name} is no longer .* removed in") as got:
        value = getattr(public, name)
    assert value is _object(target)
    assert [w.filename for w in got] == [__file__]  # the user's line, not skmotif's


def test_the_warning_names_what_to_use_instead():
    with pytest.warns(FutureWarning, match=r"n_best=3"):
        from skmotif.matching import best_matches  # noqa: F401
    assert REMOVED_IN == "0.7.0" and skmotif.__version__.startswith("0.6.")


def test_unknown_names_are_still_attribute_errors():
    for module in ("skmotif", "skmotif.io", "skmotif.genome"):
        with pytest.raises(AttributeError, match="has no attribute 'nonexistent'"):
            importlib.import_module(module).nonexistent  # noqa: B018


def test_the_old_functions_behave_as_before(tmp_path):
    fasta = tmp_path / "a.fa"
    fasta.write_text(">a\nACGUA\n((.))\n>b\nGGCA\n....\n")
    with pytest.warns(FutureWarning):
        from skmotif.io import iter_fasta
    assert list(iter_fasta(fasta, structure=True)) == list(
        zip(*skmotif.io.read_fasta(fasta, structure=True), strict=True)
    )
    y = np.array([0, 1, 1, 0, 1, 0])
    proba = np.array([[0.8, 0.2], [0.3, 0.7], [0.4, 0.6], [0.6, 0.4], [0.45, 0.55], [0.9, 0.1]])
    with pytest.warns(FutureWarning):
        from skmotif.report import write_performance
    old = write_performance(y, proba, [0, 1], tmp_path / "old")
    new = skmotif.report.performance_report(y, proba, [0, 1], folder=tmp_path / "new")
    assert old.equals(new) and new.loc["weighted avg", "auROC"] == 1.0
    for folder in ("old", "new"):
        assert (tmp_path / folder / "performance.png").stat().st_size > 10000
    assert (tmp_path / "old/performance.txt").read_text() == (
        tmp_path / "new/performance.txt"
    ).read_text()
