"""What a file may hold: the limits on nesting, numbers and YAML aliases, and the plain values that
free-form data (the ``extra`` tables) carries.

Every value a file is allowed to hold can be written back in its own format, so these rules are
checked when a file is read (and again when a model is written), never left to the writer to trip
over. docs/files.md explains each choice.

>>> [str(p) for p in free_problems({"ok": [1, "two", 3.0], "n": float("nan"), "b": b"\\x00"})]
['n: nan is not a finite number; files hold finite numbers only', 'b: binary data is not carried; store it as a base64 string']
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from typing import Any

from valuering._document._limits import ALIAS_ALLOWANCE, EXTRA_DEPTH, INT_LIMIT
from valuering._document._locate import join_path
from valuering.errors import Problem

__all__ = [
    "alias_budget",
    "free_problems",
    "scalar_problem",
    "text_problem",
]


def alias_budget(text: str) -> int:
    """How many values a YAML text's aliases may add before it is refused as an alias bomb."""
    return ALIAS_ALLOWANCE + len(text)


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be text in a file (a lone surrogate is not UTF-8), or None."""
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        code = ord(value[error.start])
        return f"contains a lone surrogate (\\u{code:04x}), which is not text; remove it"
    return None


def _int_problem(value: int) -> str | None:
    if -INT_LIMIT <= value < INT_LIMIT:
        return None
    return "is too large: integers must fit in 64 bits (-2**63 to 2**63-1)"


def _float_problem(value: float) -> str | None:
    if math.isfinite(value):
        return None
    return f"{value!r} is not a finite number; files hold finite numbers only"


_CARRIED = (type(None), bool, datetime.date, datetime.time)


def scalar_problem(value: object) -> str | None:
    """Why a value that is not a table or a list cannot be carried in a file, or None.

    Text, 64-bit integers, finite numbers, booleans, null, dates, times and datetimes are carried
    (a format that cannot hold one of them refuses it on writing, naming its path).

    >>> scalar_problem(2**70), scalar_problem({1, 2}), scalar_problem(datetime.date(2025, 1, 31))
    ('is too large: integers must fit in 64 bits (-2**63 to 2**63-1)', 'a set is not carried; write it as a list', None)
    """
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, _CARRIED):
        return None
    if isinstance(value, int):
        return _int_problem(value)
    if isinstance(value, float):
        return _float_problem(value)
    if isinstance(value, bytes | bytearray):
        return "binary data is not carried; store it as a base64 string"
    if isinstance(value, set | frozenset):
        return "a set is not carried; write it as a list"
    return f"a {type(value).__name__} value is not plain data"


def _describe_key(key: object) -> str:
    kind = {bool: "boolean", int: "integer", float: "number"}.get(type(key), type(key).__name__)
    return f"expected a string, got {'null' if key is None else kind} {key!r}"


_TOO_DEEP = f"nested too deeply: more than {EXTRA_DEPTH} levels of free-form data (extra tables may nest {EXTRA_DEPTH})"


def free_problems(value: Mapping[Any, Any]) -> list[Problem]:
    """Every value of a free-form table that a file cannot carry, with its path inside the table.

    Keys are strings, values plain (see :func:`scalar_problem`), nesting at most
    :data:`EXTRA_DEPTH` levels (the table itself is level 1). The walk uses no recursion, so any
    depth is reported rather than crashing.

    >>> deep = {"a": 1}
    >>> for _ in range(70):
    ...     deep = {"k": deep}
    >>> [p.message for p in free_problems(deep)]
    ['nested too deeply: more than 64 levels of free-form data (extra tables may nest 64)']
    """
    problems: list[Problem] = []
    stack: list[tuple[Any, str, int]] = [(value, "", 1)]
    while stack:
        item, path, depth = stack.pop()
        if depth > EXTRA_DEPTH and isinstance(item, Mapping | list | tuple):
            problems.append(Problem(path, _TOO_DEEP))
            continue
        if isinstance(item, Mapping):
            children: list[tuple[Any, str, int]] = []
            for key, child in item.items():
                if not isinstance(key, str):
                    problems.append(Problem(join_path(path, str(key)), _describe_key(key)))
                    continue
                message = text_problem(key)
                if message is not None:
                    problems.append(Problem(join_path(path, key), "the key " + message))
                    continue
                children.append((child, join_path(path, key), depth + 1))
            stack.extend(reversed(children))
        elif isinstance(item, list | tuple):
            stack.extend(
                (child, join_path(path, index), depth + 1)
                for index, child in reversed(list(enumerate(item)))
            )
        else:
            message = scalar_problem(item)
            if message is not None:
                problems.append(Problem(path, message))
    return problems
