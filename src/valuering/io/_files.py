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

from pathlib import Path
from typing import Any

from valuering._collector import collector_paused
from valuering._document._converter import free_data_problems, unstructure
from valuering._document._envelope import MODEL_MIGRATIONS
from valuering._document._files import (
    check_path,
    located,
    read_document,
    read_text,
    write_text,
)
from valuering._document._formats import check_format, emit, format_of
from valuering.catalog import Catalog
from valuering.errors import Problem, ValidationError, sort_problems
from valuering.model import PMO
from valuering.validation import catalog_for, find_problems, remember_sound

__all__ = ["dump", "dumps", "load", "loads"]


def _within(path: str, outer: str) -> bool:
    return path == outer or path.startswith((outer + ".", outer + "["))


def _cross_problems(pmo: PMO, catalog: Catalog | None, known: list[Problem]) -> list[Problem]:
    """Cross-reference problems, leaving out those that only echo a structure problem."""
    try:
        found = find_problems(pmo, catalog=catalog)
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
    in messages. A model read with ``catalog=`` stays bound to it: analysis functions use that
    catalog without being given it again (see :func:`valuering.validation.bind_catalog`).

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
    # The checks and line maps after structuring build large indexes too.
    with collector_paused():
        pmo, problems, parsed = read_document(text, format, PMO, MODEL_MIGRATIONS)
        if pmo is not None:
            problems = [*problems, *_cross_problems(pmo, catalog, problems)]
        if problems:
            raise ValidationError(sort_problems(located(problems, parsed, source)), title=source)
    assert pmo is not None
    remember_sound(pmo, catalog_for(pmo, catalog=catalog), bind=catalog is not None)
    return pmo


def load(path: str | Path, *, catalog: Catalog | None = None, format: str | None = None) -> PMO:
    """Read a model file; the format comes from the suffix (.toml, .json, .yaml, .yml).

    See :func:`loads` for the checks. A missing file raises :class:`FileNotFoundError`.

    >>> from valuering import examples
    >>> load(examples.path("northwind-energy")).offering("reporting").maturity
    3
    """
    check_path(path)
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
    if isinstance(pmo, Catalog):
        message = "expected a PMO, got a Catalog; write catalogs with valuering.dump_catalog"
        raise ValidationError([Problem("", message)])
    if not isinstance(pmo, PMO):
        raise ValidationError([Problem("", f"expected a PMO, got {type(pmo).__name__}")])
    # What loading would refuse is not written: everything dumps writes, loads reads back.
    problems = free_data_problems(pmo)
    if problems:
        raise ValidationError(problems, title=f"cannot write {format.upper()}")
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
    check_path(path)
    write_text(path, dumps(pmo, format or format_of(path)))
