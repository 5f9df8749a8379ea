"""Text views of scores: maturity and gaps, recommendations and the smallest mix, self-assessments,
and the scores section of the summary."""

from __future__ import annotations

from typing import Any

from valuering.catalog import Catalog
from valuering.demand import Coverage
from valuering.model import PMO, IndicatorLayer
from valuering.report._names import outcome_name
from valuering.report._text import bar, heading, percent, table
from valuering.scoring import (
    AssessmentScore,
    HorizonBalance,
    MaturityByCategory,
    MaturityGaps,
    Mix,
    OverallMaturity,
    Recommendations,
    SelfAssessment,
    SlaState,
    competence_fit,
    indicator_attainment,
    maturity_by_category,
    maturity_gaps,
    overall_maturity,
    recommend_services,
    self_assessment,
    sla_status,
    value_gap,
)
from valuering.validation import catalog_for

__all__ = [
    "ratings_data",
    "ratings_template",
    "scores_section",
    "text_assessment",
    "text_maturity",
    "text_recommendations",
]


def text_maturity(
    maturity: MaturityByCategory,
    overall: OverallMaturity,
    gaps: MaturityGaps,
    pmo: PMO,
    *,
    top: int = 10,
) -> str:
    """Maturity by category and overall, then the ``top`` largest gaps to target (``valuering score``).

    >>> from valuering import examples, maturity_by_category, maturity_gaps, overall_maturity
    >>> pmo = examples.load("northwind-energy")
    >>> text = text_maturity(maturity_by_category(pmo), overall_maturity(pmo), maturity_gaps(pmo),
    ...                      pmo, top=1)
    >>> text.splitlines()[-1]
    '... and 10 more below target (--top 11 lists all).'
    """
    lines = [
        heading(f"{pmo.name}: service maturity (Practice Guide appendix X3)"),
        *_maturity_lines(maturity, overall),
        "",
        heading("Gaps to target, by priority = gap × recommendation score", "-"),
    ]
    rows = _gap_rows(gaps)
    if not rows:
        lines.append("Every offering is at or above its target.")
        return "\n".join(lines)
    headers = ["offering", "current level", "target level", "gap", "priority"]
    lines.append(table(rows[:top], headers, right=[3, 4]))
    if len(rows) > top:
        lines.append(f"... and {len(rows) - top} more below target (--top {len(rows)} lists all).")
    return "\n".join(lines)


def _maturity_lines(maturity: MaturityByCategory, overall: OverallMaturity) -> list[str]:
    rows = [
        (
            c.category.value,
            c.offerings,
            percent(None if c.percent is None else c.percent / 100),
            bar((c.percent or 0) / 100),
        )
        for c in maturity.categories
    ]
    shown = percent(None if overall.percent is None else overall.percent / 100)
    return [
        table(rows, ["category", "offerings", "maturity", ""], right=[1, 2]),
        f"Overall (all {overall.offerings} offerings, our extension of X3): {shown}",
    ]


def _gap_rows(gaps: MaturityGaps) -> list[tuple[object, ...]]:
    """One row per offering below its target, highest priority first."""
    return [
        (
            g.offering,
            f"{g.maturity} {g.level_name}",
            f"{g.target} {g.target_level_name}",
            g.gap,
            f"{g.priority:.3f}",
        )
        for g in gaps.open()
    ]


def text_recommendations(
    recommendations: Recommendations,
    mix: Mix,
    balance: HorizonBalance,
    pmo: PMO,
    *,
    coverage: Coverage,
    weighted_coverage: Coverage,
    catalog: Catalog | None = None,
    top: int = 10,
) -> str:
    """The ``top`` services by recommendation score, the current coverage (plain and weighted by
    maturity) and its horizons, and the smallest mix (``valuering recommend``).

    >>> from valuering import examples, coverage, horizon_balance, recommend_services, smallest_mix
    >>> pmo = examples.load("northwind-energy")
    >>> text = text_recommendations(
    ...     recommend_services(pmo), smallest_mix(pmo, 0.5), horizon_balance(pmo), pmo,
    ...     coverage=coverage(pmo), weighted_coverage=coverage(pmo, maturity_weighted=True), top=1)
    >>> print(text.splitlines()[4])
     1  Portfolio management  0.352  yes      Higher return on investment (ROI) 0.14, Greater alignment with strategic objectives 0.09
    """
    cat = catalog_for(pmo, catalog=catalog)
    rows = [
        (
            s.rank,
            s.name,
            f"{s.score:.3f}",
            "yes" if s.offered else "",
            ", ".join(
                f"{outcome_name(cat, c.outcome)} {c.amount:.2f}" for c in s.contributions[:2]
            ),
        )
        for s in recommendations.top(top)
    ]
    headers = ["#", "service", "score", "offered", "top outcomes (demand × strength)"]
    lines = [
        heading(f"{pmo.name}: services ranked by the customers' expected outcomes"),
        table(rows, headers, right=[0, 2]),
        "",
        f"The {len(pmo.offerings)} current offerings cover {percent(coverage.total)} of the demand "
        f"({percent(weighted_coverage.total)} weighted by maturity).",
        "Covered demand by horizon: "
        + ", ".join(f"{h.horizon.value} {percent(h.share)}" for h in balance.values()),
        *(f"  warning: {warning}" for warning in balance.warnings),
        "",
        heading(f"Smallest mix reaching {percent(mix.target)} coverage (greedy)", "-"),
    ]
    mix_rows = [(m.step, m.name, f"+{percent(m.gain, 1)}", percent(m.coverage, 1)) for m in mix]
    if mix_rows:
        lines.append(table(mix_rows, ["step", "service", "gain", "coverage"], right=[0, 2, 3]))
    if not mix.reached:
        lines.append(
            f"The target is not reachable: the whole catalog covers {percent(mix.coverage, 1)}."
        )
    return "\n".join(lines)


