"""The scenario diagnosis for a terminal and as JSON data, and the blank questionnaire."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from valuering._tables import percent
from valuering.diagnosis import QUESTIONS, AnswerKind, Diagnosis, diagnose_model
from valuering.report._blocks import Block, Items, Paragraph, ReportContext, Section, Table

__all__ = ["diagnosis_data", "diagnosis_section", "questionnaire_template", "text_diagnosis"]

_HOW = {
    AnswerKind.RATING: "1 (not at all) to 5 (fully)",
    AnswerKind.YES_NO: '"yes" or "no"',
    AnswerKind.TREND: "1 (clearly worse), 3 (unchanged) to 5 (clearly better)",
}


def text_diagnosis(result: Diagnosis) -> str:
    """The distribution as bars, the likeliest scenario, what drove it and what to do.

    >>> from valuering.diagnosis import diagnose
    >>> print(text_diagnosis(diagnose({"stopped-functioning": 5})).splitlines()[0])
    Likeliest scenario: collapse (100.0 %), from 1 answer.
    """
    share = percent(result[result.likeliest.value].likelihood)
    answers = "1 answer" if result.answered == 1 else f"{result.answered} answers"
    lines = [f"Likeliest scenario: {result.likeliest.value} ({share}), from {answers}.", ""]
    for row in result.scenarios:
        bar = "#" * round(row.likelihood * 40)
        lines.append(f"  {row.scenario.value:<11} {percent(row.likelihood):>8}  {bar}".rstrip())
    if result.drivers:
        lines += ["", "What pointed there:"]
        lines += [f"  - {d.text} ({_answer(d.answer)})" for d in result.drivers]
    lines += ["", f"Strategies for {result.likeliest.value}:"]
    lines += [f"  - {strategy}" for strategy in result.strategies]
    return "\n".join(lines)


def diagnosis_data(result: Diagnosis) -> dict[str, Any]:
    """The diagnosis as plain data for ``--format json``.

    >>> from valuering.diagnosis import diagnose
    >>> diagnosis_data(diagnose({"budget-cut": "yes"}))["likeliest"]
    'decline'
    """
    return {
        "likeliest": result.likeliest.value,
        "answered": result.answered,
        "scenarios": result.to_records(),
        "drivers": [
            {"question": d.question, "answer": d.answer, "contribution": d.contribution}
            for d in result.drivers
        ],
        "strategies": list(result.strategies),
    }


def questionnaire_template() -> str:
    """The questionnaire as a TOML table to paste into a model file and fill in: every question a
    commented line under ``[extra.diagnosis]``, grouped, with how to answer it.

    >>> print(questionnaire_template().splitlines()[2])
    [extra.diagnosis]
    """
    lines = [
        "# Scenario diagnosis: uncomment the questions you can answer; leave the rest.",
        "# Then run `valuering diagnose MODEL`.",
        "[extra.diagnosis]",
    ]
    group = None
    for question in QUESTIONS:
        if question.group != group:
            group = question.group
            lines += ["", f"# {group.capitalize()}s, answered {_HOW[question.kind]}:"]
        example = '"no"' if question.kind is AnswerKind.YES_NO else "3"
        lines.append(f"# {question.id} = {example}  # {question.text}")
    return "\n".join(lines) + "\n"


def _answer(value: int | bool) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value} of 5"


def diagnosis_section(context: ReportContext) -> Iterator[Section]:
    """A report section of the scenario diagnosis from the model's ``[extra.diagnosis]`` answers
    (nothing when it has none). Not in the report by default; register it to add it.

    >>> import attrs
    >>> from valuering import templates
    >>> from valuering.report import ReportContext
    >>> pmo = attrs.evolve(templates.load("hub-office"), extra={"diagnosis": {"scaling-up": 5}})
    >>> section = next(iter(diagnosis_section(ReportContext(pmo))))
    >>> section.title, section.blocks[0].text
    ('Scenario diagnosis', 'From 1 answer, the likeliest scenario is growing (100.0 %); the model says kickoff.')
    """
    if not context.pmo.extra.get("diagnosis"):
        return
    result = diagnose_model(context.pmo, catalog=context.catalog)
    share = percent(result[result.likeliest.value].likelihood)
    stated = f"; the model says {context.pmo.scenario}" if context.pmo.scenario else ""
    answers = "1 answer" if result.answered == 1 else f"{result.answered} answers"
    blocks: list[Block] = [
        Paragraph(
            f"From {answers}, the likeliest scenario is {result.likeliest.value} ({share}){stated}."
        ),
        Table(
            ("Scenario", "Likelihood"),
            [(row.scenario.value, percent(row.likelihood)) for row in result.scenarios],
            right=(1,),
        ),
    ]
    if result.drivers:
        blocks += [
            Paragraph("What pointed there:"),
            Items([f"{d.text} ({_answer(d.answer)})" for d in result.drivers]),
        ]
    blocks += [Paragraph(f"Strategies for {result.likeliest.value}:"), Items(result.strategies)]
    yield Section("diagnosis", "Scenario diagnosis", blocks)
