"""Checks of the arguments scoring functions take, so bad input is a ValidationError, never a raw error."""

from __future__ import annotations

import math

from valuering.errors import member

__all__ = ["is_number", "member"]


def is_number(value: object) -> bool:
    """Whether ``value`` is a finite int or float (``True`` and ``False`` are not numbers here)."""
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)
