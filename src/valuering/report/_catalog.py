"""The text view of a reference catalog: its services and outcomes."""

from __future__ import annotations

from valuering.catalog import Catalog, pmi_2025
from valuering.report._text import heading, table

__all__ = ["text_catalog"]


def text_catalog(catalog: Catalog | None = None) -> str:
    """The catalog's services and outcomes as tables (``valuering catalog``); the built-in
    ``pmi-2025`` when no catalog is given.

    >>> print(text_catalog().splitlines()[2])
    26 services, 30 outcomes, 30 competences, 7 customer groups.
    """
    cat = catalog if catalog is not None else pmi_2025()
    services = [
        (
            s.number or "",
            s.id,
            s.category,
            ", ".join(sorted(d.value for d in s.domains)),
            len([o for o, m in s.outcomes.items() if m > 0]),
        )
        for s in cat.ordered_services()
    ]
    outcomes = [
        (o.number or "", o.id, o.horizon, len(cat.services_for(o.id)))
        for o in cat.ordered_outcomes()
    ]
    return "\n".join(
        [
            heading(cat.title or cat.name),
            f"{len(cat.services)} services, {len(cat.outcomes)} outcomes, "
            f"{len(cat.competences)} competences, {len(cat.customer_groups)} customer groups.",
            "",
            heading("Services", "-"),
            table(services, ["#", "id", "category", "domains", "outcomes"], right=[0, 4]),
            "",
            heading("Outcomes", "-"),
            table(outcomes, ["#", "id", "horizon", "services"], right=[0, 3]),
            "",
            '"PMO Value Ring" is a trademark of the Project Management Institute (PMI).',
        ]
    )
