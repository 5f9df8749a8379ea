"""What a history store returns: snapshot records, trends and benchmarks (the result protocol)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from valuering._tables import Keyed, Rows, percent, plural, summary

__all__ = ["Benchmark", "Snapshot", "Snapshots", "Trend", "TrendPoint"]


def _iso(day: datetime.date | None) -> str | None:
    """Dates in tables as a model file writes them (YYYY-MM-DD), so JSON and CSV can carry them."""
    return None if day is None else day.isoformat()


@attrs.frozen
class Snapshot:
    """One stored model: its store id, PMO id, date (``as_of``, None when the model has none), the
    content hash that identifies it, and when it was added."""

    id: int
    pmo: str
    as_of: datetime.date | None
    hash: str
    added: str
    industry: str | None = None
    scope: str | None = None


@attrs.frozen(repr=False)
class Snapshots(Rows[Snapshot]):
    """Snapshots oldest first (by ``as_of``, undated ones first, then by the order they were added)."""

    snapshots: tuple[Snapshot, ...]
    _columns = ("id", "pmo", "as_of", "hash", "added", "industry", "scope")

    def _items(self) -> tuple[Snapshot, ...]:
        return self.snapshots

    def __repr__(self) -> str:
        pmos = len({s.pmo for s in self.snapshots})
        return summary(self, plural(len(self.snapshots), "snapshot"), plural(pmos, "PMO"))

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per snapshot: ``id``, ``pmo``, ``as_of`` (YYYY-MM-DD), ``hash``, ``added``, ``industry``, ``scope``."""
        return ({**attrs.asdict(s), "as_of": _iso(s.as_of)} for s in self.snapshots)


@attrs.frozen
class TrendPoint:
    """One figure of one snapshot."""

    snapshot: int
    as_of: datetime.date | None
    value: float


@attrs.frozen(repr=False)
class Trend(Rows[TrendPoint]):
    """One figure of one PMO over its snapshots, oldest first; snapshots without the figure (an
    offering not there yet, nothing measured) are left out."""

    pmo: str
    figure: str
    points: tuple[TrendPoint, ...]
    _columns = ("snapshot", "as_of", "value")

    def _items(self) -> tuple[TrendPoint, ...]:
        return self.points

    def __repr__(self) -> str:
        span = f"{self.points[0].value:g} -> {self.points[-1].value:g}" if self.points else ""
        return summary(self, plural(len(self.points), "point"), f"{self.pmo} {self.figure}", span)

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per snapshot: ``snapshot``, ``as_of`` (YYYY-MM-DD), ``value``."""
        return ({**attrs.asdict(p), "as_of": _iso(p.as_of)} for p in self.points)


@attrs.frozen(repr=False)
class Benchmark(Keyed[Any]):
    """Where one PMO's figure stands among the latest snapshots of the other PMOs in a store:
    ``percentile`` = 100 * (below + 0.5 * equal) / compared (None when nothing is compared)."""

    pmo: str
    figure: str
    value: float
    below: int
    equal: int
    compared: int
    industry: str | None = None
    scope: str | None = None
    _columns = ("figure", "value", "percentile", "below", "equal", "compared", "industry", "scope")

    @property
    def percentile(self) -> float | None:
        if self.compared == 0:
            return None
        return 100 * (self.below + 0.5 * self.equal) / self.compared

    def _table(self) -> Mapping[str, Any]:
        return {column: getattr(self, column) for column in self._columns}

    def __repr__(self) -> str:
        shown = "–" if self.percentile is None else percent(self.percentile / 100)
        return summary(
            self,
            plural(self.compared, "PMO"),
            f"{self.pmo} {self.figure} {self.value:g}",
            f"percentile {shown}",
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row: the figure, its value, the percentile and the counts behind it."""
        return iter([dict(self._table())])
