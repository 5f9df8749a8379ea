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

from valuering._collector import collector_paused
from valuering._document._converter import structure_partial
from valuering._document._envelope import Migrations
from valuering._document._formats import Parsed, parse
from valuering.errors import Problem, ValidationError

__all__ = [
    "check_path",
    "located",
    "read_document",
    "read_text",
    "write_text",
]

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
    with collector_paused():
        return _read_document(text, fmt, kind, migrations)


def _read_document(
    text: str, fmt: str, kind: type[T], migrations: Migrations
) -> tuple[T | None, list[Problem], Parsed | None]:
    try:
        parsed = parse(text, fmt)
    except ValidationError as error:
        return None, list(error.problems), None
    envelope: list[Problem] = []
    try:
        document = migrations.upgrade(parsed.data)
    except ValidationError as error:
        if not isinstance(parsed.data, dict) or "schema" in parsed.data:
            # Not a table, or a version whose layout is unknown: nothing more can be checked.
            return None, [*parsed.duplicates, *error.problems], parsed
        # Without a schema the file is read as the current version, so every fault shows at once.
        envelope, document = list(error.problems), parsed.data
    obj, problems = structure_partial(document, kind)
    return obj, [*parsed.duplicates, *envelope, *problems], parsed


def located(
    problems: Iterable[Problem], parsed: Parsed | None, source: str | None
) -> list[Problem]:
    """The problems with the line of their path (or of the closest enclosing table; the first
    line for the document itself) and the file name."""
    result = []
    for problem in problems:
        line = problem.line
        if line is None:
            line = 1 if parsed is None else parsed.lines.line_of(problem.path)
        result.append(attrs.evolve(problem, line=line, file=source or problem.file))
    return result


def _unwritable_folder(error: OSError, target: Path) -> OSError:
    """The error of a folder a file cannot be created in, naming the file asked for (or the
    missing folder), never the temporary file."""
    folder = target.parent
    if error.errno == errno.ENOENT and not folder.exists():
        return FileNotFoundError(errno.ENOENT, "no such folder", str(folder))
    reason = f"{error.strerror or 'cannot write'} (cannot create a file in {folder})"
    return type(error)(error.errno, reason, str(target))


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to a temporary file in the same folder, then rename it over ``path``."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(target))
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:  # name the file asked for, not the temporary one
        raise _unwritable_folder(error, target) from None
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
