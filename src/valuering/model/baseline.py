"""The organisational baseline: the four elements of the organisation a PMO has to fit.

>>> objective = StrategicObjective(
...     id="grow-digital-revenue", name="Grow digital revenue", weight=2,
...     outcomes=("higher-return-on-investment",))
>>> OrganizationalBaseline(strategy=OrganizationalStrategy(objectives=(objective,))).strategy.objectives[0].weight
2
"""

from __future__ import annotations

import attrs

from valuering.model import _checks as check
from valuering.model.enums import Degree

__all__ = [
    "IndustryProfile",
    "OrganizationalBaseline",
    "OrganizationalCulture",
    "OrganizationalStrategy",
    "OrganizationalStructure",
    "StrategicObjective",
]


@check.model_class
class StrategicObjective:
    """An objective of the organisation, its relative weight and the outcome ids that serve it."""

    id: str = attrs.field(validator=check.kebab_id)
    name: str = attrs.field(validator=check.name)
    weight: float = attrs.field(default=1.0, validator=check.positive)
    outcomes: tuple[str, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.each(check.kebab_id)
    )
    description: str = attrs.field(default="", validator=check.text)


@check.model_class
class OrganizationalStrategy:
    """Baseline element 1: where the organisation is heading, as weighted objectives."""

    objectives: tuple[StrategicObjective, ...] = attrs.field(
        default=(),
        converter=check.to_tuple,
        validator=check.each(check.instance_of(StrategicObjective)),
    )
    summary: str = attrs.field(default="", validator=check.text)


@check.model_class
class OrganizationalCulture:
    """Baseline element 2: culture and organisational project-management maturity (1-5)."""

    pm_maturity: int | None = attrs.field(
        default=None, validator=check.optional(check.int_between(1, 5))
    )
    risk_tolerance: Degree | None = attrs.field(
        default=None, validator=check.optional(check.member_of(Degree))
    )
    change_readiness: Degree | None = attrs.field(
        default=None, validator=check.optional(check.member_of(Degree))
    )
    notes: str = attrs.field(default="", validator=check.text)


@check.model_class
class OrganizationalStructure:
    """Baseline element 3: how the organisation is arranged (``kind`` such as "matrix")."""

    kind: str = attrs.field(default="", validator=check.text)
    hierarchy_levels: int | None = attrs.field(
        default=None, validator=check.optional(check.positive_int)
    )
    notes: str = attrs.field(default="", validator=check.text)


@check.model_class
class IndustryProfile:
    """Baseline element 4: the industry and how regulated it is."""

    sector: str = attrs.field(default="", validator=check.text)
    regulated: bool = attrs.field(default=False, validator=check.instance_of(bool))
    notes: str = attrs.field(default="", validator=check.text)


@check.model_class
class OrganizationalBaseline:
    """The four baseline elements together."""

    strategy: OrganizationalStrategy = attrs.field(
        factory=OrganizationalStrategy, validator=check.instance_of(OrganizationalStrategy)
    )
    culture: OrganizationalCulture = attrs.field(
        factory=OrganizationalCulture, validator=check.instance_of(OrganizationalCulture)
    )
    structure: OrganizationalStructure = attrs.field(
        factory=OrganizationalStructure, validator=check.instance_of(OrganizationalStructure)
    )
    industry: IndustryProfile = attrs.field(
        factory=IndustryProfile, validator=check.instance_of(IndustryProfile)
    )
