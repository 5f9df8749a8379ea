"""The ``valuering`` command: ``valuering demo``, ``valuering catalog`` and one subcommand per capability.

Each capability's module here contributes subcommands through ``register(subparsers)``; a subcommand's
handler takes the parsed arguments, calls the analysis layers and prints what :mod:`valuering.report`
makes of the results (text, or JSON with ``--format json``), and returns the exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from valuering.cli import (
    _audit,
    _catalogs,
    _diagnosis,
    _files,
    _foundation,
    _graph,
    _history,
    _kpis,
    _new,
    _planning,
    _report,
    _scoring,
    _surveys,
)
from valuering.errors import ValueRingError

__all__ = ["build_parser", "main"]

# Modules that add subcommands, in the order they appear in --help.
_MODULES = (
    _foundation,
    _catalogs,
    _scoring,
    _graph,
    _planning,
    _history,
    _report,
    _files,
    _surveys,
    _new,
    _diagnosis,
    _audit,
    _kpis,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="valuering",
        description="Model a PMO as a service provider with the PMO Value Ring.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 success, 1 problems found, 2 usage error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from importlib.metadata import version

        print(version("valuering"))
        return 0
    if args.command is None:
        parser.print_help()
        return 2
    try:
        code: int = args.handler(args)
        sys.stdout.flush()  # inside the try, so a closed pipe is handled here and not at exit
    except ValueRingError as error:
        print(f"valuering {args.command}: {error}", file=sys.stderr)
        return 1
    except FileNotFoundError as error:
        print(f"valuering {args.command}: no such file: {error.filename}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`valuering catalog | head`); silence the flush at exit, as Python's
        # signal documentation recommends.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as error:  # a folder, a file without permission, a full disk...
        print(f"valuering {args.command}: {error.strerror}: {error.filename}", file=sys.stderr)
        return 1
    return code
