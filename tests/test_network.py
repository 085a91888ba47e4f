"""Network construction: layer order, names, per-layer values and length checks."""

import pytest

from skmotif import ConvMotifClassifier, pysster_params
from skmotif._network.build import Network, build_network, build_trainer
from skmotif._network.description import Head, conv_output_lengths, describe
from skmotif._network.fast_pass import dropout_mask, training_forward


def spec(**params):
    """Expanded parameters, "auto" ones as for long input (the network before a fit)."""
    return ConvMotifClassifier(**params)._layer_spec()


def arch(input_shape, n_outputs, multilabel=False, **params):
    """The architecture of ConvMotifClassifier(**params) on input of this shape."""
    head = Head("sigmoid" if multilabel else "softmax", n_outputs)
    return describe(spec(**params), input_shape, head)


def trainer_of(input_shape, n_outputs, multilabel=False, **params):
    return build_trainer(
        arch(input_shape, n_outputs, multilabel, **params),
        ConvMotifClassifier(**params).learning_rate,
    )


def skip_names(architecture):
    """The pooling layers of the global skip's wires, in order."""
    return [wire.name for wire in architecture.skip]


def layer_types(model):
    return [(layer.name, type(layer).__name__) for layer in model.layers]


def test_pysster_example_lengths():
    # 300 nt, kernel_len 25: 276 after the first convolution, 138 after pooling.
    assert conv_output_lengths(300, spec(**pysster_params())) == [(276, 138), (114, 57)]
    assert conv_output_lengths(300, spec()) == [(290, 145), (135, 67)]  # kernel_len 11


def test_too_many_conv_layers_name_the_layer_and_lengths():
    chain = "300 -> conv_1 276 -> pool_1 138 -> conv_2 114 -> pool_2 57 -> conv_3 33 -> pool_3 16"
    with pytest.raises(ValueError, match=rf"Conv layer 4 \(kernel_len=25.*{chain} -> conv_4 -8\."):
        conv_output_lengths(300, spec(conv_num=4, kernel_len=25))
    with pytest.raises(ValueError, match=r"Conv layer 1 .*: 30 -> conv_1 6 -> pool_1 0\."):
        conv_output_lengths(30, spec(pool_size=7, kernel_len=25))


def test_per_layer_tuples_and_scalars_are_expanded():
    s = spec(
        conv_num=2, kernel_num=(10, 20), kernel_len=(30, 3), dense_num=3, neuron_num=(300, 100, 30)
    )
    assert s["kernel_num"] == (10, 20) and s["kernel_len"] == (30, 3)
    assert s["pool_size"] == (2, 2) and s["dropout_dense"] == (0.1, 0.1, 0.1)
    assert s["rnn_units"] == ()  # no RNN layers without rnn_type


def test_tuple_of_wrong_length_names_the_parameter():
    with pytest.raises(
        ValueError, match=r"neuron_num=\(300, 100\) gives 2 values but dense_num=3"
    ):
        spec(dense_num=3, neuron_num=(300, 100))


def test_pysster_params_give_pysster_network():
    model = build_network(arch((300, 4), 2, False, **pysster_params()), seed=0)
    assert layer_types(model) == [
        ("input", "InputLayer"),
        ("dropout_input", "Dropout"),
        ("conv_1", "Conv1D"),
        ("pool_1", "MaxPooling1D"),
        ("dropout_conv_1", "Dropout"),
        ("conv_2", "Conv1D"),
        ("pool_2", "MaxPooling1D"),
        ("dropout_conv_2", "Dropout"),
        ("flatten", "Flatten"),
        ("dense_1", "Dense"),
        ("dropout_dense_1", "Dropout"),
        ("output", "Dense"),
    ]
    conv = model.get_layer("conv_1")
    assert conv.filters == 30 and conv.kernel_size == (25,) and conv.padding == "valid"
    assert conv.activation.__name__ == "relu"
    assert conv.kernel_constraint.max_value == 3
    assert model.get_layer("dropout_input").rate == 0.1
    assert model.get_layer("dropout_conv_2").rate == 0.3
    assert model.get_layer("dropout_dense_1").rate == 0.6
    assert model.get_layer("dense_1").units == 100
    assert model.get_layer("output").activation.__name__ == "softmax"
    assert model.output_shape == (None, 2)
    trainer = trainer_of((300, 4), 2, False, **pysster_params())
    assert trainer.loss == "categorical_crossentropy"
    assert float(trainer.optimizer.learning_rate) == pytest.approx(0.0005)
    assert trainer.jit_compile is False


