"""Hyperparameter search on a Dask cluster through joblib (extra [distributed])."""

import joblib
import numpy as np
import pytest
from conftest import FAST
from distributed import Client, LocalCluster
from sklearn.model_selection import GridSearchCV

from skmotif import ConvMotifClassifier


def _tensorflow_threads():
    import tensorflow as tf

    threading = tf.config.threading
    return (
        threading.get_intra_op_parallelism_threads(),
        threading.get_inter_op_parallelism_threads(),
    )


@pytest.mark.slow
def test_grid_search_on_a_local_dask_cluster(motif_data):
    X, y, X_test, y_test = motif_data
    grid = {"kernel_num": [4, 12]}
    base = ConvMotifClassifier(**{**FAST, "epochs": 4})
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        with joblib.parallel_backend("dask"):
            search = GridSearchCV(base, grid, cv=2, scoring="roc_auc").fit(X, y)
        # The fits ran in the two worker processes, each with one TensorFlow thread.
        threads = client.run(_tensorflow_threads)
        assert sorted(threads.values()) == [(1, 1), (1, 1)]
    local = GridSearchCV(base, grid, cv=2, scoring="roc_auc").fit(X, y)
    np.testing.assert_allclose(
        search.cv_results_["mean_test_score"], local.cv_results_["mean_test_score"], atol=1e-6
    )
    assert search.best_estimator_.score(X_test, y_test) > 0.85
