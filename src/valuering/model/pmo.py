"""The root of a PMO model.

>>> pmo = PMO(id="acme-pmo", name="ACME Enterprise PMO",
...           offerings=(ServiceOffering(id="reporting", service="data-analytics-and-reporting",
...                                      maturity=2),))
>>> pmo.offering("reporting").maturity
2
>>> pmo
<PMO 'acme-pmo' 'ACME Enterprise PMO': 0 customers, 1 offerings, 0 team members, 0 indicators>
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType
from typing import Any

import attrs

from valuering.errors import UnknownIdError
from valuering.model import _checks as check
from valuering.model.assessments import Assessment, date_check
from valuering.model.baseline import OrganizationalBaseline, StrategicObjective
from valuering.model.customers import Customer
from valuering.model.enums import Scenario
from valuering.model.indicators import Indicator
from valuering.model.offerings import ServiceOffering
from valuering.model.structure import Governance, Mandate, PMOStrategy
from valuering.model.team import TeamMember

__all__ = ["PMO"]


@check.model_class
class PMO:
    """A Project Management Office as a service provider: who it serves and what it runs.

    ``catalog`` names the reference catalog its service, outcome and competence ids come from;
    ``as_of`` is the date the model describes (a snapshot's date), ``assessments`` the flywheel
    self-assessments taken.
    Lookups by id (:meth:`customer`, :meth:`offering`, ...) raise
    :class:`~valuering.errors.UnknownIdError` with a suggestion when the id is unknown.
    """

    id: str = attrs.field(validator=check.kebab_id)
    name: str = attrs.field(validator=check.name)
    catalog: str = attrs.field(default="pmi-2025", validator=check.kebab_id)
    as_of: datetime.date | None = attrs.field(default=None, validator=check.optional(date_check))
    baseline: OrganizationalBaseline = attrs.field(
        factory=OrganizationalBaseline, validator=check.instance_of(OrganizationalBaseline)
    )
    mandate: Mandate = attrs.field(factory=Mandate, validator=check.instance_of(Mandate))
    governance: Governance = attrs.field(
        factory=Governance, validator=check.instance_of(Governance)
    )
    strategy: PMOStrategy = attrs.field(
        factory=PMOStrategy, validator=check.instance_of(PMOStrategy)
    )
    customers: tuple[Customer, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.each(check.instance_of(Customer))
    )
    offerings: tuple[ServiceOffering, ...] = attrs.field(
        default=(),
        converter=check.to_tuple,
        validator=check.each(check.instance_of(ServiceOffering)),
    )
    team: tuple[TeamMember, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.each(check.instance_of(TeamMember))
    )
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.each(check.instance_of(Indicator))
    )
    assessments: tuple[Assessment, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.each(check.instance_of(Assessment))
    )
    scenario: Scenario | None = attrs.field(
        default=None, validator=check.optional(check.member_of(Scenario))
    )
    description: str = attrs.field(default="", validator=check.text)
    extra: Mapping[str, Any] = attrs.field(
        default=check.EMPTY, converter=check.to_frozen_dict, validator=check.mapping, hash=False
    )

    def __repr__(self) -> str:
        # The full attrs repr of a whole model runs to pages; a summary reads better in a notebook.
        return (
            f"<PMO {self.id!r} {self.name!r}: {len(self.customers)} customers, "
            f"{len(self.offerings)} offerings, {len(self.team)} team members, "
            f"{len(self.indicators)} indicators>"
        )

    @property
    def objectives(self) -> tuple[StrategicObjective, ...]:
        """The organisation's strategic objectives (from the baseline strategy)."""
        return self.baseline.strategy.objectives

    @cached_property
    def _analysis_state(self) -> dict[str, Any]:
        # Private to valuering.validation: the catalog this object was loaded with, the catalogs it
        # has passed and work derived from it. Not a field, so never compared, copied, pickled or
        # written; it goes with the object, and a changed copy starts without it.
        return {}

    @cached_property
    def _offerings_by_id(self) -> Mapping[str, ServiceOffering]:
        return MappingProxyType({o.id: o for o in self.offerings})

    @cached_property
    def _customers_by_id(self) -> Mapping[str, Customer]:
        return MappingProxyType({c.id: c for c in self.customers})

    def offering(self, offering_id: str) -> ServiceOffering:
        """The offering with this id."""
        try:
            return self._offerings_by_id[offering_id]
        except KeyError:
            raise UnknownIdError("offering", offering_id, self._offerings_by_id) from None

    def customer(self, customer_id: str) -> Customer:
        """The customer with this id."""
        try:
            return self._customers_by_id[customer_id]
        except KeyError:
            raise UnknownIdError("customer", customer_id, self._customers_by_id) from None
