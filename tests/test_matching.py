"""TOMTOM matching against JASPAR (offline, pyjaspar) and MEME files (memelite)."""

import contextlib
import time

import numpy as np
import pandas as pd
import pytest

from skmotif import Motif, match_motifs
from skmotif._motif import MotifPair
from skmotif.interpret._kernels import KernelMotif
from skmotif.io import write_meme
from skmotif.matching import _COLUMNS, load_targets
from skmotif.report._kernels import write_kernel_summary

#: RXRB, 14 positions, consensus GGGGTCAAAGGTCA.
RXRB = "MA0855.1"


@pytest.fixture(scope="module")
def vertebrates():
    """(ids, names, matrices) of JASPAR2024 CORE vertebrates."""
    ids, names, matrices, symbols = load_targets("JASPAR2024", tax_group="vertebrates")
    assert symbols == "ACGT"
    return ids, names, matrices


@pytest.fixture(scope="module")
def small_meme(vertebrates, tmp_path_factory):
    """A MEME file of 40 JASPAR motifs, RXRB among them; returns (path, RXRB matrix)."""
    ids, names, matrices = vertebrates
    pick = sorted({*range(0, 800, 20), ids.index(RXRB)})
    path = tmp_path_factory.mktemp("meme") / "small.meme"
    write_meme(
        [Motif("ACGT", probabilities=matrices[i], name=f"{ids[i]} {names[i]}") for i in pick],
        path,
    )
    return path, matrices[ids.index(RXRB)]


def test_jaspar_targets_are_probabilities(vertebrates):
    ids, names, matrices = vertebrates
    assert len(ids) == len(names) == len(matrices) == 879
    assert names[ids.index(RXRB)] == "RXRB"
    rxrb = Motif("ACGT", probabilities=matrices[ids.index(RXRB)])
    assert rxrb.consensus == "GGGGTCAAAGGTCA"
    for m in matrices:
        np.testing.assert_allclose(m.sum(axis=1), 1.0)


def test_a_part_of_a_target_is_found_with_offset_and_strand(small_meme):
    path, rxrb = small_meme
    forward = Motif("ACGT", probabilities=rxrb[2:9], name="inner")
    reverse = Motif("ACGT", probabilities=rxrb[::-1, ::-1][1:8])
    padded = Motif("ACGT", probabilities=np.vstack([np.full((3, 4), 0.25), rxrb]))
    table = match_motifs([forward, reverse, padded], path)
    assert list(table.columns) == _COLUMNS
    top = table.groupby("query").head(1).set_index("query")
    assert (top["target_id"] == RXRB).all() and (top["target_name"] == "RXRB").all()
    assert top.loc[0, ["offset", "overlap", "orientation"]].tolist() == [2, 7, "+"]
    assert top.loc[1, ["offset", "overlap", "orientation"]].tolist() == [1, 7, "-"]
    assert top.loc[2, ["offset", "overlap", "orientation"]].tolist() == [-3, 14, "+"]
    assert top.loc[0, "query_name"] == "inner" and top.loc[1, "query_name"] == "motif_1"
    assert (top["q_value"] < 1e-3).all()
    assert table["query"].is_monotonic_increasing
    for _, rows in table.groupby("query"):
        assert rows["p_value"].is_monotonic_increasing


def test_e_and_q_values_follow_their_definitions(small_meme):
    path, rxrb = small_meme
    everything = match_motifs(
        Motif("ACGT", probabilities=rxrb[3:11]), path, max_q=1.0, min_overlap=1
    )
    n = len(load_targets(path)[0])
    assert n == 40 and len(everything) == n
    p = everything["p_value"].to_numpy()
    np.testing.assert_allclose(everything["e_value"], p * n)
    # Benjamini-Hochberg by hand: q_(i) = min over j >= i of p_(j) n / j.
    order = np.argsort(p, kind="stable")
    ranked = p[order] * n / np.arange(1, n + 1)
    expected = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1)
    np.testing.assert_allclose(everything["q_value"].to_numpy()[order], expected)
    default = match_motifs(Motif("ACGT", probabilities=rxrb[3:11]), path, min_overlap=1)
    assert len(default) < n and (default["q_value"] <= 0.5).all()
    assert (everything["q_value"] <= 0.5).sum() == len(default)


