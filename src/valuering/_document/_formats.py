"""The three file formats: reading text into plain data with line numbers, writing plain data as text.

TOML is read with ``tomllib`` and written by :mod:`valuering._document._toml_writer`; JSON with the standard
library; YAML with PyYAML (the ``yaml`` extra), imported only when a YAML file is used.

>>> parsed = parse('schema = "valuering/1"\\nid = "demo"\\n', "toml")
>>> parsed.data
{'schema': 'valuering/1', 'id': 'demo'}
>>> parsed.lines.line_of("id")
2
>>> print(emit({"id": "demo", "tags": ["a", "b"]}, "json"), end="")
{
  "id": "demo",
  "tags": [
    "a",
    "b"
  ]
}
"""

from __future__ import annotations

import datetime
import functools
import json
import math
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs

from valuering._document._locate import LineMap, json_lines, toml_lines, yaml_lines
from valuering._document._toml_writer import dumps_toml
from valuering.errors import OptionalDependencyError, Problem, ValidationError

__all__ = ["FORMATS", "Parsed", "emit", "format_of", "parse"]

FORMATS = ("toml", "json", "yaml")
_SUFFIXES = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def format_of(path: str | Path) -> str:
    """The format a file's suffix names.

    >>> format_of("models/acme.yml")
    'yaml'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        known = ", ".join(_SUFFIXES)
        raise ValidationError(
            [Problem("", f"unknown file type {suffix or '(no suffix)'!r}; use one of {known}")],
            title=str(path),
        )
    return _SUFFIXES[suffix]


def check_format(fmt: str) -> str:
    """``fmt`` if it is a known format name, else a ValidationError listing them."""
    if fmt not in FORMATS:
        known = ", ".join(repr(f) for f in FORMATS)
        raise ValidationError([Problem("", f"unknown format {fmt!r}; use one of {known}")])
    return fmt


def _yaml() -> ModuleType:
    try:
        import yaml
    except ImportError:
        raise OptionalDependencyError("PyYAML", "yaml", "Reading and writing YAML files") from None
    return yaml


@attrs.frozen
class Parsed:
    """A parsed document: the plain data, the line of each path (computed on first use) and the keys
    given twice (JSON and YAML parsers keep the last silently; valuering reports them)."""

    data: Any
    _lines: Callable[[], LineMap] = attrs.field(alias="lines")
    duplicates: tuple[Problem, ...] = ()

    @functools.cached_property
    def lines(self) -> LineMap:
        """Lines of the document's paths, and any key given twice."""
        return self._lines()


def _syntax_error(fmt: str, message: str, line: int | None, column: int | None) -> ValidationError:
    where = f" (line {line}, column {column})" if line is not None and column is not None else ""
    return ValidationError([Problem("", f"not valid {fmt.upper()}: {message}{where}", line=line)])


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")


def parse(text: str, fmt: str) -> Parsed:
    """Parse ``text`` in format ``fmt``; a syntax error is a ValidationError with line and column."""
    check_format(fmt)
    try:
        if fmt == "toml":
            return _parse_toml(text)
        if fmt == "json":
            return _parse_json(text)
        return _parse_yaml(text)
    except RecursionError:
        raise ValidationError(
            [Problem("", f"not valid {fmt.upper()}: nested too deeply")]
        ) from None
    except ValidationError:
        raise
    except ValueError as error:
        # A value the parser matched but Python cannot build: YAML's 2024-13-45 or !!int abc, or an
        # integer longer than sys.get_int_max_str_digits() in any format.
        message = str(error).split("; use sys.set_int_max_str_digits", 1)[0]
        raise ValidationError([Problem("", f"not valid {fmt.upper()}: {message}")]) from None


def _parse_toml(text: str) -> Parsed:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        line = column = None
        if match is not None:
            message = message[: match.start()]
            if match.group(1):
                line, column = int(match.group(1)), int(match.group(2))
            else:
                line = text.count("\n") + 1
                column = len(text) - text.rfind("\n")
        raise _syntax_error("toml", message, line, column) from None
    return Parsed(data, lines=lambda: toml_lines(text))


def _parse_json(text: str) -> Parsed:
    duplicated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicated
        table = dict(items)
        duplicated = duplicated or len(table) != len(items)
        return table

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as error:
        raise _syntax_error("json", error.msg, error.lineno, error.colno) from None
    if (
        duplicated
    ):  # the scanner finds the keys given twice; otherwise it runs only if lines are needed
        scanned = json_lines(text)
        return Parsed(data, lines=lambda: scanned, duplicates=scanned.duplicates)
    return Parsed(data, lines=lambda: json_lines(text))


def _parse_yaml(text: str) -> Parsed:
    yaml = _yaml()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(str(p) for p in (error.context, error.problem) if p)
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise _syntax_error("yaml", message, line, column) from None
    except yaml.YAMLError as error:  # e.g. a character YAML does not allow
        raise _syntax_error("yaml", str(error).replace("\n", " "), None, None) from None
    finally:
        loader.dispose()
    lines = yaml_lines(node)
    return Parsed(data, lines=lambda: lines, duplicates=lines.duplicates)


def unwritable(data: Any, fmt: str) -> list[Problem]:
    """Every value of ``data`` that ``fmt`` cannot hold without changing it, with its path.

    >>> [str(p) for p in unwritable({"extra": {"note": None}}, "toml")]
    ['extra.note: null cannot be written in TOML; remove the key or use JSON or YAML']
    """
    return list(_unwritable(data, fmt, ""))


def _unwritable(value: Any, fmt: str, path: str) -> Iterator[Problem]:
    name = fmt.upper()
    if isinstance(value, Mapping):
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            if not isinstance(key, str):
                yield Problem(sub, f"a {type(key).__name__} key cannot be written in {name}")
            yield from _unwritable(item, fmt, sub)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _unwritable(item, fmt, f"{path}[{index}]")
    elif value is None:
        if fmt == "toml":
            yield Problem(
                path, "null cannot be written in TOML; remove the key or use JSON or YAML"
            )
    elif isinstance(value, float) and not math.isfinite(value):
        if fmt == "json":
            yield Problem(path, f"{value!r} cannot be written in JSON; use TOML or YAML")
    elif isinstance(value, datetime.date | datetime.time):
        if fmt == "json":
            yield Problem(
                path,
                f"a {type(value).__name__} cannot be written in JSON; store it as an ISO string",
            )
        elif fmt == "toml" and isinstance(value, datetime.time) and value.tzinfo is not None:
            yield Problem(path, "a time with a time zone cannot be written in TOML")
    elif not isinstance(value, str | int | float | bool):
        yield Problem(path, f"a {type(value).__name__} value cannot be written in {name}")


def emit(data: Mapping[str, Any], fmt: str) -> str:
    """The text of ``data`` in format ``fmt``; values the format cannot hold raise a ValidationError."""
    check_format(fmt)
    problems = unwritable(data, fmt)
    if problems:
        raise ValidationError(problems, title=f"cannot write {fmt.upper()}")
    try:
        if fmt == "toml":
            return dumps_toml(data)
        if fmt == "json":
            return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
        yaml = _yaml()
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text: str = yaml.dump(
            data, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
        )
        return text
    except RecursionError:
        raise ValidationError([Problem("", "the data is nested too deeply to write")]) from None
