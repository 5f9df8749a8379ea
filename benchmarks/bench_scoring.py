"""Benchmark: valuering.scoring against the same work written with plain dicts.

Run with ``python benchmarks/bench_scoring.py``. For each function it prints the best time of several runs
and the ratio valuering / plain; the plain versions also check that both give the same numbers.
"""

from __future__ import annotations

import math
import random
import timeit
from collections.abc import Callable

from valuering import (
    PMO,
    Customer,
    Expectation,
    ServiceOffering,
    maturity_by_category,
    pmi_2025,
    recommend_services,
    smallest_mix,
)

CATALOG = pmi_2025()
STRENGTH = {s.id: dict(s.outcomes) for s in CATALOG.services.values()}
CATEGORY = {s.id: s.category.value for s in CATALOG.services.values()}
NUMBER = {s.id: s.number or 0 for s in CATALOG.services.values()}


def make_pmo(customers: int, seed: int = 7) -> PMO:
    rng = random.Random(seed)
    outcomes = sorted(CATALOG.outcomes)
    services = sorted(CATALOG.services)
    return PMO(
        id="bench",
        name="Bench",
        customers=tuple(
            Customer(
                id=f"c{i}",
                name=f"C{i}",
                group="project-managers",
                weight=rng.uniform(0.5, 3),
                expectations=tuple(
                    Expectation(outcome=o, priority=rng.randint(1, 5))
                    for o in rng.sample(outcomes, 5)
                ),
            )
            for i in range(customers)
        ),
        offerings=tuple(
            ServiceOffering(id=f"o{i}", service=s, maturity=rng.randint(1, 5))
            for i, s in enumerate(rng.sample(services, 12))
        ),
    )


def plain_demand(data: list[tuple[float, list[tuple[str, float]]]]) -> dict[str, float]:
    total_w = sum(w for w, _ in data)
    demand: dict[str, float] = {}
    for w, exps in data:
        total_p = sum(p for _, p in exps)
        for o, p in exps:
            demand[o] = demand.get(o, 0.0) + w / total_w * p / total_p
    return demand


def plain_recommend(data: list[tuple[float, list[tuple[str, float]]]]) -> list[tuple[str, float]]:
    demand = plain_demand(data)
    scores = {s: sum(d * m.get(o, 0.0) for o, d in demand.items()) for s, m in STRENGTH.items()}
    return sorted(scores.items(), key=lambda kv: (-kv[1], NUMBER[kv[0]]))


def plain_mix(data: list[tuple[float, list[tuple[str, float]]]], target: float) -> list[str]:
    demand = plain_demand(data)
    missing = dict.fromkeys(demand, 1.0)
    chosen: list[str] = []
    covered = 0.0
    left = sorted(STRENGTH, key=NUMBER.__getitem__)
    while covered < target and left:
        gains = {
            s: sum(demand[o] * missing[o] * m for o, m in STRENGTH[s].items() if o in missing)
            for s in left
        }
        best = max(left, key=lambda s: (gains[s], -NUMBER[s]))
        if gains[best] <= 0:
            break
        for o, m in STRENGTH[best].items():
            if o in missing:
                missing[o] *= 1 - m
        covered = sum(demand[o] * (1 - missing[o]) for o in demand)
        chosen.append(best)
        left.remove(best)
    return chosen


def plain_maturity(offerings: list[tuple[str, int]]) -> dict[str, float | None]:
    # X3 counts each offered service once, at the mean level of its offerings.
    by_service: dict[str, list[int]] = {}
    for service, m in offerings:
        by_service.setdefault(service, []).append(m)
    levels: dict[str, list[float]] = {"strategic": [], "tactical": [], "operational": []}
    for service, ms in by_service.items():
        levels[CATEGORY[service]].append(sum(ms) / len(ms))
    return {c: 100 * math.fsum(v) / (5 * len(v)) if v else None for c, v in levels.items()}


def best_time(fn: Callable[[], object], number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


def main() -> None:
    for customers in (10, 200):
        run(customers)


def run(customers: int) -> None:
    pmo = make_pmo(customers)
    data = [(c.weight, [(e.outcome, e.priority) for e in c.expectations]) for c in pmo.customers]
    offerings = [(o.service, o.maturity) for o in pmo.offerings]

    ours = [(s.service, s.score) for s in recommend_services(pmo)]
    theirs = plain_recommend(data)
    assert all(math.isclose(a[1], b[1], abs_tol=1e-12) for a, b in zip(ours, theirs, strict=True))
    assert smallest_mix(pmo, 0.9).services == tuple(plain_mix(data, 0.9))
    records = maturity_by_category(pmo).to_records()
    assert {r["category"]: r["percent"] for r in records} == plain_maturity(offerings)

    cases = [
        (
            "recommend_services",
            lambda: recommend_services(pmo),
            lambda: plain_recommend(data),
            20,
        ),
        ("smallest_mix(0.9)", lambda: smallest_mix(pmo, 0.9), lambda: plain_mix(data, 0.9), 10),
        (
            "maturity_by_category",
            lambda: maturity_by_category(pmo),
            lambda: plain_maturity(offerings),
            200,
        ),
    ]
    print(f"{customers} customers, 5 expectations each, 12 offerings, 26 catalog services")
    for name, ours_fn, plain_fn, number in cases:
        t_ours = best_time(ours_fn, number)
        t_plain = best_time(plain_fn, number)
        print(
            f"  {name:<22} valuering {t_ours * 1e3:8.3f} ms   plain {t_plain * 1e3:8.3f} ms   ratio {t_ours / t_plain:5.1f}"
        )


if __name__ == "__main__":
    main()
