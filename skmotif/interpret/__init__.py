"""Reading a fitted network, one verb a module.

* :mod:`~skmotif.interpret.kernels`: first-layer kernels as motifs, with their
  importance and sites (:func:`kernel_motifs`).
* :mod:`~skmotif.interpret.attribution`: what each input position contributes
  to a class (:func:`saliency`, :func:`ism`, :func:`deep_lift_shap`).
* :mod:`~skmotif.interpret.optimize`: inputs that maximise a unit
  (:func:`optimize_inputs`, :func:`optimized_motifs`).
* :mod:`~skmotif.interpret.patterns`: TF-MoDISco patterns of the
  contributions (:func:`modisco_motifs`).
* :mod:`~skmotif.interpret.variants`: what single-symbol variants do to a
  class (:func:`variant_effects`).
"""

from .attribution import deep_lift_shap, ism, saliency
from .kernels import MAX_SITES, KernelMotif, KernelSummary, kernel_motifs
from .optimize import optimize_inputs, optimized_motifs
from .patterns import ModiscoPattern, modisco_motifs
from .variants import variant_effects

__all__ = [
    "MAX_SITES",
    "KernelMotif",
    "KernelSummary",
    "ModiscoPattern",
    "deep_lift_shap",
    "ism",
    "kernel_motifs",
    "modisco_motifs",
    "optimize_inputs",
    "optimized_motifs",
    "saliency",
    "variant_effects",
]
