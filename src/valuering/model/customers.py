"""PMO customers and the outcomes they expect.

>>> cfo = Customer(id="cfo", name="Chief Financial Officer", group="executives-and-senior-management",
...                weight=3, expectations=(Expectation(outcome="higher-return-on-investment", priority=2),))
>>> cfo.expectations[0].priority
2
"""

from __future__ import annotations

import attrs

from valuering.model import _checks as check
from valuering.model.enums import Stage

__all__ = ["Customer", "Expectation"]


@check.model_class
class Expectation:
    """An outcome a customer expects, with its priority (> 0; larger means more important)."""

    outcome: str = attrs.field(validator=check.kebab_id)
    priority: float = attrs.field(default=1.0, validator=check.positive)


@check.model_class
class Customer:
    """Someone who receives or benefits from PMO services.

    ``weight`` (> 0) is the customer's relative voice; ``group`` is a customer-group id;
    ``stage`` is where the customer stands in the experience cycle.
    """

    id: str = attrs.field(validator=check.kebab_id)
    name: str = attrs.field(validator=check.name)
    group: str = attrs.field(validator=check.kebab_id)
    weight: float = attrs.field(default=1.0, validator=check.positive)
    stage: Stage | None = attrs.field(
        default=None, validator=check.optional(check.member_of(Stage))
    )
    expectations: tuple[Expectation, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.each(check.instance_of(Expectation))
    )
