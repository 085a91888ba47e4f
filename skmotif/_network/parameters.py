"""Every estimator parameter, declared once; what scikit-learn and saving need is made from it.

A :class:`Parameter` holds a parameter's name, default, type annotation,
constraints (scikit-learn's parameter validation, for one value), the layer
count it follows when it takes one value per layer, its numpydoc entry and the
value that built the networks of files saved before it existed. From these
declarations come :data:`PER_LAYER`, :data:`AUTO_NAMES`, each estimator's
``_parameter_constraints`` (:func:`constraints`), the parameter section and per-layer
paragraph of its docstring (:func:`document`) and what loading gives a file that lacks a
parameter (:func:`older_values`).

The estimators write their ``__init__`` out, as scikit-learn's do, so that IDEs,
type checkers, ``inspect.signature`` and ``help()`` see every parameter;
``tests/test_parameters.py`` checks that each signature (names, order, defaults,
annotations), docstring, set of constraints and saved format agrees with
:data:`CLASSIFIER` and :data:`REGRESSOR`. Adding a parameter is one
:class:`Parameter` here and two lines in each estimator's ``__init__``.

Nothing here imports Keras.
"""

from __future__ import annotations

import enum
import re
import textwrap
from dataclasses import dataclass
from numbers import Integral, Real

from sklearn.utils._param_validation import Interval, StrOptions

from .._alphabet import Alphabet, JointAlphabet
from .parts import KINDS


class _Since(enum.Enum):
    ALWAYS = "always"

    def __repr__(self):
        return "ALWAYS"


#: ``Parameter.old`` of a parameter that every saved file holds.
ALWAYS = _Since.ALWAYS


@dataclass(frozen=True)
class Parameter:
    """One estimator parameter.

    Attributes
    ----------
    name : str
    default : object
        The ``__init__`` default.
    annotation : str
        The ``__init__`` type hint, as written there.
    constraints : tuple
        scikit-learn parameter constraints of one value (a per-layer parameter
        also takes a tuple of such values).
    doc : str
        The numpydoc entry without its name: the type on the first line (the
        default is added from ``default``), then the description.
    per_layer : str or None
        The layer count whose layers take one value each (``"conv_num"``,
        ``"dense_num"``, ``"rnn_num"``); None for a parameter of the whole network.
    old : object
        The value that built the networks of files saved before the parameter
        existed (loading gives it to them); :data:`ALWAYS` when every file has it.
    """

    name: str
    default: object
    annotation: str
    constraints: tuple
    doc: str
    per_layer: str | None = None
    old: object = ALWAYS

    def __post_init__(self):
        object.__setattr__(self, "constraints", tuple(self.constraints))

    @property
    def entry(self) -> str:
        """The numpydoc entry: ``name : type, default=...`` and the indented description."""
        kind, _, description = self.doc.partition("\n")
        default = f'"{self.default}"' if isinstance(self.default, str) else repr(self.default)
        body = textwrap.indent(textwrap.dedent(description).strip("\n"), "    ")
        return f"{self.name} : {kind.strip()}, default={default}\n{body}"


_POSITIVE = [Interval(Integral, 1, None, closed="left")]
_COUNT = [Interval(Integral, 0, None, closed="left")]
_DROPOUT = [Interval(Real, 0, 1, closed="left")]
#: The layer counts that per-layer parameters follow.
CONV_NUM, DENSE_NUM, RNN_NUM = "conv_num", "dense_num", "rnn_num"
RESIDUAL_NUM = "residual_num"

