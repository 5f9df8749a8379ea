"""Benchmark: the history store on SQLite with 10,000 PMOs of 26 offerings.

Run with ``python benchmarks/bench_history.py`` (needs the history extra). It adds one snapshot of
each of 10,000 PMOs and 99 earlier ones of the first (100 in all, a day apart), then
times ``trend`` over that PMO's 100 snapshots and ``percentile`` of a new model among the 10,000
PMOs' latest snapshots, each against the same work in plain Python on in-memory dicts (min, median
and max of interleaved rounds). Both must take under a second on SQLite.
"""

from __future__ import annotations

import datetime
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs

from valuering import PMO, Customer, Expectation, ServiceOffering, pmi_2025
from valuering.history import Store, headline_figures

CATALOG = pmi_2025()
OUTCOMES = sorted(CATALOG.outcomes)
SERVICES = sorted(CATALOG.services)
PMOS = 10_000
HISTORY = 100
FIGURE = "maturity.tactical"
ROUNDS = 7


def make_pmo(index: int, rng: random.Random) -> PMO:
    """A PMO running all 26 catalog services at random levels, with four customers."""
    return PMO(
        id=f"pmo-{index:05d}",
        name=f"PMO {index}",
        as_of=datetime.date(2025, 12, 31),
        customers=tuple(
            Customer(
                id=f"c{j}",
                name=f"Customer {j}",
                group="project-managers",
                expectations=tuple(
                    Expectation(outcome=o, priority=rng.randint(1, 5))
                    for o in rng.sample(OUTCOMES, 5)
                ),
            )
            for j in range(4)
        ),
        offerings=tuple(
            ServiceOffering(id=f"o{k}", service=s, maturity=rng.randint(1, 5), target=5)
            for k, s in enumerate(SERVICES)
        ),
    )


def history_of(pmo: PMO, rng: random.Random) -> list[PMO]:
    """``HISTORY - 1`` earlier versions of ``pmo``, a day apart, levels changed at random."""
    versions = []
    for day in range(1, HISTORY):
        offerings = tuple(attrs.evolve(o, maturity=rng.randint(1, 5)) for o in pmo.offerings)
        versions.append(
            attrs.evolve(pmo, as_of=pmo.as_of - datetime.timedelta(days=day), offerings=offerings)
        )
    return versions


def fill(store: Store, rng: random.Random) -> float:
    """Add every snapshot in batches of 500 (one transaction each); returns the seconds taken."""
    first = make_pmo(0, rng)
    batch: list[PMO] = [first, *history_of(first, rng)]
    started = time.perf_counter()
    for index in range(1, PMOS + 1):
        if len(batch) >= 500 or index == PMOS:
            store.add_all(batch)
            batch = []
            print(f"\r  added {index:,} PMOs", end="", file=sys.stderr)
        if index < PMOS:
            batch.append(make_pmo(index, rng))
    print(file=sys.stderr)
    return time.perf_counter() - started


def plain_copy(store: Store) -> dict[str, list[tuple[str, dict[str, float]]]]:
    """The store's snapshots and figures as plain dicts: what plain Python would keep in memory."""
    plain: dict[str, list[tuple[str, dict[str, float]]]] = {}
    by_id: dict[int, dict[str, float]] = {}
    with store._engine.connect() as conn:
        for snapshot_id, figure, value in conn.exec_driver_sql(
            "SELECT snapshot_id, figure, value FROM valuering_figures"
        ):
            by_id.setdefault(snapshot_id, {})[figure] = value
    for snapshot in store.snapshots():
        day = snapshot.as_of.isoformat() if snapshot.as_of else ""
        plain.setdefault(snapshot.pmo, []).append((day, by_id.get(snapshot.id, {})))
    return plain


def plain_trend(
    plain: dict[str, list[tuple[str, dict[str, float]]]], pmo: str
) -> list[tuple[str, float]]:
    return [
        (day, figures[FIGURE])
        for day, figures in sorted(plain[pmo], key=lambda s: s[0])
        if FIGURE in figures
    ]


def plain_percentile(
    plain: dict[str, list[tuple[str, dict[str, float]]]], pmo: str, value: float
) -> float:
    below = equal = compared = 0
    for other, snapshots in plain.items():
        if other == pmo:
            continue
        latest = max(snapshots, key=lambda s: s[0])[1]
        if FIGURE in latest:
            compared += 1
            below += latest[FIGURE] < value
            equal += latest[FIGURE] == value
    return 100 * (below + 0.5 * equal) / compared


def rounds(work: dict[str, Callable[[], object]]) -> dict[str, list[float]]:
    """Each piece of work timed ``ROUNDS`` times, interleaved so drift hits them alike."""
    times: dict[str, list[float]] = {name: [] for name in work}
    for _ in range(ROUNDS):
        for name, run in work.items():
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    return times


def show(name: str, ours: list[float], plain: list[float]) -> None:
    line = " / ".join(f"{1000 * f(ours):7.1f}" for f in (min, statistics.median, max))
    ratio = statistics.median(ours) / statistics.median(plain)
    verdict = "under 1 s" if max(ours) < 1 else "OVER 1 s"
    print(f"{name:<34} {line} ms (min / median / max)  x{ratio:,.0f} plain Python  {verdict}")


def main() -> None:
    rng = random.Random(2026)
    folder = Path(tempfile.mkdtemp())
    with Store(folder / "history.db") as store:
        seconds = fill(store, rng)
        plain = plain_copy(store)
        snapshots = sum(len(v) for v in plain.values())
        print(
            f"added {snapshots:,} snapshots of {len(plain):,} PMOs (26 offerings each) in {seconds:.0f} s"
        )
        candidate = attrs.evolve(make_pmo(PMOS, rng), id="candidate")
        value = headline_figures(candidate).numbers()[FIGURE]
        trend = store.trend("pmo-00000", FIGURE)
        assert [(p.as_of.isoformat() if p.as_of else "", p.value) for p in trend] == plain_trend(
            plain, "pmo-00000"
        )
        assert len(trend) == HISTORY
        benchmark = store.percentile(candidate, FIGURE)
        assert benchmark.compared == PMOS
        assert benchmark.percentile == plain_percentile(plain, "candidate", value)
        times = rounds(
            {
                "trend": lambda: store.trend("pmo-00000", FIGURE),
                "plain trend": lambda: plain_trend(plain, "pmo-00000"),
                "percentile": lambda: store.percentile(candidate, FIGURE),
                "plain percentile": lambda: plain_percentile(plain, "candidate", value),
            }
        )
    show(f"trend over {HISTORY} snapshots", times["trend"], times["plain trend"])
    show(f"percentile among {PMOS:,} PMOs", times["percentile"], times["plain percentile"])


if __name__ == "__main__":
    main()
