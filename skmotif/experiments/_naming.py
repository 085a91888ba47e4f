"""Naming the motifs of sequences: database hits at the sites that drive the prediction."""

from __future__ import annotations

import numpy as np

from ..encoding import EncodedInput

#: FIMO's p-value threshold for a database hit (FIMO's own default).
HIT_P_VALUE = 1e-4
#: The share of a sequence's absolute DeepLIFT contribution a hit must carry to be named.
HIT_SHARE = 0.1


def load_database(readout, database):
    """The database's (ids, names, matrices, symbols), or the error naming the problem, before
    any work: memelite and pyjaspar missing, a model that does not read DNA or RNA, a bad
    database."""
    from ..matching import _MISSING, load_targets

    if not readout.nucleic:
        raise ValueError(
            f"Naming motifs needs DNA or RNA; the model reads '{readout.alphabet}'. "
            "Leave the database out."
        )
    try:
        import memelite  # noqa: F401
    except ImportError:
        raise ImportError(_MISSING) from None
    return load_targets(database)


def named_motifs(readout, codes, targets, random_state=0):
    """Per sequence, the database motifs at the sites its prediction rests on.

    A site is a FIMO hit (memelite, p <= :data:`HIT_P_VALUE`, both strands)
    whose summed DeepLIFT/SHAP contribution to the readout's target carries at
    least :data:`HIT_SHARE` of the sequence's absolute contribution; on random
    DNA most hits carry nearly none, so only the motifs the model reads are
    named. Overlapping hits (JASPAR holds many near-copies of a motif) are one
    site, named by its smallest p-value.

    Parameters
    ----------
    readout : Readout
        The model and target (a profile model: its counts).
    codes : ndarray of uint8, shape (n_sequences, length)
    targets : tuple
        :func:`load_database`'s.
    random_state : int, default=0
        For DeepLIFT's shuffled references.

    Returns
    -------
    list of str, one per sequence
        ``"NAME (ID) +|- at START"`` per site, ``+`` when it raises the
        target and ``-`` when it lowers it, in order of position, joined by
        ``"; "``; empty where no site carries enough.
    """
    import pandas as pd
    from memelite import fimo

    from ..interpret import deep_lift_shap

    ids, names, matrices, _ = targets
    encoded = EncodedInput(np.asarray(codes, np.uint8), readout.alphabet)
    target = "counts" if readout.family == "profiles" else readout.target
    contributions = deep_lift_shap(
        readout.estimator, encoded, target, random_state=random_state
    ).sum(axis=2)
    motifs = {str(i): matrix.T for i, matrix in enumerate(matrices)}
    found = fimo(motifs, encoded.one_hot().transpose(0, 2, 1), threshold=HIT_P_VALUE)
    hits = pd.concat([h for h in found if len(h)] or [pd.DataFrame(columns=_HIT_COLUMNS)])
    text = []
    for s, row in enumerate(contributions):
        mine = hits[hits.sequence_name == s].sort_values("p-value")
        total = np.abs(row).sum()
        sites, taken = [], np.zeros(len(row), bool)
        for hit in mine.itertuples():
            weight = row[hit.start : hit.end].sum()
            if abs(weight) < HIT_SHARE * total or taken[hit.start : hit.end].any():
                continue
            taken[hit.start : hit.end] = True
            m = int(hit.motif_idx)
            sign = "+" if weight > 0 else "-"
            sites.append((hit.start, f"{names[m]} ({ids[m]}) {sign} at {hit.start}"))
        text.append("; ".join(name for _, name in sorted(sites)))
    return text


_HIT_COLUMNS = ["motif_name", "motif_idx", "sequence_name", "start", "end", "strand", "p-value"]
