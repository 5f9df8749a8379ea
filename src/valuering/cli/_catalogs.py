"""``valuering catalog``: one catalog's tables, or ``--list`` the catalogs there are."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from valuering import report
from valuering.catalog import (
    Catalog,
    available_catalogs,
    dumps_catalog,
    get_catalog,
    registered_catalogs,
)
from valuering.cli._options import (
    CATALOG_HINT,
    catalog_files,
    catalog_option,
    format_option,
    print_json,
)
from valuering.errors import Problem, UnknownIdError, ValidationError

__all__ = ["register"]

_FILE_FORMATS = ("json", "toml", "yaml")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``catalog`` subcommand."""
    catalog = subparsers.add_parser(
        "catalog",
        help="show a catalog: services, outcomes, competences, customer groups and their maps",
        description=(
            "Show a catalog as text, as one CSV table, or as a catalog file (json, toml, yaml) "
            "that holds all of it; --list the catalogs there are."
        ),
    )
    catalog.add_argument(
        "name",
        nargs="?",
        metavar="NAME",
        help="a catalog id, built in or from a plugin (default: the --catalog file's catalog, "
        "else pmi-2025); a catalog file here reads as --catalog FILE",
    )
    catalog_option(
        catalog,
        "a catalog file to show; repeat it for catalog files that extend each other, in any order",
    )
    catalog.add_argument(
        "--list",
        action="store_true",
        help="list the catalogs there are, with the distribution of each plugin",
    )
    catalog.add_argument(
        "--table",
        choices=report.CATALOG_TABLES,
        help="the table --format csv prints (default services)",
    )
    format_option(catalog, "text", "csv", *_FILE_FORMATS)
    catalog.set_defaults(handler=_catalog)


def _catalog(args: argparse.Namespace) -> int:
    if args.table and args.format != "csv":
        raise ValidationError([Problem("--table", "only --format csv prints a single table")])
    if args.list:
        return _list(args)
    name, files = args.name, list(args.catalog)
    if name is not None and ("." in name or "/" in name):  # a file: ids have neither
        files.append(name)
    catalogs = catalog_files(files)
    if name is not None and name in files:
        catalog = list(catalogs.values())[-1]
    else:
        catalog = _chosen(name, catalogs)
    if args.format == "text":
        print(report.text_catalog(catalog))
    elif args.format == "csv":
        _write_csv(report.catalog_tables(catalog)[args.table or "services"])
    else:
        sys.stdout.write(dumps_catalog(catalog, args.format))
    return 0


def _chosen(name: str | None, catalogs: dict[str, Catalog]) -> Catalog:
    """The catalog NAME names (among the --catalog files first), or the one --catalog file."""
    if name is None:
        if len(catalogs) > 1:
            listed = ", ".join(map(repr, catalogs))
            problem = f"the --catalog files define {listed}; name the one to show"
            raise ValidationError([Problem("NAME", problem)])
        return next(iter(catalogs.values()), None) or get_catalog("pmi-2025")
    if name in catalogs:
        return catalogs[name]
    try:
        return get_catalog(name)
    except UnknownIdError:
        error = UnknownIdError("catalog", name, [*registered_catalogs(), *catalogs])
        message = f"{error}; {CATALOG_HINT} (valuering catalog --list shows the installed ones)"
        raise ValidationError([Problem("NAME", message)]) from None


def _list(args: argparse.Namespace) -> int:
    sources = available_catalogs()
    if args.format == "json":
        print_json(sources)
    elif args.format == "csv":
        _write_csv(sources.to_records())
    elif args.format == "text":
        print(report.text_catalog_sources(sources))
    else:
        raise ValidationError([Problem("--format", "--list prints text, json or csv")])
    return 0


def _write_csv(records: Sequence[Mapping[str, Any]]) -> None:
    if not records:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
