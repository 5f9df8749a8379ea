"""``valuering trace``, ``impact``, ``check`` and ``graph``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from valuering import report
from valuering._document._files import write_text
from valuering.cli._options import (
    format_option,
    load_model,
    model_arguments,
    print_json,
    top_option,
)
from valuering.errors import Problem, ValidationError
from valuering.graph import GRAPH_FORMATS, ValueAnalysis, check, export_graph

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``trace``, ``impact``, ``check`` and ``graph`` subcommands."""
    trace = subparsers.add_parser(
        "trace", help="what one offering creates, for whom, and who depends on it"
    )
    _offering_arguments(trace)
    trace.set_defaults(handler=_trace)

    impact = subparsers.add_parser("impact", help="what breaks if one offering fails")
    _offering_arguments(impact)
    impact.set_defaults(handler=_impact)

    health = subparsers.add_parser(
        "check", help="warnings: offerings without value, unmet demand, weak prerequisites"
    )
    model_arguments(health)
    format_option(health)
    health.add_argument(
        "--strict", action="store_true", help="exit with status 1 when there are findings"
    )
    health.set_defaults(handler=_check)

    graph = subparsers.add_parser("graph", help="export the value graph")
    model_arguments(graph)
    format_option(graph, *GRAPH_FORMATS)
    graph.add_argument("-o", "--output", help="write to this file instead of standard output")
    graph.set_defaults(handler=_graph)


def _offering_arguments(parser: argparse.ArgumentParser) -> None:
    model_arguments(parser)
    parser.add_argument("offering", help="the offering id")
    format_option(parser)
    top_option(parser, "customers", minimum=0)


def _trace(args: argparse.Namespace) -> int:
    pmo, catalog = load_model(args)
    trace = ValueAnalysis.of(pmo, catalog=catalog).trace(args.offering)
    if args.format == "json":
        print_json(trace)
    else:
        print(report.text_trace(trace, pmo, catalog=catalog, top=args.top))
    return 0


def _impact(args: argparse.Namespace) -> int:
    pmo, catalog = load_model(args)
    impact = ValueAnalysis.of(pmo, catalog=catalog).impact(args.offering)
    if args.format == "json":
        print_json(impact)
    else:
        print(report.text_impact(impact, pmo, catalog=catalog, top=args.top))
    return 0


def _check(args: argparse.Namespace) -> int:
    pmo, catalog = load_model(args)
    findings = check(pmo, catalog=catalog)
    if args.format == "json":
        print_json(findings)
    else:
        print(report.text_findings(findings, pmo))
    return 1 if findings and args.strict else 0


def _graph(args: argparse.Namespace) -> int:
    pmo, catalog = load_model(args)
    text = export_graph(pmo, args.format, catalog=catalog)
    if args.output:
        _write(args.output, text)
        print(f"Wrote the {args.format} value graph to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _write(path: str, text: str) -> None:
    """Write atomically, after checking there is a file to write."""
    target = Path(path)
    if target.is_dir():
        problem = f"{path} is a folder; name a file to write"
    elif not target.parent.is_dir():
        problem = f"there is no folder {str(target.parent)!r} to write {target.name!r} in"
    else:
        write_text(target, text)
        return
    raise ValidationError([Problem("--output", problem)])
