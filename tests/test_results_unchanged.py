"""Every value-tracing result, bit for bit, as it was before the engine was reworked for scale.

``tests/data/value_results.json`` holds the figures the engine gave (at commit 1942633) on the bundled
example and on generated models: a chain of programmes, a random dependency DAG and a random DAG over
a catalog with fractional strengths. JSON keeps every float's shortest round-trip form, so equality
here is bit identity. The example's figures are kept whole; a generated model's are kept as one
SHA-256 digest of the JSON of each part, to keep the file small. Regenerate only on purpose: ``python tests/test_results_unchanged.py``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from valuering import examples
from valuering.catalog import Catalog, Link, pmi_2025
from valuering.demand import coverage, outcome_demand
from valuering.graph import (
    contributors,
    delivery_waves,
    effective_maturity,
    impact_all,
    impact_of,
    trace_all,
    trace_value,
    value_attribution,
)
from valuering.model import PMO
from valuering.testing.models import large_pmo, random_dag_pmo

GOLDEN = Path(__file__).parent / "data" / "value_results.json"
STRENGTHS = (0.25, 0.5, 0.8, 1.0)


def fractional_catalog() -> Catalog:
    """The PMI catalog with every link given one of a few strengths below or at 1."""
    base = pmi_2025()
    links = [
        Link(service=s, outcome=o, strength=STRENGTHS[(i + j) % len(STRENGTHS)])
        for i, s in enumerate(sorted(base.services))
        for j, o in enumerate(sorted(base.services[s].outcomes))
    ]
    return base.extend(links=links, name="fractional")


def models() -> dict[str, tuple[PMO, Catalog]]:
    fractional = fractional_catalog()
    return {
        "northwind-energy": (examples.load("northwind-energy"), pmi_2025()),
        "chains": (large_pmo(120, customers=60, indicators=0), pmi_2025()),
        "random-dag": (random_dag_pmo(80, customers=150), pmi_2025()),
        "fractional-dag": (random_dag_pmo(60, customers=50, catalog=fractional), fractional),
    }


def fingerprint(pmo: PMO, catalog: Catalog) -> dict[str, Any]:
    """Every figure the public value-tracing functions give, as plain JSON data."""
    plain = coverage(pmo, catalog=catalog)
    weighted = coverage(pmo, maturity_weighted=True, catalog=catalog)
    attribution = value_attribution(pmo, catalog=catalog)
    levels = effective_maturity(pmo, catalog=catalog)
    nodes = sorted(set(outcome_demand(pmo, catalog=catalog)) | {o.id for o in pmo.objectives})
    return {
        "demand": dict(outcome_demand(pmo, catalog=catalog)),
        "coverage": [plain.total, dict(plain.covered)],
        "weighted_coverage": [weighted.total, dict(weighted.covered)],
        "attribution": [dict(attribution), {k: dict(v) for k, v in attribution.by_outcome.items()}],
        "waves": [list(w) for w in delivery_waves(pmo, catalog=catalog)],
        "traces": {
            k: [
                t.share,
                [[x.outcome, x.demand, x.strength, x.share] for x in t.outcomes],
                list(t.objectives),
                list(t.direct_dependents),
                list(t.dependents),
                [list(c) for c in t.customers],
            ]
            for k, t in trace_all(pmo, catalog=catalog).items()
        },
        "impacts": {
            k: [
                i.demand_at_risk,
                i.coverage_before,
                i.coverage_after,
                [[x.outcome, x.demand, x.covered_before, x.covered_after] for x in i.outcomes],
                list(i.lost),
                list(i.customers),
            ]
            for k, i in impact_all(pmo, catalog=catalog).items()
        },
        "effective_maturity": [dict(levels), dict(levels.held_by)],
        "impact_rows": impact_all(pmo, catalog=catalog).to_records(),
        "trace_rows": trace_all(pmo, catalog=catalog).to_records(),
        "reprs": [
            repr(impact_all(pmo, catalog=catalog)),
            repr(trace_all(pmo, catalog=catalog)),
            *(repr(i) for i in impact_all(pmo, catalog=catalog).values()),
            *(repr(t) for t in trace_all(pmo, catalog=catalog).values()),
        ],
        "one_at_a_time": {
            o.id: [
                list(impact_of(pmo, o.id, catalog=catalog).lost),
                impact_of(pmo, o.id, catalog=catalog).demand_at_risk,
                list(trace_value(pmo, o.id, catalog=catalog).dependents),
            ]
            for o in pmo.offerings
        },
        "contributors": {
            node: [
                [c.offering, c.direct, c.share, c.enabled_share, list(c.enables)]
                for c in contributors(pmo, node, catalog=catalog)
            ]
            for node in nodes
        },
    }


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def current() -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, (pmo, cat) in models().items():
        parts = fingerprint(pmo, cat)
        if name == "northwind-energy":  # through JSON and back: tuples read as the file's lists
            data[name] = json.loads(json.dumps(parts))
        else:
            data[name] = {part: digest(value) for part, value in parts.items()}
    return data


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    return current()


@pytest.mark.parametrize("name", list(models()))
def test_results_are_bit_identical_to_before(results: dict[str, Any], name: str) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    for part, expected in golden.items():
        assert results[name][part] == expected, f"{name}: {part} changed"


def test_the_generated_models_exercise_fractional_strengths_and_deep_reach() -> None:
    pmo, catalog = models()["fractional-dag"]
    strengths = {m for o in pmo.offerings for m in catalog.services[o.service].outcomes.values()}
    assert strengths == set(STRENGTHS)
    impacts = impact_all(*models()["random-dag"][:1])
    assert max(len(i.lost) for i in impacts.values()) > 60  # most offerings reach most later ones


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(current(), sort_keys=True, indent=1) + "\n", encoding="utf-8")
    sys.exit(0)
