"""The sections of the steering-committee report, registered in reading order: the PMO at a
glance, customers and demand, offerings, maturity, gaps, recommendations, competences, indicators,
value tracing, health checks and the flywheel."""

from __future__ import annotations

from collections.abc import Iterator

from valuering import plot
from valuering._tables import percent
from valuering.model import FlywheelStep, IndicatorLayer, ServiceCategory
from valuering.report._blocks import (
    Block,
    Items,
    Paragraph,
    Picture,
    ReportContext,
    Section,
    Table,
)
from valuering.report._sections import register_section
from valuering.scoring import SlaState

__all__ = ["GRAPH_LIMIT", "TOP"]

TOP = 20  # rows of a long table shown in a report; the rest are counted
GRAPH_LIMIT = 60  # offerings up to which the dependency picture stays readable


def more(total: int, shown: int, what: str) -> str:
    """The line under a cut table: how many rows were left out."""
    return (
        f"… and {total - shown} more {what} (see the JSON data for all)." if total > shown else ""
    )


def _level(level: int | None, name: str | None) -> str:
    return "–" if level is None else f"{level} {name}" if name else str(level)


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
                _level(o.maturity, service.level_name(o.maturity)),
                _level(o.target, None if o.target is None else service.level_name(o.target)),
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


def maturity(context: ReportContext) -> Iterator[Section]:
    """Maturity by category (appendix X3) and overall, with its picture."""
    rows = [
        (
            c.category.value,
            c.services,
            c.offerings,
            percent(None if c.percent is None else c.percent / 100),
        )
        for c in context.maturity.categories
    ]
    overall = context.overall
    rows.append(
        (
            "overall (our extension)",
            len(overall.services),
            overall.offerings,
            percent(None if overall.percent is None else overall.percent / 100),
        )
    )
    yield Section(
        "maturity",
        "Service maturity by category (X3)",
        [
            Paragraph(
                "Maturity is the sum of the offered services' levels over five times their number "
                "(appendix X3, formula 4); a service several offerings deliver counts once, at their "
                "mean level."
            ),
            Table(["category", "services", "offerings", "maturity"], rows, right=(1, 2, 3)),
            Picture(
                lambda: plot.plot_maturity_by_category(context.maturity),
                "Bar chart of service maturity by category: "
                + ", ".join(f"{r[0]} {r[3]}" for r in rows[:-1])
                + ".",
                "maturity",
            ),
        ],
    )


def gaps(context: ReportContext) -> Iterator[Section]:
    """The offerings below target, by priority = gap × recommendation score."""
    open_gaps = context.gaps.open()
    rows = [
        (
            context.offering_name(g.offering),
            g.offering,
            _level(g.maturity, g.level_name),
            _level(g.target, g.target_level_name),
            g.gap,
            f"{g.priority:.3f}",
        )
        for g in open_gaps[:TOP]
    ]
    blocks: list[Block] = [
        Paragraph(
            "Priority is the gap in levels times the service's recommendation score (formula 6, "
            "our extension): a large gap in a service the customers need most comes first."
        )
    ]
    if not rows:
        blocks.append(Paragraph("Every offering is at or above its target."))
    else:
        blocks += [
            Table(
                ["offering", "id", "current level", "target level", "gap", "priority"],
                rows,
                right=(4, 5),
                more=more(len(open_gaps), len(rows), "offerings below target"),
            ),
            Picture(
                lambda: plot.plot_gaps(context.gaps, top=TOP),
                f"Bar chart of the {len(rows)} offerings furthest below target by priority; the "
                f"first is {rows[0][0]}, at level {open_gaps[0].maturity} of "
                f"{open_gaps[0].target}.",
                "gaps",
            ),
        ]
    yield Section("gaps", "Gaps and priorities", blocks)


def recommendations(context: ReportContext) -> Iterator[Section]:
    """The services ranked by the demand they serve, and the horizons of the covered demand."""
    top = context.recommendations.top(10)
    rows = [
        (
            s.rank,
            s.name,
            s.service,
            f"{s.score:.3f}",
            "yes" if s.offered else "no",
            "; ".join(context.outcome_name(c.outcome) for c in s.contributions[:2]) or "–",
        )
        for s in top
    ]
    balance = context.balance
    blocks: list[Block] = [
        Table(
            ["#", "service", "id", "score", "offered", "for"],
            rows,
            right=(0, 3),
            caption="Catalog services ranked by the demand they serve (formula 2)",
        ),
        Paragraph(
            f"The {len(context.pmo.offerings)} offerings cover {percent(context.coverage.total)} "
            f"of the demand ({percent(context.weighted_coverage.total)} weighted by maturity). "
            "Covered demand by horizon: "
            + ", ".join(f"{h.horizon.value} {percent(h.share)}" for h in balance.values())
            + "."
        ),
    ]
    if balance.warnings:
        blocks.append(Items(balance.warnings))
    yield Section("recommendations", "Recommended services", blocks)


