"""
Protein sequences
=================

Any alphabet works; ``skmotif.PROTEIN`` is the 20 amino acids, with ``X``
as the unknown residue. Here a short motif is planted in random protein
sequences and read back from the kernels.
"""

# %%
import os

from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from skmotif import PROTEIN, ConvMotifClassifier, Motif, kernel_motifs
from skmotif.datasets import make_motif_sequences

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

# SV40's nuclear localisation signal; 50 copies make the planted sites exact.
nls = Motif.from_sequences(["PKKKRKV"] * 50, PROTEIN, name="SV40 NLS")
X, y, _ = make_motif_sequences(
    800 if FAST else 3000, [nls], length=120, alphabet=PROTEIN, random_state=0
)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)

# %%
clf = ConvMotifClassifier(
    alphabet=PROTEIN,
    conv_num=1,
    kernel_num=8,
    kernel_len=9,
    pool_size="global",
    dense_num=0,
    epochs=8 if FAST else 30,
    random_state=0,
).fit(X_train, y_train)
print("test auROC", round(roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]), 3))

# %%
results = kernel_motifs(clf, X_test, y_test)
best = max((r for r in results if r.motif is not None), key=lambda r: r.importance)
print("most important kernel reads", best.motif.consensus)
best.motif.plot(title="most important kernel")
