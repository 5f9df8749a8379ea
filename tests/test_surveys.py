"""Surveys: expectations from many respondents and team self-assessments, worked by hand."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import valuering as vr
from valuering.errors import ValidationError
from valuering.scoring import AssessmentBand, self_assessment
from valuering.surveys import Response, expectations_from_survey, team_assessment

PM, EXEC = "project-managers", "executives-and-senior-management"
ISR, RRE = "improved-success-rates", "reduction-of-risk-exposure"
ROI, BPP = "higher-return-on-investment", "better-project-prioritization"


def _same(customer: vr.Customer, expected: list[tuple[str, float]]) -> bool:
    """The customer's expectations are these, in this order, to rounding."""
    got = [(e.outcome, e.priority) for e in customer.expectations]
    return [o for o, _ in got] == [o for o, _ in expected] and all(
        math.isclose(a, b) for (_, a), (_, b) in zip(got, expected, strict=True)
    )


def test_ratings_of_three_respondents_by_hand() -> None:
    survey = expectations_from_survey(
        [
            Response("ann", PM, ISR, 4, customer="pm", weight=2),
            Response("ann", PM, RRE, 2, customer="pm"),
            Response("bob", PM, ISR, 5, customer="pm"),
            Response("cat", EXEC, ROI, 3),
            Response("cat", EXEC, BPP, 3.0),  # a sheet's 3.0 is a rating of 3
        ]
    )
    assert list(survey) == ["pm", EXEC]
    # ann: 4/6, 2/6; bob: 1 -> success rates (2/3 + 1) / 2 = 5/6, risk (1/3 + 0) / 2 = 1/6
    assert _same(survey["pm"], [(ISR, 5 / 6), (RRE, 1 / 6)])
    assert survey["pm"].weight == 2
    assert survey.respondents == {"pm": 2, EXEC: 1}
    # cat speaks for the group: its id is the group's, its name the catalog's, weight 1
    executives = survey[EXEC]
    assert (executives.name, executives.weight) == ("Executives and senior management", 1.0)
    assert _same(executives, [(ROI, 0.5), (BPP, 0.5)])
    # formula 1 on the result: W_pm = 2/3, W_exec = 1/3
    pmo = vr.PMO(id="p", name="P", customers=survey.customers)
    demand = vr.outcome_demand(pmo)
    assert dict(demand) == pytest.approx(
        {ISR: 2 / 3 * 5 / 6, RRE: 2 / 3 * 1 / 6, ROI: 1 / 6, BPP: 1 / 6}
    )
    assert repr(survey) == (
        "<SurveyExpectations: 2 customers; 4 expectations; 3 respondents; by rating>"
    )
    records = survey.to_records()
    assert records[0] == {
        "customer": "pm",
        "customer_name": "pm",
        "group": PM,
        "weight": 2.0,
        "respondents": 2,
        "outcome": ISR,
        "outcome_name": "Improved success rates",
        "priority": pytest.approx(5 / 6),
    }


def test_ranks_become_borda_points_per_respondent() -> None:
    survey = expectations_from_survey(
        [
            Response("ann", PM, ISR, 1),
            Response("ann", PM, RRE, 2),
            Response("ann", PM, BPP, 3),
            Response("bob", PM, RRE, 1),
            Response("bob", PM, ISR, 2),
        ],
        method="rank",
    )
    # ann: 3, 2, 1 points -> 1/2, 1/3, 1/6; bob: 2, 1 -> 2/3, 1/3
    # risk (1/3 + 2/3) / 2 = 1/2, success (1/2 + 1/3) / 2 = 5/12, prioritisation 1/12
    assert _same(survey[PM], [(RRE, 1 / 2), (ISR, 5 / 12), (BPP, 1 / 12)])


def test_moscow_wont_only_respondent_has_no_part_in_the_mean() -> None:
    survey = expectations_from_survey(
        [
            Response("ann", PM, ISR, "Must"),
            Response("ann", PM, RRE, "could"),
            Response("ann", PM, BPP, "won't"),
            Response("bob", PM, ISR, "wont"),
            Response("cat", PM, ISR, "should"),
        ],
        method="moscow",
    )
    # ann: 3, 1 -> 3/4, 1/4; bob expects nothing; cat: 1 -> success (3/4 + 1) / 2 = 7/8, risk 1/8
    assert _same(survey[PM], [(ISR, 7 / 8), (RRE, 1 / 8)])
    assert survey.respondents[PM] == 3


def test_every_problem_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        expectations_from_survey(
            [
                {"respondent": "ann", "group": "project-manager", "outcome": ISR, "answer": 7},
                {"respondent": "ann", "group": PM, "outcome": ISR, "answer": 2, "note": "x"},
                {"respondent": "", "group": PM, "outcome": "roi", "answer": "4"},
                Response("bob", PM, ISR, 2, customer="pm", weight=1),
                Response("bob", PM, RRE, 2, customer="pm", weight=3),
                Response("bob", PM, ISR, 3, customer="pm"),
                Response("bob", EXEC, ROI, 3, customer="other", weight=0),
            ]
        )
    assert [str(p) for p in caught.value.problems] == [
        "responses[0].group: unknown customer group 'project-manager'; did you mean 'project-managers'?",
        "responses[0].answer: 7 is not a rating from 1 to 5",
        "responses[1].note: unknown field",
        "responses[2].respondent: '' is not a respondent's name",
        "responses[2].outcome: unknown outcome 'roi'",
        "responses[2].answer: '4' is not a rating from 1 to 5",
        "responses[6].weight: 0 is not a weight (a number above 0)",
        "responses[4].weight: customer 'pm' has weight 1 above",
        "responses[5].outcome: 'bob' answered 'improved-success-rates' already at responses[3].outcome",
    ]


