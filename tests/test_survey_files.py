"""Survey sheets: templates filled in by the test with openpyxl or csv, read back; hostile sheets."""

from __future__ import annotations

import csv
import math
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from valuering.errors import ValidationError
from valuering.scoring import AssessmentBand
from valuering.surveys import (
    SurveyExpectations,
    TeamAssessment,
    read_survey,
    write_assessment_template,
    write_expectation_template,
)

PM, EXEC = "project-managers", "executives-and-senior-management"
ISR, RRE = "improved-success-rates", "reduction-of-risk-exposure"


def _row_of(sheet: Worksheet, outcome: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 5).value == outcome:
            return row
    raise AssertionError(outcome)


def _filled_expectations(folder: Path) -> Path:
    """The template with two answers of ann (customer pm, weight 2) and one of bob, both pm."""
    write_expectation_template(folder / "template.xlsx")
    book = openpyxl.load_workbook(folder / "template.xlsx")
    sheet = book.active
    assert sheet is not None
    answers = [("ann", ISR, 4), ("ann", RRE, 2)]
    for who, outcome, rating in answers:
        row = _row_of(sheet, outcome)
        sheet.cell(row, 1, who)
        sheet.cell(row, 2, PM)
        sheet.cell(row, 3, "pm")
        sheet.cell(row, 7, rating)
    sheet.cell(_row_of(sheet, ISR), 4, 2)  # ann gives pm's weight once
    sheet.append(["bob", PM, "pm", None, ISR, None, 5])  # bob's answer, copied below the block
    sheet.append([])  # a blank row in between is skipped
    sheet.append(["cat", EXEC, None, None, ISR, None, None])  # no answer: skipped
    book.save(folder / "filled.xlsx")
    return folder / "filled.xlsx"


def test_expectation_template_lists_every_outcome_with_drop_downs(tmp_path: Path) -> None:
    write_expectation_template(tmp_path / "t.xlsx", "moscow")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == [
        "respondent",
        "group",
        "customer",
        "weight",
        "outcome",
        "name",
        "moscow",
    ]
    assert sheet.max_row == 1 + 30  # the catalog's 30 outcomes
    rules = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert rules["G2:G2000"] == '"must,should,could,wont"'
    assert PM in str(rules["B2:B2000"])


def test_round_trip_template_filled_imported(tmp_path: Path) -> None:
    survey = read_survey(_filled_expectations(tmp_path))
    assert isinstance(survey, SurveyExpectations)
    # ann: 4, 2 -> 2/3, 1/3; bob: 5 -> 1; pm's success rates (2/3 + 1) / 2 = 5/6, risk 1/6
    [pm] = survey.customers
    assert (pm.id, pm.group, pm.weight, survey.respondents["pm"]) == ("pm", PM, 2.0, 2)
    assert [e.outcome for e in pm.expectations] == [ISR, RRE]
    assert math.isclose(pm.expectations[0].priority, 5 / 6)
    assert math.isclose(pm.expectations[1].priority, 1 / 6)


