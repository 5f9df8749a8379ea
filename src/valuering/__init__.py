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

from typing import Any

from valuering import demand as demand  # submodules users reach as valuering.<name>
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
from valuering.errors import UnknownIdError, ValidationError, ValueRingError
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
    raise AttributeError(f"module 'valuering' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
