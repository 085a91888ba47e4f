"""
A grid search on a Dask cluster
===============================

``GridSearchCV`` runs its fits through joblib; with Dask's joblib backend
(``pip install "skmotif[distributed]"``) they run on a cluster's workers.
A ``LocalCluster`` stands in for a real one here; give ``Client`` your
scheduler's address instead.
"""

# %%
import os

import joblib
import matplotlib.pyplot as plt
import pandas as pd
from distributed import Client, LocalCluster
from sklearn.model_selection import GridSearchCV, StratifiedKFold

from skmotif import ConvMotifClassifier
from skmotif.datasets import load_artificial

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

X, y = load_artificial()
X, y = X[:: 60 if FAST else 10], y[:: 60 if FAST else 10]

if __name__ == "__main__":  # workers are processes that import this file
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
    with cluster, Client(cluster), joblib.parallel_backend("dask"):
        grid = GridSearchCV(
            ConvMotifClassifier(conv_num=1, epochs=2 if FAST else 15, random_state=0),
            {"kernel_num": [5, 20], "kernel_len": [10, 20]},
            scoring="roc_auc",
            cv=StratifiedKFold(2, shuffle=True, random_state=0),  # the file is in blocks
        ).fit(X, y)
    print(grid.best_params_, round(grid.best_score_, 3))
    results = pd.DataFrame(grid.cv_results_)
    fig, ax = plt.subplots(figsize=(5, 3))
    for length, rows in results.groupby("param_kernel_len"):
        ax.plot(
            rows["param_kernel_num"], rows["mean_test_score"], "o-", label=f"kernel_len {length}"
        )
    ax.set(xlabel="kernel_num", ylabel="mean auROC (2 folds)")
    ax.legend()
    fig.tight_layout()
