"""Reference entities: what a catalog holds (outcomes, service definitions, competences, groups).

>>> Outcome(id="faster-onboarding", name="Faster onboarding", horizon=Horizon.SHORT)
Outcome(id='faster-onboarding', name='Faster onboarding', horizon=<Horizon.SHORT: 'short'>, number=None, description='')
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from valuering.errors import Problem, ValidationError
from valuering.model import _checks as check
from valuering.model.enums import Domain, Horizon, ServiceApproach, ServiceCategory

__all__ = ["ApproachDefinition", "Competence", "CustomerGroup", "Outcome", "ServiceDefinition"]


@check.model_class
class Outcome:
    """A result customers can expect from a PMO, with the horizon over which its value shows."""

    id: str = attrs.field(validator=check.kebab_id)
    name: str = attrs.field(validator=check.name)
    horizon: Horizon = attrs.field(validator=check.member_of(Horizon))
    number: int | None = attrs.field(default=None, validator=check.optional(check.positive_int))
    description: str = attrs.field(default="", validator=check.text)


@check.model_class
class Competence:
    """A capability PMO staff need to deliver services."""

    id: str = attrs.field(validator=check.kebab_id)
    name: str = attrs.field(validator=check.name)
    number: int | None = attrs.field(default=None, validator=check.optional(check.positive_int))
    description: str = attrs.field(default="", validator=check.text)


@check.model_class
class CustomerGroup:
    """A kind of PMO customer (executives, project managers, ...)."""

    id: str = attrs.field(validator=check.kebab_id)
    name: str = attrs.field(validator=check.name)
    number: int | None = attrs.field(default=None, validator=check.optional(check.positive_int))
    description: str = attrs.field(default="", validator=check.text)


@check.model_class
class ApproachDefinition:
    """One of the six service approaches; ``rank`` 1 suits the most PM-mature customers."""

    id: ServiceApproach = attrs.field(validator=check.member_of(ServiceApproach))
    rank: int = attrs.field(validator=check.int_between(1, 6))
    name: str = attrs.field(validator=check.name)
    description: str = attrs.field(default="", validator=check.text)


_level_names = check.each(check.name)


def _check_five_level_names(
    _: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    if isinstance(value, tuple) and len(value) != 5:
        check.fail(attribute, f"expected 5 level names (levels 1 to 5), got {len(value)}")
    _level_names.run(_, attribute, value)


_five_level_names = check.Check(_check_five_level_names, items=check.name)


@check.model_class
class ServiceDefinition:
    """A service a PMO can run, as a catalog defines it.

    ``outcomes`` maps outcome ids to the strength in [0, 1] with which the service produces them
    (1.0 for every pair of the published binary map); ``competences`` are the competence ids it needs.

    >>> s = ServiceDefinition(
    ...     id="portfolio-reviews", name="Portfolio reviews", category=ServiceCategory.STRATEGIC,
    ...     level_names=("Ad hoc", "Defined", "Managed", "Measured", "Optimised"),
    ...     outcomes={"better-project-prioritization": 0.8})
    >>> s.level_name(3)
    'Managed'
    """

    id: str = attrs.field(validator=check.kebab_id)
    name: str = attrs.field(validator=check.name)
    category: ServiceCategory = attrs.field(validator=check.member_of(ServiceCategory))
    level_names: tuple[str, ...] = attrs.field(
        converter=check.to_tuple, validator=_five_level_names
    )
    domains: frozenset[Domain] = attrs.field(
        factory=frozenset,
        converter=check.to_frozenset,
        validator=check.each(check.member_of(Domain)),
    )
    outcomes: Mapping[str, float] = attrs.field(
        default=check.EMPTY,
        converter=check.to_frozen_dict,
        validator=check.each_key_value(check.kebab_id, check.unit_interval),
        hash=False,
    )
    competences: frozenset[str] = attrs.field(
        factory=frozenset, converter=check.to_frozenset, validator=check.each(check.kebab_id)
    )
    number: int | None = attrs.field(default=None, validator=check.optional(check.positive_int))
    description: str = attrs.field(default="", validator=check.text)

    def level_name(self, level: int) -> str:
        """The name of maturity ``level`` (1-5) for this service."""
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
            raise ValidationError([Problem("level", f"{level!r} is not in 1..5")])
        return self.level_names[level - 1]
