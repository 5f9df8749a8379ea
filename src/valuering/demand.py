"""Outcome demand and coverage: who wants which outcomes, and how much of that the services cover.

The contract is formulas 1 and 3 in docs/design.md: W_c = w_c / sum(w) over customers with at least
one expectation; P_{c,o} = p_{c,o} / sum_o p_{c,o}; D_o = sum_c W_c P_{c,o}, so the D_o sum to 1.
covered_o = 1 - prod_s (1 - M_{o,s}); coverage = sum_o D_o covered_o.

>>> from valuering import PMO, Customer, Expectation, ServiceOffering
>>> pmo = PMO(id="p", name="P",
...     customers=(
...         Customer(id="cfo", name="CFO", group="executives-and-senior-management", weight=3,
...                  expectations=(Expectation(outcome="higher-return-on-investment"),)),
...         Customer(id="pm", name="PM", group="project-managers",
...                  expectations=(Expectation(outcome="higher-return-on-investment", priority=1),
...                                Expectation(outcome="improved-success-rates", priority=3))),
...     ),
...     offerings=(ServiceOffering(id="pfm", service="portfolio-management", maturity=3),))
>>> dict(outcome_demand(pmo))
{'higher-return-on-investment': 0.8125, 'improved-success-rates': 0.1875}
>>> coverage(pmo).total
0.8125
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from valuering._tables import NO_NAMES, Keyed, Names, percent, plural, summary
from valuering.catalog import Catalog
from valuering.errors import Problem, UnknownIdError, ValidationError
from valuering.model import PMO, Customer, ServiceOffering
from valuering.validation import EXPECTED_SHARES, derived, expected_shares, sound

__all__ = [
    "Coverage",
    "OutcomeDemand",
    "coverage",
    "customer_shares",
    "outcome_demand",
    "service_coverage",
]


def customer_shares(customers: Iterable[Customer]) -> dict[str, dict[str, float]]:
    """W_c * P_{c,o} for every customer c and outcome o it expects: ``{customer: {outcome: share}}``.

    >>> from valuering import Customer, Expectation
    >>> customer_shares([Customer(id="cfo", name="CFO", group="g", weight=1, expectations=(
    ...     Expectation(outcome="x", priority=1), Expectation(outcome="y", priority=3)))])
    {'cfo': {'x': 0.25, 'y': 0.75}}
    """
    return shares_by_customer(expected_by(customers))


def shares_by_customer(
    by_outcome: Mapping[str, tuple[Sequence[str], Sequence[float]]],
) -> dict[str, dict[str, float]]:
    """The :func:`expected_by` table turned round: ``{customer: {outcome: share}}``."""
    shares: dict[str, dict[str, float]] = {}
    for outcome, (customers, values) in by_outcome.items():
        for customer, share in zip(customers, values, strict=True):
            shares.setdefault(customer, {})[outcome] = share
    return shares


@attrs.frozen(repr=False)
class OutcomeDemand(Keyed[float]):
    """D_o for every expected outcome, in descending order of demand (ties by outcome id).

    Read it like a dict: ``demand["improved-success-rates"]``; outcomes nobody expects are absent.
    """

    shares: Mapping[str, float] = attrs.field(hash=False)
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = ("outcome", "outcome_name", "demand")

    def _table(self) -> Mapping[str, float]:
        return self.shares

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per outcome: ``outcome``, ``demand``."""
        return ({"outcome": o, "demand": d} for o, d in self.shares.items())

    def __repr__(self) -> str:
        top = next(iter(self.shares.items()), None)
        return summary(
            self,
            plural(len(self.shares), "outcome"),
            f"top: {top[0]} {percent(top[1])}" if top else "",
        )


def outcome_demand(pmo: PMO, *, catalog: Catalog | None = None) -> OutcomeDemand:
    """D_o: each expected outcome's share of the customers' weighted demand; the shares sum to 1.

    Each customer's voice is its weight, however many outcomes it names; within a customer, outcomes
    share that voice in proportion to their priorities. With no expectations at all, the result is empty.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import examples
    >>> demand = outcome_demand(examples.load("northwind-energy"))
    >>> next(iter(demand)), round(demand["higher-return-on-investment"], 3), round(sum(demand.values()), 9)
    ('higher-return-on-investment', 0.135, 1.0)
    """
    cat = sound(pmo, catalog=catalog, shares=True)
    return demand_of(pmo, cat)


