"""The summary of a model: who its customers are and what they expect, its offerings and flywheel
position, its scores and its value picture (the text of ``valuering demo``, for any model)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from valuering.catalog import Catalog
from valuering.demand import coverage, outcome_demand
from valuering.graph import ValueAnalysis, check
from valuering.model import PMO, FlywheelStep, IndicatorLayer, ServiceCategory
from valuering.report._data import to_json_data
from valuering.report._names import outcome_name
from valuering.report._scores import scores_section
from valuering.report._text import heading, percent, table
from valuering.report._value import value_section
from valuering.scoring import (
    SlaState,
    competence_fit,
    indicator_attainment,
    maturity_by_category,
    maturity_gaps,
    overall_maturity,
    recommend_services,
    sla_status,
    value_gap,
)
from valuering.validation import sound

__all__ = ["summary", "summary_data"]


def summary(pmo: PMO, *, catalog: Catalog | None = None) -> str:
    """A few screens of text on ``pmo``: its customers and their top expected outcomes, its
    offerings by category with maturity against target, its flywheel position, its scores and which
    offerings carry the demand. ``catalog`` defaults to the model's own (see
    :func:`valuering.validation.catalog_for`); a model that is not sound raises
    :class:`~valuering.errors.ValidationError`.

    >>> from valuering import examples
    >>> text = summary(examples.load("northwind-energy"))
    >>> print("\\n".join(text.splitlines()[:2]))
    Northwind Energy Enterprise PMO
    ===============================
    >>> print(next(line for line in text.splitlines() if line.startswith("Most offerings")))
    Most offerings are at step 6 (service operation), in the deployment stage.
    """
    cat = sound(pmo, catalog=catalog)
    return "\n\n".join([_overview(pmo, cat), scores_section(pmo, cat), value_section(pmo, cat)])


def _overview(pmo: PMO, catalog: Catalog) -> str:
    parts = [heading(pmo.name)]
    if pmo.description:
        parts.append(pmo.description)
    facts = [
        f"Scope: {pmo.mandate.scope or 'not set'}",
        f"industry: {pmo.baseline.industry.sector or 'not set'}",
        f"scenario: {pmo.scenario or 'not set'}",
        f"catalog: {catalog.name}",
    ]
    parts.append("; ".join(facts) + ".")
    if pmo.mandate.purpose:
        parts.append(f"Purpose: {pmo.mandate.purpose}")
    if pmo.governance.sponsor:
        parts.append(f"Sponsor: {pmo.governance.sponsor}.")
    parts += [
        f"{len(pmo.customers)} customers, {len(pmo.offerings)} offerings, "
        f"{len(pmo.team)} team members, {len(pmo.indicators)} indicators.",
        "",
        _customers(pmo, catalog),
        "",
        _offerings(pmo, catalog),
        "",
        _flywheel(pmo),
    ]
    return "\n".join(parts)


def _group_name(catalog: Catalog, group: str) -> str:
    definition = catalog.customer_groups.get(group)
    return definition.name if definition else group


def _customers(pmo: PMO, catalog: Catalog) -> str:
    rows = []
    for customer in sorted(pmo.customers, key=lambda c: (-c.weight, c.id)):
        top = sorted(customer.expectations, key=lambda e: (-e.priority, e.outcome))[:2]
        rows.append(
            (
                customer.name,
                _group_name(catalog, customer.group),
                f"{customer.weight:g}",
                "; ".join(outcome_name(catalog, e.outcome) for e in top),
            )
        )
    lines = [heading("Customers and their top expected outcomes", "-")]
    if not rows:
        return "\n".join([*lines, "No customers yet."])
    lines += [
        table(rows, ["customer", "group", "weight", "top outcomes"], right=[2]),
        "",
        "Most demanded outcomes (share of weighted demand):",
    ]
    demand = list(outcome_demand(pmo, catalog=catalog).items())[:5]
    lines += [f"  {percent(share, 1):>7}  {outcome_name(catalog, o)}" for o, share in demand]
    if not demand:
        lines.append("  none: no customer has named an expected outcome")
    return "\n".join(lines)


def _offerings(pmo: PMO, catalog: Catalog) -> str:
    lines = [heading("Offerings by category: maturity against target", "-")]
    for category in ServiceCategory:
        offered = [o for o in pmo.offerings if catalog.services[o.service].category is category]
        if not offered:
            lines.append(f"{category.capitalize()}: no offerings")
            continue
        lines.append(f"{category.capitalize()} ({len(offered)}):")
        rows = []
        for o in sorted(offered, key=lambda o: (catalog.services[o.service].number or 0, o.id)):
            service = catalog.services[o.service]
            target = o.target if o.target is not None else o.maturity
            meter = "●" * o.maturity + "○" * max(0, target - o.maturity)
            rows.append(
                (
                    o.name or service.name,
                    f"{o.maturity}/{target}",
                    meter,
                    service.level_name(o.maturity),
                )
            )
        rendered = table(rows, ["offering", "level", "", "current level name"], right=[1])
        lines.extend("  " + line for line in rendered.splitlines())
    cover = coverage(pmo, catalog=catalog)
    weighted = coverage(pmo, catalog=catalog, maturity_weighted=True)
    lines += [
        "",
        f"The offerings cover {percent(cover.total)} of the weighted demand "
        f"({percent(weighted.total)} when weighted by maturity).",
    ]
    return "\n".join(lines)


def _flywheel(pmo: PMO) -> str:
    counts = Counter(o.step for o in pmo.offerings if o.step is not None)
    lines = [heading("Flywheel position: where each offering is in its cycle", "-")]
    for step in FlywheelStep:
        names = sorted(o.id for o in pmo.offerings if o.step is step)
        marker = "▶" if counts[step] else " "
        label = f"{step.number:>2}. {step.label} ({step.stage.label.lower()})"
        lines.append(f" {marker} {label:<42} {', '.join(names)}")
    if counts:
        busiest = max(FlywheelStep, key=lambda s: (counts[s], -s.number))
        lines.append(
            f"Most offerings are at step {busiest.number} ({busiest.label.lower()}), "
            f"in the {busiest.stage.label.lower()} stage."
        )
    return "\n".join(lines)


def summary_data(pmo: PMO, *, catalog: Catalog | None = None) -> dict[str, Any]:
    """The figures of :func:`summary` as plain data for JSON (``valuering demo --format json``).

    Keys: ``pmo``, ``counts``, ``demand``, ``coverage``, ``offerings``, ``flywheel``, ``maturity``,
    ``gaps``, ``recommended``, ``competences``, ``indicators``, ``slas``, ``value_gap``,
    ``attribution``, ``riskiest_loss``, ``waves`` and ``findings``; shares are fractions in [0, 1],
    maturity percentages 0-100.

    >>> from valuering import examples
    >>> data = summary_data(examples.load("northwind-energy"))
    >>> data["counts"], round(data["coverage"]["total"], 3)
    ({'customers': 7, 'offerings': 12, 'team': 4, 'indicators': 6}, 0.984)
    >>> data["riskiest_loss"]["offering"], data["waves"][0]
    ('methodology', ['methodology', 'pmis'])
    """
    cat = sound(pmo, catalog=catalog)
    analysis = ValueAnalysis.of(pmo, catalog=cat)
    impacts = analysis.impacts()
    worst = max(
        impacts.values(),
        key=lambda i: (i.demand_at_risk, -analysis.index[i.offering]),
        default=None,
    )
    attained = indicator_attainment(pmo, catalog=cat)
    slas = sla_status(pmo, catalog=cat)
    return {
        "pmo": {
            "id": pmo.id,
            "name": pmo.name,
            "description": pmo.description,
            "scope": to_json_data(pmo.mandate.scope),
            "industry": pmo.baseline.industry.sector,
            "scenario": to_json_data(pmo.scenario),
            "catalog": cat.name,
        },
        "counts": {
            "customers": len(pmo.customers),
            "offerings": len(pmo.offerings),
            "team": len(pmo.team),
            "indicators": len(pmo.indicators),
        },
        "demand": to_json_data(outcome_demand(pmo, catalog=cat)),
        "coverage": {
            "total": coverage(pmo, catalog=cat).total,
            "maturity_weighted": coverage(pmo, catalog=cat, maturity_weighted=True).total,
        },
        "offerings": [
            {
                "id": o.id,
                "name": o.name or cat.services[o.service].name,
                "service": o.service,
                "category": cat.services[o.service].category.value,
                "maturity": o.maturity,
                "target": o.target,
                "step": None if o.step is None else o.step.number,
            }
            for o in pmo.offerings
        ],
        "flywheel": [
            {
                "step": step.number,
                "id": step.value,
                "stage": step.stage.value,
                "offerings": sorted(o.id for o in pmo.offerings if o.step is step),
            }
            for step in FlywheelStep
        ],
        "maturity": {
            "categories": to_json_data(maturity_by_category(pmo, catalog=cat)),
            "overall": to_json_data(overall_maturity(pmo, catalog=cat)),
        },
        "gaps": to_json_data(list(maturity_gaps(pmo, catalog=cat).open())),
        "recommended": [
            {"service": s.service, "name": s.name, "score": s.score}
            for s in recommend_services(pmo, catalog=cat).top(3, offered=False)
        ],
        "competences": to_json_data(competence_fit(pmo, catalog=cat)),
        "indicators": {layer.value: attained.layer(layer) for layer in IndicatorLayer},
        "slas": {state.value: slas.count(state) for state in SlaState},
        "value_gap": to_json_data(value_gap(pmo, catalog=cat)),
        "attribution": to_json_data(analysis.attribution()),
        "riskiest_loss": None
        if worst is None
        else {
            "offering": worst.offering,
            "demand_at_risk": worst.demand_at_risk,
            "lost": list(worst.lost),
            "customers": list(worst.customers),
        },
        "waves": [list(wave) for wave in analysis.waves],
        "findings": to_json_data(check(pmo, catalog=cat)),
    }
