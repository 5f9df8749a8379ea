"""``valuering indicators suggest``: indicators from the KPI library for what a model does not
measure."""

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
from valuering.kpis import suggest_indicators

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``indicators`` subcommand and its ``suggest``."""
    indicators = subparsers.add_parser("indicators", help="indicators: suggest what to measure")
    actions = indicators.add_subparsers(dest="action", metavar="ACTION", required=True)
    suggest = actions.add_parser(
        "suggest",
        help="indicators from the KPI library for unmeasured offerings and expected outcomes",
    )
    model_arguments(suggest)
    top_option(suggest, "suggestions per layer")
    format_option(suggest, "text", "json", "toml")
    suggest.set_defaults(handler=_suggest)


def _suggest(args: argparse.Namespace) -> int:
    pmo, catalog = load_model(args)
    suggestions = suggest_indicators(pmo, catalog=catalog)
    if args.format == "json":
        print_json(suggestions)
    elif args.format == "toml":
        print(report.suggestions_toml(suggestions), end="")
    else:
        print(report.text_suggestions(suggestions, top=args.top))
    return 0
