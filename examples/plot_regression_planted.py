"""
Regression on planted activity: which motifs raise it, which lower it
=====================================================================

``make_motif_regression`` plants motifs whose effect on a quantitative target
is known: an AP-1 site (``TGACTCA``) adds 1 per copy, an E-box (``CACGTG``)
subtracts 1, SOX2 and OCT4 sites add 1.5 only as a composite element, and a
TATA box adds 1 only near the 3' end; Gaussian noise of standard deviation
0.5 caps the R² any model can reach. :class:`~skmotif.ConvMotifRegressor`
learns it; its kernels, read against the target, say which motif activates
and which represses.
"""

# %%
import os

import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifRegressor, kernel_motifs
from skmotif.datasets import make_motif_regression
from skmotif.interpret import kernel_activations, variant_effects
from skmotif.report import performance_report

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

X, y, truth = make_motif_regression(2000 if FAST else 12000, length=120, random_state=0)
X_train, X_test, y_train, y_test, _, signal_test = train_test_split(
    X, y, truth["signal"].to_numpy(), test_size=0.2, random_state=0
)
reg = ConvMotifRegressor(epochs=10 if FAST else 500, random_state=0)
reg.fit(X_train, y_train)
ceiling = r2_score(y_test, signal_test)  # the noise-free target as a prediction
print(f"test R² {reg.score(X_test, y_test):.3f}; the best any model can do: {ceiling:.3f}")

# %%
# Predicted against measured, with R², Pearson and Spearman per output.
table = performance_report(y_test, reg.predict(X_test), None, "regression", "regression_report")
print(table.round(3).to_string())

# %%
# Each first-layer kernel: how much the fit loses when it is silenced, and the
# sign of its correlation with the target (+ activates, - represses).
activations = kernel_activations(reg, X_test)
results = kernel_motifs(reg, X_test, y_test, activations=activations)
order = np.argsort([-r.importance for r in results])[:6]
for k in order:
    motif, importance = results[k]
    r = np.corrcoef(activations.max[:, k], y_test)[0, 1]
    consensus = motif.consensus if motif else "-"
    print(f"kernel {k:2}: loss +{importance:.3f} when silenced, r = {r:+.2f}, {consensus}")

# %%
# The two strongest kernels' activation against the target.
fig, axes = plt.subplots(1, 2, figsize=(8, 3.2), sharey=True)
for ax, k in zip(axes, order[:2], strict=True):
    ax.scatter(activations.max[:, k], y_test, s=4, alpha=0.3)
    ax.set(xlabel=f"kernel {k} max activation", title=results[k].motif.consensus)
axes[0].set_ylabel("activity")
fig.tight_layout()

# %%
# A variant that breaks the first AP-1 site of a test sequence (TGACTCA to
# TCACTCA) lowers the predicted activity, in the target's units; one that turns
# it into its own reverse complement (TGAGTCA, an AP-1 site on the other
# strand) changes little.
i = next(i for i, s in enumerate(X_test) if "TGACTCA" in s)
p = X_test[i].index("TGACTCA")
variants = [(i, p + 1, "G", "C"), (i, p + 3, "C", "G")]
print(variant_effects(reg, X_test, variants).to_string(index=False))
