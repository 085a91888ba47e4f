"""Write the model folders of ``tests/data/saved_0_6_0/`` with skmotif 0.6.0.

``tests/test_saved_0_6_0.py`` loads them with the current code: saved models of
0.4 to 0.6 must load unchanged and predict as they did. Run this script with
0.6.0's code first on the path, from a checkout of the release (the last 0.6.0
commit is 17b01e0)::

    git worktree add --detach ../v060 17b01e0
    PYTHONPATH=../v060 python tests/data/make_saved_0_6_0.py

It refuses to run with any other version. It trains tiny networks (a few epochs,
fixed seeds) on tiny synthetic data with planted motifs that it makes itself, and
saves each one as ``saved_0_6_0/<name>/`` (``skmotif.save``), with, next to it,
``<name>.npz``: the input sequences ``X`` and labels or targets ``y`` (a test set
the network was not trained on) and what 0.6.0 computed from them
(``predict``, ``predict_proba`` for classifiers, ``activations``: each kernel's
largest first-layer activation per sequence), and ``<name>.json``: 0.6.0's
``get_params()`` (tuples as lists), ``classes_``, the first-layer kernel shape and
the versions that wrote the files. The files are not rewritten by later releases:
they are what 0.6.0 wrote.
"""

import json
import shutil
import sys
from pathlib import Path

import numpy as np

import skmotif
from skmotif import ConvMotifClassifier, ConvMotifRegressor
from skmotif.interpret import kernel_activations

OUT = Path(__file__).resolve().parent / "saved_0_6_0"
N_TRAIN, N_TEST = 240, 40
#: A tiny network: one block of 8 kernels of 7, global max pooling, no dense layer.
TINY = dict(
    conv_num=1,
    kernel_num=8,
    kernel_len=7,
    pool_size="global",
    pool_stride=1,
    dense_num=0,
    dropout_conv=0.0,
    global_skip=False,
    learning_rate=0.02,
    epochs=4,
    patience_lr=50,
    patience_stopping=50,
    batch_size=32,
    random_state=0,
)


def random_sequences(rng, n, length, symbols):
    letters = np.array(list(symbols))
    return ["".join(row) for row in letters[rng.integers(0, len(letters), (n, length))]]


def plant(rng, sequences, motif, which):
    """``sequences`` with ``motif`` written at a random place in those where ``which``."""
    out = list(sequences)
    for i in np.flatnonzero(which):
        at = rng.integers(0, len(out[i]) - len(motif) + 1)
        out[i] = out[i][:at] + motif + out[i][at + len(motif) :]
    return out


def single_label(rng, n):
    """DNA of 40 nt, labels "background" / "GATA": the second carries GATTACA."""
    y = np.arange(n) % 2
    X = plant(rng, random_sequences(rng, n, 40, "ACGT"), "GATTACA", y == 1)
    return X, np.array(["background", "GATA"])[y]


def multi_label(rng, n):
    """DNA of 50 nt, three labels: GATTACA, CCGCGG and TTTAAA, each in about half."""
    y = rng.integers(0, 2, (n, 3))
    X = random_sequences(rng, n, 50, "ACGT")
    for label, motif in enumerate(["GATTACA", "CCGCGG", "TTTAAA"]):
        X = plant(rng, X, motif, y[:, label] == 1)
    return X, y


def counts(rng, n):
    """DNA of 40 nt and two count outputs driven by GATTACA and CCGCGG."""
    present = rng.integers(0, 2, (n, 2))
    X = random_sequences(rng, n, 40, "ACGT")
    for column, motif in enumerate(["GATTACA", "CCGCGG"]):
        X = plant(rng, X, motif, present[:, column] == 1)
    return X, rng.poisson(2.0 + 8.0 * present).astype(float)


def protein(rng, n):
    """Peptides of 30 amino acids, labels 0 / 1: the 1s carry WHKPMY."""
    y = np.arange(n) % 2
    return plant(rng, random_sequences(rng, n, 30, skmotif.PROTEIN), "WHKPMY", y == 1), y


