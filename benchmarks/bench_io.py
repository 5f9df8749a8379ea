"""Benchmark: loading a large model through valuering.io against plain cattrs structuring.

Run with ``python benchmarks/bench_io.py [--offerings N] [--customers N] [--repeat N]``. The model has
10,000 offerings (acyclic dependencies) and 100,000 customers with 5 expectations each by default.

Compared, on the same plain data (already parsed):
* valuering: envelope check, strict structuring (no coercion, unknown keys refused) and every
  cross-reference check (``find_problems``: ids, outcomes, groups, duplicate ids, dependency cycles);
* plain: ``cattrs.Converter().structure(data, PMO)``, no strict hooks and no cross-reference checks
  (the model classes' own field checks run in both, since they run in the constructors).

It also times the whole ``loads`` of the JSON text next to ``json.loads`` + plain cattrs, for context.
The goal is a ratio of at most 1.5.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from typing import Any

import cattrs

from valuering import PMO, pmi_2025
from valuering._document._converter import structure_partial
from valuering.io import MODEL_MIGRATIONS, loads
from valuering.validation import find_problems

CATALOG = pmi_2025()


def make_data(offerings: int, customers: int, seed: int = 11) -> dict[str, Any]:
    """Plain model data, as a parser would hand it over."""
    rng = random.Random(seed)
    services = sorted(CATALOG.services)
    outcomes = sorted(CATALOG.outcomes)
    groups = sorted(CATALOG.customer_groups)
    offering_rows = []
    for i in range(offerings):
        row: dict[str, Any] = {
            "id": f"offering-{i}",
            "service": rng.choice(services),
            "maturity": rng.randint(1, 5),
            "target": 5,
        }
        if i:
            row["depends_on"] = [f"offering-{rng.randrange(i)}" for _ in range(rng.randint(0, 2))]
        offering_rows.append(row)
    customer_rows = [
        {
            "id": f"customer-{i}",
            "name": f"Customer {i}",
            "group": rng.choice(groups),
            "weight": rng.choice([0.5, 1.0, 2.0, 3.0]),
            "expectations": [
                {"outcome": outcome, "priority": float(rng.randint(1, 5))}
                for outcome in rng.sample(outcomes, 5)
            ],
        }
        for i in range(customers)
    ]
    return {
        "schema": "valuering/1",
        "id": "bench",
        "name": "Benchmark PMO",
        "customers": customer_rows,
        "offerings": offering_rows,
    }


def ours(data: dict[str, Any]) -> PMO:
    document = MODEL_MIGRATIONS.upgrade(data)
    pmo, problems = structure_partial(document, PMO)
    assert pmo is not None, problems[:3]
    assert not problems, problems[:3]
    assert not find_problems(pmo)
    return pmo


def plain(data: dict[str, Any]) -> PMO:
    document = {k: v for k, v in data.items() if k != "schema"}
    return cattrs.Converter().structure(document, PMO)


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--offerings", type=int, default=10_000)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = make_data(args.offerings, args.customers)
    assert ours(data) == plain(data)  # same model either way
    text = json.dumps(data)
    print(
        f"model: {args.offerings:,} offerings, {args.customers:,} customers x 5 expectations "
        f"(best of {args.repeat})"
    )
    rows = [
        (
            "structure + checks",
            best(lambda: ours(data), args.repeat),
            best(lambda: plain(data), args.repeat),
        ),
        (
            "loads(JSON text)",
            best(lambda: loads(text, "json"), args.repeat),
            best(lambda: plain(json.loads(text)), args.repeat),
        ),
    ]
    print(f"{'':<20} {'valuering':>10} {'plain cattrs':>13} {'ratio':>6}")
    for label, mine, theirs in rows:
        print(f"{label:<20} {mine:>9.2f}s {theirs:>12.2f}s {mine / theirs:>6.2f}")


if __name__ == "__main__":
    main()
