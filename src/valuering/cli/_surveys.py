"""``valuering survey template`` and ``valuering survey import``: questionnaires as sheets."""

from __future__ import annotations

import argparse
import datetime

from valuering import io
from valuering._document._files import write_text
from valuering.cli._options import (
    catalog_files,
    catalog_for_file,
    catalog_option,
    format_option,
    print_json,
)
from valuering.errors import Problem, ValidationError
from valuering.surveys import (
    SurveyExpectations,
    SurveyMethod,
    merge_survey,
    read_survey,
    write_assessment_template,
    write_expectation_template,
)
from valuering.validation import catalog_for

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``survey template`` and ``survey import``."""
    survey = subparsers.add_parser(
        "survey", help="fill-in sheets for expectations and self-assessments, and their import"
    )
    actions = survey.add_subparsers(dest="survey_command", metavar="ACTION", required=True)
    template = actions.add_parser(
        "template",
        help="write a fill-in sheet (.xlsx with drop-downs, or .csv)",
        description="Write a fill-in sheet: 'expectations' lists every outcome (answer column "
        "chosen with --method), 'assessment STEP' the statements of a flywheel step.",
    )
    template.add_argument(
        "kind", choices=("expectations", "assessment"), help="what the sheet asks"
    )
    template.add_argument(
        "step", nargs="?", metavar="STEP", help="the flywheel step (1-10 or its id), for assessment"
    )
    template.add_argument("-o", "--output", required=True, metavar="FILE", help=".xlsx or .csv")
    template.add_argument(
        "--method",
        choices=[m.value for m in SurveyMethod],
        default="rating",
        help="how respondents answer, for expectations (default rating)",
    )
    template.set_defaults(handler=_template)
    imports = actions.add_parser(
        "import",
        help="read a filled sheet and merge it into a model file (written atomically)",
        description="Read a filled sheet (.xlsx or .csv) and merge it into --into MODEL: the "
        "customers and their expectations, or one self-assessment per respondent.",
    )
    imports.add_argument("sheet", metavar="FILE", help="the filled sheet (.xlsx or .csv)")
    imports.add_argument(
        "--into",
        metavar="MODEL",
        help="the model file to merge into (without it, the sheet's results are printed)",
    )
    imports.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date of imported self-assessments (default today)",
    )
    catalog_option(imports)
    format_option(imports)
    imports.set_defaults(handler=_import)


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _template(args: argparse.Namespace) -> int:
    if args.kind == "assessment":
        if args.step is None:
            raise ValidationError([Problem("STEP", "give the flywheel step (1-10 or its id)")])
        step: int | str = int(args.step) if args.step.isdigit() else args.step
        write_assessment_template(args.output, step)
    else:
        if args.step is not None:
            raise ValidationError(
                [Problem("STEP", "an expectation sheet takes no step; use --method to choose")]
            )
        write_expectation_template(args.output, args.method)
    print(f"wrote {args.output}")
    return 0


def _import(args: argparse.Namespace) -> int:
    if args.into is None:
        return _preview(args)
    catalog = catalog_for_file(args.into, catalog_files(args.catalog))
    pmo = io.load(args.into, catalog=catalog)
    cat = catalog_for(pmo, catalog=catalog)
    result = read_survey(args.sheet, catalog=cat)
    merged = merge_survey(pmo, result, date=args.date, catalog=cat)
    write_text(args.into, io.dumps(merged, io.format_of(args.into)))
    if isinstance(result, SurveyExpectations):
        known = {c.id for c in pmo.customers}
        data = {
            "file": args.sheet,
            "into": args.into,
            "customers": [c.id for c in result.customers],
            "new_customers": [c.id for c in result.customers if c.id not in known],
            "expectations": sum(len(c.expectations) for c in result.customers),
            "respondents": sum(result.respondents.values()),
        }
        text = (
            f"merged {_plural(len(result.customers), 'customer')} "
            f"({len(data['new_customers'])} new) with "
            f"{_plural(int(data['expectations']), 'expectation')} from "
            f"{_plural(int(data['respondents']), 'respondent')} into {args.into}"
        )
    else:
        data = {
            "file": args.sheet,
            "into": args.into,
            "step": result.step.number,
            "respondents": list(result.scores),
            "mean": result.mean,
            "band": result.band.value,
        }
        text = (
            f"added step {result.step.number}'s self-assessment by "
            f"{_plural(len(result.scores), 'respondent')} (mean total {result.mean:g}, "
            f"{result.band.label}; {_plural(len(result.disagreements), 'disagreement')}) "
            f"into {args.into}"
        )
    if args.format == "json":
        print_json(data)
    else:
        print(text)
    return 0


def _preview(args: argparse.Namespace) -> int:
    """The sheet's results without a model: customers' expectations, or the team's spread."""
    catalogs = catalog_files(args.catalog)
    result = read_survey(args.sheet, catalog=next(iter(catalogs.values()), None))
    if args.format == "json":
        print_json(result)
        return 0
    print(repr(result))
    if isinstance(result, SurveyExpectations):
        for r in result.to_records():
            print(
                f"  {r['customer']:<24} {r['outcome']:<44} {100 * r['priority']:5.1f} %"
                f"  ({_plural(r['respondents'], 'respondent')})"
            )
    else:
        for s in result.to_records():
            flag = "  disagree" if s["disagreement"] else ""
            print(
                f"  {s['section']:<36} {s['statement']}  mean {s['mean']:.2f}  "
                f"{s['low']}-{s['high']}  sd {s['deviation']:.2f}{flag}"
            )
    return 0


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
