"""The work an analysis shares across calls for one model: read-only, and never a different error."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import valuering as vr
from valuering import validation
from valuering.demand import expected_by
from valuering.errors import ValidationError

ROI, SUCCESS, SPEED = (
    "higher-return-on-investment",
    "improved-success-rates",
    "faster-time-to-market",
)


def _customer(ident: str, *expected: tuple[str, float], weight: float = 1.0) -> vr.Customer:
    return vr.Customer(
        id=ident,
        name=ident,
        group="project-managers",
        weight=weight,
        expectations=tuple(vr.Expectation(outcome=o, priority=p) for o, p in expected),
    )


def test_dependency_order_is_read_only_and_shared() -> None:
    pmo = vr.examples.load("northwind-energy")
    waves, dependents = validation.dependency_order(pmo)
    assert dependents["governance"] == ("assurance", "portfolio-management")
    with pytest.raises(TypeError):
        dependents["governance"] = ()  # type: ignore[index]
    assert validation.dependency_order(pmo)[1] is dependents  # worked out once per model object
    assert vr.delivery_waves(pmo)[0] == waves[0]


def test_dependency_order_of_an_unsound_model_is_a_validation_error() -> None:
    # Two offerings with one id and no cycle: the order cannot be told, the gate says why.
    twice = vr.ServiceOffering(id="x", service="governance-oversight", maturity=1)
    pmo = vr.PMO(id="p", name="P", offerings=(twice, twice))
    with pytest.raises(ValidationError, match="duplicate id 'x'"):
        validation.dependency_order(pmo)


def test_each_trace_all_gives_a_table_of_its_own() -> None:
    pmo = vr.examples.load("northwind-energy")
    first = vr.trace_all(pmo)
    assert first.traces is not vr.trace_all(pmo).traces
    assert isinstance(first.traces, dict)
    first.traces.pop("pmis")  # a caller's table is the caller's to change
    assert vr.trace_value(pmo, "pmis").offering == "pmis"


def test_the_gate_reports_problems_before_weights_too_large_to_add_up() -> None:
    # Two weights of 1e308 overflow their sum; the unknown outcome must still be what is reported,
    # by coverage (which lists who expects what while checking) as by effective_maturity.
    customers = tuple(_customer(f"c{i}", ("no-such-outcome", 1.0), weight=1e308) for i in range(2))
    pmo = vr.PMO(id="p", name="P", customers=customers)
    for analysis in (vr.coverage, vr.effective_maturity):
        with pytest.raises(ValidationError, match="unknown outcome id 'no-such-outcome'"):
            analysis(attrs.evolve(pmo))


@given(
    st.lists(
        st.lists(
            st.tuples(
                st.sampled_from([ROI, SUCCESS, SPEED]),
                st.floats(0.1, 10, allow_nan=False),
            ),
            max_size=3,
            unique_by=lambda pair: pair[0],
        ),
        max_size=5,
    ),
    st.lists(st.floats(0.1, 10, allow_nan=False), min_size=5, max_size=5),
)
def test_the_gates_table_is_expected_by_for_customers_naming_each_outcome_once(
    rows: list[list[tuple[str, float]]], weights: list[float]
) -> None:
    # Two forms of formula 1 (the gate's, and the general one that adds up repeats) must agree
    # bit for bit whenever no customer repeats an outcome.
    customers = [_customer(f"c{i}", *row, weight=weights[i]) for i, row in enumerate(rows)]
    assert validation.expected_shares(customers) == expected_by(customers)
