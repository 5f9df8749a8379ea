"""Text views of value tracing: a trace, an impact, the health-check findings, and the value section
of the summary."""

from __future__ import annotations

from collections.abc import Sequence

from valuering.catalog import Catalog
from valuering.graph import Finding, Impact, ValueAnalysis, ValueTrace, check
from valuering.model import PMO
from valuering.report._names import customer_name, offering_title, outcome_name
from valuering.report._text import bar, heading, listing, percent, plural, table
from valuering.validation import catalog_for

__all__ = ["text_findings", "text_impact", "text_trace", "value_section"]


def text_trace(
    trace: ValueTrace, pmo: PMO, *, catalog: Catalog | None = None, top: int = 10
) -> str:
    """What one offering creates: the outcomes it serves, the first ``top`` customers who expect
    them, the objectives and the offerings that need it (``valuering trace``).

    >>> from valuering import examples, trace_value
    >>> pmo = examples.load("northwind-energy")
    >>> print("\\n".join(text_trace(trace_value(pmo, "reporting"), pmo).splitlines()[:2]))
    Value trace: reporting (Portfolio dashboard and reporting)
    ==========================================================
    """
    cat = catalog_for(pmo, catalog=catalog)
    rows = [
        (outcome_name(cat, t.outcome), percent(t.demand, 1), f"{t.strength:g}", percent(t.share, 1))
        for t in trace.outcomes
    ]
    customers = trace.customers
    lines = [
        heading(f"Value trace: {offering_title(pmo, cat, trace.offering)}"),
        f"Service {trace.service!r}; its attributed share of the customers' demand: "
        f"{percent(trace.share, 1)}.",
        "",
        heading("Outcomes it serves, most demanded first", "-"),
        table(rows, ["outcome", "demand", "strength", "its share"], right=[1, 2, 3]),
        "",
        heading(f"Customers who expect them ({plural(len(customers), 'expectation')})", "-"),
    ]
    if not customers:
        lines.append("No customer expects any of its outcomes.")
    shown = [
        (customer_name(pmo, c), outcome_name(cat, o), percent(s, 1)) for c, o, s in customers[:top]
    ]
    if shown:
        lines.append(table(shown, ["customer", "outcome", "share of demand"], right=[2]))
    if len(customers) > top:
        lines.append(f"... and {len(customers) - top} more (--top to show more).")
    lines += [
        "",
        f"Strategic objectives supported: {listing(trace.objectives)}.",
        f"Offerings that need it directly: {listing(trace.direct_dependents)}.",
        f"All offerings that need it ({len(trace.dependents)}): {listing(trace.dependents)}.",
    ]
    return "\n".join(lines)


def text_impact(impact: Impact, pmo: PMO, *, catalog: Catalog | None = None, top: int = 10) -> str:
    """What breaks if one offering fails: the offerings lost with it, coverage before and after,
    the outcomes whose coverage drops and the first ``top`` customers affected (``valuering impact``).

    >>> from valuering import examples, impact_of
    >>> pmo = examples.load("northwind-energy")
    >>> print(text_impact(impact_of(pmo, "pmis"), pmo).splitlines()[3])
    Coverage of demand: 98.4 % -> 57.4 %; demand at risk: 41.0 %.
    """
    cat = catalog_for(pmo, catalog=catalog)
    lost = impact.lost
    lines = [
        heading(f"Impact of losing {offering_title(pmo, cat, impact.offering)}"),
        f"Lost with it ({plural(len(lost), 'offering')}): {listing(lost)}.",
        f"Coverage of demand: {percent(impact.coverage_before, 1)} -> "
        f"{percent(impact.coverage_after, 1)}; demand at risk: {percent(impact.demand_at_risk, 1)}.",
        "",
    ]
    if not impact.outcomes:
        lines.append("No outcome's coverage drops: other offerings cover the same outcomes.")
        return "\n".join(lines)
    rows = [
        (
            outcome_name(cat, loss.outcome),
            percent(loss.demand, 1),
            f"{percent(loss.covered_before)} -> {percent(loss.covered_after)}",
            percent(loss.demand_lost, 1),
        )
        for loss in impact.outcomes
    ]
    lines += [
        heading("Outcomes whose coverage drops, largest loss first", "-"),
        table(rows, ["outcome", "demand", "covered", "demand lost"], right=[1, 3]),
    ]
    customers = impact.customers
    shown = [customer_name(pmo, c) for c in customers[:top]]
    if len(customers) > top:
        shown.append(f"{'and ' if shown else ''}{len(customers) - top} more (--top to show more)")
    lines += ["", f"Customers affected ({len(customers)}): {', '.join(shown)}."]
    return "\n".join(lines)


def text_findings(findings: Sequence[Finding], pmo: PMO) -> str:
    """The health-check findings of ``pmo``, one a line, or a sentence saying there are none
    (``valuering check``).

    >>> from valuering import PMO, check
    >>> pmo = PMO(id="p", name="Small PMO")
    >>> print(text_findings(check(pmo), pmo))
    Small PMO: no findings; every offering serves expected outcomes, every expected outcome is served and no prerequisite holds an offering down.
    """
    if not findings:
        return (
            f"{pmo.name}: no findings; every offering serves expected outcomes, every expected "
            "outcome is served and no prerequisite holds an offering down."
        )
    return "\n".join(
        [heading(f"{pmo.name}: {plural(len(findings), 'finding')}")]
        + [f"  {finding}" for finding in findings]
    )


def value_section(pmo: PMO, catalog: Catalog) -> str:
    """The summary's value picture: coverage, largest shares, the riskiest loss, delivery waves."""
    analysis = ValueAnalysis.of(pmo, catalog=catalog)
    shares = analysis.attribution()
    largest = max(shares.values(), default=0.0)
    rows = [
        (o, percent(s, 1), bar(s / largest if s else 0.0, 16)) for o, s in list(shares.items())[:5]
    ]
    lines = [
        heading("Value tracing: which offerings carry the demand", "-"),
        f"The offerings cover {percent(analysis.coverage_total, 1)} of the weighted demand.",
        "Largest attributed shares of the demand:",
        table(rows, ["offering", "share", ""], right=[1]) if rows else "  none",
    ]
    impacts = analysis.impacts()
    if impacts:
        worst = max(impacts.values(), key=lambda i: (i.demand_at_risk, -analysis.index[i.offering]))
        lines += [
            "",
            f"Losing {worst.offering!r} puts the most demand at risk: "
            f"{percent(worst.demand_at_risk, 1)} ({len(worst.lost)} offerings drop out with it, "
            f"{len(worst.customers)} customers affected).",
        ]
    lines += ["", "Delivery waves (each needs only earlier waves):"]
    lines += [f"  {n}. {', '.join(wave)}" for n, wave in enumerate(analysis.waves, start=1)]
    if not analysis.waves:
        lines.append("  none: no offerings")
    health = check(pmo, catalog=catalog)
    if health:
        lines += ["", "Health checks:"] + [f"  {f}" for f in health]
    return "\n".join(lines)