def test_csv_round_trip_with_text_numbers(tmp_path: Path) -> None:
    write_expectation_template(tmp_path / "t.csv", "rank")
    rows = list(csv.reader((tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()))
    assert rows[0][-1] == "rank"
    with (tmp_path / "filled.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(rows[0])
        writer.writerow(["ann", PM, "", "", RRE, "", "1"])
        writer.writerow(["ann", PM, "", "", ISR, "", "2"])
        writer.writerow(["17", EXEC, "", "3", ISR, "", "1"])  # a respondent called 17
    survey = read_survey(tmp_path / "filled.csv")
    assert isinstance(survey, SurveyExpectations)
    # ann: ranks 1, 2 -> 2, 1 points -> 2/3, 1/3
    assert [(e.outcome, round(e.priority, 4)) for e in survey[PM].expectations] == [
        (RRE, 0.6667),
        (ISR, 0.3333),
    ]
    assert survey[EXEC].weight == 3


def test_hostile_expectation_sheet_every_problem_at_its_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Survey"
    sheet.append(["respondent", "group", "outcome", "rating", "notes"])  # row 1: an extra column
    sheet.append(["ann", PM, ISR, 7])  # row 2: rating 7
    sheet.append(["ann", PM, "improved-succes-rates", 3])  # row 3: unknown outcome
    sheet.append([])  # row 4: blank, accepted
    sheet.append(["bob", PM, ISR, "four"])  # row 5: text for a number
    sheet.append(["bob", PM, RRE, "=2+2"])  # row 6: a formula
    sheet.append(["cat", 12, ISR, 3])  # row 7: a number for a group
    sheet.append(["dan", PM, ISR, 3, None, "stray"])  # row 8: a value with no heading
    sheet.append(["eve", PM, ISR, 3])
    sheet.merge_cells("A10:B10")  # row 10: merged cells (empty ones)
    book.save(tmp_path / "hostile.xlsx")
    with pytest.raises(ValidationError) as caught:
        read_survey(tmp_path / "hostile.xlsx")
    assert str(caught.value) == "\n".join(
        [
            f"{tmp_path / 'hostile.xlsx'}: 8 problems:",
            "  Survey!E1: unknown column 'notes'; the columns are respondent, group, customer, weight, outcome, name, rating, rank, moscow",
            "  Survey!D2: 7 is not a rating from 1 to 5",
            "  Survey!C3: unknown outcome 'improved-succes-rates'; did you mean 'improved-success-rates'?",
            "  Survey!D5: 'four' is not a rating from 1 to 5",
            "  Survey!D6: a formula (=2+2); type the value itself",
            "  Survey!B7: unknown customer group '12'",
            "  Survey!F8: 'stray' is in a column with no heading",
            "  Survey!A10: merged cells A10:B10; unmerge them and fill every cell",
        ]
    )


def test_missing_columns_and_two_answer_columns(tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text("respondent,outcome,rating,rank\nann,x,1,1\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_survey(tmp_path / "s.csv")
    assert [str(p) for p in caught.value.problems] == [
        "s!A1: missing column 'group'",
        "s!A1: expected one answer column, rating, rank or moscow; found rating, rank",
    ]


def test_not_a_workbook_and_unknown_suffix(tmp_path: Path) -> None:
    (tmp_path / "s.xlsx").write_text("hello", encoding="utf-8")
    with pytest.raises(ValidationError, match="not an Excel workbook"):
        read_survey(tmp_path / "s.xlsx")
    (tmp_path / "s.ods").write_text("hello", encoding="utf-8")
    with pytest.raises(
        ValidationError, match=r"unknown file type '\.ods'; expected \.csv or \.xlsx"
    ):
        read_survey(tmp_path / "s.ods")
    with pytest.raises(FileNotFoundError):
        read_survey(tmp_path / "none.csv")


def _filled_assessment(folder: Path, suffix: str = ".xlsx") -> openpyxl.Workbook:
    write_assessment_template(folder / f"template{suffix}", 7)
    book = openpyxl.load_workbook(folder / "template.xlsx")
    sheet = book.active
    assert sheet is not None
    for column, (who, rating) in enumerate([("ann", 5), ("bob", 4), ("cat", 3)], start=4):
        sheet.cell(2, column, who)
        for row in range(3, 23):
            sheet.cell(row, column, rating)
    sheet.cell(4, 6, 4)  # cat rates the second statement 4: 5, 4, 4 agree
    return book


def test_assessment_round_trip_three_respondents(tmp_path: Path) -> None:
    write_assessment_template(tmp_path / "template.xlsx", 7)
    sheet = openpyxl.load_workbook(tmp_path / "template.xlsx").active
    assert sheet is not None
    assert [sheet.cell(1, c).value for c in (1, 2)] == ["step", 7]
    assert sheet.max_row == 2 + 20
    assert [str(v.sqref) for v in sheet.data_validations.dataValidation] == ["D3:Z22"]
    book = _filled_assessment(tmp_path)
    book.save(tmp_path / "filled.xlsx")
    team = read_survey(tmp_path / "filled.xlsx")
    assert isinstance(team, TeamAssessment)
    # totals 100, 80, 61 (cat: 20 x 3 + 1); mean 241/3 in Good (76-88)
    assert [s.total for s in team.scores.values()] == [100, 80, 61]
    assert math.isclose(team.mean, 241 / 3)
    assert team.band is AssessmentBand.GOOD
    assert team.bands["cat"] is AssessmentBand.AVERAGE
    assert [s.disagreement for s in team["monitoring-framework"].statements[:2]] == [True, False]


def test_assessment_csv_round_trip(tmp_path: Path) -> None:
    write_assessment_template(tmp_path / "t.csv", 7)
    rows = list(csv.reader((tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()))
    rows[1] += ["ann", "bob"]
    for row in rows[2:]:
        row += ["4", "2"]
    with (tmp_path / "t.csv").open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    team = read_survey(tmp_path / "t.csv")
    assert isinstance(team, TeamAssessment)
    assert (team.mean, len(team.disagreements)) == (60.0, 20)  # 80 and 40; every statement 4 vs 2


def test_hostile_assessment_sheet(tmp_path: Path) -> None:
    book = _filled_assessment(tmp_path)
    sheet = book.active
    assert sheet is not None
    sheet["E5"] = 9
    sheet["F6"] = None
    sheet["A7"] = "sla-complianc"
    sheet["G8"] = 3  # no respondent heads column G
    sheet["D9"] = "=4"
    sheet.delete_rows(22)
    book.save(tmp_path / "hostile.xlsx")
    with pytest.raises(ValidationError) as caught:
        read_survey(tmp_path / "hostile.xlsx")
    assert [str(p) for p in caught.value.problems] == [
        "Step 7!E5: 9 is not a rating from 1 to 5",
        "Step 7!F6: missing: cat's rating",
        "Step 7!A7: unknown section 'sla-complianc'; did you mean 'sla-compliance'?",
        "Step 7!G8: 3 is in a column with no respondent's name",
        "Step 7!D9: a formula (=4); type the value itself",
        "Step 7!D9: missing: ann's rating",
        "Step 7!A22: missing the row of section 'monitoring-framework', statement 5",
        "Step 7!A22: missing the row of section 'customer-feedback', statement 5",
    ]


def test_without_openpyxl_csv_works_and_xlsx_names_the_extra(tmp_path: Path) -> None:
    script = f"""
import sys
sys.modules["openpyxl"] = None  # what a missing package looks like to import
from valuering.surveys import write_expectation_template
write_expectation_template({str(tmp_path / "t.csv")!r})
try:
    write_expectation_template({str(tmp_path / "t.xlsx")!r})
except ImportError as error:
    print(type(error).__name__, error)
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out == (
        "OptionalDependencyError writing .xlsx files needs the optional package 'openpyxl'; "
        "install it with: pip install 'valuering[excel]'\n"
    )
    assert (tmp_path / "t.csv").exists()
