"""
Naming kernels with JASPAR and with your own MEME files
=======================================================

A kernel's logo says what it detects; a match against a motif database says
whose motif that is. ``match_motifs`` runs TOMTOM (in Python, no MEME suite
install) against a JASPAR release bundled by pyjaspar or against any MEME
file, and returns one row per (kernel, database motif) pair with its p-, E-
and q-value, offset, overlap and orientation. Here two JASPAR motifs, GATA1 and
CTCF, are planted in random DNA, a one-layer network learns them, and its
kernels are named three ways: against all JASPAR vertebrate motifs, against
a MEME file written for the occasion, and in the kernel report.
"""

# %%
import os
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier, Motif, kernel_motifs, match_motifs
from skmotif.datasets import make_motif_sequences
from skmotif.io import read_meme, write_meme
from skmotif.matching import load_targets
from skmotif.report import visualize_all_kernels

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

planted = {"GATA1": "MA0035.5", "CTCF": "MA0139.2"}
ids, names, matrices, _ = load_targets("JASPAR2024", tax_group="vertebrates")
motifs = [Motif("ACGT", probabilities=matrices[ids.index(i)], name=n) for n, i in planted.items()]
X, y, _ = make_motif_sequences(
    1200 if FAST else 4000, motifs, length=120, reverse_complement=True, random_state=0
)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
clf = ConvMotifClassifier(
    conv_num=1,
    kernel_num=8,
    kernel_len=19,
    pool_size="global",
    dense_num=0,
    dropout_input=0.0,
    dropout_conv=0.0,
    first_activation="exponential",
    epochs=8 if FAST else 30,
    random_state=0,
).fit(X_train, y_train)
results = kernel_motifs(clf, X_test, y_test)

# %%
# Against JASPAR
# --------------
# ``tax_group`` narrows the database (879 vertebrate motifs in JASPAR2024's
# CORE collection); ``max_q`` keeps the significant rows. Each query is
# trimmed of flanks below 0.3 bits first (``trim``), and DNA targets are
# searched on both strands. The first call compiles TOMTOM (about a minute,
# cached on disk); later calls take milliseconds.
table = match_motifs(results, tax_group="vertebrates", max_q=0.05)
print(table[["query", "target_id", "target_name", "q_value", "orientation"]].head(10).to_string())

# %%
# ``n_best`` keeps each kernel's few best rows: the names a report would
# print beside its logo.
best_two = match_motifs(results, tax_group="vertebrates", max_q=0.05, n_best=2)
for kernel, rows in best_two.groupby("query"):
    names = ", ".join(rows["target_name"])
    print(f"kernel {kernel}: {names} (q = {rows['q_value'].min():.1e})")

# %%
# A kernel beside the database motif it matched best, both trimmed of flanks
# below 0.3 bits as TOMTOM saw them, the database motif on the matched strand.
best = table.sort_values("q_value").drop_duplicates("target_name").head(2)
fig, axes = plt.subplots(len(best), 2, figsize=(10, 1.9 * len(best)), squeeze=False)
for row, (_, hit) in zip(axes, best.iterrows(), strict=True):
    results[int(hit["query"])].motif.trim().plot(row[0], title=f"kernel {hit['query']}")
    target = Motif("ACGT", probabilities=matrices[ids.index(hit["target_id"])])
    if hit["orientation"] == "-":
        target = target.reverse_complement()
    title = f"{hit['target_name']} {hit['target_id']} ({hit['orientation']})"
    target.trim().plot(row[1], title=title)
fig.tight_layout()

# %%
# Against your own MEME file
# --------------------------
# Any MEME text file works as the database: motifs from a de-novo run, from
# HOCOMOCO or CIS-BP, or, as here, from a list of ``Motif`` objects written
# with ``write_meme``. Only its motifs compete: with a file this small,
# TOMTOM's p-values depend on which motifs it holds (memelite warns below 25
# targets), so use one to check for motifs you expect, and a whole database
# to name motifs you do not know.
write_meme(motifs, "planted.meme")
print([motif.name for motif in read_meme("planted.meme")])
with warnings.catch_warnings():  # memelite's warning about a small file, explained above
    warnings.filterwarnings("ignore", message="tomtom was given")
    own = match_motifs(results, database="planted.meme", max_q=0.05)
print(own[["query", "target_id", "q_value", "overlap"]].to_string())

# %%
# In the kernel report
# --------------------
# ``matches=`` puts each kernel's best matches in ``summary.html`` beside its
# logo (``skmotif report ... --match JASPAR2024`` on the command line).
visualize_all_kernels(clf, X_test, y_test, "kernels", matches=table)
summary = Path("kernels/summary.html").read_text()
print(summary.count("MA0"), "JASPAR ids in the report")
