"""RNA secondary structure: folding (ViennaRNA, optional) and structural elements.

Element alphabet ``"EHIMS"``, one letter per
position:

* ``S`` stem: the position is paired;
* ``H`` hairpin loop: unpaired, in a loop closed by one pair with no pair inside;
* ``I`` internal loop or bulge: unpaired, in a loop with exactly one inner pair;
* ``M`` multiloop: unpaired, in a loop with two or more inner pairs;
* ``E`` exterior: unpaired and enclosed by no pair (5'/3' ends, between domains).

pysster used "HIMS" and filled exterior positions with random letters; here
every position keeps its meaning.
"""

from ._alphabet import SequenceError

__all__ = ["dotbracket_to_elements", "fold"]

_OPEN = {"(": ")", "[": "]", "{": "}", "<": ">"}
_CLOSE = {v: k for k, v in _OPEN.items()}


def _pair_table(structure):
    partner = [-1] * len(structure)
    stacks = {bracket: [] for bracket in _OPEN}
    fix = "Balance the brackets of the dot-bracket structure."
    for i, symbol in enumerate(structure):
        if symbol in _OPEN:
            stacks[symbol].append(i)
        elif symbol in _CLOSE:
            if not stacks[_CLOSE[symbol]]:
                problem = f"has {symbol!r}" + "{at}" + ", which closes no open bracket"
                raise SequenceError("Structure", None, problem, fix, position=i)
            j = stacks[_CLOSE[symbol]].pop()
            partner[i], partner[j] = j, i
        elif symbol not in ".,_-:":
            raise SequenceError(
                "Structure",
                None,
                f"has {symbol!r}" + "{at}" + ", which is not dot-bracket notation",
                "Use '.', '(', ')' and, for pseudoknots, '[]{}<>'.",
                position=i,
            )
    for bracket, open_positions in stacks.items():
        if open_positions:
            problem = f"has {bracket!r}" + "{at}" + ", which is never closed"
            raise SequenceError("Structure", None, problem, fix, position=open_positions[-1])
    return partner


def dotbracket_to_elements(structure: str) -> str:
    """Annotate a dot-bracket structure with structural elements (E, H, I, M, S).

    Parameters
    ----------
    structure : str
        Dot-bracket notation, e.g. ``"..((((...))))..."``; ``[]{}<>`` mark
        pseudoknot pairs (annotated S; loops are found from ``()`` pairs).

    Returns
    -------
    elements : str
        Same length, one of ``E H I M S`` per position (see module notes).

    Raises
    ------
    ValueError
        For unbalanced brackets or other symbols, naming the position.

    Examples
    --------
    >>> dotbracket_to_elements("..((..((...))..))..")
    'EESSIISSHHHSSIISSEE'
    """
    partner = _pair_table(structure)
    nested = _pair_table("".join(c if c in "()" else "." for c in structure))
    elements = ["S" if p >= 0 else "" for p in partner]
    loops = [(0, len(structure) - 1, False)]  # (first, last, closed by a pair)
    while loops:
        first, last, closed = loops.pop()
        unpaired, inner = [], 0
        p = first
        while p <= last:
            if nested[p] > p:
                inner += 1
                loops.append((p + 1, nested[p] - 1, True))
                p = nested[p] + 1
            else:
                unpaired.append(p)
                p += 1
        kind = "E" if not closed else "H" if inner == 0 else "I" if inner == 1 else "M"
        for p in unpaired:
            if partner[p] < 0:
                elements[p] = kind
    return "".join(elements)


def _fold_one(sequence):
    import RNA

    return RNA.fold(sequence.upper().replace("T", "U"))[0]


def fold(sequences: list[str], annotate: bool = True, n_jobs: int | None = None) -> list[str]:
    """Minimum free energy structures, computed with ViennaRNA in parallel.

    Parameters
    ----------
    sequences : list of str
        RNA (or DNA: T is folded as U).
    annotate : bool, default=True
        Return structural elements (:func:`dotbracket_to_elements`) instead
        of dot-bracket strings.
    n_jobs : int, optional
        joblib processes; None means 1 unless in a joblib backend context.

    Returns
    -------
    structures : list of str
        One per sequence, same lengths.

    Raises
    ------
    ImportError
        When ViennaRNA is missing: ``pip install "skmotif[rna]"``.
    """
    try:
        import RNA  # noqa: F401
    except ImportError:
        raise ImportError(
            'fold needs ViennaRNA: pip install "skmotif[rna]" (or pip install ViennaRNA).'
        ) from None
    from joblib import Parallel, delayed

    from ._progress import progress

    structures = []
    with progress("Folding (RNAfold)", len(sequences), "sequences") as counter:
        folded = Parallel(n_jobs=n_jobs, batch_size=256, return_as="generator")(
            delayed(_fold_one)(s) for s in sequences
        )
        for structure in folded:
            structures.append(structure)
            counter.update()
    return [dotbracket_to_elements(s) for s in structures] if annotate else list(structures)
