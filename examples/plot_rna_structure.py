"""
RNA sequence and secondary structure
====================================

pysster's RNA input: each position is a (nucleotide, structure element)
pair, one-hot encoded jointly. Structures come from ViennaRNA (``pip
install "skmotif[rna]"``): ``fold`` computes the minimum free energy
structure of each sequence and annotates its elements (E external, H
hairpin, I internal loop, M multiloop, S stem).
"""

# %%
import os

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier, kernel_motifs
from skmotif.datasets import load_pum2
from skmotif.structure import fold

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

X, y = load_pum2()
rows = np.random.default_rng(0).permutation(len(X))[: 300 if FAST else 3000]
sequences, y = list(X[rows]), y[rows]
structures = fold(sequences, n_jobs=2)
print(sequences[0][:60])
print(structures[0][:60])

# %%
# X is a list of (sequence, structure) pairs; the alphabet a pair.
pairs = list(zip(sequences, structures, strict=True))
X_train, X_test, y_train, y_test = train_test_split(pairs, y, stratify=y, random_state=0)
clf = ConvMotifClassifier(
    kernel_len=8, alphabet=("ACGU", "EHIMS"), epochs=3 if FAST else 40, random_state=0
).fit(X_train, y_train)
print("test auROC", round(roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]), 3))

# %%
# A kernel's motif is then a pair: sequence logo above structure logo.
results = kernel_motifs(clf, X_test, y_test)
best = max((r for r in results if r.motif is not None), key=lambda r: r.importance)
best.motif.plot(title=f"most important kernel ({best.importance:.2f})")
