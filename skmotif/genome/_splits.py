"""Splits that keep whole chromosomes apart, for train/test splits and cross-validation.

Neighbouring regions of one chromosome share sequence (overlapping peaks, repeats,
the same locus at several widths); a random split leaks it from training into the
test set. These splitters keep every chromosome on one side. They take the
chromosome of each sample either when made (``chromosomes=``) or, as scikit-learn's
group splitters do, from ``groups`` at split time (``GridSearchCV(...).fit(X, y,
groups=regions.chrom)``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Iterator

    from numpy.typing import ArrayLike


def _chromosomes(own, groups, n_samples):
    chromosomes = own if groups is None else groups
    if chromosomes is None:
        raise ValueError(
            "Give each sample's chromosome: chromosomes=regions['chrom'] when making the "
            "splitter, or groups=regions['chrom'] to fit or split."
        )
    chromosomes = np.asarray(chromosomes).astype(str)
    if n_samples is not None and len(chromosomes) != n_samples:
        raise ValueError(f"{len(chromosomes)} chromosomes are given for {n_samples} samples.")
    return chromosomes


class ChromosomeSplit:
    """One split by named chromosomes: test chromosomes out, the rest to train.

    Parameters
    ----------
    test : list of str
        The test chromosomes, e.g. ``["chr8", "chr9"]``.
    validation : list of str, optional
        Chromosomes held out of training for the validation loss as well
        (see :meth:`split3`); :meth:`split` leaves them out of both sides.
    chromosomes : array-like of str, shape (n_samples,), optional
        Each sample's chromosome; else ``groups`` at split time.

    Examples
    --------
    >>> from skmotif.genome import ChromosomeSplit
    >>> cv = ChromosomeSplit(test=["chr2"], chromosomes=["chr1", "chr2", "chr1", "chr3"])
    >>> [(train.tolist(), test.tolist()) for train, test in cv.split([0] * 4)]
    [([0, 2, 3], [1])]
    """

    def __init__(
        self,
        test: list[str],
        validation: list[str] | None = None,
        chromosomes: ArrayLike | None = None,
    ):
        self.test = list(test)
        self.validation = list(validation or [])
        self.chromosomes = chromosomes
        overlap = set(self.test) & set(self.validation)
        if overlap:
            raise ValueError(
                f"The chromosomes {sorted(overlap)} are both test and validation chromosomes."
            )
        if not self.test:
            raise ValueError("Name at least one test chromosome.")

    def get_n_splits(
        self,
        X: ArrayLike | None = None,
        y: ArrayLike | None = None,
        groups: ArrayLike | None = None,
    ) -> int:
        return 1

    def split3(
        self,
        X: ArrayLike | None = None,
        y: ArrayLike | None = None,
        groups: ArrayLike | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows of training, validation and test chromosomes.

        Raises
        ------
        ValueError
            When a named chromosome holds no sample (a typo, or ``1`` for
            ``chr1``), or nothing is left to train on.
        """
        chromosomes = _chromosomes(self.chromosomes, groups, None if X is None else len(X))
        present = set(chromosomes)
        for name in self.test + self.validation:
            if name not in present:
                from ._regions import closest_name

                hint = closest_name(name, sorted(present))
                raise ValueError(f"No sample is on the chromosome {name!r}.{hint}")
        test = np.isin(chromosomes, self.test)
        validation = np.isin(chromosomes, self.validation)
        train = ~(test | validation)
        if not train.any():
            raise ValueError("Every sample is on a test or validation chromosome; none is left.")
        return np.flatnonzero(train), np.flatnonzero(validation), np.flatnonzero(test)

    def split(
        self,
        X: ArrayLike | None = None,
        y: ArrayLike | None = None,
        groups: ArrayLike | None = None,
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Yield (train rows, test rows) once; validation chromosomes are in neither."""
        train, _, test = self.split3(X, y, groups)
        yield train, test

    def __repr__(self):
        return f"ChromosomeSplit(test={self.test!r}, validation={self.validation!r})"


class ChromosomeKFold:
    """K folds of whole chromosomes, of balanced sizes.

    Chromosomes are dealt, the largest (most samples) first, each to the
    fold with the fewest samples so far: as scikit-learn's ``GroupKFold``,
    with the chromosomes as groups.

    Parameters
    ----------
    n_splits : int, default=5
    chromosomes : array-like of str, shape (n_samples,), optional
        Each sample's chromosome; else ``groups`` at split time.
    """

    def __init__(self, n_splits: int = 5, chromosomes: ArrayLike | None = None):
        if not isinstance(n_splits, int) or n_splits < 2:
            raise ValueError(f"n_splits must be an int >= 2; got {n_splits!r}.")
        self.n_splits = n_splits
        self.chromosomes = chromosomes

    def get_n_splits(
        self,
        X: ArrayLike | None = None,
        y: ArrayLike | None = None,
        groups: ArrayLike | None = None,
    ) -> int:
        return self.n_splits

    def folds(self, chromosomes: ArrayLike) -> list[list[str]]:
        """The chromosomes of each fold.

        Raises
        ------
        ValueError
            When there are fewer chromosomes than folds.
        """
        names, counts = np.unique(np.asarray(chromosomes).astype(str), return_counts=True)
        if len(names) < self.n_splits:
            raise ValueError(
                f"{len(names)} chromosomes cannot make {self.n_splits} folds of whole "
                "chromosomes; use fewer folds."
            )
        folds, sizes = [[] for _ in range(self.n_splits)], np.zeros(self.n_splits)
        for i in np.argsort(-counts, kind="stable"):
            smallest = int(np.argmin(sizes))
            folds[smallest].append(str(names[i]))
            sizes[smallest] += counts[i]
        return folds

    def split(
        self,
        X: ArrayLike | None = None,
        y: ArrayLike | None = None,
        groups: ArrayLike | None = None,
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Yield (train rows, test rows) per fold."""
        chromosomes = _chromosomes(self.chromosomes, groups, None if X is None else len(X))
        for fold in self.folds(chromosomes):
            test = np.isin(chromosomes, fold)
            yield np.flatnonzero(~test), np.flatnonzero(test)

    def __repr__(self):
        return f"ChromosomeKFold(n_splits={self.n_splits})"
