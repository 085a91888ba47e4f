"""Shared fixtures: small labelled sequence sets with a known planted motif."""

import matplotlib
import pytest

matplotlib.use("Agg")

MOTIF = "GATTACA"


def planted(n, length=40, motif=MOTIF, seed=0, symbols="ACGT"):
    """Random sequences; odd-numbered ones carry ``motif`` at a random position.

    A thin reading of :func:`skmotif.datasets.make_motif_sequences` (one motif,
    classes alternating), the generator the benchmarks use too.

    Returns
    -------
    X : list of str, length n
    y : ndarray of int, shape (n,)
        1 where the motif was planted.
    """
    from skmotif import Motif
    from skmotif.datasets import make_motif_sequences

    symbols = "".join(symbols)
    consensus = Motif.from_sequences([motif], symbols, pseudocount=0.0)
    X, y, _ = make_motif_sequences(n, [consensus], length, symbols, random_state=seed)
    return X.tolist(), y


#: A small network that learns a planted 7-mer in a few epochs: one conv layer
#: whose pooling spans the whole sequence (global max pooling).
FAST = dict(
    conv_num=1,
    kernel_num=12,
    kernel_len=7,
    pool_size=34,
    pool_stride=34,
    dense_num=0,
    dropout_input=0.0,
    dropout_conv=0.0,
    learning_rate=0.02,
    epochs=15,
    random_state=0,
)


def planted_meme(path, name="PLANTED", motif=MOTIF):
    """A MEME file of ``motif`` (as ``name``) and 40 JASPAR2024 vertebrate motifs; returns path."""
    from skmotif import Motif
    from skmotif.io import write_meme
    from skmotif.matching import load_targets

    ids, _, matrices, _ = load_targets("JASPAR2024", tax_group="vertebrates")
    jaspar = [Motif("ACGT", probabilities=matrices[i], name=ids[i]) for i in range(0, 800, 20)]
    write_meme([Motif.from_sequences([motif], "ACGT", name=name), *jaspar], path)
    return path


@pytest.fixture(scope="session")
def motif_data():
    """(X_train, y_train, X_test, y_test): 400 + 200 DNA sequences of 40 nt."""
    X, y = planted(600, seed=1)
    return X[:400], y[:400], X[400:], y[400:]


@pytest.fixture(scope="session")
def fast_model(motif_data):
    """A ConvMotifClassifier (FAST settings) fitted on the planted GATTACA data."""
    from skmotif import ConvMotifClassifier

    X, y, _, _ = motif_data
    return ConvMotifClassifier(**FAST).fit(X, y)
