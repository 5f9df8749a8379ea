"""Catalog files: the built-in PMI catalog (package data) and consultants' own catalog files.

Catalog files load through the same machinery as model files (:mod:`valuering.io`): TOML, JSON or YAML,
the envelope ``schema = "valuering-catalog/1"``, every problem reported at once with its line.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from valuering.catalog._catalog import Catalog, Link
from valuering.errors import Problem, UnknownIdError, ValidationError, sort_problems
from valuering.io._converter import structure_partial, unstructure
from valuering.io._envelope import CATALOG_MIGRATIONS
from valuering.io._files import located, read_document, read_text, write_text
from valuering.io._formats import emit, format_of
from valuering.model import (
    ApproachDefinition,
    Competence,
    CustomerGroup,
    Outcome,
    ServiceDefinition,
)

__all__ = ["CATALOG_SCHEMA", "catalog_from_data", "load_catalog", "pmi_2025"]

CATALOG_SCHEMA = CATALOG_MIGRATIONS.current


@attrs.frozen(kw_only=True)
class CatalogDocument:
    """The shape of a catalog file (after its envelope); ``extends`` names the catalog it adds to."""

    name: str
    title: str = ""
    extends: str | None = None
    customer_groups: tuple[CustomerGroup, ...] = ()
    approaches: tuple[ApproachDefinition, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    competences: tuple[Competence, ...] = ()
    services: tuple[ServiceDefinition, ...] = ()
    links: tuple[Link, ...] = ()


def _document(data: Mapping[str, Any], source: str) -> CatalogDocument:
    try:
        document = CATALOG_MIGRATIONS.upgrade(data)
    except ValidationError as error:
        raise ValidationError(
            [attrs.evolve(p, file=source) for p in error.problems], title=source
        ) from None
    doc, problems = structure_partial(document, CatalogDocument)
    if problems or doc is None:
        raise ValidationError([attrs.evolve(p, file=source) for p in problems], title=source)
    return doc


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
    return _build(_document(data, source), base=base, override=override, source=source)


def _build(doc: CatalogDocument, *, base: Catalog | None, override: bool, source: str) -> Catalog:
    if doc.extends is None:
        start = Catalog(
            name=doc.name, title=doc.title, approaches={a.id: a for a in doc.approaches}
        )
    elif base is not None:
        start = base
    else:
        from valuering.catalog._registry import get_catalog  # the registry needs pmi_2025 from here

        try:
            start = get_catalog(doc.extends)
        except UnknownIdError as error:
            problem = Problem(
                "extends", f"{error}; register it or pass it as base=...", file=source
            )
            raise ValidationError([problem]) from None
    return start.extend(
        services=doc.services,
        outcomes=doc.outcomes,
        competences=doc.competences,
        customer_groups=doc.customer_groups,
        links=doc.links,
        name=doc.name,
        override=override,
    )


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
    return _read(path, base=base, override=override)[1]


def _read(
    path: str | Path, *, base: Catalog | None, override: bool
) -> tuple[CatalogDocument, Catalog]:
    """A catalog file's document as written and the catalog it builds, or every problem at once."""
    source = str(path)
    doc, problems, parsed = read_document(
        read_text(path), format_of(path), CatalogDocument, CATALOG_MIGRATIONS
    )
    if problems or doc is None:
        raise ValidationError(sort_problems(located(problems, parsed, source)), title=source)
    try:
        return doc, _build(doc, base=base, override=override, source=source)
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
    doc = _read(source, base=None, override=False)[0]
    data = {"schema": CATALOG_MIGRATIONS.current, **unstructure(doc)}
    write_text(target, emit(data, format_of(target)))


@functools.cache
def pmi_2025() -> Catalog:
    """The reference catalog of PMI's Practice Guide (2025): 26 services, 30 outcomes, 30 competences.

    >>> catalog = pmi_2025()
    >>> len(catalog.services), len(catalog.outcomes), len(catalog.competences)
    (26, 30, 30)
    """
    path = resources.files("valuering.catalog") / "data" / "pmi_2025.toml"
    return load_catalog(Path(str(path)))
