"""``python -m skmotif``: the ``skmotif`` command, where the scripts folder is not on PATH.

``python -m skmotif --help``, ``python -m skmotif train neg.fa pos.fa``: the
same commands, options, messages and exit status as ``skmotif``.
"""

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())
