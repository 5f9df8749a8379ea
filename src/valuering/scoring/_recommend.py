"""Service recommendations: which catalog services the customers' expected outcomes call for.

S_s = sum_o D_o * M_{o,s} (formula 2 in docs/design.md), with D_o from :func:`valuering.demand.outcome_demand`
and M_{o,s} the catalog's strength of service s for outcome o. Helpers turn a ranked list of outcomes or
MoSCoW labels into expectation priorities.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from valuering._tables import NO_NAMES, Names, Rows, percent, plural, summary
from valuering.catalog import Catalog
from valuering.demand import outcome_demand
from valuering.errors import Problem, UnknownIdError, ValidationError, did_you_mean
from valuering.model import PMO, Expectation, ServiceCategory
from valuering.scoring._args import is_number
from valuering.validation import sound

__all__ = [
    "MOSCOW_PRIORITIES",
    "Contribution",
    "Recommendations",
    "ServiceScore",
    "priorities_from_moscow",
    "priorities_from_ranking",
    "recommend_services",
]

# Scores equal to 12 decimals count as a tie, so float noise never reorders services with equal demand.
_TIE_DIGITS = 12


@attrs.frozen
class Contribution:
    """How much one outcome adds to a service's score: ``amount = demand * strength`` (D_o * M_{o,s})."""

    outcome: str
    demand: float
    strength: float
    amount: float


@attrs.frozen
class ServiceScore:
    """One catalog service with its recommendation score S_s and the outcomes behind it.

    ``offered_as`` lists the ids of the PMO's offerings that run this service (empty when not offered).
    """

    rank: int
    service: str
    name: str
    number: int | None
    category: ServiceCategory
    score: float
    contributions: tuple[Contribution, ...]
    offered_as: tuple[str, ...] = ()

    @property
    def offered(self) -> bool:
        """Whether the PMO already runs this service."""
        return bool(self.offered_as)


