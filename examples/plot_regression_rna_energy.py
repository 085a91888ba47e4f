"""
Regression on real RNA: the folding energy of CLIP sites
========================================================

The bundled PUM2 set holds 10,368 real RNA sequences of 200 nt (CLIP-seq
binding sites of PUM2 and of 24 other RNA-binding proteins), shipped with the
free energy of each one's minimum free energy structure (ViennaRNA 2.8.0).
:class:`~skmotif.ConvMotifRegressor` learns that energy from the sequence
alone, against a k-mer baseline, and its kernels say what lowers it (G/C
pairs, negative correlation) and what raises it (A/U-rich stretches).
PUM2's own sites fold more loosely than the others (their mean energy is
higher), which a model of PUM2 binding may read too.
"""

# %%
import os

import matplotlib.pyplot as plt
import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import RidgeCV
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

from skmotif import ConvMotifRegressor, kernel_motifs
from skmotif.datasets import load_pum2
from skmotif.interpret import kernel_activations
from skmotif.metrics import pearson_r, spearman_rho

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

X, energy = load_pum2(target="energy")
_, is_pum2 = load_pum2()
known = np.array([set(s) != {"N"} for s in X])  # 32 records are all N
X, energy, is_pum2 = X[known], energy[known], is_pum2[known]
if FAST:
    X, energy, is_pum2 = X[::5], energy[::5], is_pum2[::5]
print(
    f"mean energy: PUM2 sites {energy[is_pum2 == 1].mean():.1f}, others "
    f"{energy[is_pum2 == 0].mean():.1f} kcal/mol"
)
X_train, X_test, y_train, y_test = train_test_split(X, energy, test_size=0.2, random_state=0)

# %%
# The network (kernels of 8, as for PUM2's own motif) against counts of all
# k-mers up to 6 with a ridge regression.
reg = ConvMotifRegressor(
    kernel_len=8, alphabet="ACGU", epochs=8 if FAST else 500, random_state=0
).fit(X_train, y_train)
kmers = make_pipeline(
    CountVectorizer(analyzer="char", ngram_range=(1, 6), lowercase=False),
    RidgeCV(alphas=np.logspace(-1, 4, 11)),
).fit(X_train, y_train)
fig, axes = plt.subplots(1, 2, figsize=(8, 3.6), sharey=True)
models = [("ConvMotifRegressor", reg), ("6-mer counts + RidgeCV", kmers)]
for ax, (name, model) in zip(axes, models, strict=True):
    predicted = model.predict(X_test)
    r, rho = pearson_r(y_test, predicted), spearman_rho(y_test, predicted)
    print(f"{name:24} Pearson {r:.3f}, Spearman {rho:.3f}")
    ax.scatter(y_test, predicted, s=3, alpha=0.3)
    ax.set(title=f"{name}: r = {r:.2f}", xlabel="folding energy (kcal/mol)")
axes[0].set_ylabel("predicted")
fig.tight_layout()

# %%
# The kernels that matter most, with the sign of their correlation with the
# energy: negative ones lower it (stable stems), positive ones raise it.
activations = kernel_activations(reg, X_test)
results = kernel_motifs(reg, X_test, y_test, activations=activations)
for k in np.argsort([-r.importance for r in results])[:6]:
    motif, importance = results[k]
    r = np.corrcoef(activations.max[:, k], y_test)[0, 1]
    gc = np.mean([s in "GC" for s in motif.consensus]) if motif else float("nan")
    print(
        f"kernel {k:2}: loss +{importance:.3f} when silenced, r = {r:+.2f}, "
        f"{motif.consensus if motif else '-'} ({gc:.0%} G/C)"
    )
