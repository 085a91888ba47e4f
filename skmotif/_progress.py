"""Progress of long steps: a bar with counts and time left on a terminal, plain lines
otherwise, nothing when silenced.

Every step that can take more than a few seconds (cutting regions, drawing
backgrounds, figures, matching, attribution, patterns, scans, folding) runs
inside :func:`progress`. Whether it shows is one process-wide choice,
:func:`show_progress`: by default on where standard error is a terminal or a
notebook, off elsewhere (scripts, logs, tests); the command line turns it on
and ``--quiet`` off. Output goes to standard error, so it never mixes with
results written to standard output.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

#: Seconds before a step shows anything (quicker steps stay silent), between redraws of
#: a terminal bar, and between plain lines.
DELAY, REDRAW, LINE_EVERY = 2.0, 0.2, 10.0

_shown: bool | None = None


def show_progress(shown: bool | None = True) -> None:
    """Show (or hide) the progress of long steps, for the whole process.

    Parameters
    ----------
    shown : bool or None, default=True
        None: the default, shown where standard error is a terminal or a
        notebook.

    Examples
    --------
    >>> import skmotif
    >>> skmotif.show_progress(False)  # silence every progress line
    >>> skmotif.show_progress(None)  # back to the default
    """
    global _shown
    if shown is not None and not isinstance(shown, bool):
        raise TypeError(f"show_progress takes True, False or None; got {shown!r}.")
    _shown = shown


def enabled() -> bool:
    """Whether progress shows now (see :func:`show_progress`)."""
    if _shown is not None:
        return _shown
    return sys.stderr.isatty() or "ipykernel" in sys.modules


@contextmanager
def progress_shown(shown: bool | None) -> Iterator[None]:
    """:func:`show_progress` for the duration of a block, then the choice before it."""
    global _shown
    before = _shown
    show_progress(shown)
    try:
        yield
    finally:
        _shown = before


class Progress:
    """Counts of one step and their display; see :func:`progress`.

    Nothing shows for a step that ends within :data:`DELAY` seconds. After
    that, a terminal gets one bar redrawn in place, anything else a line
    every :data:`LINE_EVERY` seconds; a thread redraws while no count comes
    (a step without counts shows its elapsed time), so no wait is silent.
    """

    def __init__(self, what: str, total: int | None, unit: str, stream):
        self.what, self.total, self.unit, self.stream = what, total, unit, stream
        self.done, self.shown = 0, False
        self.start = self._drawn = time.perf_counter()
        self.terminal = stream is not None and stream.isatty()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        if stream is not None:
            threading.Thread(target=self._tick, daemon=True).start()

    def update(self, n: int = 1) -> None:
        """Count ``n`` more units done."""
        self.done += n
        self._draw()

    def _tick(self):
        while not self._stop.wait(REDRAW if self.terminal else min(LINE_EVERY, 1.0)):
            self._draw()

    def _draw(self):
        if self.stream is None:
            return
        now = time.perf_counter()
        if now - self.start < DELAY:
            return
        with self._lock:
            if self._stop.is_set():
                return
            if not self.shown:
                self.shown = True
                if not self.terminal:
                    print(f"{self.what} ...", file=self.stream, flush=True)
            elif now - self._drawn < (REDRAW if self.terminal else LINE_EVERY):
                return
            self._drawn = now
            if self.terminal:
                line = f"\r{self._line(now, bar=True)}\033[K"
                print(line, end="", file=self.stream, flush=True)
            elif now - self.start >= LINE_EVERY:
                print(f"{self.what}: {self._line(now, bar=False)}", file=self.stream, flush=True)

    def _line(self, now, bar):
        elapsed = now - self.start
        count = f"{self.done:,}" + (f"/{self.total:,}" if self.total else "") + f" {self.unit}"
        count = count.strip() if self.done or self.total else "running"
        if not self.total:
            return (
                f"{self.what}: {count}, {_clock(elapsed)}"
                if bar
                else f"{count}, {_clock(elapsed)}"
            )
        share = min(self.done / self.total, 1.0)
        left = elapsed / share - elapsed if share > 0 else None
        timing = f"{_clock(elapsed)}" + (f", {_clock(left)} left" if left is not None else "")
        if not bar:
            return f"{count} ({share:.0%}), {timing}"
        filled = round(24 * share)
        return f"{self.what} [{'#' * filled}{'.' * (24 - filled)}] {count} {share:4.0%} {timing}"

    def close(self) -> None:
        """Stop redrawing; a step that showed ends with its count and time."""
        self._stop.set()
        with self._lock:
            if self.stream is None or not self.shown:
                return
            seconds = time.perf_counter() - self.start
            count = f"{self.done:,} {self.unit}".strip() if self.done else "done"
            start = "\r" if self.terminal else ""
            end = "\033[K" if self.terminal else ""
            print(f"{start}{self.what}: {count} in {_clock(seconds)}{end}", file=self.stream)
            self.stream.flush()


def _clock(seconds):
    seconds = round(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"


@contextmanager
def progress(what: str, total: int | None = None, unit: str = "") -> Iterator[Progress]:
    """Show a long step's progress while it runs (when :func:`show_progress` allows).

    Parameters
    ----------
    what : str
        The step, e.g. ``"Scanning chr1"``.
    total : int, optional
        Units in all, for the share done and the time left.
    unit : str
        What is counted, e.g. ``"windows"``.

    Yields
    ------
    Progress
        Call ``update(n)`` as units are done.
    """
    bar = Progress(what, total, unit, sys.stderr if enabled() else None)
    try:
        yield bar
    finally:
        bar.close()
