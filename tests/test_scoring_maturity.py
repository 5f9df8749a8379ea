"""Appendix X3 maturity percentages, the overall extension and the gaps, computed by hand."""

from __future__ import annotations

import pytest

from valuering import (
    PMO,
    Customer,
    ServiceCategory,
    ServiceOffering,
    examples,
    maturity_by_category,
    maturity_gaps,
    overall_maturity,
)
from valuering.errors import ValidationError
from valuering.scoring import CategoryMaturity


def _run(number: int, level: int, target: int | None = None) -> ServiceOffering:
    from valuering import pmi_2025

    service = pmi_2025().service_number(number)
    return ServiceOffering(id=f"s{number}", service=service.id, maturity=level, target=target)


X3 = PMO(
    id="x3",
    name="X3 example",
    offerings=(
        _run(1, 3),
        _run(6, 2),
        _run(9, 4),
        _run(12, 3),
        _run(16, 2),
        _run(19, 3),
        _run(24, 1),
    ),
)


def test_x3_percentages() -> None:
    result = maturity_by_category(X3)
    assert result["strategic"] == 50.0  # services 1 = 3, 6 = 2: 100 * 5 / (5 * 2)
    assert result["tactical"] == 70.0  # services 9 = 4, 12 = 3: 100 * 7 / (5 * 2)
    assert result["operational"] == 40.0  # 16 = 2, 19 = 3, 24 = 1: 100 * 6 / (5 * 3)
    assert result.to_records() == [
        {"category": "strategic", "services": 2, "offerings": 2, "total": 5, "percent": 50.0},
        {"category": "tactical", "services": 2, "offerings": 2, "total": 7, "percent": 70.0},
        {"category": "operational", "services": 3, "offerings": 3, "total": 6, "percent": 40.0},
    ]
    assert dict(result) == {"strategic": 50.0, "tactical": 70.0, "operational": 40.0}
    assert repr(result) == (
        "<MaturityByCategory: 3 categories; strategic 50.0 %, tactical 70.0 %, operational 40.0 %>"
    )


def test_x3_counts_a_service_once_at_the_mean_of_its_offerings() -> None:
    pmo = PMO(
        id="p",
        name="P",
        offerings=(
            ServiceOffering(id="pfm-east", service="portfolio-management", maturity=2),
            ServiceOffering(id="pfm-west", service="portfolio-management", maturity=4),
            ServiceOffering(id="advice", service="advice-to-executive-level", maturity=5),
            ServiceOffering(id="risk", service="risk-management", maturity=3),
        ),
    )
    result = maturity_by_category(pmo)
    # Strategic services: portfolio management at (2 + 4) / 2 = 3, advice at 5:
    # 100 * (3 + 5) / (5 * 2) = 80.0 (counting offerings would give 100 * 11 / 15 = 73.3).
    assert result["strategic"] == 80.0
    assert result["operational"] == 60.0  # risk management alone: 100 * 3 / 5
    assert result.categories[0] == CategoryMaturity(ServiceCategory.STRATEGIC, 2, 3, 8.0, 80.0)
    pfm = next(s for s in result.services if s.service == "portfolio-management")
    assert (pfm.offerings, pfm.levels, pfm.level) == (("pfm-east", "pfm-west"), (2, 4), 3.0)
    assert result.offering_levels == {"pfm-east": 2, "pfm-west": 4, "advice": 5, "risk": 3}
    # Overall, the same rule over all three services: 100 * (3 + 5 + 3) / (5 * 3).
    overall = overall_maturity(pmo)
    assert overall.percent == pytest.approx(1100 / 15)
    assert (len(overall), overall.offerings, overall["portfolio-management"]) == (3, 4, 3.0)
    assert overall.offering_levels["pfm-west"] == 4


