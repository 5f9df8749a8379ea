"""Recommendation scores S_s = sum_o D_o * M_{o,s}, computed by hand on a small model."""

from __future__ import annotations

import math
import re

import pytest

from valuering import (
    PMO,
    Customer,
    ServiceOffering,
    ValidationError,
    examples,
    pmi_2025,
    priorities_from_moscow,
    priorities_from_ranking,
    recommend_services,
    smallest_mix,
)
from valuering.demand import outcome_demand
from valuering.errors import UnknownIdError
from valuering.scoring import MOSCOW_PRIORITIES


@pytest.fixture
def small(two_customers: tuple[Customer, ...]) -> PMO:
    """D = prioritisation 3/8, ROI 3/8, success rates 1/16, decision-making 3/16 (conftest)."""
    return PMO(
        id="small",
        name="Small PMO",
        customers=two_customers,
        offerings=(
            ServiceOffering(id="pfm", service="portfolio-management", maturity=2, target=4),
            ServiceOffering(id="reporting", service="data-analytics-and-reporting", maturity=2),
        ),
    )


def test_scores_by_hand(small: PMO) -> None:
    result = recommend_services(small)
    scores = {s.service: s.score for s in result}
    # S2 benefits realisation serves prioritisation (5) and ROI (14): 3/8 + 3/8.
    assert scores["benefits-realization-management"] == pytest.approx(0.75)
    # S6 portfolio management: prioritisation + ROI (and 11, 12, 17, not expected): 0.75.
    assert scores["portfolio-management"] == pytest.approx(0.75)
    # S1 advice: prioritisation 3/8 + decision-making 3/16 = 9/16.
    assert scores["advice-to-executive-level"] == pytest.approx(0.5625)
    # S16 reporting: decision-making only, 3/16.
    assert scores["data-analytics-and-reporting"] == pytest.approx(0.1875)
    # S24 risk: success rates only, 1/16.
    assert scores["risk-management"] == pytest.approx(0.0625)
    # S3 foster culture serves none of the four outcomes.
    assert scores["foster-project-culture"] == 0.0
    assert len(result) == 26


def test_ranking_ties_by_catalog_number(small: PMO) -> None:
    ranked = [s.service for s in recommend_services(small)]
    # 0.75 tie: S2 before S6; 9/16 tie: S1 before S7.
    assert ranked[:4] == [
        "benefits-realization-management",
        "portfolio-management",
        "advice-to-executive-level",
        "strategic-planning-support",
    ]
    assert [s.rank for s in recommend_services(small)] == list(range(1, 27))


def test_contributions_explain_the_score(small: PMO) -> None:
    advice = recommend_services(small).get("advice-to-executive-level")
    assert [(c.outcome, c.demand, c.strength, c.amount) for c in advice.contributions] == [
        ("better-project-prioritization", 0.375, 1.0, 0.375),
        ("enhanced-decision-making", 0.1875, 1.0, 0.1875),
    ]


def test_offered_services_are_marked(small: PMO) -> None:
    result = recommend_services(small)
    assert result.get("portfolio-management").offered_as == ("pfm",)
    assert result.get("portfolio-management").offered
    assert not result.get("benefits-realization-management").offered
    assert [s.service for s in result.top(2, offered=False)] == [
        "benefits-realization-management",
        "advice-to-executive-level",
    ]


def test_no_expectations_scores_zero() -> None:
    result = recommend_services(PMO(id="empty", name="Empty"))
    assert {s.score for s in result} == {0.0}
    assert result.services[0].service == "advice-to-executive-level"  # catalog order on a full tie


def test_records_and_frame(small: PMO) -> None:
    result = recommend_services(small)
    first = result.to_records()[0]
    assert first == {
        "rank": 1,
        "service": "benefits-realization-management",
        "service_name": "Benefits realization management",
        "category": "strategic",
        "score": 0.75,
        "offered": False,
        "offerings": "",
        "outcomes": "better-project-prioritization, higher-return-on-investment",
    }
    frame = result.to_frame()
    assert list(frame.columns) == list(first)
    assert len(frame) == 26
    assert (
        repr(result)
        == "<Recommendations: 26 services; top: benefits-realization-management 75.0 %>"
    )
    assert result[0] is result.services[0]
    assert [s.service for s in result[:2]] == [s.service for s in result.top(2)]


def test_unknown_service_lookup(small: PMO) -> None:
    with pytest.raises(UnknownIdError, match="did you mean 'risk-management'"):
        recommend_services(small).get("risk-managment")


