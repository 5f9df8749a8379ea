"""``valuering demo`` and ``valuering catalog``: a model at a glance, and the reference catalog."""

from __future__ import annotations

import argparse

from valuering import examples, report
from valuering.catalog import load_catalog, pmi_2025
from valuering.cli._options import format_option, print_json

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` and ``catalog`` subcommands."""
    demo = subparsers.add_parser("demo", help="summarise the bundled example PMO")
    demo.add_argument(
        "--example", default=examples.NAMES[0], choices=examples.NAMES, help="which example to show"
    )
    format_option(demo)
    demo.set_defaults(handler=_demo)
    catalog = subparsers.add_parser(
        "catalog", help="list the reference catalog's services and outcomes"
    )
    catalog.add_argument(
        "file", nargs="?", metavar="CATALOG_FILE", help="a catalog file (default: pmi-2025)"
    )
    format_option(catalog)
    catalog.set_defaults(handler=_catalog)


def _demo(args: argparse.Namespace) -> int:
    pmo = examples.load(args.example)
    if args.format == "json":
        print_json(report.summary_data(pmo))
        return 0
    print(report.summary(pmo))
    print()
    print(f"The model file: {examples.path(args.example)}")
    return 0


def _catalog(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.file) if args.file else pmi_2025()
    if args.format == "json":
        print_json(catalog)
    else:
        print(report.text_catalog(catalog))
    return 0