def rna_structure(rng, n):
    """(RNA, structure) pairs of 30 positions; class 1 carries UGUAAAUA in a hairpin loop (H)."""
    y = np.arange(n) % 2
    rna = plant(rng, random_sequences(rng, n, 30, "ACGU"), "UGUAAAUA", y == 1)
    structure = plant(rng, random_sequences(rng, n, 30, "EHIMS"), "HHHHHHHH", y == 1)
    return np.column_stack([rna, structure]), y


#: name: (estimator, its parameters, data maker).
MODELS = {
    # (a) single-label DNA classifier, string classes
    "classifier_dna": (ConvMotifClassifier, {}, single_label),
    # (b) multi-label, both strands averaged, skips from every block, two conv blocks
    "multilabel_strands": (
        ConvMotifClassifier,
        dict(
            conv_num=2,
            kernel_num=(8, 6),
            kernel_len=(7, 3),
            pool_size=2,
            pool_stride=2,
            dense_num=1,
            neuron_num=8,
            global_skip="all",
            reverse_complement=True,
            average_strands=True,
        ),
        multi_label,
    ),
    # (c) two-output Poisson regressor with a dense layer
    "regressor_poisson": (
        ConvMotifRegressor,
        dict(loss="poisson", dense_num=1, neuron_num=8, max_shift=2),
        counts,
    ),
    # (d) a bidirectional LSTM after the convolution
    "classifier_lstm": (
        ConvMotifClassifier,
        dict(
            pool_size=4,
            pool_stride=4,
            rnn_type="LSTM",
            rnn_units=4,
            rnn_dropout_input=0.0,
            epochs=8,
        ),
        single_label,
    ),
    # (e) protein classifier, integer classes, exponential first activation
    "classifier_protein": (
        ConvMotifClassifier,
        dict(
            alphabet=skmotif.PROTEIN,
            kernel_len=6,
            kernel_constraint=None,
            first_activation="exponential",
            learning_rate=0.01,
        ),
        protein,
    ),
    # (f) RNA sequence + structure (joint alphabet)
    "classifier_rna_structure": (
        ConvMotifClassifier,
        dict(alphabet=("ACGU", "EHIMS"), kernel_len=8),
        rna_structure,
    ),
}


def first_convolution(network):
    return next(layer for layer in network.layers if type(layer).__name__ == "Conv1D")


def versions():
    import keras
    import sklearn
    import tensorflow as tf

    return {
        "skmotif": skmotif.__version__,
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
        "scikit-learn": sklearn.__version__,
        "python": sys.version.split()[0],
    }


def write(name, kind, params, make, seed):
    rng = np.random.default_rng(seed)
    X, y = make(rng, N_TRAIN + N_TEST)
    X_train, y_train, X_test, y_test = X[:N_TRAIN], y[:N_TRAIN], X[N_TRAIN:], y[N_TRAIN:]
    model = kind(**{**TINY, **params}).fit(X_train, y_train)
    skmotif.save(model, OUT / name)
    arrays = {
        "X": np.asarray(X_test, dtype=str),
        "y": np.asarray(y_test),
        "predict": np.asarray(model.predict(X_test)),
        "activations": kernel_activations(model, X_test).max,
    }
    if hasattr(model, "predict_proba"):
        arrays["predict_proba"] = model.predict_proba(X_test)
    np.savez_compressed(OUT / f"{name}.npz", **arrays)
    expected = {
        "estimator": kind.__name__,
        "params": model.get_params(),
        "classes": model.classes_.tolist() if hasattr(model, "classes_") else None,
        "kernel_shape": list(first_convolution(model.model_).kernel.shape),
        "written_by": versions(),
    }
    (OUT / f"{name}.json").write_text(json.dumps(expected, indent=1) + "\n")


def main():
    if skmotif.__version__ != "0.6.0":
        sys.exit(
            f"skmotif {skmotif.__version__} from {skmotif.__file__}: run with PYTHONPATH "
            "pointing at a 0.6.0 checkout (commit 17b01e0)."
        )
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir()
    for seed, (name, (kind, params, make)) in enumerate(MODELS.items()):
        write(name, kind, params, make, seed)
        print(name, sum(p.stat().st_size for p in (OUT / name).iterdir()), "bytes")


if __name__ == "__main__":
    main()