def test_min_overlap_drops_short_alignments(small_meme):
    path, rxrb = small_meme
    rng = np.random.default_rng(0)
    unrelated = np.eye(4)[rng.integers(0, 4, 9)] * 0.9 + 0.025
    query = Motif("ACGT", probabilities=np.vstack([unrelated, rxrb[:3]]))
    loose = match_motifs(query, path, min_overlap=1, max_q=1.0)
    strict = match_motifs(query, path, min_overlap=5, max_q=1.0)
    assert (loose["overlap"] < 5).any()
    assert (strict["overlap"] >= 5).all() and len(strict) < len(loose)
    short = Motif("ACGT", probabilities=rxrb[4:7])  # shorter than min_overlap
    assert match_motifs(short, path, max_q=1.0)["overlap"].max() == 3


def test_uninformative_flanks_are_trimmed(small_meme):
    path, rxrb = small_meme
    flanked = np.vstack([np.full((4, 4), 0.25), rxrb[2:9], np.full((3, 4), 0.25)])
    table = match_motifs(Motif("ACGT", probabilities=flanked), path, max_q=1.0)
    top = table.iloc[0]
    assert top["target_id"] == RXRB and top["overlap"] == 7
    assert top["offset"] == 2 - 4  # counted on the whole, untrimmed query
    untrimmed = match_motifs(Motif("ACGT", probabilities=flanked), path, max_q=1.0, trim=None)
    assert untrimmed.iloc[0]["offset"] == -2 and untrimmed["overlap"].max() > 7
    uniform = Motif("ACGT", probabilities=np.full((8, 4), 0.25))
    assert match_motifs(uniform, path, max_q=1.0).empty


def test_kernel_motifs_output_is_matched_in_one_call(small_meme):
    path, rxrb = small_meme
    rna = Motif("ACGU", probabilities=rxrb[2:9], name="kernel_0")
    structure = Motif("EHIMS", probabilities=np.full((7, 5), 0.2))
    results = [
        KernelMotif(rna, 0.8),
        KernelMotif(None, 0.0),
        KernelMotif(MotifPair(rna, structure), 0.3),
    ]
    table = match_motifs(results, path)
    assert set(table["query"]) == {0, 2}
    assert (table.groupby("query").head(1)["target_id"] == RXRB).all()
    assert table.loc[0, "query_name"] == "kernel_0"
    assert match_motifs([KernelMotif(None, 0.0)], path).empty
    # A bare tuple is not guessed at: (motif, importance) or (sequence, structure)?
    with pytest.raises(TypeError, match="motifs\\[0\\] is a tuple, not a Motif, MotifPair"):
        match_motifs([(rna, 0.8)], path)


def test_jaspar_release_finds_a_jaspar_motif(vertebrates):
    ids, _, matrices = vertebrates
    ctcf = ids.index("MA0139.2")
    table = match_motifs(Motif("ACGT", probabilities=matrices[ctcf]), tax_group="vertebrates")
    assert table.loc[0, "target_id"] == "MA0139.2" and table.loc[0, "target_name"] == "CTCF"
    assert table.loc[0, "q_value"] < 1e-6
    np.testing.assert_allclose(table["e_value"], table["p_value"] * 879)


def test_summary_lists_the_best_significant_matches(small_meme, tmp_path):
    path, rxrb = small_meme
    kernels = [
        KernelMotif(Motif("ACGT", probabilities=rxrb[2:12]), 0.2),
        KernelMotif(Motif("ACGT", probabilities=np.full((8, 4), 0.25)), 0.9),
    ]
    table = match_motifs(kernels, path, max_q=1.0)
    best = match_motifs(kernels, path, max_q=0.05, n_best=2)
    assert best["query"].tolist() == [0] * len(best) and 1 <= len(best) <= 2
    assert best["target_id"].iloc[0] == RXRB
    pd.testing.assert_frame_equal(best, table[table.q_value <= 0.05].groupby("query").head(2))
    page = write_kernel_summary(kernels, tmp_path, table).read_text()
    assert "<th>known motifs</th>" in page
    rows = page.split("<tr><td>")[1:]
    assert rows[0].startswith("1<") and "<td>none</td>" in rows[0]
    q = best["q_value"].iloc[0]
    assert rows[1].startswith("0<") and f"RXRB ({RXRB}, q={q:.1e})" in rows[1]
    (tmp_path / "plain").mkdir()
    plain = write_kernel_summary(kernels, tmp_path / "plain").read_text()
    assert "known motifs" not in plain


