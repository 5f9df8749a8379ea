"""The one cattrs converter valuering uses, and the translation of its errors into :class:`Problem` s.

The converter never coerces: ``"4"`` is not 4, ``4.7`` is not 4, ``"no"`` is not False, ``"abc"`` is not
a list and ``null`` is not a string. Unknown keys are errors that suggest the closest known key.

>>> from valuering.model import Expectation
>>> structure({"outcome": "higher-return-on-investment", "priority": 2}, Expectation)
Expectation(outcome='higher-return-on-investment', priority=2.0)
>>> structure({"outcome": "higher-return-on-investment", "priorty": 2}, Expectation)
Traceback (most recent call last):
...
valuering.errors.ValidationError: 1 problem:
  priorty: unknown key; did you mean 'priority'?
"""

from __future__ import annotations

import datetime
import enum
import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import is_mapping, is_sequence
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from valuering.errors import Problem, ValidationError, did_you_mean
from valuering.model import enums

__all__ = ["Strictness", "converter", "make_converter", "problems_from", "structure", "unstructure"]

T = TypeVar("T")


class Strictness(ValueError):
    """A value of the wrong type for its field (raised inside the converter, reported as a Problem)."""


def _describe(value: object) -> str:
    if value is None:
        return "null"
    kind = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list"}.get(
        type(value), "table" if isinstance(value, Mapping) else type(value).__name__
    )
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{kind} {shown}"


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise Strictness(f"expected a string, got {_describe(value)}")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Strictness(f"expected an integer, got {_describe(value)}")
    return value


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Strictness(f"expected a number, got {_describe(value)}")
    return float(value)


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise Strictness(f"expected true or false, got {_describe(value)}")
    return value


def _structure_date(value: object, _: type) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise Strictness(f"expected a date (YYYY-MM-DD), got {_describe(value)}")


def _enum_hook(kind: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    values = [str(m.value) for m in kind]

    def structure_enum(value: object, _: type) -> enum.Enum:
        if isinstance(value, str) and value in values:
            return kind(value)
        allowed = ", ".join(repr(v) for v in values)
        hint = did_you_mean(value, values) if isinstance(value, str) else ""
        raise Strictness(f"{_describe(value)} is not one of {allowed}{hint}")

    return structure_enum


def _is_attrs_class(kind: Any) -> bool:
    return isinstance(kind, type) and attrs.has(kind)


def make_converter() -> cattrs.Converter:
    """Build the strict converter: the only place conversion rules are set.

    Hooks for primitives and collections are registered before any class hook is generated, because
    cattrs captures inner hooks when it generates a class's hook.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(datetime.date, _structure_date)
    # singledispatch would hand StrEnum subclasses the str hook, so each enum gets its own hook.
    for name in enums.__all__:
        kind = getattr(enums, name)
        conv.register_structure_hook(kind, _enum_hook(kind))
    conv.register_unstructure_hook(datetime.date, lambda d: d.isoformat())
    conv.register_structure_hook(Any, lambda value, _: value)

    def sequence_factory(kind: Any) -> Callable[[object, Any], Any]:
        inner = _default_hook(kind)

        def structure_sequence(value: object, t: Any) -> Any:
            if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
                raise Strictness(f"expected a list, got {_describe(value)}")
            return inner(value, t)

        return structure_sequence

    def mapping_factory(kind: Any) -> Callable[[object, Any], Any]:
        inner = _default_hook(kind)

        def structure_mapping(value: object, t: Any) -> Any:
            if not isinstance(value, Mapping):
                raise Strictness(f"expected a table, got {_describe(value)}")
            return inner(value, t)

        return structure_mapping

    def attrs_factory(kind: type) -> Callable[[object, Any], Any]:
        inner = cattrs.gen.make_dict_structure_fn(kind, conv, _cattrs_forbid_extra_keys=True)

        def structure_attrs(value: object, t: Any) -> Any:
            if not isinstance(value, Mapping):
                raise Strictness(f"expected a table, got {_describe(value)}")
            return inner(value, t)

        return structure_attrs

    def _default_hook(kind: Any) -> Callable[[object, Any], Any]:
        origin = get_origin(kind) or kind
        args = get_args(kind)
        if is_mapping(kind):
            return cattrs.cols.mapping_structure_factory(kind, conv)
        if origin in (set, frozenset) or (isinstance(origin, type) and issubclass(origin, frozenset)):
            item = args[0] if args else Any
            return lambda value, _: frozenset(conv.structure(v, item) for v in value)  # type: ignore[arg-type]
        if origin is tuple:
            return cattrs.cols.homogenous_tuple_structure_factory(kind, conv)
        return cattrs.cols.list_structure_factory(kind, conv)

    conv.register_structure_hook_factory(is_mapping, mapping_factory)
    conv.register_structure_hook_factory(
        lambda t: is_sequence(t) or (get_origin(t) or t) in (frozenset, set), sequence_factory
    )
    conv.register_structure_hook_factory(_is_attrs_class, attrs_factory)

    def unstructure_set(value: frozenset[Any]) -> list[Any]:
        return sorted((conv.unstructure(v) for v in value), key=str)

    conv.register_unstructure_hook_func(
        lambda t: (get_origin(t) or t) in (frozenset, set), unstructure_set
    )
    return conv


@functools.cache
def converter() -> cattrs.Converter:
    """The shared strict converter (built once, on first use)."""
    return make_converter()


def structure(data: object, kind: type[T], *, path: str = "") -> T:
    """Turn plain data into a ``kind`` object, or raise one ValidationError listing every problem."""
    try:
        return converter().structure(data, kind)
    except Exception as error:  # noqa: BLE001 - every failure becomes a reported problem
        raise ValidationError(problems_from(error, path)) from None


def unstructure(obj: object) -> Any:
    """Turn a model object into plain data (dicts, lists, strings, numbers, booleans)."""
    return converter().unstructure(obj)


def _join(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}[{part}]"
    return f"{path}.{part}" if path else part


def problems_from(error: BaseException, path: str = "") -> list[Problem]:
    """Flatten a cattrs error tree (or one of our own errors) into problems with paths."""
    return list(_walk(error, path))


def _walk(error: BaseException, path: str) -> Iterator[Problem]:
    if isinstance(error, BaseValidationError):
        for sub in error.exceptions:
            note = next(
                (
                    n
                    for n in getattr(sub, "__notes__", ())
                    if isinstance(n, AttributeValidationNote | IterableValidationNote)
                ),
                None,
            )
            if isinstance(note, AttributeValidationNote):
                yield from _walk(sub, _join(path, note.name))
            elif isinstance(note, IterableValidationNote):
                index = note.index
                sub_path = _join(path, index) if isinstance(index, int) else _join(path, str(index))
                yield from _walk(sub, sub_path)
            else:
                yield from _walk(sub, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(error.cl)] if attrs.has(error.cl) else []
        for key in sorted(error.extra_fields):
            yield Problem(_join(path, key), f"unknown key{did_you_mean(key, known)}")
    elif isinstance(error, ValidationError):
        yield from (p.at(path) for p in error.problems)
    elif isinstance(error, Strictness):
        yield Problem(path, str(error))
    elif isinstance(error, KeyError):
        yield Problem(_join(path, str(error.args[0])) if error.args else path, "required key missing")
    else:
        yield Problem(path, f"invalid value ({type(error).__name__}: {error})")
