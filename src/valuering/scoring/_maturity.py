"""Service maturity: the appendix X3 percentages per category, an overall figure, and gaps to target.

X3 (formula 4 in docs/design.md): per category, 100 * sum(m_s) / (5 * n) over the n offered catalog
services of that category; a category with no offered service has no value (None), not 0. A service
delivered by several offerings counts once, at the mean of their levels (our reading of X3, which
counts services). Gaps (formula 6 in docs/design.md): gap_s = max(0, target_s - m_s), priority =
gap_s * S_s.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any

import attrs

from valuering._tables import NO_NAMES, Keyed, Names, Rows, percent, plural, summary
from valuering.catalog import Catalog
from valuering.errors import member
from valuering.model import PMO, ServiceCategory
from valuering.scoring._recommend import recommend_services
from valuering.validation import sound

__all__ = [
    "CategoryMaturity",
    "MaturityByCategory",
    "MaturityGap",
    "MaturityGaps",
    "OverallMaturity",
    "ServiceMaturity",
    "maturity_by_category",
    "maturity_gaps",
    "overall_maturity",
]


@attrs.frozen
class ServiceMaturity:
    """One offered catalog service: its category, the offerings that deliver it (model order), their
    own levels, and the service's level m_s, the mean of those levels."""

    service: str
    category: ServiceCategory
    offerings: tuple[str, ...]
    levels: tuple[int, ...]
    level: float


_CATEGORIES = tuple(ServiceCategory)  # iterating an enum class is slow; this runs on every call


def _grouped(pmo: PMO) -> list[tuple[str, list[str], list[int]]]:
    """(service, offering ids, their levels) for every offered service, in order of first offering."""
    by_service: dict[str, tuple[list[str], list[int]]] = {}
    for offering in pmo.offerings:
        ids, levels = by_service.setdefault(offering.service, ([], []))
        ids.append(offering.id)
        levels.append(offering.maturity)
    return [(service, ids, levels) for service, (ids, levels) in by_service.items()]


def _in_catalog_order(
    groups: Iterable[tuple[str, Sequence[str], Sequence[int]]], catalog: Catalog
) -> list[tuple[str, Sequence[str], Sequence[int]]]:
    position = catalog.service_positions
    return sorted(groups, key=lambda group: position[group[0]])


def _service_rows(
    groups: Iterable[tuple[str, Sequence[str], Sequence[int]]], catalog: Catalog
) -> tuple[ServiceMaturity, ...]:
    return tuple(
        ServiceMaturity(
            service=service,
            category=catalog.services[service].category,
            offerings=tuple(ids),
            levels=tuple(levels),
            level=sum(levels) / len(levels),  # integer levels: the sum is exact
        )
        for service, ids, levels in groups
    )


def _offered_services(pmo: PMO, catalog: Catalog) -> tuple[ServiceMaturity, ...]:
    """Every offered service once, in catalog order, at the mean level of its offerings."""
    return _service_rows(_in_catalog_order(_grouped(pmo), catalog), catalog)


def _percent(levels: Iterable[float]) -> tuple[float, float | None]:
    """The sum of the levels and 100 * sum / (5 * n), None when there is none."""
    values = list(levels)
    total = math.fsum(values)
    return total, (100 * total / (5 * len(values)) if values else None)


def _offering_levels(services: Iterable[ServiceMaturity]) -> dict[str, int]:
    return {o: m for s in services for o, m in zip(s.offerings, s.levels, strict=True)}


@attrs.frozen
class CategoryMaturity:
    """One category: how many services and offerings it has, the sum of the services' levels m_s and
    the X3 percentage (None when it has no offered service)."""

    category: ServiceCategory
    services: int
    offerings: int
    total: float
    percent: float | None


