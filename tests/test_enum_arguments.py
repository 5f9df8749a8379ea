"""Every public function or lookup that takes an enum takes the member or its string value alike; a
string that is no value is a ValidationError naming the values there are, never an empty answer."""

from __future__ import annotations

import enum
from collections.abc import Callable

import pytest

from valuering import (
    Direction,
    FlywheelStep,
    Horizon,
    IndicatorLayer,
    ServiceCategory,
    examples,
    pmi_2025,
)
from valuering.errors import ValidationError
from valuering.scoring import (
    SlaState,
    attainment,
    horizon_balance,
    indicator_attainment,
    maturity_by_category,
    score_self_assessment,
    self_assessment,
    sla_status,
)

PMO_ = examples.load("northwind-energy")

# (what it is, the call, a member to pass)
CALLS: list[tuple[str, Callable[[object], object], enum.Enum]] = [
    ("Catalog.services_in", lambda v: pmi_2025().services_in(v), ServiceCategory.STRATEGIC),  # type: ignore[arg-type]
    ("MaturityByCategory[...]", lambda v: maturity_by_category(PMO_)[v], ServiceCategory.TACTICAL),  # type: ignore[index]
    ("HorizonBalance[...]", lambda v: horizon_balance(PMO_)[v], Horizon.LONG),  # type: ignore[index]
    (
        "IndicatorAttainment.layer",
        lambda v: indicator_attainment(PMO_).layer(v),  # type: ignore[arg-type]
        IndicatorLayer.VALUE_DELIVERY,
    ),
    (
        "IndicatorAttainment.subject",
        lambda v: indicator_attainment(PMO_).subject("reporting", v),  # type: ignore[arg-type]
        IndicatorLayer.SERVICE_DELIVERY,
    ),
    ("SlaStatuses.count", lambda v: sla_status(PMO_).count(v), SlaState.RED),
    ("attainment", lambda v: attainment(8, 10, v), Direction.LOWER_IS_BETTER),  # type: ignore[arg-type]
    ("self_assessment", lambda v: self_assessment(v), FlywheelStep.SERVICE_MONITORING),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("what", "call", "value"), CALLS, ids=[c[0] for c in CALLS])
def test_member_and_value_give_the_same_answer(
    what: str, call: Callable[[object], object], value: enum.Enum
) -> None:
    assert call(value) == call(value.value)
    assert call(value) not in ((), None, 0)  # something real was found


@pytest.mark.parametrize(("what", "call", "value"), CALLS, ids=[c[0] for c in CALLS])
def test_a_bad_value_names_the_allowed_ones(
    what: str, call: Callable[[object], object], value: enum.Enum
) -> None:
    kind = type(value)
    with pytest.raises(ValidationError) as info:
        call(value.value + "x")
    message = str(info.value)
    assert f"is not a {kind.__name__}" in message
    assert all(repr(m.value) in message for m in kind)
    assert f"did you mean {value.value!r}" in message


def test_services_in_used_to_answer_nothing_for_a_string() -> None:
    catalog = pmi_2025()
    assert catalog.services_in("strategic") == catalog.services_in(ServiceCategory.STRATEGIC)
    assert len(catalog.services_in("strategic")) == 7
    assert {s.category for s in catalog.services_in("operational")} == {ServiceCategory.OPERATIONAL}


def test_assessment_step_by_number_id_or_member() -> None:
    ratings = {s.id: [3, 3, 3, 3, 3] for s in self_assessment(7).sections}
    by_number = score_self_assessment(7, ratings)
    assert score_self_assessment("service-monitoring", ratings) == by_number
    assert score_self_assessment(FlywheelStep.SERVICE_MONITORING, ratings) == by_number
