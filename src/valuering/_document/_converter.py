"""The one cattrs converter valuering uses, and the translation of its errors into :class:`Problem` s.

The converter never coerces: ``"4"`` is not 4, ``4.7`` is not 4, ``"no"`` is not False, ``"abc"`` is not
a list and ``null`` is not a string. Unknown keys are errors that suggest the closest known key.

>>> from valuering.model import Expectation
>>> structure({"outcome": "higher-return-on-investment", "priority": 2}, Expectation)
Expectation(outcome='higher-return-on-investment', priority=2)
>>> structure({"outcome": "higher-return-on-investment", "priorty": 2}, Expectation)
Traceback (most recent call last):
...
valuering.errors.ValidationError: 1 problem:
  priorty: unknown key; did you mean 'priority'?

Every problem of an object is reported, including range checks of the fields that did structure next to
a field that did not:

>>> from valuering.model import Customer
>>> structure({"id": "cfo", "name": "CFO", "group": "executives-and-senior-management",
...            "weight": 0, "expectations": "abc"}, Customer)
Traceback (most recent call last):
...
valuering.errors.ValidationError: 2 problems:
  weight: 0 must be greater than 0
  expectations: expected a list, got string 'abc'
"""

from __future__ import annotations

import datetime
import enum
import functools
import reprlib
import types
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NoReturn, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import is_mapping, is_sequence
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from valuering._document._bounds import free_problems, scalar_problem, text_problem
from valuering._document._limits import INT_LIMIT
from valuering._document._locate import join_path
from valuering._document._model_hooks import model_structure_fn
from valuering.errors import Problem, ValidationError, did_you_mean
from valuering.model import _checks, enums

__all__ = [
    "Strictness",
    "converter",
    "free_data_problems",
    "make_converter",
    "problems_from",
    "structure",
    "structure_partial",
    "unstructure",
]

T = TypeVar("T")


class Strictness(ValueError):
    """A value of the wrong type for its field (raised inside the converter, reported as a Problem)."""


class Diagnosed(ValidationError):
    """Every problem of one object, with a stand-in object built from the fields that did structure.

    The stand-in (``partial``) lets cross-reference checks run on a file that has structure problems;
    it is never handed to users.
    """

    def __init__(self, problems: list[Problem], partial: object) -> None:
        super().__init__(problems)
        self.partial = partial


# Shows the start of a value only: a hostile value may be huge or nested thousands of levels deep.
_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother, _SHORT.maxlong = 3, 60, 60, 60
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = 6


def _describe(value: object) -> str:
    if value is None:
        return "null"
    kind = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list"}.get(
        type(value), "table" if isinstance(value, Mapping) else type(value).__name__
    )
    shown = _SHORT.repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{kind} {shown}"


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise Strictness(f"expected a string, got {_describe(value)}")
    if not value.isascii():
        problem = text_problem(value)
        if problem is not None:
            raise Strictness(problem)
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Strictness(f"expected an integer, got {_describe(value)}")
    if not -INT_LIMIT <= value < INT_LIMIT:
        raise Strictness(str(scalar_problem(value)))
    return value


def _structure_float(value: object, _: type) -> float:
    # An int is kept as written (3 == 3.0), so messages quote the file: "0 must be greater than 0".
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Strictness(f"expected a number, got {_describe(value)}")
    if type(value) is int and not -INT_LIMIT <= value < INT_LIMIT:  # as in every other field
        raise Strictness(str(scalar_problem(value)))
    return value


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


def _not_a_table(value: object) -> NoReturn:
    raise Strictness(f"expected a table, got {_describe(value)}")


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _number(value: float) -> float | int:
    # A whole number is written as one (weight = 3, not 3.0); it reads back as the same float.
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _is_attrs_class(kind: Any) -> bool:
    return isinstance(kind, type) and attrs.has(kind)


def _is_set(kind: Any) -> bool:
    return (get_origin(kind) or kind) in (frozenset, set)


def _is_free_data(kind: Any) -> bool:
    """``Mapping[str, Any]``: the ``extra`` tables, kept exactly as written."""
    return is_mapping(kind) and get_args(kind)[1:] == (Any,)


def _structure_free(value: object, _: type) -> Mapping[str, Any]:
    """Free-form data is kept as written, once every value in it is one a file can carry."""
    if not isinstance(value, Mapping):
        raise Strictness(f"expected a table, got {_describe(value)}")
    problems = free_problems(value)
    if problems:
        raise ValidationError(problems)
    return value


