"""valuering: model a PMO as a service provider with the PMO Value Ring.

One import gives the vocabulary, the reference catalog and the analysis functions:

>>> import valuering
>>> valuering.FlywheelStep.VALUE_RECOGNITION.next().number
1
>>> len(valuering.pmi_2025().services)
26

"PMO Value Ring" is a trademark of the Project Management Institute (PMI).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from valuering.errors import UnknownIdError, ValidationError, ValueRingError
from valuering.model import (
    PMO,
    ApproachDefinition,
    Assessment,
    Competence,
    CoverageScope,
    Customer,
    CustomerGroup,
    Degree,
    DeliveryModel,
    Direction,
    Domain,
    Expectation,
    FlywheelStep,
    Governance,
    Horizon,
    Indicator,
    IndicatorLayer,
    IndustryProfile,
    Mandate,
    OrganizationalBaseline,
    OrganizationalCulture,
    OrganizationalStrategy,
    OrganizationalStructure,
    Outcome,
    PMOStrategy,
    Scenario,
    ServiceApproach,
    ServiceCategory,
    ServiceDefinition,
    ServiceLevel,
    ServiceOffering,
    Stage,
    StrategicObjective,
    StrategyGoal,
    TeamMember,
)

if TYPE_CHECKING:
    from valuering import demand as demand
    from valuering import examples as examples
    from valuering import templates as templates
    from valuering.catalog import (
        Catalog,
        dump_catalog,
        dumps_catalog,
        load_catalog,
        load_catalogs,
        loads_catalog,
        pmi_2025,
    )
    from valuering.demand import coverage, outcome_demand
    from valuering.graph import (
        Finding,
        Impact,
        ValueAnalysis,
        ValueTrace,
        build_graph,
        check,
        contributors,
        delivery_waves,
        effective_maturity,
        export_graph,
        impact_all,
        impact_of,
        trace_all,
        trace_value,
        value_attribution,
    )
    from valuering.io import dump, load
    from valuering.planning import (
        AddOffering,
        FigureChange,
        RemoveOffering,
        Roadmap,
        RoadmapStep,
        SetMaturity,
        SetTarget,
        SetWeight,
        Shift,
        WhatIf,
        effective_coverage,
        roadmap,
        what_if,
    )
    from valuering.scoring import (
        AssessmentBand,
        SlaState,
        attainment,
        competence_fit,
        horizon_balance,
        indicator_attainment,
        maturity_by_category,
        maturity_gaps,
        nps,
        overall_maturity,
        priorities_from_moscow,
        priorities_from_ranking,
        recommend_services,
        score_self_assessment,
        self_assessment,
        self_assessments,
        sla_status,
        smallest_mix,
        value_gap,
    )
    from valuering.validation import validate

# The vocabulary (model, errors) loads with the package; the analysis layers load on first use, so
# `import valuering` costs little more than attrs. Each name below is imported from its module then.
_LAZY = {
    "AddOffering": "valuering.planning",
    "AssessmentBand": "valuering.scoring",
    "Catalog": "valuering.catalog",
    "FigureChange": "valuering.planning",
    "Finding": "valuering.graph",
    "Impact": "valuering.graph",
    "RemoveOffering": "valuering.planning",
    "Roadmap": "valuering.planning",
    "RoadmapStep": "valuering.planning",
    "SetMaturity": "valuering.planning",
    "SetTarget": "valuering.planning",
    "SetWeight": "valuering.planning",
    "Shift": "valuering.planning",
    "SlaState": "valuering.scoring",
    "ValueAnalysis": "valuering.graph",
    "ValueTrace": "valuering.graph",
    "WhatIf": "valuering.planning",
    "attainment": "valuering.scoring",
    "build_graph": "valuering.graph",
    "check": "valuering.graph",
    "competence_fit": "valuering.scoring",
    "contributors": "valuering.graph",
    "coverage": "valuering.demand",
    "delivery_waves": "valuering.graph",
    "dump": "valuering.io",
    "dump_catalog": "valuering.catalog",
    "dumps_catalog": "valuering.catalog",
    "effective_coverage": "valuering.planning",
    "effective_maturity": "valuering.graph",
    "export_graph": "valuering.graph",
    "horizon_balance": "valuering.scoring",
    "impact_all": "valuering.graph",
    "impact_of": "valuering.graph",
    "indicator_attainment": "valuering.scoring",
    "load": "valuering.io",
    "load_catalog": "valuering.catalog",
    "load_catalogs": "valuering.catalog",
    "loads_catalog": "valuering.catalog",
    "maturity_by_category": "valuering.scoring",
    "maturity_gaps": "valuering.scoring",
    "nps": "valuering.scoring",
    "outcome_demand": "valuering.demand",
    "overall_maturity": "valuering.scoring",
    "pmi_2025": "valuering.catalog",
    "priorities_from_moscow": "valuering.scoring",
    "priorities_from_ranking": "valuering.scoring",
    "recommend_services": "valuering.scoring",
    "roadmap": "valuering.planning",
    "score_self_assessment": "valuering.scoring",
    "self_assessment": "valuering.scoring",
    "self_assessments": "valuering.scoring",
    "sla_status": "valuering.scoring",
    "smallest_mix": "valuering.scoring",
    "trace_all": "valuering.graph",
    "trace_value": "valuering.graph",
    "validate": "valuering.validation",
    "value_attribution": "valuering.graph",
    "value_gap": "valuering.scoring",
    "what_if": "valuering.planning",
}

# Subpackages reachable as valuering.<name> without importing them first.
_SUBMODULES = frozenset(
    (
        "audit",
        "catalog",
        "demand",
        "diagnosis",
        "errors",
        "examples",
        "graph",
        "history",
        "io",
        "kpis",
        "model",
        "planning",
        "plot",
        "report",
        "scoring",
        "surveys",
        "templates",
        "validation",
    )
)

__all__ = [
    "PMO",
    "AddOffering",
    "ApproachDefinition",
    "Assessment",
    "AssessmentBand",
    "Catalog",
    "Competence",
    "CoverageScope",
    "Customer",
    "CustomerGroup",
    "Degree",
    "DeliveryModel",
    "Direction",
    "Domain",
    "Expectation",
    "FigureChange",
    "Finding",
    "FlywheelStep",
    "Governance",
    "Horizon",
    "Impact",
    "Indicator",
    "IndicatorLayer",
    "IndustryProfile",
    "Mandate",
    "OrganizationalBaseline",
    "OrganizationalCulture",
    "OrganizationalStrategy",
    "OrganizationalStructure",
    "Outcome",
    "PMOStrategy",
    "RemoveOffering",
    "Roadmap",
    "RoadmapStep",
    "Scenario",
    "ServiceApproach",
    "ServiceCategory",
    "ServiceDefinition",
    "ServiceLevel",
    "ServiceOffering",
    "SetMaturity",
    "SetTarget",
    "SetWeight",
    "Shift",
    "SlaState",
    "Stage",
    "StrategicObjective",
    "StrategyGoal",
    "TeamMember",
    "UnknownIdError",
    "ValidationError",
    "ValueAnalysis",
    "ValueRingError",
    "ValueTrace",
    "WhatIf",
    "__version__",
    "attainment",
    "build_graph",
    "check",
    "competence_fit",
    "contributors",
    "coverage",
    "delivery_waves",
    "dump",
    "dump_catalog",
    "dumps_catalog",
    "effective_coverage",
    "effective_maturity",
    "export_graph",
    "horizon_balance",
    "impact_all",
    "impact_of",
    "indicator_attainment",
    "load",
    "load_catalog",
    "load_catalogs",
    "loads_catalog",
    "maturity_by_category",
    "maturity_gaps",
    "nps",
    "outcome_demand",
    "overall_maturity",
    "pmi_2025",
    "priorities_from_moscow",
    "priorities_from_ranking",
    "recommend_services",
    "roadmap",
    "score_self_assessment",
    "self_assessment",
    "self_assessments",
    "sla_status",
    "smallest_mix",
    "trace_all",
    "trace_value",
    "validate",
    "value_attribution",
    "value_gap",
    "what_if",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("valuering")
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"valuering.{name}")
    else:
        raise AttributeError(f"module 'valuering' has no attribute {name!r}")
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
