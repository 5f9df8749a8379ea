"""Line numbers of the keys and items in a file, so a problem at ``offerings[2].maturity`` has a line.

The parsers valuering uses give no positions (tomllib, json) or give them on a separate node tree (YAML),
so each format gets a light scanner that walks the text of an already parsed document and records the
line where each path starts. A path missing from the map (a required key that is absent) falls back to
the line of the closest enclosing table. Each format's ``parse`` in the registry of
:mod:`valuering._document._formats` hands its scanner to the :class:`Parsed` it returns.

>>> lines = toml_lines('name = "x"\\n\\n[[offerings]]\\nid = "a"\\n\\n[[offerings]]\\nid = "b"\\nmaturty = 3\\n')
>>> lines.line_of("offerings[1].maturty"), lines.line_of("offerings[1].service")
(8, 6)
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Callable, Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

import attrs

from valuering._document._limits import MAX_DEPTH, TOO_DEEP
from valuering.errors import Problem, ValidationError

__all__ = [
    "LineMap",
    "join_path",
    "json_lines",
    "line_past_depth",
    "toml_lines",
    "yaml_lines",
    "yaml_needs_walk",
]


@attrs.frozen
class LineMap:
    """The first line of each path in a document; ``duplicates`` are keys given twice in one table."""

    lines: dict[str, int] = attrs.field(factory=dict)
    duplicates: tuple[Problem, ...] = ()

    def line_of(self, path: str) -> int:
        """The line of ``path``, or of its closest enclosing table or list; the document starts
        on line 1, so a missing top-level key is reported there.

        >>> LineMap({"offerings[0]": 4}).line_of("offerings[0].maturity"), LineMap().line_of("name")
        (4, 1)
        """
        while True:
            line = self.lines.get(path)
            if line is not None:
                return line
            if not path:
                return 1
            path = path[: max(path.rfind("."), path.rfind("["), 0)]


def join_path(path: str, part: str | int) -> str:
    """The path of a key (``offerings[0].id``) or of a list item (``offerings[0]``) inside ``path``.

    >>> join_path("offerings", 0), join_path("offerings[0]", "id"), join_path("", "id")
    ('offerings[0]', 'offerings[0].id', 'id')
    """
    if isinstance(part, int):
        return f"{path}[{part}]"
    return f"{path}.{part}" if path else part


# Brackets outside strings and comments, for skipping (and finding) text nested too deeply to read.
_BRACKET_TOKENS = re.compile(r"""[\[\]{}]|"(?:[^"\\]|\\.)*"?|'[^']*'?|#[^\n]*""")


def _bracket_depths(text: str, pos: int) -> Iterator[tuple[int, int]]:
    """The offset of each bracket of JSON or TOML text from ``pos`` on, with the depth after it."""
    depth = 0
    for match in _BRACKET_TOKENS.finditer(text, pos):
        char = match.group()[0]
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        else:
            continue
        yield match.start(), depth


def _past_depth(text: str, pos: int, limit: int) -> int | None:
    """From the bracket at ``pos``: the offset just past its closing bracket (``limit`` 0), or of the
    first bracket deeper than ``limit``; None when the text ends first."""
    for offset, depth in _bracket_depths(text, pos):
        if (limit == 0 and depth == 0) or (limit and depth > limit):
            return offset + 1 if limit == 0 else offset
    return None


def line_past_depth(text: str, limit: int = MAX_DEPTH) -> int:
    """The line where JSON or TOML text first nests deeper than ``limit`` (else its last line).

    >>> line_past_depth('{"a":\\n  [[[1]]]}', limit=2)
    2
    """
    offset = _past_depth(text, 0, limit)
    return text.count("\n", 0, len(text) if offset is None else offset) + 1


def _given_twice(path: str, key: str, first: int, line: int) -> Problem:
    return Problem(path, f"key {key!r} is given twice (first on line {first})", line=line)


