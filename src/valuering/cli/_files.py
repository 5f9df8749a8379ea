"""``valuering validate``, ``valuering convert`` and ``valuering schema``: working with model files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from valuering import io, report
from valuering.catalog import Catalog, convert_catalog_file, load_catalogs
from valuering.cli._options import (
    CATALOG_HINT,
    catalog_files,
    catalog_for_file,
    catalog_option,
    format_option,
    print_json,
)
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
    catalog_option(
        validate,
        "a catalog file the models (or catalog files) name; repeat it for catalog files that "
        "extend each other, in any order",
    )
    validate.set_defaults(handler=_validate)
    convert = subparsers.add_parser(
        "convert", help="convert a model (or catalog) file to another format"
    )
    convert.add_argument("source", metavar="IN", help="the model or catalog file to read")
    convert.add_argument(
        "target", metavar="OUT", help="the file to write; its suffix picks the format"
    )
    catalog_option(convert)
    convert.set_defaults(handler=_convert)
    schema = subparsers.add_parser(
        "schema", help="print the JSON Schema of model files (or of catalog files)"
    )
    format_option(schema, "json")
    schema.add_argument(
        "--catalog", action="store_true", help="the schema of catalog files instead"
    )
    schema.set_defaults(handler=_schema)


def file_problems(path: str, catalogs: dict[str, Catalog] | None = None) -> list[Problem]:
    """Every problem of a model or catalog file (chosen by its ``schema``); empty when it is sound.
    ``catalogs`` are those of the ``--catalog`` files, by name: the catalog a model names and the
    one a catalog file extends are looked for there first.

    >>> from valuering import examples
    >>> file_problems(str(examples.path("northwind-energy")))
    []
    """
    try:
        _check_file(path, catalogs or {})
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


def _check_file(path: str, catalogs: dict[str, Catalog]) -> None:
    """Read ``path`` as a model file, or as a catalog file when its schema is not a model's."""
    try:
        io.load(path, catalog=catalog_for_file(path, catalogs))
    except ValidationError as error:
        if not _wrong_schema(error):
            raise
        _as_catalog(error, lambda: _load_catalog(path, catalogs))


def _load_catalog(path: str, catalogs: dict[str, Catalog]) -> Catalog:
    """The catalog file at ``path``, its ``extends`` looked for among the ``--catalog`` files."""
    loaded = load_catalogs([path], catalogs=catalogs.values(), hint=CATALOG_HINT)
    return next(iter(loaded.values()))


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
    try:
        catalogs = catalog_files(args.catalog)
    except ValidationError as error:  # the --catalog files are checked files too
        results = _by_file(error.problems)
    else:
        results = {path: file_problems(path, catalogs) for path in args.files}
    if args.format == "json":
        print_json(report.problems_data(results))
    else:
        text = report.text_problems(results)
        if text:
            print(text)
        print(report.text_tally(results), file=sys.stderr)
    return 1 if any(results.values()) else 0


def _by_file(problems: tuple[Problem, ...]) -> dict[str, list[Problem]]:
    found: dict[str, list[Problem]] = {}
    for problem in problems:
        found.setdefault(problem.file or "--catalog", []).append(problem)
    return found


def _convert(args: argparse.Namespace) -> int:
    catalogs = catalog_files(args.catalog)
    try:
        try:
            pmo = io.load(args.source, catalog=catalog_for_file(args.source, catalogs))
        except ValidationError as error:
            if not _wrong_schema(error):
                raise
            _as_catalog(error, lambda: _convert_catalog(args.source, args.target, catalogs))
        else:
            io.dump(pmo, args.target)
    except OSError as error:  # no such file or folder, a folder, no permission
        print(f"valuering convert: {error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {args.target} ({io.format_of(args.target).upper()})", file=sys.stderr)
    return 0


def _convert_catalog(source: str, target: str, catalogs: dict[str, Catalog]) -> None:
    _load_catalog(source, catalogs)  # every problem, with the advice the shell needs
    convert_catalog_file(source, target, catalogs=catalogs.values())


def _schema(args: argparse.Namespace) -> int:
    print_json(io.catalog_json_schema() if args.catalog else io.json_schema())
    return 0
