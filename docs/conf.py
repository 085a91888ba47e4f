"""Sphinx configuration: API reference from the numpydoc docstrings, a sphinx-gallery of
the examples/ scripts, the PyData theme. Build: sphinx-build -W docs docs/_build/html"""

import os
import sys
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # gallery_order
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))  # benchmark_results

import skmotif

# sphinx-gallery's backreferences look each object up under shorter module paths
# (skmotif.interpret._kernels.KernelMotif -> skmotif.interpret.KernelMotif), which reaches
# the names 0.6.0 took off the public API. The examples themselves never use them: pytest
# runs every example with this warning as an error (pyproject.toml).
warnings.filterwarnings(
    "ignore", message=".*is no longer part of skmotif's public API", category=FutureWarning
)

project = "skmotif"
author = "the skmotif developers"
copyright = "2026, the skmotif developers"
release = version = skmotif.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "myst_parser",
    "benchmark_results",
]
# Markdown pages (benchmarks, the changelog), with anchors for their ## and ### headings.
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
myst_heading_anchors = 3
autosummary_generate = True
autodoc_default_options = {"members": True, "inherited-members": False}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks = set()
templates_path = ["_templates"]
exclude_patterns = ["_build", "auto_examples/*.ipynb", "auto_examples/*.py"]

html_theme = "pydata_sphinx_theme"
html_title = f"skmotif {version}"
html_static_path = ["_static"]
html_css_files = ["skmotif.css"]
# "fit", not "KernelActivationTransformer.fit", in a page's table of contents.
toc_object_entries_show_parents = "hide"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc"],
}

sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": "/plot_",
    "within_subsection_order": "gallery_order.GalleryOrder",
    "download_all_examples": False,
    "remove_config_comments": True,
    "reset_modules_order": "both",
}