def text_assessment(score: AssessmentScore) -> str:
    """Section totals with bars, then the total and its band (``valuering assess``).

    >>> from valuering import score_self_assessment, self_assessment
    >>> ratings = {s.id: [4, 4, 4, 4, 4] for s in self_assessment(7).sections}
    >>> print(text_assessment(score_self_assessment(7, ratings)).splitlines()[-1])
    Total 80 of 100: Good (76-88).
    """
    step = score.step
    rows = [(s.title, s.total, s.maximum, bar(s.total / s.maximum, 10)) for s in score.values()]
    band = next(b for b in self_assessment(step).bands if b.band is score.band)
    return "\n".join(
        [
            heading(f"Step {step.number} self-assessment: {step.label}"),
            table(rows, ["section", "total", "of", ""], right=[1, 2]),
            "",
            f"Total {score.total} of {score.maximum}: {score.band.label} ({band.low}-{band.high}).",
        ]
    )


def ratings_template(instrument: SelfAssessment) -> str:
    """A ratings file to fill in for one step's self-assessment: TOML, every statement as a comment
    and every rating 3 (``valuering assess STEP --template``).

    >>> from valuering import self_assessment
    >>> print("\\n".join(ratings_template(self_assessment(4)).splitlines()[2:6]))
    step = 4
    <BLANKLINE>
    [sections]
    # 1. Delivery approach design
    """
    step = instrument.step.number
    lines = [
        f"# Self-assessment for flywheel step {step}: {instrument.step.label}.",
        "# Rate each statement 1-5: "
        + "; ".join(f"{i} = {label}" for i, label in enumerate(instrument.scale, 1)),
        f"step = {step}",
        "",
        "[sections]",
    ]
    for section in instrument.sections:
        lines.append(f"# {section.number}. {section.title}")
        lines.extend(f"#   {i}. {text}" for i, text in enumerate(section.statements, 1))
        lines.append(f"{section.id} = [3, 3, 3, 3, 3]")
    return "\n".join(lines)


def ratings_data(instrument: SelfAssessment) -> dict[str, Any]:
    """A JSON ratings file to fill in for one step's self-assessment: the step and every section's
    five ratings, each 3 (``valuering assess STEP --template --format json``).

    >>> from valuering import self_assessment
    >>> data = ratings_data(self_assessment(7))
    >>> data["step"], data["sections"]["monitoring-framework"]
    (7, [3, 3, 3, 3, 3])
    """
    return {
        "step": instrument.step.number,
        "sections": {section.id: [3] * len(section.statements) for section in instrument.sections},
    }


def scores_section(pmo: PMO, catalog: Catalog) -> str:
    """The summary's scores: maturity, the largest gaps, services to add, competence gaps, indicators."""
    lines = [heading("Scores for the steering committee", "-"), "Service maturity (appendix X3):"]
    lines += _maturity_lines(
        maturity_by_category(pmo, catalog=catalog), overall_maturity(pmo, catalog=catalog)
    )
    lines += ["", "Largest maturity gaps (gap × recommendation score):"]
    gap_rows = _gap_rows(maturity_gaps(pmo, catalog=catalog))[:3]
    lines.append(
        table(gap_rows, ["offering", "current", "target", "gap", "priority"], right=[3, 4])
        if gap_rows
        else "none"
    )
    lines += ["", "Recommended services not offered yet:"]
    for s in recommend_services(pmo, catalog=catalog).top(3, offered=False):
        reasons = "; ".join(outcome_name(catalog, c.outcome) for c in s.contributions[:2])
        lines.append(f"  {s.score:.3f}  {s.name} (for {reasons or 'no expected outcome'})")
    lines.append("")
    fit = competence_fit(pmo, catalog=catalog)
    missing = ", ".join(f"{m.name.lower()} ({len(m.offerings)})" for m in fit.missing[:4])
    lines.append(
        f"Competences most often below level {fit.required} (offerings): {missing or 'none'}"
    )
    weakest = sorted(
        (f for f in fit.values() if f.fit is not None), key=lambda f: (f.fit, f.offering)
    )[:3]
    lines.append(
        "Weakest team fit: "
        + (", ".join(f"{f.offering} {percent(f.fit)}" for f in weakest) or "none")
    )
    lines.append("")
    attained = indicator_attainment(pmo, catalog=catalog)
    lines.append(
        "Indicator attainment by layer: "
        + ", ".join(f"{layer.value} {percent(attained.layer(layer))}" for layer in IndicatorLayer)
    )
    slas = sla_status(pmo, catalog=catalog)
    if len(slas):
        states = (f"{slas.count(state)} {state.value}" for state in SlaState if slas.count(state))
        lines.append("SLAs: " + ", ".join(states))
    rows = [
        (outcome_name(catalog, v.subject), percent(v.delivered), percent(v.perceived))
        for v in value_gap(pmo, catalog=catalog).values()
    ]
    if rows:
        lines.append("Delivered and perceived value, side by side:")
        lines.append(table(rows, ["subject", "delivered", "perceived"], right=[1, 2]))
    return "\n".join(lines)