def competences(context: ReportContext) -> Iterator[Section]:
    """The competences most often below the required level, and the weakest team fits."""
    fit = context.competences
    missing = [
        (
            m.name,
            m.competence,
            len(m.offerings),
            ", ".join(m.offerings[:6])
            + (f" +{len(m.offerings) - 6}" if len(m.offerings) > 6 else ""),
        )
        for m in fit.missing
    ]
    weakest = sorted(
        (f for f in fit.values() if f.fit is not None), key=lambda f: (f.fit or 0.0, f.offering)
    )
    blocks: list[Block] = [
        Paragraph(
            f"A competence is missing on an offering when nobody on its team reaches level "
            f"{fit.required} (formula 9)."
        )
    ]
    if missing:
        blocks.append(
            Table(
                ["competence", "id", "offerings", "where"],
                missing[:TOP],
                right=(2,),
                caption="Competences most often below the required level",
                more=more(len(missing), min(len(missing), TOP), "competences"),
            )
        )
    else:
        blocks.append(Paragraph("No competence is below the required level."))
    if weakest:
        blocks.append(
            Table(
                ["offering", "id", "team fit"],
                [
                    (context.offering_name(f.offering), f.offering, percent(f.fit))
                    for f in weakest[:10]
                ],
                right=(2,),
                caption="Weakest team fit",
                more=more(len(weakest), min(len(weakest), 10), "offerings"),
            )
        )
    yield Section("competences", "Competences", blocks)


def indicators(context: ReportContext) -> Iterator[Section]:
    """Indicators with their RAG state, SLAs, and delivered against perceived value."""
    attained = context.indicators
    blocks: list[Block] = [
        Paragraph(
            "Attainment is actual over target (target over actual when lower is better), capped at "
            "100 %; green at or above target, amber within 10 % of it, red below (formula 10). "
            "Delivered value and perceived value are kept apart, never blended."
        )
    ]
    names = {r["indicator"]: r for r in attained.to_records()}
    rows = [
        (
            s.name,
            s.indicator,
            s.layer.value,
            names[s.indicator]["subject_name"] or s.subject,
            f"{s.target:g}",
            "–" if s.actual is None else f"{s.actual:g}",
            percent(s.attainment),
            plot.rag_state(s.attainment),
        )
        for s in attained.values()
    ]
    if rows:
        blocks += [
            Table(
                ["indicator", "id", "layer", "subject", "target", "actual", "attainment", "state"],
                rows[: 3 * TOP],
                right=(4, 5, 6),
                more=more(len(rows), min(len(rows), 3 * TOP), "indicators"),
            ),
            Paragraph(
                "Attainment by layer: "
                + ", ".join(
                    f"{layer.value} {percent(attained.layer(layer))}" for layer in IndicatorLayer
                )
                + "."
            ),
            Picture(
                lambda: plot.plot_indicators(attained),
                "Bar chart of each indicator's attainment of target, coloured by state: "
                + ", ".join(f"{r[0]} {r[6]} ({r[7]})" for r in rows[:8])
                + ("…" if len(rows) > 8 else "."),
                "indicators",
            ),
        ]
    else:
        blocks.append(Paragraph("No indicators yet."))
    slas = context.slas
    if len(slas):
        sla_rows = [
            (
                context.offering_name(s.offering),
                s.offering,
                s.metric,
                f"{s.target:g}",
                "–" if s.actual is None else f"{s.actual:g}",
                s.state.value,
            )
            for s in slas
        ]
        counts = ", ".join(f"{slas.count(state)} {state.value}" for state in SlaState)
        blocks.append(
            Table(
                ["offering", "id", "SLA metric", "target", "actual", "state"],
                sla_rows[: 3 * TOP],
                right=(3, 4),
                caption=f"Service-level agreements: {counts}",
                more=more(len(sla_rows), min(len(sla_rows), 3 * TOP), "SLAs"),
            )
        )
    value_rows = [
        (
            context.outcome_name(v.subject),
            v.subject,
            percent(v.delivered),
            percent(v.perceived),
        )
        for v in context.value_gap.values()
    ]
    if value_rows:
        blocks.append(
            Table(
                ["subject", "id", "delivered", "perceived"],
                value_rows,
                right=(2, 3),
                caption="Delivered and perceived value, side by side",
            )
        )
    yield Section("indicators", "Indicators, SLAs, NPS, delivered and perceived value", blocks)


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
    blocks: list[Block] = (
        [Items(str(f) for f in findings)]
        if findings
        else [
            Paragraph(
                "No findings: every offering serves expected outcomes, every expected outcome is "
                "served and no prerequisite holds an offering down."
            )
        ]
    )
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
