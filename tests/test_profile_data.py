"""make_motif_profiles: shapes, planted sites, footprints, totals and the ceilings it reports."""

import numpy as np
import pytest

from skmotif.datasets import make_motif_profiles

COMPLEMENT = str.maketrans("ACGT", "TGCA")


def small(n_regions=300, **kwargs):
    kwargs.setdefault("random_state", 0)
    return make_motif_profiles(n_regions, input_length=200, output_length=100, **kwargs)


def consensus(matrix):
    return "".join(np.array(list("ACGT"))[np.argmax(matrix, axis=1)])


def test_shapes_and_dtypes():
    data = make_motif_profiles(30, random_state=0)
    assert data.X.shape == (30,) and data.X.dtype.kind == "U"
    assert {len(s) for s in data.X} == {2114} and set("".join(data.X)) == set("ACGT")
    assert data.y.shape == data.expected.shape == data.probabilities.shape == (30, 1000, 2)
    assert data.y.dtype == np.int32 and (data.y >= 0).all()
    assert data.expected.dtype == data.probabilities.dtype == np.float64
    assert data.rate_total.shape == (30,) and data.background.shape == (1000, 2)
    assert data.output_start == 557
    np.testing.assert_allclose(data.probabilities.sum(axis=(1, 2)), 1)
    np.testing.assert_allclose(data.background.sum(), 1)
    np.testing.assert_allclose(data.expected, data.rate_total[:, None, None] * data.probabilities)
    assert len(data.motifs) >= 4 and set(data.motifs) == set(data.strength) == set(data.footprints)
    for matrix in data.motifs.values():
        assert matrix.shape[1] == 4
        np.testing.assert_allclose(matrix.sum(axis=1), 1)
    assert list(data.sites.columns) == ["region", "motif", "start", "end", "strand"]
    assert set(data.ceilings) >= {
        "multinomial_nll_true",
        "multinomial_nll_flat",
        "count_pearson_true",
    }


def test_gc_content_and_chromosomes():
    data = small(n_regions=10, n_chromosomes=3)
    text = "".join(data.X)
    assert 0.37 < (text.count("G") + text.count("C")) / len(text) < 0.47
    assert data.chromosome.tolist() == ["chr1"] * 4 + ["chr2"] * 3 + ["chr3"] * 3


@pytest.mark.parametrize("depth", [30, 100, 400])
def test_median_total_is_depth(depth):
    data = small(n_regions=600, depth=depth)
    assert abs(np.median(data.y.sum(axis=(1, 2))) / depth - 1) < 0.15


def test_at_least_half_of_the_reads_are_background():
    data = small(n_regions=500)
    has_sites = np.isin(np.arange(500), data.sites.region)
    # Regions without sites are background only; the others carry half background.
    np.testing.assert_allclose(
        data.probabilities[~has_sites], data.background[None].repeat((~has_sites).sum(), 0)
    )
    footprint = data.probabilities[has_sites] - 0.5 * data.background
    assert footprint.min() > -1e-12
    np.testing.assert_allclose(footprint.sum(axis=(1, 2)), 0.5)
    weight = np.where(has_sites, 0.5, 1.0)
    share = (weight * data.expected.sum(axis=(1, 2))).sum() / data.expected.sum()
    assert share >= 0.5


def test_totals_grow_with_the_sites_strengths():
    data = small(n_regions=500)
    added = np.zeros(500)
    np.add.at(added, data.sites.region.to_numpy(), data.sites.motif.map(data.strength).to_numpy())
    ratio = data.rate_total / (1 + added)
    np.testing.assert_allclose(ratio, ratio[0])  # rate_total is proportional to 1 + strengths
    assert data.rate_total[added == 0].max() < data.rate_total[added > 0].min()
    assert data.ceilings["count_pearson_true"] > 0.7


def test_sites_are_where_the_sequence_matches_the_motif():
    data = small(n_regions=400)
    sites = data.sites
    assert len(sites) > 400 and set(sites.strand) == {"+", "-"}
    assert set(sites.motif) == set(data.motifs)
    assert np.bincount(sites.region, minlength=400).max() <= 3
    margin = max(len(m) for m in data.motifs.values())
    assert (sites.start >= data.output_start + margin).all()
    assert (sites.end <= data.output_start + 100 - margin).all()
    matched, chance = [], []
    for region, name, start, end, strand in sites.itertuples(index=False):
        matrix = data.motifs[name]
        assert end - start == len(matrix)
        word = data.X[region][start:end]
        if strand == "-":
            word = word.translate(COMPLEMENT)[::-1]
        matched.append(np.mean([a == b for a, b in zip(word, consensus(matrix), strict=True)]))
        rows = np.arange(len(matrix))
        score = np.log(matrix[rows, ["ACGT".index(b) for b in word]] / 0.25).sum()
        assert score > 0, (name, strand, word)
        elsewhere = data.X[region][: len(matrix)]
        chance.append(np.mean([a == b for a, b in zip(elsewhere, consensus(matrix), strict=True)]))
    assert np.mean(matched) > 0.85 and np.mean(chance) < 0.4