#: The parameters of both estimators, in the order of their ``__init__``.
SHARED = (
    Parameter(
        CONV_NUM,
        "auto",
        "int | str",
        [*_COUNT, StrOptions({"auto"})],
        doc="""int or "auto"
        Number of convolution/pooling blocks (0 for none). ``"auto"``: 2 for
        inputs of at least 46 positions, 1 for shorter ones (see
        ``resolved_params_``).""",
    ),
    Parameter(
        "kernel_num",
        "auto",
        "int | str | tuple[int, ...]",
        [*_POSITIVE, StrOptions({"auto"})],
        doc="""int, "auto" or tuple of int
        Kernels per convolution layer. ``"auto"``: 30 for inputs of at
        least 46 positions, 64 in the one block of a shorter input.""",
        per_layer=CONV_NUM,
    ),
    Parameter(
        "kernel_len",
        "auto",
        "int | str | tuple[int, ...]",
        [*_POSITIVE, StrOptions({"auto"})],
        doc="""int, "auto" or tuple of int
        Kernel length per convolution layer (pysster: 25). ``"auto"``: 11
        for inputs of at least 46 positions (most binding sites are 6-12
        long; an 11-long first layer reads them, and the second layer their
        combinations); about a sixth of a shorter input (3 to 11).""",
        per_layer=CONV_NUM,
    ),
    Parameter(
        "pool_size",
        "auto",
        "int | str | tuple",
        [*_POSITIVE, StrOptions({"global", "auto"})],
        doc="""int, "global", "auto" or tuple of them
        Max-pooling window per block. ``"global"`` pools over the whole
        convolution output (one value per kernel, whatever the sequence
        length), which suits motifs at any position. ``"auto"``: 2, or 1
        (every position kept) for inputs shorter than 20 positions.""",
        per_layer=CONV_NUM,
    ),
    Parameter(
        "pool_stride",
        2,
        "int | tuple[int, ...]",
        _POSITIVE,
        doc="""int or tuple of int
        Max-pooling step per block (not used by ``"global"`` pooling).""",
        per_layer=CONV_NUM,
    ),
    Parameter(
        DENSE_NUM,
        1,
        "int",
        _COUNT,
        doc="""int
        Number of hidden dense layers (0 for none).""",
    ),
    Parameter(
        "neuron_num",
        100,
        "int | tuple[int, ...]",
        _POSITIVE,
        doc="""int or tuple of int
        Units per dense layer.""",
        per_layer=DENSE_NUM,
    ),
    Parameter(
        "dropout_input",
        0.0,
        "float",
        _DROPOUT,
        doc="""float in [0, 1)
        Dropout rate on the input (pysster: 0.1).""",
    ),
    Parameter(
        "dropout_conv",
        0.3,
        "float | tuple[float, ...]",
        _DROPOUT,
        doc="""float or tuple of float
        Dropout rate after each pooling layer.""",
        per_layer=CONV_NUM,
    ),
    Parameter(
        "dropout_dense",
        0.1,
        "float | tuple[float, ...]",
        _DROPOUT,
        doc="""float or tuple of float
        Dropout rate after each dense layer (pysster: 0.6).""",
        per_layer=DENSE_NUM,
    ),
    Parameter(
        "global_skip",
        "all",
        "bool | str",
        ["boolean", StrOptions({"first", "all"})],
        doc="""{"all", "first"} or bool
        Also send kernels' maxima over the whole sequence straight to the
        output layer, beside the deeper layers' features: the output then
        learns from where a motif sits (deeper layers) and from whether it
        is anywhere (the skip). ``"first"`` (or True): the first
        convolution's kernels (the default before 0.5.0). ``"all"``: every
        convolution block's, so that what a deeper kernel reads (two motifs
        side by side, a composite element) counts wherever it sits. False:
        none, pysster's network, which learned nothing on motifs planted at
        random positions (see the Benchmarks page, "Defaults that learn"). A block
        whose pooling already leaves one position (``pool_size="global"``)
        is not read twice.""",
        old=False,
    ),
    Parameter(
        "first_activation",
        "relu",
        "str",
        [StrOptions({"relu", "exponential"})],
        doc="""{"relu", "exponential"}
        Activation of the first convolution layer. ``"exponential"`` (Koo &
        Ploenzke 2021) makes the first-layer kernels more motif-like and
        attributions cleaner; deeper layers keep ReLU.""",
        old="relu",
    ),
    Parameter(
        "batch_size",
        128,
        "int",
        _POSITIVE,
        doc="""int
        Training batch size.""",
    ),
    Parameter(
        "learning_rate",
        0.003,
        "float",
        [Interval(Real, 0, None, closed="neither")],
        doc="""float
        Initial learning rate of Adam (pysster: 0.0005, which learned too
        slowly to get past early stopping on small data).""",
    ),
    Parameter(
        "patience_lr",
        5,
        "int",
        _POSITIVE,
        doc="""int
        Epochs without improvement of the monitored loss before the learning
        rate is halved.""",
    ),
    Parameter(
        "patience_stopping",
        15,
        "int",
        _POSITIVE,
        doc="""int
        Epochs without improvement before training stops; the weights of the
        best epoch are kept.""",
    ),
    Parameter(
        "epochs",
        500,
        "int",
        _POSITIVE,
        doc="""int
        Maximum number of epochs.""",
    ),
    Parameter(
        "kernel_constraint",
        3,
        "float | None",
        [Interval(Real, 0, None, closed="neither"), None],
        doc="""float or None
        Max-norm of the weights of every convolution, recurrent and hidden
        dense layer; None for no constraint.""",
    ),
    Parameter(
        "rnn_type",
        None,
        "str | None",
        [StrOptions({"LSTM", "GRU"}), None],
        doc="""{"LSTM", "GRU"} or None
        Recurrent layers between the convolutions and the dense layers
        (instead of Flatten).""",
    ),
    Parameter(
        RNN_NUM,
        1,
        "int",
        _POSITIVE,
        doc="""int
        Number of recurrent layers (when ``rnn_type`` is set).""",
    ),
    Parameter(
        "rnn_units",
        32,
        "int | tuple[int, ...]",
        _POSITIVE,
        doc="""int or tuple of int
        Units per recurrent layer.""",
        per_layer=RNN_NUM,
    ),
    Parameter(
        "rnn_bidirectional",
        True,
        "bool | tuple[bool, ...]",
        ["boolean"],
        doc="""bool or tuple of bool
        Whether each recurrent layer is bidirectional.""",
        per_layer=RNN_NUM,
    ),
    Parameter(
        "rnn_dropout_input",
        0.2,
        "float | tuple[float, ...]",
        _DROPOUT,
        doc="""float or tuple of float
        Dropout on the inputs of each recurrent layer.""",
        per_layer=RNN_NUM,
    ),
    Parameter(
        "rnn_dropout_recurrent",
        0.0,
        "float | tuple[float, ...]",
        _DROPOUT,
        doc="""float or tuple of float
        Dropout on the recurrent state of each recurrent layer.""",
        per_layer=RNN_NUM,
    ),
    Parameter(
        RESIDUAL_NUM,
        0,
        "int",
        _COUNT,
        doc="""int
        Dilated residual blocks after the convolution blocks (0 for none), as
        in BPNet's trunk: each adds ``ReLU(dilated Conv1D(h))`` to its input
        ``h``, keeping the last convolution block's kernels, so that later
        layers read motifs and their spacing over a wider stretch without
        pooling. Needs ``conv_num >= 1``.""",
        old=0,
    ),
    Parameter(
        "residual_kernel_len",
        3,
        "int",
        _POSITIVE,
        doc="""int
        Kernel length of the residual blocks' convolutions.""",
        old=3,
    ),
    Parameter(
        "residual_dilation",
        "doubling",
        "int | str | tuple[int, ...]",
        [*_POSITIVE, StrOptions({"doubling"})],
        doc="""int, "doubling" or tuple of int
        Dilation of each residual block's convolution; ``"doubling"``: 2, 4,
        8, ... (block i reads positions ``2 ** i`` apart).""",
        per_layer=RESIDUAL_NUM,
        old="doubling",
    ),
    Parameter(
        "residual_form",
        "same",
        "str",
        [StrOptions({"same", "valid"})],
        doc="""{"same", "valid"}
        ``"same"``: the convolution is padded, so the length is kept.
        ``"valid"`` (BPNet): no padding; the residual is cropped to the
        convolution's output, dropping edge positions that would read padding.""",
        old="same",
    ),
    Parameter(
        "alphabet",
        "ACGT",
        "str | tuple | Alphabet | JointAlphabet",
        [str, tuple, Alphabet, JointAlphabet],
        doc="""str, Alphabet or tuple of two
        Symbols of string input: ``"ACGT"``, ``"ACGU"``, the 20 amino acids
        (:data:`skmotif.PROTEIN`) or any string of symbols; case-insensitive.
        A (sequence, structure) pair such as ``("ACGU", "EHIMS")`` takes X
        as pairs of strings, encoded jointly. Ignored for numeric X.""",
    ),
    Parameter(
        "reverse_complement",
        False,
        "bool",
        ["boolean"],
        doc="""bool
        Train on both strands: every epoch reads each training sequence on a
        random strand (reverse complemented inside the input pipeline, no
        copy of the data). DNA or RNA sequences only; validation data are
        never augmented.""",
        old=False,
    ),
    Parameter(
        "max_shift",
        0,
        "int",
        _COUNT,
        doc="""int
        Shift each training sequence by a random number of positions in
        ``[-max_shift, max_shift]``, drawn anew every epoch; the positions
        shifted in read as unknown symbols. Sequence input only; validation
        data are never shifted.""",
        old=0,
    ),
    Parameter(
        "random_crop",
        0,
        "int",
        _COUNT,
        doc="""int
        Train on random crops: the network reads ``2 * random_crop``
        positions fewer than X's sequences, and every epoch each training
        sequence is read at a random window of that length (within its
        known symbols), as BPNet's jitter: cut genome regions this much
        wider on each side (:func:`skmotif.genome.extract`'s ``flank``) and
        the model learns to read sites off the centre, as a scan meets them.
        Validation data and predictions read each sequence's central window
        (sequences of the network's length are read as they are). Sequence
        input only.""",
        old=0,
    ),
    Parameter(
        "average_strands",
        False,
        "bool",
        ["boolean"],
        doc="""bool
        Predictions (and the reports, ``skmotif predict``) average the
        outputs of each sequence and of its reverse complement. DNA or RNA
        sequences only. Interpretation (kernels, attribution) reads the
        sequences as given.""",
        old=False,
    ),
    Parameter(
        "random_state",
        None,
        "int | np.random.RandomState | None",
        ["random_state"],
        doc="""int, RandomState instance or None
        Seeds weight initialisation, dropout, shuffling and the validation
        split; the same int gives identical predictions on a CPU.""",
    ),
    Parameter(
        "validation_fraction",
        0.1,
        "float",
        [Interval(Real, 0, 1, closed="left")],
        doc="""float in [0, 1)
        Share of the training data held out to monitor the loss, rounded
        up (for a classifier's single-label y: stratified, and at least one
        sample per class). With 0 and no ``validation_data``, the training
        loss is monitored.""",
    ),
    Parameter(
        "verbose",
        0,
        "int",
        ["verbose"],
        doc="""int
        0 silent, 1 one line per epoch, 2 a progress bar.""",
    ),
    Parameter(
        "callbacks",
        None,
        "list | None",
        [list, None],
        doc="""list of keras.callbacks.Callback or None
        Called during training after the fixed learning-rate halving and
        early stopping, e.g. for logging or timing; not saved with the model.
        Their ``model`` is the compiled copy that trains (kept between fits
        of one architecture), whose weights become ``model_`` at the end;
        its ``get_layer``, ``save`` and ``save_weights`` act on the network,
        so ``keras.callbacks.ModelCheckpoint`` saves a network like ``model_``.
        Training runs 32 steps per call into TensorFlow, so batch-level
        hooks (``on_train_batch_end``) run once per 32 batches.""",
        old=None,
    ),
)