def test_default_network_is_pysster_with_a_global_skip_from_every_block():
    model = build_network(arch((300, 4), 2, False), seed=0)
    pysster_shape = {**pysster_params(), "kernel_len": 11}
    pysster = build_network(arch((300, 4), 2, False, **pysster_shape), seed=0)
    extra = set(layer_types(model)) - set(layer_types(pysster))
    assert extra == {
        ("skip_pool", "GlobalMaxPooling1D"),
        ("skip_pool_2", "GlobalMaxPooling1D"),
        ("skip_concat", "Concatenate"),
    }
    # The output layer reads both blocks' 30 kernel maxima beside the 100 dense units.
    assert model.get_layer("output").kernel.shape == (160, 2)
    assert model.count_params() == pysster.count_params() + 60 * 2
    assert model.get_layer("conv_1").kernel_size == (11,)
    assert model.get_layer("dropout_input").rate == 0.0
    assert model.get_layer("dropout_conv_2").rate == 0.3
    assert model.get_layer("dropout_dense_1").rate == 0.1
    trainer = trainer_of((300, 4), 2, False)
    assert float(trainer.optimizer.learning_rate) == pytest.approx(0.003)


def test_exponential_activation_only_in_the_first_layer():
    model = build_network(arch((100, 4), 2, False, first_activation="exponential"), seed=0)
    assert model.get_layer("conv_1").activation.__name__ == "exponential"
    assert model.get_layer("conv_2").activation.__name__ == "relu"
    assert (
        build_network(arch((100, 4), 2, False), seed=0).get_layer("conv_1").activation.__name__
        == "relu"
    )


def test_multilabel_output_is_sigmoid_with_binary_crossentropy():
    model = build_network(arch((50, 4), 3, True, conv_num=1), seed=0)
    assert model.get_layer("output").activation.__name__ == "sigmoid"
    assert trainer_of((50, 4), 3, True, conv_num=1).loss == ("binary_crossentropy")


def test_recurrent_layers_replace_flatten():
    model = build_network(
        arch(
            (60, 4),
            2,
            False,
            conv_num=1,
            kernel_len=25,
            rnn_type="LSTM",
            rnn_num=2,
            rnn_units=(8, 4),
            rnn_bidirectional=(True, False),
            rnn_dropout_input=0.1,
        ),
        seed=0,
    )
    names = [layer.name for layer in model.layers]
    assert "flatten" not in names
    assert names[5:7] == ["bidirectional_lstm_1", "lstm_2"]
    lstm = model.get_layer("lstm_2")
    assert lstm.units == 4 and lstm.dropout == 0.1 and lstm.kernel_constraint.max_value == 3
    assert model.get_layer("bidirectional_lstm_1").output.shape == (None, 18, 16)
    gru = build_network(
        arch((60, 4), 2, False, conv_num=1, rnn_type="GRU", rnn_bidirectional=False), seed=0
    )
    assert type(gru.get_layer("gru_1")).__name__ == "GRU"


def test_no_conv_and_no_dense_layers_are_allowed():
    model = build_network(
        arch((20, 4), 2, False, conv_num=0, dense_num=0, kernel_constraint=None), seed=0
    )
    assert [layer.name for layer in model.layers] == [
        "input",
        "dropout_input",
        "flatten",
        "output",
    ]


def test_same_seed_same_weights():
    a = build_network(arch((40, 4), 2, False, conv_num=1), seed=3)
    b = build_network(arch((40, 4), 2, False, conv_num=1), seed=3)
    c = build_network(arch((40, 4), 2, False, conv_num=1), seed=4)
    for wa, wb in zip(a.get_weights(), b.get_weights(), strict=True):
        assert (wa == wb).all()
    assert not (a.get_weights()[0] == c.get_weights()[0]).all()
    # Layers get distinct seeds: two kernels of one conv layer differ.
    assert not (a.get_weights()[0][..., 0] == a.get_weights()[0][..., 1]).all()


def test_global_pooling_leaves_one_position_for_any_length():
    params = dict(conv_num=2, kernel_len=(19, 5), pool_size=(4, "global"), pool_stride=4)
    s = spec(**params)
    assert conv_output_lengths(200, s) == [(182, 45), (41, 1)]
    assert conv_output_lengths(1000, s) == [(982, 245), (241, 1)]
    model = build_network(arch((200, 4), 3, True, **params), seed=0)
    assert type(model.get_layer("pool_2")).__name__ == "GlobalMaxPooling1D"
    assert model.get_layer("flatten").output.shape == (None, 30)
    with pytest.raises(ValueError, match=r"pool_size=global.*: 10 -> conv_1 -8\."):
        conv_output_lengths(10, spec(conv_num=1, kernel_len=19, pool_size="global"))


