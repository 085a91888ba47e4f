"""Named settings: pysster's exact network, and search spaces for hyperparameter tuning.

Both return new dicts, so changing one never changes what the next call gives.
"""

from ._network.auto import LONG_INPUT, short_input
from ._network.description import conv_output_lengths


def pysster_params() -> dict:
    """Parameters that give pysster 1.2.2's network and training exactly.

    skmotif's defaults differ where measurements showed pysster's to stall
    (see the README's "Defaults" section); these restore pysster's.

    Returns
    -------
    params : dict
        For ``ConvMotifClassifier(**pysster_params())`` or ``set_params``.

    Examples
    --------
    >>> from skmotif import ConvMotifClassifier, pysster_params
    >>> clf = ConvMotifClassifier(alphabet="ACGU", **pysster_params()).set_params(kernel_len=8)
    >>> clf.learning_rate, clf.global_skip
    (0.0005, False)
    """
    return {
        "conv_num": 2,
        "kernel_num": 30,
        "kernel_len": 25,
        "pool_size": 2,
        "pool_stride": 2,
        "dense_num": 1,
        "neuron_num": 100,
        "dropout_input": 0.1,
        "dropout_conv": 0.3,
        "dropout_dense": 0.6,
        "global_skip": False,
        "first_activation": "relu",
        "batch_size": 128,
        "learning_rate": 0.0005,
        "patience_lr": 5,
        "patience_stopping": 15,
        "kernel_constraint": 3,
    }


#: Kernel lengths to try per kind of sequence: DNA binding sites are 6-20 nt,
#: RNA-binding protein sites 4-10 nt, protein motifs 3-15 residues.
_KERNEL_LENGTHS = {
    "dna": [11, 19, 25],
    "rna": [6, 8, 12],
    "rna-structure": [6, 8, 12],
    "protein": [5, 9, 15],
}


def _fitting(length, conv_num, kernel_lengths, pool_size):
    """The kernel lengths that keep ``conv_num`` blocks from shrinking ``length`` to nothing."""
    if length is None:
        return list(kernel_lengths)
    spec = {
        "conv_num": conv_num,
        "pool_size": (pool_size,) * conv_num,
        "pool_stride": (2,) * conv_num,
    }
    kept = []
    for k in kernel_lengths:
        try:
            conv_output_lengths(length, {**spec, "kernel_len": (k,) * conv_num})
        except ValueError:
            continue
        kept.append(k)
    return kept


def search_space(
    kind: str = "dna", length: int | None = None, task: str = "classification"
) -> list[dict]:
    """A hyperparameter space for ``GridSearchCV`` or ``HalvingRandomSearchCV``.

    Two families of networks:

    1. motifs anywhere: one convolution layer whose kernels' maxima over the
       whole sequence (``pool_size="global"``) go straight to the output,
       as in motif-discovery work (Koo & Eddy 2019); the most readable
       kernels;
    2. position-aware: skmotif's default network (a dense layer after the
       convolution blocks, and the global skip) with one or two convolution
       blocks and its kernel counts and lengths, dense dropout and learning
       rate varied.

    Parameters
    ----------
    kind : {"dna", "rna", "rna-structure", "protein"}, default="dna"
        Sets the kernel lengths tried (see Notes). Pass the alphabet to the
        estimator itself, e.g. ``ConvMotifClassifier(alphabet=("ACGU", "EHIMS"))``.
    length : int, optional
        Your sequences' length: settings whose convolutions would shrink it
        to nothing are left out (otherwise a search scores them NaN); below
        46 positions the kernel length the defaults choose (about a quarter
        of the length) is tried too.
    task : {"classification", "regression"}, default="classification"
        The estimator searched: :class:`~skmotif.ConvMotifClassifier` or
        :class:`~skmotif.ConvMotifRegressor`; both get the same networks.

    Returns
    -------
    space : list of dict of str to list
        One grid per family and depth, for the ``param_grid`` of
        ``GridSearchCV`` or the ``param_distributions`` of a randomized or
        halving search. For sequences of 200 positions it holds 64
        candidates. See the README for what a 12-candidate halving search
        found on the planted-motif and PUM2 benchmarks, and in how long.

    Notes
    -----
    Kernel lengths: DNA 11, 19, 25; RNA (with or without structure) 6, 8,
    12; protein 5, 9, 15. The first family tries the two shorter ones.

    Examples
    --------
    >>> from sklearn.model_selection import GridSearchCV, ParameterGrid
    >>> from skmotif import ConvMotifClassifier, search_space
    >>> grid = GridSearchCV(ConvMotifClassifier(alphabet="ACGU"), search_space("rna"))
    >>> sum(len(ParameterGrid(g)) for g in search_space("rna"))
    64
    >>> sum(len(ParameterGrid(g)) for g in search_space("dna", length=40))
    64
    """
    if kind not in _KERNEL_LENGTHS:
        raise ValueError(f"kind must be one of {sorted(_KERNEL_LENGTHS)}; got {kind!r}.")
    if task not in ("classification", "regression"):
        raise ValueError(f"task must be 'classification' or 'regression'; got {task!r}.")
    lengths = _KERNEL_LENGTHS[kind]
    if length is not None and length < LONG_INPUT:  # what the defaults choose, tried first
        lengths = sorted({short_input(length)["kernel_len"], *lengths})

    def fitting(conv_num, kernel_lengths, pool_size=2):
        return _fitting(length, conv_num, kernel_lengths, pool_size)

    anywhere = {
        "conv_num": [1],
        "pool_size": ["global"],
        "dense_num": [0],
        "dropout_conv": [0.0],
        "kernel_num": [64, 128],
        "kernel_len": fitting(1, lengths[:2], "global"),
        "dropout_input": [0.0, 0.1],
        "learning_rate": [0.001, 0.003],
    }
    positional = [
        {
            "conv_num": [conv_num],
            "kernel_num": [30, 64],
            "kernel_len": fitting(conv_num, lengths),
            "dropout_dense": [0.3, 0.6],
            "learning_rate": [0.001, 0.003],
        }
        for conv_num in (1, 2)
    ]
    return [grid for grid in (anywhere, *positional) if grid["kernel_len"]]
