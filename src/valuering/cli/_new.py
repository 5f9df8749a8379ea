"""``valuering new``: start a model file from a template of an office type, or from a starter."""

from __future__ import annotations

import argparse
import sys

from valuering import io, templates
from valuering._document._files import write_text
from valuering.cli._options import format_option, print_json
from valuering.model import CoverageScope, ServiceApproach

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``new`` subcommand."""
    new = subparsers.add_parser(
        "new",
        help="write a new model file: a template of an office type, or a minimal commented model",
    )
    new.add_argument(
        "--template", metavar="NAME", choices=templates.NAMES, help="the office type to start from"
    )
    new.add_argument("--list", action="store_true", help="list the templates and exit")
    new.add_argument(
        "--scope",
        choices=[scope.value for scope in CoverageScope],
        help="the mandate's scope of coverage instead of the template's",
    )
    new.add_argument(
        "--approach",
        choices=[approach.value for approach in ServiceApproach],
        help="one service approach for every offering and customer group",
    )
    new.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="the file to write (its suffix picks the format); default: print TOML",
    )
    format_option(new)
    new.set_defaults(handler=_new)


def _new(args: argparse.Namespace) -> int:
    if args.list:
        return _list(args.format)
    fmt = io.format_of(args.output) if args.output else "toml"
    text = templates.model_text(args.template, scope=args.scope, approach=args.approach, format=fmt)
    if args.output is None:
        print(text, end="")
        return 0
    write_text(args.output, text)
    print(f"wrote {args.output} ({fmt.upper()})", file=sys.stderr)
    return 0


def _list(fmt: str) -> int:
    rows = [
        {"template": name, "name": pmo.name, "scope": str(pmo.mandate.scope), "services": services}
        for name in templates.NAMES
        for pmo in [templates.load(name)]
        for services in [[offering.service for offering in pmo.offerings]]
    ]
    if fmt == "json":
        print_json(rows)
        return 0
    width = max(len(name) for name in templates.NAMES)
    for row in rows:
        print(
            f"{row['template']:<{width}}  {row['name']} ({row['scope']}): {len(row['services'])} services"
        )
    return 0
