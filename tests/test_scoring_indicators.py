"""Indicator attainment, SLA traffic lights, NPS and the delivered-vs-perceived view (formula 10 in docs/design.md)."""

from __future__ import annotations

import pytest

from valuering import (
    PMO,
    Direction,
    Indicator,
    IndicatorLayer,
    ServiceLevel,
    ServiceOffering,
    SlaState,
    attainment,
    examples,
    indicator_attainment,
    nps,
    sla_status,
    value_gap,
)
from valuering.errors import ValidationError

LOWER = Direction.LOWER_IS_BETTER
VD = IndicatorLayer.VALUE_DELIVERY
VR = IndicatorLayer.VALUE_RECOGNITION
SD = IndicatorLayer.SERVICE_DELIVERY


def _ind(
    ident: str,
    layer: IndicatorLayer,
    subject: str,
    target: float,
    actual: float | None,
    direction: Direction = Direction.HIGHER_IS_BETTER,
    weight: float = 1.0,
) -> Indicator:
    return Indicator(
        id=ident,
        name=ident.title(),
        layer=layer,
        subject=subject,
        target=target,
        actual=actual,
        direction=direction,
        weight=weight,
    )


def test_attainment_higher_and_lower_is_better() -> None:
    assert attainment(60, 80) == 0.75  # 60 / 80
    assert attainment(14, 10, LOWER) == pytest.approx(10 / 14)  # target / actual
    assert attainment(8, 10, LOWER) == 1.0  # 10 / 8 = 1.25, capped at 1
    assert attainment(8, 10, LOWER, cap=None) == 1.25
    assert attainment(120, 100, cap=1.1) == 1.1
    assert attainment(-20, 30) == 0.0  # never below 0


def test_attainment_undefined_ratios() -> None:
    assert attainment(0, 0, LOWER) == 1.0  # zero incidents against a target of zero: met
    assert attainment(2, 0, LOWER) == 0.0  # 0 / 2
    assert attainment(5, 0) == 1.0  # target 0 met
    assert attainment(-5, 0) == 0.0


@pytest.mark.parametrize("cap", [0, -1, "1", True])
def test_attainment_rejects_bad_caps(cap: object) -> None:
    with pytest.raises(ValidationError, match="cap: "):
        attainment(1, 1, cap=cap)  # type: ignore[arg-type]


REPORTING = ServiceOffering(id="reporting-x", service="data-analytics-and-reporting", maturity=3)


def test_indicator_attainment_weighted_per_subject_and_layer() -> None:
    pmo = PMO(
        id="p",
        name="P",
        offerings=(REPORTING,),
        indicators=(
            _ind("a", VD, "improved-success-rates", 80, 60, weight=3),  # 0.75
            _ind("b", VD, "improved-success-rates", 10, 14, LOWER),  # 10/14
            _ind("c", VD, "improved-success-rates", 10, None),  # not measured
            _ind("d", VR, "improved-success-rates", 8, 6),  # 0.75, other layer: kept apart
            _ind("e", SD, "reporting-x", 95, 97),  # 1.02 capped to 1.0
        ),
    )
    result = indicator_attainment(pmo)
    assert [i.attainment for i in result.values()] == [
        0.75,
        pytest.approx(10 / 14),
        None,
        0.75,
        1.0,
    ]
    assert list(result) == ["a", "b", "c", "d", "e"]
    assert len(result) == 5
    assert result["b"].attainment == pytest.approx(10 / 14)
    # (3 * 3/4 + 1 * 10/14) / 4 = (63/28 + 20/28) / 4 = 83/112.
    assert result.subject("improved-success-rates", VD) == pytest.approx(83 / 112)
    assert result.subject("improved-success-rates", VR) == 0.75
    assert result.subject("reporting-x", VD) is None
    assert result.layer(SD) == 1.0
    assert [(s.subject, s.layer, s.measured, s.indicators) for s in result.subjects] == [
        ("reporting-x", SD, 1, 1),
        ("improved-success-rates", VD, 2, 3),
        ("improved-success-rates", VR, 1, 1),
    ]
    assert indicator_attainment(pmo, cap=None).indicators[4].attainment == pytest.approx(97 / 95)
    records = result.to_records()
    assert records[1]["direction"] == "lower-is-better"
    assert records[0]["layer"] == "value-delivery"
    assert result.to_frame().shape == (5, 10)


