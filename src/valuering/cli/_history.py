"""``valuering diff OLD NEW`` (what changed between two versions of a model, and its figures) and
``valuering history add|list|show|trend|benchmark`` (a store of snapshots over time)."""

from __future__ import annotations

import argparse
import datetime

from valuering import plot, report
from valuering._document._files import write_text
from valuering.catalog import Catalog
from valuering.cli._options import (
    FILE_HELP,
    catalog_files,
    catalog_for_file,
    catalog_option,
    format_option,
    print_json,
)
from valuering.history import DEFAULT_FILE, Store, compare, diff
from valuering.io import dumps, load
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
    _register_history(subparsers)


STORE_HELP = (
    "the history store: an SQLite file (made when missing) or an SQLAlchemy URL such as "
    f"postgresql+psycopg://user@host/db (default {DEFAULT_FILE})"
)


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _store(args: argparse.Namespace) -> Store:
    return Store(args.store)


def _history_add(args: argparse.Namespace) -> int:
    catalogs = catalog_files(args.catalog)
    models = [_load(path, catalogs) for path in args.files]
    with _store(args) as store:
        known = {s.hash for s in store.snapshots()} if store.pmos() else set()
        added = store.add_all(models)
    if args.format == "json":
        print_json(
            [
                {**row, "new": s.hash not in known}
                for row, s in zip(added.to_records(), added, strict=True)
            ]
        )
    else:
        for path, snapshot in zip(args.files, added, strict=True):
            state = "already stored as" if snapshot.hash in known else "added as"
            print(
                f"{path}: {state} snapshot {snapshot.id} of {snapshot.pmo} ({snapshot.as_of or 'undated'})"
            )
    return 0


def _history_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        snapshots = store.snapshots(args.pmo)
    if args.format == "json":
        print_json(snapshots)
    else:
        print(report.text_snapshots(snapshots))
    return 0


def _history_show(args: argparse.Namespace) -> int:
    catalogs = catalog_files(args.catalog)
    with _store(args) as store:
        pmo = store.get(args.pmo, args.as_of, catalog=_only(catalogs))
    if args.format == "json":
        print(dumps(pmo, "json"), end="")
    else:
        print(report.summary(pmo))
    return 0


def _only(catalogs: dict[str, Catalog]) -> Catalog | None:
    """The catalog of the --catalog files a stored model is read with: the last one, which extends
    the others when they form a chain (built-in catalogs need none)."""
    return list(catalogs.values())[-1] if catalogs else None


def _history_trend(args: argparse.Namespace) -> int:
    with _store(args) as store:
        trend = store.trend(args.pmo, args.figure)
    if args.plot:
        picture = plot.svg(plot.plot_trend(trend), title=f"{trend.pmo} {trend.figure}", key="trend")
        write_text(args.plot, picture + "\n")
    if args.format == "json":
        print_json(trend)
    else:
        print(report.text_trend(trend))
    return 0


def _history_benchmark(args: argparse.Namespace) -> int:
    catalogs = catalog_files(args.catalog)
    pmo = _load(args.file, catalogs)
    with _store(args) as store:
        result = store.percentile(pmo, args.figure, industry=args.industry, scope=args.scope)
    if args.format == "json":
        print_json({**result.to_records()[0], "pmo": result.pmo})
    else:
        print(report.text_benchmark(result))
    return 0


def _register_history(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    history = subparsers.add_parser(
        "history",
        help="keep snapshots of PMO models over time: add, list, show, trend, benchmark",
        description="A history store of model snapshots (needs the history extra: "
        "pip install 'valuering[history]').",
    )
    commands = history.add_subparsers(dest="history_command", metavar="ACTION", required=True)

    def action(name: str, help: str) -> argparse.ArgumentParser:
        parser = commands.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".")
        parser.add_argument("--store", default=DEFAULT_FILE, metavar="URL", help=STORE_HELP)
        format_option(parser)
        return parser

    add = action("add", "store model files as snapshots (each content once)")
    add.add_argument("files", nargs="+", metavar="MODEL", help=FILE_HELP)
    catalog_option(add)
    add.set_defaults(handler=_history_add)

    listing = action("list", "list the snapshots, of one PMO or of all")
    listing.add_argument("pmo", nargs="?", metavar="PMO", help="a PMO id (default: every PMO)")
    listing.set_defaults(handler=_history_list)

    show = action("show", "show a PMO as its latest snapshot (on or before --as-of)")
    show.add_argument("pmo", metavar="PMO", help="a PMO id")
    show.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="the latest snapshot on or before DATE (YYYY-MM-DD)",
    )
    catalog_option(show)
    show.set_defaults(handler=_history_show)

    trend = action("trend", "one figure of one PMO over its snapshots")
    trend.add_argument("pmo", metavar="PMO", help="a PMO id")
    trend.add_argument(
        "figure",
        metavar="FIGURE",
        help="a figure name, e.g. coverage, maturity.tactical, attribution.OFFERING",
    )
    trend.add_argument(
        "--plot",
        metavar="FILE",
        help="also draw the trend as an SVG picture in FILE (the plot extra)",
    )
    trend.set_defaults(handler=_history_trend)

    benchmark = action(
        "benchmark", "where a model's figure stands among the other PMOs in the store"
    )
    benchmark.add_argument("file", metavar="MODEL", help=FILE_HELP)
    benchmark.add_argument(
        "figure", metavar="FIGURE", help="a figure name, e.g. coverage, maturity.tactical"
    )
    benchmark.add_argument(
        "--industry", metavar="SECTOR", help="compare only with PMOs of this industry sector"
    )
    benchmark.add_argument(
        "--scope", metavar="SCOPE", help="compare only with PMOs of this mandate scope"
    )
    catalog_option(benchmark)
    benchmark.set_defaults(handler=_history_benchmark)
