"""`valuering survey template` and `valuering survey import`: round trips through a model file."""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path

import openpyxl
import pytest

import valuering as vr
from valuering.cli import main
from valuering.surveys import merge_survey, team_assessment

PM = "project-managers"
ISR, RRE = "improved-success-rates", "reduction-of-risk-exposure"
MODEL = """schema = "valuering/1"
id = "acme"
name = "Acme PMO"

[[customers]]
id = "pm"
name = "Project managers"
group = "project-managers"
weight = 3

[[customers.expectations]]
outcome = "better-project-prioritization"
"""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_template_fill_import_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model, sheet_file = tmp_path / "acme.toml", tmp_path / "survey.xlsx"
    model.write_text(MODEL, encoding="utf-8")
    code, out, _ = _run(capsys, "survey", "template", "expectations", "-o", str(sheet_file))
    assert (code, out) == (0, f"wrote {sheet_file}\n")
    book = openpyxl.load_workbook(sheet_file)
    sheet = book.active
    assert sheet is not None
    rows = {sheet.cell(r, 5).value: r for r in range(2, sheet.max_row + 1)}
    for who, outcome, rating in [("ann", ISR, 4), ("ann", RRE, 2)]:
        for column, value in enumerate([who, PM, "pm", None, outcome, None, rating], start=1):
            if value is not None:
                sheet.cell(rows[outcome], column, value)
    sheet.append(["bob", PM, "pm", None, ISR, None, 5])
    sheet.append(["cat", "executives-and-senior-management", "cfo", 2, ISR, None, 3])
    book.save(sheet_file)
    code, out, err = _run(capsys, "survey", "import", str(sheet_file), "--into", str(model))
    assert (code, err) == (0, "")
    assert out == (
        f"merged 2 customers (1 new) with 3 expectations from 3 respondents into {model}\n"
    )
    pmo = vr.load(model)
    pm, cfo = pmo.customers
    # pm keeps its name and weight 3; ann 4/6, 2/6 and bob 1: success rates 5/6, risk 1/6
    assert (pm.name, pm.weight) == ("Project managers", 3)
    assert [e.outcome for e in pm.expectations] == [ISR, RRE]
    assert math.isclose(pm.expectations[0].priority, 5 / 6)
    # the new customer cfo, weight 2 as given, expects success rates alone
    assert (cfo.id, cfo.weight, [(e.outcome, e.priority) for e in cfo.expectations]) == (
        "cfo",
        2,
        [(ISR, 1.0)],
    )
    # formula 1: W_pm = 3/5, W_cfo = 2/5
    assert math.isclose(vr.outcome_demand(pmo)[ISR], 3 / 5 * 5 / 6 + 2 / 5)


def test_assessment_import_keeps_one_assessment_of_rounded_means(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model, sheet_file = tmp_path / "acme.toml", tmp_path / "step7.csv"
    model.write_text(MODEL, encoding="utf-8")
    assert _run(capsys, "survey", "template", "assessment", "7", "-o", str(sheet_file))[0] == 0
    lines = sheet_file.read_text(encoding="utf-8").splitlines()
    lines[1] += ",ann,bob,cat"
    lines[2:] = [line + ",5,4,4" for line in lines[2:]]  # every statement: mean 13/3 -> 4
    lines[2] = lines[2].removesuffix(",5,4,4") + ",5,5,4"  # the first: mean 14/3 -> 5
    sheet_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = _run(
        capsys,
        "survey",
        "import",
        str(sheet_file),
        "--into",
        str(model),
        "--date",
        "2026-03-01",
        "--format",
        "json",
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    # totals 100, 81, 80: mean 87, Good (76-88)
    assert (data["respondents"], data["mean"], data["band"]) == (
        ["ann", "bob", "cat"],
        87.0,
        "good",
    )
    [stored] = vr.load(model).assessments
    assert (stored.date, stored.respondent) == (
        datetime.date(2026, 3, 1),
        "team of 3: ann, bob, cat",
    )
    assert stored.ratings["monitoring-framework"] == (5, 4, 4, 4, 4)
    assert stored.ratings["customer-feedback"] == (4, 4, 4, 4, 4)


def test_hostile_import_leaves_the_model_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model, sheet_file = tmp_path / "acme.toml", tmp_path / "s.csv"
    model.write_text(MODEL, encoding="utf-8")
    sheet_file.write_text(
        "respondent,group,outcome,rating\nann,project-managers,nope,7\n", encoding="utf-8"
    )
    code, out, err = _run(capsys, "survey", "import", str(sheet_file), "--into", str(model))
    assert (code, out) == (1, "")
    assert err == (
        f"valuering survey: {sheet_file}: 2 problems:\n"
        "  s!C2: unknown outcome 'nope'\n"
        "  s!D2: 7 is not a rating from 1 to 5\n"
    )
    assert model.read_text(encoding="utf-8") == MODEL
    assert sorted(tmp_path.iterdir()) == sorted([model, sheet_file])  # no temporary left


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("assessment",), "STEP: give the flywheel step (1-10 or its id)"),
        (("expectations", "7"), "STEP: an expectation sheet takes no step; use --method to choose"),
        (("assessment", "11"), "11"),
    ],
)
def test_template_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, _, err = _run(capsys, "survey", "template", *argv, "-o", str(tmp_path / "t.csv"))
    assert code == 1
    assert message in err
    assert not (tmp_path / "t.csv").exists()


def test_merge_survey_of_a_team_by_hand() -> None:
    ratings = {
        "a": {s: [5, 5, 5, 5, 5] for s in vr.scoring.self_assessment(7)},
        "b": {s: [4, 4, 4, 4, 4] for s in vr.scoring.self_assessment(7)},
    }
    team = team_assessment(7, ratings)
    pmo = vr.PMO(id="p", name="P")
    merged = merge_survey(pmo, team, date=datetime.date(2026, 1, 1))
    # means 4.5 round half up to 5
    assert merged.assessments[0].ratings["sla-reporting"] == (5, 5, 5, 5, 5)
    assert pmo.assessments == ()


def test_import_without_model_prints_the_results(capsys: pytest.CaptureFixture[str]) -> None:
    sheet_file = Path(__file__).parent / "data" / "survey-expectations.csv"
    code, out, _ = _run(capsys, "survey", "import", str(sheet_file))
    # ann 4, 2 -> 2/3, 1/3; bob 5 -> 1: 83.3 % and 16.7 %
    assert (code, out.splitlines()) == (
        0,
        [
            "<SurveyExpectations: 1 customer; 2 expectations; 2 respondents; by rating>",
            "  pm                       improved-success-rates                        83.3 %  (2 respondents)",
            "  pm                       reduction-of-risk-exposure                    16.7 %  (2 respondents)",
        ],
    )
