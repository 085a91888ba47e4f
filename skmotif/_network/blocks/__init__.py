"""The block types, one module each.

A network stacks its blocks stage by stage (``parts.STAGES``): convolutions,
then dilated residual blocks (the trunk); recurrent layers or a flatten (the
reduction); dense layers (features). Within a stage, blocks come in the order
their types were registered: importing ``conv`` before ``residual`` puts the
convolutions first.
"""

from .conv import Conv
from .dense import Dense
from .flatten import Flatten
from .recurrent import Recurrent
from .residual import Residual

__all__ = ["Conv", "Dense", "Flatten", "Recurrent", "Residual"]