def _plain_copy(value: Any) -> Any:
    # Free data is written back as it was read (dates stay dates); only containers are copied.
    if isinstance(value, Mapping):
        return {k: _plain_copy(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain_copy(v) for v in value]
    return value


def make_converter() -> cattrs.Converter:
    """Build the strict converter: the only place conversion rules are set.

    Hooks for primitives and collections are registered before any class hook is generated, because
    cattrs captures inner hooks when it generates a class's hook.

    >>> conv = make_converter()
    >>> from valuering.model import ServiceOffering
    >>> conv.unstructure(ServiceOffering(id="pmis", service="systems-and-tools-management", maturity=3))
    {'id': 'pmis', 'service': 'systems-and-tools-management', 'maturity': 3}
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
        conv.register_unstructure_hook(kind, _enum_value)
    conv.register_unstructure_hook(datetime.date, lambda d: d.isoformat())
    conv.register_unstructure_hook(float, _number)
    conv.register_structure_hook(Any, lambda value, _: value)

    def sequence_factory(kind: Any) -> Callable[[object, Any], Any]:
        inner = _default_hook(kind)

        def structure_sequence(value: object, t: Any) -> Any:
            if not isinstance(value, list | tuple):
                raise Strictness(f"expected a list, got {_describe(value)}")
            return inner(value, t)

        args = get_args(kind)
        if get_origin(kind) is not tuple or len(args) != 2 or args[1] is not Ellipsis:
            return structure_sequence
        item_kind = args[0]
        item_hook = conv.get_structure_hook(item_kind)

        def structure_tuple(value: object, t: Any) -> Any:
            # One comprehension for the common case; a failure is structured again by cattrs's
            # hook, which names the index of the bad item.
            if value.__class__ is list:
                try:
                    return tuple([item_hook(item, item_kind) for item in value])
                except Exception:
                    pass
            return structure_sequence(value, t)

        return structure_tuple

    def mapping_factory(kind: Any) -> Callable[[object, Any], Any]:
        inner = cattrs.cols.mapping_structure_factory(kind, conv)

        def structure_mapping(value: object, t: Any) -> Any:
            if not isinstance(value, Mapping):
                raise Strictness(f"expected a table, got {_describe(value)}")
            return inner(value, t)

        return structure_mapping

    def attrs_factory(kind: type) -> Callable[[object, Any], Any]:
        attrs.resolve_types(kind)
        model = model_structure_fn(
            kind,
            conv.get_structure_hook,
            {str: _structure_str, int: _structure_int, float: _structure_float},
            _not_a_table,
            lambda value: _diagnose(conv, kind, value),
        )
        if model is not None:
            return model
        # The fast path stops at the first failure; only then is the object diagnosed field by field.
        fast: Callable[[Any, Any], Any] = cattrs.gen.make_dict_structure_fn(
            kind, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=False
        )

        def structure_attrs(value: object, t: Any) -> Any:
            if not isinstance(value, Mapping):
                _not_a_table(value)
            try:
                return fast(value, t)
            except Exception:
                _diagnose(conv, kind, value)

        return structure_attrs

    def _default_hook(kind: Any) -> Callable[[object, Any], Any]:
        origin = get_origin(kind) or kind
        args = get_args(kind)
        if _is_set(kind):
            item_tuple: Any = tuple[args[0] if args else Any, ...]  # type: ignore[misc]
            items = cattrs.cols.homogenous_tuple_structure_factory(item_tuple, conv)
            return lambda value, t: _to_set(items(value, t))
        if origin is tuple:
            return cattrs.cols.homogenous_tuple_structure_factory(kind, conv)
        return cattrs.cols.list_structure_factory(kind, conv)

    conv.register_structure_hook_factory(is_mapping, mapping_factory)
    conv.register_structure_hook_factory(lambda t: is_sequence(t) or _is_set(t), sequence_factory)
    conv.register_structure_hook_factory(_is_attrs_class, attrs_factory)
    conv.register_structure_hook_func(_is_free_data, _structure_free)

    def unstructure_set(value: frozenset[Any]) -> list[Any]:
        return sorted((conv.unstructure(v) for v in value), key=str)

    conv.register_unstructure_hook_func(_is_set, unstructure_set)
    conv.register_unstructure_hook_func(_is_free_data, _plain_copy)
    return conv


def _to_set(items: tuple[Any, ...]) -> frozenset[Any]:
    result = frozenset(items)
    if len(result) != len(items):
        seen: set[Any] = set()
        for index, item in enumerate(items):
            if item in seen:
                raise ValidationError([Problem(f"[{index}]", f"{item!r} is listed twice")])
            seen.add(item)
    return result


def _placeholder(field: attrs.Attribute[Any]) -> Any:
    """A stand-in for a field that did not structure: its default, or an empty value."""
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return default.factory()
    if default is not attrs.NOTHING:
        return default
    if field.type is not None and _is_attrs_class(field.type):
        return _stand_in(field.type, {})
    origin = get_origin(field.type) or field.type
    if origin is tuple:
        return ()
    return "" if field.type is str else None


def _stand_in(kind: type, values: Mapping[str, Any]) -> object:
    """An instance of ``kind`` built without checks, for cross-reference checks of broken files."""
    obj: Any = object.__new__(kind)
    for field in attrs.fields(kind):
        value = values[field.name] if field.name in values else _placeholder(field)
        object.__setattr__(obj, field.name, value)
    return obj


def _structure_items(conv: cattrs.Converter, value: object, kind: Any, path: str) -> Any:
    """Structure a tuple of attrs objects item by item, so good items survive next to bad ones."""
    item_kind = get_args(kind)[0]
    if not isinstance(value, list | tuple):
        raise Strictness(f"expected a list, got {_describe(value)}")
    items: list[Any] = []
    problems: list[Problem] = []
    for index, item in enumerate(value):
        try:
            items.append(conv.structure(item, item_kind))
        except Exception as error:
            problems.extend(problems_from(error, f"{path}[{index}]"))
            partial = getattr(error, "partial", None)
            items.append(partial if partial is not None else _stand_in(item_kind, {}))
    if problems:
        raise Diagnosed(problems, tuple(items))
    return tuple(items)


def _diagnose(conv: cattrs.Converter, kind: type, value: Mapping[Any, Any]) -> NoReturn:
    """Report every problem of one object: missing and unknown keys, bad values, failed checks."""
    fields = attrs.fields(kind)
    known = [f.name for f in fields]
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    failed: set[str] = set()
    for field in fields:
        if field.name not in value:
            if field.default is attrs.NOTHING:
                problems.append(Problem(field.name, "required key missing"))
                failed.add(field.name)
            continue
        try:
            if (get_origin(field.type) is tuple) and _is_attrs_class(get_args(field.type)[0]):
                values[field.name] = _structure_items(conv, value[field.name], field.type, "")
            else:
                values[field.name] = conv.structure(value[field.name], field.type)
        except Exception as error:
            problems.extend(problems_from(error, field.name))
            failed.add(field.name)
            partial = getattr(error, "partial", None)
            if partial is not None:
                values[field.name] = partial
    for key in value:
        if key not in known:
            problems.append(Problem(str(key), f"unknown key{did_you_mean(str(key), known)}"))
    if not problems:
        # Every field structured; construction reports all failed checks at once.
        try:
            kind(**values)
        except ValidationError as error:
            raise Diagnosed(list(error.problems), _stand_in(kind, values)) from None
        raise AssertionError(f"{kind.__name__} structured only on the second attempt")
    # Run the checks of the fields that did structure, so their problems are not hidden.
    for field in fields:
        check = field.metadata.get(_checks.CHECK)
        if check is None or field.name not in values or field.name in failed:
            continue
        try:
            check(None, field, values[field.name])
        except ValidationError as error:
            problems.extend(error.problems)
    raise Diagnosed(_ordered(problems, known), _stand_in(kind, values))


def _ordered(problems: list[Problem], known: list[str]) -> list[Problem]:
    """Problems in field order, unknown keys last, so reports read top to bottom like the class."""
    rank = {name: i for i, name in enumerate(known)}

    def key(problem: Problem) -> int:
        head = problem.path.split(".", 1)[0].split("[", 1)[0]
        return rank.get(head, len(rank))

    return sorted(problems, key=key)


@functools.cache
def converter() -> cattrs.Converter:
    """The shared strict converter (built once, on first use).

    >>> converter() is converter()
    True
    """
    return make_converter()


def structure(data: object, kind: type[T], *, path: str = "") -> T:
    """Turn plain data into a ``kind`` object, or raise one ValidationError listing every problem.

    >>> from valuering.model import ServiceLevel
    >>> structure({"id": "uptime", "metric": "Uptime", "target": 99.5}, ServiceLevel).target
    99.5
    """
    try:
        return converter().structure(data, kind)
    except Exception as error:
        raise ValidationError(problems_from(error, path)) from None


def structure_partial(data: object, kind: type[T]) -> tuple[T | None, list[Problem]]:
    """Structure ``data``; on failure return a stand-in object (or None) and every problem.

    The stand-in holds what did structure and lets cross-reference checks run on a broken file.

    >>> from valuering.model import Expectation
    >>> partial, problems = structure_partial({"outcome": "x-y", "priority": "high"}, Expectation)
    >>> partial.outcome, [str(p) for p in problems]
    ('x-y', ["priority: expected a number, got string 'high'"])
    """
    try:
        return converter().structure(data, kind), []
    except Exception as error:
        return getattr(error, "partial", None), problems_from(error)


def unstructure(obj: object) -> Any:
    """Turn a model object into plain data (dicts, lists, strings, numbers, booleans).

    >>> from valuering.model import Expectation
    >>> unstructure(Expectation(outcome="higher-return-on-investment", priority=2))
    {'outcome': 'higher-return-on-investment', 'priority': 2}
    """
    return converter().unstructure(obj)


def free_data_problems(obj: object) -> list[Problem]:
    """Every value in the free-form tables (``extra``) of a model object that a file cannot carry,
    with its path: what loading would refuse, so nothing is written that cannot be read back.

    >>> from valuering.model import PMO
    >>> [str(p) for p in free_data_problems(PMO(id="p", name="P", extra={"when": {1, 2}}))]
    ['extra.when: a set is not carried; write it as a list']
    """
    problems: list[Problem] = []
    stack: list[tuple[object, str]] = [(obj, "")]
    while stack:
        item, path = stack.pop()
        kind: Any = type(item)
        for name, role in _free_routes(kind):
            value = getattr(item, name)
            sub = join_path(path, name)
            if role == "free" and isinstance(value, Mapping):
                problems.extend(p.at(sub) for p in free_problems(value))
            elif role == "object" and value is not None:
                stack.append((value, sub))
            elif role == "objects":
                stack.extend((v, join_path(sub, i)) for i, v in enumerate(value))
    return sorted(problems, key=lambda p: p.path)


@functools.cache
def _free_routes(kind: Any) -> tuple[tuple[str, str], ...]:
    """The fields of ``kind`` through which free-form data can be reached: ``free`` (the data
    itself), ``object`` (a model object) or ``objects`` (a tuple of them)."""
    if not _is_attrs_class(kind):
        return ()
    attrs.resolve_types(kind)
    routes: list[tuple[str, str]] = []
    for field in attrs.fields(kind):
        inner: Any = field.type
        if get_origin(inner) in (Union, types.UnionType):  # X | None
            options = [a for a in get_args(inner) if a is not type(None)]
            if len(options) != 1:
                continue
            inner = options[0]
        if _is_free_data(inner):
            routes.append((field.name, "free"))
        elif _is_attrs_class(inner) and inner is not kind and _free_routes(inner):
            routes.append((field.name, "object"))
        elif (
            get_origin(inner) is tuple
            and get_args(inner)[:1]
            and _is_attrs_class(get_args(inner)[0])
        ):
            item = get_args(inner)[0]
            if item is not kind and _free_routes(item):
                routes.append((field.name, "objects"))
    return tuple(routes)


def problems_from(error: BaseException, path: str = "") -> list[Problem]:
    """Flatten a cattrs error tree (or one of our own errors) into problems with paths.

    >>> problems_from(Strictness("expected a list, got string 'abc'"), "offerings[0].depends_on")
    [Problem(path='offerings[0].depends_on', message="expected a list, got string 'abc'", line=None, file=None)]
    """
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
                yield from _walk(sub, join_path(path, note.name))
            elif isinstance(note, IterableValidationNote):
                # A mapping's key is a name in the path even when it is a number (YAML's 1: ...).
                index = note.index
                in_mapping = note.startswith("Structuring mapping")
                part = index if isinstance(index, int) and not in_mapping else str(index)
                yield from _walk(sub, join_path(path, part))
            else:
                yield from _walk(sub, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(error.cl)] if attrs.has(error.cl) else []
        for key in sorted(error.extra_fields, key=str):
            yield Problem(join_path(path, str(key)), f"unknown key{did_you_mean(str(key), known)}")
    elif isinstance(error, ValidationError):
        yield from (p.at(path) for p in error.problems)
    elif isinstance(error, Strictness):
        yield Problem(path, str(error))
    elif isinstance(error, KeyError):
        yield Problem(
            join_path(path, str(error.args[0])) if error.args else path, "required key missing"
        )
    else:
        yield Problem(path, f"invalid value ({type(error).__name__}: {error})")
