"""
Both strands, random shifts and variant effects
===============================================

DNA binding sites read the same on either strand. ``reverse_complement=True``
trains on random strands and ``max_shift`` on random shifts (both inside
the input pipeline, anew each epoch); ``average_strands=True`` averages the
prediction of a sequence and of its reverse complement. ``variant_effects``
scores single-symbol variants, reference against alternative.
"""

# %%
import os

import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import roc_auc_score

from skmotif import ConvMotifClassifier, Motif
from skmotif.datasets import make_motif_sequences
from skmotif.interpret import variant_effects

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

site = Motif.from_sequences(["TGACTCAG"] * 50, "ACGT", name="AP-1 site")
X, y, sites = make_motif_sequences(
    1200 if FAST else 4000, [site], length=100, reverse_complement=True, random_state=0
)
half = len(X) // 2
params = dict(
    conv_num=1,
    kernel_num=8,
    kernel_len=10,
    pool_size="global",
    dense_num=0,
    epochs=8 if FAST else 30,
    random_state=0,
)

# %%
# With few training sequences, reading both strands is like having twice
# as many.
small = slice(0, 300 if FAST else 600)
for name, extra in [("plain", {}), ("both strands", {"reverse_complement": True})]:
    clf = ConvMotifClassifier(**params, **extra).fit(X[small], y[small])
    auc = roc_auc_score(y[half:], clf.predict_proba(X[half:])[:, 1])
    averaged = clf.set_params(average_strands=True).predict_proba(X[half:])[:, 1]
    print(
        f"{name:13} test auROC {auc:.3f}, strands averaged {roc_auc_score(y[half:], averaged):.3f}"
    )

# %%
# Variant effects: every substitution along one planted site's sequence.
clf = ConvMotifClassifier(**params, reverse_complement=True).fit(X[:half], y[:half])
i = int(np.flatnonzero(y[half:] == 1)[0]) + half
start = sites[i][0][1]
positions = range(max(0, start - 5), min(len(X[i]), start + 13))
variants = [(i, p, X[i][p], alt) for p in positions for alt in "ACGT" if alt != X[i][p]]
table = variant_effects(clf, X, variants)
print(table.nsmallest(5, "logit_diff").to_string(index=False))
fig, ax = plt.subplots(figsize=(8, 3))
for alt in "ACGT":
    rows = table[table["alt"] == alt]
    ax.scatter(rows["position"], rows["logit_diff"], label=f"to {alt}", s=18)
ax.axvspan(start - 0.5, start + len(site) - 0.5, color="grey", alpha=0.15, label="planted site")
ax.set(xlabel="position", ylabel="logit change (alt - ref)")
ax.legend(ncol=5, fontsize=8)
fig.tight_layout()
