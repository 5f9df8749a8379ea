"""The services a PMO actually runs, with their maturity, dependencies and service levels.

>>> reporting = ServiceOffering(id="reporting", service="data-analytics-and-reporting", maturity=3,
...                             target=4, depends_on=("tooling",))
>>> reporting.gap
1
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from valuering.model import _checks as check
from valuering.model.enums import DeliveryModel, Direction, FlywheelStep, ServiceApproach

__all__ = ["ServiceLevel", "ServiceOffering"]


@check.model_class
class ServiceLevel:
    """A service-level agreement: a measurable target for one metric of an offering.

    ``actual`` is the latest measurement, if any; ``direction`` says whether more is better.
    """

    id: str = attrs.field(validator=check.kebab_id)
    metric: str = attrs.field(validator=check.name)
    target: float = attrs.field(validator=check.number)
    unit: str = attrs.field(default="", validator=check.text)
    direction: Direction = attrs.field(
        default=Direction.HIGHER_IS_BETTER, validator=check.member_of(Direction)
    )
    actual: float | None = attrs.field(default=None, validator=check.optional(check.number))
    customer_group: str | None = attrs.field(default=None, validator=check.optional(check.kebab_id))


@check.model_class
class ServiceOffering:
    """A catalog service as this PMO runs it.

    ``service`` is the catalog id; ``maturity`` and ``target`` are levels 1-5; ``depends_on`` names the
    offerings this one needs first; ``approach`` maps customer-group ids to the approach used for them;
    ``extra`` holds any data a consultant wants to attach (kept exactly on a round trip).
    """

    id: str = attrs.field(validator=check.kebab_id)
    service: str = attrs.field(validator=check.kebab_id)
    maturity: int = attrs.field(validator=check.int_between(1, 5))
    target: int | None = attrs.field(
        default=None, validator=check.optional(check.int_between(1, 5))
    )
    depends_on: tuple[str, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.each(check.kebab_id)
    )
    step: FlywheelStep | None = attrs.field(
        default=None, validator=check.optional(check.member_of(FlywheelStep))
    )
    approach: Mapping[str, ServiceApproach] = attrs.field(
        default=check.EMPTY,
        converter=check.to_frozen_dict,
        validator=check.each_key_value(check.kebab_id, check.member_of(ServiceApproach)),
        hash=False,
    )
    delivery: DeliveryModel | None = attrs.field(
        default=None, validator=check.optional(check.member_of(DeliveryModel))
    )
    owner: str | None = attrs.field(default=None, validator=check.optional(check.kebab_id))
    slas: tuple[ServiceLevel, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.each(check.instance_of(ServiceLevel))
    )
    name: str = attrs.field(default="", validator=check.text)
    extra: Mapping[str, Any] = attrs.field(
        default=check.EMPTY, converter=check.to_frozen_dict, validator=check.mapping, hash=False
    )

    @property
    def gap(self) -> int:
        """Levels still to climb to the target (0 when there is no target or it is reached)."""
        return max(0, self.target - self.maturity) if self.target is not None else 0
