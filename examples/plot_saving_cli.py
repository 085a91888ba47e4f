"""
Saving, loading and the command line
====================================

A fitted model is a folder (``model.keras`` and ``estimator.json``):
loading runs no code, unlike a pickle. The same folders come out of and
go into the ``skmotif`` command.
"""

# %%
import os
import subprocess
import sys

import numpy as np

from skmotif import ConvMotifClassifier, load, save
from skmotif.datasets import load_artificial

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

X, y = load_artificial()
X, y = X[:: 20 if FAST else 4], y[:: 20 if FAST else 4]
clf = ConvMotifClassifier(conv_num=1, epochs=3 if FAST else 20, random_state=0).fit(X, y)
save(clf, "artificial-model")
again = load("artificial-model")
assert np.array_equal(clf.predict_proba(X[:100]), again.predict_proba(X[:100]))
print(sorted(os.listdir("artificial-model")))

# %%
# The command line reads FASTA files: one per class to train or report,
# any to predict (streamed in chunks, so any size).
with open("new.fa", "w") as fasta:
    fasta.writelines(f">seq{i}\n{s}\n" for i, s in enumerate(X[:5]))
command = [sys.executable, "-m", "skmotif._cli", "predict", "artificial-model", "new.fa"]
print(subprocess.run(command, capture_output=True, text=True, check=True).stdout)

# %%
# ``skmotif --help`` lists the commands: ``demo``, ``train``, ``predict``
# (with ``--variants`` for variant effects) and ``report`` (with ``--match``
# to name the kernels and ``--attribution`` for TF-MoDISco patterns).
import matplotlib.pyplot as plt  # noqa: E402

fig, ax = plt.subplots(figsize=(5, 2.5))
ax.hist(again.predict_proba(X)[:, 1], bins=30)
ax.set(xlabel="P(class 1) from the loaded model", ylabel="sequences")
fig.tight_layout()
