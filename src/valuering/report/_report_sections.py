"""The sections of the steering-committee report, registered here in reading order: the PMO at a
glance, customers and demand, offerings, then the scores (from ``_report_scores``), then value
tracing, health checks and the flywheel."""

from __future__ import annotations

from collections.abc import Iterator

from valuering import plot
from valuering._tables import percent
from valuering.model import FlywheelStep, ServiceCategory
from valuering.report._blocks import (
    Block,
    Items,
    Paragraph,
    Picture,
    ReportContext,
    Section,
    Table,
)
from valuering.report._layout import GRAPH_LIMIT, TOP, level, more
from valuering.report._report_scores import (
    competences,
    gaps,
    indicators,
    maturity,
    recommendations,
)
from valuering.report._sections import register_section

__all__: list[str] = []


def glance(context: ReportContext) -> Iterator[Section]:
    """Who the PMO is and the figures a steering committee asks for first."""
    pmo, cat = context.pmo, context.catalog
    blocks: list[Block] = []
    if pmo.description:
        blocks.append(Paragraph(pmo.description))
    facts = [
        f"Scope: {pmo.mandate.scope or 'not set'}",
        f"industry: {pmo.baseline.industry.sector or 'not set'}",
        f"scenario: {pmo.scenario or 'not set'}",
        f"catalog: {cat.name}",
    ]
    blocks.append(Paragraph("; ".join(facts) + "."))
    if pmo.mandate.purpose:
        blocks.append(Paragraph(f"Purpose: {pmo.mandate.purpose}"))
    if pmo.governance.sponsor:
        blocks.append(Paragraph(f"Sponsor: {pmo.governance.sponsor}."))
    figures: list[tuple[str, str]] = [
        ("Customers", str(len(pmo.customers))),
        ("Offerings", str(len(pmo.offerings))),
        ("Team members", str(len(pmo.team))),
        ("Indicators", str(len(pmo.indicators))),
        ("Coverage of the weighted demand", percent(context.coverage.total)),
        ("Coverage weighted by maturity", percent(context.weighted_coverage.total)),
    ]
    figures += [
        (
            f"{c.category.value.capitalize()} maturity (X3)",
            percent(None if c.percent is None else c.percent / 100),
        )
        for c in context.maturity.categories
    ]
    overall = context.overall.percent
    figures.append(
        (
            "Overall maturity (our extension of X3)",
            percent(None if overall is None else overall / 100),
        )
    )
    open_gaps = context.gaps.open()
    if open_gaps:
        top = open_gaps[0]
        figures.append(
            (
                "Top gap",
                f"{context.offering_name(top.offering)} ({top.offering}): "
                f"level {top.maturity} → {top.target}",
            )
        )
    if context.impacts:
        worst = max(
            context.impacts.values(),
            key=lambda i: (i.demand_at_risk, -context.analysis.index[i.offering]),
        )
        figures.append(
            (
                "Riskiest loss",
                f"{context.offering_name(worst.offering)} ({worst.offering}): "
                f"{percent(worst.demand_at_risk)} of the demand at risk",
            )
        )
    figures.append(("Health-check findings", str(len(context.findings))))
    blocks.append(Table(["figure", "value"], figures, caption="Key figures"))
    yield Section("glance", f"{pmo.name} at a glance", blocks)


def customers(context: ReportContext) -> Iterator[Section]:
    """The customers, what they expect and the demand that adds up to."""
    pmo, cat = context.pmo, context.catalog
    ranked = sorted(pmo.customers, key=lambda c: (-c.weight, c.id))
    rows = []
    for customer in ranked[:TOP]:
        group = cat.customer_groups.get(customer.group)
        top = sorted(customer.expectations, key=lambda e: (-e.priority, e.outcome))[:2]
        rows.append(
            (
                customer.name,
                customer.id,
                group.name if group else customer.group,
                f"{customer.weight:g}",
                "; ".join(context.outcome_name(e.outcome) for e in top) or "none named",
            )
        )
    blocks: list[Block] = []
    if not rows:
        blocks.append(Paragraph("No customers yet."))
    else:
        blocks.append(
            Table(
                ["customer", "id", "group", "weight", "top expected outcomes"],
                rows,
                right=(3,),
                caption="Customers, heaviest first",
                more=more(len(ranked), len(rows), "customers"),
            )
        )
    demand = list(context.demand.items())
    covered = context.coverage
    demand_rows = [
        (context.outcome_name(o), o, percent(share), percent(covered.get(o, 0.0)))
        for o, share in demand[:TOP]
    ]
    if demand_rows:
        blocks.append(
            Table(
                ["outcome", "id", "share of demand", "covered"],
                demand_rows,
                right=(2, 3),
                caption="Most demanded outcomes (formula 1)",
                more=more(len(demand), len(demand_rows), "outcomes"),
            )
        )
    else:
        blocks.append(Paragraph("No customer has named an expected outcome yet."))
    yield Section("customers", "Customers and demand", blocks)


