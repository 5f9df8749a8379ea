"""Plain data for JSON: results, findings, problems and catalogs as dicts, lists, strings and numbers."""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from valuering.catalog import Catalog
from valuering.demand import Coverage
from valuering.errors import Problem
from valuering.graph import Finding, Impact, ValueTrace
from valuering.planning import Roadmap, WhatIf
from valuering.scoring import AssessmentScore, HorizonBalance, Mix, OverallMaturity

__all__ = ["to_json_data"]


def to_json_data(value: object) -> Any:
    """``value`` as plain data that :func:`json.dumps` writes: dicts with string keys, lists, strings,
    numbers (as numbers), booleans and None.

    Results become their ``to_records()`` rows, with the result's own figures alongside where a
    table alone would lose them (a trace's share and dependents, a mix's target, an assessment's
    band); enums become their values; a mapping or a list of results is converted item by item. A
    number that is not finite becomes None, since JSON has no NaN.

    >>> import json
    >>> from valuering import examples, maturity_by_category, smallest_mix
    >>> pmo = examples.load("northwind-energy")
    >>> to_json_data(maturity_by_category(pmo))[0]
    {'category': 'strategic', 'services': 4, 'offerings': 4, 'total': 8.0, 'percent': 40.0}
    >>> data = to_json_data({"mix": smallest_mix(pmo, 0.5)})
    >>> sorted(data["mix"]), data["mix"]["steps"][0]["service"]
    (['coverage', 'reached', 'steps', 'target'], 'portfolio-management')
    >>> json.loads(json.dumps(data)) == data
    True
    """
    for kind, convert in _CONVERTERS:
        if isinstance(value, kind):
            return convert(value)
    to_records = getattr(value, "to_records", None)
    if callable(to_records):
        return to_json_data(to_records())
    if isinstance(value, enum.Enum):
        return to_json_data(value.value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, Mapping):
        return {str(to_json_data(k)): to_json_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json_data(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(to_json_data(v) for v in value)
    cls: Any = type(value)
    if attrs.has(cls):
        return {
            a.name: to_json_data(getattr(value, a.name))
            for a in attrs.fields(cls)
            if not a.name.startswith("_")
        }
    raise TypeError(f"cannot turn a {type(value).__name__} into JSON data")


def _trace(trace: ValueTrace) -> dict[str, Any]:
    return {
        "offering": trace.offering,
        "service": trace.service,
        "share": trace.share,
        "outcomes": [
            {"outcome": t.outcome, "demand": t.demand, "strength": t.strength, "share": t.share}
            for t in trace.outcomes
        ],
        "customers": [{"customer": c, "outcome": o, "share": s} for c, o, s in trace.customers],
        "objectives": list(trace.objectives),
        "direct_dependents": list(trace.direct_dependents),
        "dependents": list(trace.dependents),
    }


def _impact(impact: Impact) -> dict[str, Any]:
    return {
        "offering": impact.offering,
        "lost": list(impact.lost),
        "coverage_before": impact.coverage_before,
        "coverage_after": impact.coverage_after,
        "demand_at_risk": impact.demand_at_risk,
        "outcomes": to_json_data(impact.to_records()),
        "customers": list(impact.customers),
    }


def _what_if(result: WhatIf) -> dict[str, Any]:
    return {
        "changes": [str(c) for c in result.changes],
        "added": list(result.added),
        "removed": list(result.removed),
        "figures": to_json_data(result.to_records()),
        "gainers": [to_json_data(s) | {"change": s.change} for s in result.gainers],
        "losers": [to_json_data(s) | {"change": s.change} for s in result.losers],
        "findings_added": [f.to_dict() for f in result.findings_added],
        "findings_resolved": [f.to_dict() for f in result.findings_resolved],
    }


def _roadmap(plan: Roadmap) -> dict[str, Any]:
    return {
        "budget": plan.budget,
        "spent": plan.spent,
        "value_before": plan.value_before,
        "value_after": plan.value_after,
        "exact": plan.exact,
        "phases": list(plan.phases),
        "steps": [{"step": n, **to_json_data(s)} for n, s in enumerate(plan, start=1)],
    }


def _assessment(score: AssessmentScore) -> dict[str, Any]:
    return {
        "step": score.step.number,
        "label": score.step.label,
        "total": score.total,
        "minimum": score.minimum,
        "maximum": score.maximum,
        "band": score.band.value,
        "sections": to_json_data(score.to_records()),
    }


def _mix(mix: Mix) -> dict[str, Any]:
    return {
        "target": mix.target,
        "coverage": mix.coverage,
        "reached": mix.reached,
        "steps": to_json_data(mix.to_records()),
    }


def _balance(balance: HorizonBalance) -> dict[str, Any]:
    return {
        "total": balance.total,
        "horizons": to_json_data(balance.to_records()),
        "missing_short": balance.missing_short,
        "missing_long": balance.missing_long,
        "warnings": list(balance.warnings),
    }


def _coverage(cover: Coverage) -> dict[str, Any]:
    return {"total": cover.total, "outcomes": to_json_data(cover.to_records())}


def _overall(overall: OverallMaturity) -> dict[str, Any]:
    return {"offerings": overall.offerings, "total": overall.total, "percent": overall.percent}


def _catalog(catalog: Catalog) -> dict[str, Any]:
    return {
        "name": catalog.name,
        "title": catalog.title,
        "services": [
            {
                "number": s.number,
                "id": s.id,
                "name": s.name,
                "category": s.category.value,
                "domains": sorted(d.value for d in s.domains),
                "outcomes": {o: m for o, m in s.outcomes.items() if m > 0},
            }
            for s in catalog.ordered_services()
        ],
        "outcomes": [
            {
                "number": o.number,
                "id": o.id,
                "name": o.name,
                "horizon": o.horizon.value,
                "services": [s.id for s in catalog.services_for(o.id)],
            }
            for o in catalog.ordered_outcomes()
        ],
        "competences": sorted(catalog.competences),
        "customer_groups": sorted(catalog.customer_groups),
    }


def _problem(problem: Problem) -> dict[str, Any]:
    return dict(problem.to_dict())


def _finding(finding: Finding) -> dict[str, Any]:
    return dict(finding.to_dict())


# The results whose JSON carries more than their rows; checked in order, before ``to_records``.
_CONVERTERS: tuple[tuple[type[Any], Callable[[Any], Any]], ...] = (
    (ValueTrace, _trace),
    (Impact, _impact),
    (WhatIf, _what_if),
    (Roadmap, _roadmap),
    (AssessmentScore, _assessment),
    (Mix, _mix),
    (HorizonBalance, _balance),
    (Coverage, _coverage),
    (OverallMaturity, _overall),
    (Catalog, _catalog),
    (Problem, _problem),
    (Finding, _finding),
)
