"""Customers and their expectations from an expectation survey answered by many respondents.

Each respondent's answers become priorities with the scoring helpers (ratings as they are, ranks by
:func:`~valuering.scoring.priorities_from_ranking`, MoSCoW labels by
:func:`~valuering.scoring.priorities_from_moscow`); the respondents of one customer are averaged as
shares (formula 12 in docs/design.md), so a customer's voice stays its weight (formula 1) however many
people answered for it.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeGuard

import attrs

from valuering._tables import Keyed, Names, plural, summary
from valuering.catalog import Catalog, pmi_2025
from valuering.errors import Problem, ValidationError, did_you_mean, member
from valuering.model import Customer, Expectation
from valuering.scoring import priorities_from_moscow, priorities_from_ranking

__all__ = ["Response", "SurveyExpectations", "SurveyMethod", "expectations_from_survey"]

Where = Callable[[int, str], str]
"""Where a field of a response is, for problems: ``responses[3].outcome`` or ``Survey!E5``."""


class SurveyMethod(enum.StrEnum):
    """How respondents answered: a rating 1-5, a rank (1 = most important) or a MoSCoW label."""

    RATING = "rating"
    RANK = "rank"
    MOSCOW = "moscow"


@attrs.frozen
class Response:
    """One answer: a respondent of a customer group (and customer) about one outcome.

    ``answer`` is a rating 1-5, a rank 1, 2, ... or a MoSCoW label, by the survey's method. Without a
    ``customer`` id the respondent speaks for the group as a whole (the customer id is the group id);
    ``weight`` is the customer's weight (1 when no respondent of the customer gives one).
    """

    respondent: str
    group: str
    outcome: str
    answer: object
    customer: str | None = None
    weight: float | None = None


@attrs.frozen(repr=False)
class SurveyExpectations(Keyed[Customer]):
    """The customers a survey describes, by customer id, each with its averaged expectations.

    ``customers`` keeps them in order of first appearance; ``respondents`` counts who answered for
    each customer; ``weighted`` holds the customers whose weight a response gave. The table has one row per expectation.
    """

    method: SurveyMethod
    customers: tuple[Customer, ...]
    respondents: Mapping[str, int]
    weighted: frozenset[str] = frozenset()
    _names: Names = attrs.field(default=Names(), eq=False)
    _columns = (
        "customer",
        "customer_name",
        "group",
        "weight",
        "respondents",
        "outcome",
        "outcome_name",
        "priority",
    )

    def _table(self) -> Mapping[str, Customer]:
        return {c.id: c for c in self.customers}

    def __repr__(self) -> str:
        count = sum(len(c.expectations) for c in self.customers)
        return summary(
            self,
            plural(len(self.customers), "customer"),
            plural(count, "expectation"),
            plural(sum(self.respondents.values()), "respondent"),
            f"by {self.method.value}",
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per expectation: the customer, its group, weight and respondents, the outcome, priority."""
        for c in self.customers:
            for e in c.expectations:
                yield {
                    "customer": c.id,
                    "customer_name": c.name,
                    "group": c.group,
                    "weight": c.weight,
                    "respondents": self.respondents[c.id],
                    "outcome": e.outcome,
                    "priority": e.priority,
                }


def _listed(index: int, field: str) -> str:
    return f"responses[{index}].{field}"


def expectations_from_survey(
    responses: Iterable[Response | Mapping[str, Any]],
    method: str | SurveyMethod = SurveyMethod.RATING,
    *,
    catalog: Catalog | None = None,
) -> SurveyExpectations:
    """Customers and expectations from survey responses (formula 12 in docs/design.md).

    ``responses`` are :class:`Response` records or mappings with the same keys (``respondent``,
    ``group``, ``outcome``, ``answer`` and optionally ``customer`` and ``weight``). Per respondent the
    answers become priorities: a rating 1-5 is the priority; ranks order the outcomes and
    :func:`~valuering.scoring.priorities_from_ranking` gives n points to the first of n; MoSCoW labels go
    through :func:`~valuering.scoring.priorities_from_moscow` (won't = not expected). Each respondent's
    priorities become shares of 1, a customer's expectations are the mean share over its respondents
    who expect anything, and its weight is the one given (1 if none), so adding respondents never adds
    voice. Customers come in order of first appearance, expectations by falling priority.

    Raises :class:`~valuering.errors.ValidationError` listing every problem at once, each at
    ``responses[i].field``: an unknown group or outcome (checked against ``catalog``, by default
    ``pmi_2025()``), a bad answer for the method, a respondent answering an outcome twice or giving two
    outcomes one rank, a respondent in two customers, a customer in two groups or with two weights.

    >>> survey = expectations_from_survey([
    ...     Response("ann", "project-managers", "improved-success-rates", 4),
    ...     Response("ann", "project-managers", "reduction-of-risk-exposure", 2),
    ...     Response("bob", "project-managers", "improved-success-rates", 5),
    ... ])
    >>> [(e.outcome, round(e.priority, 4)) for e in survey["project-managers"].expectations]
    [('improved-success-rates', 0.8333), ('reduction-of-risk-exposure', 0.1667)]
    >>> expectations_from_survey([Response("ann", "project-managers", "improved-succes-rates", 7)])
    Traceback (most recent call last):
    ...
    valuering.errors.ValidationError: survey responses: 2 problems:
      responses[0].outcome: unknown outcome 'improved-succes-rates'; did you mean 'improved-success-rates'?
      responses[0].answer: 7 is not a rating from 1 to 5
    """
    return survey_expectations(responses, method, catalog=catalog, where=_listed)


