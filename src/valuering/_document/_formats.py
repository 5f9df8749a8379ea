"""The file formats, one :class:`Format` record each in :data:`REGISTRY`: TOML, JSON and YAML.

A record holds everything valuering knows about a format: its ``name``, the file ``suffixes`` that
select it, ``parse`` (text to plain data, with the line of every path), ``emit`` (plain data to text)
and ``cannot_hold`` (the plain values it cannot write without changing them). :func:`format_of`,
:func:`check_format`, :func:`parse`, :func:`emit` and :func:`unwritable` only read the registry, and
model files, catalog files and ratings files all go through them.

TOML is read with ``tomllib`` and written by :mod:`valuering._document._toml_writer`; JSON with the standard
library; YAML with PyYAML (the ``yaml`` extra), imported only when a YAML file is used.

How to add a format: write its ``parse`` and ``emit`` functions and a ``cannot_hold`` rule, and add one
``Format(...)`` record to the call that builds :data:`REGISTRY` at the end of this module. Nothing else
changes: ``valuering.io.FORMATS``, the suffixes ``load``/``dump`` accept and the messages listing them
follow the registry.

* ``parse(text)`` returns a :class:`Parsed`: the data, a :class:`~valuering._document._locate.LineMap`
  (computed on first use; a scanner in :mod:`valuering._document._locate` usually builds it) and any key
  given twice. A syntax error is a ``ValidationError`` made by :func:`syntax_error`, with line and column.
* ``emit(data)`` returns the text; it is only called on data ``cannot_hold`` accepted.
* ``cannot_hold(value)`` gets every scalar (None, str, int, float, bool, date, time, datetime) and returns
  why the format cannot write it, or None. Keys that are not strings, values of any other type and
  values no file carries (:func:`~valuering._document._bounds.scalar_problem`: a lone surrogate, an
  integer beyond 64 bits, NaN or infinity) are refused for every format.

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
>>> REGISTRY["yaml"].suffixes
('.yaml', '.yml')
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
from types import MappingProxyType, ModuleType
from typing import Any

import attrs

from valuering._document._bounds import alias_budget, scalar_problem, text_problem
from valuering._document._limits import MAX_DEPTH, TOO_DEEP
from valuering._document._locate import (
    LineMap,
    json_lines,
    line_past_depth,
    toml_lines,
    yaml_lines,
    yaml_needs_walk,
)
from valuering._document._toml_writer import dumps_toml
from valuering.errors import OptionalDependencyError, Problem, ValidationError

__all__ = [
    "FORMATS",
    "REGISTRY",
    "Format",
    "Parsed",
    "check_format",
    "emit",
    "format_of",
    "get_format",
    "parse",
    "syntax_error",
    "unwritable",
]


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


def _never(value: object) -> str | None:
    return None


@attrs.frozen
class Format:
    """One file format: its name, the suffixes that select it, and how to read and write it.

    ``label`` is the name in messages ("not valid TOML"); it defaults to the upper-case name.
    """

    name: str
    suffixes: tuple[str, ...]
    parse: Callable[[str], Parsed]
    emit: Callable[[Mapping[str, Any]], str]
    cannot_hold: Callable[[object], str | None] = _never
    label: str = attrs.field()

    @label.default
    def _label(self) -> str:
        return self.name.upper()


def _registry(*formats: Format) -> Mapping[str, Format]:
    """The read-only registry of ``formats`` by name; names and suffixes must be unique."""
    suffixes = [s for f in formats for s in f.suffixes]
    if len({f.name for f in formats}) != len(formats) or len(set(suffixes)) != len(suffixes):
        raise ValueError("every format needs its own name and its own suffixes")
    if any(s != s.lower() or not s.startswith(".") for s in suffixes):
        raise ValueError("a suffix is lower case and starts with a dot")
    return MappingProxyType({f.name: f for f in formats})


def format_of(path: str | Path) -> str:
    """The format a file's suffix names.

    >>> format_of("models/acme.yml")
    'yaml'
    """
    suffix = Path(path).suffix.lower()
    name = _SUFFIXES.get(suffix)
    if name is None:
        known = ", ".join(_SUFFIXES)
        raise ValidationError(
            [Problem("", f"unknown file type {suffix or '(no suffix)'!r}; use one of {known}")],
            title=str(path),
        )
    return name


def get_format(fmt: str) -> Format:
    """The record of the format named ``fmt``, else a ValidationError listing the known names.

    >>> get_format("json").label
    'JSON'
    """
    record = REGISTRY.get(fmt) if isinstance(fmt, str) else None
    if record is None:
        known = ", ".join(repr(f) for f in REGISTRY)
        raise ValidationError([Problem("", f"unknown format {fmt!r}; use one of {known}")])
    return record


def check_format(fmt: str) -> str:
    """``fmt`` if it is a known format name, else a ValidationError listing them."""
    return get_format(fmt).name


def syntax_error(
    label: str, message: str, line: int | None = None, column: int | None = None
) -> ValidationError:
    """The error for text that is not valid ``label`` (``"TOML"``), with the position if known."""
    where = f" (line {line}, column {column})" if line is not None and column is not None else ""
    return ValidationError([Problem("", f"not valid {label}: {message}{where}", line=line)])


def parse(text: str, fmt: str) -> Parsed:
    """Parse ``text`` in format ``fmt``; a syntax error is a ValidationError with line and column."""
    record = get_format(fmt)
    try:
        return record.parse(text)
    except RecursionError:
        message = TOO_DEEP
        raise syntax_error(record.label, message, line_past_depth(text)) from None
    except ValidationError:
        raise
    except ValueError as error:
        # A value the parser matched but Python cannot build: an integer longer than
        # sys.get_int_max_str_digits() (YAML's values are located by its own parse).
        message = str(error).split("; use sys.set_int_max_str_digits", 1)[0]
        raise syntax_error(record.label, message, _long_number_line(text)) from None


_LONG_NUMBER = re.compile(r"\d[\d_]{999,}")


def _long_number_line(text: str) -> int:
    """The line of the first number of 1,000 digits or more (else 1): why a parser gave up."""
    match = _LONG_NUMBER.search(text)
    return 1 if match is None else text.count("\n", 0, match.start()) + 1


def emit(data: Mapping[str, Any], fmt: str) -> str:
    """The text of ``data`` in format ``fmt``; values the format cannot hold raise a ValidationError."""
    record = get_format(fmt)
    problems = unwritable(data, fmt)
    if problems:
        raise ValidationError(problems, title=f"cannot write {record.label}")
    return record.emit(data)


def unwritable(data: Any, fmt: str) -> list[Problem]:
    """Every value of ``data`` that ``fmt`` cannot hold without changing it, with its path; data
    nested deeper than files may nest is refused at the first level too deep.

    >>> [str(p) for p in unwritable({"extra": {"note": None}}, "toml")]
    ['extra.note: null cannot be written in TOML; remove the key or use JSON or YAML']
    """
    return list(_unwritable(data, get_format(fmt)))


_SCALARS = (str, int, float, bool, datetime.date, datetime.time, type(None))


def _unwritable(data: Any, record: Format) -> Iterator[Problem]:
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]  # no recursion: any depth is reported
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, Mapping | list | tuple) and depth >= MAX_DEPTH:
            yield Problem(path, TOO_DEEP)
        elif isinstance(value, Mapping):
            items = []
            for key, item in value.items():
                sub = f"{path}.{key}" if path else str(key)
                if not isinstance(key, str):
                    yield Problem(
                        sub, f"a {type(key).__name__} key cannot be written in {record.label}"
                    )
                elif not key.isascii() and text_problem(key) is not None:
                    yield Problem(sub, f"the key {text_problem(key)}")
                items.append((item, sub, depth + 1))
            stack.extend(reversed(items))
        elif isinstance(value, list | tuple):
            stack.extend(
                (item, f"{path}[{i}]", depth + 1) for i, item in reversed(list(enumerate(value)))
            )
        elif isinstance(value, _SCALARS):
            message = scalar_problem(value) or record.cannot_hold(value)
            if message is not None:
                yield Problem(path, message)
        else:
            yield Problem(
                path, f"a {type(value).__name__} value cannot be written in {record.label}"
            )


# --- TOML -------------------------------------------------------------------------------------------

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")


# A dotted key of more parts than files may nest (a.a.a... = 1), where a key can start: tomllib's
# time grows with the square of the parts, so such a key is refused before parsing.
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DOTTED_KEY = re.compile(rf"(?:{_KEY_PART}[ \t]*\.[ \t]*)+{_KEY_PART}")
_KEY_PARTS = re.compile(_KEY_PART)


def _too_long_key(text: str) -> int | None:
    """The offset of the first dotted key deeper than MAX_DEPTH, or None. A key is on one line,
    so only long lines with that many dots are searched."""
    if text.count(".") < MAX_DEPTH:
        return None
    for line in [s for s in text.split("\n") if len(s) > 2 * MAX_DEPTH]:
        if line.count(".") < MAX_DEPTH:
            continue
        for match in _DOTTED_KEY.finditer(line):
            before = line[: match.start()].rstrip(" \t")
            key_starts_here = not before or before[-1] in "[{,"
            if key_starts_here and len(_KEY_PARTS.findall(match.group())) > MAX_DEPTH:
                return text.find(line) + match.start()
    return None


def _parse_toml(text: str) -> Parsed:
    deep = _too_long_key(text)
    if deep is not None:
        where = text.count("\n", 0, deep) + 1
        raise syntax_error("TOML", TOO_DEEP, where, deep - text.rfind("\n", 0, deep))
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
        raise syntax_error("TOML", message, line, column) from None
    return Parsed(data, lines=lambda: toml_lines(text))


def _toml_cannot_hold(value: object) -> str | None:
    if value is None:
        return "null cannot be written in TOML; remove the key or use JSON or YAML"
    if isinstance(value, datetime.time) and value.tzinfo is not None:
        return "a time with a time zone cannot be written in TOML"
    return None


# --- JSON -------------------------------------------------------------------------------------------


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
        raise syntax_error("JSON", error.msg, error.lineno, error.colno) from None
    if duplicated:
        # the scanner finds the keys given twice; otherwise it runs only if lines are needed
        scanned = json_lines(text)
        return Parsed(data, lines=lambda: scanned, duplicates=scanned.duplicates)
    return Parsed(data, lines=lambda: json_lines(text))


def _emit_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _json_cannot_hold(value: object) -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value!r} cannot be written in JSON; use TOML or YAML"
    if isinstance(value, datetime.date | datetime.time):
        return f"a {type(value).__name__} cannot be written in JSON; store it as an ISO string"
    return None


# --- YAML -------------------------------------------------------------------------------------------


def _yaml() -> ModuleType:
    try:
        import yaml
    except ImportError:
        raise OptionalDependencyError("PyYAML", "yaml", "Reading and writing YAML files") from None
    return yaml


def _parse_yaml(text: str) -> Parsed:
    yaml = _yaml()
    loader = _yaml_loader()(text)
    try:
        node = loader.get_single_node()
        # The walk maps lines and refuses alias bombs, self-reference and deep nesting before any
        # value is built, so the building never follows an alias past the budget. A text without
        # aliases only needs it for a key given twice or nesting too deep; otherwise the lines are
        # mapped when a problem needs one, from the text composed again.
        aliases = "*" in text
        if aliases or yaml_needs_walk(node):
            lines = yaml_lines(node, alias_budget(text), aliases=aliases)
            walked: Callable[[], LineMap] = lambda: lines  # noqa: E731
        else:
            lines, walked = LineMap(), functools.partial(_yaml_line_map, text)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(str(p) for p in (error.context, error.problem) if p)
        if "maximum nesting depth" in message:  # libyaml's own limit, deeper than ours
            message = TOO_DEEP
        line = mark.line + 1 if mark is not None else 1
        column = mark.column + 1 if mark is not None else None
        raise syntax_error("YAML", message, line, column) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, at an offset
        line = text.count("\n", 0, error.position) + 1
        column = error.position - text.rfind("\n", 0, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        message = f"character #x{code:04x}: {error.reason}"
        raise syntax_error("YAML", message, line, column) from None
    finally:
        loader.dispose()
    return Parsed(data, lines=walked, duplicates=lines.duplicates)


def _yaml_line_map(text: str) -> LineMap:
    """The line map of a YAML text already read without a problem in its node tree."""
    loader = _yaml_loader()(text)
    try:
        return yaml_lines(loader.get_single_node(), alias_budget(text), aliases=False)
    finally:
        loader.dispose()


_LONGEST_INT = 100  # characters: 64 bits in any YAML notation (0b + 64 digits + separators)


@functools.cache
def _yaml_loader() -> type:
    """PyYAML's safe loader (the C one when built), placing every value it cannot build on a line.

    An integer too long to be 64 bits is refused before it is built (a base-60 integer costs
    time quadratic in its length to build), and a number or date the constructor fails on
    (2024-13-45, !!int abc) gets the line of its node. Other values are built as PyYAML builds them.
    """
    yaml = _yaml()
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    error = yaml.constructor.ConstructorError

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    def located(build: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
        def construct(loader: Any, node: Any) -> Any:
            try:
                return build(loader, node)
            except (ValueError, OverflowError) as failure:
                raise error(None, None, str(failure), node.start_mark) from None

        return construct

    def construct_int(loader: Any, node: Any) -> Any:
        if len(node.value) > _LONGEST_INT:
            message = "integer too large: integers must fit in 64 bits"
            raise error(None, None, message, node.start_mark)
        return base.construct_yaml_int(loader, node)

    for kind, build in (
        ("int", construct_int),
        ("float", base.construct_yaml_float),
        ("timestamp", base.construct_yaml_timestamp),
    ):
        Loader.add_constructor(f"tag:yaml.org,2002:{kind}", located(build))
    return Loader


def _yaml_cannot_hold(value: object) -> str | None:
    if isinstance(value, datetime.time):
        return "a time of day cannot be written in YAML; store it as a string or use TOML"
    return None


def _emit_yaml(data: Mapping[str, Any]) -> str:
    yaml = _yaml()
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(
        data, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    return text


# --- The registry -----------------------------------------------------------------------------------

#: Every format by name, in the order messages list them. Adding a format is adding a record here.
REGISTRY: Mapping[str, Format] = _registry(
    Format("toml", (".toml",), _parse_toml, dumps_toml, _toml_cannot_hold),
    Format("json", (".json",), _parse_json, _emit_json, _json_cannot_hold),
    Format("yaml", (".yaml", ".yml"), _parse_yaml, _emit_yaml, _yaml_cannot_hold),
)

#: The format names, for ``valuering.io.FORMATS``.
FORMATS: tuple[str, ...] = tuple(REGISTRY)

_SUFFIXES = {suffix: f.name for f in REGISTRY.values() for suffix in f.suffixes}
