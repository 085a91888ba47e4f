"""The network a model trained from a genome starts from: one that scans.

The estimators' own defaults read position (two convolution blocks with
local pooling, a dense layer): right for aligned sequences (splice sites,
TSS-anchored windows), wrong for peaks, whose sites sit anywhere in a window
and anywhere in a scan's windows. The genome path reads motifs wherever they
sit instead (max pooling over all positions), trains on random crops of
wider windows, reads both strands, and sizes the network to the data.
"""

from __future__ import annotations

#: Kernels per layer: 32, and 64 from this many training regions on. On planted genomes of
#: six degenerate motifs (benchmarks/bench_genome_sizes.py, 2 seeds), 64 kernels scored
#: 0.012-0.015 auROC above 32 at 4,172 and 28,047 regions; 128 added 0.004-0.010 more for
#: 2.4-3.2 times the training time of 64 and four times a scan's arithmetic. The real
#: factors the defaults were chosen on had fewer than 4,000 regions, with 32.
REGIONS_FOR_64_KERNELS = 4000


def default_flank(width: int, step: int = 50) -> int:
    """Positions cut beyond ``width`` on each side for random crops: ``min(step, width // 4)``.

    A scan every ``step`` positions meets a site up to ``step / 2`` off its
    window's centre, and summits are themselves off by tens of positions;
    crops of up to ``step`` each way cover both, and a quarter of the width
    keeps the summit in the middle half of every crop.
    """
    return max(min(step, width // 4), 0)


def genome_params(n_regions: int, width: int = 200, step: int = 50, conv_num: int = 2) -> dict:
    """Parameters for a model trained on regions of a genome (peaks and backgrounds).

    What ``skmotif train --bed`` uses unless ``--param`` says otherwise; for
    the Python genome API, pass them to the estimator and cut the regions
    with ``flank=params["random_crop"]`` (:func:`extract`, and
    :func:`background_regions` with ``width + 2 * flank``).

    Parameters
    ----------
    n_regions : int
        Training regions (peaks and backgrounds together).
    width : int, default=200
        The network's input length.
    step : int, default=50
        The scan step the model is meant for.
    conv_num : int, default=2
        Convolution blocks: kernels of 15, then of 7; each block max-pooled
        by 2 and the last over all positions.

    Returns
    -------
    dict
        By default two convolutions (kernels of 15, then of 7), the first
        max-pooled by 2 and the second over all positions, every block's
        maxima over all positions straight to the output (no dense layer);
        ``kernel_num``
        per layer 32, or 64 from 4,000 regions on; ``random_crop`` from
        :func:`default_flank`; both strands in training and prediction.

    Notes
    -----
    Chosen on yeast ChIP-exo peaks of five factors (Rossi et al. 2021) and
    planted genomes (the Benchmarks page, "Genome models that scan"): one
    convolution of 8 kernels failed to learn one factor, and 8-16 kernels
    lost to the factor's JASPAR matrix on two; this network was ahead of
    the matrix on every factor, and its window and scan auROC agree.

    Examples
    --------
    >>> from skmotif.genome import genome_params
    >>> params = genome_params(2400)
    >>> params["kernel_num"], params["pool_size"], params["random_crop"]
    ((32, 32), (2, 'global'), 50)
    """
    if not (isinstance(conv_num, int) and conv_num >= 1):
        raise ValueError(f"conv_num must be a whole number >= 1; got {conv_num!r}.")
    kernels = 64 if n_regions >= REGIONS_FOR_64_KERNELS else 32
    return {
        "conv_num": conv_num,
        "kernel_num": (kernels,) * conv_num,
        "kernel_len": (15,) + (7,) * (conv_num - 1),
        "pool_size": (2,) * (conv_num - 1) + ("global",),
        "pool_stride": (2,) * (conv_num - 1) + (1,),
        "dense_num": 0,
        "global_skip": "all",
        "random_crop": default_flank(width, step),
        "reverse_complement": True,
        "average_strands": True,
    }
