"""Benchmark: planning (what-if and the roadmap) against the same work in plain Python, and the
greedy roadmap's gap to the exact optimum.

Run with ``python benchmarks/bench_planning.py``. Timings are min / median / max over interleaved
rounds (valuering, then plain, then valuering, ...). It prints:

- the greedy plan's gap to the exact optimum on 1,000 random small models (mean and worst);
- what-if on the bundled example (the issue asks for under 10 ms), against plain Python computing
  the coverage figures and X3 before and after from dicts;
- the roadmap of a 1,000-offering model with a budget of 100 raises (under 5 s asked), against a
  plain-Python greedy of single raises (no prerequisite bundles, no reasons, no caching).
"""

from __future__ import annotations

import math
import random
import statistics
import time
from collections.abc import Callable

import attrs

from valuering import (
    PMO,
    Customer,
    Expectation,
    ServiceCategory,
    ServiceDefinition,
    ServiceOffering,
    SetMaturity,
    examples,
    pmi_2025,
    roadmap,
    what_if,
)
from valuering.catalog import Catalog
from valuering.planning._levels import LevelModel, Tally
from valuering.planning._roadmap import _cost_table, _greedy
from valuering.validation import sound

CATALOG = pmi_2025()


def rounds(cases: list[Callable[[], object]], count: int) -> list[list[float]]:
    """Seconds per call of each case, interleaved round by round."""
    times: list[list[float]] = [[] for _ in cases]
    for _ in range(count):
        for case, seconds in zip(cases, times, strict=True):
            start = time.perf_counter()
            case()
            seconds.append(time.perf_counter() - start)
    return times


def spread(seconds: list[float], unit: float, label: str) -> str:
    return (
        f"min {min(seconds) / unit:8.2f}  median {statistics.median(seconds) / unit:8.2f}  "
        f"max {max(seconds) / unit:8.2f} {label}"
    )


# Greedy's gap -------------------------------------------------------------------------------------


def small_model(rng: random.Random) -> tuple[PMO, float, dict[str, float]]:
    services, outcomes = sorted(CATALOG.services), sorted(CATALOG.outcomes)
    offerings = []
    for i in range(rng.randint(2, 6)):
        level = rng.randint(1, 4)
        offerings.append(
            ServiceOffering(
                id=f"o{i}",
                service=rng.choice(services),
                maturity=level,
                target=rng.choice([None, rng.randint(level, 5)]),
                depends_on=[f"o{j}" for j in rng.sample(range(i), k=min(i, rng.randint(0, 2)))],
            )
        )
    customers = [
        Customer(
            id=f"c{i}",
            name=f"C{i}",
            group="project-managers",
            weight=rng.uniform(0.5, 3),
            expectations=[
                Expectation(outcome=o, priority=rng.randint(1, 5))
                for o in rng.sample(outcomes, rng.randint(1, 4))
            ],
        )
        for i in range(rng.randint(1, 4))
    ]
    costs = {o.id: float(rng.randint(1, 3)) for o in offerings}
    pmo = PMO(id="small", name="Small", customers=customers, offerings=offerings)
    return pmo, float(rng.randint(1, 8)), costs


def greedy_value(pmo: PMO, budget: float, costs: dict[str, float]) -> float:
    """What the greedy planner reaches on ``pmo`` (the path roadmap takes at scale)."""
    model = LevelModel(pmo, sound(pmo))
    table, _ = _cost_table(costs, model)
    tally = Tally(model, model.levels)
    _greedy(tally, model.caps, table, budget)
    return model.value(tally.levels)


def greedy_gap(models: int = 1000) -> None:
    rng = random.Random(2026)
    gaps, points = [], []
    for _ in range(models):
        pmo, budget, costs = small_model(rng)
        exact = roadmap(pmo, budget, costs=costs)
        assert exact.exact
        greedy = greedy_value(pmo, budget, costs)
        gained = exact.value_after - exact.value_before
        lost = max(0.0, exact.value_after - greedy)
        gaps.append(lost / gained if gained > 1e-12 else 0.0)
        points.append(lost * 100)
    optimal = sum(g < 1e-9 for g in gaps)
    print(f"Greedy against exact on {models} random small models (2-6 offerings, costs 1-3):")
    print(
        f"  gap in share of the optimal gain: mean {statistics.fmean(gaps) * 100:.2f} %, "
        f"worst {max(gaps) * 100:.1f} %; in coverage points: mean {statistics.fmean(points):.3f}, "
        f"worst {max(points):.2f}; greedy optimal on {optimal} of {models}"
    )


