"""The documentation: every example runs, and the API reference lists every public name."""

import importlib
import re
import runpy
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from test_public_api import public_modules

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("plot_*.py"))


def reference():
    """{module: set of names} of docs/api.rst: its autosummary entries and "Also here" links."""
    sections = re.split(r"\n``(skmotif[\w.]*)``\n-+\n", (ROOT / "docs" / "api.rst").read_text())
    listed = {}
    for module, body in zip(sections[1::2], sections[2::2], strict=True):
        own = re.findall(r"^   (\w+)$", body, flags=re.MULTILINE)
        linked = [name.rsplit(".", 1)[1] for name in re.findall(r":obj:`~([\w.]+)`", body)]
        listed[module] = set(own) | set(linked)
    return listed


def test_the_api_reference_lists_every_public_name_of_every_module():
    listed = reference()
    assert sorted(listed) == sorted(public_modules())
    for module, names in listed.items():
        assert names == set(importlib.import_module(module).__all__), module


@pytest.mark.slow
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_example_runs(path, tmp_path, monkeypatch):
    monkeypatch.setenv("SKMOTIF_EXAMPLES_FAST", "1")  # less data and fewer epochs, same code
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(path), run_name="__main__")
    assert plt.get_fignums(), "every example draws something"
    plt.close("all")