def test_sla_status_traffic_lights() -> None:
    slas = (
        ServiceLevel(
            id="on-time", metric="On time", target=100, actual=90
        ),  # 0.9: amber at the edge
        ServiceLevel(id="quality", metric="Quality", target=95, actual=85),  # 0.894...: red
        ServiceLevel(id="met", metric="Met", target=8, actual=8, direction=LOWER),  # 1.0: green
        ServiceLevel(id="slow", metric="Slow", target=8, actual=9.5, direction=LOWER),  # 0.842: red
        ServiceLevel(id="new", metric="New", target=5),  # no actual
    )
    pmo = PMO(
        id="p",
        name="P",
        offerings=(ServiceOffering(id="o", service="risk-management", maturity=1, slas=slas),),
    )
    result = sla_status(pmo)
    assert [s.state for s in result] == [
        SlaState.AMBER,
        SlaState.RED,
        SlaState.GREEN,
        SlaState.RED,
        SlaState.UNMEASURED,
    ]
    assert result.slas[3].attainment == pytest.approx(8 / 9.5)
    assert result.count("red") == 2
    # With a 20 % tolerance both 0.894 and 0.842 become amber.
    assert [s.state.value for s in sla_status(pmo, tolerance=0.2)][:4] == [
        "amber",
        "amber",
        "green",
        "amber",
    ]
    assert result.to_records()[0]["state"] == "amber"
    assert repr(result) == "<SlaStatuses: 5 SLAs; 1 green, 1 amber, 2 red, 1 unmeasured>"
    assert result[0] is result.slas[0]
    assert result.count(result[0]) == 1  # a row counts as in any sequence


@pytest.mark.parametrize("tolerance", [-0.1, 1, "0.1"])
def test_sla_status_rejects_bad_tolerance(tolerance: object) -> None:
    with pytest.raises(ValidationError, match="tolerance: "):
        sla_status(PMO(id="p", name="P"), tolerance=tolerance)  # type: ignore[arg-type]


def test_nps_by_hand() -> None:
    # 2 promoters (10, 9), 2 passives (8, 7), 2 detractors (6, 0): (2 - 2) / 6 = 0.
    assert nps([10, 9, 8, 7, 6, 0]).score == 0.0
    assert nps([10, 10, 9, 9]).score == 100.0
    assert nps(range(7)).score == -100.0
    # 3 promoters, 1 passive, 4 detractors of 8: 100 * (3 - 4) / 8 = -12.5.
    result = nps([9, 10, 9, 8, 6, 5, 1, 0])
    assert (result.score, result.promoters, result.passives, result.detractors) == (-12.5, 3, 1, 4)
    assert result.responses == 8
    assert dict(result) == {"promoters": 3, "passives": 1, "detractors": 4}
    assert result.to_records() == [
        {"group": "promoters", "ratings": 3, "share": 0.375},
        {"group": "passives", "ratings": 1, "share": 0.125},
        {"group": "detractors", "ratings": 4, "share": 0.5},
    ]
    assert repr(result) == (
        "<NetPromoterScore: 8 ratings; score -12.5; 3 promoters, 1 passives, 4 detractors>"
    )


def test_nps_names_bad_ratings() -> None:
    with pytest.raises(ValidationError) as info:
        nps([10, 11, 7.5, -1, True])  # type: ignore[list-item]
    assert [str(p) for p in info.value.problems] == [
        "[1]: 11 is not a rating from 0 to 10",
        "[2]: 7.5 is not a rating from 0 to 10",
        "[3]: -1 is not a rating from 0 to 10",
        "[4]: True is not a rating from 0 to 10",
    ]
    with pytest.raises(ValidationError, match="no ratings"):
        nps([])


