"""``valuering demo``: a model at a glance."""

from __future__ import annotations

import argparse

from valuering import examples, report
from valuering.cli._options import format_option, print_json

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` subcommand."""
    demo = subparsers.add_parser("demo", help="summarise the bundled example PMO")
    demo.add_argument(
        "--example", default=examples.NAMES[0], choices=examples.NAMES, help="which example to show"
    )
    format_option(demo)
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    pmo = examples.load(args.example)
    if args.format == "json":
        print_json(report.summary_data(pmo))
        return 0
    print(report.summary(pmo))
    print()
    print(f"The model file: {examples.path(args.example)}")
    return 0