def test_bad_input_is_named(small_meme, tmp_path):
    path, rxrb = small_meme
    motif = Motif("ACGT", probabilities=rxrb)
    with pytest.raises(ValueError, match="JASPAR release such as 'JASPAR2024' or the path"):
        match_motifs(motif, "no-such-file.meme")
    with pytest.raises(ValueError, match="pyjaspar has no JASPAR1999; choose one of"):
        match_motifs(motif, "JASPAR1999")
    with pytest.raises(ValueError, match="has no motifs in collection 'CORE' for tax_group"):
        match_motifs(motif, tax_group="vertebratez")
    with pytest.raises(ValueError, match="tax_group selects JASPAR motifs"):
        match_motifs(motif, path, tax_group="vertebrates")
    with pytest.raises(ValueError, match="alphabet 'EHIMS' but the database's is 'ACGT'"):
        match_motifs([motif, Motif("EHIMS", probabilities=np.full((6, 5), 0.2))], path)
    with pytest.raises(ValueError, match="min_overlap must be a positive integer"):
        match_motifs(motif, path, min_overlap=0)
    with pytest.raises(ValueError, match=r"max_q must be in \(0, 1\]"):
        match_motifs(motif, path, max_q=0)
    with pytest.raises(TypeError, match="non-empty list of Motifs"):
        match_motifs([], path)
    with pytest.raises(TypeError, match=r"motifs\[1\] is a str, not a Motif"):
        match_motifs([motif, "GATTACA"], path)
    empty = tmp_path / "empty.meme"
    empty.write_text("MEME version 4\n\nALPHABET= ACGT\n")
    with pytest.raises(ValueError, match="holds no motifs"):
        match_motifs(motif, empty)


def test_kernel_report_names_the_planted_motif(fast_model, motif_data, tmp_path):
    from conftest import planted_meme

    from skmotif.report import visualize_all_kernels

    database = planted_meme(tmp_path / "db.meme", name="PLANTED GATTACA")
    _, _, X_test, y_test = motif_data
    visualize_all_kernels(fast_model, X_test, y_test, tmp_path / "k", n_jobs=1, matches=database)
    table = pd.read_csv(tmp_path / "k" / "matches.tsv", sep="\t")
    assert list(table.columns) == _COLUMNS
    page = (tmp_path / "k" / "summary.html").read_text()
    top_kernel = page.split("<tr><td>")[1]
    assert "GATTACA (PLANTED, q=" in top_kernel
    planted_hits = table[(table["target_id"] == "PLANTED") & (table["q_value"] <= 0.05)]
    assert int(top_kernel.split("<")[0]) in set(planted_hits["query"])


def test_kernels_recover_planted_jaspar_motifs(vertebrates):
    """benchmarks/bench_recovery.py in small: three JASPAR motifs planted on both strands."""
    from skmotif import ConvMotifClassifier, kernel_motifs
    from skmotif.datasets import make_motif_sequences

    ids, _, matrices = vertebrates
    planted = ["MA0062.4", "MA0466.4", "MA0083.3"]  # GABPA, CEBPB, SRF
    motifs = [Motif("ACGT", probabilities=matrices[ids.index(i)]) for i in planted]
    X, y, _ = make_motif_sequences(
        1500,
        motifs,
        length=100,
        reverse_complement=True,
        multilabel=True,
        motifs_per_sequence=(1, 2),
        random_state=0,
    )
    clf = ConvMotifClassifier(
        conv_num=1,
        kernel_num=12,
        kernel_len=15,
        pool_size="global",
        dense_num=0,
        learning_rate=0.005,
        epochs=20,
        random_state=0,
    ).fit(X[:1200], y[:1200])
    results = kernel_motifs(clf, X[1200:], y[1200:])
    table = match_motifs(results, tax_group="vertebrates", max_q=0.05)
    assert set(planted) <= set(table["target_id"])


# -- TOMTOM's first use: the compile in a child process, the kept copy ---------------------


def _in_fresh_environment(code, cache, store="", timeout=600):
    """Run ``code`` in a new interpreter whose numba cache is ``cache`` and whose store of
    other environments' compiled TOMTOM is ``store`` (none: ""); return its stdout."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, NUMBA_CACHE_DIR=str(cache), SKMOTIF_CACHE_DIR=str(store))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture
def no_warm_up(monkeypatch, tmp_path):
    """A clean slate for skmotif.matching's warm-up (restored after the test), keeping
    compiled code in the test's own folder."""
    from skmotif import matching

    monkeypatch.setattr(matching, "_WARM_UP", None)
    monkeypatch.setenv("SKMOTIF_CACHE_DIR", str(tmp_path / "store"))
    return matching


