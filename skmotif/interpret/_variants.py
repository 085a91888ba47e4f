"""Variant effects: how a single-symbol change moves the prediction of a class or output."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
from sklearn.utils.validation import check_is_fitted

from .._alphabet import Alphabet
from .._codec import _check_collection
from .._network.build import logit_function
from .._network.predict import run_batches, strand_mean
from ._attribution import substitution_logits

if TYPE_CHECKING:
    import pandas as pd
    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

#: Columns of the table :func:`variant_effects` returns for a classifier.
VARIANT_COLUMNS = ["sequence", "position", "ref", "alt", "ref_proba", "alt_proba", "logit_diff"]
#: ... and for a regressor.
REGRESSION_VARIANT_COLUMNS = [*VARIANT_COLUMNS[:4], "ref_value", "alt_value", "difference"]
#: ... and for a profile model (``ProfileHead.variant_columns``).
PROFILE_VARIANT_COLUMNS = [
    *VARIANT_COLUMNS[:4],
    "ref_counts",
    "alt_counts",
    "log_counts_diff",
    "profile_jsd",
]
_GIVEN = VARIANT_COLUMNS[:4]  # what each variant states


def variant_effects(
    estimator: BaseEstimator,
    sequences: dict | list | tuple,
    variants: pd.DataFrame | ArrayLike,
    target: object = None,
    batch_size: int = 2048,
) -> pd.DataFrame:
    """Effect of single-symbol variants on a class or output: reference against alternative.

    Parameters
    ----------
    estimator : fitted ConvMotifClassifier, ConvMotifRegressor or ConvMotifProfileRegressor
        Fit on sequences of one alphabet (DNA, RNA, protein, ...).
    sequences : sequence of str, or mapping of str to str
        The reference sequences. With a mapping (e.g.
        ``dict(zip(*skmotif.io.read_fasta(path)))``) variants name them by key.
    variants : pandas.DataFrame or sequence of (sequence, position, ref, alt)
        One variant per row: ``sequence`` (an index into ``sequences``, or a
        key of the mapping), ``position`` (0-based), ``ref`` (the symbol the
        sequence has there) and ``alt`` (a symbol of the alphabet).
    target : class label or output, optional
        The class whose probability and logit are reported (default the last
        class, the positive class of 0/1 labels), or the regressor's output
        (one of ``output_names_``; default its only output).
    batch_size : int, default=2048
        Mutant sequences per forward pass.

    Returns
    -------
    pandas.DataFrame
        One row per variant, in order. For a classifier, with
        :data:`VARIANT_COLUMNS`: ``ref_proba`` and ``alt_proba`` are
        ``predict_proba`` of the target for the reference and the mutated
        sequence (both strands averaged when the estimator's
        ``average_strands`` is set); ``logit_diff`` is the target's logit of
        the alternative minus that of the reference, the number
        :func:`~skmotif.interpret.ism` gives for the same substitution (the
        mean of both strands' with ``average_strands``). For a regressor,
        with :data:`REGRESSION_VARIANT_COLUMNS`: ``ref_value`` and
        ``alt_value`` are ``predict`` of the target output, in the units of
        the y it was fit on, and ``difference`` is alternative minus
        reference. For a profile model, with :data:`PROFILE_VARIANT_COLUMNS`
        (``target`` is not read): ``ref_counts`` and ``alt_counts`` are the
        predicted total counts, ``log_counts_diff`` is ``log(1 + alt) - log(1 +
        ref)`` of them (natural log), and ``profile_jsd`` the Jensen-Shannon
        distance (base 2, in [0, 1]) between the reference's and the
        alternative's predicted profiles, how much the variant changes the
        profile's shape whatever it does to the counts.

    Raises
    ------
    ValueError
        Before any computation: for a variant whose sequence does not exist,
        whose position is outside it, whose ``ref`` is not the symbol the
        sequence has there, or whose ``alt`` is not in the alphabet; for
        numeric or sequence + structure input.
    """

    check_is_fitted(estimator)
    alphabet = estimator.alphabet_
    if not isinstance(alphabet, Alphabet):
        kind = "numeric input" if alphabet is None else "sequence + structure pairs"
        raise ValueError(
            f"variant_effects changes symbols of sequences of one alphabet; this model reads "
            f"{kind}. Use skmotif.interpret.ism on the network input instead."
        )
    unit = estimator.output_index(target)
    keys, strings = _sequences(sequences)
    table = _variant_table(variants)
    rows, positions, symbols = _check_variants(table, keys, strings, alphabet)
    used, rows = np.unique(rows, return_inverse=True)  # encode each sequence once
    encoded = estimator.encode([strings[i] for i in used])
    mutated = [
        strings[used[r]][:p] + alphabet.symbols[s] + strings[used[r]][p + 1 :]
        for r, p, s in zip(rows, positions, symbols, strict=True)
    ]
    head = estimator.head()
    result = table[_GIVEN].copy()
    if head.family == "profiles":
        ref, alt = estimator.outputs(encoded)[rows], estimator.outputs(mutated)
        for name, values in head.variant_columns(ref, alt).items():
            result[name] = values
        return result.reset_index(drop=True)
    ref = head.decode(estimator.outputs(encoded))[rows, unit]
    alt = head.decode(estimator.outputs(mutated))[:, unit] if mutated else np.empty(0)
    if head.regression:
        result["ref_value"], result["alt_value"], result["difference"] = ref, alt, alt - ref
        return result.reset_index(drop=True)
    logits = logit_function(estimator.network())
    ends, complement = encoded.ends()[rows], encoded.complement()[symbols]

    def strand_diff(strand_input, strand):
        if strand == "+":
            return _logit_diff(logits, strand_input, rows, positions, symbols, unit, batch_size)
        mirrored = np.where(positions < ends, ends - 1 - positions, positions)
        return _logit_diff(logits, strand_input, rows, mirrored, complement, unit, batch_size)

    diff = strand_mean(strand_diff, encoded, estimator.average_strands)
    result["ref_proba"], result["alt_proba"], result["logit_diff"] = ref, alt, diff
    return result.reset_index(drop=True)


def _logit_diff(logits, encoded, rows, positions, symbols, unit, batch_size):
    """Target logit of each mutant minus that of its sequence, shape (n_variants,)."""
    base = np.concatenate([out[:, unit] for _, out in run_batches(logits, encoded, batch_size)])
    if not len(rows):
        return np.empty(0, np.float32)
    mutants = substitution_logits(logits, encoded, rows, positions, symbols, batch_size)
    return mutants[:, unit] - base[rows]


def _sequences(sequences):
    """(keys, strings): the names variants may use, and the sequences."""
    if isinstance(sequences, Mapping):
        return list(sequences.keys()), [str(s) for s in sequences.values()]
    _check_collection(sequences, "sequences")
    strings = [str(s) for s in sequences]
    return list(range(len(strings))), strings


def _variant_table(variants):
    import pandas as pd

    columns = _GIVEN
    if isinstance(variants, pd.DataFrame):
        missing = [c for c in columns if c not in variants.columns]
        if missing:
            raise ValueError(
                f"variants needs the columns {columns}; {missing} are missing "
                f"(it has {list(variants.columns)})."
            )
        return variants.reset_index(drop=True)
    rows = [tuple(v) for v in variants]
    if any(len(v) != 4 for v in rows):
        raise ValueError("Each variant is (sequence, position, ref, alt).")
    return pd.DataFrame(rows, columns=columns)


def _check_variants(table, keys, strings, alphabet, origin=0, where=None):
    """Sequence index, position and alternative symbol code of every variant, checked.

    Parameters
    ----------
    table : pandas.DataFrame
        With the columns sequence, position, ref, alt.
    keys, strings : list
        The sequences' names and the sequences.
    alphabet : Alphabet
    origin : {0, 1}, default=0
        What the table's positions count from (1 for files).
    where : callable, optional
        Row index -> where that variant is given, for messages (default
        ``"variant {n}"``).

    Returns
    -------
    rows, positions, symbols : ndarray of int, shape (n_variants,)
        Positions 0-based.
    """
    index = {key: i for i, key in enumerate(keys)}
    lookup = alphabet.lookup_table()
    rows, positions, symbols = [], [], []
    counted = "0-based" if origin == 0 else "1-based"
    for n, (name, position, ref, alt) in enumerate(table[_GIVEN].itertuples(index=False)):
        place = f"variant {n}" if where is None else where(n)
        at = f"{place} (sequence {name!r}, position {position})"
        i = index.get(name, index.get(str(name)))
        if i is None:
            numbered = keys == list(range(len(keys)))
            known = f"an index below {len(keys)}" if numbered else f"one of {keys[:3]}..."
            raise ValueError(f"{at}: no such sequence; give {known}.")
        if isinstance(position, bool) or not isinstance(position, (int, np.integer)):
            raise ValueError(f"{at}: the position must be an int ({counted}).")
        zero = int(position) - origin
        if not 0 <= zero < len(strings[i]):
            raise ValueError(
                f"{at}: outside the sequence of {len(strings[i])} symbols (positions are "
                f"{counted})."
            )
        actual = strings[i][zero]
        if str(ref).upper() != actual.upper():
            raise ValueError(
                f"{at}: the reference is {ref!r} but the sequence has {actual!r} there."
            )
        code = lookup[ord(alt)] if isinstance(alt, str) and len(alt) == 1 and alt.isascii() else -1
        if not 0 <= code < alphabet.size:
            raise ValueError(
                f"{at}: the alternative {alt!r} is not a symbol of the alphabet "
                f"'{alphabet.symbols}'."
            )
        rows.append(i)
        positions.append(zero)
        symbols.append(int(code))
    return (np.array(a, dtype=np.int64) for a in (rows, positions, symbols))
