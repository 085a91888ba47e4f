"""
Numeric tracks as extra channels
================================

Position-wise numbers (conservation, accessibility, a signal track) join
the one-hot sequence as extra channels with ``with_tracks``; the
estimator takes the numeric array as it is, and kernel reports plot the
extra channels beside the logos. pysster calls this additional
position-wise data (read with ``skmotif.io.read_positionwise``).
"""

# %%
import os

import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from skmotif import Alphabet, ConvMotifClassifier, Motif
from skmotif.datasets import make_motif_sequences
from skmotif.encoding import with_tracks

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

# A motif that matters only where the track is high ("accessible").
motif = Motif.from_sequences(["TGACTCAG"] * 50, "ACGT")  # 50 copies: exact sites
X, _, sites = make_motif_sequences(
    1000 if FAST else 4000, [motif], length=100, positions=40, random_state=0
)
rng = np.random.default_rng(0)
accessible = rng.random(len(X)) < 0.5
track = [
    np.where(np.arange(100) // 20 == 2, 1.0 if a else 0.0, 0.0) + rng.normal(0, 0.2, 100)
    for a in accessible
]
carries = np.array([len(s) > 0 for s in sites])
y = (carries & accessible).astype(int)

# %%
numeric = with_tracks(list(X), [track], Alphabet("ACGT"))
print("network input:", numeric.shape, "(4 one-hot channels + 1 track)")
X_train, X_test, y_train, y_test = train_test_split(numeric, y, stratify=y, random_state=0)
scores = {}
for name, columns in [("sequence only", slice(0, 4)), ("sequence + track", slice(0, 5))]:
    clf = ConvMotifClassifier(
        alphabet="ACGT",
        conv_num=1,
        kernel_num=8,
        kernel_len=8,
        pool_size="global",
        dense_num=0,
        epochs=6 if FAST else 30,
        random_state=0,
    ).fit(X_train[..., columns], y_train)
    scores[name] = roc_auc_score(y_test, clf.predict_proba(X_test[..., columns])[:, 1])
    print(f"{name:17} test auROC {scores[name]:.3f}")

# %%
fig, ax = plt.subplots(figsize=(5, 3))
ax.bar(list(scores), list(scores.values()))
ax.set(ylabel="test auROC", ylim=(0.5, 1.0), title="the motif counts only where accessible")
fig.tight_layout()
