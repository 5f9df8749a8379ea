"""``valuering demo``: a model at a glance."""

from __future__ import annotations

import argparse

from valuering import examples, report
from valuering.cli._options import (
    FILE_HELP,
    catalog_option,
    format_option,
    load_model,
    print_json,
)

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` subcommand."""
    demo = subparsers.add_parser("demo", help="summarise a model (by default the bundled example)")
    demo.add_argument("file", nargs="?", metavar="MODEL", help=f"{FILE_HELP}; default: an example")
    catalog_option(demo)
    demo.add_argument(
        "--example", default=examples.NAMES[0], choices=examples.NAMES, help="which example to show"
    )
    format_option(demo)
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    if args.file:
        pmo, catalog = load_model(args)
    else:
        pmo, catalog = examples.load(args.example), None
    if args.format == "json":
        print_json(report.summary_data(pmo, catalog=catalog))
        return 0
    print(report.summary(pmo, catalog=catalog))
    print()
    print(f"The model file: {args.file or examples.path(args.example)}")
    return 0
