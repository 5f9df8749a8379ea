"""``valuering validate``, ``valuering convert`` and ``valuering schema``: working with model files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from valuering import io, report
from valuering.catalog import Catalog, convert_catalog_file, load_catalog
from valuering.cli._options import format_option, print_json
from valuering.errors import Problem, ValidationError

__all__ = ["file_problems", "register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate``, ``convert`` and ``schema`` subcommands."""
    validate = subparsers.add_parser(
        "validate",
        help="check model (or catalog) files and print every problem as FILE:LINE: path: message",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help=".toml, .json, .yaml or .yml")
    format_option(validate)
    validate.add_argument("--catalog", metavar="FILE", help="a catalog file the models refer to")
    validate.set_defaults(handler=_validate)
    convert = subparsers.add_parser(
        "convert", help="convert a model (or catalog) file to another format"
    )
    convert.add_argument("source", metavar="IN", help="the model or catalog file to read")
    convert.add_argument(
        "target", metavar="OUT", help="the file to write; its suffix picks the format"
    )
    convert.set_defaults(handler=_convert)
    schema = subparsers.add_parser("schema", help="print the JSON Schema of model files")
    format_option(schema, "json")
    schema.set_defaults(handler=_schema)


def file_problems(path: str, catalog: Catalog | None = None) -> list[Problem]:
    """Every problem of a model or catalog file (chosen by its ``schema``); empty when it is sound.

    >>> from valuering import examples
    >>> file_problems(str(examples.path("northwind-energy")))
    []
    """
    try:
        _check_file(path, catalog)
    except ValidationError as error:
        return [
            p if p.file else Problem(p.path, p.message, line=p.line, file=path)
            for p in error.problems
        ]
    except FileNotFoundError:
        return [Problem("", "no such file", file=path)]
    except IsADirectoryError:
        return [Problem("", "is a folder, not a file", file=path)]
    return []


def _check_file(path: str, catalog: Catalog | None) -> None:
    """Read ``path`` as a model file, or as a catalog file when its schema is not a model's."""
    try:
        io.load(path, catalog=catalog)
    except ValidationError as error:
        if not _wrong_schema(error):
            raise
        _as_catalog(error, lambda: load_catalog(path))


def _wrong_schema(error: ValidationError) -> bool:
    """Whether the file was refused for its ``schema`` (so it may be the other kind of file)."""
    return any(p.path == "schema" for p in error.problems)


def _as_catalog(model_error: ValidationError, read: Callable[[], object]) -> None:
    """Read the file as a catalog file; when it is no catalog file either, the model's error stands."""
    try:
        read()
    except ValidationError as error:
        if _wrong_schema(error):
            raise model_error from None
        raise


def _validate(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.catalog) if args.catalog else None
    results = {path: file_problems(path, catalog) for path in args.files}
    if args.format == "json":
        print_json(report.problems_data(results))
    else:
        text = report.text_problems(results)
        if text:
            print(text)
        print(report.text_tally(results), file=sys.stderr)
    return 1 if any(results.values()) else 0


def _convert(args: argparse.Namespace) -> int:
    try:
        try:
            pmo = io.load(args.source)
        except ValidationError as error:
            if not _wrong_schema(error):
                raise
            _as_catalog(error, lambda: convert_catalog_file(args.source, args.target))
        else:
            io.dump(pmo, args.target)
    except OSError as error:  # no such file or folder, a folder, no permission
        print(f"valuering convert: {error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {args.target} ({io.format_of(args.target).upper()})", file=sys.stderr)
    return 0


def _schema(_: argparse.Namespace) -> int:
    print_json(io.json_schema())
    return 0
