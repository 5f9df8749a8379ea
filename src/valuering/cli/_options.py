"""What the subcommands share: the model-file arguments and loading, ``--top``, ``--format``, and
printing JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from valuering.catalog import Catalog, get_catalog, load_catalogs, registered_catalogs
from valuering.errors import Problem, UnknownIdError, ValidationError
from valuering.io import catalog_named, load
from valuering.model import PMO
from valuering.report import to_json_data
from valuering.validation import catalog_for

__all__ = [
    "CATALOG_HINT",
    "catalog_files",
    "catalog_for_file",
    "catalog_option",
    "format_option",
    "load_model",
    "model_arguments",
    "print_json",
    "top_option",
]

FILE_HELP = "a model file (.toml, .json, .yaml)"
CATALOG_HELP = (
    "a catalog file the model needs (its own services and outcomes); repeat it for catalog files "
    "that extend each other, in any order"
)
# What a shell message advises for a catalog id nothing provides.
CATALOG_HINT = "pass its file with --catalog FILE"


def catalog_option(parser: argparse.ArgumentParser, help: str = CATALOG_HELP) -> None:
    """``--catalog FILE``, repeatable: catalog files that models (or other catalog files) name."""
    parser.add_argument("--catalog", action="append", default=[], metavar="FILE", help=help)


def model_arguments(parser: argparse.ArgumentParser) -> None:
    """The model file, and ``--catalog`` for the catalog files it needs."""
    parser.add_argument("file", help=FILE_HELP)
    catalog_option(parser)


def catalog_files(paths: list[str]) -> dict[str, Catalog]:
    """The catalogs of the ``--catalog`` files, by name, each file's ``extends`` resolved among
    the others first."""
    return load_catalogs(paths, hint=CATALOG_HINT) if paths else {}


def catalog_for_file(path: str, catalogs: dict[str, Catalog]) -> Catalog | None:
    """The catalog to load the model file ``path`` with: the one its ``catalog`` names among the
    ``--catalog`` files; None when the registry (built-in, registered, plugins) provides it or the
    file cannot say (loading reports why). A name nothing provides is an error naming the flag."""
    name = catalog_named(path)
    if name is None:
        return None
    if name in catalogs:
        return catalogs[name]
    try:
        get_catalog(name)
    except UnknownIdError:
        error = UnknownIdError("catalog", name, [*registered_catalogs(), *catalogs])
        defined = ""
        if catalogs:
            defined = f" (the --catalog files define {', '.join(map(repr, catalogs))})"
        problem = Problem("catalog", f"{error}; {CATALOG_HINT}{defined}", file=path)
        raise ValidationError([problem], title=path) from None
    return None


def load_model(args: argparse.Namespace) -> tuple[PMO, Catalog]:
    """The model in ``args.file`` and its catalog: the one it names, from the ``--catalog`` files
    or else the registry."""
    catalog = catalog_for_file(args.file, catalog_files(args.catalog))
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
