"""Bundled data sets load from the package, with the documented sizes and labels."""

import numpy as np

from skmotif.datasets import load_artificial, load_pum2


def test_artificial_set_has_the_planted_blocks():
    X, y = load_artificial()
    assert X.shape == (20000,) and np.bincount(y).tolist() == [10000, 10000]
    assert {len(s) for s in X} == {140}
    positives = X[y == 1]
    with_cg = np.array([s[20:30] == "C" * 10 and s[50:60] == "G" * 10 for s in positives])
    with_at = np.array([s[80:90] == "A" * 10 and s[110:120] == "T" * 10 for s in positives])
    assert (with_cg | with_at).all() and 4000 < with_cg.sum() < 6000


def test_pum2_set():
    X, y = load_pum2()
    assert X.shape == (10368,) and np.bincount(y).tolist() == [5184, 5184]
    assert {len(s) for s in X} == {200}
    assert set("".join(X[y == 1])) <= set("ACGUN")
    assert sum(set(s) == {"N"} for s in X[y == 0]) == 32
