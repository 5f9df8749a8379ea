"""The design completeness audit: per dimension, the share of applicable items the model holds, and
every missing item by its path (formula 15 in docs/design.md, ours)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from valuering._tables import Keyed, percent, plural, summary
from valuering.audit._checks import DIMENSIONS, Check, checks
from valuering.catalog import Catalog
from valuering.model import PMO
from valuering.validation import sound

__all__ = ["DesignAudit", "DimensionCompleteness", "design_audit"]


@attrs.frozen
class DimensionCompleteness:
    """One dimension: items satisfied of those that apply, and their ratio (None when none apply)."""

    dimension: str
    satisfied: int
    applicable: int
    completeness: float | None


@attrs.frozen(repr=False)
class DesignAudit(Keyed[DimensionCompleteness]):
    """Completeness by dimension (in :data:`~valuering.audit.DIMENSIONS` order); ``missing`` holds
    every unsatisfied :class:`Check` in model order."""

    dimensions: tuple[DimensionCompleteness, ...]
    missing: tuple[Check, ...]
    _columns = ("dimension", "satisfied", "applicable", "completeness")

    def _table(self) -> Mapping[str, DimensionCompleteness]:
        return {row.dimension: row for row in self.dimensions}

    def _rows(self) -> Iterator[dict[str, Any]]:
        return (attrs.asdict(row) for row in self.dimensions)

    @property
    def completeness(self) -> float | None:
        """Satisfied over applicable items across every dimension."""
        applicable = sum(row.applicable for row in self.dimensions)
        return sum(row.satisfied for row in self.dimensions) / applicable if applicable else None

    def __repr__(self) -> str:
        return summary(
            self,
            plural(len(self.dimensions), "dimension"),
            f"complete {percent(self.completeness)}",
            plural(len(self.missing), "missing item"),
        )


def design_audit(pmo: PMO, *, catalog: Catalog | None = None) -> DesignAudit:
    """How complete ``pmo``'s design is: for each dimension (definition, roles, deployment,
    reporting, service descriptions, SLA contents) the items it holds over the items that apply,
    and every missing item named with its path.

    >>> from valuering import templates
    >>> audit = design_audit(templates.load("hub-office"))
    >>> audit["definition"].completeness, audit.missing[0].path
    (1.0, 'governance.decision_rights')

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound.
    """
    sound(pmo, catalog=catalog)
    found = list(checks(pmo))
    rows = []
    for dimension in DIMENSIONS:
        mine = [check for check in found if check.dimension == dimension]
        satisfied = sum(check.satisfied for check in mine)
        rows.append(
            DimensionCompleteness(
                dimension, satisfied, len(mine), satisfied / len(mine) if mine else None
            )
        )
    return DesignAudit(tuple(rows), tuple(check for check in found if not check.satisfied))
