"""The PMO Value Ring vocabulary as frozen attrs classes and enums (no I/O, no third-party models).

Everything here is re-exported from :mod:`valuering`.
"""

from valuering.model.assessments import Assessment
from valuering.model.baseline import (
    IndustryProfile,
    OrganizationalBaseline,
    OrganizationalCulture,
    OrganizationalStrategy,
    OrganizationalStructure,
    StrategicObjective,
)
from valuering.model.customers import Customer, Expectation
from valuering.model.enums import (
    CoverageScope,
    Degree,
    DeliveryModel,
    Direction,
    Domain,
    FlywheelStep,
    Horizon,
    IndicatorLayer,
    Scenario,
    ServiceApproach,
    ServiceCategory,
    Stage,
)
from valuering.model.indicators import Indicator
from valuering.model.offerings import ServiceLevel, ServiceOffering
from valuering.model.pmo import PMO
from valuering.model.reference import (
    ApproachDefinition,
    Competence,
    CustomerGroup,
    Outcome,
    ServiceDefinition,
)
from valuering.model.structure import Governance, Mandate, PMOStrategy, StrategyGoal
from valuering.model.team import TeamMember

__all__ = [
    "PMO",
    "ApproachDefinition",
    "Assessment",
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
]
