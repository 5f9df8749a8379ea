"""Catalog files as documents: their shape, reading them and building a catalog on a base.

Catalog files load through the same document machinery as model files: TOML, JSON or YAML, the
envelope ``schema = "valuering-catalog/1"``, every problem reported at once with its line. Which
catalog ``extends`` names is resolved by the registry, above this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from valuering._document._converter import structure_partial
from valuering._document._envelope import CATALOG_MIGRATIONS
from valuering._document._files import located, read_document, read_text
from valuering._document._formats import Parsed, format_of
from valuering.catalog._catalog import Catalog, Link
from valuering.errors import ValidationError, sort_problems
from valuering.model import (
    ApproachDefinition,
    Competence,
    CustomerGroup,
    Outcome,
    ServiceDefinition,
)

__all__ = ["CATALOG_SCHEMA", "CatalogDocument", "build", "document_from_data", "read_file"]

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


def document_from_data(data: Mapping[str, Any], source: str) -> CatalogDocument:
    """The catalog document in already parsed data, or every problem in one ValidationError."""
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


def build(doc: CatalogDocument, start: Catalog | None, *, override: bool) -> Catalog:
    """The catalog ``doc`` describes: its entries added to ``start`` (the catalog it extends), or
    a catalog of its own when it extends nothing (``start`` is then None)."""
    if start is None:
        start = Catalog(
            name=doc.name, title=doc.title, approaches={a.id: a for a in doc.approaches}
        )
    return start.extend(
        services=doc.services,
        outcomes=doc.outcomes,
        competences=doc.competences,
        customer_groups=doc.customer_groups,
        links=doc.links,
        name=doc.name,
        override=override,
    )


def read_file(path: str | Path) -> tuple[CatalogDocument, Parsed | None]:
    """A catalog file's document as written, and the parsed text to find lines in."""
    source = str(path)
    doc, problems, parsed = read_document(
        read_text(path), format_of(path), CatalogDocument, CATALOG_MIGRATIONS
    )
    if problems or doc is None:
        raise ValidationError(sort_problems(located(problems, parsed, source)), title=source)
    return doc, parsed
