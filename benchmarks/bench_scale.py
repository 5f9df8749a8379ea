"""Value tracing at scale: the public functions against the same formulas in plain Python.

Run: ``python benchmarks/bench_scale.py`` (``--offerings 10000 --customers 100000 --rounds 5``), and
``python benchmarks/bench_scale.py --memory`` for the 100,000-offering chain (peak memory) and
``python benchmarks/bench_scale.py --import-time``.

The model: offerings over the PMI catalog as a random DAG, each needing three offerings drawn from
all those before it (``valuering.testing.models.random_dag_pmo``), so most offerings reach most
later ones; customers with five expectations each. Every implementation computes the same things:
D_o, the coverage, the attribution of every offering (with its split by outcome), the trace of every
offering (its outcomes, objectives, direct dependents and the set of all its dependents), the impact
of losing every offering (the outcomes whose coverage drops, before and after, and the set lost) and
the effective maturity of every offering with the offering that holds it. The figures are checked
equal before timing.

- public: the public functions (``value_attribution``, ``trace_all``, ``impact_all``,
  ``effective_maturity``, ``coverage``) on a model object they have not seen, so the soundness check
  and all the shared groundwork are in the time;
- shared: one ``ValueAnalysis`` asked every question, on a model whose soundness is already known;
- plain: the formulas written as plainly and fast as Python allows: dicts, per-service rows, int
  bitsets for reachability and per-outcome strength groups for impacts (the same algorithm as ours,
  without result objects or checks);
- naive: networkx ``descendants`` per offering and the coverage recomputed from scratch without the
  lost offerings, timed on a sample of offerings and scaled to all of them.

Rounds are interleaved (plain, public, shared in turn each round); the ratios are printed as
min/median/max over the rounds.
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import networkx as nx

from valuering import PMO
from valuering.catalog import Catalog, pmi_2025
from valuering.demand import coverage
from valuering.graph import (
    ValueAnalysis,
    effective_maturity,
    impact_all,
    trace_all,
    value_attribution,
)
from valuering.testing.models import random_dag_pmo
from valuering.validation import sound

# ours ---------------------------------------------------------------------------------------------


def public(pmo: PMO) -> tuple[Any, ...]:
    return (
        coverage(pmo),
        value_attribution(pmo),
        trace_all(pmo),
        impact_all(pmo),
        effective_maturity(pmo),
    )


def shared(pmo: PMO) -> tuple[Any, ...]:
    analysis = ValueAnalysis(pmo)
    return (
        analysis.coverage_total,
        analysis.attribution(),
        analysis.traces(),
        analysis.impacts(),
        analysis.effective_maturity(),
    )


def fresh(pmo: PMO) -> PMO:
    """The same model as a new object, which no analysis has seen (built outside the timing)."""
    return attrs.evolve(pmo)


# plain --------------------------------------------------------------------------------------------


def plain(pmo: PMO, catalog: Catalog) -> dict[str, Any]:
    # D_o (formula 1), with the customers behind each outcome kept as two columns.
    voiced = [c for c in pmo.customers if c.expectations]
    total_weight = math.fsum([c.weight for c in voiced])
    expected: dict[str, tuple[list[str], list[float]]] = {}
    for c in voiced:
        w = c.weight / total_weight
        total_priority = math.fsum([e.priority for e in c.expectations])
        ident = c.id
        for e in c.expectations:  # a sound model names each outcome once per customer
            try:
                columns = expected[e.outcome]
            except KeyError:
                columns = expected[e.outcome] = ([], [])
            columns[0].append(ident)
            columns[1].append(w * e.priority / total_priority)
    demand = {o: math.fsum(shares) for o, (_, shares) in expected.items()}

    # Offerings in delivery order (Kahn's algorithm, by id within a wave); bit i is order[i].
    offerings = {o.id: o for o in pmo.offerings}
    dependents: dict[str, list[str]] = {ident: [] for ident in offerings}
    waiting = {}
    for o in pmo.offerings:
        waiting[o.id] = len(set(o.depends_on))
        for d in set(o.depends_on):
            dependents[d].append(o.id)
    for ids in dependents.values():
        ids.sort()
    wave = sorted(ident for ident, n in waiting.items() if n == 0)
    order: list[str] = []
    while wave:
        order += wave
        ready = []
        for ident in wave:
            for d in dependents[ident]:
                waiting[d] -= 1
                if not waiting[d]:
                    ready.append(d)
        wave = sorted(ready)
    index = {ident: i for i, ident in enumerate(order)}
    n = len(order)
    service_of = [offerings[ident].service for ident in order]
    strengths = {
        s: {o: m for o, m in sorted(catalog.services[s].outcomes.items()) if m > 0}
        for s in set(service_of)
    }

    # Coverage (formula 3) and attribution (formula 7), per service.
    servers: dict[str, list[tuple[int, float]]] = {}
    for i, s in enumerate(service_of):
        for o, m in strengths[s].items():
            servers.setdefault(o, []).append((i, m))
    missing = dict.fromkeys(demand, 1.0)
    for o, rows in servers.items():
        if o in missing:
            for _, m in rows:
                missing[o] *= 1.0 - m
    covered = {o: 1.0 - missing[o] for o in demand}
    total = math.fsum(demand[o] * covered[o] for o in demand)
    totals = {o: math.fsum(m for _, m in rows) for o, rows in servers.items()}
    split = {
        s: {o: demand[o] * m / totals[o] for o, m in row.items() if o in demand}
        for s, row in strengths.items()
    }
    service_share = {s: math.fsum(row.values()) for s, row in split.items()}
    attribution = sorted(
        ((order[i], service_share[service_of[i]]) for i in range(n)),
        key=lambda pair: (-pair[1], pair[0]),
    )

    # Reachability as int bitsets: dependents come later in delivery order.
    children = [sorted(index[d] for d in dependents[ident]) for ident in order]
    below = [0] * n
    for i in range(n - 1, -1, -1):
        reach = 0
        for c in children[i]:
            reach |= below[c] | (1 << c)
        below[i] = reach

    # Traces: per service the outcomes and objectives; per offering its dependents.
    objectives_of: dict[str, list[str]] = {}
    for objective in pmo.objectives:
        for o in objective.outcomes:
            objectives_of.setdefault(o, []).append(objective.id)
    per_service = {
        s: (
            sorted(
                ((o, demand.get(o, 0.0), m, split[s].get(o, 0.0)) for o, m in row.items()),
                key=lambda t: (-t[1], t[0]),
            ),
            sorted({obj for o in row for obj in objectives_of.get(o, ())}),
        )
        for s, row in strengths.items()
    }
    traces = {
        order[i]: (
            service_share[service_of[i]],
            *per_service[service_of[i]],
            [order[c] for c in children[i]],
            below[i],
        )
        for i in range(n)
    }

    # Impacts: per demanded outcome, its servers grouped by strength as bitsets.
    groups = []
    for o in sorted(demand):
        by_value: dict[float, int] = {}
        counts: dict[float, int] = {}
        for i, m in servers.get(o, ()):
            by_value[m] = by_value.get(m, 0) | (1 << i)
            counts[m] = counts.get(m, 0) + 1
        parts = [(m, by_value[m], counts[m]) for m in sorted(by_value)]
        if parts:
            full = parts[-1][1] if parts[-1][0] == 1.0 else 0
            groups.append((o, full, parts))
    position = {o: k for k, (o, _, _) in enumerate(groups)}
    own = {s: sum(1 << position[o] for o in row if o in position) for s, row in strengths.items()}
    touched = [own[s] for s in service_of]
    for i in range(n - 1, -1, -1):
        for c in children[i]:
            touched[i] |= touched[c]
    impacts = {}
    for i in range(n):
        lost = below[i] | (1 << i)
        losses = []
        bits_k = touched[i]
        while bits_k:
            k = bits_k.bit_length() - 1
            bits_k ^= 1 << k
            o, full, parts = groups[k]
            if full:
                if full & lost != full:
                    continue
                parts = parts[:-1]  # all full-strength servers lost: their factor is 0 ** 0
            after = 1.0 - math.prod((1.0 - m) ** (c - (b & lost).bit_count()) for m, b, c in parts)
            if after < covered[o]:
                losses.append((o, demand[o], covered[o], after, demand[o] * (covered[o] - after)))
        losses.sort(key=lambda loss: (-loss[4], loss[0]))
        at_risk = math.fsum(loss[4] for loss in losses)
        impacts[order[i]] = (at_risk, total, max(0.0, total - at_risk), losses, below[i])

    # Effective maturity: e_s = min(m_s, e_d over its prerequisites), and who holds it.
    prerequisites = [sorted({index[d] for d in offerings[ident].depends_on}) for ident in order]
    level = [0] * n
    held = [0] * n
    for i in range(n):
        e, w = offerings[order[i]].maturity, i
        for p in prerequisites[i]:
            if level[p] < e or (level[p] == e and w != i and order[held[p]] < order[w]):
                e, w = level[p], held[p]
        level[i], held[i] = e, w
    effective = {order[i]: (level[i], order[held[i]]) for i in range(n)}

    return {
        "total": total,
        "covered": covered,
        "attribution": attribution,
        "split": split,
        "traces": traces,
        "impacts": impacts,
        "effective": effective,
        "order": order,
    }


# naive --------------------------------------------------------------------------------------------


def naive(pmo: PMO, catalog: Catalog, sample: list[str]) -> float:
    """The impact of the sampled offerings the obvious way: walk the graph, recompute the coverage."""
    demand = dict(plain_demand(pmo))
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(o.id for o in pmo.offerings)
    graph.add_edges_from((d, o.id) for o in pmo.offerings for d in o.depends_on)
    strengths = {o.id: catalog.services[o.service].outcomes for o in pmo.offerings}

    def covered(ids: list[str]) -> float:
        missing = dict.fromkeys(demand, 1.0)
        for s in ids:
            for o, m in strengths[s].items():
                if o in missing:
                    missing[o] *= 1.0 - m
        return math.fsum(d * (1.0 - missing[o]) for o, d in demand.items())

    before = covered(list(strengths))
    at_risk = 0.0
    for s in sample:
        lost = nx.descendants(graph, s) | {s}
        sorted(graph.successors(s))
        at_risk += before - covered([t for t in strengths if t not in lost])
    return at_risk


def plain_demand(pmo: PMO) -> dict[str, float]:
    voiced = [c for c in pmo.customers if c.expectations]
    total_weight = math.fsum([c.weight for c in voiced])
    demand: dict[str, list[float]] = {}
    for c in voiced:
        total_priority = math.fsum([e.priority for e in c.expectations])
        for e in c.expectations:
            demand.setdefault(e.outcome, []).append(
                c.weight / total_weight * e.priority / total_priority
            )
    return {o: math.fsum(v) for o, v in demand.items()}


# agreement ----------------------------------------------------------------------------------------


def check_agreement(pmo: PMO, catalog: Catalog) -> None:
    """Ours and plain give the same figures, bit for bit."""
    mine = shared(fresh(pmo))
    analysis = ValueAnalysis.of(pmo)
    theirs = plain(pmo, catalog)
    assert mine[0] == theirs["total"]
    assert list(mine[1].items()) == theirs["attribution"]
    assert {k: dict(v) for k, v in mine[1].by_outcome.items()} == {
        ident: theirs["split"][pmo.offering(ident).service] for ident in mine[1]
    }
    assert dict(analysis.covered) == theirs["covered"]
    for ident, trace in mine[2].items():
        share, outcomes, objectives, direct, below = theirs["traces"][ident]
        assert trace.share == share
        assert [(t.outcome, t.demand, t.strength, t.share) for t in trace.outcomes] == outcomes
        assert list(trace.objectives) == objectives
        assert list(trace.direct_dependents) == direct
        order = theirs["order"]
        assert list(trace.dependents) == [order[i] for i in range(len(order)) if below >> i & 1]
    for ident, impact in mine[3].items():
        at_risk, before, after, losses, lost = theirs["impacts"][ident]
        assert (impact.demand_at_risk, impact.coverage_before, impact.coverage_after) == (
            at_risk,
            before,
            after,
        )
        assert [
            (x.outcome, x.demand, x.covered_before, x.covered_after) for x in impact.outcomes
        ] == [loss[:4] for loss in losses]
        order = theirs["order"]
        assert impact.lost == (ident, *(order[i] for i in range(len(order)) if lost >> i & 1))
    levels = mine[4]
    assert {k: (levels[k], levels.held_by[k]) for k in levels} == theirs["effective"]


# timing -------------------------------------------------------------------------------------------


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def spread(ratios: list[float]) -> str:
    return f"{min(ratios):.2f} / {statistics.median(ratios):.2f} / {max(ratios):.2f}"


def one_round(pmo: PMO, catalog: Catalog, rows: dict[str, list[float]]) -> None:
    first, second = fresh(pmo), fresh(pmo)
    gc.collect()
    rows["plain"].append(timed(lambda: plain(pmo, catalog)))
    gc.collect()
    rows["public"].append(timed(lambda: public(first)))
    gc.collect()
    rows["check"].append(timed(lambda: sound(second)))
    rows["shared"].append(timed(lambda: shared(second)))


def scale(args: argparse.Namespace) -> None:
    catalog = pmi_2025()
    start = time.perf_counter()
    pmo = random_dag_pmo(args.offerings, customers=args.customers, seed=args.seed)
    print(
        f"{args.offerings:,} offerings (random DAG, 3 prerequisites each), {args.customers:,} "
        f"customers x 5 expectations, built in {time.perf_counter() - start:.1f} s"
    )
    check_agreement(pmo, catalog)
    print("ours and plain agree on every figure")
    rows: dict[str, list[float]] = {"plain": [], "public": [], "shared": [], "check": []}
    for _ in range(args.rounds):
        one_round(pmo, catalog, rows)
    for name in ("plain", "public", "shared", "check"):
        times = rows[name]
        print(f"  {name:<8} min {min(times):.3f} s  median {statistics.median(times):.3f} s")
    public_ratio = [p / q for p, q in zip(rows["public"], rows["plain"], strict=True)]
    shared_ratio = [p / q for p, q in zip(rows["shared"], rows["plain"], strict=True)]
    print(f"public functions / plain   (min/median/max): {spread(public_ratio)}   goal <= 1.2")
    print(f"shared analysis / plain    (min/median/max): {spread(shared_ratio)}   goal <= 1.0")
    ids = [o.id for o in pmo.offerings]
    sample = random.Random(args.seed).sample(ids, min(args.sample, len(ids)))
    fixed = timed(lambda: naive(pmo, catalog, []))
    sampled = timed(lambda: naive(pmo, catalog, sample))
    t_naive = fixed + (sampled - fixed) * len(ids) / len(sample)
    t_shared = statistics.median(rows["shared"])
    print(
        f"naive networkx / shared analysis: {t_naive / t_shared:.1f}   goal >= 20 "
        f"(naive {t_naive:.1f} s, timed on {len(sample)} offerings and scaled)"
    )


# memory -------------------------------------------------------------------------------------------

CHAIN_CHILD = """
import resource, sys, time
from valuering import PMO, ServiceOffering
from valuering.catalog import pmi_2025
from valuering.testing.models import random_dag_pmo
sys.path.insert(0, {here!r})
import bench_scale
n, which = {n}, {which!r}
services = sorted(pmi_2025().services)
customers = random_dag_pmo(1, customers=1000).customers
offerings = [ServiceOffering(id=f"o{{i:06d}}", service=services[i % len(services)], maturity=3,
                             depends_on=[f"o{{i - 1:06d}}"] if i else []) for i in range(n)]
