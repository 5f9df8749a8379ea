"""``valuering score``, ``valuering recommend`` and ``valuering assess``."""

from __future__ import annotations

import argparse

from valuering import report
from valuering.cli._options import (
    format_option,
    load_model,
    model_arguments,
    print_json,
    top_option,
)
from valuering.demand import coverage
from valuering.errors import Problem, ValidationError
from valuering.scoring import (
    horizon_balance,
    maturity_by_category,
    maturity_gaps,
    overall_maturity,
    read_ratings,
    recommend_services,
    score_self_assessment,
    self_assessment,
    smallest_mix,
)

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``score``, ``recommend`` and ``assess`` subcommands."""
    score = subparsers.add_parser(
        "score", help="service maturity by category, overall, and gaps to target"
    )
    model_arguments(score)
    top_option(score, "gaps")
    format_option(score)
    score.set_defaults(handler=_score)

    recommend = subparsers.add_parser(
        "recommend",
        help="catalog services ranked by the customers' demand, coverage and the smallest mix",
    )
    model_arguments(recommend)
    top_option(recommend, "services")
    recommend.add_argument(
        "--target",
        type=float,
        default=0.8,
        help="coverage the smallest mix must reach (default 0.8)",
    )
    format_option(recommend)
    recommend.set_defaults(handler=_recommend)

    assess = subparsers.add_parser("assess", help="score a flywheel step self-assessment")
    assess.add_argument("step", type=int, help="the flywheel step, 1-10")
    assess.add_argument("ratings", nargs="?", help="a ratings file (.toml or .json)")
    assess.add_argument(
        "--template",
        action="store_true",
        help="print a ratings file to fill in (TOML with the statements, or JSON with --format json)",
    )
    format_option(assess)
    assess.set_defaults(handler=_assess)


def _score(args: argparse.Namespace) -> int:
    pmo, catalog = load_model(args)
    maturity = maturity_by_category(pmo, catalog=catalog)
    overall = overall_maturity(pmo, catalog=catalog)
    gaps = maturity_gaps(pmo, catalog=catalog)
    if args.format == "json":
        print_json({"maturity": maturity, "overall": overall, "gaps": gaps})
    else:
        print(report.text_maturity(maturity, overall, gaps, pmo, top=args.top))
    return 0


def _recommend(args: argparse.Namespace) -> int:
    pmo, catalog = load_model(args)
    mix = smallest_mix(pmo, args.target, catalog=catalog)  # first: a bad --target prints nothing
    ranked = recommend_services(pmo, catalog=catalog)
    balance = horizon_balance(pmo, catalog=catalog)
    current = coverage(pmo, catalog=catalog)
    weighted = coverage(pmo, catalog=catalog, maturity_weighted=True)
    if args.format == "json":
        print_json(
            {
                "recommendations": ranked,
                "coverage": {"total": current.total, "maturity_weighted": weighted.total},
                "horizons": balance,
                "mix": mix,
            }
        )
    else:
        text = report.text_recommendations(
            ranked,
            mix,
            balance,
            pmo,
            coverage=current,
            weighted_coverage=weighted,
            catalog=catalog,
            top=args.top,
        )
        print(text)
    return 0


def _assess(args: argparse.Namespace) -> int:
    instrument = self_assessment(args.step)
    if args.template:
        if args.format == "json":
            print_json(report.ratings_data(instrument))
        else:
            print(report.ratings_template(instrument))
        return 0
    if args.ratings is None:
        raise ValidationError(
            [Problem("ratings", "give a ratings file, or --template to print one")]
        )
    step, ratings = read_ratings(args.ratings)
    if step is not instrument.step:
        raise ValidationError(
            [
                Problem(
                    "step",
                    f"the ratings file is for step {step.number}, not step {args.step}",
                    file=args.ratings,
                )
            ]
        )
    result = score_self_assessment(step, ratings)
    if args.format == "json":
        print_json(result)
    else:
        print(report.text_assessment(result))
    return 0
