"""
Quick start: PUM2 binding sites
===============================

Train a network on the bundled PUM2 set (RNA sites bound by the Pumilio
protein PUM2 in CLIP-seq, against sites of 24 other RNA-binding proteins),
then score held-out sequences the scikit-learn way.
"""

# %%
# The data: 200-nt RNA sequences, label 1 for PUM2 sites.
import os

from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier
from skmotif.datasets import load_pum2
from skmotif.plotting import plot_performance

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

X, y = load_pum2()
if FAST:
    X, y = X[::10], y[::10]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
print(len(X_train), "training sequences, e.g.", X_train[0][:60], "...")

# %%
# Fit: early stopping on a 10% validation split of the training data.
# ``kernel_len=8`` suits the short motifs of RNA-binding proteins.
clf = ConvMotifClassifier(kernel_len=8, alphabet="ACGU", random_state=0)
clf.fit(X_train, y_train)
print(f"stopped after {len(clf.history_['loss'])} epochs, kept epoch {clf.best_epoch_ + 1}")

# %%
# Probabilities come in the order of ``clf.classes_``, as for any classifier.
proba = clf.predict_proba(X_test)
plot_performance(y_test, proba, clf.classes_)
