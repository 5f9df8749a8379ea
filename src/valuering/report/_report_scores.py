"""The scores sections of the steering-committee report: maturity by category (X3), gaps and
priorities, recommended services, competences, and indicators with SLAs and value."""

from __future__ import annotations

from collections.abc import Iterator

from valuering import plot
from valuering._tables import percent
from valuering.model import IndicatorLayer
from valuering.report._blocks import (
    Block,
    Items,
    Paragraph,
    Picture,
    ReportContext,
    Section,
    Table,
)
from valuering.report._layout import TOP, level, more
from valuering.scoring import SlaState

__all__ = ["competences", "gaps", "indicators", "maturity", "recommendations"]


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
            level(g.maturity, g.level_name),
            level(g.target, g.target_level_name),
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
