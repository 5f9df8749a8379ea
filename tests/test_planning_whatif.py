"""What-if and effective coverage (formula 11 in docs/design.md), worked by hand where it can be."""

from __future__ import annotations

import math

import attrs
import pytest
from hypothesis import given

import valuering as vr
from valuering import PMO, examples
from valuering.planning import (
    AddOffering,
    RemoveOffering,
    SetMaturity,
    SetTarget,
    SetWeight,
    effective_coverage,
    what_if,
)
from valuering.testing.models import two_customers
from valuering.testing.strategies import pmos
from valuering.validation import bound_catalog

ROI, SUCCESS = "higher-return-on-investment", "improved-success-rates"


def _tiny() -> PMO:
    """docs/design.md's model: D_roi = 0.8125, D_success = 0.1875; pfm (3) needs method (2)."""
    return vr.PMO(
        id="tiny",
        name="Tiny PMO",
        customers=two_customers(),
        offerings=[
            vr.ServiceOffering(
                id="pfm",
                service="portfolio-management",
                maturity=3,
                target=5,
                depends_on=["method"],
            ),
            vr.ServiceOffering(
                id="method", service="methodologies-and-frameworks-management", maturity=2
            ),
        ],
    )


def test_effective_coverage_by_hand() -> None:
    # pfm alone serves ROI, method alone serves success rates. pfm runs at 3 but needs method at 2,
    # so e_pfm = 2: covered_roi = 2/5, covered_success = 2/5, total = 0.8125 * 0.4 + 0.1875 * 0.4.
    cover = effective_coverage(_tiny())
    assert cover[ROI] == pytest.approx(0.4)
    assert cover[SUCCESS] == pytest.approx(0.4)
    assert cover.total == pytest.approx(0.4)
    # Maturity-weighted coverage uses pfm's own 3: 0.8125 * 0.6 + 0.1875 * 0.4 = 0.5625.
    assert vr.coverage(_tiny(), maturity_weighted=True).total == pytest.approx(0.5625)


def test_raising_the_prerequisite_has_value_and_raising_the_held_offering_has_none() -> None:
    tiny = _tiny()
    held = what_if(tiny, SetMaturity("pfm", 4))
    assert held["effective-coverage"].change == pytest.approx(0.0)
    assert held["maturity-weighted-coverage"].change == pytest.approx(0.8125 / 5)
    prerequisite = what_if(tiny, SetMaturity("method", 3))
    # e_method 2 -> 3 and e_pfm 2 -> 3: both outcomes gain 1/5 of coverage, 0.2 in all.
    assert prerequisite["effective-coverage"].change == pytest.approx(0.2)
    assert [(s.kind, s.subject) for s in prerequisite.gainers] == [
        ("customer", "cfo"),  # 3/4 of the voice, all on ROI: 0.75 * 0.2
        ("customer", "pm"),  # 1/4: 0.25 * 0.2
        ("outcome", ROI),  # 0.8125 * 0.2
        ("outcome", SUCCESS),  # 0.1875 * 0.2
    ]
    assert prerequisite.gainers[0].change == pytest.approx(0.75 * 0.2)
    assert prerequisite.losers == ()


def test_what_if_on_the_example_raising_portfolio_management_to_4() -> None:
    pmo = examples.load("northwind-energy")
    result = what_if(pmo, SetMaturity("portfolio-management", 4))
    # Strategic services offered: portfolio management 2, governance 3, executive advice 2,
    # benefits 1 (each once): 100 * 8 / (5 * 4) = 40 %; with portfolio management at 4: 10/20 = 50 %.
    assert (result["maturity.strategic"].before, result["maturity.strategic"].after) == (40.0, 50.0)
    assert result["maturity.tactical"].change == 0
    # Overall: 12 services summing 27 of 60 = 45 %, then 29 of 60.
    assert result["overall-maturity"].after == pytest.approx(100 * 29 / 60)
    # Portfolio management reaches its target 4: one offering fewer below target, two levels fewer.
    assert (result["gaps.open"].before, result["gaps.open"].after) == (11, 10)
    assert (result["gaps.levels"].before, result["gaps.levels"].after) == (16, 14)
    # Plain coverage and attribution do not see maturity.
    assert result["coverage"].change == 0
    assert result["attribution.portfolio-management"].change == 0
    # The new held-down finding: at 4 it needs governance and reporting, both at 3.
    assert [(f.kind.value, f.subject) for f in result.findings_added] == [
        ("held-down", "portfolio-management")
    ]
    assert "which runs at 3: its effective maturity is 3" in result.findings_added[0].message
    assert result.findings_resolved == ()
    assert (result["findings"].before, result["findings"].after) == (1, 2)
    # Effective level 2 -> 3 on its five outcomes: the customers expecting them gain, nobody loses.
    assert {s.subject for s in result.gainers if s.kind == "customer"} == {
        "coo",
        "cfo",
        "grid-portfolio-manager",
    }
    assert {s.subject for s in result.gainers if s.kind == "objective"} == {
        "grow-renewables",
        "modernise-the-grid",
    }
    assert result.losers == ()
    assert result["effective-coverage"].change == pytest.approx(
        math.fsum(s.change for s in result.gainers if s.kind == "outcome")
    )
    assert pmo.offering("portfolio-management").maturity == 2  # the model itself is unchanged


