"""How model classes are declared, and the field checks and converters they share.

Every model class is declared with :func:`model_class`: a frozen, keyword-only attrs class whose field
checks all run after construction, so one ``ValidationError`` names every bad field at once. A check
raises :class:`~valuering.errors.ValidationError` with one problem whose path is the field name and
whose message names the offending value, so a bad constructor call reads ``maturity: 7 is not in 1..5``.

A check is a :class:`Check`: the function that checks, plus what it accepts as data (``minimum``,
``maximum``, ``exclusive_minimum``, ``pattern``, ...), which the JSON Schema of model files reads.

>>> int_between(1, 5).minimum, int_between(1, 5).maximum
(1, 5)
>>> positive.exclusive_minimum
0
>>> @model_class
... class Sample:
...     level: int = attrs.field(validator=int_between(1, 5))
...     label: str = attrs.field(validator=name)
>>> Sample(level=7, label=" ")
Traceback (most recent call last):
...
valuering.errors.ValidationError: 2 problems:
  level: 7 is not in 1..5
  label: must not be empty
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import attrs

from valuering.errors import Problem, ValidationError
from valuering.model._frozen import FrozenDict

__all__ = [
    "CHECK",
    "EMPTY",
    "ID_PATTERN",
    "MODEL_CLASS",
    "Check",
    "as_check",
    "collect_checks",
    "each",
    "each_key_value",
    "fail",
    "instance_of",
    "int_between",
    "is_kebab_id",
    "is_model_class",
    "kebab_id",
    "mapping",
    "member_of",
    "model_class",
    "name",
    "number",
    "optional",
    "own_post_init",
    "positive",
    "positive_int",
    "text",
    "to_frozen_dict",
    "to_frozenset",
    "to_tuple",
    "unit_interval",
]

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
Bound = int | float | None
# How a check reads as one Python expression (see Check.fast): given the name of the variable holding
# the value and a function that names an object for the generated code, the expression's text.
Fast = Callable[[str, Callable[[object], str]], str]


class Check:
    """A field check: ``run(instance, attribute, value)`` raises ValidationError for a bad value.

    The other attributes describe, as data, what the check accepts: number bounds, a string pattern
    and minimum length, the checks of a list's items (``items``) or of a table's keys and values,
    and whether None is allowed (``nullable``). Calling the check runs it.

    ``fast``, when set, writes the check as one Python expression that is true exactly when the check
    passes, for a value the strict converter built for the field's declared type (a string for
    ``str``, an int that is not a bool for ``int``, ...). The converter inlines it when it loads files,
    so each check runs once, without the calls and type tests of ``run``; ``"True"`` means the type
    alone passes the check.

    >>> optional(int_between(1, 5)).fast("level", repr)
    '(level is None or (1 <= level <= 5))'
    """

    __slots__ = (
        "exclusive_minimum",
        "fast",
        "items",
        "keys",
        "maximum",
        "min_length",
        "minimum",
        "nullable",
        "pattern",
        "run",
        "values",
    )

    def __init__(
        self,
        run: Validator,
        *,
        minimum: Bound = None,
        maximum: Bound = None,
        exclusive_minimum: Bound = None,
        pattern: str | None = None,
        min_length: int | None = None,
        items: Check | None = None,
        keys: Check | None = None,
        values: Check | None = None,
        nullable: bool = False,
        fast: Fast | None = None,
    ) -> None:
        self.run = run
        self.fast = fast
        self.minimum = minimum
        self.maximum = maximum
        self.exclusive_minimum = exclusive_minimum
        self.pattern = pattern
        self.min_length = min_length
        self.items = items
        self.keys = keys
        self.values = values
        self.nullable = nullable

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        self.run(instance, attribute, value)

    def __repr__(self) -> str:
        described = ", ".join(
            f"{slot}={getattr(self, slot)!r}"
            for slot in self.__slots__
            if slot not in ("run", "fast")
            and getattr(self, slot) is not None
            and getattr(self, slot) is not False
        )
        return (
            f"Check({getattr(self.run, '__name__', 'check')}{', ' if described else ''}{described})"
        )

    def with_run(self, run: Validator, **changes: Any) -> Check:
        """The same description with another function (and ``changes``), for wrappers such as optional."""
        described = {slot: getattr(self, slot) for slot in self.__slots__ if slot != "run"}
        return Check(run, **{**described, **changes})


def as_check(validator: Check | Validator) -> Check:
    """``validator`` as a :class:`Check` (a plain function becomes a check that describes nothing)."""
    return validator if isinstance(validator, Check) else Check(validator)


def fail(attribute: attrs.Attribute[Any], message: str) -> NoReturn:
    raise ValidationError([Problem(attribute.name, message)])


# Ids seen to be kebab-case: a file repeats a few dozen ids (outcomes, groups, services) many thousand
# times, so each is matched against the pattern once. Cleared when full, so it stays small.
_KEBAB_IDS: set[str] = set()
_KEBAB_IDS_KEPT = 1 << 16


def is_kebab_id(value: object) -> bool:
    if value.__class__ is str and value in _KEBAB_IDS:
        return True
    if not isinstance(value, str) or ID_PATTERN.match(value) is None:
        return False
    if value.__class__ is str:
        if len(_KEBAB_IDS) >= _KEBAB_IDS_KEPT:
            _KEBAB_IDS.clear()
        _KEBAB_IDS.add(value)
    return True


def _kebab_id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        fail(attribute, f"expected an id string, got {value!r}")
    elif not value:
        fail(attribute, "must not be empty")
    elif not is_kebab_id(value):
        fail(attribute, f"{value!r} is not a kebab-case id (lowercase letters, digits and '-')")


kebab_id = Check(
    _kebab_id,
    pattern=ID_PATTERN.pattern,
    fast=lambda v, ref: f"({v} in {ref(_KEBAB_IDS)} or {ref(is_kebab_id)}({v}))",
)


def _text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        fail(attribute, f"expected a string, got {value!r}")


text = Check(_text, fast=lambda v, ref: "True")


def _name(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        fail(attribute, f"expected a string, got {value!r}")
    elif not value.strip():
        fail(attribute, "must not be empty")


name = Check(_name, min_length=1, pattern=r"\S", fast=lambda v, ref: f"{v}.strip()")


def optional(validator: Check | Validator) -> Check:
    """``validator``, or None."""
    inner = as_check(validator)
    run = inner.run

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            run(instance, attribute, value)

    def fast(v: str, ref: Callable[[object], str]) -> str:
        assert inner.fast is not None
        accepts = inner.fast(v, ref)
        return accepts if accepts == "True" else f"({v} is None or ({accepts}))"

    return inner.with_run(check, nullable=True, fast=fast if inner.fast is not None else None)


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


def int_between(low: int, high: int) -> Check:
    """An integer in ``low..high`` (both included)."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        number = _require_int(attribute, value)
        if not low <= number <= high:
            fail(attribute, f"{number} is not in {low}..{high}")

    return Check(
        check, minimum=low, maximum=high, fast=lambda v, ref: f"{low!r} <= {v} <= {high!r}"
    )


