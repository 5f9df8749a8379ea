"""``valuering audit``: what a model's design is missing, dimension by dimension."""

from __future__ import annotations

import argparse

from valuering import report
from valuering.audit import design_audit
from valuering.cli._options import (
    format_option,
    load_model,
    model_arguments,
    print_json,
    top_option,
)

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``audit`` subcommand."""
    audit = subparsers.add_parser(
        "audit", help="design completeness per dimension and every missing item with its path"
    )
    model_arguments(audit)
    top_option(audit, "missing items per dimension")
    format_option(audit)
    audit.set_defaults(handler=_audit)


def _audit(args: argparse.Namespace) -> int:
    pmo, catalog = load_model(args)
    result = design_audit(pmo, catalog=catalog)
    if args.format == "json":
        print_json(report.audit_data(result))
    else:
        print(report.text_audit(result, top=args.top))
    return 0
