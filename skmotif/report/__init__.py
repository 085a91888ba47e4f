"""Reports: statistics -> figures -> matches -> files, put together for one model.

* the performance report: per-class (or per-output) metrics, written with its ROC and
  precision-recall (or measured-against-predicted) figure when given a folder
  (:func:`performance_report`);
* the kernel report: every first-layer kernel's logo, position and activation
  figures and ``summary.html`` (:func:`visualize_all_kernels`, one kernel:
  :func:`visualize_kernel`);
* the attribution report: each class's TF-MoDISco patterns with their logos,
  matches and ``patterns.html`` (:func:`visualize_patterns`);
* logos of optimized inputs (:func:`visualize_optimized_inputs`);
* the experiments report: motif insertion, spacing, ablation, mutagenesis maps
  and designs with their figures and ``experiments.html``
  (:func:`experiments_report`).

The statistics come from :mod:`skmotif.interpret`, the figures from
:mod:`skmotif.plotting` and the kernel drawing module; each report is one
module here, and every page is written by one template (``_page``).
"""

from .._deprecated import removed_names
from ._experiments import experiments_report
from ._kernels import visualize_all_kernels, visualize_kernel
from ._optimized import visualize_optimized_inputs
from ._patterns import visualize_patterns
from ._performance import performance_report

__all__ = [
    "experiments_report",
    "performance_report",
    "visualize_all_kernels",
    "visualize_kernel",
    "visualize_optimized_inputs",
    "visualize_patterns",
]

__getattr__ = removed_names(
    __name__,
    {
        "write_performance": (
            "skmotif.report._performance",
            "_write_performance",
            "performance_report(y_true, y_proba, classes, task, folder=...) writes the same files",
        )
    },
)
