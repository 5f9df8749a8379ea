"""Model files: load and dump a PMO as TOML, JSON or YAML, every problem of a file reported at once.

>>> from valuering import examples
>>> pmo = load(examples.path("northwind-energy"))
>>> loads(dumps(pmo, "json"), "json") == pmo
True
>>> loads('schema = "valuering/1"\\nid = "demo"\\nname = "Demo"\\n[[offerings]]\\nid = "pmis"\\n'
...       'service = "systems-and-tools-management"\\nmaturity = "4"\\n', "toml", source="demo.toml")
Traceback (most recent call last):
...
valuering.errors.ValidationError: demo.toml: 1 problem:
  offerings[0].maturity: expected an integer, got string '4' (line 7)
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from valuering.errors import Problem, ValidationError, sort_problems
from valuering.io._converter import structure_partial, unstructure
from valuering.io._envelope import MODEL_MIGRATIONS, Migrations
from valuering.io._formats import Parsed, check_format, emit, format_of, parse
from valuering.model import PMO

if TYPE_CHECKING:
    from valuering.catalog import Catalog

__all__ = ["dump", "dumps", "load", "loads", "read_document", "write_text"]

T = TypeVar("T")


def _check_path(path: object) -> None:
    if not isinstance(path, str | os.PathLike):
        raise ValidationError([Problem("", f"expected a file path, got {type(path).__name__}")])


def read_text(path: str | Path) -> str:
    """A file's text (UTF-8, a byte-order mark is ignored); undecodable bytes are a ValidationError."""
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ValidationError(
            [Problem("", f"not UTF-8 text (byte {error.start})", line=line, file=str(path))],
            title=str(path),
        ) from None


def read_document(
    text: str, fmt: str, kind: type[T], migrations: Migrations
) -> tuple[T | None, list[Problem], Parsed | None]:
    """Parse, check the envelope, migrate and structure: the object (a stand-in when there are
    problems), the problems without lines, and the parsed document to find lines in."""
    try:
        parsed = parse(text, fmt)
    except ValidationError as error:
        return None, list(error.problems), None
    try:
        document = migrations.upgrade(parsed.data)
    except ValidationError as error:
        return None, [*parsed.duplicates, *error.problems], parsed
    try:
        obj, problems = structure_partial(document, kind)
    except RecursionError:
        return None, [Problem("", "nested too deeply")], parsed
    return obj, [*parsed.duplicates, *problems], parsed


def located(
    problems: Iterable[Problem], parsed: Parsed | None, source: str | None
) -> list[Problem]:
    """The problems with the line of their path (when the parser gives one) and the file name."""
    result = []
    for problem in problems:
        line = problem.line
        if line is None and parsed is not None:
            line = parsed.lines.line_of(problem.path)
        result.append(attrs.evolve(problem, line=line, file=source or problem.file))
    return result


def _within(path: str, outer: str) -> bool:
    return path == outer or path.startswith((outer + ".", outer + "["))


def _cross_problems(pmo: PMO, catalog: Catalog | None, known: list[Problem]) -> list[Problem]:
    """Cross-reference problems, leaving out those that only echo a structure problem."""
    from valuering.validation import find_problems  # imports the catalog, which imports io

    try:
        found = find_problems(pmo, catalog)
    except Exception:
        if known:
            return []
        raise
    return [p for p in found if not any(_within(p.path, k.path) for k in known)]


def loads(
    text: str, format: str = "toml", *, catalog: Catalog | None = None, source: str | None = None
) -> PMO:
    """Read a model from ``text`` in ``format`` ("toml", "json" or "yaml") and check it completely.

    Every problem (syntax, envelope, types, ranges, unknown keys, cross-references against ``catalog``
    or the built-in catalog the model names) is collected into one
    :class:`~valuering.errors.ValidationError`, each with its path and line; ``source`` names the text
    in messages.

    >>> loads('{"schema": "valuering/1", "id": "demo", "name": "Demo"}', "json").name
    'Demo'
    >>> loads('{"schema": "valuering/1", "id": "demo", "name": "Demo", "scenario": "no"}', "json")
    Traceback (most recent call last):
    ...
    valuering.errors.ValidationError: 1 problem:
      scenario: string 'no' is not one of 'potential', 'kickoff', ..., 'resurgence' (line 1)
    """
    check_format(format)
    if not isinstance(text, str):
        raise ValidationError([Problem("", f"expected text, got {type(text).__name__}")])
    pmo, problems, parsed = read_document(text, format, PMO, MODEL_MIGRATIONS)
    if pmo is not None:
        problems = [*problems, *_cross_problems(pmo, catalog, problems)]
    if problems:
        raise ValidationError(sort_problems(located(problems, parsed, source)), title=source)
    assert pmo is not None
    return pmo


def load(path: str | Path, *, catalog: Catalog | None = None, format: str | None = None) -> PMO:
    """Read a model file; the format comes from the suffix (.toml, .json, .yaml, .yml).

    See :func:`loads` for the checks. A missing file raises :class:`FileNotFoundError`.

    >>> from valuering import examples
    >>> load(examples.path("northwind-energy")).offering("reporting").maturity
    3
    """
    _check_path(path)
    fmt = format or format_of(path)
    return loads(read_text(path), fmt, catalog=catalog, source=str(path))


def dumps(pmo: PMO, format: str = "toml") -> str:
    """The text of a model file for ``pmo``: the envelope ``schema = "valuering/1"`` and the model.

    >>> from valuering import PMO
    >>> print(dumps(PMO(id="demo", name="Demo PMO")), end="")
    schema = "valuering/1"
    id = "demo"
    name = "Demo PMO"
    """
    check_format(format)
    if not isinstance(pmo, PMO):
        raise ValidationError([Problem("", f"expected a PMO, got {type(pmo).__name__}")])
    data: dict[str, Any] = {"schema": MODEL_MIGRATIONS.current, **unstructure(pmo)}
    return emit(data, format)


def dump(pmo: PMO, path: str | Path, *, format: str | None = None) -> None:
    """Write ``pmo`` to a model file, atomically: a crash never leaves a half-written file.

    >>> import tempfile, pathlib
    >>> from valuering import PMO
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "demo.yaml"
    ...     dump(PMO(id="demo", name="Demo PMO"), target)
    ...     load(target).name
    'Demo PMO'
    """
    _check_path(path)
    write_text(path, dumps(pmo, format or format_of(path)))


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to a temporary file in the same folder, then rename it over ``path``."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(target))
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except FileNotFoundError:  # name the missing folder, not the temporary file
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(target.parent)) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