#: Every estimator's last two parameters: where a fit starts.
INIT_MOTIFS = Parameter(
    "init_motifs",
    None,
    "list | str | None",
    [list, tuple, str, None],
    doc="""list, str or None
    Known motifs that seed the first convolution's first kernels (the
    others stay random): strings, IUPAC consensus, JASPAR IDs (read
    offline through pyjaspar), :class:`~skmotif.Motif` objects, kernel
    pairs or TF-MoDISco patterns of another model, or the path of a MEME
    file. Each becomes log2-odds (bits) against a uniform background, held
    to ``kernel_constraint`` (not scaled down to the random kernels'
    range, which gave no gain on planted data); a motif wider than ``kernel_len`` gives its
    most informative ``kernel_len`` positions, a narrower one is centred
    with zeros (no preference) around it. Seeded kernels train like the
    others; ``seeded_kernels_`` keeps their start, and the kernel report
    says how far each moved. Not with ``warm_start`` continuing a fit.""",
    old=None,
)
PARENT = Parameter(
    "parent",
    None,
    "str | os.PathLike | BaseEstimator | None",
    ["no_validation"],  # checked in fit, with errors that say what to give
    doc="""str, path-like, estimator or None
    Fine-tuning: a fitted model whose trunk (the convolution and
    residual blocks) this fit starts from: a saved model's folder, a
    fitted skmotif estimator, one wrapped in
    ``sklearn.frozen.FrozenEstimator`` (which ``clone`` and searches
    keep fitted; a bare fitted estimator is cloned unfitted and
    refused by name), or a plain ``keras.Model`` whose layers have the
    trunk's names and shapes (``conv_1``, ``conv_2``, ...). The layers
    after the trunk and the head are new, so the task may differ
    (other classes, a regressor on a classifier's trunk) and, where
    only convolutions are reused, the input length too. The trunk's
    parameters and alphabet must match the parent's (an error names
    the first layer that does not); the whole network then trains, at
    ``learning_rate``. ``parent_`` records the parent (estimator,
    version, weights checksum, folder).""",
    old=None,
)
WARM_START = Parameter(
    "warm_start",
    False,
    "bool",
    ["boolean"],
    doc="""bool
    When the estimator is fitted, :meth:`fit` continues from the network's
    current weights instead of new ones, with a fresh optimiser (as
    scikit-learn's ``MLPClassifier``), the same validation split seed and
    the same training settings. The input shape, the classes (or outputs)
    and every layer must match the fitted network; otherwise fit raises a
    ValueError naming what differs, before any training. A fresh Adam
    starts from zero moments, so with a high ``learning_rate`` the first
    epoch of a continued fit can lose ground. ``clone`` and searches start
    anew, as in scikit-learn. There is no ``partial_fit``:
    a network learns from many passes over shuffled data, and one batch at
    a time would train it on the order the batches come in.""",
    old=False,
)


