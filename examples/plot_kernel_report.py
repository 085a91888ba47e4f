"""
Kernel motifs and the HTML report
=================================

pysster's reading of a network: every first-layer kernel becomes a motif
(from the windows of the sequences where it fires most), with its
importance, where in the sequences it fires, and how strongly per class.
``visualize_all_kernels`` writes all of it, with ``summary.html``.
"""

# %%
import os

import matplotlib.pyplot as plt

from skmotif import ConvMotifClassifier, kernel_motifs
from skmotif.datasets import load_artificial
from skmotif.report import visualize_all_kernels

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

X, y = load_artificial()
X, y = X[:: 10 if FAST else 2], y[:: 10 if FAST else 2]
clf = ConvMotifClassifier(conv_num=1, kernel_num=10, epochs=4 if FAST else 30, random_state=0).fit(
    X, y
)

# %%
# ``kernel_motifs`` gives one ``(motif, importance)`` pair per kernel;
# importance is the largest minus the smallest per-class mean of the
# kernel's maximum activation.
results = kernel_motifs(clf, X, y)
for k in sorted(range(len(results)), key=lambda k: -results[k].importance)[:5]:
    motif, importance = results[k]
    print(f"kernel {k}: importance {importance:.2f}", motif.consensus if motif else "never fires")

# %%
# The report: per kernel a logo, the per-class distribution of its maximum
# activation, and where in the sequences the maximum sits; ``summary.html``
# lists the kernels, most important first.
visualize_all_kernels(clf, X, y, "kernels")
drawn = [k for k in range(len(results)) if results[k].motif is not None]  # have a logo
best = max(drawn, key=lambda k: results[k].importance)
fig = plt.figure(figsize=(11, 6.5))
grid = fig.add_gridspec(2, 2, height_ratios=[1, 1.6])  # the wide logo on its own row
axes = [fig.add_subplot(grid[0, :]), fig.add_subplot(grid[1, 0]), fig.add_subplot(grid[1, 1])]
for ax, name in zip(axes, ["motif", "activations", "position"], strict=True):
    ax.imshow(plt.imread(f"kernels/{name}_kernel_{best}.png"))
    ax.set_title(f"{name}_kernel_{best}.png", fontsize=9)
    ax.axis("off")
fig.tight_layout()
