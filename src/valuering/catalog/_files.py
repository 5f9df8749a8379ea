"""Catalog files as documents: their shape, reading them and building a catalog on a base.

Catalog files load through the same document machinery as model files: TOML, JSON or YAML, the
envelope ``schema = "valuering-catalog/1"``, every problem reported at once with its line. Which
catalog ``extends`` names is decided by the caller, through a resolver: the registry, a chain of
files loaded together, or a base given in code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from valuering._document._converter import structure_partial, unstructure
from valuering._document._envelope import CATALOG_MIGRATIONS
from valuering._document._files import located, read_document, read_text
from valuering._document._formats import emit, format_of
from valuering.catalog._catalog import Catalog, Link, _ordered
from valuering.errors import Problem, ValidationError, sort_problems
from valuering.model import (
    ApproachDefinition,
    Competence,
    CustomerGroup,
    Outcome,
    ServiceDefinition,
)

__all__ = [
    "CATALOG_SCHEMA",
    "CatalogDocument",
    "Resolve",
    "build",
    "document_from_data",
    "document_of",
    "from_text",
    "read_file",
    "text_of",
]

CATALOG_SCHEMA = CATALOG_MIGRATIONS.current

# The catalog an ``extends`` names; raises a ValidationError with a problem at ``extends`` when it
# cannot be found.
Resolve = Callable[[str], Catalog]


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
    a catalog of its own when it extends nothing (``start`` is then None). A title in the file is
    the catalog's title; without one, an extension keeps the title of what it extends."""
    if start is None:
        start = Catalog(
            name=doc.name, title=doc.title, approaches={a.id: a for a in doc.approaches}
        )
    catalog = start.extend(
        services=doc.services,
        outcomes=doc.outcomes,
        competences=doc.competences,
        customer_groups=doc.customer_groups,
        links=doc.links,
        name=doc.name,
        override=override,
    )
    return attrs.evolve(catalog, title=doc.title) if doc.title else catalog


def _within(path: str, outer: str) -> bool:
    return path == outer or path.startswith((outer + ".", outer + "["))


def from_text(
    text: str, fmt: str, source: str | None, resolve: Resolve, *, override: bool = False
) -> tuple[CatalogDocument, Catalog]:
    """Read a catalog file's text: its document as written and the catalog it builds on what
    ``resolve`` finds for its ``extends``. Structure problems and the problems of building the
    catalog (unknown ids, ids given twice, an unknown ``extends``) come together in one
    ValidationError, each with its line."""
    doc, problems, parsed = read_document(text, fmt, CatalogDocument, CATALOG_MIGRATIONS)
    catalog = None
    if doc is not None:
        # A broken link of a stand-in would stop the build at its first bad value; its problem is
        # known, so the build goes on without it (and problems keep the links' indices in the file).
        kept = [i for i in range(len(doc.links)) if not _known(f"links[{i}]", problems)]
        doc = attrs.evolve(doc, links=tuple(doc.links[i] for i in kept))
        try:
            start = None if doc.extends is None else _resolved(doc, resolve, problems)
            if start is not None or doc.extends is None:
                catalog = build(doc, start, override=override)
        except ValidationError as error:
            found = [_relinked(p, kept) for p in error.problems]
            problems = [*problems, *_new(found, problems)]
        except Exception:  # a stand-in for a broken file may not build; its problems say why
            if not problems:
                raise
    if problems or catalog is None:
        raise ValidationError(sort_problems(located(problems, parsed, source)), title=source)
    assert doc is not None
    return doc, catalog


def _relinked(problem: Problem, kept: list[int]) -> Problem:
    """``problem`` with the index of a kept link turned back into its index in the file."""
    head, bracket, rest = problem.path.partition("]")
    if not head.startswith("links[") or not bracket:
        return problem
    return attrs.evolve(problem, path=f"links[{kept[int(head[6:])]}]{rest}")


def _known(path: str, problems: list[Problem]) -> bool:
    """Whether a problem lies at ``path`` or inside it."""
    return any(_within(p.path, path) for p in problems)


def _resolved(doc: CatalogDocument, resolve: Resolve, known: list[Problem]) -> Catalog | None:
    """The catalog ``doc`` extends, or None when its ``extends`` is itself a known problem."""
    if _known("extends", known) or not isinstance(doc.extends, str):
        return None
    return resolve(doc.extends)


def _new(found: list[Problem], known: list[Problem]) -> list[Problem]:
    """The problems that do not only echo a structure problem already reported."""
    return [p for p in found if not any(_within(p.path, k.path) for k in known)]


def read_file(
    path: str | Path, resolve: Resolve, *, override: bool = False
) -> tuple[CatalogDocument, Catalog]:
    """A catalog file's document as written and the catalog it builds (see :func:`from_text`)."""
    return from_text(read_text(path), format_of(path), str(path), resolve, override=override)


def document_of(catalog: Catalog) -> CatalogDocument:
    """A document that describes all of ``catalog`` on its own (it extends nothing), entries in
    catalog order; loading it gives back an equal catalog."""
    return CatalogDocument(
        name=catalog.name,
        title=catalog.title,
        customer_groups=tuple(_ordered(catalog.customer_groups.values())),
        approaches=tuple(sorted(catalog.approaches.values(), key=lambda a: a.rank)),
        outcomes=catalog.ordered_outcomes(),
        competences=tuple(_ordered(catalog.competences.values())),
        services=catalog.ordered_services(),
    )


def text_of(doc: CatalogDocument, fmt: str) -> str:
    """The text of a catalog file for ``doc`` in ``fmt``, with the envelope first."""
    return emit({"schema": CATALOG_SCHEMA, **unstructure(doc)}, fmt)