def survey_expectations(
    responses: Iterable[Response | Mapping[str, Any]],
    method: str | SurveyMethod,
    *,
    catalog: Catalog | None,
    where: Where,
    title: str = "survey responses",
) -> SurveyExpectations:
    """:func:`expectations_from_survey` with problems placed by ``where`` (sheets name their cells)."""
    how = member(SurveyMethod, method, "method")
    cat = catalog if catalog is not None else pmi_2025()
    rows: list[tuple[int, Response]] = []
    problems: list[Problem] = []
    for index, item in enumerate(responses):
        response = _response(item, index, where, problems)
        if response is not None:
            found = list(_row_problems(response, index, how, cat, where))
            problems.extend(found)
            if not found:  # the checks across rows need sound rows
                rows.append((index, response))
    customers, problems = _gather(rows, how, where, problems)
    if problems:
        raise ValidationError(problems, title=title)
    return _result(customers, how, cat)


_FIELDS = tuple(f.name for f in attrs.fields(Response))


def _response(item: object, index: int, where: Where, problems: list[Problem]) -> Response | None:
    if isinstance(item, Response):
        return item
    if not isinstance(item, Mapping):
        problems.append(Problem(where(index, ""), f"expected a response, got {item!r}"))
        return None
    unknown = [k for k in item if k not in _FIELDS]
    problems.extend(
        Problem(where(index, str(k)), f"unknown field{did_you_mean(str(k), _FIELDS)}")
        for k in unknown
    )
    missing = [k for k in ("respondent", "group", "outcome", "answer") if k not in item]
    problems.extend(Problem(where(index, k), "missing") for k in missing)
    if unknown or missing:
        return None
    return Response(**item)


def _row_problems(
    r: Response, index: int, how: SurveyMethod, cat: Catalog, where: Where
) -> Iterator[Problem]:
    if not isinstance(r.respondent, str) or not r.respondent.strip():
        yield Problem(where(index, "respondent"), f"{r.respondent!r} is not a respondent's name")
    if r.group not in cat.customer_groups:
        yield Problem(
            where(index, "group"),
            f"unknown customer group {r.group!r}{did_you_mean(str(r.group), cat.customer_groups)}",
        )
    if r.customer is not None and not _is_id(r.customer):
        yield Problem(
            where(index, "customer"), f"{r.customer!r} is not an id (lower-case-with-dashes)"
        )
    if r.weight is not None and not (_is_number(r.weight) and r.weight > 0):
        yield Problem(where(index, "weight"), f"{r.weight!r} is not a weight (a number above 0)")
    if r.outcome not in cat.outcomes:
        yield Problem(
            where(index, "outcome"),
            f"unknown outcome {r.outcome!r}{did_you_mean(str(r.outcome), cat.outcomes)}",
        )
    message = _answer_problem(r.answer, how)
    if message:
        yield Problem(where(index, "answer"), message)


def _answer_problem(answer: object, how: SurveyMethod) -> str:
    whole = _whole(answer)
    if how is SurveyMethod.RATING:
        return (
            ""
            if whole is not None and 1 <= whole <= 5
            else f"{answer!r} is not a rating from 1 to 5"
        )
    if how is SurveyMethod.RANK:
        return "" if whole is not None and whole >= 1 else f"{answer!r} is not a rank (1, 2, ...)"
    try:
        priorities_from_moscow({"answer": answer})  # type: ignore[dict-item]
    except ValidationError as error:
        return error.problems[0].message
    return ""


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _whole(value: object) -> int | None:
    """``value`` as a whole number (spreadsheets store 4 as 4.0), or None when it is not one."""
    if _is_number(value) and abs(value) < 2**53 and value == int(value):
        return int(value)
    return None


