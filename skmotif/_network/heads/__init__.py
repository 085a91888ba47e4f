"""The head kinds, one module per family of targets: classes and values."""

from .classes import ClassHead
from .values import ValueHead

__all__ = ["ClassHead", "ValueHead"]