def test_value_gap_keeps_layers_apart() -> None:
    pmo = PMO(
        id="p",
        name="P",
        offerings=(REPORTING,),
        indicators=(
            _ind("aligned", VD, "greater-alignment-with-strategic-objectives", 90, 81),  # 0.9
            _ind("felt", VR, "greater-alignment-with-strategic-objectives", 80, 40),  # 0.5
            _ind("forecast", VD, "more-accurate-project-forecasting", 10, 12.5, LOWER),  # 0.8
            _ind("trust", VR, "reduction-of-risk-exposure", 4, 3),  # 0.75
            _ind("service", SD, "reporting-x", 1, 1),  # service delivery: not in this view
        ),
    )
    rows = value_gap(pmo).to_records()
    assert rows == [
        {
            "subject": "greater-alignment-with-strategic-objectives",
            "subject_name": "Greater alignment with strategic objectives",
            "delivered": 0.9,
            "perceived": 0.5,
            "gap": pytest.approx(0.4),
        },
        {
            "subject": "more-accurate-project-forecasting",
            "subject_name": "More accurate project forecasting",
            "delivered": 0.8,
            "perceived": None,
            "gap": None,
        },
        {
            "subject": "reduction-of-risk-exposure",
            "subject_name": "Reduction of risk exposure",
            "delivered": None,
            "perceived": 0.75,
            "gap": None,
        },
    ]


def test_example_model_indicators() -> None:
    pmo = examples.load("northwind-energy")
    result = indicator_attainment(pmo)
    scores = {i.indicator: i.attainment for i in result.values()}
    assert scores["methodology-adherence"] == pytest.approx(72 / 85)
    assert scores["forecast-error"] == pytest.approx(10 / 14)
    assert scores["pmo-nps"] == pytest.approx(12 / 30)
    gap = value_gap(pmo)
    alignment = gap["greater-alignment-with-strategic-objectives"]
    assert alignment.delivered == pytest.approx(88 / 90)
    assert alignment.perceived == pytest.approx(12 / 30)
    # ticket response 8 h target, 9.5 h actual: 0.842, red; gate reviews 78 / 90 = 0.867, red.
    states = {s.sla: s.state for s in sla_status(pmo)}
    assert states == {
        "ticket-response": SlaState.RED,
        "dashboard-on-time": SlaState.GREEN,
        "gate-review-lead-time": SlaState.RED,
        "course-satisfaction": SlaState.GREEN,
    }


def test_attainment_names_bad_arguments() -> None:
    with pytest.raises(ValidationError) as info:
        attainment("72", float("nan"))  # type: ignore[arg-type]
    assert [str(p) for p in info.value.problems] == [
        "actual: '72' is not a finite number",
        "target: nan is not a finite number",
    ]
    with pytest.raises(ValidationError, match=r"direction: 'lower' is not a Direction \(one of "):
        attainment(1, 2, "lower")


def test_lookups_by_unknown_layer_or_state_are_validation_errors() -> None:
    pmo = examples.load("northwind-energy")
    with pytest.raises(ValidationError, match="did you mean 'value-delivery'"):
        indicator_attainment(pmo).layer("value-delivered")
    with pytest.raises(ValidationError, match=r"layer: 'x' is not a IndicatorLayer"):
        indicator_attainment(pmo).subject("improved-success-rates", "x")
    with pytest.raises(ValidationError, match="did you mean 'amber'"):
        sla_status(pmo).count("ambre")


@pytest.mark.parametrize("ratings", [None, 9, "9910"])
def test_nps_needs_a_list(ratings: object) -> None:
    with pytest.raises(ValidationError, match="expected a list of ratings from 0 to 10"):
        nps(ratings)  # type: ignore[arg-type]
