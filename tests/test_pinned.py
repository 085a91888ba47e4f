"""Behaviour pinned across refactors: fixed seeds give the predictions they gave before.

The network description (0.2.0) and the estimator base (0.3.0) left 0.1.0's values
unchanged to the last printed digit. Version 0.4.0's cheaper dropout stream (8 random
bits per mask element) trains another model from the same seed, so it printed the
values below with this same fit. A change that alters what a seed trains must update
them and say so in the changelog.
"""

import numpy as np
import pytest

from skmotif import ConvMotifClassifier
from skmotif.datasets import load_artificial, load_pum2

PINNED = {
    "pum2": [0.51931447, 0.5537642, 0.53592861, 0.5273824, 0.50845613, 0.51984926, 0.5471407,
             0.52992986],
    "artificial": [0.53654792, 0.53688848, 0.53779843, 0.5320065, 0.53234748, 0.53566602,
                   0.54100135, 0.53443087],
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