def expected_by(customers: Iterable[Customer]) -> dict[str, tuple[list[str], list[float]]]:
    """W_c * P_{c,o} by outcome, as two columns: ``{outcome: ([customer, ...], [share, ...])}``.

    Arranged by outcome, as columns rather than pairs, so a hundred thousand customers cost no extra
    objects; :func:`customer_shares` turns it round.

    >>> from valuering import Customer, Expectation
    >>> expected_by([Customer(id="cfo", name="CFO", group="g", weight=1, expectations=(
    ...     Expectation(outcome="x", priority=1), Expectation(outcome="y", priority=3)))])
    {'x': (['cfo'], [0.25]), 'y': (['cfo'], [0.75])}
    """
    voiced = [c for c in customers if c.expectations]
    total_weight = math.fsum([c.weight for c in voiced])
    by_outcome: dict[str, tuple[list[str], list[float]]] = {}
    for customer in voiced:
        w = customer.weight / total_weight
        total_priority = math.fsum([e.priority for e in customer.expectations])
        row: dict[str, float] = {}  # an outcome named twice adds up its parts
        for e in customer.expectations:
            row[e.outcome] = row.get(e.outcome, 0.0) + w * e.priority / total_priority
        for outcome, share in row.items():
            columns = by_outcome.setdefault(outcome, ([], []))
            columns[0].append(customer.id)
            columns[1].append(share)
    return by_outcome


def demand_from_expected(
    by_outcome: Mapping[str, tuple[Sequence[str], Sequence[float]]], *, names: Names = NO_NAMES
) -> OutcomeDemand:
    """D_o from the :func:`expected_by` table, for callers that need both (computed once).

    >>> dict(demand_from_expected({"x": (["a", "b"], [0.25, 0.5]), "y": (["a"], [0.25])}))
    {'x': 0.75, 'y': 0.25}
    """
    demand = {o: math.fsum(shares) for o, (_, shares) in by_outcome.items()}
    ordered = sorted(demand.items(), key=lambda item: (-item[1], item[0]))
    return OutcomeDemand(dict(ordered), names=names)


