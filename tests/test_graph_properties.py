"""Invariants of value tracing on generated models (``valuering.testing.strategies``)."""

from __future__ import annotations

import math

import attrs
from hypothesis import given
from hypothesis import strategies as st

from valuering import PMO, ServiceOffering
from valuering.catalog import Catalog, pmi_2025
from valuering.demand import coverage, outcome_demand
from valuering.graph import (
    ValueAnalysis,
    check,
    delivery_waves,
    impact_all,
    trace_all,
    value_attribution,
)
from valuering.testing.strategies import catalog_services, pmos

CATALOG = pmi_2025()  # its strengths are the published binary map: every M is 0 or 1
TOLERANCE = 1e-12


def _shuffled(draw: st.DrawFn, pmo: PMO) -> PMO:
    customers = tuple(
        attrs.evolve(c, expectations=tuple(draw(st.permutations(c.expectations))))
        for c in draw(st.permutations(pmo.customers))
    )
    offerings = tuple(
        attrs.evolve(o, depends_on=tuple(draw(st.permutations(o.depends_on))))
        for o in draw(st.permutations(pmo.offerings))
    )
    return attrs.evolve(pmo, customers=customers, offerings=offerings)


@st.composite
def pmo_and_shuffled(draw: st.DrawFn) -> tuple[PMO, PMO]:
    pmo = draw(pmos())
    return pmo, _shuffled(draw, pmo)


@given(pmos())
def test_demand_sums_to_one(pmo: PMO) -> None:
    demand = outcome_demand(pmo)
    assert math.isclose(math.fsum(demand.values()), 1.0, abs_tol=TOLERANCE)
    assert all(d > 0 for d in demand.values())


@given(pmos())
def test_attribution_sums_to_coverage_with_a_binary_catalog(pmo: PMO) -> None:
    shares = value_attribution(pmo)
    assert math.isclose(shares.total, coverage(pmo).total, abs_tol=TOLERANCE)
    assert all(s >= 0 for s in shares.values())


@given(pmo_and_shuffled())
def test_results_do_not_depend_on_input_order(pair: tuple[PMO, PMO]) -> None:
    pmo, shuffled = pair
    assert dict(value_attribution(pmo)) == dict(value_attribution(shuffled))
    assert list(value_attribution(pmo)) == list(value_attribution(shuffled))
    assert trace_all(pmo) == trace_all(shuffled)
    for ident, trace in trace_all(pmo).items():
        other = trace_all(shuffled)[ident]
        assert (trace.customers, trace.dependents) == (other.customers, other.dependents)
    assert impact_all(pmo) == impact_all(shuffled)
    for ident, impact in impact_all(pmo).items():
        other_impact = impact_all(shuffled)[ident]
        assert (impact.lost, impact.customers) == (other_impact.lost, other_impact.customers)
    analysis, other_analysis = ValueAnalysis(pmo), ValueAnalysis(shuffled)
    assert analysis.effective_maturity() == other_analysis.effective_maturity()
    assert dict(analysis.effective_maturity().held_by) == dict(
        other_analysis.effective_maturity().held_by
    )
    assert check(pmo) == check(shuffled)
    assert delivery_waves(pmo) == delivery_waves(shuffled)


@given(pmos(), st.data())
def test_coverage_never_drops_when_an_offering_is_added(pmo: PMO, data: st.DataObject) -> None:
    extra = ServiceOffering(
        id="added-offering",
        service=data.draw(catalog_services()),
        maturity=data.draw(st.integers(1, 5)),
    )
    assert extra.id not in {o.id for o in pmo.offerings}  # generated ids have at most 5 characters
    more = attrs.evolve(pmo, offerings=(*pmo.offerings, extra))
    for weighted in (False, True):
        assert (
            coverage(more, maturity_weighted=weighted).total
            >= coverage(pmo, maturity_weighted=weighted).total
        )
    assert ValueAnalysis(more).coverage_total >= ValueAnalysis(pmo).coverage_total


