"""Planted-truth base-resolution profiles (ChIP-nexus/exo-like) for profile models."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sklearn.utils import Bunch

#: The motifs :func:`make_motif_profiles` plants: name -> (consensus, strength,
#: upstream offset, downstream offset, footprint width). In the consensus an upper-case
#: base has probability 0.94 (0.02 for each other base), a lower-case one 0.7 (0.1 each),
#: ``S`` is C or G (0.47 each, 0.03 for A and T). The strength is what one site adds to
#: the region's expected total, in units of the expected total of a region without sites.
#: Reads of the + strand centre ``upstream`` bases 5' of the site's middle, those of the
#: - strand ``downstream`` bases 3' of it (for a site on the + strand), each a Gaussian
#: of standard deviation ``width`` bases.
PROFILE_MOTIFS = {
    "GATA": ("aGATAAGa", 3.0, 10, 14, 4.0),
    "AP1": ("aTGASTCAt", 2.0, 12, 12, 6.0),
    "CTCF": ("tgGCCACCAGGGGGCGCta", 4.0, 16, 22, 5.0),
    "ETS": ("aCCGGAAGTG", 1.5, 8, 12, 4.0),
    "ETS_variant": ("aCAGGAAGTA", 1.5, 20, 16, 8.0),
    "NRF1_weak": ("GCGCATGCGC", 0.3, 6, 6, 10.0),
}
#: Background base frequencies (A, C, G, T): 42 % GC.
PROFILE_GC = 0.42
#: Standard deviation of the log-normal factor on each region's total (overdispersion).
TOTAL_SIGMA = 0.3
#: Most sites in a region; each region gets 0 to this many, uniformly, distinct motifs.
MAX_SITES = 3
#: Fewest free bases between two planted sites.
SITE_GAP = 2
#: Height of the background's broad central hump over its flat floor.
BACKGROUND_HUMP = 0.5

_COLUMNS = {"A": 0, "C": 1, "G": 2, "T": 3}


def _pwm(consensus: str) -> np.ndarray:
    """The (width, 4) probability matrix of a consensus written as in PROFILE_MOTIFS."""
    rows = []
    for base in consensus:
        if base == "S":
            rows.append([0.03, 0.47, 0.47, 0.03])
            continue
        sharp = base.isupper()
        row = np.full(4, 0.02 if sharp else 0.1)
        row[_COLUMNS[base.upper()]] = 0.94 if sharp else 0.7
        rows.append(row)
    return np.array(rows, dtype=np.float64)


def _generator(random_state):
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(0, 2**31 - 1))
    return np.random.default_rng(random_state)


def _check(n_regions, input_length, output_length, depth, background_share, n_chromosomes):
    for name, value in (
        ("n_regions", n_regions),
        ("input_length", input_length),
        ("output_length", output_length),
        ("n_chromosomes", n_chromosomes),
    ):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1; got {value!r}.")
    if input_length < output_length:
        raise ValueError(
            f"input_length ({input_length}) must be at least output_length ({output_length}): "
            "the profile window lies inside the input sequence."
        )
    if (input_length - output_length) % 2:
        raise ValueError(
            f"input_length - output_length must be even, so that the profile window is "
            f"centred; got {input_length} - {output_length} = {input_length - output_length}."
        )
    widths = sorted(len(c) for c, *_ in PROFILE_MOTIFS.values())
    fewest = 2 * widths[-1] + sum(widths[-MAX_SITES:]) + SITE_GAP * (MAX_SITES - 1)
    if output_length < fewest:
        raise ValueError(
            f"output_length must be at least {fewest} to hold {MAX_SITES} sites a motif "
            f"width ({widths[-1]}) away from the window's edges; got {output_length}."
        )
    if not (isinstance(depth, (int, float, np.number)) and np.isfinite(depth) and depth > 0):
        raise ValueError(f"depth must be a number > 0; got {depth!r}.")
    if not (isinstance(background_share, (int, float, np.number)) and 0 <= background_share <= 1):
        raise ValueError(f"background_share must be a number in [0, 1]; got {background_share!r}.")


def _background(output_length: int) -> np.ndarray:
    """The background profile, shape (output_length, 2), summing to 1."""
    x = np.arange(output_length)
    middle, spread = (output_length - 1) / 2, output_length / 4
    curve = 1 + BACKGROUND_HUMP * np.exp(-0.5 * ((x - middle) / spread) ** 2)
    profile = np.repeat(curve[:, None], 2, axis=1)
    return profile / profile.sum()


def _peak(centres, widths, output_length):
    """Gaussians at ``centres`` with standard deviations ``widths`` (both shape (n,)),
    each summing to 1 over the window: shape (n, output_length)."""
    x = np.arange(output_length)
    curves = np.exp(-0.5 * ((x[None, :] - centres[:, None]) / widths[:, None]) ** 2)
    return curves / curves.sum(axis=1, keepdims=True)


def _draw_sites(matrix, count, rng):
    """``count`` sites drawn from ``matrix`` (width, 4), as base codes (count, width);
    a draw less likely under the matrix than under uniform bases is drawn again."""
    cumulative = matrix.cumsum(axis=1)
    log_odds = np.log(matrix / 0.25)
    rows = np.arange(len(matrix))
    bases = np.zeros((count, len(matrix)), dtype=np.int64)
    todo = np.arange(count)
    while todo.size:
        draws = rng.random((todo.size, len(matrix), 1))
        bases[todo] = np.minimum((draws > cumulative[None]).sum(axis=2), 3)
        todo = todo[log_odds[rows, bases[todo]].sum(axis=1) <= 0]
    return bases


def _multinomial_nll(y, probabilities):
    """Per region: -log P(y | its total, probabilities), both shape (n, L, 2)."""
    from scipy.special import gammaln, xlogy

    counts = y.reshape(len(y), -1).astype(np.float64)
    p = np.broadcast_to(probabilities, y.shape).reshape(len(y), -1)
    total = counts.sum(axis=1)
    return -(gammaln(total + 1) - gammaln(counts + 1).sum(axis=1) + xlogy(counts, p).sum(axis=1))


def _motif_tables(names):
    """The planted motifs' matrices and parameters, in the order of ``names``.

    Parameters
    ----------
    names : list of str, length n_motifs
        Keys of :data:`PROFILE_MOTIFS`.

    Returns
    -------
    matrices : dict of str to ndarray of shape (width, 4)
        Each motif's probability matrix (+ strand).
    oriented : list of 2 lists of n_motifs ndarrays of shape (width, 4)
        The matrices as planted on the + strand (``[0]``) and the - strand (``[1]``).
    widths : ndarray of int, shape (n_motifs,)
    strengths : ndarray of float64, shape (n_motifs,)
    offsets : ndarray of float64, shape (n_motifs, 3)
        Upstream offset, downstream offset and footprint width of each motif.
    """
    from .._motif import Motif

    matrices = {name: _pwm(PROFILE_MOTIFS[name][0]) for name in names}
    forward = [Motif("ACGT", probabilities=matrices[name], name=name) for name in names]
    oriented = [
        [m.probabilities for m in forward],
        [m.reverse_complement().probabilities for m in forward],
    ]
    widths = np.array([len(matrices[name]) for name in names])
    strengths = np.array([PROFILE_MOTIFS[name][1] for name in names])
    offsets = np.array([PROFILE_MOTIFS[name][2:] for name in names], dtype=np.float64)
    return matrices, oriented, widths, strengths, offsets


def _random_sequences(n, input_length, rng):
    """Background DNA of PROFILE_GC content, as base codes.

    Parameters
    ----------
    n, input_length : int
    rng : numpy.random.Generator

    Returns
    -------
    codes : ndarray of uint8, shape (n, input_length)
        0, 1, 2, 3 for A, C, G, T.
    """
    p_base = [(1 - PROFILE_GC) / 2, PROFILE_GC / 2, PROFILE_GC / 2, (1 - PROFILE_GC) / 2]
    return rng.choice(4, size=(n, input_length), p=p_base).astype(np.uint8)


def _site_layout(n, widths, output_length, rng):
    """Which motifs, where, on which strand: MAX_SITES slots per region, the first k used.

    Parameters
    ----------
    n : int
        Number of regions.
    widths : ndarray of int, shape (n_motifs,)
    output_length : int
    rng : numpy.random.Generator

    Returns
    -------
    k : ndarray of int64, shape (n,)
        Sites in each region, 0 to MAX_SITES.
    chosen : ndarray of int64, shape (n, MAX_SITES)
        Motif index of each slot (distinct within a region).
    used : ndarray of bool, shape (n, MAX_SITES)
        Whether a slot holds a site (the first ``k`` do).
    starts : ndarray of int64, shape (n, MAX_SITES)
        Each site's first base, in the profile window's coordinates.
    reverse : ndarray of bool, shape (n, MAX_SITES)
        Whether a site is planted on the - strand.
    """
    k = rng.integers(0, MAX_SITES + 1, size=n)
    chosen = np.argsort(rng.random((n, len(widths))), axis=1)[:, :MAX_SITES]
    used = np.arange(MAX_SITES)[None, :] < k[:, None]
    slot_widths = np.where(used, widths[chosen], 0)
    margin = int(widths.max())
    room = output_length - 2 * margin - slot_widths.sum(axis=1) - SITE_GAP * np.maximum(k - 1, 0)
    shifts = np.sort(
        np.where(used, np.floor(rng.random((n, MAX_SITES)) * (room[:, None] + 1)), room[:, None]),
        axis=1,
    ).astype(np.int64)
    before = np.cumsum(slot_widths + SITE_GAP, axis=1) - (slot_widths + SITE_GAP)
    starts = margin + shifts + before  # in the profile window
    reverse = rng.random((n, MAX_SITES)) < 0.5
    return k, chosen, used, starts, reverse


def _plant_sites(codes, chosen, used, starts, reverse, oriented, output_start, rng):
    """Write sites drawn from their matrices into ``codes``, motif by motif and strand by
    strand.

    Parameters
    ----------
    codes : ndarray of uint8, shape (n, input_length)
        Base codes, changed in place.
    chosen, used, starts, reverse : ndarray, shape (n, MAX_SITES)
        As :func:`_site_layout` returns them.
    oriented : list of 2 lists of ndarray of shape (width, 4)
        As :func:`_motif_tables` returns it.
    output_start : int
        Position in ``codes`` of the profile window's first base.
    rng : numpy.random.Generator

    Returns
    -------
    regions : ndarray of int64, shape (n_sites,)
        Each site's region, in increasing order.
    site_motif : ndarray of int64, shape (n_sites,)
    site_start : ndarray of int64, shape (n_sites,)
        Each site's first base, in ``codes``' coordinates.
    site_reverse : ndarray of bool, shape (n_sites,)
    """
    regions, slots = np.nonzero(used)
    site_motif = chosen[regions, slots]
    site_start = starts[regions, slots] + output_start
    site_reverse = reverse[regions, slots]
    for m in range(len(oriented[0])):
        for strand in (0, 1):
            here = (site_motif == m) & (site_reverse == bool(strand))
            if not here.any():
                continue
            bases = _draw_sites(oriented[strand][m], int(here.sum()), rng)
            columns = site_start[here][:, None] + np.arange(len(oriented[strand][m]))
            codes[regions[here][:, None], columns] = bases
    return regions, site_motif, site_start, site_reverse


def _footprints(chosen, used, starts, reverse, widths, strengths, offsets, output_length):
    """The sites' footprints, each weighted by its motif's strength, summed per region.

    Parameters
    ----------
    chosen, used, starts, reverse : ndarray, shape (n, MAX_SITES)
        As :func:`_site_layout` returns them.
    widths, strengths : ndarray, shape (n_motifs,)
    offsets : ndarray of float64, shape (n_motifs, 3)
    output_length : int

    Returns
    -------
    footprint : ndarray of float64, shape (n, output_length, 2)
        Sum over a region's sites of strength * footprint (each footprint sums to 1).
    weight : ndarray of float64, shape (n,)
        Sum over a region's sites of their strengths.
    """
    n = len(chosen)
    footprint = np.zeros((n, output_length, 2))
    weight = np.zeros(n)
    for slot in range(MAX_SITES):
        rows = np.flatnonzero(used[:, slot])
        if not rows.size:
            continue
        m = chosen[rows, slot]
        upstream, downstream, spread = offsets[m].T
        middle = starts[rows, slot] + (widths[m] - 1) / 2
        flip = reverse[rows, slot]
        plus_centre = middle - np.where(flip, downstream, upstream)
        minus_centre = middle + np.where(flip, upstream, downstream)
        shape = np.stack(
            [
                _peak(plus_centre, spread, output_length),
                _peak(minus_centre, spread, output_length),
            ],
            axis=2,
        )
        footprint[rows] += strengths[m][:, None, None] * 0.5 * shape
        weight[rows] += strengths[m]
    return footprint, weight


def _true_profiles(footprint, weight, k, background, background_share):
    """Each region's true profile: background alone, or mixed with its sites' footprints.

    Parameters
    ----------
    footprint : ndarray of float64, shape (n, output_length, 2)
    weight : ndarray of float64, shape (n,)
        As :func:`_footprints` returns them.
    k : ndarray of int, shape (n,)
        Sites in each region.
    background : ndarray of float64, shape (output_length, 2)
    background_share : float

    Returns
    -------
    probabilities : ndarray of float64, shape (n, output_length, 2)
        Summing to 1 over positions and strands in each region.
    """
    n, output_length = footprint.shape[:2]
    has_sites = k > 0
    probabilities = np.broadcast_to(background, (n, output_length, 2)).copy()
    probabilities[has_sites] = (
        background_share * background
        + (1 - background_share) * footprint[has_sites] / weight[has_sites, None, None]
    )
    probabilities /= probabilities.sum(axis=(1, 2), keepdims=True)
    return probabilities


def _draw_counts(weight, probabilities, depth, rng):
    """Poisson-log-normal totals and multinomial read counts.

    Parameters
    ----------
    weight : ndarray of float64, shape (n,)
        Sum of each region's site strengths.
    probabilities : ndarray of float64, shape (n, output_length, 2)
    depth : float
        Median of the totals' Poisson means.
    rng : numpy.random.Generator

    Returns
    -------
    rate_total : ndarray of float64, shape (n,)
    totals : ndarray of int64, shape (n,)
    y : ndarray of int32, shape (n, output_length, 2)
    expected : ndarray of float64, shape (n, output_length, 2)
    """
    n, output_length = probabilities.shape[:2]
    relative = 1 + weight
    spread_out = relative * np.exp(TOTAL_SIGMA * rng.standard_normal(n))
    scale = depth / np.median(spread_out)
    rate_total = scale * relative * np.exp(TOTAL_SIGMA**2 / 2)
    totals = rng.poisson(scale * spread_out)
    y = rng.multinomial(totals, probabilities.reshape(n, -1)).reshape(n, output_length, 2)
    y = y.astype(np.int32)
    expected = rate_total[:, None, None] * probabilities
    return rate_total, totals, y, expected


def _ceilings(y, totals, rate_total, probabilities):
    """What a perfect model and a flat profile score on the data.

    Parameters
    ----------
    y : ndarray of int32, shape (n, output_length, 2)
    totals : ndarray of int, shape (n,)
    rate_total : ndarray of float64, shape (n,)
    probabilities : ndarray of float64, shape (n, output_length, 2)

    Returns
    -------
    dict of str to float
        ``multinomial_nll_true``, ``multinomial_nll_flat``, ``count_pearson_true``,
        ``count_mse_true``.
    """
    observed = np.log1p(totals.astype(np.float64))
    predicted = np.log1p(rate_total)
    pearson = (
        float(np.corrcoef(observed, predicted)[0, 1])
        if observed.std() > 0 and predicted.std() > 0
        else float("nan")
    )
    flat = np.full(1, 1 / (2 * y.shape[1]))
    return {
        "multinomial_nll_true": float(_multinomial_nll(y, probabilities).mean()),
        "multinomial_nll_flat": float(_multinomial_nll(y, flat).mean()),
        "count_pearson_true": pearson,
        "count_mse_true": float(np.mean((observed - predicted) ** 2)),
    }


def _sequences_as_text(codes):
    """Base codes as DNA strings.

    Parameters
    ----------
    codes : ndarray of uint8, shape (n, input_length)

    Returns
    -------
    X : ndarray of str, shape (n,)
    """
    letters = np.frombuffer(b"ACGT", np.uint8)[codes]
    return letters.view(f"S{codes.shape[1]}").ravel().astype(str)


def _sites_table(regions, site_motif, site_start, site_reverse, names, widths):
    """The planted sites, one row each, sorted by region and start.

    Parameters
    ----------
    regions, site_motif, site_start, site_reverse : ndarray, shape (n_sites,)
        As :func:`_plant_sites` returns them.
    names : list of str, length n_motifs
    widths : ndarray of int, shape (n_motifs,)

    Returns
    -------
    pandas.DataFrame, shape (n_sites, 5)
        ``region``, ``motif``, ``start``, ``end``, ``strand``.
    """
    import pandas as pd

    order = np.lexsort((site_start, regions))
    return pd.DataFrame(
        {
            "region": regions[order],
            "motif": np.array(names, dtype=object)[site_motif[order]],
            "start": site_start[order],
            "end": site_start[order] + widths[site_motif[order]],
            "strand": np.where(site_reverse[order], "-", "+").astype(object),
        }
    )


def _footprint_table(names):
    """Each motif's footprint parameters.

    Parameters
    ----------
    names : list of str, length n_motifs

    Returns
    -------
    dict of str to dict
        ``{"upstream": int, "downstream": int, "width": float}`` per motif.
    """
    return {
        name: {
            "upstream": PROFILE_MOTIFS[name][2],
            "downstream": PROFILE_MOTIFS[name][3],
            "width": PROFILE_MOTIFS[name][4],
        }
        for name in names
    }


def make_motif_profiles(
    n_regions: int = 2000,
    input_length: int = 2114,
    output_length: int = 1000,
    depth: float = 100,
    background_share: float = 0.5,
    n_chromosomes: int = 4,
    random_state: int | np.random.Generator | np.random.RandomState | None = None,
) -> Bunch:
    """DNA windows and stranded base-resolution read counts from planted motif footprints.

    A planted truth for profile models (BPNet-like, e.g. ``ConvMotifProfileRegressor``):
    each region is a random DNA window of ``input_length`` bases with 0-3 motif sites in
    its central ``output_length`` bases, and read 5' ends counted at every base of that
    central window on both strands, as ChIP-nexus or ChIP-exo give. The true profile and
    expected totals come with the data, and ``ceilings`` says what a perfect model and a
    flat one score.

    Parameters
    ----------
    n_regions : int, default=2000
    input_length : int, default=2114
        Bases of each sequence of ``X``.
    output_length : int, default=1000
        Bases of the profile window, centred in the input: ``input_length -
        output_length`` must be even, and ``output_length`` at least 81 (three sites a
        motif width away from the edges).
    depth : float, default=100
        Median over regions of the Poisson means of the read totals (see Notes), so the
        observed totals' median is within a few percent of it.
    background_share : float, default=0.5
        Share of a region's reads drawn from the background profile when it has sites;
        regions without sites are background only. At the default, at least half of all
        reads are background.
    n_chromosomes : int, default=4
        Regions are given to ``chr1`` ... ``chr{n_chromosomes}`` in consecutive blocks
        of (nearly) equal size, for held-out-chromosome splits.
    random_state : int, Generator, RandomState or None

    Returns
    -------
    sklearn.utils.Bunch
        X : ndarray of str, shape (n_regions,)
            DNA of ``input_length`` bases (A, C, G, T; 42 % GC).
        y : ndarray of int32, shape (n_regions, output_length, 2)
            Observed read 5' ends per base of the profile window; ``[..., 0]`` the +
            strand, ``[..., 1]`` the - strand.
        expected : ndarray of float64, shape (n_regions, output_length, 2)
            The true expected counts, ``rate_total[:, None, None] * probabilities``.
        rate_total : ndarray of float64, shape (n_regions,)
            The true expected total of each region.
        probabilities : ndarray of float64, shape (n_regions, output_length, 2)
            The true profile of each region; sums to 1 over positions and strands.
        background : ndarray of float64, shape (output_length, 2)
            The background profile (sums to 1), the same for all regions.
        output_start : int
            Position in ``X`` of the profile window's first base,
            ``(input_length - output_length) // 2``.
        motifs : dict of str to ndarray of shape (width, 4)
            The planted motifs' probability matrices (A, C, G, T columns, + strand).
        strength : dict of str to float
            What one site adds to its region's expected total, in units of a
            site-free region's expected total.
        footprints : dict of str to dict
            ``{"upstream": int, "downstream": int, "width": float}`` per motif (see Notes).
        sites : pandas.DataFrame
            One row per planted site, sorted by region and start: ``region``, ``motif``
            (name), ``start`` and ``end`` (0-based, end exclusive, in ``X``'s
            coordinates: subtract ``output_start`` for the profile's) and ``strand``
            (``"+"``, or ``"-"`` for a reverse complement planted).
        chromosome : ndarray of str, shape (n_regions,)
        ceilings : dict of str to float
            From the truth: ``multinomial_nll_true``, the mean over regions of the
            multinomial negative log-likelihood of ``y`` given its totals under the true
            ``probabilities`` (what a perfect profile model reaches, on average; with the
            multinomial coefficient ``log N! - sum log y!``, which the gap between two
            profiles does not depend on);
            ``multinomial_nll_flat``, the same under a flat profile (1 / (2 *
            output_length) each); ``count_pearson_true``, Pearson's r over regions
            between ``log(1 + y total)`` and ``log(1 + rate_total)``; and
            ``count_mse_true``, the mean squared difference of those two. A model's share
            of the profile gap closed is ``(nll_flat - nll_model) / (nll_flat -
            nll_true)``.

    Notes
    -----
    The motifs (:data:`PROFILE_MOTIFS`): ``GATA`` (AGATAAGA), ``AP1`` (ATGA[C/G]TCAT),
    ``CTCF`` (TGGCCACCAGGGGGCGCTA), ``ETS`` (ACCGGAAGTG) and ``ETS_variant``
    (ACAGGAAGTA), near-duplicates that share the GGAAGT core, differ at two flanking
    positions and have the same strength but different footprints, and ``NRF1_weak``
    (GCGCATGCGC), whose sites add little to the counts and spread their reads widely.
    Each site is drawn from its motif's matrix (so sites vary; a draw less likely under
    the matrix than under uniform bases, under 1 % of them, is drawn again), on the
    reverse strand with probability 1/2.

    Each region gets 0, 1, 2 or 3 sites (equally often) of distinct motifs, at random
    places in the profile window, non-overlapping (at least 2 bases apart) and at least
    19 bases (the widest motif) from the window's edges.

    Footprint: for a site on the + strand whose middle is at ``c``, half its reads fall
    on the + strand in a Gaussian of standard deviation ``width`` centred at ``c -
    upstream`` and half on the - strand centred at ``c + downstream`` (each half
    renormalised over the window). A site on the - strand has the mirror image: + strand
    reads at ``c - downstream``, - strand reads at ``c + upstream``.

    Profile of region ``i`` with sites ``s``: ``p_i = b`` without sites, otherwise ``p_i =
    background_share * b + (1 - background_share) * sum_s strength_s f_s / sum_s
    strength_s``, with ``f_s`` a site's footprint (summing to 1) and ``b`` the
    background, ``1 + 0.5 * exp(-(x - centre)**2 / (2 * (output_length / 4)**2))`` at
    each position ``x`` on both strands, normalised to sum to 1.

    Totals: the observed total of region ``i`` is Poisson with mean ``c * (1 + sum_s
    strength_s) * exp(0.3 * z_i)``, ``z_i`` standard normal (Poisson-log-normal,
    overdispersed like a negative binomial; a region without sites expects the least),
    with ``c`` set so that the median of these means over regions is ``depth``;
    ``rate_total = c * (1 + sum_s strength_s) * exp(0.3**2 / 2)`` is its expectation
    given the sites. ``y_i`` is then multinomial with that total and ``p_i``.

    The true profile depends on the planted sites, not on chance resemblances to motifs
    elsewhere in the sequence, so ``multinomial_nll_true`` is a bound no model given
    only ``X`` can beat on average, and a close one.

    Examples
    --------
    >>> from skmotif.datasets import make_motif_profiles
    >>> data = make_motif_profiles(100, input_length=300, output_length=200, random_state=0)
    >>> data.X.shape, data.y.shape
    ((100,), (100, 200, 2))
    """
    from sklearn.utils import Bunch

    _check(n_regions, input_length, output_length, depth, background_share, n_chromosomes)
    rng = _generator(random_state)
    names = list(PROFILE_MOTIFS)
    matrices, oriented, widths, strengths, offsets = _motif_tables(names)
    output_start = (input_length - output_length) // 2
    n = n_regions

    codes = _random_sequences(n, input_length, rng)
    k, chosen, used, starts, reverse = _site_layout(n, widths, output_length, rng)
    regions, site_motif, site_start, site_reverse = _plant_sites(
        codes, chosen, used, starts, reverse, oriented, output_start, rng
    )

    background = _background(output_length)
    footprint, weight = _footprints(
        chosen, used, starts, reverse, widths, strengths, offsets, output_length
    )
    probabilities = _true_profiles(footprint, weight, k, background, background_share)
    rate_total, totals, y, expected = _draw_counts(weight, probabilities, depth, rng)

    return Bunch(
        X=_sequences_as_text(codes),
        y=y,
        expected=expected,
        rate_total=rate_total,
        probabilities=probabilities,
        background=background,
        output_start=output_start,
        motifs=matrices,
        strength={name: float(PROFILE_MOTIFS[name][1]) for name in names},
        footprints=_footprint_table(names),
        sites=_sites_table(regions, site_motif, site_start, site_reverse, names, widths),
        chromosome=np.array([f"chr{1 + i * n_chromosomes // n}" for i in range(n)]),
        ceilings=_ceilings(y, totals, rate_total, probabilities),
    )