def test_rank_given_twice_and_respondent_in_two_customers() -> None:
    with pytest.raises(ValidationError) as caught:
        expectations_from_survey(
            [
                Response("ann", PM, ISR, 1),
                Response("ann", PM, RRE, 1),
                Response("ann", EXEC, ROI, 3),
            ],
            method="rank",
        )
    assert [str(p) for p in caught.value.problems] == [
        "responses[1].answer: 'ann' gave rank 1 already at responses[0].answer",
        "responses[2].respondent: 'ann' answers for customer 'project-managers' at responses[0].respondent",
    ]


def test_unknown_method_names_the_choices() -> None:
    with pytest.raises(ValidationError, match="method"):
        expectations_from_survey([], method="stars")


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["ann", "bob", "cat", "dan"]),
            st.sampled_from([ISR, RRE, ROI, BPP]),
            st.integers(1, 5),
        ),
        min_size=1,
        max_size=16,
        unique_by=lambda t: (t[0], t[1]),
    )
)
def test_each_customers_priorities_sum_to_one(answers: list[tuple[str, str, int]]) -> None:
    survey = expectations_from_survey(Response(r, PM, o, a) for r, o, a in answers)
    assert math.isclose(sum(e.priority for e in survey[PM].expectations), 1)
    # the order of the rows changes nothing but the order of ties
    backwards = expectations_from_survey(Response(r, PM, o, a) for r, o, a in reversed(answers))
    mine = {e.outcome: e.priority for e in survey[PM].expectations}
    theirs = {e.outcome: e.priority for e in backwards[PM].expectations}
    assert mine.keys() == theirs.keys()
    assert all(math.isclose(mine[o], theirs[o]) for o in mine)


def _ratings(step: int, value: int, **changes: tuple[int, ...]) -> dict[str, list[int]]:
    ratings = {s.id: [value] * 5 for s in self_assessment(step).sections}
    ratings.update({k.replace("_", "-"): list(v) for k, v in changes.items()})
    return ratings


def test_team_assessment_of_three_respondents_by_hand() -> None:
    team = team_assessment(
        7,
        {
            "ann": _ratings(7, 5),  # 20 statements rated 5: 100
            "bob": _ratings(7, 4),  # 80
            "cat": _ratings(7, 3, monitoring_framework=(3, 4, 3, 3, 3)),  # 61
        },
    )
    first, second, third = team["monitoring-framework"].statements[:3]
    # 5, 4, 3: mean 4, deviation sqrt((1 + 0 + 1) / 3), range 2 -> disagreement
    assert (first.mean, first.low, first.high) == (4, 3, 5)
    assert first.deviation == pytest.approx(math.sqrt(2 / 3))
    assert first.disagreement
    # 5, 4, 4: mean 13/3, deviation sqrt(((2/3)^2 + 2 (1/3)^2) / 3) = sqrt(2/9), range 1 -> agreement
    assert second.mean == pytest.approx(13 / 3)
    assert second.deviation == pytest.approx(math.sqrt(2 / 9))
    assert not second.disagreement
    assert third.disagreement
    # section totals 25, 20, 16
    section = team["monitoring-framework"]
    assert section.mean == pytest.approx(61 / 3)
    assert (section.low, section.high, section.maximum) == (16, 25, 25)
    assert section.disagreements == 4
    # totals 100, 80, 61: mean 241/3 = 80.33, in Good (76-88)
    assert team.mean == pytest.approx(241 / 3)
    assert team.band is AssessmentBand.GOOD
    assert team.bands == {
        "ann": AssessmentBand.EXCELLENT,
        "bob": AssessmentBand.GOOD,
        "cat": AssessmentBand.AVERAGE,
    }
    assert len(team.disagreements) == 19  # every statement but the second of the first section
    assert repr(team) == (
        "<TeamAssessment: 3 respondents; step 7; mean 80.3333 of 100; Good; 19 disagreements>"
    )
    assert len(team.to_records()) == 20


def test_band_of_a_mean_between_bands_is_the_lower() -> None:
    team = team_assessment(
        7,
        {
            "a": _ratings(7, 5, sla_reporting=(1, 1, 1, 5, 5)),  # 100 - 12 = 88, Good
            "b": _ratings(7, 5, sla_reporting=(1, 1, 2, 5, 5)),  # 100 - 11 = 89, Excellent
        },
    )
    assert [s.total for s in team.scores.values()] == [88, 89]
    assert team.mean == 88.5  # has not reached Excellent's 89
    assert team.band is AssessmentBand.GOOD


def test_team_assessment_problems_name_the_respondent() -> None:
    with pytest.raises(ValidationError) as caught:
        team_assessment(7, {"ann": _ratings(7, 5, sla_reporting=(5, 5, 9, 5, 5)), "bob": {}})
    messages = [str(p) for p in caught.value.problems]
    assert messages[0] == "ann.sections.sla-reporting[2]: 9 is not a rating from 1 to 5"
    assert len(messages) == 5  # bob misses all four sections
    with pytest.raises(ValidationError, match="one at least"):
        team_assessment(7, {})
