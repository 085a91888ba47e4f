"""What the bad-input test files share: a fitted model and data, a count of the fits that
reach training (every case must leave it at 0), and where a clear error may come from."""

from types import SimpleNamespace

import pytest
from conftest import FAST

from skmotif import ConvMotifClassifier
from skmotif._network import train as _train

#: Where a clear error may come from: skmotif, or scikit-learn's parameter and fitted checks.
CLEAR_ORIGINS = ("/skmotif/", "sklearn/utils/_param_validation.py", "sklearn/utils/validation.py")


def data_env(fast_model, motif_data):
    """Data and a fitted model (a module fixture's value)."""
    X, y, X_test, _ = motif_data
    return SimpleNamespace(X=X, y=y, X_test=X_test, model=fast_model)


def count_training(monkeypatch):
    """Counts the fits that reach training (an autouse fixture's body): it must stay 0."""
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


def _X(env):
    return env.X[:20]


def _y(env):
    return env.y[:20]


def raises_clearly(env, tmp_path, action, error, match):
    """``action(env)`` raises ``error`` matching ``match`` from a :data:`CLEAR_ORIGINS` file."""
    env = SimpleNamespace(**vars(env), tmp=tmp_path)
    with pytest.raises(error, match=match) as info:
        action(env)
    origin = str(info.traceback[-1].path)
    assert any(part in origin for part in CLEAR_ORIGINS), origin