def offerings(context: ReportContext) -> Iterator[Section]:
    """Every offering with its maturity against target and the catalog's level names."""
    cat = context.catalog
    ordered = sorted(
        context.pmo.offerings,
        key=lambda o: (
            list(ServiceCategory).index(cat.services[o.service].category),
            cat.services[o.service].number or 0,
            o.id,
        ),
    )
    rows = []
    for o in ordered:
        service = cat.services[o.service]
        rows.append(
            (
                context.offering_name(o.id),
                o.id,
                service.category.value,
                level(o.maturity, service.level_name(o.maturity)),
                level(o.target, None if o.target is None else service.level_name(o.target)),
                "–" if o.step is None else f"{o.step.number}. {o.step.label}",
            )
        )
    blocks: list[Block] = (
        [
            Table(
                ["offering", "id", "category", "current level", "target level", "flywheel step"],
                rows,
                caption="Offerings by category, in catalog order",
            )
        ]
        if rows
        else [Paragraph("No offerings yet.")]
    )
    yield Section("offerings", "Offerings: maturity against target", blocks)


def value(context: ReportContext) -> Iterator[Section]:
    """Attribution, demand at risk, delivery waves and the dependency picture."""
    analysis = context.analysis
    shares = analysis.attribution()
    share_rows = [(context.offering_name(o), o, percent(s)) for o, s in list(shares.items())[:15]]
    blocks: list[Block] = [
        Paragraph(
            f"The offerings cover {percent(analysis.coverage_total)} of the weighted demand. Each "
            "outcome's demand is split among the offerings that serve it (formula 7, our "
            "extension); losing an offering takes every offering that needs it along."
        )
    ]
    if share_rows:
        blocks += [
            Table(
                ["offering", "id", "attributed share"],
                share_rows,
                right=(2,),
                caption="Largest attributed shares of the demand",
                more=more(len(shares), len(share_rows), "offerings"),
            ),
            Picture(
                lambda: plot.plot_attribution(shares),
                "Bar chart of the offerings' attributed shares of the demand; the largest is "
                f"{share_rows[0][0]} with {share_rows[0][2]}.",
                "attribution",
            ),
        ]
    risks = sorted(
        context.impacts.values(), key=lambda i: (-i.demand_at_risk, analysis.index[i.offering])
    )
    risk_rows = [
        (
            context.offering_name(i.offering),
            i.offering,
            percent(i.demand_at_risk),
            len(i.lost),
            len(i.customers),
        )
        for i in risks[:10]
    ]
    if risk_rows:
        blocks.append(
            Table(
                ["offering", "id", "demand at risk", "offerings lost", "customers affected"],
                risk_rows,
                right=(2, 3, 4),
                caption="Demand at risk if one offering fails, largest first",
                more=more(len(risks), len(risk_rows), "offerings"),
            )
        )
    waves = analysis.waves
    blocks.append(Paragraph("Delivery waves: each wave needs only the waves before it."))
    blocks.append(
        Items(f"Wave {n}: {', '.join(wave)}" for n, wave in enumerate(waves, start=1))
        if waves
        else Paragraph("No offerings yet.")
    )
    if 0 < len(context.pmo.offerings) <= GRAPH_LIMIT:
        blocks.append(
            Picture(
                lambda: plot.plot_value_graph(analysis),
                f"The offerings in {len(waves)} delivery waves from left to right, joined to the "
                "offerings they need and to the expected outcomes they serve.",
                "value-graph",
            )
        )
    elif waves:
        blocks.append(
            Paragraph(
                f"The dependency picture is drawn for up to {GRAPH_LIMIT} offerings; this model "
                f"has {len(context.pmo.offerings)}, so the delivery waves above stand in for it."
            )
        )
    yield Section("value", "Value tracing", blocks)


def health(context: ReportContext) -> Iterator[Section]:
    """The health-check findings."""
    findings = context.findings
    if not findings:
        message = (
            "No findings: every offering serves expected outcomes, every expected outcome is "
            "served and no prerequisite holds an offering down."
        )
        yield Section("health", "Health checks", [Paragraph(message)])
        return
    shown = [str(f) for f in findings[: 3 * TOP]]
    blocks: list[Block] = [Items(shown)]
    if len(findings) > len(shown):
        blocks.append(Paragraph(more(len(findings), len(shown), "findings")))
    yield Section("health", "Health checks", blocks)


def flywheel(context: ReportContext) -> Iterator[Section]:
    """Where each offering is in the flywheel's ten steps."""
    pmo = context.pmo
    rows = []
    for step in FlywheelStep:
        ids = sorted(o.id for o in pmo.offerings if o.step is step)
        shown = ", ".join(ids[:8]) + (f" +{len(ids) - 8}" if len(ids) > 8 else "")
        rows.append((step.number, step.label, step.stage.label, len(ids), shown or "–"))
    placed = sum(r[3] for r in rows)
    blocks: list[Block] = [
        Table(["step", "name", "stage", "offerings", "which"], rows, right=(0, 3)),
        Paragraph(f"{placed} of {len(pmo.offerings)} offerings have a flywheel step."),
    ]
    if placed:
        busiest = max(rows, key=lambda r: (r[3], -r[0]))
        blocks.append(
            Picture(
                lambda: plot.plot_flywheel(pmo, catalog=context.catalog),
                "The flywheel ring of ten steps in five stages with a dot per offering; most "
                f"offerings are at step {busiest[0]}, {busiest[1].lower()}.",
                "flywheel",
            )
        )
    yield Section("flywheel", "Flywheel positions", blocks)


for _builder in (
    glance,
    customers,
    offerings,
    maturity,
    gaps,
    recommendations,
    competences,
    indicators,
    value,
    health,
    flywheel,
):
    register_section(_builder.__name__, _builder)
