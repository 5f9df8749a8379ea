"""``valuering diff OLD NEW``: what changed between two versions of a model, and its figures."""

from __future__ import annotations

import argparse

from valuering import report
from valuering.catalog import Catalog
from valuering.cli._options import (
    FILE_HELP,
    catalog_files,
    catalog_for_file,
    catalog_option,
    format_option,
    print_json,
)
from valuering.history import compare, diff
from valuering.io import load
from valuering.model import PMO

__all__ = ["register"]


def _load(path: str, catalogs: dict[str, Catalog]) -> PMO:
    return load(path, catalog=catalog_for_file(path, catalogs))


def _diff(args: argparse.Namespace) -> int:
    catalogs = catalog_files(args.catalog)
    old, new = _load(args.old, catalogs), _load(args.new, catalogs)
    changes, figures = diff(old, new), compare(old, new)
    if args.format == "json":
        print_json(report.diff_data(changes, figures))
    else:
        print(report.text_diff(changes, figures))
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="what changed between two versions of a model, and its figures before and after",
        description=(
            "List the customers, expectations, offerings, dependencies, team members, indicators "
            "and assessments added, removed and changed (field by field, matched by id) between "
            "OLD and NEW, then every headline figure that moved."
        ),
    )
    parser.add_argument("old", metavar="OLD", help=f"the earlier version: {FILE_HELP}")
    parser.add_argument("new", metavar="NEW", help=f"the later version: {FILE_HELP}")
    catalog_option(parser)
    format_option(parser)
    parser.set_defaults(handler=_diff)
