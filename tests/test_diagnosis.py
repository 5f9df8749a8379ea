"""Scenario diagnosis: hand-worked distributions, the crisis case, bad answers with their paths, the
distribution's invariants and ``valuering diagnose``."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuering import report, templates
from valuering.cli import main
from valuering.diagnosis import QUESTIONS, STRATEGIES, AnswerKind, diagnose, diagnose_model
from valuering.errors import ValidationError
from valuering.model import Scenario


def test_a_hand_worked_distribution() -> None:
    result = diagnose(
        {
            "value-not-perceived": 4,  # crisis, strength (4 - 1) / 4 = 0.75, weight 1
            "support-waning": 5,  # crisis, 1.0
            "processes-unused": "yes",  # crisis, 1.0
            "budget-cut": False,  # decline, 0.0
            "trend-executive-support": 2,  # worse by (3 - 2) / 2 = 0.5, weight 0.5 to crisis
            # and to decline; improvement 0 with weight 0.5 to growing and thriving
        }
    )
    # crisis: (0.75 + 1 + 1 + 0.5 * 0.5) / (1 + 1 + 1 + 0.5) = 3 / 3.5 = 6/7
    # decline: (0 + 0.5 * 0.5) / (1 + 0.5) = 1/6; growing, thriving: 0; the rest unanswered: 0
    # total 6/7 + 1/6 = 43/42, so crisis = (6/7) / (43/42) = 36/43, decline = 7/43
    assert result["crisis"].evidence == pytest.approx(6 / 7)
    assert result["crisis"].likelihood == pytest.approx(36 / 43)
    assert result["decline"].likelihood == pytest.approx(7 / 43)
    assert result["growing"].likelihood == 0
    assert result["growing"].answered == 1
    assert result.likeliest is Scenario.CRISIS
    # drivers in falling contribution: 1, 1 (questionnaire order kept), 0.75, 0.25
    assert [d.question for d in result.drivers] == [
        "support-waning",
        "processes-unused",
        "value-not-perceived",
        "trend-executive-support",
    ]
    assert [d.contribution for d in result.drivers] == [1, 1, 0.75, 0.25]
    assert repr(result) == "<Diagnosis: 8 scenarios; likeliest: crisis 83.7 %; 5 answers>"


def test_all_crisis_answers_name_crisis_and_its_strategies() -> None:
    answers: dict[str, object] = {
        q.id: "yes"
        for q in QUESTIONS
        if q.kind is AnswerKind.YES_NO and Scenario.CRISIS in q.evidence
    }
    answers |= {"value-not-perceived": 5, "support-waning": 5}
    result = diagnose(answers)
    assert result.likeliest is Scenario.CRISIS
    assert result["crisis"].likelihood == 1
    assert result.strategies == STRATEGIES[Scenario.CRISIS]
    assert "Draw up a crisis plan" in result.strategies
    assert len(result.drivers) == 9


def test_no_answers_or_neutral_answers_give_an_even_distribution() -> None:
    assert {row.likelihood for row in diagnose({}).values()} == {1 / 8}
    neutral = diagnose({q.id: 3 for q in QUESTIONS if q.kind is AnswerKind.RATING})
    assert {row.likelihood for row in neutral.values()} == {1 / 8}
    assert neutral.likeliest is Scenario.POTENTIAL  # the first of equals, in the guide's order


def test_bad_answers_are_one_error_with_every_path() -> None:
    with pytest.raises(ValidationError) as caught:
        diagnose(
            {"procesess-unused": "yes", "scaling-up": 6, "budget-cut": 1, "first-benefits": True}
        )
    problems = {p.path: p.message for p in caught.value.problems}
    assert problems == {
        "answers.procesess-unused": "unknown question; did you mean 'processes-unused'?",
        "answers.scaling-up": "6 is not an answer: expected a whole number from 1 to 5",
        "answers.budget-cut": "1 is not an answer: expected yes or no",
        "answers.first-benefits": "True is not an answer: expected a whole number from 1 to 5",
    }


def test_answers_in_a_model_file_have_model_paths() -> None:
    pmo = templates.load("hub-office")
    bad = attrs.evolve(pmo, extra={"diagnosis": {"scaling-up": 0}})
    with pytest.raises(ValidationError) as caught:
        diagnose_model(bad)
    assert [p.path for p in caught.value.problems] == ["extra.diagnosis.scaling-up"]
    good = attrs.evolve(pmo, extra={"diagnosis": {"scaling-up": 5}})
    assert diagnose_model(good).likeliest is Scenario.GROWING


def _fit(kind: AnswerKind, value: int) -> object:
    """A drawn number from 1 to 5 as an answer of ``kind``: yes-no questions take odd as yes."""
    return value % 2 == 1 if kind is AnswerKind.YES_NO else value


ANSWERS = st.dictionaries(st.sampled_from(QUESTIONS), st.integers(1, 5)).map(
    lambda picked: {q.id: _fit(q.kind, v) for q, v in picked.items()}
)


@given(ANSWERS)
def test_the_distribution_sums_to_one_and_the_likeliest_is_its_mode(
    answers: dict[str, object],
) -> None:
    result = diagnose(answers)
    assert sum(row.likelihood for row in result.values()) == pytest.approx(1)
    assert all(0 <= row.likelihood <= 1 for row in result.values())
    assert result[result.likeliest.value].likelihood == max(r.likelihood for r in result.values())


def test_every_scenario_has_questions_and_strategies() -> None:
    bearing = {s for q in QUESTIONS for s in (*q.evidence, *q.against)}
    assert bearing == set(Scenario)
    assert set(STRATEGIES) == set(Scenario)
    assert len({q.id for q in QUESTIONS}) == len(QUESTIONS) == 39


def test_the_command_reads_answers_from_the_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "hub.toml"
    model.write_text(
        templates.path("hub-office").read_text()
        + '\n[extra.diagnosis]\nstopped-functioning = 5\nleadership-churn = "no"\n'
    )
    assert main(["diagnose", str(model)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Likeliest scenario: collapse (100.0 %), from 2 answers.")
    assert "Capture the lessons learned" in out
    assert main(["diagnose", str(model), "--format", "json"]) == 0
    assert '"likeliest": "collapse"' in capsys.readouterr().out


def test_the_blank_questionnaire_pasted_into_a_model_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diagnose", "--template"]) == 0
    blank = capsys.readouterr().out
    assert blank == report.questionnaire_template()
    assert (
        blank.count("\n# ") == len(QUESTIONS) + 5
    )  # every question, 3 group titles, 2 lines of help
    model = tmp_path / "m.toml"
    model.write_text(
        templates.path("hub-office").read_text()
        + "\n"
        + blank.replace("# scaling-up", "scaling-up")
    )
    assert main(["diagnose", str(model)]) == 0
    assert "from 1 answer." in capsys.readouterr().out


def test_the_command_wants_a_model_or_the_template(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["diagnose"])
    assert "--template" in capsys.readouterr().err
