"""Checks of the arguments scoring functions take, so bad input is a ValidationError, never a raw error."""

from __future__ import annotations

import enum
import math
from typing import TypeVar

from valuering.errors import Problem, ValidationError, did_you_mean

E = TypeVar("E", bound=enum.Enum)


def is_number(value: object) -> bool:
    """Whether ``value`` is a finite int or float (``True`` and ``False`` are not numbers here)."""
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


def member(kind: type[E], value: object, path: str) -> E:
    """``kind(value)``, or a ValidationError that lists the allowed values and suggests the closest.

    >>> from valuering.model import Horizon
    >>> member(Horizon, "long", "horizon")
    <Horizon.LONG: 'long'>
    >>> member(Horizon, "lnog", "horizon")
    Traceback (most recent call last):
    ...
    valuering.errors.ValidationError: 1 problem:
      horizon: 'lnog' is not a Horizon (one of 'short', 'short-medium', 'medium', 'medium-long', 'long'); did you mean 'long'?
    """
    try:
        return kind(value)
    except (ValueError, TypeError):
        allowed = [str(m.value) for m in kind]
        listed = ", ".join(map(repr, allowed))
        hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
        raise ValidationError(
            [Problem(path, f"{value!r} is not a {kind.__name__} (one of {listed}){hint}")]
        ) from None
