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

from valuering.catalog import Catalog, load_catalog, pmi_2025
from valuering.errors import UnknownIdError, ValidationError, ValueRingError
from valuering.model import (
    PMO,
    ApproachDefinition,
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
from valuering.validation import validate

__all__ = [
    "PMO",
    "ApproachDefinition",
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
    "FlywheelStep",
    "Governance",
    "Horizon",
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
    "Scenario",
    "ServiceApproach",
    "ServiceCategory",
    "ServiceDefinition",
    "ServiceLevel",
    "ServiceOffering",
    "Stage",
    "StrategicObjective",
    "StrategyGoal",
    "TeamMember",
    "UnknownIdError",
    "ValidationError",
    "ValueRingError",
    "__version__",
    "load_catalog",
    "pmi_2025",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("valuering")
    raise AttributeError(f"module 'valuering' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
