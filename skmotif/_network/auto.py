"""Length-aware defaults: the network's depth, kernel length and pooling for the input's
length, resolved in ``fit`` as scikit-learn resolves ``"auto"`` parameters.

``conv_num``, ``kernel_num``, ``kernel_len`` and ``pool_size`` default to ``"auto"``.
For inputs of at least :data:`LONG_INPUT` positions they are two blocks of 30
11-long kernels, each max-pooled by 2 (the network of every release before; benchmarks
on 100-400-position inputs are unchanged). Shorter inputs (guides, peptides, miRNA
sites) get one block of 64 kernels spanning about a sixth of the input, max-pooled by 2
from :data:`POOLED_FROM` positions on, every position kept below (``pool_size=1``): the
shape of the published models for them (DeepCpf1: one convolution of 80 5-long kernels
on 34 nt, pooled by 2; DeepSpCas9: 3-7 on 30 nt). Measured (Benchmarks page, "Short
inputs"): on 34-nt guides 64 kernels of 5 pooled by 2 gave Spearman 0.751, against
0.742-0.744 for 30 kernels or every position kept; on 9-mer peptides pooling by 2 lost
what the anchor residues say (auROC 0.796 against 0.816 with every position). What
the user sets is kept; an ``"auto"`` parameter takes the first of these choices that the
user's settings fit (the other one second: ``kernel_len=25`` on 60 positions gets one
block).
"""

from __future__ import annotations

from .description import PER_LAYER, conv_output_lengths, expand_layer_params
from .parameters import AUTO_NAMES

#: Inputs at least this long get the long-input network (two blocks that leave at least
#: four positions to the dense layer with 11-long kernels).
LONG_INPUT = 46
#: Short inputs from this length on are max-pooled by 2; shorter ones keep every position.
POOLED_FROM = 20
#: The long-input network.
LONG = {"conv_num": 2, "kernel_num": 30, "kernel_len": 11, "pool_size": 2}


def short_input(length: int) -> dict:
    """The network of an input shorter than :data:`LONG_INPUT`: one block of 64 kernels of
    about a sixth of the length (3 to 11), max-pooled by 2, or below
    :data:`POOLED_FROM` positions every position kept for the dense layer."""
    kernel = min(max(length // 6, 3), 11)
    pool = 2 if length >= POOLED_FROM else 1
    return {"conv_num": 1, "kernel_num": 64, "kernel_len": kernel, "pool_size": pool}


def resolve(params: dict, length: int | None) -> dict:
    """The values the ``"auto"`` parameters take for inputs of ``length`` positions.

    Parameters
    ----------
    params : dict
        The estimator's parameters.
    length : int or None
        The network's input length; None (not fitted yet): the long-input
        values, to check the other parameters.

    Returns
    -------
    dict
        ``{name: value}`` of each parameter given as ``"auto"`` (empty when
        none is). A per-layer parameter given as a tuple sets ``conv_num``.

    Raises
    ------
    ValueError
        When no choice fits the parameters the user set: the error of the
        long-input choice, which names the layer that shrinks the input.
    """
    auto = [name for name in AUTO_NAMES if _is_auto(params.get(name))]
    if not auto:
        return {}
    if length is None:
        choices = [LONG]
    elif length < LONG_INPUT:
        choices = [short_input(length), LONG]
    else:
        choices = [LONG, short_input(length)]
    depth = _given_depth(params)
    first_error = None
    for choice in choices:
        values = {name: choice[name] for name in auto}
        if "conv_num" in values and depth is not None:
            values["conv_num"] = depth
        if length is None:
            return values
        spec = expand_layer_params({**params, **values})
        try:
            conv_output_lengths(length, spec)
        except ValueError as error:
            first_error = first_error or error
            continue
        return values
    raise first_error


def _is_auto(value) -> bool:
    return isinstance(value, str) and value == "auto"


def _given_depth(params):
    """The number of convolution blocks that a per-layer tuple gives, if any."""
    for name in PER_LAYER["conv_num"]:
        if isinstance(params.get(name), tuple):
            return len(params[name])
    return None