@given(pmos())
def test_impact_bounds(pmo: PMO) -> None:
    analysis = ValueAnalysis(pmo)
    shares = analysis.attribution()
    impacts = analysis.impacts()
    for ident, impact in impacts.items():
        # Losing offerings never costs more than the shares attributed to all of them ...
        lost_share = math.fsum(shares[o] for o in impact.lost)
        assert 0.0 <= impact.demand_at_risk <= lost_share + TOLERANCE
        # ... and matches recomputing the coverage without them.
        remaining = [o.id for o in pmo.offerings if o.id not in impact.lost]
        expected = coverage(pmo).total - coverage(pmo, remaining).total
        assert math.isclose(impact.demand_at_risk, expected, abs_tol=TOLERANCE)
        # Binary strengths: exactly the demand of the outcomes only lost offerings serve.
        only_lost = [
            d
            for o, d in analysis.demand.items()
            if any(o in analysis.strengths(s) for s in impact.lost)
            and not any(o in analysis.strengths(s) for s in remaining)
        ]
        assert math.isclose(impact.demand_at_risk, math.fsum(only_lost), abs_tol=TOLERANCE)
        # Losing an offering loses at least as much as losing any offering that needs it.
        for dependent in analysis.trace(ident).direct_dependents:
            assert set(impacts[dependent].lost) < set(impact.lost)
            assert impacts[dependent].demand_at_risk <= impact.demand_at_risk + TOLERANCE


@given(pmos())
def test_dependents_are_the_transitive_closure(pmo: PMO) -> None:
    traces = trace_all(pmo)
    for ident, trace in traces.items():
        closure = set(trace.direct_dependents)
        for direct in trace.direct_dependents:
            closure |= set(traces[direct].dependents)
        assert set(trace.dependents) == closure
        assert ident not in closure


@given(pmos())
def test_effective_maturity_is_the_weakest_link(pmo: PMO) -> None:
    levels = ValueAnalysis(pmo).effective_maturity()
    by_id = {o.id: o for o in pmo.offerings}
    for offering in pmo.offerings:
        e = levels[offering.id]
        assert e == min([offering.maturity, *(levels[d] for d in offering.depends_on)])
        assert levels.maturity[levels.held_by[offering.id]] == e
        assert by_id[levels.held_by[offering.id]].maturity == e


def _fractional_catalog() -> Catalog:
    # The PMI map with strengths spread over 0.1 .. 1.0, so impacts take the general path.
    services = {
        s.id: attrs.evolve(
            s,
            outcomes={
                o: ((s.number or 0) * 7 + (CATALOG.outcomes[o].number or 0) * 3) % 10 / 10 + 0.1
                for o in s.outcomes
            },
        )
        for s in CATALOG.services.values()
    }
    return attrs.evolve(CATALOG, name="fractional", services=services)


FRACTIONAL = _fractional_catalog()


@given(pmos(FRACTIONAL))
def test_impact_bounds_with_fractional_strengths(pmo: PMO) -> None:
    analysis = ValueAnalysis(pmo, catalog=FRACTIONAL)
    shares = analysis.attribution()
    assert math.isclose(
        analysis.coverage_total, coverage(pmo, catalog=FRACTIONAL).total, abs_tol=TOLERANCE
    )
    for impact in analysis.impacts().values():
        lost_share = math.fsum(shares[o] for o in impact.lost)
        assert 0.0 <= impact.demand_at_risk <= lost_share + TOLERANCE
        remaining = [o.id for o in pmo.offerings if o.id not in impact.lost]
        expected = (
            coverage(pmo, catalog=FRACTIONAL).total
            - coverage(pmo, remaining, catalog=FRACTIONAL).total
        )
        assert math.isclose(impact.demand_at_risk, expected, abs_tol=1e-9)
        for loss in impact.outcomes:
            assert 0.0 <= loss.covered_after < loss.covered_before <= 1.0
