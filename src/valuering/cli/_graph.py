"""``valuering trace``, ``impact``, ``check`` and ``graph``, and the value picture in the demo."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from valuering._document._files import write_text
from valuering.catalog import Catalog
from valuering.cli._format import bar, heading, percent, table
from valuering.errors import Problem, ValidationError
from valuering.graph import (
    GRAPH_FORMATS,
    Impact,
    ValueAnalysis,
    ValueTrace,
    check,
    export_graph,
)
from valuering.graph._checks import findings
from valuering.io import load
from valuering.model import PMO
from valuering.validation import catalog_for

__all__ = ["demo_section", "register"]

_FILE_HELP = "a model file (.toml, .json, .yaml)"
Result = TypeVar("Result", ValueTrace, Impact)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    trace = subparsers.add_parser(
        "trace", help="what one offering creates, for whom, and who depends on it"
    )
    trace.add_argument("file", help=_FILE_HELP)
    trace.add_argument("offering", help="the offering id")
    _output_options(trace)
    trace.set_defaults(handler=_trace)

    impact = subparsers.add_parser("impact", help="what breaks if one offering fails")
    impact.add_argument("file", help=_FILE_HELP)
    impact.add_argument("offering", help="the offering id")
    _output_options(impact)
    impact.set_defaults(handler=_impact)

    health = subparsers.add_parser(
        "check", help="warnings: offerings without value, unmet demand, weak prerequisites"
    )
    health.add_argument("file", help=_FILE_HELP)
    health.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    health.add_argument(
        "--strict", action="store_true", help="exit with status 1 when there are findings"
    )
    health.set_defaults(handler=_check)

    graph = subparsers.add_parser("graph", help="export the value graph")
    graph.add_argument("file", help=_FILE_HELP)
    graph.add_argument(
        "--format", choices=GRAPH_FORMATS, default="json", help="export format (default json)"
    )
    graph.add_argument("-o", "--output", help="write to this file instead of standard output")
    graph.set_defaults(handler=_graph)


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    parser.add_argument(
        "--top",
        type=_count,
        default=10,
        metavar="N",
        help="how many customers to list in text (default 10)",
    )


def _count(text: str) -> int:
    """A whole number of at least 0, for ``--top``."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of 0 or more, got {text!r}")
    return number


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _load(path: str) -> tuple[PMO, Catalog]:
    pmo = load(path)
    return pmo, catalog_for(pmo)


def _outcome_name(catalog: Catalog, outcome: str) -> str:
    definition = catalog.outcomes.get(outcome)
    return definition.name if definition else outcome


def _offering_title(pmo: PMO, catalog: Catalog, offering_id: str) -> str:
    offering = pmo.offering(offering_id)
    name = offering.name or catalog.services[offering.service].name
    return f"{offering_id} ({name})"


def _listing(ids: tuple[str, ...]) -> str:
    return ", ".join(ids) if ids else "none"


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


# trace -----------------------------------------------------------------------------------------


def _offering_report(
    args: argparse.Namespace,
    ask: Callable[[ValueAnalysis, str], Result],
    as_data: Callable[[Result], dict[str, Any]],
    as_text: Callable[[PMO, Catalog, Result, int], str],
) -> int:
    """Load the file, ask the analysis about one offering, print the answer as JSON or text."""
    pmo, catalog = _load(args.file)
    result = ask(ValueAnalysis(pmo, catalog), args.offering)
    if args.format == "json":
        _print_json(as_data(result))
    else:
        print(as_text(pmo, catalog, result, args.top))
    return 0


def _trace(args: argparse.Namespace) -> int:
    return _offering_report(args, ValueAnalysis.trace, _trace_data, _trace_text)


def _trace_data(trace: ValueTrace) -> dict[str, Any]:
    return {
        "offering": trace.offering,
        "service": trace.service,
        "share": trace.share,
        "outcomes": [
            {"outcome": t.outcome, "demand": t.demand, "strength": t.strength, "share": t.share}
            for t in trace.outcomes
        ],
        "customers": [{"customer": c, "outcome": o, "share": s} for c, o, s in trace.customers],
        "objectives": list(trace.objectives),
        "direct_dependents": list(trace.direct_dependents),
        "dependents": list(trace.dependents),
    }


def _trace_text(pmo: PMO, catalog: Catalog, trace: ValueTrace, top: int) -> str:
    lines = [
        heading(f"Value trace: {_offering_title(pmo, catalog, trace.offering)}"),
        f"Service {trace.service!r}; its attributed share of the customers' demand: "
        f"{percent(trace.share, 1)}.",
        "",
        heading("Outcomes it serves, most demanded first", "-"),
    ]
    rows = [
        (
            _outcome_name(catalog, t.outcome),
            percent(t.demand, 1),
            f"{t.strength:g}",
            percent(t.share, 1),
        )
        for t in trace.outcomes
    ]
    lines.append(table(rows, ["outcome", "demand", "strength", "its share"], right=[1, 2, 3]))
    customers = trace.customers
    lines += [
        "",
        heading(f"Customers who expect them ({_plural(len(customers), 'expectation')})", "-"),
    ]
    if not customers:
        lines.append("No customer expects any of its outcomes.")
    if customers[:top]:
        names = {c.id: c.name for c in pmo.customers}
        shown = [
            (names.get(c, c), _outcome_name(catalog, o), percent(s, 1))
            for c, o, s in customers[:top]
        ]
        lines.append(table(shown, ["customer", "outcome", "share of demand"], right=[2]))
    if len(customers) > top:
        lines.append(f"... and {len(customers) - top} more (--top to show more).")
    lines += [
        "",
        f"Strategic objectives supported: {_listing(trace.objectives)}.",
        f"Offerings that need it directly: {_listing(trace.direct_dependents)}.",
        f"All offerings that need it ({len(trace.dependents)}): {_listing(trace.dependents)}.",
    ]
    return "\n".join(lines)