pmo = PMO(id="chain", name="Chain", customers=customers, offerings=offerings)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if which == "ours":
    from valuering.graph import impact_all, trace_all
    impacts, traces = impact_all(pmo), trace_all(pmo)
    assert len(impacts[offerings[0].id].lost) == n
else:
    result = bench_scale.plain(pmo, pmi_2025())
    assert result["impacts"][offerings[0].id][4].bit_count() == n - 1
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(elapsed, base, peak)
"""


def chain_run(size: int, which: str) -> tuple[float, float, float]:
    """impact_all + trace_all (or plain) on a chain of ``size`` offerings, in a fresh process:
    seconds, the model's peak RSS and the whole peak RSS (GB)."""
    code = CHAIN_CHILD.format(here=str(Path(__file__).parent), n=size, which=which)
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), int(out[1]) / 2**20, int(out[2]) / 2**20


def memory(args: argparse.Namespace) -> None:
    sizes = sorted(args.chain)
    print(
        f"offerings in one dependency chain ({', '.join(f'{n:,}' for n in sizes)}), 1,000 customers"
    )
    times: dict[tuple[int, str], list[float]] = {}
    peaks: dict[tuple[int, str], float] = {}
    for _ in range(args.memory_rounds):
        for size in sizes:
            for which in ("plain", "ours"):
                elapsed, base, peak = chain_run(size, which)
                times.setdefault((size, which), []).append(elapsed)
                peaks[size, which] = max(peaks.get((size, which), 0.0), peak)
                print(
                    f"  {size:>7,} {which:<5} {elapsed:7.2f} s   peak RSS {peak:5.2f} GB "
                    f"(model alone {base:4.2f} GB)"
                )
    largest = sizes[-1]
    ratios = [o / p for o, p in zip(times[largest, "ours"], times[largest, "plain"], strict=True)]
    print(
        f"impact_all + trace_all / plain at {largest:,}, time (min/median/max): {spread(ratios)}"
        "   goal <= 1.2"
    )
    print(
        f"peak RSS of impact_all + trace_all at {largest:,}: {peaks[largest, 'ours']:.2f} GB"
        f" (plain {peaks[largest, 'plain']:.2f} GB)   goal <= 1.5 GB"
    )
    if len(sizes) > 1:
        for which in ("ours", "plain"):
            first = statistics.median(times[sizes[0], which])
            last = statistics.median(times[largest, which])
            exponent = math.log(last / first) / math.log(largest / sizes[0])
            print(f"time grows as N^{exponent:.2f} ({which}, {sizes[0]:,} to {largest:,})")


