"""
Motif discovery on planted DNA motifs, with a recovery check
============================================================

Three JASPAR motifs are planted in random DNA on either strand; the
network should learn them, and its first-layer kernels, matched against
all JASPAR vertebrate motifs, should name them. For motifs that may sit
anywhere, one convolution layer with global max pooling reads best (see
the README's recovery benchmark); an exponential first layer makes the
kernels more motif-like.
"""

# %%
import os

import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier, Motif, kernel_motifs, match_motifs
from skmotif.datasets import make_motif_sequences
from skmotif.matching import load_targets

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

planted = {"CEBPB": "MA0466.4", "SRF": "MA0083.3", "SP1": "MA0079.5"}
ids, _, matrices, _ = load_targets("JASPAR2024", tax_group="vertebrates")
motifs = [Motif("ACGT", probabilities=matrices[ids.index(i)], name=n) for n, i in planted.items()]
X, y, sites = make_motif_sequences(
    1500 if FAST else 6000, motifs, length=150, reverse_complement=True, random_state=0
)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
print("classes: 0 = background,", {k + 1: m.name for k, m in enumerate(motifs)})

# %%
clf = ConvMotifClassifier(
    conv_num=1,
    kernel_num=16,
    kernel_len=19,
    pool_size="global",
    dense_num=0,
    dropout_input=0.0,
    dropout_conv=0.0,
    first_activation="exponential",
    epochs=8 if FAST else 40,
    random_state=0,
).fit(X_train, y_train)

# %%
# Each kernel's motif is built from the windows where it fires most; the
# recovery check matches them against all 879 JASPAR2024 vertebrate motifs.
results = kernel_motifs(clf, X_test, y_test)
table = match_motifs(results, tax_group="vertebrates", max_q=0.05)
found = set(table["target_id"]) & set(planted.values())
print(f"recovered {len(found)} of {len(planted)} planted motifs:", sorted(found))

# %%
best = table.sort_values("q_value").drop_duplicates("target_id")
best = best[best["target_id"].isin(planted.values())]
fig, axes = plt.subplots(len(best), 1, figsize=(6, 1.9 * len(best)), squeeze=False)
for ax, (kernel, name, q) in zip(
    axes[:, 0], best[["query", "target_name", "q_value"]].values, strict=True
):
    results[kernel].motif.plot(ax, title=f"kernel {kernel}: {name} (q={q:.0e})")
fig.tight_layout()
