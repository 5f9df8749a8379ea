"""Loading consultants' catalog files and data: the document, with ``extends`` resolved by name."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from valuering._document._converter import unstructure
from valuering._document._envelope import CATALOG_MIGRATIONS
from valuering._document._files import check_path, located, write_text
from valuering._document._formats import emit, format_of
from valuering.catalog._catalog import Catalog
from valuering.catalog._files import CatalogDocument, build, document_from_data, read_file
from valuering.catalog._registry import get_catalog
from valuering.errors import Problem, UnknownIdError, ValidationError, sort_problems

__all__ = ["catalog_from_data", "convert_catalog_file", "load_catalog"]


def _start(doc: CatalogDocument, base: Catalog | None, source: str) -> Catalog | None:
    """The catalog ``doc`` extends: ``base`` when given, else the one its ``extends`` names."""
    if doc.extends is None:
        return None
    if base is not None:
        return base
    try:
        return get_catalog(doc.extends)
    except UnknownIdError as error:
        problem = Problem("extends", f"{error}; register it or pass it as base=...", file=source)
        raise ValidationError([problem]) from None


def catalog_from_data(
    data: Mapping[str, Any],
    *,
    base: Catalog | None = None,
    override: bool = False,
    source: str = "<data>",
) -> Catalog:
    """Build a catalog from the plain data of a catalog file (already parsed TOML, JSON or YAML).

    >>> catalog_from_data({"schema": "valuering-catalog/1", "name": "acme", "extends": "pmi-2025"}).name
    'acme'
    """
    doc = document_from_data(data, source)
    return build(doc, _start(doc, base, source), override=override)


def load_catalog(
    path: str | Path, *, base: Catalog | None = None, override: bool = False
) -> Catalog:
    """Load a catalog file (TOML, JSON or YAML by suffix); with ``extends = "pmi-2025"`` its entries
    are added to that catalog.

    An entry whose id is already in the base catalog is an error unless ``override=True``. Every
    problem of the file is reported in one :class:`~valuering.errors.ValidationError` with its line.

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "acme.toml"
    ...     _ = path.write_text('schema = "valuering-catalog/1"\\nname = "acme"\\nextends = "pmi-2025"\\n')
    ...     len(load_catalog(path).services)
    26
    """
    return _load_file(path, base=base, override=override)[1]


def _load_file(
    path: str | Path, *, base: Catalog | None, override: bool
) -> tuple[CatalogDocument, Catalog]:
    """A catalog file's document as written and the catalog it builds, or every problem at once."""
    check_path(path)
    source = str(path)
    doc, parsed = read_file(path)
    try:
        return doc, build(doc, _start(doc, base, source), override=override)
    except ValidationError as error:
        problems = located(error.problems, parsed, source)
        raise ValidationError(sort_problems(problems), title=source) from None


def convert_catalog_file(source: str | Path, target: str | Path) -> None:
    """Check the catalog file ``source`` as :func:`load_catalog` does, then write the same entries
    to ``target`` (atomically) in the format its suffix names; ``extends`` is kept, not expanded.

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     toml = pathlib.Path(folder) / "acme.toml"
    ...     _ = toml.write_text('schema = "valuering-catalog/1"\\nname = "acme"\\nextends = "pmi-2025"\\n')
    ...     convert_catalog_file(toml, toml.with_suffix(".json"))
    ...     print(toml.with_suffix(".json").read_text(), end="")
    {
      "schema": "valuering-catalog/1",
      "name": "acme",
      "extends": "pmi-2025"
    }
    """
    doc = _load_file(source, base=None, override=False)[0]
    data = {"schema": CATALOG_MIGRATIONS.current, **unstructure(doc)}
    write_text(target, emit(data, format_of(target)))
