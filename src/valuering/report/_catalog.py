"""Views of a reference catalog: its tables as records (for CSV and tools) and as text."""

from __future__ import annotations

from typing import Any

from valuering.catalog import Catalog, CatalogSources, available_catalogs, pmi_2025
from valuering.report._text import heading, table

__all__ = ["CATALOG_TABLES", "catalog_tables", "text_catalog", "text_catalog_sources"]

CATALOG_TABLES = (
    "services",
    "outcomes",
    "competences",
    "customer-groups",
    "outcome-services",
    "service-competences",
)

Records = list[dict[str, Any]]


def _by_number(entries: Any) -> list[Any]:
    return sorted(entries, key=lambda e: (e.number is None, e.number or 0, e.id))


def catalog_tables(catalog: Catalog | None = None) -> dict[str, Records]:
    """The catalog's tables as flat records, by table name (:data:`CATALOG_TABLES`): services
    (category, domains and the five level names), outcomes (horizon), competences, customer
    groups, the outcome-service map (every pair with a strength above 0) and the service-competence
    map. The built-in ``pmi-2025`` when no catalog is given.

    >>> tables = catalog_tables()
    >>> tables["services"][5]["level_5"], tables["outcomes"][0]["horizon"]
    ('Dynamic portfolio optimization', 'medium-long')
    >>> tables["outcome-services"][0]
    {'outcome': 'better-availability-of-skilled-resources', 'service': 'resource-management', 'strength': 1.0}
    """
    cat = catalog if catalog is not None else pmi_2025()
    services = cat.ordered_services()
    return {
        "services": [
            {
                "number": s.number,
                "id": s.id,
                "name": s.name,
                "category": s.category.value,
                "domains": ", ".join(sorted(d.value for d in s.domains)),
                **{f"level_{i}": level for i, level in enumerate(s.level_names, 1)},
            }
            for s in services
        ],
        "outcomes": [
            {"number": o.number, "id": o.id, "name": o.name, "horizon": o.horizon.value}
            for o in cat.ordered_outcomes()
        ],
        "competences": [
            {"number": c.number, "id": c.id, "name": c.name}
            for c in _by_number(cat.competences.values())
        ],
        "customer-groups": [
            {"number": g.number, "id": g.id, "name": g.name}
            for g in _by_number(cat.customer_groups.values())
        ],
        "outcome-services": [
            {"outcome": o.id, "service": s.id, "strength": cat.strength(o.id, s.id)}
            for o in cat.ordered_outcomes()
            for s in cat.services_for(o.id)
        ],
        "service-competences": [
            {"service": s.id, "competence": c.id}
            for s in services
            for c in cat.competences_for(s.id)
        ],
    }


def _numbered(records: Records, *columns: str) -> list[tuple[object, ...]]:
    return [tuple("" if r[c] is None else r[c] for c in columns) for r in records]


def _strength(value: float) -> str:
    return "" if value == 1 else f" ({value:g})"


def text_catalog(catalog: Catalog | None = None) -> str:
    """The catalog as text (``valuering catalog``): services with their category and level names,
    outcomes with their horizon, competences, customer groups, and which services serve each
    outcome (with the strength when it is not 1) and need each competence. The built-in
    ``pmi-2025`` when no catalog is given.

    >>> print(text_catalog().splitlines()[2])
    26 services, 30 outcomes, 30 competences, 7 customer groups.
    """
    cat = catalog if catalog is not None else pmi_2025()
    tables = catalog_tables(cat)
    serving = {o: len(cat.services_for(o)) for o in cat.outcomes}
    outcomes = [
        (*row, serving[str(row[1])])
        for row in _numbered(tables["outcomes"], "number", "id", "name", "horizon")
    ]
    levels = [
        f"{s.id}: " + " · ".join(f"{i} {name}" for i, name in enumerate(s.level_names, 1))
        for s in cat.ordered_services()
    ]
    by_outcome = [
        f"{o.id}: "
        + ", ".join(f"{s.id}{_strength(cat.strength(o.id, s.id))}" for s in cat.services_for(o.id))
        for o in cat.ordered_outcomes()
        if cat.services_for(o.id)
    ]
    by_service = [
        f"{s.id}: " + ", ".join(c.id for c in cat.competences_for(s.id))
        for s in cat.ordered_services()
        if s.competences
    ]
    return "\n".join(
        [
            heading(cat.title or cat.name),
            f"{len(cat.services)} services, {len(cat.outcomes)} outcomes, "
            f"{len(cat.competences)} competences, {len(cat.customer_groups)} customer groups.",
            "",
            heading("Services", "-"),
            table(
                _numbered(tables["services"], "number", "id", "name", "category", "domains"),
                ["#", "id", "name", "category", "domains"],
                right=[0],
            ),
            "",
            heading("Maturity levels", "-"),
            *levels,
            "",
            heading("Outcomes", "-"),
            table(outcomes, ["#", "id", "name", "horizon", "services"], right=[0, 4]),
            "",
            heading("Competences", "-"),
            table(
                _numbered(tables["competences"], "number", "id", "name"),
                ["#", "id", "name"],
                right=[0],
            ),
            "",
            heading("Customer groups", "-"),
            table(
                _numbered(tables["customer-groups"], "number", "id", "name"),
                ["#", "id", "name"],
                right=[0],
            ),
            "",
            heading("Services for each outcome", "-"),
            *(by_outcome or ["none"]),
            "",
            heading("Competences each service needs", "-"),
            *(by_service or ["none"]),
            "",
            '"PMO Value Ring" is a trademark of the Project Management Institute (PMI).',
        ]
    )


def text_catalog_sources(sources: CatalogSources | None = None) -> str:
    """The catalogs there are and where each comes from (``valuering catalog --list``).

    >>> print(text_catalog_sources().splitlines()[2])
    pmi-2025  built-in
    """
    rows = [(s.id, s.provider, s.entry_point) for s in sources or available_catalogs()]
    return table(rows, ["id", "provided by", "entry point"])