def test_tomtom_compiled_reads_numbas_cache(small_meme, tmp_path):
    from skmotif.matching import _tomtom_compiled

    path, rxrb = small_meme
    match_motifs(Motif("ACGT", probabilities=rxrb), path)
    assert _tomtom_compiled()  # in this process
    # A fresh environment: nothing in an empty cache (reading it imports memelite, ~2 s).
    code = "from skmotif.matching import _tomtom_compiled; print(_tomtom_compiled())"
    assert _in_fresh_environment(code, tmp_path).strip() == "False"


def test_warm_up_does_nothing_when_tomtom_is_compiled(small_meme, no_warm_up):
    path, rxrb = small_meme
    match_motifs(Motif("ACGT", probabilities=rxrb), path)
    warm_up = no_warm_up._warm_up_tomtom()
    assert not warm_up.needed and warm_up.process is None and warm_up.done()
    assert warm_up.wait(0) and warm_up.succeeded()
    assert warm_up.fraction() == 1.0 and warm_up.seconds_left() == 0.0
    assert no_warm_up._WARM_UP is None  # nothing for match_motifs to wait for


def test_match_waits_for_a_running_warm_up_and_says_so(small_meme, no_warm_up, monkeypatch):
    """A compile still running when the matching starts is waited for, inside ``waiting``."""
    path, rxrb = small_meme
    # A stand-in child that takes a second and compiles nothing.
    monkeypatch.setattr(no_warm_up, "_CHILD", "import time; time.sleep(1)  # {niceness}")
    monkeypatch.setattr(no_warm_up, "_tomtom_compiled", lambda: False)
    events = []

    @contextlib.contextmanager
    def waiting(warm_up):
        events.append(("enter", warm_up.done(), warm_up.message()))
        yield
        events.append(("exit", warm_up.done()))

    warm_up = no_warm_up._warm_up_tomtom(waiting=waiting)
    assert warm_up.needed and not warm_up.done() and not warm_up.wait(0.01)
    assert no_warm_up._warm_up_tomtom() is warm_up  # one compile at a time
    assert 0.0 <= warm_up.fraction() < 1.0 and warm_up.seconds_left() >= 1.0
    monkeypatch.undo()  # the real _tomtom_compiled (and _CHILD) for the matching
    monkeypatch.setattr(no_warm_up, "_WARM_UP", warm_up)
    monkeypatch.setenv("SKMOTIF_CACHE_DIR", "")
    table = match_motifs(Motif("ACGT", probabilities=rxrb), path)
    assert table.loc[0, "target_id"] == RXRB
    assert [e[:2] for e in events] == [("enter", False), ("exit", True)]
    assert events[0][2].startswith("Compiling TOMTOM for the matches (first use in this")
    events.clear()
    match_motifs(Motif("ACGT", probabilities=rxrb), path)
    assert events == []  # done: no second wait


def test_the_child_is_niced_and_gets_this_priority_when_waited_for(no_warm_up, monkeypatch):
    import os

    child = "import os, time; os.nice({niceness}); time.sleep(9)"
    monkeypatch.setattr(no_warm_up, "_CHILD", child)
    monkeypatch.setattr(no_warm_up, "_tomtom_compiled", lambda: False)
    warm_up = no_warm_up._warm_up_tomtom(niceness=7)
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    deadline = time.monotonic() + 5
    while os.getpriority(os.PRIO_PROCESS, warm_up.process.pid) != min(mine + 7, 19):
        assert time.monotonic() < deadline, "the child did not lower its priority"
        time.sleep(0.05)
    raised = warm_up.hurry()  # root (or RLIMIT_NICE) may raise it back; others may not
    now = os.getpriority(os.PRIO_PROCESS, warm_up.process.pid)
    assert now == (mine if raised else min(mine + 7, 19))
    no_warm_up._end_warm_up()
    assert warm_up.done() and not warm_up.hurry()


def test_a_child_still_compiling_is_ended_at_exit(no_warm_up, monkeypatch):
    monkeypatch.setattr(no_warm_up, "_CHILD", "import time; time.sleep(60)  # {niceness}")
    monkeypatch.setattr(no_warm_up, "_tomtom_compiled", lambda: False)
    warm_up = no_warm_up._warm_up_tomtom()
    assert not warm_up.done()
    no_warm_up._end_warm_up()
    assert warm_up.done() and warm_up.process.returncode != 0


