"""Read-only containers, so no path from a model object or a catalog leads to something changeable.

:class:`FrozenDict` is the mapping of every mapping field; :func:`freeze` turns free-form data (the
``extra`` tables) into read-only data all the way down: tables become FrozenDicts, lists become tuples.

>>> table = FrozenDict({"owner": "ana", "tags": ["q1", {"kind": "audit"}]})
>>> table == {"owner": "ana", "tags": ("q1", {"kind": "audit"})}
True
>>> table["tags"][1]["kind"] = "review"
Traceback (most recent call last):
...
valuering.errors.ReadOnlyError: this mapping is read-only; to change it, build a new object: attrs.evolve(obj, field={**obj.field, key: value})
>>> {**table, "owner": "ben"}["owner"]  # a changed copy is a plain dict
'ben'
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, NoReturn, TypeVar

from valuering.errors import ReadOnlyError

__all__ = ["FrozenDict", "freeze"]

K = TypeVar("K")
V = TypeVar("V")

# Values that are immutable as they are; checked by exact type first, the fast path for large files.
_ATOMS = frozenset(
    {str, int, float, bool, type(None), datetime.date, datetime.datetime, datetime.time}
)


def freeze(value: Any) -> Any:
    """``value`` with every dict turned into a :class:`FrozenDict` and every list into a tuple, recursively.

    >>> freeze({"a": [1, [2, 3]], "b": {4, 5}})
    {'a': (1, (2, 3)), 'b': frozenset({4, 5})}
    """
    if type(value) in _ATOMS or isinstance(value, FrozenDict):
        return value
    if isinstance(value, Mapping):
        return FrozenDict(value)
    if isinstance(value, list | tuple):
        return tuple([freeze(item) for item in value])
    if isinstance(value, set | frozenset):
        return frozenset(value)
    return value


def _refuse(operation: str) -> Callable[..., NoReturn]:
    def refuse(self: FrozenDict[Any, Any], *_: object, **__: object) -> NoReturn:
        raise ReadOnlyError(f"{self._read_only}; {self._instead}")

    refuse.__name__ = operation
    return refuse


class FrozenDict(dict[K, V]):
    """A dict that refuses every change; its values are frozen too (see :func:`freeze`).

    It compares equal to a plain dict with the same items, is hashable when its values are, and
    pickles and copies like a dict. ``copy()`` and ``|`` give plain, changeable dicts.

    >>> outcomes = FrozenDict({"better-project-prioritization": 0.8})
    >>> outcomes.pop("better-project-prioritization")
    Traceback (most recent call last):
    ...
    valuering.errors.ReadOnlyError: this mapping is read-only; to change it, build a new object: attrs.evolve(obj, field={**obj.field, key: value})
    >>> outcomes | {"fewer-failures": 0.5}
    {'better-project-prioritization': 0.8, 'fewer-failures': 0.5}
    """

    __slots__ = ()
    _read_only: ClassVar[str] = "this mapping is read-only"
    _instead: ClassVar[str] = (
        "to change it, build a new object: attrs.evolve(obj, field={**obj.field, key: value})"
    )

    def __new__(
        cls, data: Mapping[K, V] | Iterable[tuple[K, V]] = (), /, **more: Any
    ) -> FrozenDict[K, V]:
        self = super().__new__(cls)
        items: dict[Any, Any] = dict(data, **more) if more else dict(data)
        dict.update(self, {key: freeze(value) for key, value in items.items()})
        return self

    def __init__(self, *_: object, **__: object) -> None:
        """Filled by ``__new__``; calling ``__init__`` again changes nothing."""

    __setitem__ = _refuse("__setitem__")
    __delitem__ = _refuse("__delitem__")
    __ior__ = _refuse("__ior__")
    clear = _refuse("clear")
    pop = _refuse("pop")
    popitem = _refuse("popitem")
    setdefault = _refuse("setdefault")
    update = _refuse("update")

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[type[FrozenDict[K, V]], tuple[dict[K, V]]]:
        return (type(self), (dict(self),))

    def __copy__(self) -> FrozenDict[K, V]:
        return self

    @classmethod
    def fromkeys(cls, keys: Iterable[Any], value: Any = None, /) -> Any:
        return cls(dict.fromkeys(keys, value))