def _is_id(value: object) -> bool:
    return isinstance(value, str) and _id_text(value)


@functools.lru_cache(maxsize=4096)  # a sheet repeats its few customer ids on every row
def _id_text(value: str) -> bool:
    return bool(value) and all(part.isalnum() and part == part.lower() for part in value.split("-"))


@attrs.define
class _Customer:
    id: str
    group: str
    weight: float | None
    answers: dict[str, dict[str, Any]] = attrs.Factory(dict)  # respondent -> outcome -> answer


def _gather(
    rows: list[tuple[int, Response]],
    how: SurveyMethod,
    where: Where,
    problems: list[Problem],
) -> tuple[list[_Customer], list[Problem]]:
    """Responses by customer and respondent, with the problems that need several rows to see."""
    customers: dict[str, _Customer] = {}
    speaks_for: dict[str, tuple[str, int]] = {}
    seen: dict[tuple[str, str], int] = {}
    ranks: dict[tuple[str, int], int] = {}
    for index, r in rows:
        ident = r.customer if r.customer is not None else r.group
        known = customers.setdefault(ident, _Customer(ident, r.group, r.weight))
        if known.group != r.group:
            problems.append(
                Problem(
                    where(index, "group"), f"customer {ident!r} is in group {known.group!r} above"
                )
            )
        if r.weight is not None:
            if known.weight is None:
                known.weight = r.weight
            elif known.weight != r.weight:
                problems.append(
                    Problem(
                        where(index, "weight"),
                        f"customer {ident!r} has weight {known.weight!r} above",
                    )
                )
        first = speaks_for.setdefault(r.respondent, (ident, index))
        if first[0] != ident:
            problems.append(
                Problem(
                    where(index, "respondent"),
                    f"{r.respondent!r} answers for customer {first[0]!r} at {where(first[1], 'respondent')}",
                )
            )
        key = (r.respondent, r.outcome)
        if key in seen:
            problems.append(
                Problem(
                    where(index, "outcome"),
                    f"{r.respondent!r} answered {r.outcome!r} already at {where(seen[key], 'outcome')}",
                )
            )
        seen.setdefault(key, index)
        whole = _whole(r.answer)
        if how is SurveyMethod.RANK and whole is not None:
            rank = (r.respondent, whole)
            if rank in ranks:
                problems.append(
                    Problem(
                        where(index, "answer"),
                        f"{r.respondent!r} gave rank {rank[1]} already at {where(ranks[rank], 'answer')}",
                    )
                )
            ranks.setdefault(rank, index)
        known.answers.setdefault(r.respondent, {})[r.outcome] = r.answer
    return list(customers.values()), problems


def _shares(answers: Mapping[str, Any], how: SurveyMethod) -> dict[str, float]:
    """One respondent's priorities as shares of 1 (empty when the respondent expects nothing)."""
    if how is SurveyMethod.RATING:  # the rating is the priority; no helper needed
        points = {o: float(a) for o, a in answers.items()}
    elif how is SurveyMethod.RANK:
        ranked = priorities_from_ranking(sorted(answers, key=lambda o: answers[o]))
        points = {e.outcome: e.priority for e in ranked}
    else:
        points = {e.outcome: e.priority for e in priorities_from_moscow(answers)}
    total = sum(points.values())
    return {o: p / total for o, p in points.items()} if total > 0 else {}


def _result(customers: list[_Customer], how: SurveyMethod, cat: Catalog) -> SurveyExpectations:
    built = []
    counts = {}
    for c in customers:
        shares: dict[str, float] = {}
        voices = 0
        for answers in c.answers.values():
            theirs = _shares(answers, how)
            if not theirs:
                continue  # expects nothing: no part in the mean, as in formula 1
            voices += 1
            for outcome, share in theirs.items():
                shares[outcome] = shares.get(outcome, 0.0) + share
        ranked = sorted(
            shares.items(), key=lambda item: -item[1]
        )  # stable: ties keep first-seen order
        group = cat.customer_groups[c.group]
        built.append(
            Customer(
                id=c.id,
                name=group.name if c.id == c.group else c.id,
                group=c.group,
                weight=float(c.weight) if c.weight is not None else 1.0,
                expectations=[Expectation(outcome=o, priority=s / voices) for o, s in ranked],
            )
        )
        counts[c.id] = len(c.answers)
    weighted = frozenset(c.id for c in customers if c.weight is not None)
    return SurveyExpectations(how, tuple(built), counts, weighted, Names(None, cat))
