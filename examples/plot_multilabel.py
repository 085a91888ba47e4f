"""
Multi-label targets
===================

When a sequence can carry several motifs at once, pass y as a 0/1
indicator matrix: the network gets one sigmoid output per label,
``predict_proba`` gives one probability per label and ``predict`` an
indicator matrix.
"""

# %%
import os

import matplotlib.pyplot as plt
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier, Motif
from skmotif.datasets import make_motif_sequences

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

sites = ("TGACTCAG", "CCAATCAG", "GGGGCGGGG")
motifs = [Motif.from_sequences([s] * 50, "ACGT", name=s) for s in sites]  # 50 copies: exact sites
X, y, _ = make_motif_sequences(
    1000 if FAST else 5000,
    motifs,
    length=150,
    multilabel=True,
    motifs_per_sequence=(0, 2),
    random_state=0,
)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print("y is", y.shape, "; first rows:", y[:3].tolist())

# %%
clf = ConvMotifClassifier(
    conv_num=1,
    kernel_num=12,
    kernel_len=12,
    pool_size="global",
    dense_num=0,
    epochs=6 if FAST else 30,
    random_state=0,
).fit(X_train, y_train)
proba = clf.predict_proba(X_test)
aucs = [roc_auc_score(y_test[:, k], proba[:, k]) for k in range(len(motifs))]
print("predict gives", clf.predict(X_test[:3]).tolist())

# %%
fig, ax = plt.subplots(figsize=(5, 3))
ax.bar([m.name for m in motifs], aucs)
ax.set(ylabel="test auROC", ylim=(0.5, 1.0), title="one output per label")
fig.tight_layout()
