"""Survey sheets: fill-in templates, and reading filled sheets into survey results.

An expectation sheet is a long table, one answer a row, with the columns ``respondent``, ``group``,
``customer`` and ``weight`` (both optional), ``outcome``, ``name`` (the outcome's name, for the reader;
ignored) and one answer column named after the method: ``rating``, ``rank`` or ``moscow``. A row without
an answer is an outcome left unanswered and is skipped, as are blank rows.

A self-assessment sheet starts with ``step`` and the step's number in row 1; row 2 holds ``section``,
``statement``, ``text`` and one column per respondent, headed with the respondent's name; below, one row
per statement with each respondent's rating.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from valuering.catalog import Catalog, pmi_2025
from valuering.errors import Problem, ValidationError, did_you_mean
from valuering.scoring import self_assessment
from valuering.scoring._assessments import STATEMENTS_PER_SECTION
from valuering.surveys._assessment import TeamAssessment, team_assessment
from valuering.surveys._expectations import (
    Response,
    SurveyExpectations,
    SurveyMethod,
    survey_expectations,
)
from valuering.surveys._sheets import Cell, Grid, Validation, cell, read_grid, write_sheet

__all__ = [
    "read_assessment_sheet",
    "read_expectation_sheet",
    "read_survey",
    "write_assessment_template",
    "write_expectation_template",
]

_TEMPLATE_ROWS = 2000  # how far down the drop-downs reach
_LAST_COLUMN = "Z"
_ANSWER_COLUMNS = tuple(m.value for m in SurveyMethod)
_EXPECTATION_COLUMNS = ("respondent", "group", "customer", "weight", "outcome", "name")
_REQUIRED = ("respondent", "group", "outcome")
_SCALES: Mapping[SurveyMethod, Validation] = {
    SurveyMethod.RATING: Validation("", choices=("1", "2", "3", "4", "5")),
    SurveyMethod.RANK: Validation("", low=1),
    SurveyMethod.MOSCOW: Validation("", choices=("must", "should", "could", "wont")),
}


def write_expectation_template(
    path: str | Path,
    method: str | SurveyMethod = SurveyMethod.RATING,
    *,
    catalog: Catalog | None = None,
) -> None:
    """Write a fill-in expectation sheet (.csv or .xlsx): every outcome of ``catalog`` listed once.

    Respondents copy the block of outcomes, one block each, and fill in their name, group and answer;
    in .xlsx the group and the answer have drop-downs (the groups, and the scale of ``method``).
    """
    how = SurveyMethod(method)
    cat = catalog if catalog is not None else pmi_2025()
    rows: list[list[Cell]] = [[*_EXPECTATION_COLUMNS, how.value]]
    rows += [[None, None, None, None, o.id, o.name, None] for o in cat.ordered_outcomes()]
    last = max(_TEMPLATE_ROWS, len(rows))
    scale = _SCALES[how]
    write_sheet(
        path,
        "Expectations",
        rows,
        validations=[
            Validation(f"B2:B{last}", choices=tuple(cat.customer_groups)),
            Validation(f"G2:G{last}", choices=scale.choices, low=scale.low),
        ],
        widths=(16, 30, 16, 8, 40, 50, 10),
    )


def write_assessment_template(path: str | Path, step: int | str) -> None:
    """Write a fill-in self-assessment sheet for a flywheel step: one row per statement.

    Add one column per respondent after ``text``, the respondent's name in row 2; in .xlsx every
    rating cell has a 1-5 drop-down.
    """
    instrument = self_assessment(step)
    rows: list[list[Cell]] = [
        ["step", instrument.step.number, instrument.step.label],
        ["section", "statement", "text"],
    ]
    for section in instrument.sections:
        for number, text in enumerate(section.statements, start=1):
            rows.append([section.id, number, text])
    write_sheet(
        path,
        f"Step {instrument.step.number}",
        rows,
        validations=[
            Validation(f"D3:{_LAST_COLUMN}{len(rows)}", choices=("1", "2", "3", "4", "5"))
        ],
        widths=(28, 10, 80),
    )


def read_survey(
    path: str | Path, *, catalog: Catalog | None = None
) -> SurveyExpectations | TeamAssessment:
    """Read a filled survey sheet (.csv or .xlsx): a self-assessment when A1 says ``step``, else expectations.

    Raises :class:`~valuering.errors.ValidationError` titled with the file, with every problem of the
    sheet at once, each at its cell (``Expectations!G12: 7 is not a rating from 1 to 5``).
    """
    grid = read_grid(path)
    first = grid.rows[0][1] if grid.rows else ()
    if first and isinstance(first[0], str) and first[0].strip().lower() == "step":
        return _assessment(grid, str(path))
    return _expectations(grid, str(path), catalog)


def read_expectation_sheet(
    path: str | Path, *, catalog: Catalog | None = None
) -> SurveyExpectations:
    """Read a filled expectation sheet; see :func:`read_survey` for the problems it reports."""
    return _expectations(read_grid(path), str(path), catalog)


def read_assessment_sheet(path: str | Path) -> TeamAssessment:
    """Read a filled self-assessment sheet; see :func:`read_survey` for the problems it reports."""
    return _assessment(read_grid(path), str(path))


_CELL = re.compile(r"!([A-Z]+)(\d+)$")


def _cell_order(problem: Problem) -> tuple[int, int, str]:
    found = _CELL.search(problem.path)
    if not found:
        return (0, 0, problem.path)
    column = 0
    for letter in found.group(1):
        column = column * 26 + ord(letter) - 64
    return (int(found.group(2)), column, problem.path)


def _fail(problems: list[Problem], title: str) -> ValidationError:
    return ValidationError(sorted(problems, key=_cell_order), title=title)


def _text(value: Cell) -> Cell:
    """Text stripped; a whole number typed where text belongs (a respondent 17) as its digits."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if isinstance(value, int) else value


