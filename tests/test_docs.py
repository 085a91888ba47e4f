"""The documentation: every example runs, and the API reference lists every public name."""

import importlib
import re
import runpy
import shlex
import sys
import textwrap
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


def test_the_gallery_orders_every_example():
    sys.path.insert(0, str(ROOT / "docs"))
    from gallery_order import ORDER

    assert sorted(ORDER) == sorted(path.name for path in EXAMPLES)


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


@pytest.fixture
def quick_docs(tmp_path, monkeypatch):
    """Documented code, run small: bundled data subsampled (``step``: every step-th
    sequence), at most two epochs per fit, a local Dask cluster for any scheduler address,
    in an empty working directory. Returns a function that sets the PUM2 step."""
    import dataclasses

    import distributed

    import skmotif._network.train as training
    import skmotif.datasets as datasets

    load_pum2, load_artificial = datasets.load_pum2, datasets.load_artificial
    run_epochs, client = training.run_epochs, distributed.Client

    def few_epochs(model, train_data, validation_data, settings):
        settings = dataclasses.replace(settings, epochs=min(settings.epochs, 2))
        return run_epochs(model, train_data, validation_data, settings)

    opened = []

    def local_client(address=None, **kwargs):
        # One thread, as the guide advises for workers: two threads tracing TensorFlow
        # graphs at once can deadlock inside TensorFlow (seen once here; cf.
        # tensorflow/tensorflow#66115).
        cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False)
        opened.append((client(cluster, **kwargs), cluster))
        return opened[-1][0]

    def subsample(step):
        monkeypatch.setattr(datasets, "load_pum2", lambda: tuple(a[::step] for a in load_pum2()))

    subsample(40)
    artificial = tuple(a[::20] for a in load_artificial())
    monkeypatch.setattr(datasets, "load_artificial", lambda: artificial)
    monkeypatch.setattr(training, "run_epochs", few_epochs)
    monkeypatch.setattr(distributed, "Client", local_client)
    monkeypatch.chdir(tmp_path)
    yield subsample
    plt.close("all")
    for dask_client, cluster in opened:  # a client left open hangs the next one in this process
        dask_client.close()
        cluster.close()


def run_blocks(blocks, filename):
    """Execute code blocks in order in one namespace; return the namespace."""
    namespace = {}
    for block in blocks:
        exec(compile(block, filename, "exec"), namespace)
    return namespace


@pytest.mark.slow
def test_the_readme_code_runs(quick_docs, tmp_path):
    """Every Python block of the README, in order, in one namespace (PUM2 a 40th)."""
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)
    assert len(blocks) >= 6
    namespace = run_blocks(blocks, "README.md")
    assert (tmp_path / "kernels" / "summary.html").exists()
    assert namespace["search"].best_params_["conv_num"] in (1, 2)  # the Dask search ran


def guide_blocks(page):
    """The ``.. code-block:: python`` blocks of a user guide page, dedented."""
    text = page.read_text()
    found = re.findall(r"\.\. code-block:: python\n\n((?:(?:    .*)?\n)+)", text)
    return [textwrap.dedent(block) for block in found]


GUIDE = sorted((ROOT / "docs" / "guide").glob("*.rst"))
RUNNABLE = [page for page in GUIDE if guide_blocks(page)]


def test_every_guide_page_with_python_marks_it_runnable():
    """Python shown in the guide is a ``code-block:: python`` (run below), never a bare
    literal block, and the pages that set up a model all have their code run."""
    for page in GUIDE:
        assert not re.search(r"::\n\n    (from|import) ", page.read_text()), page.name
    assert {page.stem for page in RUNNABLE} >= {
        "attribution",
        "experiments",
        "genome",
        "input",
        "kernels",
        "matching",
        "network",
        "regression",
        "scale",
        "starting",
        "training",
    }


@pytest.mark.slow
@pytest.mark.parametrize("page", RUNNABLE, ids=lambda page: page.stem)
def test_the_guide_code_runs(page, quick_docs):
    """Each guide page's Python blocks, in order, in one namespace (PUM2 an 8th, so that
    its subsets still hold both classes)."""
    quick_docs(8)
    namespace = run_blocks(guide_blocks(page), f"docs/guide/{page.name}")
    assert {"clf", "reg", "search"} & set(namespace)


def test_the_guide_command_lines_parse():
    """Every ``skmotif`` command of the command-line page is accepted by the parser."""
    from skmotif._cli import build_parser

    text = (ROOT / "docs" / "guide" / "cli.rst").read_text().replace("\\\n", " ")
    commands = re.findall(r"^\s+skmotif (.+?)(?:\s+#.*)?$", text, flags=re.MULTILINE)
    assert len(commands) >= 5
    parser = build_parser()
    for command in commands:
        args = parser.parse_args(shlex.split(command))
        assert args.command == command.split()[0]


def test_every_benchmark_result_is_rendered_and_every_rendering_has_its_file():
    pages = "\n".join(p.read_text() for p in (ROOT / "docs").rglob("*.md"))
    rendered = set(re.findall(r"```\{benchmark-results\} (\S+)", pages))
    written = {p.stem for p in (ROOT / "benchmarks" / "results").glob("*.json")}
    assert rendered == written, (rendered - written, written - rendered)
