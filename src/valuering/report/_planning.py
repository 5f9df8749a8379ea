"""Text views of planning: a what-if comparison and an improvement roadmap."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from valuering.catalog import Catalog
from valuering.model import PMO
from valuering.planning import FigureChange, Roadmap, WhatIf, roadmap
from valuering.report._blocks import Paragraph, ReportContext, Section, Table
from valuering.report._names import customer_name, outcome_name
from valuering.report._sections import SectionBuilder
from valuering.report._text import heading, listing, percent, plural, table
from valuering.validation import catalog_for

__all__ = ["roadmap_section", "text_roadmap", "text_what_if"]

# The per-offering figures are listed only when they change; the headline figures always.
_PER_OFFERING = ("attribution.", "competence-fit.")


def _value(figure: FigureChange, value: float | None) -> str:
    if value is None:
        return "–"
    if figure.unit == "share":
        return percent(value, 1)
    if figure.unit == "percent":
        return percent(value / 100, 1)
    return f"{value:g}"


def _change(figure: FigureChange) -> str:
    change = figure.change
    if change is None:
        return "–" if figure.before == figure.after else "new" if figure.before is None else "gone"
    if figure.unit in ("share", "percent"):
        points = change * 100 if figure.unit == "share" else change
        return "0" if round(points, 1) == 0 else f"{points:+.1f} pts"
    return "0" if change == 0 else f"{change:+g}"


def _shown(figure: FigureChange) -> bool:
    return not figure.figure.startswith(_PER_OFFERING) or figure.before != figure.after


def text_what_if(result: WhatIf, pmo: PMO, *, catalog: Catalog | None = None, top: int = 10) -> str:
    """The figures before and after the changes (per-offering figures only where they change), who
    gains and who loses (the first ``top`` of each), and the health checks that appear or go
    (``valuering whatif``). ``pmo`` is the model before the changes.

    >>> from valuering import SetMaturity, examples, what_if
    >>> pmo = examples.load("northwind-energy")
    >>> text = text_what_if(what_if(pmo, SetMaturity("portfolio-management", 4)), pmo)
    >>> print("\\n".join(text.splitlines()[:2]))
    What if: portfolio-management.maturity=4
    ========================================
    >>> print(next(line for line in text.splitlines() if "strategic" in line))
    Maturity (X3), strategic        40.0 %  50.0 %  +10.0 pts
    """
    cat = catalog_for(pmo, catalog=catalog)
    changes = ", ".join(str(c) for c in result.changes) or "no change"
    rows = [
        (f.label, _value(f, f.before), _value(f, f.after), _change(f))
        for f in result.values()
        if _shown(f)
    ]
    lines = [heading(f"What if: {changes}")]
    if result.added or result.removed:
        lines.append(
            f"Offerings added: {listing(result.added)}; removed (with their dependents): "
            f"{listing(result.removed)}."
        )
    lines += [
        "",
        heading("Figures before and after", "-"),
        table(rows, ["figure", "before", "after", "change"], right=[1, 2, 3]),
    ]
    for title, shifts in (("Who gains", result.gainers), ("Who loses", result.losers)):
        lines += ["", heading(f"{title} (covered demand, effective coverage)", "-")]
        if not shifts:
            lines.append("Nobody.")
            continue
        shown = [
            (s.kind, _name(pmo, result, cat, s.kind, s.subject), percent(s.before, 1),
             percent(s.after, 1), f"{s.change * 100:+.1f} pts")
            for s in shifts[:top]
        ]  # fmt: skip
        lines.append(table(shown, ["kind", "name", "before", "after", "change"], right=[2, 3, 4]))
        if len(shifts) > top:
            lines.append(f"... and {len(shifts) - top} more (--top to show more).")
    lines += ["", heading("Health checks", "-")]
    lines += [f"  new: {f}" for f in result.findings_added]
    lines += [f"  resolved: {f}" for f in result.findings_resolved]
    if not result.findings_added and not result.findings_resolved:
        lines.append("No finding appears or goes.")
    return "\n".join(lines)


def _name(pmo: PMO, result: WhatIf, catalog: Catalog, kind: str, ident: str) -> str:
    if kind == "customer":
        return customer_name(result.model, ident)
    if kind == "outcome":
        return outcome_name(catalog, ident)
    names = {o.id: o.name for o in (*pmo.objectives, *result.model.objectives)}
    return names.get(ident, ident)


def text_roadmap(plan: Roadmap, pmo: PMO, *, catalog: Catalog | None = None, top: int = 3) -> str:
    """The steps of a roadmap: each raise with its cost, gain, running totals and the first ``top``
    customers it serves (``valuering roadmap``).

    >>> from valuering import examples, roadmap
    >>> pmo = examples.load("northwind-energy")
    >>> print(text_roadmap(roadmap(pmo, 2), pmo, top=1))
    Roadmap for Northwind Energy Enterprise PMO
    ===========================================
    Budget 2, spent 2; effective coverage 74.7 % -> 80.9 % (+6.2 pts).
    Exact: every set of raises within the budget was tried.
    <BLANKLINE>
    step  offering              level   cost      gain  spent   value  for whom
    ----  --------------------  ------  ----  --------  -----  ------  ------------------------------------------------
       1  portfolio-management  2 -> 3     1  +4.1 pts      1  78.8 %  Grid Modernisation Portfolio Manager, and 2 more
       2  methodology           3 -> 4     1  +2.1 pts      2  80.9 %  Substation Upgrade Programme Manager, and 3 more
    2 raises; outcomes gained are listed per step in --format json.
    """
    catalog_for(pmo, catalog=catalog)  # the same catalog check as every view; names are the model's
    gain = (plan.value_after - plan.value_before) * 100
    lines = [
        heading(f"Roadmap for {pmo.name}"),
        f"Budget {plan.budget:g}, spent {plan.spent:g}; effective coverage "
        f"{percent(plan.value_before, 1)} -> {percent(plan.value_after, 1)} ({gain:+.1f} pts).",
        "Exact: every set of raises within the budget was tried."
        if plan.exact
        else "Greedy: too many sets of raises to try them all; chosen by gain per cost.",
    ]
    if plan.phases:
        capacities = ", ".join(f"{c:g}" for c in plan.phases)
        lines.append(f"Phases (capacity each): {capacities}; each makes the best raises it can.")
    lines.append("")
    if not plan:
        lines.append("No raise: the budget buys none, or every offering is at its target.")
        return "\n".join(lines)
    rows = []
    for n, step in enumerate(plan, start=1):
        whom = [customer_name(pmo, c) for c in step.customers[:top]]
        if len(step.customers) > top:
            whom.append(f"{'and ' if whom else ''}{len(step.customers) - top} more")
        why = ", ".join(whom)
        if step.enables:
            why = f"needed by {listing(step.enables)}" + (f"; {why}" if why else "")
        row = [
            str(n),
            step.offering,
            f"{step.from_level} -> {step.to_level}",
            f"{step.cost:g}",
            "0" if round(step.gain * 100, 1) == 0 else f"{step.gain * 100:+.1f} pts",
            f"{step.cumulative_cost:g}",
            percent(step.cumulative_value, 1),
            why or "nobody yet",
        ]
        if plan.phases:
            row.insert(1, str(step.phase))
        rows.append(row)
    headers = ["step", "offering", "level", "cost", "gain", "spent", "value", "for whom"]
    right = [0, 3, 4, 5, 6]
    if plan.phases:
        headers.insert(1, "phase")
        right = [0, 1, 4, 5, 6, 7]
    lines.append(table(rows, headers, right=right))
    lines.append(
        f"{plural(len(plan), 'raise')}; outcomes gained are listed per step in --format json."
    )
    return "\n".join(lines)


def _gain(gain: float) -> str:
    return "0" if round(gain * 100, 1) == 0 else f"{gain * 100:+.1f} pts"


def roadmap_section(
    budget: float,
    *,
    costs: Mapping[str, float | Mapping[int, float]] | None = None,
    phases: Sequence[float] | None = None,
) -> SectionBuilder:
    """A section builder for the steering-committee report: the roadmap of the report's model for
    ``budget`` (with ``costs`` and ``phases`` as :func:`~valuering.planning.roadmap` takes them).
    Register it to have the report show the roadmap (``valuering report --roadmap N`` does this).

    >>> from valuering import examples
    >>> from valuering.report import ReportContext
    >>> section = next(iter(roadmap_section(2)(ReportContext(examples.load("northwind-energy")))))
    >>> section.title, section.blocks[0].text
    ('Improvement roadmap', 'For a budget of 2: 2 raises costing 2 take effective coverage from 74.7 % to 80.9 %; every set of raises within the budget was tried.')
    """

    def build(context: ReportContext) -> Iterator[Section]:
        plan = roadmap(context.pmo, budget, costs=costs, phases=phases, catalog=context.catalog)
        how = (
            "every set of raises within the budget was tried"
            if plan.exact
            else "chosen greedily by gain per cost"
        )
        summary = (
            f"For a budget of {plan.budget:g}: {plural(len(plan), 'raise')} costing {plan.spent:g} "
            f"take effective coverage from {percent(plan.value_before, 1)} to "
            f"{percent(plan.value_after, 1)}; {how}."
        )
        rows: list[tuple[str, ...]] = [
            (
                str(n),
                "" if step.phase is None else str(step.phase),
                step.offering,
                f"{step.from_level} -> {step.to_level}",
                f"{step.cost:g}",
                _gain(step.gain),
                ", ".join(customer_name(context.pmo, c) for c in step.customers) or "nobody yet",
            )
            for n, step in enumerate(plan, start=1)
        ]
        blocks: list[Paragraph | Table] = [Paragraph(summary)]
        headers: tuple[str, ...] = (
            "step",
            "phase",
            "offering",
            "level",
            "cost",
            "gain",
            "for whom",
        )
        right: tuple[int, ...] = (0, 1, 4, 5)
        if not plan.phases:  # no phase column
            rows = [(row[0], *row[2:]) for row in rows]
            headers, right = (headers[0], *headers[2:]), (0, 3, 4)
        if rows:
            blocks.append(Table(headers, rows, right=right))
        yield Section("roadmap", "Improvement roadmap", blocks)

    return build