def _number(value: Cell) -> Cell:
    """A number, or text that reads as one (CSV holds only text); anything else as it is."""
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return value.strip()
        return int(number) if number.is_integer() else number
    return value


def _header(grid: Grid, known: tuple[str, ...]) -> tuple[int, dict[str, int], list[Problem]]:
    number, cells = grid.rows[0]
    columns: dict[str, int] = {}
    problems = []
    for index, value in enumerate(cells, start=1):
        where = cell(grid.name, index, number)
        name = value.strip().lower() if isinstance(value, str) else value
        if name is None:
            continue
        if name not in known:
            problems.append(
                Problem(
                    where,
                    f"unknown column {value!r}{did_you_mean(str(name), known)}; "
                    f"the columns are {', '.join(known)}",
                )
            )
        elif name in columns:
            problems.append(Problem(where, f"column {name!r} twice (first in {columns[name]})"))
        else:
            columns[str(name)] = index
    return number, columns, problems


def _expectations(grid: Grid, title: str, catalog: Catalog | None) -> SurveyExpectations:
    if not grid.rows:
        raise ValidationError([Problem(f"{grid.name}!A1", "the sheet is empty")], title=title)
    header_row, columns, problems = _header(grid, (*_EXPECTATION_COLUMNS, *_ANSWER_COLUMNS))
    problems.extend(grid.problems)
    where_header = f"{grid.name}!A{header_row}"
    problems.extend(
        Problem(where_header, f"missing column {name!r}")
        for name in _REQUIRED
        if name not in columns
    )
    answers = [name for name in _ANSWER_COLUMNS if name in columns]
    if len(answers) != 1:
        problems.append(
            Problem(
                where_header,
                "expected one answer column, rating, rank or moscow"
                + (f"; found {', '.join(answers)}" if answers else ""),
            )
        )
    if problems and (len(answers) != 1 or any(n not in columns for n in _REQUIRED)):
        raise _fail(problems, title)
    answer = answers[0]
    widest = max(columns.values())
    take = {name: columns.get(name, 0) - 1 for name in (*_EXPECTATION_COLUMNS, answer)}
    answer_at, moscow = take[answer], answer == SurveyMethod.MOSCOW
    responses: list[Response] = []
    places: list[int] = []  # the row number of each response
    for number, cells in grid.rows[1:]:
        if len(cells) > widest:
            problems.extend(
                Problem(cell(grid.name, index, number), f"{value!r} is in a column with no heading")
                for index, value in enumerate(cells[widest:], start=widest + 1)
                if value is not None
            )
        padded = cells + (None,) * (widest - len(cells)) + (None,)  # index -1: an absent column
        if padded[answer_at] is None:
            continue  # an outcome left unanswered
        responses.append(
            Response(
                respondent=_text(padded[take["respondent"]]),  # type: ignore[arg-type]
                group=_text(padded[take["group"]]),  # type: ignore[arg-type]
                outcome=_text(padded[take["outcome"]]),  # type: ignore[arg-type]
                answer=_text(padded[answer_at]) if moscow else _number(padded[answer_at]),
                customer=_text(padded[take["customer"]]),  # type: ignore[arg-type]
                weight=_number(padded[take["weight"]]),  # type: ignore[arg-type]
            )
        )
        places.append(number)
    fields = {**columns, "answer": columns[answer]}

    def where(index: int, field: str) -> str:
        return cell(grid.name, fields.get(field, 1), places[index])

    try:
        result = survey_expectations(responses, answer, catalog=catalog, where=where, title=title)
    except ValidationError as error:
        raise _fail([*problems, *error.problems], title) from None
    if problems:
        raise _fail(problems, title)
    return result


