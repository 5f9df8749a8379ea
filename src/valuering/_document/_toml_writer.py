"""A small TOML writer for plain data, laid out the way a person writes a model file by hand.

``tomllib`` only reads, and the runtime depends on nothing beyond attrs, cattrs and networkx, so this
module writes TOML itself. Layout rules: plain keys first; a short table of plain values stays inline
(``approach = { project-managers = "directive" }``), a longer one becomes a ``[section]``; a list of small
two-key tables is written one inline table per line, any other list of tables as ``[[array]]`` tables.

>>> print(dumps_toml({"schema": "valuering/1", "id": "demo", "customers": [
...     {"id": "cfo", "expectations": [{"outcome": "higher-return-on-investment", "priority": 2}]}]}))
schema = "valuering/1"
id = "demo"
<BLANKLINE>
[[customers]]
id = "cfo"
expectations = [
  { outcome = "higher-return-on-investment", priority = 2 },
]
<BLANKLINE>
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["dumps_toml"]

WIDTH = 100
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_MUST_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def dumps_toml(data: Mapping[str, Any]) -> str:
    """The TOML text of ``data`` (a table of strings, numbers, booleans, dates, lists and tables).

    Values TOML cannot hold (None, sets, objects) must be refused before calling this.

    >>> print(dumps_toml({"name": 'Say "hi"\\n', "ratio": float("inf")}), end="")
    name = "Say \\"hi\\"\\n"
    ratio = inf
    """
    out: list[str] = []
    _table(out, [], data, header=None)
    return "\n".join(out).lstrip("\n") + "\n"


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    return '"' + _MUST_ESCAPE.sub(lambda m: _ESCAPES.get(m[0], f"\\u{ord(m[0]):04X}"), text) + '"'


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} in TOML")


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list | tuple) and bool(value) and all(map(_is_table, value))


def _flat(table: Mapping[str, Any]) -> bool:
    """Only plain values and lists of plain values: safe and readable on one line."""
    return not any(
        _is_table(v)
        or (
            isinstance(v, list | tuple)
            and any(_is_table(i) or isinstance(i, list | tuple) for i in v)
        )
        for v in table.values()
    )


def _inline(value: Any) -> str:
    if _is_table(value):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return _scalar(value)


def _array(key: str, items: list[Any] | tuple[Any, ...], *, spread: bool = False) -> str:
    """A list on one line when it fits (and is not ``spread``), else one item per line."""
    one_line = f"{key} = {_inline(items)}"
    if not items or (len(one_line) <= WIDTH and not spread):
        return one_line
    return "\n".join([f"{key} = [", *(f"  {_inline(v)}," for v in items), "]"])


def _inline_table_list(items: list[Any] | tuple[Any, ...]) -> bool:
    return all(_flat(i) and len(i) <= 2 and len(_inline(i)) <= WIDTH - 4 for i in items)


def _table(out: list[str], path: list[str], table: Mapping[str, Any], header: str | None) -> None:
    lines: list[str] = []
    sections: list[tuple[str, Mapping[str, Any]]] = []
    arrays: list[tuple[str, list[Any]]] = []
    for key, value in table.items():
        written = _key(key)
        if _is_table(value):
            inline = f"{written} = {_inline(value)}"
            if not value or (_flat(value) and len(inline) <= WIDTH):
                lines.append(inline)
            else:
                sections.append((key, value))
        elif _is_table_list(value) and not _inline_table_list(value):
            arrays.append((key, list(value)))
        elif isinstance(value, list | tuple):
            lines.append(_array(written, value, spread=_is_table_list(value)))
        else:
            lines.append(f"{written} = {_scalar(value)}")
    if header is not None and (lines or header.startswith("[[") or not (sections or arrays)):
        out.extend(["", header])
    out.extend(lines)
    for key, value in sections:
        sub = [*path, key]
        _table(out, sub, value, header="[" + ".".join(_key(k) for k in sub) + "]")
    for key, items in arrays:
        sub = [*path, key]
        for item in items:
            _table(out, sub, item, header="[[" + ".".join(_key(k) for k in sub) + "]]")
