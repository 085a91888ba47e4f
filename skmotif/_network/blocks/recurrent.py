"""The recurrent block: an LSTM or GRU layer, optionally bidirectional.

It has no fast training pass (such networks train through Keras's own) and
no DeepLIFT rule (saliency and ISM read them).
"""

from dataclasses import dataclass

from ..parts import Block, register_block


@register_block
@dataclass(frozen=True)
class Recurrent(Block):
    """An LSTM or GRU layer, optionally bidirectional; the last returns its final state."""

    index: int
    kind: str
    units: int
    bidirectional: bool
    dropout_input: float
    dropout_recurrent: float
    last: bool

    stage = "reduce"
    role = "rnn"
    readable = "rnn"

    @classmethod
    def from_params(cls, spec):
        n = spec["rnn_num"] if spec["rnn_type"] is not None else 0
        return tuple(
            cls(
                index=i + 1,
                kind=spec["rnn_type"],
                units=spec["rnn_units"][i],
                bidirectional=spec["rnn_bidirectional"][i],
                dropout_input=spec["rnn_dropout_input"][i],
                dropout_recurrent=spec["rnn_dropout_recurrent"][i],
                last=i == n - 1,
            )
            for i in range(n)
        )

    @property
    def layer_names(self):
        name = f"{self.kind.lower()}_{self.index}"
        return {"rnn": f"bidirectional_{name}" if self.bidirectional else name}

    def build(self, ctx, h):
        keras = ctx.keras
        rnn_class = {"LSTM": keras.layers.LSTM, "GRU": keras.layers.GRU}[self.kind]
        name = f"{self.kind.lower()}_{self.index}"

        def layer(layer_name, go_backwards=False):
            # Every initialiser and dropout seeded, each direction with its own seeds.
            return rnn_class(
                self.units,
                dropout=self.dropout_input,
                recurrent_dropout=self.dropout_recurrent,
                kernel_initializer=keras.initializers.RandomUniform(-0.05, 0.05, seed=ctx.seeds()),
                recurrent_initializer=keras.initializers.Orthogonal(seed=ctx.seeds()),
                kernel_constraint=ctx.constraint(),
                recurrent_constraint=ctx.constraint(),
                return_sequences=not self.last,
                go_backwards=go_backwards,
                seed=ctx.seeds(),
                name=layer_name,
            )

        rnn = layer(name)
        if self.bidirectional:
            rnn = keras.layers.Bidirectional(
                rnn,
                backward_layer=layer(f"backward_{name}", go_backwards=True),
                name=self.layer_names["rnn"],
            )
        return rnn(h), None