class _Scanner:
    """Text with a cursor, line lookup by offset, and the first line of each path seen."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.lines: dict[str, int] = {}
        self.depth = (
            0  # of brackets around the cursor; deeper than MAX_DEPTH is skipped, not mapped
        )

    def record(self, path: str, pos: int | None = None) -> None:
        self.lines.setdefault(path, self.line(pos))

    def line(self, pos: int | None = None) -> int:
        return bisect.bisect_right(self.newlines, self.pos if pos is None else pos - 1) + 1

    def peek(self, count: int = 1) -> str:
        return self.text[self.pos : self.pos + count]

    def skip(self, chars: str) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in chars:
            self.pos += 1

    def blank(self) -> None:
        """Skip what may stand between items: whitespace (and, in TOML, comments)."""
        self.skip(" \t\r\n")

    def items(self, close: str, item: Callable[[int], None]) -> None:
        """Read a bracketed, comma-separated run up to ``close``; ``item(index)`` reads one item."""
        if self.depth >= MAX_DEPTH:
            self.skip_nested()
            return
        self.depth += 1
        self.pos += 1  # the opening bracket
        index = 0
        while True:
            self.blank()
            if self.peek() == close:
                self.pos += 1
                self.depth -= 1
                return
            if self.peek() == ",":
                self.pos += 1
                index += 1
            else:
                item(index)

    def skip_nested(self) -> None:
        """Move past the bracketed value at the cursor without mapping it (it is too deep to be
        read anyway), in one pass."""
        stop = _past_depth(self.text, self.pos, 0)
        self.pos = len(self.text) if stop is None else stop

    def array(self, path: str, value: Callable[[str], None]) -> None:
        """Read an array at ``path``, recording the line of each item."""

        def element(index: int) -> None:
            sub = join_path(path, index)
            self.record(sub)
            value(sub)

        self.items("]", element)


# --- TOML -------------------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR_END = re.compile(r"[,\]\}\n#]")


def toml_lines(text: str) -> LineMap:
    """Lines of every table, key and array item of a TOML document (already known to be valid).

    >>> toml_lines('[baseline.culture]\\npm_maturity = 7\\n').line_of("baseline.culture.pm_maturity")
    2
    """
    scanner = _TomlScanner(text)
    # The map so far still helps; a scanner slip must never hide the real problems.
    with contextlib.suppress(IndexError, ValueError, RecursionError):
        scanner.document()
    return LineMap(scanner.lines)


class _TomlScanner(_Scanner):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.array_counts: dict[str, int] = {}

    def blank(self) -> None:
        while self.pos < len(self.text):
            self.skip(" \t\r\n")
            if self.peek() == "#":
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            else:
                return

    def document(self) -> None:
        table = ""
        while True:
            self.blank()
            if self.pos >= len(self.text):
                return
            if self.peek() == "[":
                table = self.header()
            else:
                self.key_value(table)

    def header(self) -> str:
        start = self.pos
        double = self.peek(2) == "[["
        self.pos += 2 if double else 1
        keys = self.keys()
        self.skip(" \t")
        self.pos += 2 if double else 1
        path = ""
        for i, key in enumerate(keys[:MAX_DEPTH]):
            path = join_path(path, key)
            last = i == len(keys) - 1
            if last and double:
                index = self.array_counts.get(path, 0)
                self.array_counts[path] = index + 1
                self.record(path, start)
                path = join_path(path, index)
            elif path in self.array_counts:
                path = join_path(path, self.array_counts[path] - 1)
            self.record(path, start)  # [offerings.0] puts offerings on this line too
        return path

    def keys(self) -> list[str]:
        keys = []
        while True:
            self.skip(" \t")
            keys.append(self.key())
            self.skip(" \t")
            if self.peek() != ".":
                return keys
            self.pos += 1

    def key(self) -> str:
        quote = self.peek()
        if quote in "\"'":
            return self.string_value(quote, self.string_end())
        match = _BARE_KEY.match(self.text, self.pos)
        if match is None:
            raise ValueError("not a key")
        self.pos = match.end()
        return match.group()

    def string_value(self, quote: str, end: int) -> str:
        body = self.text[self.pos + 1 : end - 1]
        self.pos = end
        if quote == "'":
            return body
        try:
            value: str = scanstring('"' + body + '"', 1)[0]
        except ValueError:  # a TOML-only escape such as \\U0001F600; the raw text is close enough
            return body
        return value

    def string_end(self) -> int:
        """Offset just past the string starting at the cursor (basic, literal or multi-line)."""
        text, pos = self.text, self.pos
        quote = text[pos]
        if text.startswith(quote * 3, pos):
            end = pos + 3
            while True:
                if quote == '"' and text[end] == "\\":
                    end += 2
                    continue
                if text.startswith(quote * 3, end):
                    end += 3
                    while end < len(text) and text[end] == quote:
                        end += 1  # up to two quotes may end the string's content
                    return end
                end += 1
        end = pos + 1
        while text[end] != quote:
            end += 2 if quote == '"' and text[end] == "\\" else 1
        return end + 1

    def key_value(self, table: str) -> None:
        start = self.pos
        path = table
        for key in self.keys()[:MAX_DEPTH]:  # a.a.a...: deeper keys are refused, not mapped
            path = join_path(path, key)
            self.record(path, start)
        self.skip(" \t")
        self.pos += 1  # the "="
        self.value(path)

    def value(self, path: str) -> None:
        self.skip(" \t")
        char = self.peek()
        if char == "{":
            self.items("}", lambda _: self.key_value(path))
        elif char == "[":
            self.array(path, self.value)
        elif char in "\"'":
            self.pos = self.string_end()
        else:
            match = _SCALAR_END.search(self.text, self.pos)
            self.pos = len(self.text) if match is None else match.start()


# --- JSON -------------------------------------------------------------------------------------------

_JSON_SCALAR = re.compile(r"[^,\]\}\s]+")


def json_lines(text: str) -> LineMap:
    """Lines of every key and array item of a JSON document, and the keys given twice.

    >>> lines = json_lines('{\\n  "id": "a",\\n  "offerings": [\\n    {"maturity": 7}\\n  ],\\n  "id": "b"\\n}')
    >>> lines.line_of("offerings[0].maturity"), [str(p) for p in lines.duplicates]
    (4, ["id: key 'id' is given twice (first on line 2)"])
    """
    scanner = _JsonScanner(text)
    with contextlib.suppress(IndexError, ValueError, RecursionError):
        scanner.value("")
    return LineMap(scanner.lines, tuple(scanner.duplicates))


class _JsonScanner(_Scanner):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.duplicates: list[Problem] = []

    def string(self) -> str:
        value, self.pos = scanstring(self.text, self.pos + 1)
        return str(value)

    def value(self, path: str) -> None:
        self.blank()
        char = self.peek()
        if char == "{":
            seen: dict[str, int] = {}

            def member(_: int) -> None:
                line = self.line()
                key = self.string()
                sub = join_path(path, key)
                if key in seen:
                    self.duplicates.append(_given_twice(sub, key, seen[key], line))
                else:
                    seen[key] = line
                    self.record(sub)
                self.blank()
                self.pos += 1  # the ":"
                self.value(sub)

            self.items("}", member)
        elif char == "[":
            self.array(path, self.value)
        elif char == '"':
            self.string()
        else:
            match = _JSON_SCALAR.match(self.text, self.pos)
            if match is None:
                raise ValueError("not a JSON value")
            self.pos = match.end()


# --- YAML -------------------------------------------------------------------------------------------

_MERGE = "tag:yaml.org,2002:merge"


def yaml_lines(root: Any, budget: int, *, aliases: bool = True) -> LineMap:
    """Lines of every key and item of a composed YAML node tree, and the keys given twice.

    The walk is also the guard that runs before any value is built: it raises a ValidationError
    (each problem with its line) when the tree nests deeper than ``MAX_DEPTH``, when an alias
    refers to a node that contains it, or when aliases would add more than ``budget`` values.
    ``aliases=False`` (a text without ``*`` has no alias) skips the bookkeeping aliases need.

    >>> import yaml
    >>> lines = yaml_lines(yaml.compose("id: a\\nofferings:\\n  - maturity: 7\\n"), budget=100)
    >>> lines.line_of("offerings[0].maturity")
    3
    >>> yaml_lines(yaml.compose("a: &x [1, 2]\\nb: [*x, *x, *x]\\n"), budget=4)
    Traceback (most recent call last):
    ...
    valuering.errors.ValidationError: 1 problem:
      b[1][0]: aliases would add more than 4 values to this file; write the values out or share fewer (line 2)
    """
    walker = _YamlWalker(budget, aliases)
    if root is not None:
        walker.walk(root, "", 1, 1)
    if walker.refused:
        raise ValidationError(walker.refused)
    return LineMap(walker.lines, tuple(walker.duplicates))


def yaml_needs_walk(root: Any) -> bool:
    """Whether a composed YAML node tree without aliases needs :func:`yaml_lines`'s walk before its
    values are built: a key given twice, a merge key, a key that is not a scalar, or nesting deeper
    than ``MAX_DEPTH``. The common file has none of them; its line map waits until a problem needs
    a line, and this check, without paths or lines, costs a fraction of the walk.

    >>> import yaml
    >>> yaml_needs_walk(yaml.compose("id: a\\nofferings:\\n  - maturity: 7\\n"))
    False
    >>> yaml_needs_walk(yaml.compose("id: a\\nid: b\\n"))
    True
    """
    import yaml

    mapping, sequence, scalar = yaml.MappingNode, yaml.SequenceNode, yaml.ScalarNode
    stack: list[tuple[Any, int]] = [(root, 1)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        kind = node.__class__
        if kind is scalar:
            continue
        if depth > MAX_DEPTH:
            return True
        if kind is mapping:
            pairs = node.value
            keys = set()
            for key_node, value_node in pairs:
                if key_node.__class__ is not scalar or key_node.tag == _MERGE:
                    return True
                keys.add(key_node.value)
                if value_node.__class__ is not scalar:
                    stack.append((value_node, depth + 1))
            if len(keys) != len(pairs):
                return True
        elif kind is sequence:
            stack.extend((item, depth + 1) for item in node.value if item.__class__ is not scalar)
        else:  # a node class of another loader: the walk knows what to do
            return True
    return False


class _YamlWalker:
    """One walk over a node tree, following aliases as the data will, within the budget.

    Inside an alias every line is the alias's own (the line of the key or item that holds it),
    since a problem there is fixed where the alias is written.
    """

    def __init__(self, budget: int, aliases: bool) -> None:
        import yaml

        self.collection, self.mapping_node = yaml.CollectionNode, yaml.MappingNode
        self.scalar, self.sequence = yaml.ScalarNode, yaml.SequenceNode
        self.budget = budget
        self.aliases = aliases  # without any, the bookkeeping below is skipped (the common case)
        self.lines: dict[str, int] = {}
        self.duplicates: list[Problem] = []
        self.refused: list[Problem] = []
        self.seen: set[int] = set()  # nodes visited once; visiting one again follows an alias
        self.active: set[int] = set()  # the nodes around the one being visited
        self.added = 0

    def walk(self, node: Any, path: str, depth: int, line: int, alias: bool = False) -> None:
        key = id(node)
        if self.aliases:
            if self.added > self.budget:
                return
            if key in self.seen:
                alias = True
                self.added += 1
                if self.added > self.budget:
                    message = (
                        f"aliases would add more than {self.budget} values to this file; "
                        "write the values out or share fewer"
                    )
                    self.refused.append(Problem(path, message, line=line))
                    return
            self.seen.add(key)
        if not isinstance(node, self.collection):
            return
        if key in self.active:
            message = "refers to itself: an alias inside its own anchor would never end"
            self.refused.append(Problem(path, message, line=line))
            return
        if depth > MAX_DEPTH:
            self.refused.append(Problem(path, TOO_DEEP, line=line))
            return
        if self.aliases:
            self.active.add(key)
        if isinstance(node, self.mapping_node):
            self.mapping(node, path, depth, line if alias else None)
        else:
            for index, item in enumerate(node.value):
                sub = join_path(path, index)
                shared = alias or id(item) in self.seen
                item_line = line if shared else item.start_mark.line + 1
                self.lines.setdefault(sub, item_line)
                self.walk(item, sub, depth + 1, item_line, alias)
        self.active.discard(key)

    def mapping(self, node: Any, path: str, depth: int, alias_line: int | None) -> None:
        seen: dict[str, int] = {}
        merges = []
        for key_node, value_node in node.value:
            line = alias_line or key_node.start_mark.line + 1
            if key_node.tag == _MERGE:  # <<: *base; the keys written here win over merged ones
                merges.append((value_node, line))
                continue
            if not isinstance(key_node, self.scalar):
                continue  # a table or list as a key: building the data refuses it, with its line
            key = str(key_node.value)
            sub = join_path(path, key)
            if key in seen:
                if alias_line is None:  # reported where the anchor is written, once
                    self.duplicates.append(_given_twice(sub, key, seen[key], line))
                continue
            seen[key] = line
            self.lines.setdefault(sub, line)
            self.walk(value_node, sub, depth + 1, line, alias_line is not None)
        for value_node, line in merges:
            merged = value_node.value if isinstance(value_node, self.sequence) else [value_node]
            for source in merged:
                self.walk(source, path, depth, line, True)