def test_priorities_from_ranking_rule() -> None:
    result = priorities_from_ranking(["a-1", "b-2", "c-3", "d-4"])
    # n = 4: positions 1..4 get 4, 3, 2, 1.
    assert [(e.outcome, e.priority) for e in result] == [
        ("a-1", 4.0),
        ("b-2", 3.0),
        ("c-3", 2.0),
        ("d-4", 1.0),
    ]
    assert priorities_from_ranking([]) == ()


def test_priorities_from_ranking_rejects_repeats() -> None:
    with pytest.raises(ValidationError) as info:
        priorities_from_ranking(["a-1", "b-2", "a-1"])
    assert str(info.value.problems[0]) == "[2]: outcome 'a-1' is ranked twice (first at [0])"


def test_priorities_from_moscow_rule() -> None:
    result = priorities_from_moscow(
        {"c-1": "could", "m-1": "MUST", "s-1": "should", "w-1": "won't", "m-2": "must-have"}
    )
    # must 3, should 2, could 1, won't left out; equal priorities keep the order given.
    assert [(e.outcome, e.priority) for e in result] == [
        ("m-1", 3.0),
        ("m-2", 3.0),
        ("s-1", 2.0),
        ("c-1", 1.0),
    ]
    assert MOSCOW_PRIORITIES["must"] == 3.0


def test_priorities_from_moscow_custom_points() -> None:
    points = {"must": 10.0, "should": 5.0, "could": 1.0, "wont": 0.0}
    result = priorities_from_moscow({"a-1": "should", "b-1": "must"}, priorities=points)
    assert [(e.outcome, e.priority) for e in result] == [("b-1", 10.0), ("a-1", 5.0)]


def test_priorities_from_moscow_names_bad_labels() -> None:
    with pytest.raises(ValidationError) as info:
        priorities_from_moscow({"a-1": "shuold", "b-1": 3})  # type: ignore[dict-item]
    messages = [str(p) for p in info.value.problems]
    assert messages[0].startswith("a-1: 'shuold' is not a MoSCoW label")
    assert messages[0].endswith("did you mean 'should'?")
    assert messages[1].startswith("b-1: 3 is not a MoSCoW label")


def test_helpers_feed_a_model() -> None:
    customer = Customer(
        id="cfo",
        name="CFO",
        group="executives-and-senior-management",
        expectations=priorities_from_ranking(
            ["higher-return-on-investment", "better-project-prioritization"]
        ),
    )
    pmo = PMO(id="p", name="P", customers=(customer,))
    # D: ROI 2/3, prioritisation 1/3; S6 serves both -> 1.0; S19 serves ROI only -> 2/3.
    scores = {s.service: s.score for s in recommend_services(pmo)}
    assert scores["portfolio-management"] == pytest.approx(1.0)
    assert scores["performance-management"] == pytest.approx(2 / 3)


def test_priorities_helpers_reject_the_wrong_shape() -> None:
    # A single string would otherwise be ranked letter by letter.
    with pytest.raises(ValidationError, match="expected a list of outcome ids, got 'abc'"):
        priorities_from_ranking("abc")
    with pytest.raises(ValidationError, match="expected a table of outcome ids to MoSCoW labels"):
        priorities_from_moscow(["must"])  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as info:
        priorities_from_moscow({"a-1": "must"}, priorities={"must": "3", "could": -1.0})  # type: ignore[dict-item]
    assert [str(p) for p in info.value.problems] == [
        "priorities.must: '3' is not a number of points (0 or more)",
        "priorities.could: -1.0 is not a number of points (0 or more)",
    ]


def test_unknown_expected_outcome_is_named(small: PMO) -> None:
    typo = Customer(
        id="c",
        name="C",
        group="project-managers",
        expectations=priorities_from_ranking(["improved-succes-rates"]),
    )
    pmo = PMO(id="p", name="P", customers=(*small.customers, typo), offerings=small.offerings)
    expected = "customers[2].expectations[0].outcome: unknown outcome id 'improved-succes-rates'"
    with pytest.raises(ValidationError, match=re.escape(expected)):
        recommend_services(pmo)
    with pytest.raises(ValidationError, match=re.escape(expected)):
        smallest_mix(pmo)


def test_example_scores_follow_the_formula() -> None:
    # S_s = sum_o D_o * M_{o,s}, recomputed from the demand and the catalog strengths.
    pmo = examples.load("northwind-energy")
    demand = outcome_demand(pmo)
    expected = {
        s.id: math.fsum(demand.get(o, 0.0) * m for o, m in s.outcomes.items())
        for s in pmi_2025().services.values()
    }
    result = recommend_services(pmo)
    assert {s.service: s.score for s in result} == pytest.approx(expected)
    assert [s.service for s in result.top(3)] == [
        "portfolio-management",
        "performance-management",
        "benefits-realization-management",
    ]
    assert result.get("portfolio-management").score == pytest.approx(0.3519, abs=5e-5)