# What-if ------------------------------------------------------------------------------------------


def plain_figures(
    offerings: list[tuple[str, str, int, list[str]]],
    demand: dict[str, float],
    strength: dict[str, dict[str, float]],
    category: dict[str, str],
) -> tuple[float, float, float, dict[str, float | None]]:
    """Coverage, maturity-weighted and effective coverage, and X3 per category, from plain data."""
    level = {ident: m for ident, _, m, _ in offerings}
    effective: dict[str, int] = {}
    for ident, _, m, needs in offerings:  # in delivery order
        effective[ident] = min([m, *(effective[d] for d in needs)])
    totals = []
    factors: list[Callable[[str], float]] = [
        lambda i: 1.0,
        lambda i: level[i] / 5,
        lambda i: effective[i] / 5,
    ]
    for factor in factors:
        missing = dict.fromkeys(demand, 1.0)
        for ident, service, _, _ in offerings:
            for o, strong in strength[service].items():
                if o in missing:
                    missing[o] *= 1 - strong * factor(ident)
        totals.append(math.fsum(d * (1 - missing[o]) for o, d in demand.items()))
    by_service: dict[str, list[int]] = {}
    for _, service, m, _ in offerings:
        by_service.setdefault(service, []).append(m)
    by_category: dict[str, list[float]] = {c.value: [] for c in ServiceCategory}
    for service, levels in by_service.items():
        by_category[category[service]].append(sum(levels) / len(levels))
    x3 = {c: 100 * sum(v) / (5 * len(v)) if v else None for c, v in by_category.items()}
    return totals[0], totals[1], totals[2], x3


def bench_what_if() -> None:
    pmo = examples.load("northwind-energy")
    model = LevelModel(pmo, sound(pmo))
    demand = dict(zip(model.outcomes, model.demand, strict=True))
    strength = {s.id: dict(s.outcomes) for s in CATALOG.services.values()}
    category = {s.id: s.category.value for s in CATALOG.services.values()}
    by_id = {o.id: o for o in pmo.offerings}
    before = [
        (i, by_id[i].service, by_id[i].maturity, list(by_id[i].depends_on)) for i in model.order
    ]
    after = [(i, s, 4 if i == "portfolio-management" else m, d) for i, s, m, d in before]
    change = SetMaturity("portfolio-management", 4)
    result = what_if(pmo, change)
    plain = (
        plain_figures(before, demand, strength, category),
        plain_figures(after, demand, strength, category),
    )
    assert plain[1][3]["strategic"] == result["maturity.strategic"].after == 50.0
    assert math.isclose(plain[1][2], result["effective-coverage"].after or 0, abs_tol=1e-12)
    ours, cold, theirs = rounds(
        [
            lambda: what_if(pmo, change),
            lambda: what_if(attrs.evolve(pmo), change),  # a new model object: nothing kept
            lambda: (
                plain_figures(before, demand, strength, category),
                plain_figures(after, demand, strength, category),
            ),
        ],
        50,
    )
    print(f"What-if on the example ({len(result)} figures, who gains and loses, findings):")
    print(f"  valuering  {spread(ours, 1e-3, 'ms')}  (asked: under 10 ms; the model's own figures")
    print("             kept on it from the first what-if)")
    print(f"  first time {spread(cold, 1e-3, 'ms')}  (a new model object each time)")
    print(f"  plain      {spread(theirs, 1e-3, 'ms')}  (coverage figures and X3 only)")
    print(
        f"  ratio (median) {statistics.median(ours) / statistics.median(theirs):.1f}, "
        f"first time {statistics.median(cold) / statistics.median(theirs):.1f}"
    )


# The roadmap at scale ------------------------------------------------------------------------------


