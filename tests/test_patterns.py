"""modisco_motifs and the attribution report: TF-MoDISco finds the planted motif."""

import builtins
import re

import numpy as np
import pytest
from conftest import planted, planted_meme

import skmotif.interpret._patterns as patterns
from skmotif import PROTEIN, ConvMotifClassifier
from skmotif.interpret import modisco_motifs
from skmotif.interpret._patterns import ModiscoPattern
from skmotif.report import visualize_patterns


@pytest.fixture(scope="module")
def ap1_model():
    """(model, X_test, y_test): the default network on an AP-1 site planted in 100 nt.

    800 test sequences, 400 carriers: with 200, TF-MoDISco clustered the 167 seqlets of
    0.5.0's default network into no pattern (its contributions sit on the site: 80% of the
    positive contribution, 73% with 0.4's defaults)."""
    X, y = planted(1600, length=100, motif="TGACTCAG", seed=3)
    clf = ConvMotifClassifier(epochs=30, random_state=0).fit(X[:800], y[:800])
    return clf, X[800:], y[800:]


@pytest.mark.slow
def test_the_top_pattern_is_the_planted_motif(ap1_model):
    clf, X_test, y_test = ap1_model
    carriers = [x for x, label in zip(X_test, y_test, strict=True) if label == 1]
    patterns = modisco_motifs(clf, carriers, target=1, random_state=0)
    top = patterns[0]
    assert isinstance(top, ModiscoPattern) and top.sign == 1
    assert "TGACTCAG" in top.motif.consensus or "CTGAGTCA" in top.motif.consensus
    assert top.n_seqlets >= 10 and top.motif.n_sites == top.n_seqlets
    assert top.contributions.shape == (len(top.motif), 4)
    assert top.contributions.sum() > 0
    assert top.motif.name == "pos_pattern_0"


def test_other_alphabets_and_missing_modisco_are_named(monkeypatch):
    tiny = dict(kernel_len=3, epochs=1, validation_fraction=0)
    protein = ConvMotifClassifier(alphabet=PROTEIN, **tiny).fit(["MKVL" * 5, "GGHH" * 5], [0, 1])
    with pytest.raises(ValueError, match="four-letter nucleotide"):
        modisco_motifs(protein, ["MKVL" * 5], target=1)
    numeric = ConvMotifClassifier(**tiny).fit(
        np.random.default_rng(0).normal(size=(4, 20, 2)), [0, 1, 0, 1]
    )
    with pytest.raises(ValueError, match="numeric"):
        modisco_motifs(numeric, np.zeros((2, 20, 2)), target=1)

    def nan_affinities(one_hot, hypothetical, sliding_window_size=5, flank_size=2, **kwargs):
        raise BaseException("Could not construct partition: Cannot accept NaN weights.")

    monkeypatch.setattr(patterns, "check_modisco", lambda alphabet: nan_affinities)
    dna = ConvMotifClassifier(**tiny).fit(["ACGTACGTAC" * 2, "GGCCAATTGG" * 2], [0, 1])
    with pytest.raises(RuntimeError, match="tfmodisco-lite#12"):
        modisco_motifs(dna, ["ACGTACGTAC" * 2], target=1)
    monkeypatch.undo()

    real_import = builtins.__import__

    def no_modisco(name, *args, **kwargs):
        if name.startswith("modiscolite"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_modisco)
    with pytest.raises(ImportError, match=r"skmotif\[modisco\]"):
        modisco_motifs(protein, ["MKVL" * 5], target=1)


@pytest.mark.slow
def test_the_pattern_report_draws_names_and_accounts_for_every_class(ap1_model, tmp_path):
    clf, X_test, y_test = ap1_model
    database = planted_meme(tmp_path / "db.meme", name="AP1_SITE", motif="TGACTCAG")
    found = visualize_patterns(clf, X_test, y_test, tmp_path / "report", matches=database)
    assert list(found) == [0, 1]
    top = found[1][0]
    assert top.sign == 1 and "TGACTCAG" in top.motif.consensus
    assert 10 <= top.n_seqlets <= 200  # from the 200 carriers
    assert (tmp_path / "report" / "pattern_1_0.png").stat().st_size > 5000
    page = (tmp_path / "report" / "patterns.html").read_text()
    assert '<img src="pattern_1_0.png"' in page and f"<td>{top.n_seqlets}</td>" in page
    assert "AP1_SITE (AP1_SITE, q=" in page  # named from the database
    assert "Strand: the sequences as given (forward strand)." in page
    # each class's DeepLIFT convergence deltas, summarised: tiny against its logits
    deltas = re.findall(r"class (\d): median (\S+), largest (\S+) \(sequence \d+ of (\d+)\)", page)
    assert [c for c, *_ in deltas] == ["0", "1"] and sum(int(d[-1]) for d in deltas) == 800
    assert all(0 <= float(median) <= float(largest) < 1e-3 for _, median, largest, _ in deltas)
    table = (tmp_path / "report" / "matches.tsv").read_text().splitlines()
    assert table[0].startswith("class\tquery") and any("AP1_SITE" in r for r in table)
    # Every class read is accounted for: with patterns, without, or failed.
    assert len(found[0]) > 0 or "class 0: no pattern found" in page


