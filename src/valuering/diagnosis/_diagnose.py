"""Scoring a questionnaire's answers into a distribution over the eight scenarios (formula 14 in
docs/design.md, ours)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from valuering._tables import Keyed, percent, plural, summary
from valuering.catalog import Catalog
from valuering.diagnosis._questions import QUESTIONS, AnswerKind, Question
from valuering.diagnosis._strategies import STRATEGIES
from valuering.errors import Problem, ValidationError, did_you_mean
from valuering.model import PMO, Scenario
from valuering.validation import sound

__all__ = ["Diagnosis", "Driver", "ScenarioLikelihood", "diagnose", "diagnose_model"]

_BY_ID = {question.id: question for question in QUESTIONS}
_YES = {"yes": True, "no": False}


@attrs.frozen
class ScenarioLikelihood:
    """One scenario: the mean strength of its evidence and its share of the distribution."""

    scenario: Scenario
    evidence: float
    likelihood: float
    answered: int


@attrs.frozen
class Driver:
    """An answer that pointed to the likeliest scenario, and how much it contributed."""

    question: str
    text: str
    answer: int | bool
    contribution: float


@attrs.frozen(repr=False)
class Diagnosis(Keyed[ScenarioLikelihood]):
    """The likelihood of each scenario, by scenario id in the guide's order; the likeliest, the
    answers that drove it and the strategies for it."""

    scenarios: tuple[ScenarioLikelihood, ...]
    likeliest: Scenario
    drivers: tuple[Driver, ...]
    strategies: tuple[str, ...]
    answered: int
    _columns = ("scenario", "likelihood", "evidence", "answered")

    def _table(self) -> Mapping[str, ScenarioLikelihood]:
        return {row.scenario.value: row for row in self.scenarios}

    def _rows(self) -> Iterator[dict[str, Any]]:
        return (attrs.asdict(row) for row in self.scenarios)

    def __repr__(self) -> str:
        share = percent(self[self.likeliest.value].likelihood)
        top = f"likeliest: {self.likeliest.value} {share}"
        return summary(
            self, plural(len(self.scenarios), "scenario"), top, plural(self.answered, "answer")
        )


def diagnose(answers: Mapping[str, object], *, path: str = "answers") -> Diagnosis:
    """The likely scenario from questionnaire answers (question id -> 1 to 5, or yes/no for a
    warning sign); unanswered questions count for nothing.

    Each answer has a strength from 0 to 1: a rating r gives (r - 1) / 4; yes gives 1 and no 0; a
    trend r gives (r - 3) / 2 toward improvement when above 3, (3 - r) / 2 toward deterioration
    when below. A scenario's evidence is the weighted mean strength of the answers that bear on it,
    and the distribution is each scenario's evidence over the sum (even when there is none).

    >>> result = diagnose({"value-not-perceived": 5, "processes-unused": "yes", "scaling-up": 2})
    >>> result.likeliest.value, percent(result["crisis"].likelihood)
    ('crisis', '80.0 %')
    >>> [driver.question for driver in result.drivers]
    ['value-not-perceived', 'processes-unused']

    Raises :class:`~valuering.errors.ValidationError` naming every unknown question and bad answer
    by its path (``answers.<question id>``).
    """
    parsed = _parse(answers, path)
    totals = {scenario: [0.0, 0.0, 0] for scenario in Scenario}  # strength sum, weight sum, count
    for question, value in parsed.items():
        for scenario, weight, strength in _evidence(question, value):
            total = totals[scenario]
            total[0] += weight * strength
            total[1] += weight
            total[2] += 1
    evidence = {s: (t[0] / t[1] if t[1] else 0.0) for s, t in totals.items()}
    whole = sum(evidence.values())
    rows = tuple(
        ScenarioLikelihood(
            scenario=s,
            evidence=evidence[s],
            likelihood=evidence[s] / whole if whole else 1 / len(Scenario),
            answered=int(totals[s][2]),
        )
        for s in Scenario
    )
    likeliest = max(rows, key=lambda row: row.likelihood).scenario  # the first of equals
    drivers = sorted(
        (
            Driver(question.id, question.text, value, weight * strength)
            for question, value in parsed.items()
            for scenario, weight, strength in _evidence(question, value)
            if scenario is likeliest and weight * strength > 0
        ),
        key=lambda driver: -driver.contribution,
    )
    return Diagnosis(rows, likeliest, tuple(drivers), STRATEGIES[likeliest], len(parsed))


def diagnose_model(pmo: PMO, *, catalog: Catalog | None = None) -> Diagnosis:
    """:func:`diagnose` on the answers a model keeps in ``extra.diagnosis``.

    >>> from valuering import templates
    >>> diagnose_model(templates.load("hub-office")).answered
    0

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound or an answer is
    bad (paths ``extra.diagnosis.<question id>``).
    """
    sound(pmo, catalog=catalog)
    answers = pmo.extra.get("diagnosis", {})
    if not isinstance(answers, Mapping):
        raise ValidationError([Problem("extra.diagnosis", "must be a table of answers")])
    return diagnose(answers, path="extra.diagnosis")


def _evidence(question: Question, value: int | bool) -> Iterator[tuple[Scenario, float, float]]:
    """(scenario, weight, strength) for each scenario an answer bears on."""
    if question.kind is AnswerKind.TREND:
        assert not isinstance(value, bool)
        for scenario, weight in question.evidence.items():
            yield scenario, weight, max(0.0, (value - 3) / 2)
        for scenario, weight in question.against.items():
            yield scenario, weight, max(0.0, (3 - value) / 2)
        return
    strength = float(value) if isinstance(value, bool) else (value - 1) / 4
    for scenario, weight in question.evidence.items():
        yield scenario, weight, strength


def _parse(answers: Mapping[str, object], path: str) -> dict[Question, int | bool]:
    problems: list[Problem] = []
    parsed: dict[Question, int | bool] = {}
    if not isinstance(answers, Mapping):
        raise ValidationError([Problem(path, "must be a table of question id = answer")])
    for key, value in answers.items():
        where = f"{path}.{key}"
        question = _BY_ID.get(str(key))
        if question is None:
            problems.append(Problem(where, f"unknown question{did_you_mean(str(key), _BY_ID)}"))
            continue
        answer = _answer(question, value)
        if answer is None:
            problems.append(Problem(where, _expected(question, value)))
        else:
            parsed[question] = answer
    if problems:
        raise ValidationError(problems)
    return parsed


def _answer(question: Question, value: object) -> int | bool | None:
    if question.kind is AnswerKind.YES_NO:
        if isinstance(value, bool):
            return value
        return _YES.get(value.lower()) if isinstance(value, str) else None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return value
    return None


def _expected(question: Question, value: object) -> str:
    wanted = "yes or no" if question.kind is AnswerKind.YES_NO else "a whole number from 1 to 5"
    return f"{value!r} is not an answer: expected {wanted}"