def big_model(offerings: int = 1000, services: int = 200) -> tuple[PMO, Catalog]:
    """A consultant's catalog of weak services (strength 0.02 to 0.2) so coverage never saturates,
    and a PMO running 1,000 offerings of them with prerequisites among recent offerings."""
    rng = random.Random(3)
    outcomes = sorted(CATALOG.outcomes)
    own = [
        ServiceDefinition(
            id=f"svc{s}",
            name=f"Service {s}",
            category=rng.choice(list(ServiceCategory)),
            level_names=("one", "two", "three", "four", "five"),
            outcomes={o: round(rng.uniform(0.02, 0.2), 3) for o in rng.sample(outcomes, 3)},
        )
        for s in range(services)
    ]
    catalog = CATALOG.extend(services=own, name="bench-planning")
    rows = []
    for i in range(offerings):
        level = rng.randint(1, 3)
        needs = rng.sample(range(max(0, i - 50), i), k=min(i, rng.randint(0, 2)))
        rows.append(
            ServiceOffering(
                id=f"o{i}",
                service=f"svc{rng.randrange(services)}",
                maturity=level,
                target=rng.randint(level, 5),
                depends_on=[f"o{d}" for d in needs],
            )
        )
    customers = [
        Customer(
            id=f"c{i}",
            name=f"C{i}",
            group="project-managers",
            weight=rng.uniform(0.5, 3),
            expectations=[Expectation(outcome=o) for o in rng.sample(outcomes, 4)],
        )
        for i in range(50)
    ]
    pmo = PMO(id="big", name="Big", catalog="bench-planning", customers=customers, offerings=rows)
    return pmo, catalog


def plain_roadmap(model: LevelModel, budget: int) -> float:
    """Greedy single raises (cost 1 each) with per-outcome products kept up to date: the core of
    the roadmap in plain Python. Returns the effective coverage reached."""
    levels, caps = list(model.levels), model.caps
    effective = model.effective(levels)
    covered = model.covered(levels)
    missing = [1 - c for c in covered]

    def raised(i: int) -> dict[int, int]:
        changed: dict[int, int] = {}
        stack = [i]
        while stack:
            j = stack.pop()
            e = min(
                [
                    levels[j] + (j == i),
                    *(changed.get(p, effective[p]) for p in model.prerequisites[j]),
                ]
            )
            if e != effective[j] and changed.get(j) != e:
                changed[j] = e
                stack.extend(model.dependents[j])
        return changed

    for _ in range(budget):
        best, best_gain = None, 0.0
        for i in range(len(levels)):
            if levels[i] >= caps[i]:
                continue
            trial = list(missing)
            for j, e in raised(i).items():
                for k, m in model.strengths[j]:
                    old = 1 - m * effective[j] / 5
                    trial[k] = trial[k] / old * (1 - m * e / 5) if old else 0.0
            gain = sum(d * (missing[k] - trial[k]) for k, d in enumerate(model.demand))
            if gain > best_gain:
                best, best_gain = i, gain
        if best is None:
            break
        for j, e in raised(best).items():
            effective[j] = e
        levels[best] += 1
        missing = [1 - c for c in model.covered(levels)]
    return model.value(levels)


def bench_roadmap(budget: int = 100) -> None:
    pmo, catalog = big_model()
    sound(pmo, catalog=catalog)
    model = LevelModel(pmo, catalog)
    plan = roadmap(pmo, budget, catalog=catalog)
    plain = plain_roadmap(model, budget)
    ours, theirs = rounds(
        [lambda: roadmap(pmo, budget, catalog=catalog), lambda: plain_roadmap(model, budget)], 3
    )
    print(f"Roadmap of {len(pmo.offerings)} offerings, budget {budget} raises ({plan!r}):")
    print(f"  valuering  {spread(ours, 1, 's')}  (asked: under 5 s)")
    print(f"  plain      {spread(theirs, 1, 's')}  (single raises, no bundles or reasons)")
    print(f"  ratio (median) {statistics.median(ours) / statistics.median(theirs):.2f}")
    print(
        f"  effective coverage reached: valuering {plan.value_after * 100:.2f} %, "
        f"plain {plain * 100:.2f} % (from {plan.value_before * 100:.2f} %)"
    )


def main() -> None:
    greedy_gap()
    bench_what_if()
    bench_roadmap()


if __name__ == "__main__":
    main()
