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


@pytest.mark.slow
def test_the_readme_code_runs(tmp_path, monkeypatch):
    """Every Python block of the README, in order, in one namespace: on a 40th of PUM2,
    at most two epochs per fit, and a local Dask cluster for the scheduler's address."""
    import distributed

    import skmotif._training as training
    import skmotif.datasets as datasets

    load_pum2, train, client = datasets.load_pum2, training.train, distributed.Client

    def few_epochs(*args, epochs, **kwargs):
        return train(*args, epochs=min(epochs, 2), **kwargs)

    def local_client(address=None, **kwargs):
        return client(distributed.LocalCluster(n_workers=1, processes=False), **kwargs)

    monkeypatch.setattr(datasets, "load_pum2", lambda: tuple(a[::40] for a in load_pum2()))
    monkeypatch.setattr(training, "train", few_epochs)
    monkeypatch.setattr(distributed, "Client", local_client)
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)
    assert len(blocks) >= 6
    namespace = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    plt.close("all")
    assert (tmp_path / "kernels" / "summary.html").exists()
    assert namespace["search"].best_params_["conv_num"] in (1, 2)  # the Dask search ran