#: ConvMotifClassifier's parameters, in the order of its ``__init__``.
CLASSIFIER = (
    *SHARED,
    Parameter(
        "class_weight",
        None,
        "str | dict | None",
        [StrOptions({"balanced"}), dict, None],
        doc="""\"balanced", dict or None
        Loss weight per class (single-label only); "balanced" weighs classes
        inversely to their frequency.""",
    ),
    INIT_MOTIFS,
    PARENT,
    WARM_START,
)

#: ConvMotifRegressor's parameters, in the order of its ``__init__``.
REGRESSOR = (
    *SHARED,
    Parameter(
        "loss",
        "mse",
        "str",
        [StrOptions(KINDS["values"])],
        doc="""{"mse", "poisson", "huber"} or another registered value head
        ``"mse"``: squared error on the standardised targets. ``"poisson"``:
        Poisson negative log-likelihood for counts (y >= 0), with an
        exponential output, so the network's pre-activation is the log of the
        predicted rate. ``"huber"``: squared error within one standard
        deviation of the target, absolute error beyond (robust to outliers).""",
    ),
    Parameter(
        "missing_targets",
        "error",
        "str",
        [StrOptions({"error", "mask"})],
        doc="""{"error", "mask"}
        What NaN in y means. ``"error"``: a ValueError naming the rows.
        ``"mask"``: a measurement that is missing (e.g. one cell type of a
        multi-task y); the loss leaves it out, output by output, so each
        sample trains the outputs it has. :meth:`score` needs complete y.""",
    ),
    INIT_MOTIFS,
    PARENT,
    WARM_START,
)


