"""Field validators and converters shared by the model classes.

Each raises :class:`~valuering.errors.ValidationError` with one problem whose path is the field name and
whose message names the offending value, so a bad constructor call reads ``maturity: 7 is not in 1..5``.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NoReturn, TypeVar

import attrs

from valuering.errors import Problem, ValidationError

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def fail(attribute: attrs.Attribute[Any], message: str) -> NoReturn:
    raise ValidationError([Problem(attribute.name, message)])


def is_kebab_id(value: object) -> bool:
    return isinstance(value, str) and ID_PATTERN.match(value) is not None


def kebab_id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        fail(attribute, f"expected an id string, got {value!r}")
    elif not value:
        fail(attribute, "must not be empty")
    elif not is_kebab_id(value):
        fail(attribute, f"{value!r} is not a kebab-case id (lowercase letters, digits and '-')")


def text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        fail(attribute, f"expected a string, got {value!r}")


def name(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        fail(attribute, f"expected a string, got {value!r}")
    elif not value.strip():
        fail(attribute, "must not be empty")


def optional(validator: Validator) -> Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return check


def _require_int(attribute: attrs.Attribute[Any], value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        fail(attribute, f"{value!r} is not an integer")
    return value


def _require_number(attribute: attrs.Attribute[Any], value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        fail(attribute, f"{value!r} is not a number")
    try:
        number = float(value)
    except OverflowError:  # an int beyond the float range, e.g. a 400-digit JSON number
        fail(attribute, "the integer is too large for a number (beyond 1.8e308)")
    if not math.isfinite(number):
        fail(attribute, f"{value!r} is not a finite number")
    return number


def int_between(low: int, high: int) -> Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        number = _require_int(attribute, value)
        if not low <= number <= high:
            fail(attribute, f"{number} is not in {low}..{high}")

    return check


def positive_int(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if _require_int(attribute, value) <= 0:
        fail(attribute, f"{value} must be a positive integer")


def positive(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if _require_number(attribute, value) <= 0:
        fail(attribute, f"{value!r} must be greater than 0")


def number(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _require_number(attribute, value)


def unit_interval(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not 0.0 <= _require_number(attribute, value) <= 1.0:
        fail(attribute, f"{value!r} is not in [0, 1]")


def instance_of(kind: type[Any]) -> Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            expected = kind.__name__
            fail(attribute, f"expected {expected}, got {type(value).__name__} {value!r}")

    return check


def member_of(kind: type[E]) -> Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            allowed = ", ".join(repr(m.value) for m in kind)
            fail(attribute, f"{value!r} is not a {kind.__name__} (one of {allowed})")

    return check


def each(validator: Validator) -> Validator:
    """Apply ``validator`` to every item; the path names the item's index."""

    def check(instance: object, attribute: attrs.Attribute[Any], values: Iterable[object]) -> None:
        if not isinstance(values, tuple | frozenset):
            fail(attribute, f"expected a list, got {type(values).__name__} {values!r}")
        problems: list[Problem] = []
        for index, value in enumerate(values):
            try:
                validator(instance, attribute, value)
            except ValidationError as error:
                problems.extend(
                    Problem(f"{attribute.name}[{index}]", p.message) for p in error.problems
                )
        if problems:
            raise ValidationError(problems)

    return check


def each_key_value(key: Validator | None, value: Validator | None) -> Validator:
    """Validate every key and value of a mapping; the path names the key."""

    def check(
        instance: object, attribute: attrs.Attribute[Any], mapping: Mapping[Any, Any]
    ) -> None:
        problems: list[Problem] = []
        for k, v in mapping.items():
            for validator, item in ((key, k), (value, v)):
                if validator is None:
                    continue
                try:
                    validator(instance, attribute, item)
                except ValidationError as error:
                    problems.extend(
                        Problem(f"{attribute.name}.{k}", p.message) for p in error.problems
                    )
        if problems:
            raise ValidationError(problems)

    return check


def _is_collection(value: object) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Accept any list-like value for a tuple field; anything else is left for the check to refuse."""
    if isinstance(value, tuple) or not _is_collection(value):
        return value  # type: ignore[return-value]
    return tuple(value)


def to_frozenset(value: Iterable[Any]) -> frozenset[Any]:
    """Accept any list-like value for a set field; anything else is left for the check to refuse."""
    if isinstance(value, frozenset) or not _is_collection(value):
        return value  # type: ignore[return-value]
    return frozenset(value)


def to_dict(value: Mapping[Any, Any]) -> dict[Any, Any]:
    """Copy a mapping into a fresh dict, so the model never shares the caller's dict."""
    return dict(value) if isinstance(value, Mapping) else value


def mapping(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Mapping):
        fail(attribute, f"expected a table, got {type(value).__name__} {value!r}")


CHECK = "valuering.check"


def collect_checks(_: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs field transformer: move each field's validator aside so :class:`Checked` runs them all.

    attrs stops at the first failing validator; a model object should report every bad field at once.
    """
    return [
        f.evolve(validator=None, metadata={**f.metadata, CHECK: f.validator})
        if f.validator is not None
        else f
        for f in fields
    ]


_CHECKS_BY_CLASS: dict[type, tuple[tuple[attrs.Attribute[Any], Validator], ...]] = {}


def _checks_of(kind: type) -> tuple[tuple[attrs.Attribute[Any], Validator], ...]:
    """The (field, check) pairs of a class, looked up once per class (loading large files calls this a lot)."""
    try:
        return _CHECKS_BY_CLASS[kind]
    except KeyError:
        pairs = tuple(
            (field, field.metadata[CHECK])
            for field in attrs.fields(kind)
            if CHECK in field.metadata
        )
        _CHECKS_BY_CLASS[kind] = pairs
        return pairs


class Checked:
    """Base of the model classes: runs every field check after construction and reports all failures."""

    __slots__ = ()

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        for field, validator in _checks_of(type(self)):
            try:
                validator(self, field, getattr(self, field.name))
            except ValidationError as error:
                problems.extend(error.problems)
        if problems:
            raise ValidationError(problems)
