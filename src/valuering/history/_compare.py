"""Every headline figure of two models side by side: before, after and the change.

>>> import attrs
>>> from valuering import examples
>>> old = examples.load("northwind-energy")
>>> new = attrs.evolve(old, offerings=[attrs.evolve(o, maturity=4) if o.id == "pmis" else o
...                                    for o in old.offerings])
>>> row = compare(old, new)["maturity.tactical"]
>>> row.before, row.after, row.delta
(50.0, 55.0, 5.0)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from valuering._tables import Keyed, plural, summary
from valuering.catalog import Catalog
from valuering.history._figures import Figure, figure_label, figure_unit, headline_figures
from valuering.model import PMO

__all__ = ["Comparison", "FigureChange", "compare"]


def _number(value: Figure) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


@attrs.frozen
class FigureChange:
    """One figure before and after; ``delta`` is after - before when both are numbers, else None."""

    figure: str
    before: Figure
    after: Figure

    @property
    def label(self) -> str:
        """What the figure measures (``"Maturity (X3), tactical"``)."""
        return figure_label(self.figure)

    @property
    def unit(self) -> str:
        """``share`` (0-1), ``percent`` (0-100), ``count`` or ``band``."""
        return figure_unit(self.figure)

    @property
    def delta(self) -> float | None:
        before, after = _number(self.before), _number(self.after)
        return None if before is None or after is None else after - before

    @property
    def changed(self) -> bool:
        return self.before != self.after


@attrs.frozen(repr=False)
class Comparison(Keyed[FigureChange]):
    """Headline figures of two models by figure name (``comparison["coverage"].delta``), in the old
    model's order with figures only the new one has at the end. A figure one side lacks (an offering
    added or removed) is None on that side."""

    old: str
    new: str
    figures: tuple[FigureChange, ...]
    _columns = ("figure", "label", "unit", "before", "after", "delta")

    def _table(self) -> Mapping[str, FigureChange]:
        return {f.figure: f for f in self.figures}

    def changed(self) -> tuple[FigureChange, ...]:
        """The figures whose value differs."""
        return tuple(f for f in self.figures if f.changed)

    def __repr__(self) -> str:
        return summary(
            self,
            plural(len(self.figures), "figure"),
            f"{len(self.changed())} changed",
            f"{self.old} -> {self.new}",
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per figure: ``figure``, ``label``, ``unit``, ``before``, ``after``, ``delta``."""
        return (
            {
                "figure": f.figure,
                "label": f.label,
                "unit": f.unit,
                "before": f.before,
                "after": f.after,
                "delta": f.delta,
            }
            for f in self.figures
        )


def compare(old: PMO, new: PMO, *, catalog: Catalog | None = None) -> Comparison:
    """Every headline figure (see :func:`headline_figures`) of ``old`` and ``new``: before, after, delta.

    Raises :class:`~valuering.errors.ValidationError` when either model is not sound against its catalog.

    >>> from valuering import examples
    >>> pmo = examples.load("northwind-energy")
    >>> compare(pmo, pmo)
    <Comparison: 35 figures; 0 changed; northwind-energy-epmo -> northwind-energy-epmo>
    """
    before = headline_figures(old, catalog=catalog)
    after = headline_figures(new, catalog=catalog)
    names = [*before, *(name for name in after if name not in before)]
    return Comparison(
        old.id,
        new.id,
        tuple(FigureChange(name, before.get(name), after.get(name)) for name in names),
    )
