"""``valuering score``, ``valuering recommend`` and ``valuering assess``, and the scoring part of the demo."""

from __future__ import annotations

import argparse

from valuering.catalog import Catalog
from valuering.cli._format import bar, heading, percent, table
from valuering.demand import coverage
from valuering.errors import Problem, ValidationError
from valuering.io import load
from valuering.model import PMO, IndicatorLayer
from valuering.scoring import (
    SelfAssessment,
    SlaState,
    competence_fit,
    horizon_balance,
    indicator_attainment,
    maturity_by_category,
    maturity_gaps,
    overall_maturity,
    read_ratings,
    recommend_services,
    score_self_assessment,
    self_assessment,
    sla_status,
    smallest_mix,
    value_gap,
)
from valuering.validation import catalog_for

__all__ = ["demo_section", "register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    score = subparsers.add_parser(
        "score", help="service maturity by category, overall, and gaps to target"
    )
    score.add_argument("file", help="a model file (.toml, .json, .yaml)")
    score.add_argument(
        "--top", type=_positive_int, default=10, help="how many gaps to list (default 10)"
    )
    score.set_defaults(handler=_score)

    recommend = subparsers.add_parser(
        "recommend",
        help="catalog services ranked by the customers' demand, coverage and the smallest mix",
    )
    recommend.add_argument("file", help="a model file (.toml, .json, .yaml)")
    recommend.add_argument(
        "--top", type=_positive_int, default=10, help="how many services to list (default 10)"
    )
    recommend.add_argument(
        "--target",
        type=float,
        default=0.8,
        help="coverage the smallest mix must reach (default 0.8)",
    )
    recommend.set_defaults(handler=_recommend)

    assess = subparsers.add_parser("assess", help="score a flywheel step self-assessment")
    assess.add_argument("step", type=int, help="the flywheel step, 1-10")
    assess.add_argument("ratings", nargs="?", help="a ratings file (.toml or .json)")
    assess.add_argument(
        "--template",
        action="store_true",
        help="print a ratings file to fill in, with the statements",
    )
    assess.set_defaults(handler=_assess)


