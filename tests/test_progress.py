"""Progress of long steps: shown as plain lines or a terminal bar, silenced on request."""

import io

import pytest

import skmotif
from skmotif import _progress
from skmotif._progress import progress, progress_shown


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def clock(monkeypatch):
    """A clock that moves 4 s at each reading."""
    now = iter(range(0, 10_000, 4))
    monkeypatch.setattr(_progress.time, "perf_counter", lambda: next(now))


def test_plain_lines_give_counts_share_and_time_left(monkeypatch, clock):
    stream = io.StringIO()
    monkeypatch.setattr(_progress.sys, "stderr", stream)
    with progress_shown(True), progress("Scanning", 10, "windows") as bar:
        for _ in range(10):
            bar.update()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "Scanning ..."
    # A line at most every 10 s: the clock moves 4 s a reading, so every third update.
    assert lines[1].startswith("Scanning: 3/10 windows (30%), 16 s, 37 s left")
    assert lines[-1].startswith("Scanning: 10 windows in ")
    assert all("\r" not in line for line in lines)


def test_a_terminal_gets_one_redrawn_bar(monkeypatch, clock):
    stream = Terminal()
    monkeypatch.setattr(_progress.sys, "stderr", stream)
    with progress_shown(True), progress("Folding (RNAfold)", 4, "sequences") as bar:
        bar.update(2)
    text = stream.getvalue()
    assert "\rFolding (RNAfold) [############............] 2/4 sequences  50%" in text
    assert text.endswith("Folding (RNAfold): 2 sequences in 12 s\x1b[K\n")


def test_silenced_progress_writes_nothing_and_the_choice_is_restored(monkeypatch):
    stream = Terminal()
    monkeypatch.setattr(_progress.sys, "stderr", stream)
    skmotif.show_progress(False)
    try:
        with progress("Scanning", 3, "windows") as bar:
            bar.update(3)
        with progress_shown(True):
            assert _progress.enabled()
        assert not _progress.enabled()
    finally:
        skmotif.show_progress(None)
    assert stream.getvalue() == ""
    assert _progress.enabled()  # the default on a terminal
    with pytest.raises(TypeError, match="True, False or None"):
        skmotif.show_progress("yes")
