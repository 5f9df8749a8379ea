"""The vocabulary: enums, flywheel arithmetic, and constructor checks with clear messages."""

from __future__ import annotations

import pickle
import re

import attrs
import pytest

from valuering import (
    PMO,
    Customer,
    Expectation,
    FlywheelStep,
    Horizon,
    Indicator,
    IndicatorLayer,
    ServiceCategory,
    ServiceDefinition,
    ServiceOffering,
    Stage,
    TeamMember,
    UnknownIdError,
    ValidationError,
)


def test_each_stage_has_exactly_two_consecutive_steps() -> None:
    steps = [step for stage in Stage for step in stage.steps]
    assert steps == list(FlywheelStep)
    assert all(len(stage.steps) == 2 for stage in Stage)
    assert Stage.REALIZATION.steps == (FlywheelStep.VALUE_DELIVERY, FlywheelStep.VALUE_RECOGNITION)


def test_step_numbers_stages_and_wrap_around() -> None:
    assert [s.number for s in FlywheelStep] == list(range(1, 11))
    assert FlywheelStep.VALUE_RECOGNITION.next() is FlywheelStep.AWARENESS_BUILDING
    assert FlywheelStep.SERVICE_ONBOARDING.next() is FlywheelStep.SERVICE_OPERATION
    assert FlywheelStep.SERVICE_DEVELOPMENT.stage is Stage.DESIGN
    assert FlywheelStep.SERVICE_IMPROVEMENT.stage is Stage.ENHANCEMENT
    assert FlywheelStep.from_number(10) is FlywheelStep.VALUE_RECOGNITION
    with pytest.raises(ValidationError, match=r"11 is not a step number in 1\.\.10"):
        FlywheelStep.from_number(11)


def test_enum_values_are_kebab_case() -> None:
    assert Horizon.SHORT_MEDIUM.value == "short-medium"
    assert IndicatorLayer.VALUE_RECOGNITION.step is FlywheelStep.VALUE_RECOGNITION
    assert [h.rank for h in Horizon] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"maturity": 7}, "maturity: 7 is not in 1..5"),
        ({"maturity": 0}, "maturity: 0 is not in 1..5"),
        ({"maturity": "4"}, "maturity: '4' is not an integer"),
        ({"maturity": True}, "maturity: True is not an integer"),
        ({"target": 6}, "target: 6 is not in 1..5"),
        ({"id": ""}, "id: must not be empty"),
        ({"id": "Reporting"}, "id: 'Reporting' is not a kebab-case id"),
        ({"id": "report_ing"}, "id: 'report_ing' is not a kebab-case id"),
        ({"depends_on": "pmis"}, "depends_on: expected a list, got str 'pmis'"),
        ({"depends_on": ("Bad",)}, "depends_on[0]: 'Bad' is not a kebab-case id"),
    ],
)
def test_offering_constructor_names_field_and_value(
    kwargs: dict[str, object], message: str
) -> None:
    args: dict[str, object] = {
        "id": "reporting",
        "service": "data-analytics-and-reporting",
        "maturity": 3,
    }
    args.update(kwargs)
    with pytest.raises(ValidationError, match=re.escape(message)):
        ServiceOffering(**args)  # type: ignore[arg-type]


def test_every_bad_field_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        ServiceOffering(id="Bad Id", service="x", maturity=7, target=0)
    assert [str(p) for p in caught.value.problems] == [
        "id: 'Bad Id' is not a kebab-case id (lowercase letters, digits and '-')",
        "maturity: 7 is not in 1..5",
        "target: 0 is not in 1..5",
    ]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: Customer(id="c", name="C", group="g", weight=0),
            "weight: 0 must be greater than 0",
        ),
        (
            lambda: Customer(id="c", name="C", group="g", weight=-1.5),
            "weight: -1.5 must be greater than 0",
        ),
        (lambda: Customer(id="c", name=" ", group="g"), "name: must not be empty"),
        (lambda: Expectation(outcome="o", priority=0), "priority: 0 must be greater than 0"),
        (lambda: Expectation(outcome="o", priority=-2), "priority: -2 must be greater than 0"),
        (
            lambda: Expectation(outcome="o", priority=float("nan")),
            "priority: nan is not a finite number",
        ),
        (
            lambda: TeamMember(id="t", name="T", proficiency={"communication": 6}),
            "proficiency.communication: 6 is not in 1..5",
        ),
        (
            lambda: Indicator(id="i", name="I", layer="value-delivery", subject="s", target=1),  # type: ignore[arg-type]
            "layer: 'value-delivery' is not a IndicatorLayer",
        ),
    ],
)
def test_constructor_errors(build: object, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        build()  # type: ignore[operator]


def test_service_definition_needs_five_level_names() -> None:
    with pytest.raises(ValidationError, match="expected 5 level names"):
        ServiceDefinition(
            id="s", name="S", category=ServiceCategory.TACTICAL, level_names=("a", "b")
        )


def test_models_are_frozen_hashable_and_picklable() -> None:
    offering = ServiceOffering(
        id="a", service="x", maturity=2, extra={"k": [1, 2]}, depends_on=["b"]
    )
    assert offering.depends_on == ("b",)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        offering.maturity = 3  # type: ignore[misc]
    assert hash(offering) == hash(attrs.evolve(offering))
    assert pickle.loads(pickle.dumps(offering)) == offering
    pmo = PMO(id="p", name="P", offerings=(offering,))
    assert pickle.loads(pickle.dumps(pmo)) == pmo


def test_lists_are_copied_not_shared() -> None:
    extra: dict[str, object] = {"k": 1}
    offering = ServiceOffering(id="a", service="x", maturity=2, extra=extra)
    extra["k"] = 2
    assert offering.extra == {"k": 1}


def test_pmo_lookups_suggest_the_closest_id() -> None:
    pmo = PMO(
        id="p", name="P", offerings=(ServiceOffering(id="reporting", service="x", maturity=2),)
    )
    assert pmo.offering("reporting").maturity == 2
    with pytest.raises(
        UnknownIdError, match="unknown offering id 'reportng'; did you mean 'reporting'"
    ):
        pmo.offering("reportng")
    with pytest.raises(UnknownIdError, match="unknown customer id 'x'"):
        pmo.customer("x")


def test_offering_gap() -> None:
    assert ServiceOffering(id="a", service="x", maturity=2, target=4).gap == 2
    assert ServiceOffering(id="a", service="x", maturity=4, target=3).gap == 0
    assert ServiceOffering(id="a", service="x", maturity=4).gap == 0
