"""The command line's experiments: ``insert``, ``spacing``, ``ablate`` and ``design``."""

from __future__ import annotations

from ._cli_input import check_output_path
from ._files import write_table


def add_parsers(commands):
    """Add the four experiment commands to the ``skmotif`` parser's subcommands."""
    insert = _common(commands, "insert", "what a motif does inserted into shuffled backgrounds")
    insert.add_argument("--motif", required=True, help=_MOTIF_HELP)
    insert.add_argument(
        "--positions",
        default="center",
        help="'center' (default), 'all', or 0-based starts separated by commas",
    )
    insert.add_argument("--strand", choices=["+", "-"], default="+")
    spacing = _common(commands, "spacing", "whether two motifs cooperate, by spacing and strand")
    spacing.add_argument("--first", required=True, help=_MOTIF_HELP)
    spacing.add_argument("--second", required=True, help="the second motif, likewise")
    spacing.add_argument("--max-spacing", type=int, default=50, help="largest spacing (50)")
    ablate = _common(commands, "ablate", "what destroying a motif's occurrences costs")
    ablate.add_argument("--motif", required=True, help=_MOTIF_HELP)
    ablate.add_argument("--method", choices=["shuffle", "unknown"], default="shuffle")
    ablate.add_argument("--threshold", type=float, help="relative score of an occurrence")
    ablate.add_argument("--per-sequence", metavar="TSV", help="also write the per-sequence table")
    ablate.add_argument("--figure", metavar="PNG", help="also draw the occurrences' effects")
    _design_parser(commands)


_MOTIF_HELP = "a motif: a string, an IUPAC consensus, or a JASPAR ID such as MA0139.1"


def _common(commands, name, text):
    sub = commands.add_parser(name, help=text)
    sub.add_argument("model", help="a model folder written by train")
    sub.add_argument(
        "fasta",
        help="sequences: shuffled into backgrounds (insert, spacing), or searched (ablate)",
    )
    _shared(sub)
    if name != "ablate":
        sub.add_argument("--n-backgrounds", type=int, default=100, help="backgrounds (100)")
        sub.add_argument("--genome", help="draw GC-matched backgrounds from this genome FASTA")
        sub.add_argument("--figure", metavar="PNG", help="also draw the effects")
    sub.set_defaults(run=_run)
    return sub


def _shared(sub):
    sub.add_argument("--out", default="-", help="TSV file (default: standard output)")
    sub.add_argument("--target", help="the class or output read (default: the last class)")
    sub.add_argument("--random-state", type=int, default=0, help="seed of every draw (0)")


def _design_parser(commands):
    sub = commands.add_parser("design", help="sequences that maximise a prediction, by edits")
    sub.add_argument("model", help="a model folder written by train")
    _shared(sub)
    sub.add_argument("--starts", metavar="FASTA", help="sequences to edit (default: random)")
    sub.add_argument("--n-designs", type=int, default=10, help="random starts (10)")
    sub.add_argument("--versus", help="maximise --target minus this class or output")
    sub.add_argument("--gc", nargs=2, type=float, metavar=("LOW", "HIGH"), help="GC range")
    sub.add_argument("--forbidden", nargs="+", default=[], metavar="MOTIF")
    sub.add_argument("--fixed", help="0-based positions never edited, separated by commas")
    sub.add_argument("--max-edits", type=int, help="most positions changed from the start")
    sub.add_argument("--method", choices=["greedy", "anneal"], default="greedy")
    sub.add_argument("--steps", type=int, help="steps (greedy 20, anneal 2000)")
    sub.add_argument("--check", metavar="MODEL", help="a second model that scores the designs")
    sub.add_argument("--motif", nargs="+", default=[], help="count these motifs in each design")
    sub.add_argument(
        "--match",
        metavar="DATABASE",
        help="name each design's motifs from a JASPAR release (JASPAR2024) or a MEME file",
    )
    sub.set_defaults(run=_run)


def _ints(text, option):
    try:
        return [int(v) for v in text.split(",")]
    except ValueError:
        raise ValueError(
            f"{option} takes 0-based positions separated by commas; got {text!r}."
        ) from None


def _run(args):
    """Run an experiment command: check the output, load, compute, write."""
    from ._saving import load

    for path in (args.out, getattr(args, "per_sequence", None), getattr(args, "figure", None)):
        if path not in (None, "-"):
            check_output_path(path, folder=False)
    model = load(args.model)
    target = _target(model, args.target)
    main, extra = _EXPERIMENTS[args.command](model, args, target)
    write_table(main, args.out)
    if getattr(args, "per_sequence", None):
        write_table(extra, args.per_sequence)
    if getattr(args, "figure", None):
        from . import plotting
        from ._figures import save_figure

        draw = {"insert": "plot_insertion", "spacing": "plot_spacing", "ablate": "plot_ablation"}
        save_figure(getattr(plotting, draw[args.command])(main).figure, args.figure)
    return 0


def _target(model, name):
    """A target named on the command line, as the model's own label (classes may be ints)."""
    if name is None or model.head_family == "profiles":
        return None
    for label in model.output_names():
        if str(label) == name:
            return label
    return name  # the experiment's error names the labels there are


def _sequences(path):
    from .io import read_fasta

    return read_fasta(path)[1]


def _insert(model, args, target):
    from .experiments import insert_motif

    positions = {"center": None, "all": "all"}.get(args.positions)
    if positions is None and args.positions != "center":
        positions = _ints(args.positions, "--positions")
    table = insert_motif(
        model, args.motif, _sequences(args.fasta), positions, args.strand, target,
        args.n_backgrounds, genome=args.genome, random_state=args.random_state,
    )  # fmt: skip
    return table, None


def _spacing(model, args, target):
    from .experiments import motif_spacing

    table = motif_spacing(
        model, args.first, args.second, _sequences(args.fasta),
        spacings=range(args.max_spacing + 1), target=target, n_backgrounds=args.n_backgrounds,
        genome=args.genome, random_state=args.random_state,
    )  # fmt: skip
    return table, None


def _ablate(model, args, target):
    from .experiments import ablate_motif

    return ablate_motif(
        model, _sequences(args.fasta), args.motif, args.threshold, args.method,
        target=target, random_state=args.random_state,
    )  # fmt: skip


def _design(model, args, target):
    from ._saving import load
    from .experiments import design_sequences

    table = design_sequences(
        model, target, _target(model, args.versus), args.n_designs,
        None if args.starts is None else _sequences(args.starts), args.gc, args.forbidden,
        None if args.fixed is None else _ints(args.fixed, "--fixed"), args.max_edits,
        args.method, args.steps, None if args.check is None else load(args.check),
        args.motif, args.match, random_state=args.random_state,
    )  # fmt: skip
    return table, None


_EXPERIMENTS = {"insert": _insert, "spacing": _spacing, "ablate": _ablate, "design": _design}