def test_removing_an_offering_drops_its_dependents_as_impact_of_does() -> None:
    pmo = examples.load("northwind-energy")
    result = what_if(pmo, RemoveOffering("portfolio-management"))
    impact = vr.impact_of(pmo, "portfolio-management")
    assert set(result.removed) == set(impact.lost)
    assert result["coverage"].after == pytest.approx(impact.coverage_after)
    assert result["attribution.benefits"].after is None
    assert result["maturity.strategic"].after == pytest.approx(100 * 3 / 5)  # governance alone
    changed = result.model
    vr.validate(changed)
    assert "portfolio-management" not in {o for m in changed.team for o in m.offerings}
    assert {c.subject for c in result.losers if c.kind == "customer"} >= {"coo", "cfo"}


def test_adding_an_offering_names_it_after_its_service() -> None:
    pmo = examples.load("northwind-energy")
    result = what_if(pmo, AddOffering("program-management", 3), AddOffering("risk-management", 2))
    # program-management is free; risk-management is the id of an offering already.
    assert result.added == ("program-management", "risk-management-2")
    assert result.model.offering("risk-management-2").maturity == 2
    assert result["attribution.program-management"].before is None
    assert (result["attribution.program-management"].after or 0) > 0
    added_then_removed = what_if(
        pmo, AddOffering("program-management", 3), RemoveOffering("program-management")
    )
    assert added_then_removed.added == added_then_removed.removed == ()


def test_targets_and_weights() -> None:
    pmo = examples.load("northwind-energy")
    result = what_if(pmo, SetTarget("governance", 5), SetWeight("epc-contractors", 5))
    assert (result["gaps.levels"].before, result["gaps.levels"].after) == (16, 18)
    # More voice for the contractors: their covered demand rises, everyone else's share falls.
    assert result.gainers[0].subject == "epc-contractors"
    assert {s.subject for s in result.losers if s.kind == "customer"} >= {"coo", "cfo"}
    assert [str(c) for c in result.changes] == ["governance.target=5", "epc-contractors.weight=5"]


def test_every_bad_change_is_reported_at_once_with_its_path() -> None:
    pmo = examples.load("northwind-energy")
    with pytest.raises(vr.ValidationError) as caught:
        what_if(
            pmo,
            SetMaturity("portfolio", 4),
            SetMaturity("reporting", 7),
            AddOffering("portfolio-managment", 2),
            SetWeight("nobody", 2),
            SetWeight("cfo", 0),
            "reporting.maturity=4",  # type: ignore[arg-type]
        )
    assert [(p.path, p.message) for p in caught.value.problems] == [
        (
            "changes[0].offering",
            "unknown offering id 'portfolio'; did you mean 'portfolio-management'?",
        ),
        ("changes[1].level", "expected a level from 1 to 5, got 7"),
        (
            "changes[2].service",
            "unknown service id 'portfolio-managment'; did you mean 'portfolio-management'?",
        ),
        ("changes[3].customer", "unknown customer id 'nobody'"),
        ("changes[4].weight", "expected a weight > 0, got 0"),
        (
            "changes[5]",
            "expected a change (SetMaturity, SetTarget, AddOffering, RemoveOffering, SetWeight), "
            "got 'reporting.maturity=4'",
        ),
    ]


def test_a_custom_catalog_carries_over_to_the_changed_model() -> None:
    base = vr.pmi_2025()
    own = vr.ServiceDefinition(
        id="grid-permits",
        name="Grid permits desk",
        category=vr.ServiceCategory.OPERATIONAL,
        level_names=("a", "b", "c", "d", "e"),
        outcomes={ROI: 0.5},
    )
    acme = base.extend(services=[own], name="acme-planning-test")
    pmo = vr.validation.bind_catalog(
        attrs.evolve(_tiny(), catalog="acme-planning-test"), catalog=acme
    )
    result = what_if(pmo, AddOffering("grid-permits", 5))
    assert bound_catalog(result.model) is acme
    # covered_roi: 1 - (1 - 2/5)(1 - 0.5 * 5/5) = 0.7, up 0.3 on 0.8125 of the demand.
    assert result["effective-coverage"].change == pytest.approx(0.8125 * 0.3)


@given(pmos(max_offerings=5))
def test_no_change_changes_nothing(pmo: PMO) -> None:
    result = what_if(pmo)
    assert result.shifts == ()
    assert result.findings_added == result.findings_resolved == ()
    assert all(f.before == f.after for f in result.values())


@given(pmos(max_offerings=5))
def test_effective_coverage_never_exceeds_maturity_weighted_coverage(pmo: PMO) -> None:
    effective = effective_coverage(pmo).total
    assert 0.0 <= effective <= vr.coverage(pmo, maturity_weighted=True).total + 1e-12