def _positive_int(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if _require_int(attribute, value) <= 0:
        fail(attribute, f"{value} must be a positive integer")


positive_int = Check(_positive_int, minimum=1, fast=lambda v, ref: f"{v} > 0")


def _positive(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if _require_number(attribute, value) <= 0:
        fail(attribute, f"{value!r} must be greater than 0")


# NaN fails every comparison, so "0 < v < inf" is "finite and greater than 0".
positive = Check(_positive, exclusive_minimum=0, fast=lambda v, ref: f"0 < {v} < {ref(math.inf)}")


def _number(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _require_number(attribute, value)


number = Check(_number, fast=lambda v, ref: f"{ref(-math.inf)} < {v} < {ref(math.inf)}")


def _unit_interval(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not 0.0 <= _require_number(attribute, value) <= 1.0:
        fail(attribute, f"{value!r} is not in [0, 1]")


unit_interval = Check(
    _unit_interval, minimum=0, maximum=1, fast=lambda v, ref: f"0.0 <= {v} <= 1.0"
)


def instance_of(kind: type[Any]) -> Check:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            expected = kind.__name__
            fail(attribute, f"expected {expected}, got {type(value).__name__} {value!r}")

    return Check(check, fast=lambda v, ref: "True")


def member_of(kind: type[E]) -> Check:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            allowed = ", ".join(repr(m.value) for m in kind)
            fail(attribute, f"{value!r} is not a {kind.__name__} (one of {allowed})")

    return Check(check, fast=lambda v, ref: "True")


def each(validator: Check | Validator) -> Check:
    """Apply ``validator`` to every item; the path names the item's index."""
    items = as_check(validator)
    run = items.run

    def check(instance: object, attribute: attrs.Attribute[Any], values: Iterable[object]) -> None:
        if not isinstance(values, tuple | frozenset):
            fail(attribute, f"expected a list, got {type(values).__name__} {values!r}")
        problems: list[Problem] = []
        for index, value in enumerate(values):
            try:
                run(instance, attribute, value)
            except ValidationError as error:
                problems.extend(
                    Problem(f"{attribute.name}[{index}]", p.message) for p in error.problems
                )
        if problems:
            raise ValidationError(problems)

    def fast(v: str, ref: Callable[[object], str]) -> str:
        assert items.fast is not None
        accepts = items.fast(f"{v}_", ref)
        return accepts if accepts == "True" else f"all({accepts} for {v}_ in {v})"

    return Check(check, items=items, fast=fast if items.fast is not None else None)


def each_key_value(key: Check | Validator | None, value: Check | Validator | None) -> Check:
    """Validate every key and value of a mapping; the path names the key."""
    keys = as_check(key) if key is not None else None
    values = as_check(value) if value is not None else None
    runs = [(c.run, first) for c, first in ((keys, True), (values, False)) if c is not None]

    def check(
        instance: object, attribute: attrs.Attribute[Any], mapping: Mapping[Any, Any]
    ) -> None:
        if not isinstance(mapping, Mapping):
            fail(attribute, f"expected a table, got {type(mapping).__name__} {mapping!r}")
        problems: list[Problem] = []
        for k, v in mapping.items():
            for run, on_key in runs:
                try:
                    run(instance, attribute, k if on_key else v)
                except ValidationError as error:
                    problems.extend(
                        Problem(f"{attribute.name}.{k}", p.message) for p in error.problems
                    )
        if problems:
            raise ValidationError(problems)

    def fast(v: str, ref: Callable[[object], str]) -> str:
        accepts = [
            c.fast(f"{v}_{part}", ref)
            for c, part in ((keys, "k"), (values, "v"))
            if c is not None and c.fast is not None
        ]
        accepts = [a for a in accepts if a != "True"]
        if not accepts:
            return "True"
        return f"all(({') and ('.join(accepts)}) for {v}_k, {v}_v in {v}.items())"

    fast_known = all(c is None or c.fast is not None for c in (keys, values))
    return Check(check, keys=keys, values=values, fast=fast if fast_known else None)


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


EMPTY: FrozenDict[Any, Any] = FrozenDict()


def to_frozen_dict(value: object) -> Any:
    """A read-only copy of a mapping, frozen all the way down (see :func:`~valuering.model._frozen.freeze`).

    The model never shares the caller's dict, and nothing reachable from it can be changed. A mapping
    that is already frozen is kept as it is; anything else is left for the check to refuse.
    """
    if isinstance(value, FrozenDict):
        return value
    if not isinstance(value, Mapping):
        return value
    try:
        return FrozenDict(value)
    except RecursionError:  # data built in code; files stop far sooner (see docs/files.md)
        raise ValidationError(
            [Problem("", "a table nested too deeply to hold (hundreds of levels)")]
        ) from None


def _mapping(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Mapping):
        fail(attribute, f"expected a table, got {type(value).__name__} {value!r}")


mapping = Check(_mapping, fast=lambda v, ref: "True")


CHECK = "valuering.check"
MODEL_CLASS = "__valuering_model_class__"
_OWN_POST_INIT = "__valuering_own_post_init__"


def collect_checks(_: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs field transformer: move each field's validator aside, as a :class:`Check`, so the
    post-init of :func:`model_class` runs them all (attrs stops at the first failing validator; a model
    object should report every bad field at once)."""
    return [
        f.evolve(validator=None, metadata={**f.metadata, CHECK: as_check(f.validator)})
        if f.validator is not None
        else f
        for f in fields
    ]


Checks = tuple[tuple[str, "attrs.Attribute[Any]", Validator], ...]


def _report(instance: object, checks: Checks) -> NoReturn:
    """Run every check again and raise one ValidationError with all their problems."""
    problems: list[Problem] = []
    for field_name, field, run in checks:
        try:
            run(instance, field, getattr(instance, field_name))
        except ValidationError as error:
            problems.extend(error.problems)
    raise ValidationError(problems) from None


def _post_init(
    name: str, checks: Checks, own: Callable[[Any], None] | None
) -> Callable[[Any], None]:
    """The post-init of a model class: every check called in turn, as straight-line code (loading large
    files builds many objects); on the first failure, every check runs again to report all problems."""
    scope: dict[str, Any] = {"ValidationError": ValidationError, "_report": _report}
    scope.update(checks=checks, own=own)
    lines = ["def __attrs_post_init__(self):", "    try:", "        pass"]
    for index, (field_name, field, run) in enumerate(checks):
        scope[f"run_{index}"], scope[f"field_{index}"] = run, field
        lines.append(f"        run_{index}(self, field_{index}, self.{field_name})")
    lines += ["    except ValidationError:", "        _report(self, checks)"]
    if own is not None:
        lines.append("    own(self)")
    # The names are the class's own field names; the file name shows in tracebacks.
    exec(compile("\n".join(lines), f"<model checks of {name}>", "exec"), scope)
    post_init: Callable[[Any], None] = scope["__attrs_post_init__"]
    return post_init


def _pending_post_init(self: Any) -> None:  # replaced as soon as the class is made
    raise AssertionError("model class checks not installed")


def _model_class(maybe_cls: type[T] | None = None, /, *, repr: bool | None = None) -> Any:
    """Declare a model class: frozen, keyword-only, every field check run after construction.

    All failing checks are reported together in one ValidationError; a class's own
    ``__attrs_post_init__`` runs after the checks pass; a ``__repr__`` of its own is kept.
    The class gets the marker :func:`is_model_class` looks for.
    """

    def wrap(kind: type[T]) -> type[T]:
        own: Callable[[Any], None] | None = kind.__dict__.get("__attrs_post_init__")
        # attrs calls __attrs_post_init__ only if the class has one when it is made.
        kind.__attrs_post_init__ = _pending_post_init  # type: ignore[attr-defined]
        # Without repr=..., attrs keeps a __repr__ the class defines itself.
        options: dict[str, Any] = {} if repr is None else {"repr": repr}
        made = attrs.frozen(kind, kw_only=True, field_transformer=collect_checks, **options)
        checks = tuple(
            (field.name, field, field.metadata[CHECK].run)
            for field in attrs.fields(made)  # type: ignore[arg-type]
            if CHECK in field.metadata
        )
        made.__attrs_post_init__ = _post_init(made.__qualname__, checks, own)  # type: ignore[attr-defined]
        setattr(made, MODEL_CLASS, True)
        setattr(made, _OWN_POST_INIT, own)
        return made

    return wrap if maybe_cls is None else wrap(maybe_cls)


if TYPE_CHECKING:
    # mypy's attrs plugin knows attrs.frozen, so it checks model classes (fields, evolve, converters);
    # it does not know that their fields are keyword-only.
    from attrs import frozen as model_class
else:
    model_class = _model_class


def own_post_init(kind: type) -> Callable[[Any], None] | None:
    """The ``__attrs_post_init__`` a model class defines itself (run after its field checks), if any;
    for code that builds model objects whose fields it has already checked (the file converter)."""
    own: Callable[[Any], None] | None = kind.__dict__.get(_OWN_POST_INIT)
    return own


def is_model_class(kind: object) -> bool:
    """Whether ``kind`` was declared with :func:`model_class` (not merely inherits from such a class)."""
    return isinstance(kind, type) and kind.__dict__.get(MODEL_CLASS, False) is True
