"""
A Pipeline with probability calibration
=======================================

Early-stopped networks tend to be over- or under-confident. Wrapping the
estimator in :class:`~sklearn.calibration.CalibratedClassifierCV` fits it on
folds and learns a monotone map of its scores, like for any classifier.
"""

# %%
import os

import matplotlib.pyplot as plt
from sklearn.calibration import CalibratedClassifierCV, CalibrationDisplay
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier
from skmotif.datasets import load_pum2

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

X, y = load_pum2()
X, y = X[:: 10 if FAST else 2], y[:: 10 if FAST else 2]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
network = ConvMotifClassifier(
    kernel_len=8, alphabet="ACGU", epochs=3 if FAST else 30, random_state=0
)

# %%
plain = network.fit(X_train, y_train)
plain_proba = plain.predict_proba(X_test)[:, 1]
calibrated = CalibratedClassifierCV(network, method="isotonic", cv=3).fit(X_train, y_train)
calibrated_proba = calibrated.predict_proba(X_test)[:, 1]

# %%
fig, ax = plt.subplots(figsize=(5, 5))
CalibrationDisplay.from_predictions(y_test, plain_proba, n_bins=8, name="network", ax=ax)
CalibrationDisplay.from_predictions(
    y_test, calibrated_proba, n_bins=8, name="calibrated (isotonic, 3 folds)", ax=ax
)
fig.tight_layout()
