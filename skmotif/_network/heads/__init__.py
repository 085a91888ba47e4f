"""The head kinds, one module per family of targets: classes, values and profiles."""

from .classes import ClassHead
from .profile import ProfileHead
from .values import ValueHead

__all__ = ["ClassHead", "ProfileHead", "ValueHead"]
