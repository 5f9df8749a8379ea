"""``valuering diagnose``: the likely scenario from the answers a model keeps, or the blank
questionnaire."""

from __future__ import annotations

import argparse

from valuering import report
from valuering.cli._options import CATALOG_HELP, FILE_HELP, format_option, load_model, print_json
from valuering.diagnosis import diagnose_model

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``diagnose`` subcommand."""
    diagnose = subparsers.add_parser(
        "diagnose",
        help="which of the eight scenarios a PMO is likely in, from the answers in its model file",
    )
    diagnose.add_argument(
        "file",
        nargs="?",
        metavar="MODEL",
        help=f"{FILE_HELP} with answers under [extra.diagnosis]",
    )
    diagnose.add_argument(
        "--catalog", action="append", default=[], metavar="FILE", help=CATALOG_HELP
    )
    diagnose.add_argument(
        "--template",
        action="store_true",
        help="print the questionnaire as a commented [extra.diagnosis] table to fill in",
    )
    format_option(diagnose)
    diagnose.set_defaults(handler=_diagnose, parser=diagnose)


def _diagnose(args: argparse.Namespace) -> int:
    if args.template:
        print(report.questionnaire_template(), end="")
        return 0
    if args.file is None:
        args.parser.error("give a MODEL file, or --template for the blank questionnaire")
    pmo, catalog = load_model(args)
    result = diagnose_model(pmo, catalog=catalog)
    if args.format == "json":
        print_json(report.diagnosis_data(result))
    else:
        print(report.text_diagnosis(result))
    return 0
