"""Reading a document from text or a file, and writing text atomically.

Model files and catalog files both go through here: parse with a line map, check the envelope, migrate,
structure strictly, and put the line and file name on every problem. Ratings files use the same reading
(:func:`read_text`, then ``parse``) and :func:`located` for their own checks.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

import attrs

from valuering._document._converter import structure_partial
from valuering._document._envelope import Migrations
from valuering._document._formats import Parsed, parse
from valuering.errors import Problem, ValidationError

__all__ = ["check_path", "located", "read_document", "read_text", "write_text"]

T = TypeVar("T")


def check_path(path: object) -> None:
    """A ValidationError unless ``path`` is a string or a path-like object."""
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