@attrs.frozen(repr=False)
class Recommendations(Rows[ServiceScore]):
    """Every catalog service ranked by S_s (descending; ties by catalog number, then id).

    It reads as the ranked sequence: ``recommendations[0]`` is the best-scored service.
    """

    services: tuple[ServiceScore, ...]
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = (
        "rank",
        "service",
        "service_name",
        "category",
        "score",
        "offered",
        "offerings",
        "outcomes",
    )

    def _items(self) -> tuple[ServiceScore, ...]:
        return self.services

    def __repr__(self) -> str:
        top = f"top: {self.services[0].service} {percent(self.services[0].score)}"
        return summary(self, plural(len(self.services), "service"), top if self.services else "")

    def get(self, service_id: str) -> ServiceScore:
        """The entry of one service, by catalog id."""
        for entry in self.services:
            if entry.service == service_id:
                return entry
        raise UnknownIdError("service", service_id, (s.service for s in self.services))

    def top(self, n: int = 5, *, offered: bool | None = None) -> tuple[ServiceScore, ...]:
        """The ``n`` best-ranked services; ``offered=False`` keeps only those not yet offered."""
        chosen = [s for s in self.services if offered is None or s.offered is offered]
        return tuple(chosen[:n])

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per service, best first; ``outcomes`` lists the contributing outcome ids."""
        return (
            {
                "rank": s.rank,
                "service": s.service,
                "service_name": s.name,
                "category": s.category,
                "score": s.score,
                "offered": s.offered,
                "offerings": s.offered_as,
                "outcomes": [c.outcome for c in s.contributions],
            }
            for s in self.services
        )


def recommend_services(pmo: PMO, *, catalog: Catalog | None = None) -> Recommendations:
    """Rank every catalog service by how much of the customers' demand it serves.

    S_s = sum_o D_o * M_{o,s}: the demand D_o of each expected outcome times the catalog strength of the
    service for it. Each entry lists the contributing outcomes (largest first) and the offerings that
    already run the service. The ranking does not depend on the order of customers, expectations or
    offerings, nor on scaling every customer weight by the same factor.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import PMO, Customer, Expectation, ServiceOffering
    >>> pmo = PMO(id="p", name="P", customers=(Customer(
    ...     id="cfo", name="CFO", group="executives-and-senior-management",
    ...     expectations=(Expectation(outcome="better-project-prioritization", priority=3),
    ...                   Expectation(outcome="improved-success-rates", priority=1))),),
    ...     offerings=(ServiceOffering(id="pfm", service="portfolio-management", maturity=2),))
    >>> best = recommend_services(pmo).top(2)
    >>> [(s.service, s.score, s.offered) for s in best]
    [('advice-to-executive-level', 0.75, False), ('benefits-realization-management', 0.75, False)]
    >>> recommend_services(pmo).get("portfolio-management").offered_as
    ('pfm',)
    """
    cat = sound(pmo, catalog=catalog)
    demand = outcome_demand(pmo, catalog=cat)
    offered: dict[str, list[str]] = {}
    for offering in pmo.offerings:
        offered.setdefault(offering.service, []).append(offering.id)
    scored = []
    for service in cat.ordered_services():
        contributions = sorted(
            (
                Contribution(outcome, d, service.outcomes[outcome], d * service.outcomes[outcome])
                for outcome, d in demand.items()
                if service.outcomes.get(outcome, 0.0) > 0
            ),
            key=lambda c: (-c.amount, c.outcome),
        )
        score = math.fsum(c.amount for c in contributions)
        scored.append((service, score, tuple(contributions)))
    scored.sort(key=lambda t: -round(t[1], _TIE_DIGITS))  # stable: ties keep catalog order
    return Recommendations(
        tuple(
            ServiceScore(
                rank=rank,
                service=service.id,
                name=service.name,
                number=service.number,
                category=service.category,
                score=score,
                contributions=contributions,
                offered_as=tuple(sorted(offered.get(service.id, ()))),
            )
            for rank, (service, score, contributions) in enumerate(scored, start=1)
        ),
        names=Names(pmo, cat),
    )


def priorities_from_ranking(outcomes: Iterable[str]) -> tuple[Expectation, ...]:
    """Expectations from outcomes ranked most important first, by rank points (a Borda count).

    Rule: of n ranked outcomes, the one at position i (1 = first) gets priority n - i + 1, so the first
    gets n and the last gets 1. A repeated outcome is a ValidationError naming both positions.

    >>> [(e.outcome, e.priority) for e in priorities_from_ranking(
    ...     ["better-project-prioritization", "improved-success-rates", "reduction-of-risk-exposure"])]
    [('better-project-prioritization', 3.0), ('improved-success-rates', 2.0), ('reduction-of-risk-exposure', 1.0)]
    """
    if isinstance(outcomes, str | bytes) or not isinstance(outcomes, Iterable):
        raise ValidationError(
            [Problem("", f"expected a list of outcome ids, got {outcomes!r}")],
            title="ranked outcomes",
        )
    ranked = list(outcomes)
    first: dict[str, int] = {}
    problems = []
    for index, outcome in enumerate(ranked):
        if outcome in first:
            problems.append(
                Problem(
                    f"[{index}]",
                    f"outcome {outcome!r} is ranked twice (first at [{first[outcome]}])",
                )
            )
        first.setdefault(outcome, index)
    if problems:
        raise ValidationError(problems, title="ranked outcomes")
    n = len(ranked)
    return tuple(Expectation(outcome=o, priority=float(n - i)) for i, o in enumerate(ranked))


MOSCOW_PRIORITIES: Mapping[str, float] = {"must": 3.0, "should": 2.0, "could": 1.0, "wont": 0.0}
"""Priority per MoSCoW label; "won't have" (0) means the outcome is not expected at all."""

_MOSCOW_SPELLINGS = {
    "won't": "wont",
    "won’t": "wont",
    "must-have": "must",
    "should-have": "should",
    "could-have": "could",
    "wont-have": "wont",
}


def priorities_from_moscow(
    labels: Mapping[str, str], *, priorities: Mapping[str, float] = MOSCOW_PRIORITIES
) -> tuple[Expectation, ...]:
    """Expectations from MoSCoW labels (``{outcome: "must" | "should" | "could" | "wont"}``).

    Rule: must = 3, should = 2, could = 1 (pass ``priorities`` to change the points); "won't" outcomes
    are left out, since the customer does not expect them. Labels are case-insensitive and "won't" may be
    spelled with an apostrophe. The result is ordered by priority, then in the order given. An unknown
    label is a ValidationError naming the outcome.

    >>> [(e.outcome, e.priority) for e in priorities_from_moscow({
    ...     "reduction-of-risk-exposure": "Could", "better-project-prioritization": "must",
    ...     "improved-success-rates": "won't"})]
    [('better-project-prioritization', 3.0), ('reduction-of-risk-exposure', 1.0)]
    """
    if not isinstance(labels, Mapping):
        raise ValidationError(
            [Problem("", f"expected a table of outcome ids to MoSCoW labels, got {labels!r}")],
            title="MoSCoW labels",
        )
    problems = [
        Problem(f"priorities.{label}", f"{points!r} is not a number of points (0 or more)")
        for label, points in priorities.items()
        if not is_number(points) or points < 0
    ]
    chosen: list[tuple[float, int, str]] = []
    for index, (outcome, label) in enumerate(labels.items()):
        key = label.strip().lower() if isinstance(label, str) else ""
        key = _MOSCOW_SPELLINGS.get(key, key)
        if key not in priorities:
            problems.append(
                Problem(
                    outcome,
                    f"{label!r} is not a MoSCoW label (one of {', '.join(map(repr, priorities))})"
                    f"{did_you_mean(str(label).lower(), priorities)}",
                )
            )
            continue
        points = priorities[key]
        if is_number(points) and points > 0:  # bad points are already a problem
            chosen.append((-points, index, outcome))
    if problems:
        raise ValidationError(problems, title="MoSCoW labels")
    return tuple(Expectation(outcome=o, priority=-p) for p, _, o in sorted(chosen))
