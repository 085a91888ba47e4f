"""Behaviour pinned across refactors: fixed seeds give the predictions they gave before.

The network description (0.2.0) and the estimator base (0.3.0) left 0.1.0's values
unchanged to the last printed digit. Version 0.4.0's cheaper dropout stream (8 random
bits per mask element) trains another model from the same seed, and so do 0.5.0's
defaults (the global skip from every block, no input dropout, dense dropout 0.1): 0.5.0
printed the values below with this same fit. A change that alters what a seed trains must update
them and say so in the changelog.
"""

import numpy as np
import pytest

from skmotif import ConvMotifClassifier
from skmotif.datasets import load_artificial, load_pum2

PINNED = {
    "pum2": [0.52314818, 0.54722257, 0.52978516, 0.53142864, 0.51950337, 0.52416514, 0.54231898,
             0.52738863],
    "artificial": [0.53982891, 0.53901923, 0.54522628, 0.53742176, 0.53891844, 0.53777848,
                   0.54002821, 0.53609838],
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "load", "alphabet"),
    [("pum2", load_pum2, "ACGU"), ("artificial", load_artificial, "ACGT")],
)
def test_fixed_seeds_predict_as_before_the_refactor(name, load, alphabet):
    X, y = load()
    rows = np.random.RandomState(0).choice(len(X), 400, replace=False)
    X, y = X[rows], y[rows]
    clf = ConvMotifClassifier(
        kernel_num=6, kernel_len=8, neuron_num=8, epochs=2, random_state=0, alphabet=alphabet
    ).fit(X[:300], y[:300])
    np.testing.assert_allclose(clf.predict_proba(X[300:308])[:, -1], PINNED[name], atol=1e-7)