def test_a_new_environment_takes_the_compiled_code_another_one_kept(
    small_meme, no_warm_up, tmp_path
):
    """numba's cache is per environment; the kept copy spares a new one the compile."""
    path, rxrb = small_meme
    match_motifs(Motif("ACGT", probabilities=rxrb), path)  # compiled here (or cached)
    store = tmp_path / "store"
    assert no_warm_up._keep_compiled()
    (folder,) = store.iterdir()
    assert folder.name.startswith("tomtom-memelite") and (folder / "files.json").is_file()
    assert not no_warm_up._keep_compiled(again=False)  # there already
    # A new environment: an empty numba cache (a fresh venv), the store kept above.
    new = """
import time
import numpy as np
from skmotif import Motif, match_motifs
from skmotif.matching import _tomtom_compiled, _tomtom_kernel, _warm_up_tomtom
assert not _tomtom_compiled()
warm_up = _warm_up_tomtom()
assert not warm_up.needed and warm_up.process is None and _tomtom_compiled()
start = time.perf_counter()
match_motifs(Motif("ACGT", probabilities=np.eye(4)[[2, 2, 0, 3, 1, 0]] * 0.9 + 0.025), "DATABASE")
stats = _tomtom_kernel().stats
print(time.perf_counter() - start, sum(stats.cache_hits.values()), len(stats.cache_misses))
""".replace("DATABASE", str(path))
    seconds, hits, misses = _in_fresh_environment(new, tmp_path / "venv", store).split()
    assert int(hits) == 1 and int(misses) == 0 and float(seconds) < 10
    # A damaged copy is not used: the environment compiles, as without one.
    data = next(folder.glob("*.nbc"))
    data.write_bytes(data.read_bytes()[:-1] + b"x")
    code = "from skmotif.matching import _restore_compiled; print(_restore_compiled())"
    assert _in_fresh_environment(code, tmp_path / "venv2", store).strip() == "False"
    assert not list((tmp_path / "venv2").rglob("tomtom._tomtom-*"))


def test_an_empty_skmotif_cache_dir_keeps_nothing(small_meme, no_warm_up, monkeypatch):
    path, rxrb = small_meme
    match_motifs(Motif("ACGT", probabilities=rxrb), path)
    monkeypatch.setenv("SKMOTIF_CACHE_DIR", "")
    assert no_warm_up._store_folder() is None
    assert not no_warm_up._keep_compiled() and not no_warm_up._restore_compiled()


def test_a_query_of_width_one_reuses_the_compiled_kernel(small_meme):
    """A (4, 1) query array is C- as well as F-contiguous; it must not make numba compile
    TOMTOM a second time (a minute)."""
    from skmotif.matching import _tomtom_kernel

    path, rxrb = small_meme
    match_motifs(Motif("ACGT", probabilities=rxrb), path)
    compiled = list(_tomtom_kernel().signatures)
    one = Motif("ACGT", probabilities=rxrb[5:6], name="one")
    table = match_motifs(one, path, trim=None, max_q=1.0, min_overlap=1)
    assert list(_tomtom_kernel().signatures) == compiled
    assert set(table["query"]) == {0} and (table["overlap"] == 1).all()


@pytest.mark.slow
def test_warm_up_compiles_tomtom_for_a_later_process(tmp_path):
    """A fresh environment (an empty numba cache): the child's compile (about a minute)
    serves match_motifs in another process, which loads it rather than compiling."""
    warm = """
from skmotif.matching import _warm_up_tomtom
warm_up = _warm_up_tomtom(niceness=0)
assert warm_up.needed and not warm_up.done(), warm_up.needed
assert warm_up.wait(600) and warm_up.process.returncode == 0 and warm_up.succeeded()
print("ok")
"""
    assert _in_fresh_environment(warm, tmp_path / "numba").strip() == "ok"
    use = """
import time
import numpy as np
from skmotif import Motif, match_motifs
from skmotif.matching import _tomtom_compiled, _tomtom_kernel
assert _tomtom_compiled()
rng = np.random.default_rng(0)
queries = [Motif("ACGT", probabilities=rng.dirichlet(np.ones(4), 12)) for _ in range(5)]
start = time.perf_counter()
match_motifs(queries, "JASPAR2024", tax_group="vertebrates")
stats = _tomtom_kernel().stats
print(time.perf_counter() - start, sum(stats.cache_hits.values()), len(stats.cache_misses))
"""
    seconds, hits, misses = _in_fresh_environment(use, tmp_path / "numba").split()
    assert int(hits) == 1 and int(misses) == 0
    assert float(seconds) < 20
