"""Names taken off the public surface in 0.6.0: still importable, with a FutureWarning, until 0.7.

Each public module that lost names sets ``__getattr__ = removed_names(__name__, {...})``;
Python calls it only for a name the module does not define, so the warning is raised once
per import or attribute access, and the object returned is the one 0.5 had (same behaviour).
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable

#: The release that removes the names below.
REMOVED_IN = "0.7.0"


def removed_names(
    module: str, names: dict[str, tuple[str, str, str]], stacklevel: int = 2
) -> Callable:
    """A module ``__getattr__`` serving names that are no longer public.

    Parameters
    ----------
    module : str
        The public module, e.g. ``"skmotif.io"``.
    names : dict of str to (str, str, str)
        Old name -> (private module that holds the object, its name there, what to use
        instead, said to the user).
    stacklevel : int, default=2
        Frames between the warning and the user's line: 2 when the result is the module's
        ``__getattr__``, one more for each function that wraps it.

    Returns
    -------
    callable
        ``__getattr__(name)``: the object with a FutureWarning for an old name,
        AttributeError otherwise.
    """

    def __getattr__(name):
        if name not in names:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        where, attribute, instead = names[name]
        warnings.warn(
            f"{module}.{name} is no longer part of skmotif's public API (0.6.0) and will be "
            f"removed in {REMOVED_IN}; {instead}.",
            FutureWarning,
            stacklevel=stacklevel,
        )
        return getattr(importlib.import_module(where), attribute)

    return __getattr__