@attrs.frozen(repr=False)
class Coverage(Keyed[float]):
    """How much of the demand a set of services covers: ``total`` in [0, 1] and per outcome.

    Read it like a dict of covered_o by expected outcome (most demanded first): ``cover[o]`` is the
    chance-like share of outcome o the services deliver, also kept as ``covered``; ``demand[o]`` is
    D_o; ``total`` is sum_o D_o * covered_o.
    """

    total: float
    covered: Mapping[str, float] = attrs.field(hash=False)
    demand: OutcomeDemand = attrs.field(hash=False)
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = ("outcome", "outcome_name", "demand", "covered", "covered_demand")

    def _table(self) -> Mapping[str, float]:
        return self.covered

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per expected outcome: ``outcome``, ``demand``, ``covered``, ``covered_demand``."""
        return (
            {
                "outcome": o,
                "demand": d,
                "covered": self.covered[o],
                "covered_demand": d * self.covered[o],
            }
            for o, d in self.demand.items()
        )

    def __repr__(self) -> str:
        return summary(self, plural(len(self.covered), "outcome"), f"total {percent(self.total)}")


def _coverage(
    demand: OutcomeDemand, strengths: Iterable[Mapping[str, float]], names: Names
) -> Coverage:
    """Coverage from the per-service strength maps (outcome -> effective strength) of the services in X."""
    missing = dict.fromkeys(demand, 1.0)
    for strength in strengths:
        for outcome, m in strength.items():
            if outcome in missing:
                missing[outcome] *= 1.0 - m
    covered = {o: 1.0 - missing[o] for o in demand}
    total = math.fsum(demand[o] * covered[o] for o in demand)
    return Coverage(min(1.0, max(0.0, total)), covered, demand, names=names)


def coverage(
    pmo: PMO,
    offerings: Iterable[str] | None = None,
    *,
    maturity_weighted: bool = False,
    catalog: Catalog | None = None,
) -> Coverage:
    """The share of demand covered by the PMO's offerings (or by the offering ids given).

    With ``maturity_weighted=True`` each strength M_{o,s} is scaled by m_s / 5, so immature services
    cover less. Every offering counts once, even when two offerings run the same catalog service or
    an id is given twice. Raises :class:`~valuering.errors.ValidationError` when the model is not
    sound against its catalog, :class:`~valuering.errors.UnknownIdError` for an unknown offering id.

    >>> from valuering import examples
    >>> pmo = examples.load("northwind-energy")
    >>> round(coverage(pmo).total, 4), round(coverage(pmo, maturity_weighted=True).total, 4)
    (0.984, 0.7467)
    >>> round(coverage(pmo, ["reporting", "reporting"]).total, 4)
    0.2541
    """
    cat = sound(pmo, catalog=catalog, shares=True)
    if offerings is None:  # the headline figure: shared by every analysis of this model
        key = "coverage-maturity-weighted" if maturity_weighted else "coverage"
        return derived(
            pmo, cat, key, lambda: _coverage_of(pmo, cat, pmo.offerings, maturity_weighted)
        )
    chosen = tuple(pmo.offering(i) for i in _distinct_ids(offerings, "offerings"))
    return _coverage_of(pmo, cat, chosen, maturity_weighted)


def _coverage_of(
    pmo: PMO, catalog: Catalog, chosen: Iterable[ServiceOffering], maturity_weighted: bool
) -> Coverage:
    strengths: list[Mapping[str, float]] = []
    for offering in chosen:
        outcomes = _service_outcomes(catalog, offering.service)
        if maturity_weighted:
            factor = offering.maturity / 5
            strengths.append({o: m * factor for o, m in outcomes.items()})
        else:
            strengths.append(outcomes)
    return _coverage(demand_of(pmo, catalog), strengths, Names(pmo, catalog))


def service_coverage(
    pmo: PMO, services: Iterable[str], *, catalog: Catalog | None = None
) -> Coverage:
    """The share of the PMO's demand that a set of catalog services would cover (each id counts once).

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its
    catalog, :class:`~valuering.errors.UnknownIdError` for an unknown service id.

    >>> from valuering import PMO, Customer, Expectation
    >>> pmo = PMO(id="p", name="P", customers=(Customer(
    ...     id="cfo", name="CFO", group="executives-and-senior-management",
    ...     expectations=(Expectation(outcome="better-project-prioritization"),)),))
    >>> service_coverage(pmo, ["portfolio-management"]).total
    1.0
    """
    cat = sound(pmo, catalog=catalog, shares=True)
    chosen = _distinct_ids(services, "services")
    strengths = [_service_outcomes(cat, s) for s in chosen]
    return _coverage(demand_of(pmo, cat), strengths, Names(pmo, cat))


def expected_by_of(pmo: PMO, catalog: Catalog) -> dict[str, tuple[list[str], list[float]]]:
    """W_c * P_{c,o} by outcome (:func:`valuering.validation.expected_shares`, :func:`expected_by`
    for a sound model) of a model already found sound, computed once per model and catalog."""
    # Usually built by the soundness gate while it checked the customers (sound(shares=True)).
    return derived(pmo, catalog, EXPECTED_SHARES, lambda: expected_shares(pmo.customers))


def demand_of(pmo: PMO, catalog: Catalog) -> OutcomeDemand:
    """D_o of a model already found sound, computed once per model and catalog."""
    return derived(
        pmo,
        catalog,
        "outcome-demand",
        lambda: demand_from_expected(expected_by_of(pmo, catalog), names=Names(pmo, catalog)),
    )


def _distinct_ids(ids: Iterable[str], argument: str) -> list[str]:
    """The ids, each once; a lone string is refused (its letters are not ids)."""
    if isinstance(ids, str):
        message = f"expected a list of ids, got the string {ids!r}; pass [{ids!r}]"
        raise ValidationError([Problem(argument, message)])
    return list(dict.fromkeys(ids))


def _service_outcomes(catalog: Catalog, service_id: str) -> Mapping[str, float]:
    try:
        return catalog.services[service_id].outcomes
    except KeyError:
        raise UnknownIdError("service", service_id, catalog.services) from None
