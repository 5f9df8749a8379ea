"""Indicators: measured values with targets, on one of the three layers.

>>> Indicator(id="on-time-milestones", name="On-time milestones", layer=IndicatorLayer.SERVICE_DELIVERY,
...           subject="project-management", unit="%", target=90, actual=81).actual
81
"""

from __future__ import annotations

import attrs

from valuering.model import _checks as check
from valuering.model.enums import Direction, IndicatorLayer

__all__ = ["Indicator"]


@check.model_class
class Indicator:
    """A measure of an offering or an outcome (``subject``), with target, actual value and weight.

    ``layer`` keeps service delivery, value delivered and value perceived apart.
    """

    id: str = attrs.field(validator=check.kebab_id)
    name: str = attrs.field(validator=check.name)
    layer: IndicatorLayer = attrs.field(validator=check.member_of(IndicatorLayer))
    subject: str = attrs.field(validator=check.kebab_id)
    target: float = attrs.field(validator=check.number)
    unit: str = attrs.field(default="", validator=check.text)
    direction: Direction = attrs.field(
        default=Direction.HIGHER_IS_BETTER, validator=check.member_of(Direction)
    )
    actual: float | None = attrs.field(default=None, validator=check.optional(check.number))
    weight: float = attrs.field(default=1.0, validator=check.positive)
