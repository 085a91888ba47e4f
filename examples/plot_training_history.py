"""
Training history and early stopping
===================================

Train on pysster's artificial DNA set and plot the training history: the
estimator's basic cycle of fit with early stopping, ``history_`` and
``best_epoch_``, and a score on held-out data.
"""

# %%
import os

import matplotlib.pyplot as plt
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier
from skmotif.datasets import load_artificial

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

X, y = load_artificial()
if FAST:
    X, y = X[::10], y[::10]
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.15, stratify=y, random_state=0
)

# %%
clf = ConvMotifClassifier(conv_num=1, kernel_num=10, epochs=4 if FAST else 40, random_state=0)
clf.fit(X_train, y_train)
print("test auROC", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))

# %%
fig, (loss_ax, lr_ax) = plt.subplots(1, 2, figsize=(9, 3.5))
epochs = range(1, len(clf.history_["loss"]) + 1)
loss_ax.plot(epochs, clf.history_["loss"], label="training")
loss_ax.plot(epochs, clf.history_["val_loss"], label="validation")
loss_ax.axvline(clf.best_epoch_ + 1, color="grey", linestyle=":", label="weights kept")
loss_ax.set(xlabel="epoch", ylabel="cross-entropy", title="Loss")
loss_ax.legend()
lr_ax.plot(epochs, clf.history_["learning_rate"])
lr_ax.set(xlabel="epoch", ylabel="learning rate", yscale="log", title="Learning rate")
fig.tight_layout()
