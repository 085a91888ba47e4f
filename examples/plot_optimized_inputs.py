"""
Optimized inputs and clustering by kernel activations
=====================================================

Two more of pysster's views: the input that maximally activates each
output (gradient ascent on a soft one-hot sequence), and a clustering of
sequences and kernels by the kernels' maximum activations, through
``KernelActivationTransformer``, a scikit-learn transformer.
"""

# %%
import os

import matplotlib.pyplot as plt

from skmotif import ConvMotifClassifier, KernelActivationTransformer
from skmotif.datasets import load_artificial
from skmotif.plotting import plot_clustering
from skmotif.report import visualize_optimized_inputs

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

X, y = load_artificial()
X, y = X[:: 10 if FAST else 2], y[:: 10 if FAST else 2]
clf = ConvMotifClassifier(conv_num=1, kernel_num=10, epochs=4 if FAST else 30, random_state=0).fit(
    X, y
)

# %%
# The optimized input of each class's output unit, drawn as logos.
visualize_optimized_inputs(clf, "output", "optimized.png", steps=100 if FAST else 600)
fig, ax = plt.subplots(figsize=(8, 4))
ax.imshow(plt.imread("optimized.png"))
ax.axis("off")

# %%
# ``prefit=True`` wraps the fitted classifier (like SelectFromModel); the
# features are each kernel's maximum activation per sequence.
activations = KernelActivationTransformer(clf, prefit=True).transform(X[:500])
print("features:", activations.shape)
plot_clustering(activations, y[:500], "clusters.png")
fig, ax = plt.subplots(figsize=(7, 6))
ax.imshow(plt.imread("clusters.png"))
ax.axis("off")
