"""Reading a fitted network, one verb a module.

* first-layer activations, computed once in bounded memory
  (:func:`kernel_activations`; module ``_activations``);
* first-layer kernels as motifs, with their importance and sites
  (:func:`kernel_motifs`; ``_kernels``);
* what each input position contributes to a class (:func:`saliency`,
  :func:`ism`, :func:`deep_lift_shap`; ``_attribution``, with DeepLIFT's
  rules in ``_deeplift``);
* inputs that maximise a unit (:func:`optimize_inputs`; ``_optimize``; their motifs
  and logos: :func:`skmotif.report.visualize_optimized_inputs`);
* TF-MoDISco patterns of the contributions (:func:`modisco_motifs`;
  ``_patterns``);
* what single-symbol variants do to a class (:func:`variant_effects`;
  ``_variants``).
"""

from .._deprecated import removed_names
from ._activations import kernel_activations
from ._attribution import deep_lift_shap, ism, saliency
from ._kernels import kernel_motifs
from ._optimize import optimize_inputs
from ._patterns import modisco_motifs
from ._variants import variant_effects

__all__ = [
    "deep_lift_shap",
    "ism",
    "kernel_activations",
    "kernel_motifs",
    "modisco_motifs",
    "optimize_inputs",
    "saliency",
    "variant_effects",
]

__getattr__ = removed_names(
    __name__,
    {
        "KernelMotif": (
            "skmotif.interpret._kernels",
            "KernelMotif",
            "kernel_motifs still returns (motif, importance) pairs with .motif and .importance",
        ),
        "optimized_motifs": (
            "skmotif.interpret._optimize",
            "optimized_motifs",
            "skmotif.report.visualize_optimized_inputs returns the motifs of optimized inputs",
        ),
    },
)
