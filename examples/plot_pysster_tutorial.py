"""
A pysster tutorial, in skmotif
==============================

pysster's workflow on its artificial DNA set (two classes of 20,000
sequences; the positives carry motifs), translated line by line. Each
pysster line is in a comment above its skmotif equivalent; see
"Coming from pysster" for every other call.
"""

# %%
import os

import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier
from skmotif.datasets import load_artificial
from skmotif.interpret import kernel_activations
from skmotif.io import write_meme
from skmotif.plotting import plot_clustering, plot_performance
from skmotif.report import performance_report, visualize_all_kernels, visualize_optimized_inputs

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

# data = Data([d + "artifical_pos.fasta.gz", d + "artifical_neg.fasta.gz"], "ACGT")
X, y = load_artificial()
if FAST:
    X, y = X[::10], y[::10]
# data.train_val_test_split(0.7, 0.15, seed=42)  (the validation part is inside fit)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.15, stratify=y, random_state=42
)

# %%
# m = Model({"epochs": 30}, data, seed=1); m.train(data)
clf = ConvMotifClassifier(epochs=3 if FAST else 30, random_state=1).fit(X_train, y_train)
# pred = m.predict(data, "test"); labels = data.get_labels("test")
pred = clf.predict_proba(X_test)
# print(utils.get_performance_report(labels, pred))
print(performance_report(y_test, pred, clf.classes_).round(3))
# utils.plot_roc(labels, pred, "roc.png")
plot_performance(y_test, pred, clf.classes_)

# %%
# acts = m.get_max_activations(data, "test")
acts = kernel_activations(clf, X_test)
# logos = m.visualize_all_kernels(acts, data, "pysster-out/")
results = visualize_all_kernels(clf, X_test, y_test, "skmotif-out/", activations=acts)
# utils.save_as_meme(logos, "pysster-out/motifs.meme")
write_meme([r.motif for r in results if r.motif is not None], "skmotif-out/motifs.meme")

# %%
# m.visualize_optimized_inputs(data, m.model.layers[2].name, "opt_conv1.png", nodes=[0, 1, 2])
visualize_optimized_inputs(
    clf, "conv_1", "skmotif-out/opt_conv1.png", nodes=[0, 1, 2], steps=100 if FAST else 600
)
# m.plot_clustering(acts, "clustering.png")
plot_clustering(acts.max, y_test, "skmotif-out/clustering.png")
fig, ax = plt.subplots(figsize=(7, 6))
ax.imshow(plt.imread("skmotif-out/clustering.png"))
ax.axis("off")
