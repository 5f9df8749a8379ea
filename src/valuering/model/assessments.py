"""Flywheel self-assessments carried in a model, so they travel with every snapshot of it.

>>> import datetime
>>> a = Assessment(step=FlywheelStep.SERVICE_MONITORING, date=datetime.date(2025, 3, 1),
...                ratings={"sla-reporting": [4, 4, 3, 5, 4]})
>>> a.ratings["sla-reporting"]
(4, 4, 3, 5, 4)
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import attrs

from valuering.model import _checks as check
from valuering.model.enums import FlywheelStep

__all__ = ["Assessment"]


def _date(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        check.fail(attribute, f"expected a date, got {type(value).__name__} {value!r}")


# The strict converter builds only dates (never a datetime) for a date field.
date_check = check.Check(_date, fast=lambda v, ref: "True")


def _ratings(value: Any) -> Any:
    # Lists of ratings become tuples, so a model stays immutable all the way down.
    if not isinstance(value, Mapping):
        return value
    return check.to_frozen_dict(
        {key: check.to_tuple(v) if isinstance(v, list | tuple) else v for key, v in value.items()}
    )


@check.model_class
class Assessment:
    """One self-assessment of a flywheel step: when it was taken, by whom, and the ratings per section.

    ``ratings`` maps section ids of the step's instrument to five ratings 1-5 each; whether the
    sections are the step's own and complete is checked by :func:`valuering.validate`, and the scores
    come from :func:`valuering.scoring.score_self_assessment`.
    """

    step: FlywheelStep = attrs.field(validator=check.member_of(FlywheelStep))
    date: datetime.date = attrs.field(validator=date_check)
    respondent: str = attrs.field(default="", validator=check.text)
    ratings: Mapping[str, tuple[int, ...]] = attrs.field(
        default=check.EMPTY,
        converter=_ratings,
        validator=check.each_key_value(check.kebab_id, check.each(check.int_between(1, 5))),
    )
