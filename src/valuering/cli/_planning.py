"""``valuering whatif`` and ``valuering roadmap``."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence

from valuering import report
from valuering.cli._options import (
    format_option,
    load_model,
    model_arguments,
    print_json,
    top_option,
)
from valuering.errors import Problem, ValidationError
from valuering.planning import (
    AddOffering,
    Change,
    RemoveOffering,
    SetMaturity,
    SetTarget,
    SetWeight,
    roadmap,
    what_if,
)

__all__ = ["budget_number", "parse_change", "register"]

CHANGE_FORMS = (
    "OFFERING.maturity=LEVEL  run an offering at another maturity (1 to 5)",
    "OFFERING.target=LEVEL    give an offering another target (1 to 5, or none)",
    "+SERVICE:LEVEL           add an offering of a catalog service (its id is the service id, "
    "or SERVICE-2, ... when that is taken)",
    "-OFFERING                remove an offering and every offering that depends on it",
    "CUSTOMER.weight=WEIGHT   give a customer another weight (> 0)",
)
_SETTING = re.compile(r"(?P<subject>[^.=\s]+)\.(?P<field>maturity|target|weight)=(?P<value>\S+)")
_ADDING = re.compile(r"\+(?P<service>[^:\s]+):(?P<level>\S+)")


def _accepted() -> str:
    return "accepted forms:\n" + "\n".join(f"    {form}" for form in CHANGE_FORMS)


def _whole(text: str) -> int | None:
    return int(text) if re.fullmatch(r"[0-9]+", text) else None


def parse_change(text: str) -> Change:
    """The change a command-line spelling stands for.

    Raises :class:`~valuering.errors.ValidationError` naming the accepted forms when ``text`` is
    none of them.

    >>> parse_change("reporting.maturity=4"), parse_change("-coaching")
    (SetMaturity(offering='reporting', level=4), RemoveOffering(offering='coaching'))
    >>> parse_change("+program-management:2")
    AddOffering(service='program-management', level=2, id=None, target=None, depends_on=())
    """
    problem = f"{text!r} is not a change; {_accepted()}"
    adding = _ADDING.fullmatch(text)
    if adding:
        level = _whole(adding["level"])
        if level is not None:
            return AddOffering(adding["service"], level)
        problem = f"the level in {text!r} is not a whole number; {_accepted()}"
    elif re.fullmatch(r"-[A-Za-z0-9][^\s=.:+]*", text):
        return RemoveOffering(text[1:])
    elif setting := _SETTING.fullmatch(text):
        subject, field, value = setting["subject"], setting["field"], setting["value"]
        if field == "weight":
            try:
                return SetWeight(subject, float(value))
            except ValueError:
                problem = f"the weight in {text!r} is not a number; {_accepted()}"
        elif field == "target" and value.lower() == "none":
            return SetTarget(subject, None)
        elif (level := _whole(value)) is not None:
            return SetMaturity(subject, level) if field == "maturity" else SetTarget(subject, level)
        else:
            problem = f"the level in {text!r} is not a whole number; {_accepted()}"
    raise ValidationError([Problem(f"change {text!r}", problem)])


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``whatif`` and ``roadmap`` subcommands."""
    whatif = subparsers.add_parser(
        "whatif",
        help="every headline figure before and after a few changes, and who gains or loses",
        description="Compare the figures of a model before and after changes.\n\n"
        + _accepted().replace("accepted forms", "Changes, in any number", 1)
        + "\n\nPut -- before the changes if a removal (-OFFERING) is read as an option.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # "-coaching" removes an offering: let the parser read a word after a dash as a change, not an
    # unknown option (argparse does this for negative numbers; "--" before the changes also works).
    whatif._negative_number_matcher = re.compile(r"^-[a-z0-9]")
    model_arguments(whatif)
    whatif.add_argument("changes", nargs="+", metavar="CHANGE", help="a change (see above)")
    format_option(whatif)
    top_option(whatif, "gainers and losers", minimum=0)
    whatif.set_defaults(handler=_whatif)

    plan = subparsers.add_parser(
        "roadmap",
        help="the one-level maturity raises that gain the most within a budget, in order",
    )
    model_arguments(plan)
    plan.add_argument(
        "--budget", type=budget_number, required=True, metavar="N", help="what may be spent (>= 0)"
    )
    plan.add_argument(
        "--phases",
        type=_phases,
        metavar="C1,C2,...",
        help="the capacity of each phase, in order (e.g. 3,3,2)",
    )
    plan.add_argument(
        "--cost",
        action="append",
        type=_cost,
        default=[],
        metavar="OFFERING=N",
        help="the cost of each raise of an offering (default 1), or OFFERING:LEVEL=N for the raise "
        "to one level; repeatable",
    )
    format_option(plan)
    plan.set_defaults(handler=_roadmap)


def budget_number(text: str) -> float:
    """An argparse type: a budget, a number of 0 or more (``--budget``, ``report --roadmap``)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of 0 or more")
    return value


def _phases(text: str) -> list[float]:
    try:
        capacities = [float(part) for part in text.split(",")]
    except ValueError:
        capacities = [-1.0]
    if not all(0 <= c < float("inf") for c in capacities):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a list of capacities of 0 or more, such as 3,3,2"
        )
    return capacities


def _cost(text: str) -> tuple[str, int | None, float]:
    match = re.fullmatch(r"(?P<offering>[^:=\s]+)(?::(?P<level>[2-5]))?=(?P<cost>\S+)", text)
    try:
        cost = float(match["cost"]) if match else 0.0
    except ValueError:
        cost = 0.0
    if match is None or not 0 < cost < float("inf"):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not OFFERING=N or OFFERING:LEVEL=N with a cost N > 0 and a level 2 to 5"
        )
    return match["offering"], int(match["level"]) if match["level"] else None, cost


def _whatif(args: argparse.Namespace) -> int:
    changes: list[Change] = []
    problems: list[Problem] = []
    for text in args.changes:  # every bad spelling at once
        try:
            changes.append(parse_change(text))
        except ValidationError as error:
            problems += error.problems
    if problems:
        raise ValidationError(problems)
    pmo, catalog = load_model(args)
    try:
        result = what_if(pmo, *changes, catalog=catalog)
    except ValidationError as error:
        raise _in_shell_terms(error, args.changes) from None
    if args.format == "json":
        print_json(result)
    else:
        print(report.text_what_if(result, pmo, catalog=catalog, top=args.top))
    return 0


def _in_shell_terms(error: ValidationError, texts: Sequence[str]) -> ValidationError:
    """The problems with ``changes[i]`` paths renamed after the change as it was typed."""
    problems = []
    for problem in error.problems:
        found = re.match(r"changes\[(\d+)\]", problem.path)
        if found:
            problem = Problem(f"change {texts[int(found[1])]!r}", problem.message)
        problems.append(problem)
    return ValidationError(problems)


def _roadmap(args: argparse.Namespace) -> int:
    pmo, catalog = load_model(args)
    costs: dict[str, float | dict[int, float]] = {}
    for offering, level, cost in args.cost:
        if level is None:
            costs[offering] = cost
        else:
            current = costs.get(offering)
            by_level = dict.fromkeys(range(2, 6), current) if isinstance(current, float) else {}
            by_level.update(current if isinstance(current, dict) else {})
            costs[offering] = {**by_level, level: cost}
    plan = roadmap(pmo, args.budget, costs=costs, phases=args.phases, catalog=catalog)
    if args.format == "json":
        print_json(plan)
    else:
        print(report.text_roadmap(plan, pmo, catalog=catalog))
    return 0