def _positive_int(text: str) -> int:
    """An argparse type: a whole number of 1 or more (``--top 0`` would list nothing and say so wrongly)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return value


def _load(path: str) -> tuple[PMO, Catalog]:
    pmo = load(path)
    return pmo, catalog_for(pmo)


# score -----------------------------------------------------------------------------------------


def _maturity_lines(pmo: PMO, catalog: Catalog) -> list[str]:
    by_category = maturity_by_category(pmo, catalog)
    rows = [
        (
            c.category.value,
            c.offerings,
            "–" if c.percent is None else f"{c.percent:.0f} %",
            bar((c.percent or 0) / 100),
        )
        for c in by_category
    ]
    overall = overall_maturity(pmo, catalog)
    shown = "–" if overall.percent is None else f"{overall.percent:.0f} %"
    return [
        table(rows, ["category", "offerings", "maturity", ""], right=[1, 2]),
        f"Overall (all {overall.offerings} offerings, our extension of X3): {shown}",
    ]


def _gap_rows(pmo: PMO, catalog: Catalog) -> list[tuple[object, ...]]:
    """One row per offering below its target, highest priority first."""
    return [
        (
            g.offering,
            f"{g.maturity} {g.level_name}",
            f"{g.target} {g.target_level_name}",
            g.gap,
            f"{g.priority:.3f}",
        )
        for g in maturity_gaps(pmo, catalog).open()
    ]


def _score(args: argparse.Namespace) -> int:
    pmo, catalog = _load(args.file)
    print(heading(f"{pmo.name}: service maturity (Practice Guide appendix X3)"))
    print("\n".join(_maturity_lines(pmo, catalog)))
    print()
    print(heading("Gaps to target, by priority = gap × recommendation score", "-"))
    rows = _gap_rows(pmo, catalog)
    if rows:
        print(
            table(
                rows[: args.top],
                ["offering", "current level", "target level", "gap", "priority"],
                right=[3, 4],
            )
        )
        if len(rows) > args.top:
            print(
                f"... and {len(rows) - args.top} more below target (--top {len(rows)} lists all)."
            )
    else:
        print("Every offering is at or above its target.")
    return 0


# recommend -------------------------------------------------------------------------------------


def _recommend(args: argparse.Namespace) -> int:
    pmo, catalog = _load(args.file)
    ranked = recommend_services(pmo, catalog)
    mix = smallest_mix(
        pmo, args.target, catalog=catalog
    )  # first: a bad --target stops before output
    print(heading(f"{pmo.name}: services ranked by the customers' expected outcomes"))
    rows = []
    for s in ranked.top(args.top):
        reasons = ", ".join(
            f"{catalog.outcomes[c.outcome].name} {c.amount:.2f}" for c in s.contributions[:2]
        )
        rows.append((s.rank, s.name, f"{s.score:.3f}", "yes" if s.offered else "", reasons))
    print(
        table(
            rows,
            ["#", "service", "score", "offered", "top outcomes (demand × strength)"],
            right=[0, 2],
        )
    )
    print()
    current = coverage(pmo, catalog=catalog)
    weighted = coverage(pmo, catalog=catalog, maturity_weighted=True)
    print(
        f"The {len(pmo.offerings)} current offerings cover {percent(current.total)} of the demand "
        f"({percent(weighted.total)} weighted by maturity)."
    )
    balance = horizon_balance(pmo, catalog=catalog)
    print(
        "Covered demand by horizon: "
        + ", ".join(f"{h.horizon.value} {percent(h.share)}" for h in balance)
    )
    for warning in balance.warnings:
        print(f"  warning: {warning}")
    print()
    print(heading(f"Smallest mix reaching {percent(args.target)} coverage (greedy)", "-"))
    mix_rows = [(m.step, m.name, f"+{percent(m.gain, 1)}", percent(m.coverage, 1)) for m in mix]
    if mix_rows:
        print(table(mix_rows, ["step", "service", "gain", "coverage"], right=[0, 2, 3]))
    if not mix.reached:
        print(f"The target is not reachable: the whole catalog covers {percent(mix.coverage, 1)}.")
    return 0


# assess ----------------------------------------------------------------------------------------


def _assess(args: argparse.Namespace) -> int:
    instrument = self_assessment(args.step)
    if args.template:
        print(_template(instrument))
        return 0
    if args.ratings is None:
        raise ValidationError(
            [Problem("ratings", "give a ratings file, or --template to print one")]
        )
    step, ratings = read_ratings(args.ratings)
    if step is not instrument.step:
        raise ValidationError(
            [
                Problem(
                    "step",
                    f"the ratings file is for step {step.number}, not step {args.step}",
                    file=args.ratings,
                )
            ]
        )
    result = score_self_assessment(step, ratings)
    print(heading(f"Step {step.number} self-assessment: {step.label}"))
    rows = [(s.title, s.total, s.maximum, bar(s.total / s.maximum, 10)) for s in result]
    print(table(rows, ["section", "total", "of", ""], right=[1, 2]))
    print()
    band = next(b for b in instrument.bands if b.band is result.band)
    print(
        f"Total {result.total} of {result.maximum}: {result.band.label} ({band.low}-{band.high})."
    )
    return 0


def _template(instrument: SelfAssessment) -> str:
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


# demo ------------------------------------------------------------------------------------------


def demo_section(pmo: PMO, catalog: Catalog) -> str:
    """Maturity, gaps, recommendations, competence gaps and indicators of ``pmo``, as text."""
    lines = [heading("Scores for the steering committee", "-"), "Service maturity (appendix X3):"]
    lines.extend(_maturity_lines(pmo, catalog))
    lines.append("")
    lines.append("Largest maturity gaps (gap × recommendation score):")
    gap_rows = _gap_rows(pmo, catalog)[:3]
    lines.append(
        table(gap_rows, ["offering", "current", "target", "gap", "priority"], right=[3, 4])
        if gap_rows
        else "none"
    )
    lines.append("")
    lines.append("Recommended services not offered yet:")
    for s in recommend_services(pmo, catalog).top(3, offered=False):
        reasons = "; ".join(catalog.outcomes[c.outcome].name for c in s.contributions[:2])
        lines.append(f"  {s.score:.3f}  {s.name} (for {reasons or 'no expected outcome'})")
    lines.append("")
    fit = competence_fit(pmo, catalog)
    missing = ", ".join(f"{m.name.lower()} ({len(m.offerings)})" for m in fit.missing[:4])
    lines.append(
        f"Competences most often below level {fit.required} (offerings): {missing or 'none'}"
    )
    weakest = sorted((f for f in fit if f.fit is not None), key=lambda f: (f.fit, f.offering))[:3]
    lines.append(
        "Weakest team fit: " + ", ".join(f"{f.offering} {percent(f.fit)}" for f in weakest)
    )
    lines.append("")
    attained = indicator_attainment(pmo)
    lines.append(
        "Indicator attainment by layer: "
        + ", ".join(f"{layer.value} {percent(attained.layer(layer))}" for layer in IndicatorLayer)
    )
    slas = sla_status(pmo)
    if len(slas):
        states = (f"{slas.count(state)} {state.value}" for state in SlaState if slas.count(state))
        lines.append("SLAs: " + ", ".join(states))
    rows = [
        (
            catalog.outcomes[v.subject].name if v.subject in catalog.outcomes else v.subject,
            percent(v.delivered),
            percent(v.perceived),
        )
        for v in value_gap(pmo)
    ]
    if rows:
        lines.append("Delivered and perceived value, side by side:")
        lines.append(table(rows, ["subject", "delivered", "perceived"], right=[1, 2]))
    return "\n".join(lines)