def _shared(name: str, **changes) -> Parameter:
    """The shared declaration of ``name``, with other values (e.g. another default)."""
    from dataclasses import replace

    return replace(next(p for p in SHARED if p.name == name), **changes)


#: ConvMotifProfileRegressor's parameters, in the order of its ``__init__``: bpnet-lite's
#: network and training by default.
PROFILE = (
    Parameter(
        "kernel_num",
        64,
        "int",
        _POSITIVE,
        doc="""int
        Filters of the first convolution and of every residual block.""",
    ),
    Parameter(
        "kernel_len",
        21,
        "int",
        _POSITIVE,
        doc="""int
        Width of the first convolution.""",
    ),
    _shared(
        RESIDUAL_NUM,
        default=8,
        doc="""int
        Dilated residual blocks, ``h + ReLU(dilated Conv1D(h))`` without
        padding (BPNet's trunk; the residual is cropped to the convolution's
        output).""",
    ),
    _shared("residual_kernel_len"),
    _shared("residual_dilation"),
    Parameter(
        "profile_kernel_len",
        75,
        "int",
        _POSITIVE,
        doc="""int
        Width of the profile head's convolution.""",
    ),
    Parameter(
        "count_weight",
        "auto",
        "float | str",
        [Interval(Real, 0, None, closed="left"), StrOptions({"auto"})],
        doc="""float or "auto"
        Weight of the squared error of ``log(1 + total count)`` beside the
        profile's multinomial negative log-likelihood. ``"auto"``: the median
        total count of the training regions divided by 10, at least 1
        (ChromBPNet's rule), so the two losses weigh alike whatever the
        depth; ``count_weight_`` holds the value used.""",
    ),
    _shared(
        "random_crop",
        default=128,
        doc="""int
        Jitter: X's sequences and y's count windows are ``2 * random_crop``
        positions longer than the network's input and output, and every
        epoch each training region is read at a random offset within that
        margin, the same for its sequence and counts (bpnet-lite's
        ``max_jitter``, 128 by default). Validation data and predictions read
        the central windows.""",
    ),
    _shared(
        "reverse_complement",
        default=True,
        doc="""bool
        Train on both strands: every epoch reads each training region on a
        random strand, reverse complementing the sequence and reversing the
        counts along positions and tracks (so a + and - strand pair swap).""",
    ),
    _shared("batch_size", default=64),
    _shared("learning_rate", default=0.001),
    _shared("patience_lr", default=3),
    _shared("patience_stopping", default=5),
    _shared("epochs", default=50),
    _shared(
        "alphabet",
        annotation="str | Alphabet",
        constraints=[str, Alphabet],
        doc="""str or Alphabet
        Symbols of the sequences: ``"ACGT"`` (or ``"ACGU"``); case-insensitive.""",
    ),
    _shared("random_state"),
    _shared("validation_fraction"),
    _shared("verbose"),
    _shared("callbacks"),
    INIT_MOTIFS,
    PARENT,
    WARM_START,
)


