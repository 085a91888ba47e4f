"""The network a model trained from a genome starts from: one that scans.

The estimators' own defaults read position (two convolution blocks with
local pooling, a dense layer): right for aligned sequences (splice sites,
TSS-anchored windows), wrong for peaks, whose sites sit anywhere in a window
and anywhere in a scan's windows. The genome path reads motifs wherever they
sit instead (max pooling over all positions), trains on random crops of
wider windows, reads both strands, and sizes the network to the data.
"""

from __future__ import annotations

#: Kernels per region of training data, and the bounds of the first layer's kernel count.
REGIONS_PER_KERNEL = 100
MIN_KERNELS, MAX_KERNELS = 8, 64


def default_flank(width: int, step: int = 50) -> int:
    """Positions cut beyond ``width`` on each side for random crops: ``min(step, width // 4)``.

    A scan every ``step`` positions meets a site up to ``step / 2`` off its
    window's centre, and summits are themselves off by tens of positions;
    crops of up to ``step`` each way cover both, and a quarter of the width
    keeps the summit in the middle half of every crop.
    """
    return max(min(step, width // 4), 0)


def genome_params(n_regions: int, width: int = 200, step: int = 50) -> dict:
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

    Returns
    -------
    dict
        One convolution of ``kernel_num`` kernels of 15 (one kernel per
        100 regions, 8 to 64), max-pooled over all positions, straight to
        the output (no dense layer); ``random_crop`` from
        :func:`default_flank`; both strands in training and prediction.

    Examples
    --------
    >>> from skmotif.genome import genome_params
    >>> params = genome_params(2400)
    >>> params["kernel_num"], params["pool_size"], params["random_crop"]
    (24, 'global', 50)
    """
    kernels = int(min(max(round(n_regions / REGIONS_PER_KERNEL), MIN_KERNELS), MAX_KERNELS))
    return {
        "conv_num": 1,
        "kernel_num": kernels,
        "kernel_len": 15,
        "pool_size": "global",
        "dense_num": 0,
        "dropout_conv": 0.0,
        "random_crop": default_flank(width, step),
        "reverse_complement": True,
        "average_strands": True,
    }
