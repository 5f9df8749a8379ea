"""Competence fit (formula 9 in docs/design.md), computed by hand."""

from __future__ import annotations

import pytest

from valuering import PMO, ServiceOffering, TeamMember, competence_fit, examples
from valuering.errors import ValidationError

# risk-management (S24) needs: accuracy, analytical-skills, communication, decision-making,
# problem-solving, process-management, risk-management, strategic-thinking, teamwork, time-management.
# data-analytics-and-reporting (S16) needs: communication, continuous-improvement, problem-solving,
# time-management.
PMO_ = PMO(
    id="p",
    name="P",
    offerings=(
        ServiceOffering(id="risk", service="risk-management", maturity=2, owner="owen"),
        ServiceOffering(id="reports", service="data-analytics-and-reporting", maturity=2),
    ),
    team=(
        TeamMember(
            id="mia",
            name="Mia",
            offerings=("risk",),
            proficiency={
                "accuracy": 4,
                "analytical-skills": 3,
                "communication": 2,
                "risk-management": 5,
            },
        ),
        # Owns "risk" without listing it: the owner counts as part of the offering's team.
        TeamMember(
            id="owen",
            name="Owen",
            proficiency={"communication": 4, "teamwork": 3, "time-management": 1},
        ),
        TeamMember(
            id="pia",
            name="Pia",
            offerings=("reports",),
            proficiency={"problem-solving": 5, "communication": 3},
        ),
    ),
)


def test_fit_by_hand() -> None:
    result = competence_fit(PMO_)
    risk = result["risk"]
    # Bests: accuracy 4, analytical 3, communication max(2, 4) = 4, decision 0, problem-solving 0
    # (Pia is not on "risk"), process 0, risk 5, strategic thinking 0, teamwork 3, time 1 -> 20 / 50.
    assert risk.fit == pytest.approx(0.4)
    assert risk.members == ("mia", "owen")
    assert risk.best["communication"] == 4
    assert [(g.competence, g.best) for g in risk.gaps] == [
        ("decision-making", 0),
        ("problem-solving", 0),
        ("process-management", 0),
        ("strategic-thinking", 0),
        ("time-management", 1),
    ]
    reports = result["reports"]
    # communication 3, continuous improvement 0, problem-solving 5, time 0 -> 8 / 20.
    assert reports.fit == pytest.approx(0.4)
    assert [g.competence for g in reports.gaps] == ["continuous-improvement", "time-management"]


def test_most_missing_competences_team_wide() -> None:
    missing = competence_fit(PMO_).missing
    # time-management is below 3 on both offerings; the others on one each, in catalog order
    # (C8, C11, C19, C20, C27).
    assert [(m.competence, m.offerings) for m in missing] == [
        ("time-management", ("reports", "risk")),
        ("continuous-improvement", ("reports",)),
        ("decision-making", ("risk",)),
        ("problem-solving", ("risk",)),
        ("process-management", ("risk",)),
        ("strategic-thinking", ("risk",)),
    ]
    assert missing[0].name == "Time management"


def test_required_level_is_a_parameter() -> None:
    risk = competence_fit(PMO_, required=4)["risk"]
    # At level 4, analytical skills (3) and teamwork (3) become gaps as well: 7 in all.
    assert len(risk.gaps) == 7
    assert {g.required for g in risk.gaps} == {4}
    assert [g.competence for g in competence_fit(PMO_, required=1)["risk"].gaps] == [
        "decision-making",
        "problem-solving",
        "process-management",
        "strategic-thinking",
    ]


@pytest.mark.parametrize("required", [0, 6, 2.5, "3", True])
def test_bad_required_level(required: object) -> None:
    with pytest.raises(ValidationError, match=r"required: .* is not a proficiency level in 1\.\.5"):
        competence_fit(PMO_, required=required)  # type: ignore[arg-type]


def test_offering_without_team_has_zero_fit() -> None:
    pmo = PMO(
        id="p",
        name="P",
        offerings=(ServiceOffering(id="qa", service="quality-assurance", maturity=1),),
    )
    fit = competence_fit(pmo)["qa"]
    assert fit.fit == 0.0
    assert fit.members == ()
    assert len(fit.gaps) == 7  # S23 needs 7 competences, none covered


def test_records_frame_and_example() -> None:
    records = competence_fit(PMO_).to_records()
    assert records[1] == {
        "offering": "reports",
        "offering_name": "Data analytics and reporting",
        "service": "data-analytics-and-reporting",
        "service_name": "Data analytics and reporting",
        "members": "pia",
        "fit": pytest.approx(0.4),
        "gaps": "continuous-improvement, time-management",
    }
    result = competence_fit(examples.load("northwind-energy"))
    assert len(result.to_frame()) == 12
    # reporting (S16) is staffed by Ravi alone: communication 3, continuous improvement 3,
    # problem-solving 4, time management 4 -> 14 / 20.
    assert result["reporting"].fit == pytest.approx(0.7)
    assert "most missing" in repr(result)