def per_layer(parameters: tuple[Parameter, ...]) -> dict[str, tuple[str, ...]]:
    """{layer count: the names of the parameters that take one value per its layers}."""
    found: dict[str, tuple[str, ...]] = {}
    for parameter in parameters:
        if parameter.per_layer is not None:
            found[parameter.per_layer] = (*found.get(parameter.per_layer, ()), parameter.name)
    return found


#: Which per-layer parameters belong to which layer count.
PER_LAYER = per_layer(SHARED)
#: The parameters that may be ``"auto"``, resolved for the input's length (``auto.py``).
AUTO_NAMES = tuple(
    p.name
    for p in SHARED
    if any(isinstance(c, StrOptions) and "auto" in c.options for c in p.constraints)
)


def constraints(parameters: tuple[Parameter, ...]) -> dict[str, list]:
    """scikit-learn's ``_parameter_constraints``: per-layer parameters also take a tuple."""
    return {
        p.name: "no_validation"
        if p.constraints == ("no_validation",)
        else [*p.constraints, tuple]
        if p.per_layer
        else list(p.constraints)
        for p in parameters
    }


def older_values(parameters: tuple[Parameter, ...]) -> dict[str, object]:
    """{name: value} of the parameters that files saved before them lack, as loading sets them."""
    return {p.name: p.old for p in parameters if p.old is not ALWAYS}


def per_layer_note(parameters: tuple[Parameter, ...]) -> str:
    """The docstring paragraph that names the per-layer parameters."""
    names = [f"``{name}``" for names in per_layer(parameters).values() for name in names]
    if len(names) == 1:
        count = next(iter(per_layer(parameters)))
        text = (
            f"{names[0]} takes one value for all layers or a tuple with one value per layer "
            f"(``{count}`` of them)."
        )
        return textwrap.fill(text, 75, break_long_words=False, break_on_hyphens=False)
    text = (
        f"Per-layer parameters ({', '.join(names[:-1])} and {names[-1]}) take one value for "
        "all layers of their kind or a tuple with one value per layer, e.g. "
        "``conv_num=2, kernel_num=(10, 20)``."
    )
    return textwrap.fill(text, 75, break_long_words=False, break_on_hyphens=False)


def document(docstring: str, parameters: tuple[Parameter, ...]) -> str:
    """``docstring`` with its placeholder lines replaced, each indented as its line.

    ``%(per_layer)s`` becomes :func:`per_layer_note`, ``%(parameters)s`` the
    parameters' numpydoc entries (:attr:`Parameter.entry`).

    Raises
    ------
    ValueError
        When the docstring lacks either line.
    """
    texts = {
        "per_layer": per_layer_note(parameters),
        "parameters": "\n".join(p.entry for p in parameters),
    }
    for key, text in texts.items():
        found = re.search(rf"^([ \t]*)%\({key}\)s[ \t]*$", docstring, flags=re.MULTILINE)
        if found is None:
            raise ValueError(f"The docstring has no '%({key})s' line.")
        indented = textwrap.indent(text, found.group(1))
        docstring = docstring[: found.start()] + indented + docstring[found.end() :]
    return docstring
