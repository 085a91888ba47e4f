"""Reading a fitted network, one verb a module.

* first-layer activations, computed once in bounded memory
  (:func:`kernel_activations`; module ``_activations``);
* first-layer kernels as motifs, with their importance and sites
  (:func:`kernel_motifs`; ``_kernels``);
* what each input position contributes to a class (:func:`saliency`,
  :func:`ism`, :func:`deep_lift_shap`; ``_attribution``, with DeepLIFT's
  rules in ``_deeplift``);
* inputs that maximise a unit (:func:`optimize_inputs`,
  :func:`optimized_motifs`; ``_optimize``);
* TF-MoDISco patterns of the contributions (:func:`modisco_motifs`;
  ``_patterns``);
* what single-symbol variants do to a class (:func:`variant_effects`;
  ``_variants``).
"""

from ._activations import kernel_activations
from ._attribution import deep_lift_shap, ism, saliency
from ._kernels import KernelMotif, kernel_motifs
from ._optimize import optimize_inputs, optimized_motifs
from ._patterns import modisco_motifs
from ._variants import variant_effects

__all__ = [
    "KernelMotif",
    "deep_lift_shap",
    "ism",
    "kernel_activations",
    "kernel_motifs",
    "modisco_motifs",
    "optimize_inputs",
    "optimized_motifs",
    "saliency",
    "variant_effects",
]
