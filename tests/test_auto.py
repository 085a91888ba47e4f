"""Length-aware defaults: "auto" network parameters resolved for the input's length."""

import numpy as np
import pytest
from sklearn.base import clone

from skmotif import ConvMotifClassifier, ConvMotifRegressor, load, save
from skmotif._network.auto import LONG_INPUT, resolve

AUTO = ConvMotifClassifier().get_params()


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        (9, (1, 64, 3, 1)),
        (15, (1, 64, 3, 1)),
        (19, (1, 64, 3, 1)),
        (20, (1, 64, 3, 2)),
        (30, (1, 64, 5, 2)),
        (34, (1, 64, 5, 2)),
        (LONG_INPUT - 1, (1, 64, 7, 2)),
        (LONG_INPUT, (2, 30, 11, 2)),
        (400, (2, 30, 11, 2)),
    ],
)
def test_the_rule_by_length(length, expected):
    resolved = resolve(AUTO, length)
    names = ("conv_num", "kernel_num", "kernel_len", "pool_size")
    assert tuple(resolved[name] for name in names) == expected


def test_what_the_user_sets_is_kept_and_sets_the_rest():
    params = AUTO
    # An explicit kernel length that two blocks cannot take on 60 positions: one block.
    assert resolve({**params, "kernel_len": 25}, 60) == {
        "conv_num": 1,
        "kernel_num": 64,
        "pool_size": 2,
    }
    # Per-layer tuples give the depth.
    assert resolve({**params, "kernel_num": (8, 8, 8)}, 400)["conv_num"] == 3
    explicit = {"conv_num": 2, "kernel_num": 8, "kernel_len": 5, "pool_size": 2}
    assert resolve({**params, **explicit}, 20) == {}
    with pytest.raises(ValueError, match="shrinks the sequence to nothing: 20 -> conv_1 -4"):
        resolve({**params, "kernel_len": 25}, 20)


def short(n, length, seed=0):
    rng = np.random.default_rng(seed)
    X = np.array(["".join(rng.choice(list("ACGT"), length)) for _ in range(n)])
    y = np.array([x.count("GG") for x in X], dtype=float)
    return X, y


def test_a_30_mer_trains_with_every_default_and_keeps_its_parameters(tmp_path, capsys):
    X, y = short(300, 30)
    reg = ConvMotifRegressor(epochs=2, random_state=0)
    reg.fit(X, y)
    assert reg.get_params()["conv_num"] == "auto" and clone(reg).kernel_len == "auto"
    assert reg.resolved_params_ == {
        "conv_num": 1,
        "kernel_num": 64,
        "kernel_len": 5,
        "pool_size": 2,
    }
    assert reg.model_.get_layer("conv_1").kernel.shape == (5, 4, 64)
    assert reg.predict(X[:5]).shape == (5,)
    reg.summary()
    assert "30 positions: conv_num=1, kernel_num=64, kernel_len=5, pool_size=2" in (
        capsys.readouterr().out
    )
    loaded = load(save(reg, tmp_path / "model"))
    assert loaded.resolved_params_ == reg.resolved_params_
    np.testing.assert_allclose(loaded.predict(X[:5]), reg.predict(X[:5]), rtol=1e-6)
    # Refit on long input: resolved anew.
    X_long, y_long = short(60, 60)
    assert reg.set_params(epochs=1).fit(X_long, y_long).resolved_params_["conv_num"] == 2


def test_an_explicit_choice_that_does_not_fit_raises_before_training():
    X, _ = short(40, 20)
    clf = ConvMotifClassifier(kernel_len=25, epochs=1)
    with pytest.raises(ValueError, match=r"kernel_len=25.*shrinks the sequence to nothing"):
        clf.fit(X, np.arange(40) % 2)
    assert not hasattr(clf, "model_")
    with pytest.raises(ValueError, match="'auto' stands for the whole parameter"):
        ConvMotifClassifier(conv_num=2, kernel_len=("auto", 5)).fit(X, np.arange(40) % 2)
