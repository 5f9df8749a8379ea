"""The three structural components of a PMO: its mandate, its governance and its strategy.

>>> Mandate(purpose="Make strategy happen", scope=CoverageScope.ENTERPRISE).scope
<CoverageScope.ENTERPRISE: 'enterprise'>
"""

from __future__ import annotations

import attrs

from valuering.model import _checks as check
from valuering.model.enums import CoverageScope, Horizon

__all__ = ["Governance", "Mandate", "PMOStrategy", "StrategyGoal"]


def _texts() -> tuple[str, ...]:
    """A field holding a list of non-empty strings."""
    return attrs.field(default=(), converter=check.to_tuple, validator=check.each(check.name))


@check.model_class
class Mandate:
    """Why the PMO exists: purpose, vision, coverage scope, objectives and success criteria."""

    purpose: str = attrs.field(default="", validator=check.text)
    vision: str = attrs.field(default="", validator=check.text)
    scope: CoverageScope | None = attrs.field(
        default=None, validator=check.optional(check.member_of(CoverageScope))
    )
    objectives: tuple[str, ...] = _texts()
    success_criteria: tuple[str, ...] = _texts()


@check.model_class
class Governance:
    """Who decides and when: sponsor, reporting line, decision rights, review cadence."""

    sponsor: str = attrs.field(default="", validator=check.text)
    reporting_line: str = attrs.field(default="", validator=check.text)
    decision_rights: tuple[str, ...] = _texts()
    review_cadence: str = attrs.field(default="", validator=check.text)


@check.model_class
class StrategyGoal:
    """A goal of the PMO's own strategy, on a horizon."""

    horizon: Horizon = attrs.field(validator=check.member_of(Horizon))
    goal: str = attrs.field(validator=check.name)


@check.model_class
class PMOStrategy:
    """What the PMO will do and how: goals by horizon, review interval and review triggers."""

    goals: tuple[StrategyGoal, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.each(check.instance_of(StrategyGoal))
    )
    review_interval_months: int | None = attrs.field(
        default=None, validator=check.optional(check.positive_int)
    )
    review_triggers: tuple[str, ...] = _texts()
