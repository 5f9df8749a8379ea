"""``valuering report``: the steering-committee report (or the service catalogue) of a model, as
one HTML page, Markdown, text or JSON, printed or written to a file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from valuering import report
from valuering._document._files import write_text
from valuering.cli._options import load_model, model_arguments
from valuering.cli._planning import budget_number
from valuering.planning import roadmap
from valuering.surveys import write_workbook

__all__ = ["register"]

FORMATS = ("html", "md", "text", "json", "xlsx")
SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".txt": "text",
    ".json": "json",
    ".xlsx": "xlsx",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``report`` subcommand."""
    parser = subparsers.add_parser(
        "report",
        help="write a model's report for the steering committee (or its service catalogue)",
        description="A model's report: HTML (one self-contained page with pictures), Markdown, "
        "text or JSON. With --catalogue, the PMO's service catalogue, one page per offering.",
    )
    model_arguments(parser)
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from the -o suffix, else html); xlsx writes the tables, "
        "one sheet each, to -o FILE",
    )
    parser.add_argument(
        "--catalogue",
        action="store_true",
        help="the service catalogue instead of the report (html or md)",
    )
    parser.add_argument(
        "--roadmap",
        type=budget_number,
        metavar="BUDGET",
        help="add the improvement roadmap for this budget (as valuering roadmap --budget gives it)",
    )
    parser.set_defaults(handler=_report)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        chosen: str = args.format
        return chosen
    if args.output:
        return SUFFIXES.get(Path(args.output).suffix.lower(), "html")
    return "html"


def _report(args: argparse.Namespace) -> int:
    form = _format(args)
    document = "catalogue" if args.catalogue else "report"
    if args.catalogue and form not in ("html", "md"):
        print(
            f"valuering report: --catalogue takes --format html or md, not {form}", file=sys.stderr
        )
        return 2
    if form == "xlsx" and not args.output:
        print("valuering report: --format xlsx writes a workbook; give it -o FILE", file=sys.stderr)
        return 2
    pmo, catalog = load_model(args)
    if form == "xlsx":  # one sheet per table (valuering.surveys.write_workbook)
        write_workbook(pmo, args.output, catalog=catalog)
        print(f"Wrote the tables of {pmo.name} (xlsx) to {args.output}.")
        return 0
    plan = None if args.roadmap is None else roadmap(pmo, args.roadmap, catalog=catalog)
    extra = [] if plan is None or args.catalogue else [report.roadmap_section(args.roadmap)]
    if form == "json":
        data = report.to_json_data(report.summary_data(pmo, catalog=catalog))
        if plan is not None:
            data["roadmap"] = report.to_json_data(plan)
        text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    elif form == "html":
        text = report.to_html(pmo, catalog=catalog, document=document, extra_sections=extra)
    elif form == "md":
        text = report.to_markdown(pmo, catalog=catalog, document=document, extra_sections=extra)
    else:
        text = report.summary(pmo, catalog=catalog) + "\n"
        if plan is not None:
            text += "\n" + report.text_roadmap(plan, pmo, catalog=catalog) + "\n"
    if not args.output:
        print(text, end="")
        return 0
    write_text(args.output, text)
    print(f"Wrote the {document} of {pmo.name} ({form}) to {args.output}.")
    return 0
