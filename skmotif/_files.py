"""Writing files and folders so that a failure never leaves a partial or mixed result.

Everything is written under a temporary name beside the target (same folder,
so the same file system) and renamed over the target only when complete. A
full disk, a file-size limit, an exception or a kill during the writing
leaves the previous target as it was, plus at most a hidden temporary entry
(``.NAME.*.tmp``) beside it.
"""

import contextlib
import os
import secrets
import shutil
from pathlib import Path

#: Suffix of the folder a replaced folder is moved to while its successor takes its name.
OLD_SUFFIX = ".old"


def _sync(path):
    """Flush a file's (or a folder's entries') data to the disk; best effort for folders."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() and hasattr(os, "O_DIRECTORY") else 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:  # folders cannot be opened on some systems
        return
    try:
        os.fsync(descriptor)
    except OSError:
        if not path.is_dir():
            raise
    finally:
        os.close(descriptor)


def _temporary(target, suffix=".tmp"):
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{suffix}")


@contextlib.contextmanager
def replaced_file(target):
    """A temporary path to write; renamed to ``target`` when the block ends without an error.

    Parameters
    ----------
    target : path-like

    Yields
    ------
    path : Path
        Beside ``target``; removed if the block raises.
    """
    target = Path(target)
    temporary = _temporary(target)
    try:
        yield temporary
        _sync(temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync(target.parent)


def write_text(path, text):
    """Write ``text`` (UTF-8) to ``path`` through :func:`replaced_file`: all of it or nothing."""
    with replaced_file(path) as temporary:
        temporary.write_text(text, encoding="utf-8")


def write_table(table, path, float_format=None):
    """Write a pandas DataFrame as a TSV file through :func:`replaced_file`; ``"-"`` is
    standard output (the command line's default)."""
    if str(path) == "-":
        import sys

        table.to_csv(sys.stdout, sep="\t", index=False, float_format=float_format)
        return
    with replaced_file(path) as temporary:
        table.to_csv(temporary, sep="\t", index=False, float_format=float_format)


@contextlib.contextmanager
def replaced_folder(target):
    """A new temporary folder to fill; it takes the place of ``target`` when the block succeeds.

    A previous ``target`` is moved aside (``.NAME.*.old``), the new folder
    renamed to ``target``, and the old one deleted; if the rename fails, the
    old folder is moved back. Only a kill between those two renames (two
    system calls) leaves ``target`` missing, with the previous folder intact
    under the ``.old`` name beside it.

    Parameters
    ----------
    target : path-like
        A folder, or a path that does not exist yet.

    Yields
    ------
    folder : Path
        Empty, beside ``target``; removed if the block raises.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise ValueError(f"{target} is a file; give a folder path to save into.")
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(target)
    temporary.mkdir()
    try:
        yield temporary
        for path in temporary.rglob("*"):
            if path.is_file():
                _sync(path)
        old = _temporary(target, OLD_SUFFIX) if target.exists() else None
        if old is not None:
            os.rename(target, old)
        try:
            os.rename(temporary, target)
        except BaseException:
            if old is not None:
                os.rename(old, target)
            raise
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    _sync(target.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def interrupted_saves(target):
    """Folders a save interrupted between its two renames left beside ``target``.

    Returns
    -------
    list of Path
        ``.NAME.*.old`` folders, newest first.
    """
    target = Path(target)
    found = target.parent.glob(f".{target.name}.*{OLD_SUFFIX}")
    return sorted((p for p in found if p.is_dir()), key=os.path.getmtime, reverse=True)
