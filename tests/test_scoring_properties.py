"""Invariants of the scoring functions over generated models (valuering.testing.strategies)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

import attrs
from hypothesis import given
from hypothesis import strategies as st

from valuering import (
    PMO,
    competence_fit,
    horizon_balance,
    indicator_attainment,
    maturity_by_category,
    maturity_gaps,
    overall_maturity,
    recommend_services,
    score_self_assessment,
    self_assessment,
    smallest_mix,
)
from valuering.demand import service_coverage
from valuering.scoring import ServiceScore
from valuering.testing.strategies import pmos


def _reordered(data: st.DataObject, pmo: PMO) -> PMO:
    customers = tuple(
        attrs.evolve(c, expectations=data.draw(st.permutations(c.expectations)))
        for c in data.draw(st.permutations(pmo.customers))
    )
    return attrs.evolve(
        pmo, customers=customers, offerings=data.draw(st.permutations(pmo.offerings))
    )


@given(pmos(), st.data())
def test_recommendations_ignore_input_order(pmo: PMO, data: st.DataObject) -> None:
    shuffled = _reordered(data, pmo)
    assert recommend_services(shuffled).to_records() == recommend_services(pmo).to_records()
    assert maturity_gaps(shuffled).to_records() == maturity_gaps(pmo).to_records()


@given(pmos(), st.floats(0.01, 100))
def test_scaling_every_weight_changes_nothing(pmo: PMO, factor: float) -> None:
    scaled = attrs.evolve(
        pmo, customers=tuple(attrs.evolve(c, weight=c.weight * factor) for c in pmo.customers)
    )
    before = recommend_services(pmo)
    after = recommend_services(scaled)
    for old, new in zip(
        sorted(before, key=lambda s: s.service), sorted(after, key=lambda s: s.service), strict=True
    ):
        assert math.isclose(old.score, new.score, rel_tol=1e-9, abs_tol=1e-12)

    def order(result: Iterable[ServiceScore]) -> list[str]:
        # Rank again with a coarser tie so last-digit noise from the scaling cannot swap services.
        entries = sorted(result, key=lambda s: (-round(s.score, 9), s.number or 0, s.service))
        return [s.service for s in entries]

    assert order(before) == order(after)


@given(pmos())
def test_maturity_percentages_stay_within_20_and_100(pmo: PMO) -> None:
    result = maturity_by_category(pmo)
    for category in result.categories:
        assert category.percent is None or 20 <= category.percent <= 100
        assert (category.percent is None) == (category.offerings == 0) == (category.services == 0)
        assert result[category.category] == category.percent
    # Each offered service once: as many services as distinct services among the offerings.
    assert sum(c.services for c in result.categories) == len({o.service for o in pmo.offerings})
    assert sum(c.offerings for c in result.categories) == len(pmo.offerings)
    overall = overall_maturity(pmo).percent
    assert overall is None or 20 <= overall <= 100


@given(pmos(), st.floats(0.05, 1.0))
def test_smallest_mix_coverage_never_decreases(pmo: PMO, target: float) -> None:
    mix = smallest_mix(pmo, target)
    coverages = [0.0, *(s.coverage for s in mix)]
    assert all(a <= b for a, b in itertools.pairwise(coverages))
    assert all(s.gain > 0 for s in mix)
    assert len(set(mix.services)) == len(mix.services)
    assert math.isclose(mix.coverage, service_coverage(pmo, mix.services).total, abs_tol=1e-12)
    # Only the last step may cross the target: the mix stops as soon as it is reached.
    assert all(s.coverage < target for s in mix.steps[:-1])


@given(pmos())
def test_bounded_results(pmo: PMO) -> None:
    balance = horizon_balance(pmo)
    shares = math.fsum(h.share for h in balance.values())
    assert math.isclose(shares, 1.0) or shares == 0.0
    for fit in competence_fit(pmo).values():
        assert fit.fit is None or 0.0 <= fit.fit <= 1.0
    for score in indicator_attainment(pmo).values():
        assert score.attainment is None or 0.0 <= score.attainment <= 1.0
    for gap in maturity_gaps(pmo):
        assert gap.gap >= 0
        assert gap.priority >= 0


@given(st.integers(1, 10), st.data())
def test_assessment_total_is_the_sum_and_falls_in_its_band(step: int, data: st.DataObject) -> None:
    instrument = self_assessment(step)
    ratings = {
        s.id: data.draw(st.lists(st.integers(1, 5), min_size=5, max_size=5))
        for s in instrument.sections
    }
    result = score_self_assessment(step, ratings)
    assert result.total == sum(sum(r) for r in ratings.values())
    band = next(b for b in instrument.bands if b.band is result.band)
    assert band.low <= result.total <= band.high
