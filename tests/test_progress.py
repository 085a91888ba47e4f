"""Progress of long steps: shown as plain lines or a terminal bar, silenced on request."""

import io
import time

import pytest

import skmotif
from skmotif import _progress
from skmotif._progress import progress, progress_shown


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def clock(monkeypatch):
    """A clock that moves 4 s at each reading, and no redrawing thread."""
    now = iter(range(0, 10_000, 4))
    monkeypatch.setattr(_progress.time, "perf_counter", lambda: next(now))
    monkeypatch.setattr(_progress.Progress, "_tick", lambda self: None)


def test_plain_lines_give_counts_share_and_time_left(monkeypatch, clock):
    stream = io.StringIO()
    monkeypatch.setattr(_progress.sys, "stderr", stream)
    with progress_shown(True), progress("Scanning", 10, "windows") as bar:
        for _ in range(10):
            bar.update()
    # Shown after 2 s, then a line at most every 10 s (the clock moves 4 s a reading).
    assert stream.getvalue().splitlines() == [
        "Scanning ...",
        "Scanning: 4/10 windows (40%), 16 s, 24 s left",
        "Scanning: 7/10 windows (70%), 28 s, 12 s left",
        "Scanning: 10/10 windows (100%), 40 s, 0 s left",
        "Scanning: 10 windows in 44 s",
    ]


def test_a_terminal_gets_one_redrawn_bar(monkeypatch, clock):
    stream = Terminal()
    monkeypatch.setattr(_progress.sys, "stderr", stream)
    with progress_shown(True), progress("Folding (RNAfold)", 4, "sequences") as bar:
        bar.update(2)
    assert stream.getvalue() == (
        "\rFolding (RNAfold) [############............] 2/4 sequences  50% 4 s, 4 s left\x1b[K"
        "\rFolding (RNAfold): 2 sequences in 8 s\x1b[K\n"
    )


def test_quick_steps_are_silent_and_waits_without_counts_are_not(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr(_progress.sys, "stderr", stream)
    with progress_shown(True):
        with progress("Quick", 3, "things") as bar:
            bar.update(3)
        assert stream.getvalue() == ""
        monkeypatch.setattr(_progress, "DELAY", 0.0)
        monkeypatch.setattr(_progress, "LINE_EVERY", 0.05)
        with progress("Compiling TOMTOM"):
            time.sleep(0.4)  # no count comes: the thread still writes
    lines = stream.getvalue().splitlines()
    assert lines[0] == "Compiling TOMTOM ..."
    assert "Compiling TOMTOM: running, 0 s" in lines[1:-1]
    assert lines[-1].startswith("Compiling TOMTOM: done in ")


def test_silenced_progress_writes_nothing_and_the_choice_is_restored(monkeypatch, clock):
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
