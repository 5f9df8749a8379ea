"""The enumerations of the PMO Value Ring vocabulary; their values are the kebab-case strings used in files.

>>> FlywheelStep.SERVICE_MONITORING.number, FlywheelStep.SERVICE_MONITORING.stage
(7, <Stage.ENHANCEMENT: 'enhancement'>)
>>> FlywheelStep.VALUE_RECOGNITION.next()
<FlywheelStep.AWARENESS_BUILDING: 'awareness-building'>
>>> [step.number for step in Stage.DESIGN.steps]
[3, 4]
"""

from __future__ import annotations

import enum

from valuering.errors import Problem, ValidationError

__all__ = [
    "CoverageScope",
    "Degree",
    "DeliveryModel",
    "Direction",
    "Domain",
    "FlywheelStep",
    "Horizon",
    "IndicatorLayer",
    "Scenario",
    "ServiceApproach",
    "ServiceCategory",
    "Stage",
]


class Stage(enum.StrEnum):
    """The five stages of the PMO Customer Experience Cycle, in cycle order."""

    EXPLORATION = "exploration"
    DESIGN = "design"
    DEPLOYMENT = "deployment"
    ENHANCEMENT = "enhancement"
    REALIZATION = "realization"

    @property
    def number(self) -> int:
        """Position in the cycle, 1 (exploration) to 5 (realization)."""
        return list(Stage).index(self) + 1

    @property
    def steps(self) -> tuple[FlywheelStep, FlywheelStep]:
        """The two consecutive flywheel steps that make up this stage."""
        first = FlywheelStep.from_number(2 * self.number - 1)
        return (first, first.next())

    @property
    def label(self) -> str:
        """The stage's display name."""
        return self.name.replace("_", " ").capitalize()


class FlywheelStep(enum.StrEnum):
    """The ten steps of the Value-Generating PMO Flywheel, numbered 1 to 10."""

    AWARENESS_BUILDING = "awareness-building"
    NEEDS_ASSESSMENT = "needs-assessment"
    VALUE_PROPOSITION = "value-proposition"
    SERVICE_DEVELOPMENT = "service-development"
    SERVICE_ONBOARDING = "service-onboarding"
    SERVICE_OPERATION = "service-operation"
    SERVICE_MONITORING = "service-monitoring"
    SERVICE_IMPROVEMENT = "service-improvement"
    VALUE_DELIVERY = "value-delivery"
    VALUE_RECOGNITION = "value-recognition"

    @classmethod
    def from_number(cls, number: int) -> FlywheelStep:
        """The step with this number (1-10).

        >>> FlywheelStep.from_number(4)
        <FlywheelStep.SERVICE_DEVELOPMENT: 'service-development'>
        """
        steps = list(cls)
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 10:
            raise ValidationError([Problem("step", f"{number!r} is not a step number in 1..10")])
        return steps[number - 1]

    @property
    def number(self) -> int:
        """The step's number, 1 (awareness building) to 10 (value recognition)."""
        return list(FlywheelStep).index(self) + 1

    @property
    def stage(self) -> Stage:
        """The experience-cycle stage this step belongs to (steps 1-2 exploration, ...)."""
        return list(Stage)[(self.number - 1) // 2]

    @property
    def label(self) -> str:
        """The step's display name."""
        return self.name.replace("_", " ").capitalize()

    def next(self) -> FlywheelStep:
        """The step that follows; step 10 wraps around to step 1."""
        return FlywheelStep.from_number(self.number % 10 + 1)


class ServiceCategory(enum.StrEnum):
    """The three categories of PMO services."""

    STRATEGIC = "strategic"
    TACTICAL = "tactical"
    OPERATIONAL = "operational"


class Domain(enum.StrEnum):
    """The management domains a service applies to."""

    PORTFOLIO = "portfolio"
    PROGRAM = "program"
    PROJECT = "project"


class ServiceApproach(enum.StrEnum):
    """How a service is delivered to a customer, from most to least customer autonomy."""

    CONSULTATIVE = "consultative"
    SUPPORTIVE = "supportive"
    FACILITATIVE = "facilitative"
    DIRECTIVE = "directive"
    CONTROLLING = "controlling"
    MANAGED = "managed"


class Horizon(enum.StrEnum):
    """When customers typically perceive an outcome's value, from short to long term."""

    SHORT = "short"
    SHORT_MEDIUM = "short-medium"
    MEDIUM = "medium"
    MEDIUM_LONG = "medium-long"
    LONG = "long"

    @property
    def rank(self) -> int:
        """Ordinal position, 1 (short) to 5 (long)."""
        return list(Horizon).index(self) + 1


class IndicatorLayer(enum.StrEnum):
    """The three layers of indicators, each measured at its own flywheel step."""

    SERVICE_DELIVERY = "service-delivery"
    VALUE_DELIVERY = "value-delivery"
    VALUE_RECOGNITION = "value-recognition"

    @property
    def step(self) -> FlywheelStep:
        """The flywheel step where this layer is measured (7, 9 or 10)."""
        return {
            IndicatorLayer.SERVICE_DELIVERY: FlywheelStep.SERVICE_MONITORING,
            IndicatorLayer.VALUE_DELIVERY: FlywheelStep.VALUE_DELIVERY,
            IndicatorLayer.VALUE_RECOGNITION: FlywheelStep.VALUE_RECOGNITION,
        }[self]


class Scenario(enum.StrEnum):
    """The eight organisational scenarios a PMO can find itself in."""

    POTENTIAL = "potential"
    KICKOFF = "kickoff"
    GROWING = "growing"
    THRIVING = "thriving"
    CRISIS = "crisis"
    DECLINE = "decline"
    COLLAPSE = "collapse"
    RESURGENCE = "resurgence"


class CoverageScope(enum.StrEnum):
    """How much of the organisation a PMO's mandate covers."""

    ENTERPRISE = "enterprise"
    DEPARTMENTAL = "departmental"
    PROGRAM = "program"
    PROJECT = "project"


class Direction(enum.StrEnum):
    """Whether a larger or a smaller actual value of an indicator is better."""

    HIGHER_IS_BETTER = "higher-is-better"
    LOWER_IS_BETTER = "lower-is-better"


class DeliveryModel(enum.StrEnum):
    """Who does the work of a service: the PMO, the PMO with the customer, or the customer."""

    FULL_SERVICE = "full-service"
    CO_DELIVERY = "co-delivery"
    SELF_SERVICE = "self-service"


class Degree(enum.StrEnum):
    """A coarse three-point rating (risk tolerance, change readiness)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