# import time --------------------------------------------------------------------------------------

IMPORT_CHILD = "import time; s = time.perf_counter(); import {}; print(time.perf_counter() - s)"


def import_time(args: argparse.Namespace) -> None:
    ours_t, theirs_t = [], []
    for _ in range(args.rounds * 4):
        for target, times in (("valuering", ours_t), ("attrs, cattrs, networkx", theirs_t)):
            out = subprocess.run(
                [sys.executable, "-c", IMPORT_CHILD.format(target)],
                check=True,
                capture_output=True,
                text=True,
            )
            times.append(float(out.stdout))
    ratios = [a / b for a, b in zip(ours_t, theirs_t, strict=True)]
    print(
        f"import valuering {statistics.median(ours_t) * 1000:.0f} ms, import attrs, cattrs, "
        f"networkx {statistics.median(theirs_t) * 1000:.0f} ms"
    )
    print(f"import ratio (min/median/max): {spread(ratios)}   goal <= 1.3")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offerings", type=int, default=10_000)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sample", type=int, default=50, help="offerings the naive run times")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--memory", action="store_true", help="the dense chain's peak memory")
    parser.add_argument(
        "--chain", type=int, nargs="+", default=[25_000, 100_000], help="offerings in the chain"
    )
    parser.add_argument("--memory-rounds", type=int, default=3)
    parser.add_argument("--import-time", action="store_true")
    args = parser.parse_args()
    if args.memory:
        memory(args)
    elif args.import_time:
        import_time(args)
    else:
        scale(args)


if __name__ == "__main__":
    main()