# impact ----------------------------------------------------------------------------------------


def _impact(args: argparse.Namespace) -> int:
    return _offering_report(args, ValueAnalysis.impact, _impact_data, _impact_text)


def _impact_data(impact: Impact) -> dict[str, Any]:
    return {
        "offering": impact.offering,
        "lost": list(impact.lost),
        "coverage_before": impact.coverage_before,
        "coverage_after": impact.coverage_after,
        "demand_at_risk": impact.demand_at_risk,
        "outcomes": impact.to_records(),
        "customers": list(impact.customers),
    }


def _impact_text(pmo: PMO, catalog: Catalog, impact: Impact, top: int) -> str:
    lost = impact.lost
    lines = [
        heading(f"Impact of losing {_offering_title(pmo, catalog, impact.offering)}"),
        f"Lost with it ({_plural(len(lost), 'offering')}): {_listing(lost)}.",
        f"Coverage of demand: {percent(impact.coverage_before, 1)} -> "
        f"{percent(impact.coverage_after, 1)}; demand at risk: {percent(impact.demand_at_risk, 1)}.",
        "",
    ]
    if not impact.outcomes:
        lines.append("No outcome's coverage drops: other offerings cover the same outcomes.")
        return "\n".join(lines)
    lines.append(heading("Outcomes whose coverage drops, largest loss first", "-"))
    rows = [
        (
            _outcome_name(catalog, loss.outcome),
            percent(loss.demand, 1),
            f"{percent(loss.covered_before)} -> {percent(loss.covered_after)}",
            percent(loss.demand_lost, 1),
        )
        for loss in impact.outcomes
    ]
    lines.append(table(rows, ["outcome", "demand", "covered", "demand lost"], right=[1, 3]))
    customers = impact.customers
    names = {c.id: c.name for c in pmo.customers}
    shown = [names.get(c, c) for c in customers[:top]]
    if len(customers) > top:
        shown.append(f"{'and ' if shown else ''}{len(customers) - top} more (--top to show more)")
    lines += ["", f"Customers affected ({len(customers)}): {', '.join(shown)}."]
    return "\n".join(lines)


# check -----------------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    pmo, catalog = _load(args.file)
    findings = check(pmo, catalog=catalog)
    if args.format == "json":
        _print_json([f.to_dict() for f in findings])
    elif findings:
        print(heading(f"{pmo.name}: {_plural(len(findings), 'finding')}"))
        for finding in findings:
            print(f"  {finding}")
    else:
        print(
            f"{pmo.name}: no findings; every offering serves expected outcomes, every expected "
            "outcome is served and no prerequisite holds an offering down."
        )
    return 1 if findings and args.strict else 0


# graph -----------------------------------------------------------------------------------------


def _graph(args: argparse.Namespace) -> int:
    pmo, catalog = _load(args.file)
    text = export_graph(pmo, args.format, catalog=catalog)
    if args.output:
        _write(args.output, text)
        print(f"Wrote the {args.format} value graph to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _write(path: str, text: str) -> None:
    """Write atomically with the io module's writer, after checking there is a file to write."""
    target = Path(path)
    if target.is_dir():
        problem = f"{path} is a folder; name a file to write"
    elif not target.parent.is_dir():
        problem = f"there is no folder {str(target.parent)!r} to write {target.name!r} in"
    else:
        write_text(target, text)
        return
    raise ValidationError([Problem("--output", problem)])


# demo ------------------------------------------------------------------------------------------


def demo_section(pmo: PMO, catalog: Catalog) -> str:
    """The value picture: coverage, largest attributed shares, the riskiest loss, delivery waves."""
    analysis = ValueAnalysis(pmo, catalog)
    shares = analysis.attribution()
    lines = [
        heading("Value tracing: which offerings carry the demand", "-"),
        f"The offerings cover {percent(analysis.coverage_total, 1)} of the weighted demand.",
        "Largest attributed shares of the demand:",
    ]
    rows = [
        (o, percent(s, 1), bar(s / max(shares.values()) if s else 0.0, 16))
        for o, s in list(shares.items())[:5]
    ]
    lines.append(table(rows, ["offering", "share", ""], right=[1]))
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
    health = findings(analysis)
    if health:
        lines += ["", "Health checks:"] + [f"  {f}" for f in health]
    return "\n".join(lines)
