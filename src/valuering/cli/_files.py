"""``valuering validate``, ``valuering convert`` and ``valuering schema``: working with model files."""

from __future__ import annotations

import argparse
import json
import sys

from valuering import io
from valuering._document._files import read_text
from valuering._document._formats import format_of, parse
from valuering.catalog import Catalog, convert_catalog_file, load_catalog
from valuering.errors import Problem, ValidationError
from valuering.io._schema import json_schema

__all__ = ["file_problems", "register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate``, ``convert`` and ``schema`` subcommands."""
    validate = subparsers.add_parser(
        "validate",
        help="check model (or catalog) files and print every problem as FILE:LINE: path: message",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help=".toml, .json, .yaml or .yml")
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="how to print problems"
    )
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
    schema.set_defaults(handler=_schema)


def file_problems(path: str, catalog: Catalog | None = None) -> list[Problem]:
    """Every problem of a model or catalog file (chosen by its ``schema``); empty when it is sound.

    >>> from valuering import examples
    >>> file_problems(str(examples.path("northwind-energy")))
    []
    """
    try:
        text = read_text(path)
        if _is_catalog(text, format_of(path)):
            load_catalog(path)
        else:
            io.loads(text, format_of(path), catalog=catalog, source=path)
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


def _is_catalog(text: str, fmt: str) -> bool:
    """Whether the text's ``schema`` names a catalog file; anything else is read as a model file."""
    data = parse(text, fmt).data
    schema = data.get("schema") if isinstance(data, dict) else None
    return isinstance(schema, str) and schema.startswith("valuering-catalog/")


def _line(problem: Problem) -> str:
    where = f"{problem.file}:{problem.line}" if problem.line is not None else f"{problem.file}"
    return f"{where}: {problem}"


def _validate(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.catalog) if args.catalog else None
    results = {path: file_problems(path, catalog) for path in args.files}
    if args.format == "json":
        report = [
            {"file": path, "valid": not problems, "problems": [p.to_dict() for p in problems]}
            for path, problems in results.items()
        ]
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for problems in results.values():
            for problem in problems:
                print(_line(problem))
        bad = sum(1 for problems in results.values() if problems)
        total = sum(len(problems) for problems in results.values())
        print(
            f"{len(results)} file(s) checked: {len(results) - bad} valid, "
            f"{total} problem(s) in {bad} file(s)",
            file=sys.stderr,
        )
    return 1 if any(results.values()) else 0


def _convert(args: argparse.Namespace) -> int:
    try:
        text = read_text(args.source)
        fmt = format_of(args.source)
        if _is_catalog(text, fmt):
            convert_catalog_file(args.source, args.target)
        else:
            io.dump(io.loads(text, fmt, source=args.source), args.target)
    except OSError as error:  # no such file or folder, a folder, no permission
        print(f"valuering convert: {error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {args.target} ({format_of(args.target).upper()})", file=sys.stderr)
    return 0


def _schema(_: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2))
    return 0
