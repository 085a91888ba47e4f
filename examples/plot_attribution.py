"""
Saliency, in-silico mutagenesis and DeepLIFT/SHAP
=================================================

Three ways to ask what a network reads in one sequence, drawn as
attribution logos, and TF-MoDISco patterns that cluster DeepLIFT/SHAP
contributions of many sequences into motifs (``pip install
"skmotif[modisco]"``).
"""

# %%
import os

import matplotlib.pyplot as plt
import numpy as np

from skmotif import ConvMotifClassifier
from skmotif.datasets import load_pum2
from skmotif.interpret import deep_lift_shap, ism, modisco_motifs, saliency
from skmotif.plotting import plot_attribution

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

X, y = load_pum2()
rows = np.random.default_rng(0).permutation(len(X))[: 1000 if FAST else 8000]
X, y = X[rows], y[rows]
clf = ConvMotifClassifier(
    kernel_len=8, alphabet="ACGU", epochs=3 if FAST else 60, random_state=0
).fit(X, y)

# %%
# One PUM2 site: the three methods, in a 40-nt window around the strongest
# DeepLIFT/SHAP position. ISM is shown as the mean loss of logit when a
# symbol is replaced, at the symbol that is there.
site = X[y == 1][0]
contributions = deep_lift_shap(clf, [site], target=1, random_state=0)[0]
gradient = saliency(clf, [site], target=1)[0]
effect = ism(clf, [site], target=1)[0]
onehot = clf.encode([site]).one_hot()[0]
centre = int(contributions.sum(axis=1).argmax())
window = slice(max(0, centre - 20), max(0, centre - 20) + 40)
fig, axes = plt.subplots(3, 1, figsize=(9, 6), sharex=True)
for ax, (name, values) in zip(
    axes,
    [
        ("saliency (gradient x input)", gradient),
        ("ISM (mean logit loss)", -effect.mean(axis=1, keepdims=True) * onehot),
        ("DeepLIFT/SHAP", contributions),
    ],
    strict=True,
):
    plot_attribution(values[window], "ACGU", ax=ax, title=name)
fig.tight_layout()

# %%
# TF-MoDISco on the PUM2 sites: the top pattern should read UGUAnAUA, the
# Pumilio element.
patterns = modisco_motifs(clf, X[y == 1][: 150 if FAST else 600], target=1, random_state=0)
for pattern in patterns[:4]:
    print(pattern.motif.name, pattern.n_seqlets, "seqlets", pattern.motif.consensus)
if patterns:
    patterns[0].motif.plot(title=f"{patterns[0].motif.name}, {patterns[0].n_seqlets} seqlets")
