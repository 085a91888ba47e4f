"""Compiled networks kept between fits of one architecture, so that each traces once.

Most of a small fit's time goes into tracing the training step (the graph,
the optimizer's variables) and the validation step. A grid search fits the
same architecture for every fold, and often for several candidates. So a
fit trains a *trainer* (:func:`~skmotif._build.build_trainer`): a
compiled network of the estimator's architecture, taken from a small pool,
into which the freshly built network's state (initial weights, dropout seed
states) is copied and whose optimizer is reset; the trained state is then
copied back into the estimator's own network. Training from the same state
with the same steps, a fit on a pooled trainer learns exactly what a fit on
a new network learns.
"""

import threading
from collections import OrderedDict
from contextlib import contextmanager

import numpy as np

from ._build import build_trainer

#: Most idle trainers kept (each holds one network and its optimizer state).
MAX_IDLE = 4

_idle = OrderedDict()  # Architecture -> idle trainers, least recently used first
_lock = threading.Lock()


def _borrow(key):
    with _lock:
        trainers = _idle.get(key)
        if not trainers:
            return None
        trainer = trainers.pop()
        if not trainers:
            del _idle[key]
        return trainer


def _give_back(key, trainer):
    with _lock:
        _idle.setdefault(key, []).append(trainer)
        _idle.move_to_end(key)
        while sum(map(len, _idle.values())) > MAX_IDLE:
            oldest = next(iter(_idle))
            _idle[oldest].pop(0)
            if not _idle[oldest]:
                del _idle[oldest]


def _copy(sources, targets):
    for source, target in zip(sources, targets, strict=True):
        if (source.name, tuple(source.shape)) != (target.name, tuple(target.shape)):
            raise RuntimeError(f"cannot copy {source.path} into {target.path}")
        target.assign(source)


@contextmanager
def training_copy(model, arch, learning_rate):
    """A compiled network in ``model``'s state, whose trained state goes back into ``model``.

    Parameters
    ----------
    model : keras.Model
        A network from :func:`~skmotif._build.build_network` of ``arch``; it
        receives the trained state when the block ends without an error.
    arch : Architecture
        The network's description, which is also the pool's key.
    learning_rate : float
        Adam's initial learning rate.

    Yields
    ------
    trainer : keras.Model
        Compiled (Adam at ``learning_rate``, moments and step count set to
        exact zeros), with ``model``'s weights and dropout seed states.
        Only one fit uses a trainer at a time; concurrent fits get their own.
        When the block raises (a diverged fit, an interrupt), the trainer is
        dropped, so no state of a failed fit reaches a later one.
    """
    trainer = _borrow(arch) or build_trainer(arch, learning_rate)
    _copy(model.variables, trainer.variables)
    for variable in trainer.optimizer.variables:  # exact zeros: NaN * 0 would stay NaN
        variable.assign(np.zeros(variable.shape, variable.dtype))
    trainer.optimizer.learning_rate.assign(learning_rate)
    yield trainer  # a fit that raises here drops the trainer: it never returns to the pool
    _copy(trainer.variables, model.variables)
    _give_back(arch, trainer)
