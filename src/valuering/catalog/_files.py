"""Catalog files: the built-in PMI catalog (package data) and consultants' own catalog files."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from valuering.catalog._catalog import Catalog, Link
from valuering.errors import Problem, ValidationError, did_you_mean
from valuering.io._converter import converter as _converter
from valuering.io._converter import problems_from
from valuering.model import (
    ApproachDefinition,
    Competence,
    CustomerGroup,
    Outcome,
    ServiceDefinition,
)

__all__ = ["CATALOG_SCHEMA", "catalog_from_data", "load_catalog", "pmi_2025"]

CATALOG_SCHEMA = "valuering-catalog/1"


@attrs.frozen(kw_only=True)
class CatalogDocument:
    """The shape of a catalog file; ``extends`` names the catalog it adds to."""

    schema: str
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
    schema = data.get("schema") if isinstance(data, Mapping) else None
    if schema != CATALOG_SCHEMA:
        raise ValidationError(
            [Problem("schema", f"expected {CATALOG_SCHEMA!r}, got {schema!r}", file=source)],
            title=source,
        )
    try:
        return _converter().structure(data, CatalogDocument)
    except Exception as error:
        problems = [attrs.evolve(p, file=source) for p in problems_from(error)]
        raise ValidationError(problems, title=source) from None


def catalog_from_data(
    data: Mapping[str, Any],
    *,
    base: Catalog | None = None,
    override: bool = False,
    source: str = "<data>",
) -> Catalog:
    """Build a catalog from the plain data of a catalog file (already parsed TOML/JSON)."""
    doc = _document(data, source)
    if doc.extends is not None:
        if base is None:
            if doc.extends != "pmi-2025":
                raise ValidationError(
                    [
                        Problem(
                            "extends",
                            f"unknown catalog {doc.extends!r}{did_you_mean(doc.extends, ['pmi-2025'])}; "
                            "pass the base catalog explicitly",
                            file=source,
                        )
                    ]
                )
            base = pmi_2025()
        return base.extend(
            services=doc.services,
            outcomes=doc.outcomes,
            competences=doc.competences,
            customer_groups=doc.customer_groups,
            links=doc.links,
            name=doc.name,
            override=override,
        )
    root = Catalog(name=doc.name, title=doc.title, approaches={a.id: a for a in doc.approaches})
    return root.extend(
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
    """Load a catalog TOML file; with ``extends = "pmi-2025"`` its entries are added to that catalog.

    An entry whose id is already in the base catalog is an error unless ``override=True``.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValidationError(
            [Problem("", f"not valid TOML: {error}", file=str(path))], title=str(path)
        ) from None
    return catalog_from_data(data, base=base, override=override, source=str(path))


@functools.cache
def pmi_2025() -> Catalog:
    """The reference catalog of PMI's Practice Guide (2025): 26 services, 30 outcomes, 30 competences.

    >>> catalog = pmi_2025()
    >>> len(catalog.services), len(catalog.outcomes), len(catalog.competences)
    (26, 30, 30)
    """
    text = (resources.files("valuering.catalog") / "data" / "pmi_2025.toml").read_text("utf-8")
    return catalog_from_data(tomllib.loads(text), source="pmi_2025.toml")