def _assessment(grid: Grid, title: str) -> TeamAssessment:
    problems = list(grid.problems)
    step_row, step_cells = grid.rows[0]
    step_value = _number(step_cells[1]) if len(step_cells) > 1 else None
    try:
        instrument = self_assessment(step_value)  # type: ignore[arg-type]
    except (ValidationError, ValueError, KeyError, TypeError):
        problems.append(
            Problem(cell(grid.name, 2, step_row), f"{step_value!r} is not a flywheel step (1-10)")
        )
        raise _fail(problems, title) from None
    if len(grid.rows) < 2:
        problems.append(Problem(cell(grid.name, 1, step_row + 1), "missing the heading row"))
        raise _fail(problems, title)
    header_row, header = grid.rows[1]
    fixed = ("section", "statement", "text")
    for index, name in enumerate(fixed, start=1):
        got = header[index - 1] if index <= len(header) else None
        if not isinstance(got, str) or got.strip().lower() != name:
            problems.append(Problem(cell(grid.name, index, header_row), f"expected {name!r}"))
    respondents: dict[int, str] = {}
    for index, value in enumerate(header[3:], start=4):
        if value is None:
            continue
        who = str(_text(value))
        if who in respondents.values():
            problems.append(
                Problem(cell(grid.name, index, header_row), f"respondent {who!r} twice")
            )
        respondents[index] = who
    if not respondents:
        problems.append(
            Problem(
                cell(grid.name, 4, header_row),
                "no respondent: head a column with each respondent's name",
            )
        )
    sections = {s.id: s for s in instrument.sections}
    ratings: dict[str, dict[str, list[int | None]]] = {
        who: {s: [None] * STATEMENTS_PER_SECTION for s in sections} for who in respondents.values()
    }
    seen: dict[tuple[str, int], int] = {}
    for number, cells in grid.rows[2:]:
        problems.extend(
            _statement_row(grid.name, number, cells, sections, respondents, seen, ratings)
        )
    last = grid.rows[-1][0]
    for section in instrument.sections:
        for statement in range(1, STATEMENTS_PER_SECTION + 1):
            if (section.id, statement) not in seen:
                problems.append(
                    Problem(
                        cell(grid.name, 1, last + 1),
                        f"missing the row of section {section.id!r}, statement {statement}",
                    )
                )
    if problems:
        raise _fail(problems, title)
    complete = {
        who: {s: [r for r in values if r is not None] for s, values in theirs.items()}
        for who, theirs in ratings.items()
    }
    return team_assessment(instrument.step, complete)


def _statement_row(
    name: str,
    number: int,
    cells: tuple[Cell, ...],
    sections: Mapping[str, Any],
    respondents: Mapping[int, str],
    seen: dict[tuple[str, int], int],
    ratings: dict[str, dict[str, list[int | None]]],
) -> Iterator[Problem]:
    section = _text(cells[0]) if cells else None
    statement = _number(cells[1]) if len(cells) > 1 else None
    ok = True
    if section not in sections:
        ok = False
        yield Problem(
            cell(name, 1, number),
            f"unknown section {section!r}{did_you_mean(str(section), sections)}",
        )
    if not isinstance(statement, int) or not 1 <= statement <= STATEMENTS_PER_SECTION:
        ok = False
        yield Problem(cell(name, 2, number), f"{statement!r} is not a statement number (1-5)")
    if ok:
        key = (str(section), int(statement))  # type: ignore[arg-type]
        if key in seen:
            ok = False
            yield Problem(
                cell(name, 2, number), f"statement {key[1]} of {key[0]!r} again (row {seen[key]})"
            )
        seen.setdefault(key, number)
    for index, value in enumerate(cells[3:], start=4):
        if index not in respondents and value is not None:
            yield Problem(
                cell(name, index, number), f"{value!r} is in a column with no respondent's name"
            )
    for index, who in respondents.items():
        value = _number(cells[index - 1]) if index <= len(cells) else None
        where = cell(name, index, number)
        if value is None:
            yield Problem(where, f"missing: {who}'s rating")
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            yield Problem(where, f"{value!r} is not a rating from 1 to 5")
        elif ok:
            ratings[who][str(section)][int(statement) - 1] = value  # type: ignore[arg-type]
