"""The PMO team: who works on which offerings and how proficient they are.

>>> ana = TeamMember(id="ana", name="Ana Lopes", proficiency={"communication": 4},
...                  offerings=("reporting",))
>>> ana.proficiency["communication"]
4
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from valuering.model import _checks as check

__all__ = ["TeamMember"]


@check.model_class
class TeamMember:
    """A member of the PMO team; ``proficiency`` maps competence ids to levels 1-5."""

    id: str = attrs.field(validator=check.kebab_id)
    name: str = attrs.field(validator=check.name)
    role: str = attrs.field(default="", validator=check.text)
    proficiency: Mapping[str, int] = attrs.field(
        default=check.EMPTY,
        converter=check.to_frozen_dict,
        validator=check.each_key_value(check.kebab_id, check.int_between(1, 5)),
        hash=False,
    )
    offerings: tuple[str, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.each(check.kebab_id)
    )