def test_the_pattern_report_notes_a_failed_class_and_checks_targets(monkeypatch, tmp_path):
    X, y = planted(60, length=60, seed=1)
    clf = ConvMotifClassifier(kernel_len=5, epochs=1, random_state=0).fit(X, y)
    with pytest.raises(
        ValueError, match=r"each of targets must be one of the classes \[0, 1\]; got 7"
    ):
        visualize_patterns(clf, X, y, tmp_path, targets=[7])

    def failing(estimator, X, target, **kwargs):
        raise RuntimeError("modisco-lite could not cluster these seqlets")

    monkeypatch.setattr(patterns, "modisco_with_deltas", failing)
    with pytest.warns(RuntimeWarning, match="class 1: modisco-lite could not cluster"):
        found = visualize_patterns(clf, X, y, tmp_path, targets=[1], verbose=False)
    assert found == {1: []}
    assert "class 1: modisco-lite could not cluster" in (tmp_path / "patterns.html").read_text()


def test_the_pattern_report_reads_a_random_subset_of_each_class(monkeypatch, tmp_path):
    # TF-MoDISco's time grows with the seqlets: max_sequences caps each class's sequences.
    X, y = planted(100, length=60, seed=1)
    clf = ConvMotifClassifier(kernel_len=5, epochs=1, random_state=0).fit(X, y)
    given = {}

    def record(estimator, X, target, **kwargs):
        given[target] = X.values.copy()
        return [], np.zeros(len(X))

    monkeypatch.setattr(patterns, "modisco_with_deltas", record)
    visualize_patterns(clf, X, y, tmp_path, max_sequences=30, verbose=False)
    encoded = clf.encode(X).values
    for label in (0, 1):
        rows = [i for i in range(len(X)) if y[i] == label]
        assert len(given[label]) == 30
        chosen = [next(i for i in rows if (encoded[i] == row).all()) for row in given[label]]
        assert chosen == sorted(chosen) and len(set(chosen)) == 30  # distinct, in order


def test_modisco_lite_clusters_with_fewer_leiden_runs_unless_told(monkeypatch):
    # modisco-lite's n_leiden_runs=50 took most of the report phase; skmotif's default is
    # lower (bench_patterns.py --leiden-runs), and a caller's value still reaches it.
    X, y = planted(60, length=60, seed=1)
    clf = ConvMotifClassifier(kernel_len=5, epochs=1, random_state=0).fit(X, y)
    given = []

    def record(one_hot, hypothetical, sliding_window_size=21, flank_size=10, **kwargs):
        given.append(kwargs)
        return None, None

    monkeypatch.setattr(patterns, "check_modisco", lambda alphabet: record)
    assert modisco_motifs(clf, X, target=1, random_state=0) == []
    modisco_motifs(clf, X, target=1, random_state=0, n_leiden_runs=50)
    assert [kwargs["n_leiden_runs"] for kwargs in given] == [patterns.N_LEIDEN_RUNS, 50]
    assert patterns.N_LEIDEN_RUNS < 50


def test_sequences_too_short_for_a_seqlet_are_named():
    X, y = planted(40, length=40, seed=2)
    clf = ConvMotifClassifier(kernel_len=5, epochs=1, random_state=0).fit(X, y)
    with pytest.raises(ValueError, match=r"40 positions hold no TF-MoDISco seqlet.*= 41"):
        modisco_motifs(clf, X, target=1)


@pytest.mark.slow
def test_a_regressor_has_activating_and_repressing_patterns(tmp_path):
    from skmotif import ConvMotifRegressor, Motif
    from skmotif.datasets import make_motif_sequences

    motifs = [Motif.from_sequences([m], "ACGT", pseudocount=0.0) for m in ("TGACTCAG", "GCAATCCG")]
    # 300 sequences for TF-MoDISco found both patterns with one training seed of three
    # (its clusters sit near the 20-seqlet minimum); 600 find both with seeds 0-2.
    X, present, _ = make_motif_sequences(
        2000, motifs, length=100, multilabel=True, motifs_per_sequence=(0, 2), random_state=4
    )
    y = present[:, 0] - present[:, 1] + 0.1 * np.random.default_rng(4).normal(size=len(X))
    reg = ConvMotifRegressor(epochs=30, random_state=0).fit(X[:1400], y[:1400])
    found = visualize_patterns(
        reg, X[1400:], y[1400:], tmp_path, max_sequences=600, random_state=0, verbose=False
    )
    assert list(found) == [0]
    signs = {p.sign: p.motif.consensus for p in found[0][::-1]}  # the first of each sign wins
    assert "TGACTCAG" in signs[1] or "CTGAGTCA" in signs[1]
    assert "GCAATCCG" in signs[-1] or "CGGATTGC" in signs[-1]
    page = (tmp_path / "patterns.html").read_text()
    assert "<th>output</th>" in page and "an activating pattern" in page


def test_modisco_lite_may_start_its_compile_before_the_progress_thread(monkeypatch):
    """modisco-lite forks its cache-writing compile only while the process has one thread;
    the progress ticker is a thread, so the compile must be started before it."""
    from modiscolite import precompile

    import skmotif._progress as progress_module

    order = []
    monkeypatch.setattr(precompile, "start", lambda: order.append("start"))
    real_progress = progress_module.progress

    def recording_progress(*args, **kwargs):
        order.append("progress")
        return real_progress(*args, **kwargs)

    monkeypatch.setattr(progress_module, "progress", recording_progress)

    def tfmodisco(*args, **kwargs):
        order.append("modisco")
        return None, None

    patterns._run(tfmodisco, np.zeros((2, 30, 4)), np.zeros((2, 30, 4)), 100, False, {})
    assert order == ["start", "progress", "modisco"]
