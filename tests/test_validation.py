"""validate(): every cross-reference problem of a model, with paths and suggestions, in one error."""

from __future__ import annotations

import pytest

from valuering import (
    PMO,
    Customer,
    Expectation,
    Horizon,
    Indicator,
    IndicatorLayer,
    Outcome,
    ServiceOffering,
    StrategicObjective,
    TeamMember,
    ValidationError,
    examples,
    validate,
)
from valuering.catalog import pmi_2025, register_catalog
from valuering.model import OrganizationalBaseline, OrganizationalStrategy
from valuering.validation import catalog_for, dependency_cycles, find_problems


def _offering(oid: str, *deps: str, service: str = "risk-management") -> ServiceOffering:
    return ServiceOffering(id=oid, service=service, maturity=2, depends_on=deps)


def test_the_example_is_valid() -> None:
    pmo = examples.load("northwind-energy")
    assert validate(pmo) is pmo
    assert find_problems(pmo) == []


def test_every_problem_is_listed_with_its_path() -> None:
    pmo = PMO(
        id="p",
        name="P",
        baseline=OrganizationalBaseline(
            strategy=OrganizationalStrategy(
                objectives=(StrategicObjective(id="o", name="O", outcomes=("higher-roi",)),)
            )
        ),
        customers=(
            Customer(
                id="cfo",
                name="CFO",
                group="executives",
                expectations=(
                    Expectation(outcome="better-project-prioritisation"),
                    Expectation(outcome="better-project-prioritisation"),
                ),
            ),
            Customer(id="cfo", name="CFO 2", group="project-managers"),
        ),
        offerings=(
            _offering("a", "a"),
            _offering("b", "ghost", service="portfolio-managment"),
            _offering("c", "d"),
            _offering("d", "c"),
        ),
        team=(TeamMember(id="t", name="T", proficiency={"comunication": 3}, offerings=("zz",)),),
        indicators=(
            Indicator(
                id="i", name="I", layer=IndicatorLayer.VALUE_DELIVERY, subject="nothing", target=1
            ),
        ),
    )
    with pytest.raises(ValidationError) as caught:
        validate(pmo)
    assert [str(p) for p in caught.value.problems] == [
        "baseline.strategy.objectives[0].outcomes[0]: unknown outcome id 'higher-roi'",
        "customers[0].expectations[0].outcome: unknown outcome id 'better-project-prioritisation'; "
        "did you mean 'better-project-prioritization'?",
        "customers[0].expectations[1].outcome: unknown outcome id 'better-project-prioritisation'; "
        "did you mean 'better-project-prioritization'?",
        "customers[0].group: unknown customer group id 'executives'; "
        "did you mean 'executives-and-senior-management'?",
        "customers[1].id: duplicate id 'cfo' (first used at customers[0])",
        "indicators[0].subject: 'nothing' is neither an offering nor an outcome",
        "offerings[0].depends_on[0]: offering 'a' depends on itself",
        "offerings[1].depends_on[0]: unknown offering id 'ghost'",
        "offerings[1].service: unknown service id 'portfolio-managment'; "
        "did you mean 'portfolio-management'?",
        "offerings[2].depends_on: dependency cycle: c -> d -> c (each depends on the next)",
        "team[0].offerings[0]: unknown offering id 'zz'",
        "team[0].proficiency.comunication: unknown competence id 'comunication'; "
        "did you mean 'communication'?",
    ]
    assert caught.value.problems[0].path == "baseline.strategy.objectives[0].outcomes[0]"


def test_paths_sort_numerically() -> None:
    offerings = tuple(_offering(f"o{i}", service="nope") for i in range(12))
    with pytest.raises(ValidationError) as caught:
        validate(PMO(id="p", name="P", offerings=offerings))
    assert [p.path for p in caught.value.problems][9:] == [
        "offerings[9].service",
        "offerings[10].service",
        "offerings[11].service",
    ]


def test_cycles_are_spelled_out_in_depends_on_order() -> None:
    offerings = [_offering("a", "b"), _offering("b", "c"), _offering("c", "a"), _offering("d", "a")]
    assert dependency_cycles(offerings) == [["a", "b", "c", "a"]]
    assert dependency_cycles([_offering("x"), _offering("y", "x")]) == []


def test_unknown_catalog_needs_an_explicit_one() -> None:
    with pytest.raises(ValidationError) as caught:
        validate(PMO(id="p", name="P", catalog="acme-unknown"))
    assert str(caught.value.problems[0]) == (
        "catalog: unknown catalog id 'acme-unknown'; register it or pass it with catalog=..."
    )


def test_a_registered_catalog_is_found_by_name() -> None:
    acme = register_catalog(pmi_2025().extend(name="acme-registered"), replace=True)
    pmo = PMO(id="p", name="P", catalog="acme-registered")
    assert catalog_for(pmo) is acme
    other = pmi_2025().extend(
        name="acme-registered",
        outcomes=[Outcome(id="esg-compliance", name="ESG compliance", horizon=Horizon.LONG)],
    )
    with pytest.raises(ValidationError, match="already registered"):
        register_catalog(other)
    assert register_catalog(acme) is acme  # the same catalog again is fine


def test_objectives_customers_offerings_and_outcomes_need_distinct_ids() -> None:
    pmo = PMO(
        id="p",
        name="P",
        customers=(Customer(id="ppm", name="PPM", group="project-managers"),),
        offerings=(
            _offering("ppm"),
            _offering("improved-success-rates"),
        ),
    )
    with pytest.raises(ValidationError) as caught:
        validate(pmo)
    assert [str(p) for p in caught.value.problems] == [
        "offerings[0].id: 'ppm' is already the id of a customer; objectives, customers, offerings "
        "and outcomes need distinct ids",
        "offerings[1].id: 'improved-success-rates' is already the id of an outcome; objectives, "
        "customers, offerings and outcomes need distinct ids",
    ]


def test_wrong_arguments_get_clear_errors() -> None:
    pmo = examples.load("northwind-energy")
    with pytest.raises(ValidationError) as caught:
        validate(pmo, catalog="pmi-2025")  # type: ignore[arg-type]
    assert str(caught.value.problems[0]).startswith(
        "catalog: expected a Catalog, got str 'pmi-2025'"
    )
    with pytest.raises(ValidationError, match="pmo: expected a PMO, got dict"):
        catalog_for({"id": "x"})  # type: ignore[arg-type]
