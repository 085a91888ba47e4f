"""The dilated residual block: its layers, lengths and errors, and a network with it learns.

The fast pass's gradients (``test_network.py``) and DeepLIFT's summation
(``test_deeplift.py``) are checked for it in those files' parameter lists.
"""

import pytest
from conftest import planted
from sklearn.metrics import roc_auc_score

from skmotif import ConvMotifClassifier
from skmotif._network.blocks import Residual
from skmotif._network.description import Head, describe


def test_residual_blocks_follow_the_convolutions_with_doubling_dilations():
    clf = ConvMotifClassifier(conv_num=1, kernel_num=8, kernel_len=5, residual_num=3)
    blocks = describe(clf.check_params(), (60, 4), Head("softmax", 2)).blocks
    residual = [b for b in blocks if isinstance(b, Residual)]
    assert [b.dilation for b in residual] == [2, 4, 8]
    assert all(b.filters == 8 and b.width == 3 and b.form == "same" for b in residual)
    assert [type(b).__name__ for b in blocks] == ["Conv", *["Residual"] * 3, "Flatten", "Dense"]
    # "valid" crops what the convolution cannot see: dilation x (width - 1) positions each.
    assert residual[0].lengths(28) == [("residual_conv_1", 28)]
    assert Residual(1, 8, 3, 4, "valid").lengths(28) == [("residual_conv_1", 20)]


def test_too_many_cropping_blocks_name_the_block_and_the_lengths():
    clf = ConvMotifClassifier(
        conv_num=1, kernel_len=5, residual_num=3, residual_form="valid", random_state=0
    )
    X, y = planted(20, length=30)
    chain = r"30 -> conv_1 26 -> pool_1 13 -> residual_conv_1 9 -> residual_conv_2 1 -> "
    with pytest.raises(ValueError, match=rf"Residual layer 3 .*{chain}residual_conv_3 -15\."):
        clf.fit(X, y)
    with pytest.raises(ValueError, match="residual_num=2 needs a convolution block"):
        ConvMotifClassifier(conv_num=0, residual_num=2).fit(X, y)


@pytest.mark.parametrize("form", ["same", "valid"])
def test_a_network_with_residual_blocks_learns_planted_motifs(form):
    X, y = planted(800, seed=1)
    params = dict(conv_num=1, kernel_num=12, kernel_len=7, epochs=20, random_state=0)
    clf = ConvMotifClassifier(**params, residual_num=2, residual_form=form)
    clf.fit(X[:600], y[:600])
    names = {layer.name for layer in clf.network().model.layers}
    assert {"residual_conv_1", "residual_add_2"} <= names
    assert ("residual_crop_2" in names) == (form == "valid")
    auroc = roc_auc_score(y[600:] == clf.classes_[1], clf.predict_proba(X[600:])[:, 1])
    assert auroc > 0.95, auroc  # 0.996 and 0.979 here; the same network without: 0.994


def test_a_residual_convolution_is_a_readable_layer_that_inputs_can_be_optimised_for():
    from skmotif.interpret import optimize_inputs

    X, y = planted(120, seed=2)
    clf = ConvMotifClassifier(
        conv_num=1, kernel_num=6, kernel_len=5, residual_num=1, epochs=2, random_state=0
    ).fit(X, y)
    network = clf.network()
    layer = network.readable_layers()["residual_conv_1"]
    assert network.role(layer) == "conv" and layer.dilation_rate == (2,)
    result = optimize_inputs(clf, "residual_conv_1", nodes=[0, 1], steps=20, random_state=0)
    assert len(result) == 2