@attrs.frozen(repr=False)
class MaturityByCategory(Keyed[float | None]):
    """The X3 percentage of each category, read like a dict by category id: ``result["strategic"]``
    (a :class:`ServiceCategory` works too); None where nothing is offered.

    ``categories`` holds the rows; ``services`` the per-service detail behind them (each service
    once, with the offerings that deliver it and their own levels); ``offering_levels`` the
    per-offering view.
    """

    categories: tuple[CategoryMaturity, ...]
    # The per-service detail is built when read: most callers want the three percentages only.
    _groups: tuple[tuple[str, Sequence[str], Sequence[int]], ...] = attrs.field(
        default=(), alias="groups", eq=False, repr=False
    )
    _catalog: Catalog | None = attrs.field(default=None, alias="catalog", eq=False, repr=False)
    _columns = ("category", "services", "offerings", "total", "percent")

    @cached_property
    def services(self) -> tuple[ServiceMaturity, ...]:
        """Each offered service once (catalog order): its offerings, their levels and m_s."""
        if self._catalog is None:
            return ()
        return _service_rows(_in_catalog_order(self._groups, self._catalog), self._catalog)

    def _table(self) -> Mapping[str, float | None]:
        return {c.category.value: c.percent for c in self.categories}

    def __getitem__(self, category: ServiceCategory | str) -> float | None:
        wanted = member(ServiceCategory, category, "category")
        return next(c.percent for c in self.categories if c.category is wanted)

    @property
    def offering_levels(self) -> Mapping[str, int]:
        """Each offering's own level, by offering id (the per-offering view)."""
        return _offering_levels(self.services)

    def __repr__(self) -> str:
        parts = ", ".join(
            f"{c.category.value} {percent(None if c.percent is None else c.percent / 100)}"
            for c in self.categories
        )
        return summary(self, plural(len(self.categories), "category", "categories"), parts)

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per category: ``category``, ``services``, ``offerings``, ``total``, ``percent``."""
        return (attrs.asdict(c) for c in self.categories)


def maturity_by_category(pmo: PMO, *, catalog: Catalog | None = None) -> MaturityByCategory:
    """The Practice Guide's appendix X3 maturity percentage of each service category.

    Per category: 100 * (sum of the services' levels m_s) / (5 * number of services), over the catalog
    services the PMO offers; a category with none has ``percent`` None, never 0. A service delivered by
    several offerings counts once, at the mean of their levels (our documented reading of X3, which
    counts services provided); ``services`` and ``offering_levels`` in the result keep the detail.
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
    >>> two = PMO(id="p", name="P", offerings=(  # one service twice: it counts once, at (2 + 4) / 2
    ...     run("pfm-east", "portfolio-management", 2), run("pfm-west", "portfolio-management", 4),
    ...     run("s1", "advice-to-executive-level", 5)))
    >>> maturity_by_category(two)["strategic"]
    80.0
    """
    cat = sound(pmo, catalog=catalog)
    groups = _grouped(pmo)
    means: dict[ServiceCategory, list[float]] = {category: [] for category in _CATEGORIES}
    offerings = dict.fromkeys(_CATEGORIES, 0)
    for service, ids, levels in groups:
        category = cat.services[service].category
        means[category].append(sum(levels) / len(levels))  # integer levels: the sum is exact
        offerings[category] += len(ids)
    rows = []
    for category, category_means in means.items():
        total, share = _percent(category_means)
        rows.append(
            CategoryMaturity(category, len(category_means), offerings[category], total, share)
        )
    return MaturityByCategory(tuple(rows), groups=tuple(groups), catalog=cat)


@attrs.frozen(repr=False)
class OverallMaturity(Keyed[float]):
    """Maturity over every offered service: 100 * sum(m_s) / (5 * n), our extension of X3 (None when
    nothing is offered). Read it like a dict of m_s by service id; ``services`` holds the rows."""

    services: tuple[ServiceMaturity, ...]
    offerings: int
    total: float
    percent: float | None
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = ("service", "service_name", "category", "offerings", "levels", "level")

    def _table(self) -> Mapping[str, float]:
        return {s.service: s.level for s in self.services}

    @property
    def mean_level(self) -> float | None:
        """The mean maturity level, 1 to 5 (percent / 20)."""
        return None if self.percent is None else self.percent / 20

    @property
    def offering_levels(self) -> Mapping[str, int]:
        """Each offering's own level, by offering id (the per-offering view)."""
        return _offering_levels(self.services)

    def __repr__(self) -> str:
        shown = percent(None if self.percent is None else self.percent / 100)
        return summary(
            self, plural(len(self.services), "service"), plural(self.offerings, "offering"), shown
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per offered service: its category, offerings, their levels and m_s."""
        return (attrs.asdict(s) for s in self.services)


def overall_maturity(pmo: PMO, *, catalog: Catalog | None = None) -> OverallMaturity:
    """One maturity percentage over all offered services, whatever their category.

    This is our documented extension: appendix X3 defines only the per-category figures. The same rule
    is applied to every offered service at once (each service once, at the mean level of its
    offerings), so categories weigh in proportion to how many services they have.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import PMO, ServiceOffering
    >>> pmo = PMO(id="p", name="P", offerings=(
    ...     ServiceOffering(id="a", service="portfolio-management", maturity=3),
    ...     ServiceOffering(id="b", service="risk-management", maturity=2)))
    >>> overall_maturity(pmo).percent
    50.0
    >>> overall_maturity(pmo)
    <OverallMaturity: 2 services; 2 offerings; 50.0 %>
    """
    cat = sound(pmo, catalog=catalog)
    services = _offered_services(pmo, cat)
    total, share = _percent(s.level for s in services)
    return OverallMaturity(services, len(pmo.offerings), total, share, names=Names(pmo, cat))


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
class MaturityGaps(Rows[MaturityGap]):
    """Every offering's gap to its target, by priority = gap * S_s (descending, then offering id).

    It reads as the ranked sequence: ``gaps[0]`` has the highest priority.
    """

    gaps: tuple[MaturityGap, ...]
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = (
        "offering",
        "offering_name",
        "service",
        "service_name",
        "maturity",
        "level_name",
        "target",
        "target_level_name",
        "gap",
        "score",
        "priority",
    )

    def _items(self) -> tuple[MaturityGap, ...]:
        return self.gaps

    def open(self) -> tuple[MaturityGap, ...]:
        """Only the offerings still below their target (gap > 0)."""
        return tuple(g for g in self.gaps if g.gap > 0)

    def __repr__(self) -> str:
        top = ", ".join(f"{g.offering} +{g.gap}" for g in self.open()[:3])
        return summary(
            self,
            plural(len(self.gaps), "offering"),
            f"{len(self.open())} below target",
            f"top: {top}" if top else "",
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per offering, highest priority first."""
        return (attrs.asdict(g) for g in self.gaps)


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
    return MaturityGaps(tuple(gaps), names=Names(pmo, cat))