def test_category_without_offerings_is_none_not_zero() -> None:
    pmo = PMO(id="p", name="P", offerings=(_run(16, 2),))
    result = maturity_by_category(pmo)
    assert result["strategic"] is None
    assert result["tactical"] is None
    assert result["operational"] == 40.0  # 100 * 2 / 5
    assert maturity_by_category(PMO(id="e", name="E")).to_frame()["percent"].isna().all()


def test_overall_maturity_extension() -> None:
    result = overall_maturity(X3)
    # 3 + 2 + 4 + 3 + 2 + 3 + 1 = 18 over 7 offerings: 100 * 18 / 35.
    assert result.percent == pytest.approx(1800 / 35)
    assert result.mean_level == pytest.approx(18 / 7)
    assert result.total == 18
    assert result.to_records()[0] == {
        "service": "advice-to-executive-level",
        "service_name": "Advice to executive level",
        "category": "strategic",
        "offerings": "s1",
        "levels": "3",
        "level": 3.0,
    }
    assert len(result.to_records()) == len(result) == 7
    assert overall_maturity(PMO(id="e", name="E")).percent is None


def test_unknown_service_is_a_clear_error() -> None:
    pmo = PMO(
        id="p", name="P", offerings=(ServiceOffering(id="a", service="risk-managment", maturity=2),)
    )
    with pytest.raises(ValidationError, match="did you mean 'risk-management'"):
        maturity_by_category(pmo)


def test_gaps_and_priorities_by_hand(two_customers: tuple[Customer, ...]) -> None:
    # D: prioritisation 3/8, ROI 3/8, success rates 1/16, decision-making 3/16 (conftest).
    pmo = PMO(
        id="p",
        name="P",
        customers=two_customers,
        offerings=(
            _run(6, 2, target=4),  # gap 2 * S6 0.75 = 1.5
            _run(1, 3, target=4),  # gap 1 * S1 9/16 = 0.5625
            _run(16, 2, target=5),  # gap 3 * S16 3/16 = 0.5625 (tie with s1, broken by id)
            _run(24, 1, target=3),  # gap 2 * S24 1/16 = 0.125
            _run(12, 3),  # no target: gap 0
            _run(9, 4, target=3),  # above target: gap 0
        ),
    )
    gaps = maturity_gaps(pmo)
    assert [(g.offering, g.gap, g.priority) for g in gaps] == [
        ("s6", 2, 1.5),
        ("s1", 1, 0.5625),
        ("s16", 3, 0.5625),
        ("s24", 2, 0.125),
        ("s12", 0, 0.0),
        ("s9", 0, 0.0),
    ]
    assert [g.offering for g in gaps.open()] == ["s6", "s1", "s16", "s24"]
    first = gaps.gaps[0]
    assert (first.level_name, first.target_level_name) == (
        "Structured selection and prioritization",
        "Strategic alignment and optimization",
    )
    assert gaps.gaps[4].target_level_name is None
    assert gaps[0] is gaps.gaps[0]
    assert gaps.to_frame().shape == (6, 11)
    assert gaps.to_records()[0]["offering_name"] == "Portfolio management"


def test_example_model() -> None:
    pmo = examples.load("northwind-energy")
    result = maturity_by_category(pmo)
    # strategic: portfolio 2, governance 3, benefits 1, advice 2 -> 8 / 20
    assert result["strategic"] == 40.0
    # tactical: methodology 3, pmis 3, resources 1, training 3 -> 10 / 20
    assert result["tactical"] == 50.0
    # operational: reporting 3, risk 2, assurance 2, coaching 2 -> 9 / 20
    assert result["operational"] == 45.0
    assert overall_maturity(pmo).percent == pytest.approx(2700 / 60)


def test_bad_catalog_name() -> None:
    with pytest.raises(ValidationError, match=r"unknown catalog.*'mine'"):
        maturity_by_category(PMO(id="p", name="P", catalog="mine"))


def test_unknown_category_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="did you mean 'tactical'"):
        maturity_by_category(X3)["tactic"]
