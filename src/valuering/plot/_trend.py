"""A figure of one PMO over its snapshots: a line through the dated points of a history-store trend."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from valuering.history import Trend, figure_label, figure_unit
from valuering.plot._figure import COLORS, label, new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_trend"]


def plot_trend(trend: Trend, ax: Axes | None = None) -> Axes:
    """One figure of one PMO over its snapshots (:meth:`valuering.history.Store.trend`): a line
    through the points, dated ones by date, undated ones first at their place in the store's order.
    Shares are drawn as percentages. Returns the axes; needs the ``plot`` extra.

    >>> import datetime
    >>> from valuering.history import Trend, TrendPoint
    >>> points = (TrendPoint(1, datetime.date(2024, 12, 31), 0.5), TrendPoint(2, datetime.date(2025, 12, 31), 0.75))
    >>> ax = plot_trend(Trend("acme", "coverage", points))
    >>> [float(y) for y in ax.lines[0].get_ydata()], ax.get_title()
    ([50.0, 75.0], 'acme: Coverage')
    """
    ax = new_axes(ax, (6.0, 3.2), (0.8, 0.7, 0.2, 0.4))
    scale = 100.0 if figure_unit(trend.figure) == "share" else 1.0
    dated = all(p.as_of is not None for p in trend)
    xs: list[Any] = [p.as_of for p in trend] if dated else list(range(1, len(trend) + 1))
    ax.plot(xs, [p.value * scale for p in trend], marker="o", color=COLORS["current"])
    ax.set_title(label(f"{trend.pmo}: {figure_label(trend.figure)}"))
    unit = figure_unit(trend.figure)
    ax.set_ylabel("%" if unit in ("share", "percent") else "value")
    ax.set_xlabel("as of" if dated else "snapshot")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if dated:
        ax.figure.autofmt_xdate()
    return ax