def test_the_motifs_include_a_weak_one_and_two_near_duplicates():
    data = small(n_regions=1)
    words = {name: consensus(m) for name, m in data.motifs.items()}
    pairs = [
        (a, b)
        for a in words
        for b in words
        if a < b
        and len(words[a]) == len(words[b])
        and 1 <= sum(x != y for x, y in zip(words[a], words[b], strict=True)) <= 2
    ]
    assert pairs
    assert any(data.footprints[a] != data.footprints[b] for a, b in pairs)
    strengths = sorted(data.strength.values())
    assert strengths[0] < 0.25 * strengths[1]


def test_plus_strand_reads_peak_upstream_of_the_site():
    data = small(n_regions=1500, depth=200)
    half = 40
    for strand in "+-":
        sites = data.sites[(data.sites.strand == strand) & (data.sites.motif != "NRF1_weak")]
        starts, ends = sites.start.to_numpy(), sites.end.to_numpy()
        middles = starts - data.output_start + (ends - starts - 1) // 2
        keep = (middles >= half) & (middles < 100 - half)
        window = middles[keep][:, None] + np.arange(-half, half + 1)
        around = data.y[sites.region.to_numpy()[keep][:, None], window].mean(axis=0)
        plus_peak, minus_peak = np.argmax(around, axis=0) - half
        # Both orientations: + strand 5' ends before the site, - strand ones after it.
        assert -25 <= plus_peak < -2 and 2 < minus_peak <= 25, (strand, plus_peak, minus_peak)


def test_reverse_sites_mirror_the_footprint():
    data = small(n_regions=300, background_share=1e-9)  # footprints only
    footprint = data.footprints["GATA"]
    for row in data.sites[data.sites.motif == "GATA"].itertuples():
        if (data.sites.region == row.region).sum() > 1:
            continue
        middle = row.start - data.output_start + 3.5  # GATA is 8 wide
        p = data.probabilities[row.region]
        plus, minus = np.argmax(p, axis=0)
        up, down = footprint["upstream"], footprint["downstream"]
        if row.strand == "-":
            up, down = down, up
        assert abs(plus - (middle - up)) <= 0.5 and abs(minus - (middle + down)) <= 0.5


def test_the_true_profile_beats_a_flat_one():
    from scipy.special import gammaln, xlogy

    data = small(n_regions=300)
    ceilings = data.ceilings
    assert ceilings["multinomial_nll_flat"] > ceilings["multinomial_nll_true"] + 1
    counts = data.y.reshape(300, -1).astype(float)
    total = counts.sum(axis=1)
    constant = gammaln(total + 1) - gammaln(counts + 1).sum(axis=1)
    true = -(constant + xlogy(counts, data.probabilities.reshape(300, -1)).sum(axis=1))
    flat = -(constant + total * np.log(1 / 200))
    assert ceilings["multinomial_nll_true"] == pytest.approx(true.mean())
    assert ceilings["multinomial_nll_flat"] == pytest.approx(flat.mean())


def test_seeded_reproducibility():
    first, second = small(n_regions=50, random_state=3), small(n_regions=50, random_state=3)
    assert first.X.tolist() == second.X.tolist()
    np.testing.assert_array_equal(first.y, second.y)
    assert first.sites.equals(second.sites) and first.ceilings == second.ceilings
    other = small(n_regions=50, random_state=4)
    assert other.X.tolist() != first.X.tolist()
    legacy = small(n_regions=5, random_state=np.random.RandomState(0))
    again = small(n_regions=5, random_state=np.random.RandomState(0))
    np.testing.assert_array_equal(legacy.y, again.y)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"input_length": 100, "output_length": 200}, r"input_length \(100\) must be at least"),
        ({"input_length": 201, "output_length": 100}, "must be even"),
        ({"n_regions": 0}, "n_regions must be an integer >= 1"),
        ({"input_length": 200, "output_length": 60}, "output_length must be at least 81"),
        ({"depth": 0}, "depth must be a number > 0"),
        ({"background_share": 1.5}, r"background_share must be a number in \[0, 1\]"),
        ({"n_chromosomes": 0}, "n_chromosomes must be an integer >= 1"),
    ],
)
def test_bad_parameters_are_explained(kwargs, match):
    arguments = {"n_regions": 5, "input_length": 200, "output_length": 100, **kwargs}
    with pytest.raises(ValueError, match=match):
        make_motif_profiles(**arguments)
