"""Service maturity: the appendix X3 percentages per category, an overall figure, and gaps to target.

X3 (formula 4 in docs/design.md): per category, 100 * sum(m_s) / (5 * n) over the offered services of that
category; a category with no offered service has no value (None), not 0. Gaps (formula 6):
gap_s = max(0, target_s - m_s), priority = gap_s * S_s.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from valuering._tables import Tabular
from valuering.catalog import Catalog
from valuering.model import PMO, ServiceCategory
from valuering.scoring._args import member
from valuering.scoring._recommend import recommend_services
from valuering.validation import sound

__all__ = [
    "CategoryMaturity",
    "MaturityByCategory",
    "MaturityGap",
    "MaturityGaps",
    "OverallMaturity",
    "maturity_by_category",
    "maturity_gaps",
    "overall_maturity",
]


def _percent(levels: list[int]) -> float | None:
    return 100 * sum(levels) / (5 * len(levels)) if levels else None


@attrs.frozen
class CategoryMaturity:
    """One category: how many offerings it has, the sum of their levels and the X3 percentage."""

    category: ServiceCategory
    offerings: int
    total: int
    percent: float | None


@attrs.frozen(repr=False)
class MaturityByCategory(Tabular):
    """The X3 percentage of each category (strategic, tactical, operational); None where nothing is offered."""

    categories: tuple[CategoryMaturity, ...]
    _columns = ("category", "offerings", "total", "percent")

    def __getitem__(self, category: ServiceCategory | str) -> float | None:
        wanted = member(ServiceCategory, category, "category")
        return next(c.percent for c in self.categories if c.category is wanted)

    def __iter__(self) -> Iterator[CategoryMaturity]:
        return iter(self.categories)

    def __repr__(self) -> str:
        parts = ", ".join(
            f"{c.category.value} {'–' if c.percent is None else f'{c.percent:g} %'}"
            for c in self.categories
        )
        return f"<MaturityByCategory: {parts}>"

    def to_records(self) -> list[dict[str, Any]]:
        """One row per category: ``category``, ``offerings``, ``total``, ``percent`` (None if empty)."""
        return [
            {
                "category": c.category.value,
                "offerings": c.offerings,
                "total": c.total,
                "percent": c.percent,
            }
            for c in self.categories
        ]


def maturity_by_category(pmo: PMO, *, catalog: Catalog | None = None) -> MaturityByCategory:
    """The Practice Guide's appendix X3 maturity percentage of each service category.

    Per category: 100 * (sum of the offerings' maturity levels) / (5 * number of offerings). Only services
    the PMO runs count; a category with none has ``percent`` None, never 0. Each offering counts once.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import PMO, ServiceOffering
    >>> def run(ident, service, level):
    ...     return ServiceOffering(id=ident, service=service, maturity=level)
    >>> pmo = PMO(id="p", name="P", offerings=(
    ...     run("s1", "advice-to-executive-level", 3), run("s6", "portfolio-management", 2),
    ...     run("s9", "methodologies-and-frameworks-management", 4),
    ...     run("s12", "training-and-development", 3)))
    >>> by_category = maturity_by_category(pmo)
    >>> by_category["strategic"], by_category["tactical"], by_category["operational"]
    (50.0, 70.0, None)
    """
    cat = sound(pmo, catalog=catalog)
    levels: dict[ServiceCategory, list[int]] = {c: [] for c in ServiceCategory}
    for offering in pmo.offerings:
        levels[cat.service(offering.service).category].append(offering.maturity)
    return MaturityByCategory(
        tuple(
            CategoryMaturity(c, len(levels[c]), sum(levels[c]), _percent(levels[c]))
            for c in ServiceCategory
        )
    )


@attrs.frozen
class OverallMaturity(Tabular):
    """Maturity over every offering: 100 * sum(m_s) / (5 * n), our extension of X3 (None when none)."""

    offerings: int
    total: int
    percent: float | None
    _columns = ("offerings", "total", "percent")

    @property
    def mean_level(self) -> float | None:
        """The mean maturity level, 1 to 5 (percent / 20)."""
        return None if self.percent is None else self.percent / 20

    def to_records(self) -> list[dict[str, Any]]:
        """One row: ``offerings``, ``total``, ``percent``."""
        return [{"offerings": self.offerings, "total": self.total, "percent": self.percent}]


def overall_maturity(pmo: PMO, *, catalog: Catalog | None = None) -> OverallMaturity:
    """One maturity percentage over all offerings, whatever their category.

    This is our documented extension: appendix X3 defines only the per-category figures. The same rule is
    applied to every offering at once, so categories weigh in proportion to how many offerings they have.
    The catalog is used only to check that every offering's service exists.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import PMO, ServiceOffering
    >>> pmo = PMO(id="p", name="P", offerings=(
    ...     ServiceOffering(id="a", service="portfolio-management", maturity=3),
    ...     ServiceOffering(id="b", service="risk-management", maturity=2)))
    >>> overall_maturity(pmo).percent
    50.0
    """
    cat = sound(pmo, catalog=catalog)
    for offering in pmo.offerings:
        cat.service(offering.service)
    levels = [o.maturity for o in pmo.offerings]
    return OverallMaturity(len(levels), sum(levels), _percent(levels))


@attrs.frozen
class MaturityGap:
    """One offering: current and target level (with the catalog's level names), gap, score and priority."""

    offering: str
    service: str
    maturity: int
    level_name: str
    target: int | None
    target_level_name: str | None
    gap: int
    score: float
    priority: float


@attrs.frozen(repr=False)
class MaturityGaps(Tabular):
    """Every offering's gap to its target, by priority = gap * S_s (descending, then offering id)."""

    gaps: tuple[MaturityGap, ...]
    _columns = tuple(a.name for a in attrs.fields(MaturityGap))

    def __iter__(self) -> Iterator[MaturityGap]:
        return iter(self.gaps)

    def __len__(self) -> int:
        return len(self.gaps)

    def open(self) -> tuple[MaturityGap, ...]:
        """Only the offerings still below their target (gap > 0)."""
        return tuple(g for g in self.gaps if g.gap > 0)

    def __repr__(self) -> str:
        top = ", ".join(f"{g.offering} +{g.gap}" for g in self.open()[:3])
        return (
            f"<MaturityGaps: {len(self.open())} of {len(self.gaps)} offerings below target; {top}>"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One row per offering, highest priority first."""
        return [attrs.asdict(g) for g in self.gaps]


def maturity_gaps(pmo: PMO, *, catalog: Catalog | None = None) -> MaturityGaps:
    """Each offering's gap to its target level, prioritised by how much the customers need its service.

    gap = max(0, target - maturity) (0 without a target); priority = gap * S_s, where S_s is the
    service's recommendation score from :func:`recommend_services`. Sorted by priority descending, then
    offering id. Each row names the current and target levels as the catalog calls them.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import PMO, Customer, Expectation, ServiceOffering
    >>> pmo = PMO(id="p", name="P", customers=(Customer(
    ...     id="cfo", name="CFO", group="executives-and-senior-management",
    ...     expectations=(Expectation(outcome="better-project-prioritization"),)),),
    ...     offerings=(ServiceOffering(id="pfm", service="portfolio-management", maturity=2, target=4),
    ...                ServiceOffering(id="risk", service="risk-management", maturity=1, target=3)))
    >>> [(g.offering, g.gap, g.priority, g.target_level_name) for g in maturity_gaps(pmo)]
    [('pfm', 2, 2.0, 'Strategic alignment and optimization'), ('risk', 2, 0.0, 'Integrated approach')]
    """
    cat = sound(pmo, catalog=catalog)
    scores = {s.service: s.score for s in recommend_services(pmo, catalog=cat)}
    gaps = []
    for offering in pmo.offerings:
        service = cat.service(offering.service)
        gap = offering.gap
        score = scores[service.id]
        gaps.append(
            MaturityGap(
                offering=offering.id,
                service=service.id,
                maturity=offering.maturity,
                level_name=service.level_name(offering.maturity),
                target=offering.target,
                target_level_name=None
                if offering.target is None
                else service.level_name(offering.target),
                gap=gap,
                score=score,
                priority=gap * score,
            )
        )
    gaps.sort(key=lambda g: (-g.priority, g.offering))
    return MaturityGaps(tuple(gaps))
