"""The service catalogue a PMO publishes: a cover listing its offerings, then one page per offering
(the service, its purpose, the customers and outcomes it serves, approach, delivery, service levels,
owner, current and target level)."""

from __future__ import annotations

from collections.abc import Iterator

from valuering._tables import percent
from valuering.model import ServiceCategory, ServiceOffering
from valuering.report._blocks import Block, Paragraph, ReportContext, Section, Table
from valuering.report._sections import register_section

__all__: list[str] = []

CUSTOMERS_SHOWN = 12  # customers listed on one offering's page


def _level(context: ReportContext, offering: ServiceOffering, level: int | None) -> str:
    if level is None:
        return "not set"
    return f"{level} ({context.catalog.services[offering.service].level_name(level)})"


def _ordered(context: ReportContext) -> list[ServiceOffering]:
    services = context.catalog.services
    return sorted(
        context.pmo.offerings,
        key=lambda o: (
            list(ServiceCategory).index(services[o.service].category),
            services[o.service].number or 0,
            o.id,
        ),
    )


def cover(context: ReportContext) -> Iterator[Section]:
    """What the PMO is for, and the list of its services."""
    pmo = context.pmo
    owners = {member.id: member.name for member in pmo.team}
    blocks: list[Block] = []
    if pmo.mandate.purpose:
        blocks.append(Paragraph(pmo.mandate.purpose))
    if pmo.mandate.vision:
        blocks.append(Paragraph(f"Vision: {pmo.mandate.vision}"))
    rows = [
        (
            context.offering_name(o.id),
            o.id,
            context.catalog.services[o.service].category.value,
            o.maturity,
            "–" if o.target is None else o.target,
            owners.get(o.owner, o.owner) if o.owner else "–",
        )
        for o in _ordered(context)
    ]
    blocks.append(
        Table(
            ["service", "id", "category", "level", "target", "owner"],
            rows,
            right=(3, 4),
            caption=f"{len(rows)} services, one page each",
        )
        if rows
        else Paragraph("No services yet.")
    )
    yield Section("cover", "Services", blocks)


def offerings(context: ReportContext) -> Iterator[Section]:
    """One page per offering."""
    pmo, cat = context.pmo, context.catalog
    owners = {member.id: member.name for member in pmo.team}
    traces = context.analysis.traces()
    for o in _ordered(context):
        service = cat.services[o.service]
        trace = traces[o.id]
        owner = f"{owners.get(o.owner, o.owner)} ({o.owner})" if o.owner else "not named"
        facts = [
            ("Service", f"{service.name} ({service.id}), a {service.category.value} service"),
            ("Purpose", service.description or "–"),
            ("Owner", owner),
            ("Delivery", o.delivery.value if o.delivery else "not set"),
            ("Current level", _level(context, o, o.maturity)),
            ("Target level", _level(context, o, o.target)),
            ("Flywheel step", "not set" if o.step is None else f"{o.step.number}. {o.step.label}"),
            ("Needs", ", ".join(o.depends_on) or "nothing"),
            ("Needed by", ", ".join(trace.direct_dependents) or "no offering"),
            ("Share of the demand it carries", percent(trace.share)),
        ]
        blocks: list[Block] = [Table(["about", "detail"], facts, caption="The service")]
        outcome_rows = [
            (context.outcome_name(t.outcome), t.outcome, percent(t.demand), percent(t.share))
            for t in trace.outcomes
            if t.demand > 0
        ]
        blocks.append(
            Table(
                ["outcome", "id", "demand", "its share"],
                outcome_rows,
                right=(2, 3),
                caption="Outcomes it serves that customers expect",
            )
            if outcome_rows
            else Paragraph("No customer expects an outcome this service serves.")
        )
        expecting: dict[str, list[str]] = {}
        for customer, outcome, _ in trace.customers:
            expecting.setdefault(customer, []).append(context.outcome_name(outcome))
        customers = {c.id: c for c in pmo.customers}
        customer_rows = [
            (customers[c].name, c, "; ".join(names[:3]) + (" …" if len(names) > 3 else ""))
            for c, names in list(expecting.items())[:CUSTOMERS_SHOWN]
        ]
        if customer_rows:
            left = len(expecting) - len(customer_rows)
            blocks.append(
                Table(
                    ["customer", "id", "expects"],
                    customer_rows,
                    caption="Its customers",
                    more=f"… and {left} more customers." if left else "",
                )
            )
        if o.approach:
            rows = []
            for group, approach in o.approach.items():
                known = cat.customer_groups.get(group)
                definition = cat.approaches.get(approach)
                rows.append(
                    (known.name if known else group, definition.name if definition else approach)
                )
            blocks.append(Table(["customer group", "approach"], rows, caption="Approach"))
        if o.slas:
            states = {s.sla: s for s in context.slas if s.offering == o.id}
            sla_rows = [
                (
                    sla.metric,
                    f"{sla.target:g} {sla.unit}".strip(),
                    sla.direction.value,
                    "–" if sla.actual is None else f"{sla.actual:g} {sla.unit}".strip(),
                    states[sla.id].state.value if sla.id in states else "–",
                )
                for sla in o.slas
            ]
            blocks.append(
                Table(
                    ["metric", "target", "direction", "actual", "state"],
                    sla_rows,
                    caption="Service levels",
                )
            )
        else:
            blocks.append(Paragraph("No service-level agreement yet."))
        yield Section(f"offering-{o.id}", context.offering_name(o.id), blocks)


register_section("cover", cover, document="catalogue")
register_section("offerings", offerings, document="catalogue")
