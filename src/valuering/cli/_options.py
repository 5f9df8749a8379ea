"""What the subcommands share: the model-file arguments and loading, ``--top``, ``--format``, and
printing JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from valuering.catalog import Catalog, load_catalog
from valuering.io import load
from valuering.model import PMO
from valuering.report import to_json_data
from valuering.validation import catalog_for

__all__ = ["format_option", "load_model", "model_arguments", "print_json", "top_option"]

FILE_HELP = "a model file (.toml, .json, .yaml)"
CATALOG_HELP = "a catalog file the model refers to (its own services and outcomes)"


def model_arguments(parser: argparse.ArgumentParser) -> None:
    """The model file, and ``--catalog`` for a catalog file it needs."""
    parser.add_argument("file", help=FILE_HELP)
    parser.add_argument("--catalog", metavar="CATALOG_FILE", help=CATALOG_HELP)


def load_model(args: argparse.Namespace) -> tuple[PMO, Catalog]:
    """The model in ``args.file``, checked against the catalog in ``args.catalog`` or its own."""
    catalog = load_catalog(args.catalog) if args.catalog else None
    pmo = load(args.file, catalog=catalog)
    return pmo, catalog_for(pmo, catalog=catalog)


def format_option(parser: argparse.ArgumentParser, *choices: str) -> None:
    """``--format text|json`` (or the ``choices`` given), text by default."""
    formats = choices or ("text", "json")
    parser.add_argument(
        "--format",
        choices=formats,
        default=formats[0],
        help=f"output format (default {formats[0]})",
    )


def top_option(parser: argparse.ArgumentParser, what: str, *, minimum: int = 1) -> None:
    """``--top N``: how many ``what`` the text lists (default 10), a whole number of ``minimum`` or
    more."""
    parser.add_argument(
        "--top",
        type=_count(minimum),
        default=10,
        metavar="N",
        help=f"how many {what} to list in text (default 10)",
    )


def _count(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number of ``minimum`` or more."""

    def count(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of {minimum} or more")
        return value

    return count


def print_json(value: Any) -> None:
    """``value`` as one JSON document on standard output (results become plain data first)."""
    print(json.dumps(to_json_data(value), indent=2, ensure_ascii=False, allow_nan=False))