def test_global_pooling_is_the_only_word_pool_size_takes():
    X, y = ["ACGT" * 10, "TGCA" * 10], [0, 1]
    with pytest.raises(ValueError, match=r"'pool_size' parameter .* Got 'max'"):
        ConvMotifClassifier(pool_size="max").fit(X, y)
    with pytest.raises(ValueError, match=r"'pool_size' parameter .* Got 'mean'"):
        ConvMotifClassifier(pool_size=(2, "mean")).fit(X, y)


TRAINING_FORWARDS = {
    "default": {},
    "exponential first layer": {"first_activation": "exponential"},
    "global pooling": {"conv_num": 1, "pool_size": "global"},
    "three conv and two dense layers": {"conv_num": 3, "kernel_len": 5, "dense_num": 2},
    "no skip, no input dropout": {"global_skip": False, "dropout_input": 0.0},
    "skip from every block": {"conv_num": 3, "kernel_len": 5, "global_skip": "all"},
    "no conv layer": {"conv_num": 0},
    "no dense layer": {"dense_num": 0},
    "overlapping pools": {"kernel_len": 9, "pool_size": 4, "pool_stride": 2},
    "pools leaving a position out": {"kernel_len": 9, "pool_size": 4, "pool_stride": 3},
    "pools with gaps": {"kernel_len": 9, "pool_size": 2, "pool_stride": 3},
    "dilated residual blocks, padded": {"residual_num": 2},
    "dilated residual blocks, cropped": {
        "residual_num": 2,
        "residual_form": "valid",
        "residual_dilation": (1, 2),
    },
}


@pytest.mark.parametrize("params", TRAINING_FORWARDS.values(), ids=TRAINING_FORWARDS.keys())
def test_the_training_forward_gives_keras_gradients(params, monkeypatch):
    """Keras's pass, with its dropout drawing from the fast pass's stream, is the reference."""
    import keras
    import numpy as np
    import tensorflow as tf
    from keras.src.layers.regularization.dropout import Dropout

    def dropout(layer, inputs, training=False):
        if not (training and layer.rate > 0):
            return inputs
        return inputs * dropout_mask(layer, tf.shape(inputs), inputs.dtype)

    monkeypatch.setattr(Dropout, "call", dropout)

    architecture = arch((80, 4), 3, False, **params)
    model = build_network(architecture, seed=3)
    rng = np.random.default_rng(0)
    x = tf.constant(np.eye(4, dtype=np.float32)[rng.integers(0, 4, (32, 80))])
    targets = tf.constant(np.eye(3, dtype=np.float32)[rng.integers(0, 3, 32)])
    start = [v.numpy() for v in model.variables]

    def step(forward):
        """Loss, gradients and the variables after the pass (seed states advance)."""
        with tf.GradientTape() as tape:
            loss = keras.losses.categorical_crossentropy(targets, forward(x))
        gradients = tape.gradient(loss, model.trainable_variables)
        after = [v.numpy() for v in model.variables]
        for variable, value in zip(model.variables, start, strict=True):
            variable.assign(value)
        return loss.numpy(), [g.numpy() for g in gradients], after

    keras_loss, keras_gradients, keras_after = step(lambda x: model(x, training=True))
    loss, gradients, after = step(tf.function(training_forward(Network(architecture, model))))
    np.testing.assert_allclose(loss, keras_loss, rtol=1e-6)
    for ours, theirs in zip(gradients, keras_gradients, strict=True):
        assert np.abs(theirs).max() > 0
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-5 * np.abs(theirs).max())
    for ours, theirs in zip(after, keras_after, strict=True):  # the same dropout seeds drawn
        np.testing.assert_array_equal(ours, theirs)
    assert any((a != b).any() for a, b in zip(after, start, strict=True))


def test_recurrent_networks_train_through_keras():
    architecture = arch((80, 4), 2, False, conv_num=1, rnn_type="GRU")
    assert training_forward(Network(architecture, build_network(architecture, seed=0))) is None
    trainer = trainer_of((80, 4), 2, False, conv_num=1, rnn_type="GRU")
    assert trainer.name == "skmotif" and trainer.optimizer is not None


def test_a_trainer_holds_the_networks_variables_in_order():
    trainer = trainer_of((80, 4), 2, False)
    model = build_network(arch((80, 4), 2, False), seed=0)
    assert [(v.name, v.shape) for v in trainer.variables] == [
        (v.name, v.shape) for v in model.variables
    ]
    assert trainer.network.name == "skmotif" and trainer.loss == "categorical_crossentropy"


