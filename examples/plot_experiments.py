"""
Asking a model questions: insertion, spacing, ablation, mutagenesis and design
==============================================================================

``make_motif_grammar`` plants graded activators, a repressor, a null motif and a
SOX2-OCT4 pair that cooperates only at spacings of 10, 21 and 31 bases; its
``grammar_signal`` scores any sequence by that truth. After fitting a
:class:`~skmotif.ConvMotifRegressor`, each experiment of
:mod:`skmotif.experiments` asks it one question, on the scale of its
predictions.
"""

# %%
import os

import matplotlib.pyplot as plt

from skmotif import ConvMotifRegressor
from skmotif.datasets import GRAMMAR_MOTIFS, grammar_signal, make_motif_grammar
from skmotif.experiments import ablate_motif, design_sequences, insert_motif, motif_spacing
from skmotif.interpret import ism
from skmotif.plotting import plot_insertion, plot_mutagenesis, plot_spacing

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

X, y, truth = make_motif_grammar(2000 if FAST else 20000, random_state=0)
reg = ConvMotifRegressor(epochs=5 if FAST else 100, random_state=0).fit(X, y)

# %%
# Insertion: each motif at the centre of 100 shuffled backgrounds, with its
# 95% interval. The planted effects are +2, +1, +0.5, -1.5 and 0.
for role in ("activator_strong", "activator_medium", "activator_weak", "repressor", "null"):
    consensus, name, planted = GRAMMAR_MOTIFS[role]
    row = insert_motif(reg, consensus, X, random_state=0).iloc[0]
    interval = f"[{row.low:+.2f}, {row.high:+.2f}]"
    print(f"{name:16} planted {planted:+.1f}, model {row.effect:+.2f} {interval}")

# %%
# The strong activator at every position: a model that reads the motif anywhere
# gives a flat curve.
plot_insertion(insert_motif(reg, "TGACTCA", X, positions="all", n_backgrounds=30, random_state=0))
plt.tight_layout()

# %%
# Spacing: the SOX2-OCT4 interaction (the pair's effect minus the single ones)
# at spacings 0-40, in the four orientations.
spacing = motif_spacing(reg, "ACAAAGG", "ATGCAAAT", X, spacings=range(41), n_backgrounds=50,
                        random_state=0)  # fmt: skip
plot_spacing(spacing)
plt.tight_layout()

# %%
# Ablation: destroy every AP-1 site in real sequences; the loss per site.
sites, per_sequence = ablate_motif(reg, X[:500], "TGACTCA", random_state=0)
print(f"{len(sites)} sites, mean effect {sites.effect.mean():+.2f} per site")

# %%
# Saturation mutagenesis of one sequence with an AP-1 site, around the site.
sequence = X[sites.sequence.iloc[0]]
start = int(sites.start.iloc[0])
effects = ism(reg, [sequence])[0]
plot_mutagenesis(effects, sequence, "ACGT", start=max(start - 15, 0), end=start + 22)

# %%
# Design: 4 sequences from random starts, 20 edits at most, GC between 0.35 and
# 0.65, no EcoRI site, scored by the model and by the planted truth.
designs = design_sequences(reg, n_designs=4, gc=(0.35, 0.65), forbidden=["GAATTC"], max_edits=20,
                           motifs=["TGACTCA", "TCAGCACC"], random_state=0)  # fmt: skip
designs["truth"] = grammar_signal(designs.sequence.to_numpy())
print(designs.drop(columns=["start", "sequence"]).round(2).to_string())
