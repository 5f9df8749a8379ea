"""``valuering demo`` and ``valuering catalog``: the example PMO at a glance, and the reference catalog."""

from __future__ import annotations

import argparse
from collections import Counter

from valuering import examples
from valuering.catalog import Catalog, pmi_2025
from valuering.cli._format import heading, percent, table
from valuering.demand import coverage, outcome_demand
from valuering.model import PMO, FlywheelStep, ServiceCategory
from valuering.validation import catalog_for

__all__ = ["register", "summary"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser("demo", help="summarise the bundled example PMO")
    demo.add_argument(
        "--example", default=examples.NAMES[0], choices=examples.NAMES, help="which example to show"
    )
    demo.set_defaults(handler=_demo)
    catalog = subparsers.add_parser(
        "catalog", help="list the reference catalog's services and outcomes"
    )
    catalog.set_defaults(handler=_catalog)


def _demo(args: argparse.Namespace) -> int:
    pmo = examples.load(args.example)
    catalog = catalog_for(pmo)
    from valuering.cli import demo_sections  # the package imports this module

    print(summary(pmo, catalog))
    for section in demo_sections():
        print()
        print(section(pmo, catalog))
    print()
    print(f"The model file: {examples.path(args.example)}")
    return 0


def summary(pmo: PMO, catalog: Catalog) -> str:
    """The PMO, its customers and what they expect, its offerings by category, its flywheel position."""
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
    parts.append(
        f"{len(pmo.customers)} customers, {len(pmo.offerings)} offerings, "
        f"{len(pmo.team)} team members, {len(pmo.indicators)} indicators."
    )
    parts.append("")
    parts.append(_customers(pmo, catalog))
    parts.append("")
    parts.append(_offerings(pmo, catalog))
    parts.append("")
    parts.append(_flywheel(pmo))
    return "\n".join(parts)


def _customers(pmo: PMO, catalog: Catalog) -> str:
    demand = outcome_demand(pmo)
    rows = []
    for customer in sorted(pmo.customers, key=lambda c: (-c.weight, c.id)):
        top = sorted(customer.expectations, key=lambda e: (-e.priority, e.outcome))[:2]
        group = (
            catalog.customer_groups[customer.group].name
            if customer.group in catalog.customer_groups
            else customer.group
        )
        rows.append(
            (
                customer.name,
                group,
                f"{customer.weight:g}",
                "; ".join(_outcome_name(catalog, e.outcome) for e in top),
            )
        )
    lines = [
        heading("Customers and their top expected outcomes", "-"),
        table(rows, ["customer", "group", "weight", "top outcomes"], right=[2]),
        "",
        "Most demanded outcomes (share of weighted demand):",
    ]
    for outcome, share in list(demand.items())[:5]:
        lines.append(f"  {percent(share, 1):>7}  {_outcome_name(catalog, outcome)}")
    return "\n".join(lines)


def _outcome_name(catalog: Catalog, outcome_id: str) -> str:
    outcome = catalog.outcomes.get(outcome_id)
    return outcome.name if outcome else outcome_id


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
    lines.append("")
    lines.append(
        f"The offerings cover {percent(cover.total)} of the weighted demand "
        f"({percent(weighted.total)} when weighted by maturity)."
    )
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


def _catalog(_: argparse.Namespace) -> int:
    catalog = pmi_2025()
    print(heading(f"{catalog.title or catalog.name}"))
    print(
        f"{len(catalog.services)} services, {len(catalog.outcomes)} outcomes, "
        f"{len(catalog.competences)} competences, {len(catalog.customer_groups)} customer groups."
    )
    print()
    print(heading("Services", "-"))
    rows = [
        (
            s.number or "",
            s.id,
            s.category,
            ", ".join(sorted(d.value for d in s.domains)),
            len([o for o, m in s.outcomes.items() if m > 0]),
        )
        for s in catalog.ordered_services()
    ]
    print(table(rows, ["#", "id", "category", "domains", "outcomes"], right=[0, 4]))
    print()
    print(heading("Outcomes", "-"))
    rows2 = [
        (o.number or "", o.id, o.horizon, len(catalog.services_for(o.id)))
        for o in catalog.ordered_outcomes()
    ]
    print(table(rows2, ["#", "id", "horizon", "services"], right=[0, 3]))
    print()
    print('"PMO Value Ring" is a trademark of the Project Management Institute (PMI).')
    return 0
