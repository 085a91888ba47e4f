"""Named settings: pysster's exact network, and search spaces for hyperparameter tuning.

Both return new dicts, so changing one never changes what the next call gives.
"""

__all__ = ["pysster_params", "search_space"]


def pysster_params():
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


def search_space(kind="dna"):
    """A hyperparameter space for ``GridSearchCV`` or ``HalvingRandomSearchCV``.

    Two families of networks, as a list of two grids:

    1. motifs anywhere: one convolution layer whose kernels' maxima over the
       whole sequence (``pool_size="global"``) go straight to the output,
       as in motif-discovery work (Koo & Eddy 2019); the most readable
       kernels;
    2. position-aware: skmotif's default network (two convolution blocks,
       a dense layer, the global skip) with its depth, kernel counts and
       lengths, dense dropout and learning rate varied.

    Parameters
    ----------
    kind : {"dna", "rna", "rna-structure", "protein"}, default="dna"
        Sets the kernel lengths tried (see Notes). Pass the alphabet to the
        estimator itself, e.g. ``ConvMotifClassifier(alphabet=("ACGU", "EHIMS"))``.

    Returns
    -------
    space : list of two dict of str to list
        ``GridSearchCV(ConvMotifClassifier(alphabet=...), search_space("rna"))``
        tries all 64 candidates; ``HalvingRandomSearchCV(..., n_candidates=12)``
        samples from both grids. See the README for the budget measured on
        the planted-motif and PUM2 benchmarks.

    Notes
    -----
    Kernel lengths: DNA 11, 19, 25; RNA (with or without structure) 6, 8,
    12; protein 5, 9, 15.

    Examples
    --------
    >>> from sklearn.model_selection import GridSearchCV, ParameterGrid
    >>> from skmotif import ConvMotifClassifier, search_space
    >>> grid = GridSearchCV(ConvMotifClassifier(alphabet="ACGU"), search_space("rna"))
    >>> sum(len(ParameterGrid(g)) for g in search_space("rna"))
    64
    """
    if kind not in _KERNEL_LENGTHS:
        raise ValueError(f"kind must be one of {sorted(_KERNEL_LENGTHS)}; got {kind!r}.")
    lengths = _KERNEL_LENGTHS[kind]
    anywhere = {
        "conv_num": [1],
        "pool_size": ["global"],
        "dense_num": [0],
        "dropout_conv": [0.0],
        "kernel_num": [64, 128],
        "kernel_len": lengths[:2],
        "dropout_input": [0.0, 0.1],
        "learning_rate": [0.001, 0.003],
    }
    positional = {
        "conv_num": [1, 2],
        "kernel_num": [30, 64],
        "kernel_len": lengths,
        "dropout_dense": [0.3, 0.6],
        "learning_rate": [0.001, 0.003],
    }
    return [anywhere, positional]