def test_a_block_type_a_pass_does_not_know_is_an_error_in_that_pass():
    """Every pass reads the description; a block it has no rule for is never skipped."""
    import dataclasses
    from types import SimpleNamespace

    from skmotif._network.blocks import Flatten
    from skmotif.interpret._deeplift import deeplift_multipliers

    @dataclasses.dataclass(frozen=True)
    class Attention:
        heads: int = 2

        @property
        def layer_names(self):
            return {"attention": "attention_1"}

    base = arch((80, 4), 2, False)
    blocks = list(base.blocks)
    blocks.insert(blocks.index(Flatten()), Attention())
    fake = dataclasses.replace(base, blocks=tuple(blocks))
    with pytest.raises(TypeError, match="build_network has no rule for the block type Attention"):
        build_network(fake, seed=0)
    network = Network(fake, SimpleNamespace())  # the passes look at the blocks first
    with pytest.raises(TypeError, match=r"fast training pass has no rule for .* Attention"):
        training_forward(network)
    with pytest.raises(TypeError, match="DeepLIFT has no rule for the block type Attention"):
        deeplift_multipliers(network)
    with pytest.raises(TypeError, match=r"readable_layers has no rule for .* Attention"):
        network.readable_layers()


def test_the_description_lists_the_blocks_in_order():
    from skmotif._network.blocks import Conv, Dense, Flatten, Recurrent

    a = arch((300, 4), 2, False)
    assert [type(b) for b in a.blocks] == [Conv, Conv, Flatten, Dense]
    assert a.blocks[0] == Conv(1, 30, 11, "relu", 2, 2, 0.3) and skip_names(a) == [
        "skip_pool",
        "skip_pool_2",
    ]
    assert a.head == Head("softmax", 2) and a.head.loss == "categorical_crossentropy"
    rnn = arch((60, 4), 3, True, conv_num=1, rnn_type="GRU", rnn_num=2, dense_num=0)
    assert [type(b) for b in rnn.blocks] == [Conv, Recurrent, Recurrent]
    assert [b.last for b in rnn.blocks[1:]] == [False, True]
    assert rnn.head.loss == "binary_crossentropy"
    assert not arch((300, 4), 2, False, conv_num=1, pool_size="global").skip  # no skip


def test_the_global_skip_reads_the_first_or_every_block_that_leaves_positions():
    assert arch((300, 4), 2, False, global_skip="first").skip[0].name == "skip_pool"
    assert (
        arch((300, 4), 2, False, global_skip=True).skip[0].name == "skip_pool"
    )  # True: as before 0.5.0
    assert skip_names(arch((300, 4), 2, False, global_skip="all")) == ["skip_pool", "skip_pool_2"]
    assert arch((300, 4), 2, False, global_skip=False).skip == ()
    # A block whose pooling leaves one position is its own maximum: not read twice.
    two = arch((300, 4), 2, False, global_skip="all", pool_size=(2, "global"))
    assert skip_names(two) == ["skip_pool"]
    model = build_network(arch((300, 4), 2, False, conv_num=3, global_skip="all"), seed=0)
    concat = model.get_layer("skip_concat")
    assert [t.name for t in concat.input][:3] == [
        model.get_layer(n).output.name for n in ("skip_pool", "skip_pool_2", "skip_pool_3")
    ]
    assert model.get_layer("skip_pool_2").input is model.get_layer("conv_2").output


@pytest.mark.parametrize("rate", [0.001, 0.1, 0.3, 0.5, 0.6, 0.999])
def test_dropout_masks_drop_the_rounded_rate_and_keep_the_mean(rate):
    import keras
    import numpy as np
    import tensorflow as tf

    layer = keras.layers.Dropout(rate, seed=5)
    masks = [dropout_mask(layer, tf.constant([400, 500]), tf.float32).numpy() for _ in range(2)]
    threshold = min(255, max(1, round(256 * rate)))
    dropped = threshold / 256
    n = masks[0].size
    for mask in masks:
        assert set(np.unique(mask)) == {0.0, np.float32(256 / (256 - threshold))}
        sd = np.sqrt(dropped * (1 - dropped) / n)
        assert abs((mask == 0).mean() - dropped) < 5 * sd
        assert abs(mask.mean() - 1) < 5 * sd / (1 - dropped)
    assert (masks[0] != masks[1]).any()  # the seed generator advanced
    # Four elements share a 32-bit word: neighbours must still be independent.
    flat = (masks[0] == 0).ravel().astype(float)
    for lag in (1, 2, 3, 4):
        r = np.corrcoef(flat[:-lag], flat[lag:])[0, 1]
        assert abs(r) < 5 / np.sqrt(n), lag


def test_the_same_seed_draws_the_same_dropout_masks():
    import keras
    import numpy as np
    import tensorflow as tf

    def draws(seed):
        layer = keras.layers.Dropout(0.3, seed=seed)
        return [dropout_mask(layer, tf.constant([64, 30]), tf.float32).numpy() for _ in range(3)]

    np.testing.assert_array_equal(draws(1), draws(1))
    assert not np.array_equal(draws(1)[0], draws(2)[0])
