"""
Tuning with GridSearchCV
========================

``ConvMotifClassifier`` is a scikit-learn estimator: its parameters can be
searched like any other's. Here the number of convolution layers, of
kernels and the dropout after pooling, on a quarter of the PUM2 set.
"""

# %%
import os

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.model_selection import GridSearchCV, StratifiedKFold

from skmotif import ConvMotifClassifier
from skmotif.datasets import load_pum2

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

X, y = load_pum2()
X, y = X[:: 20 if FAST else 4], y[:: 20 if FAST else 4]

# %%
# Each candidate is fit on two folds; ``epochs`` caps each fit. Shuffled
# folds, as the bundled sets list their sequences class by class.
space = {"conv_num": [1, 2], "kernel_num": [10, 30], "dropout_conv": [0.0, 0.3]}
if FAST:
    space = {"conv_num": [1, 2], "kernel_num": [10], "dropout_conv": [0.3]}
grid = GridSearchCV(
    ConvMotifClassifier(alphabet="ACGU", kernel_len=8, epochs=2 if FAST else 15, random_state=0),
    space,
    scoring="roc_auc",
    cv=StratifiedKFold(2, shuffle=True, random_state=0),
)
grid.fit(X, y)
print("best:", grid.best_params_, f"auROC {grid.best_score_:.3f}")

# %%
results = pd.DataFrame(grid.cv_results_).sort_values("mean_test_score")
labels = [
    f"{r.param_conv_num} conv, {r.param_kernel_num} kernels, dropout {r.param_dropout_conv}"
    for r in results.itertuples()
]
fig, ax = plt.subplots(figsize=(7, 3.5))
bars = ax.barh(
    labels, results["mean_test_score"], xerr=results["std_test_score"], color="tab:blue"
)
ax.set(xlabel="mean auROC over 2 folds", xlim=(0.5, 1.0))
ax.bar_label(bars, fmt="%.3f", padding=12)
fig.tight_layout()
