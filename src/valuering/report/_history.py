"""Text and data views of change over time: a diff of two models and their figures side by side."""

from __future__ import annotations

import json
from typing import Any

from valuering.history import (
    Benchmark,
    Change,
    Comparison,
    FigureChange,
    ModelDiff,
    Snapshots,
    Trend,
    figure_label,
    figure_unit,
)
from valuering.report._data import to_json_data
from valuering.report._text import heading, percent, plural, table

__all__ = [
    "diff_data",
    "figure_text",
    "text_benchmark",
    "text_diff",
    "text_snapshots",
    "text_trend",
]


def figure_text(unit: str, value: object) -> str:
    """One figure value as a table shows it: shares and percentages as percent, counts as numbers.

    >>> figure_text("share", 0.984), figure_text("percent", 55.0), figure_text("count", 3), figure_text("share", None)
    ('98.4 %', '55.0 %', '3', '–')
    """
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if unit == "share" and isinstance(value, int | float):
        return percent(value, 1)
    if unit == "percent" and isinstance(value, int | float):
        return percent(value / 100, 1)
    return f"{value:g}" if isinstance(value, float) else str(value)


def _delta(figure: FigureChange) -> str:
    delta = figure.delta
    if delta is None:
        return "new" if figure.before is None else "gone" if figure.after is None else "changed"
    if figure.unit in ("share", "percent"):
        points = delta * 100 if figure.unit == "share" else delta
        return "0" if round(points, 1) == 0 else f"{points:+.1f} pts"
    return "0" if delta == 0 else f"{delta:+g}"


def _value(value: Any) -> str:
    if value is None:
        return "none"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _change_line(change: Change) -> tuple[str, str, str, str]:
    if change.field is None:
        return (change.change.value, change.kind, change.id, "")
    shown = f"{change.field}: {_value(change.before)} -> {_value(change.after)}"
    if len(shown) > 100:
        shown = shown[:99] + "…"
    return (change.change.value, change.kind, change.id, shown)


def text_diff(changes: ModelDiff, figures: Comparison) -> str:
    """What changed between two models and the headline figures that moved (``valuering diff``).

    >>> import attrs
    >>> from valuering import examples
    >>> from valuering.history import compare, diff
    >>> old = examples.load("northwind-energy")
    >>> new = attrs.evolve(old, offerings=[attrs.evolve(o, maturity=4) if o.id == "pmis" else o
    ...                                    for o in old.offerings])
    >>> print(text_diff(diff(old, new), compare(old, new)))
    Changes: northwind-energy-epmo -> northwind-energy-epmo
    =======================================================
    change   kind      id    what
    -------  --------  ----  ----------------
    changed  offering  pmis  maturity: 3 -> 4
    <BLANKLINE>
    Figures that changed (5 of 35)
    ------------------------------
    figure                      before   after    change
    --------------------------  ------  ------  --------
    Maturity-weighted coverage  74.7 %  76.2 %  +1.5 pts
    Maturity (X3), tactical     50.0 %  55.0 %  +5.0 pts
    Overall maturity            45.0 %  46.7 %  +1.7 pts
    Offerings below target          11      10        -1
    Levels to climb to target       16      15        -1
    """
    title = heading(f"Changes: {changes.old} -> {changes.new}")
    if changes:
        listed = table([_change_line(c) for c in changes], ["change", "kind", "id", "what"])
    else:
        listed = "The models are the same."
    moved = figures.changed()
    rows = [
        (f.label, figure_text(f.unit, f.before), figure_text(f.unit, f.after), _delta(f))
        for f in moved
    ]
    figure_title = heading(f"Figures that changed ({len(moved)} of {len(figures)})", "-")
    figure_table = (
        table(rows, ["figure", "before", "after", "change"], right=[1, 2, 3])
        if rows
        else f"No figure changed ({plural(len(figures), 'figure')} compared)."
    )
    return f"{title}\n{listed}\n\n{figure_title}\n{figure_table}"


def diff_data(changes: ModelDiff, figures: Comparison) -> dict[str, Any]:
    """The diff and the figures as plain data (``valuering diff --format json``): field values keep
    their structure (lists and tables as a model file writes them).

    >>> from valuering import examples
    >>> from valuering.history import compare, diff
    >>> pmo = examples.load("northwind-energy")
    >>> data = diff_data(diff(pmo, pmo), compare(pmo, pmo))
    >>> data["changes"], len(data["figures"]), data["counts"]
    ([], 35, {'added': 0, 'removed': 0, 'changed': 0})
    """
    return {
        "old": changes.old,
        "new": changes.new,
        "counts": changes.counts(),
        "changes": [
            {
                "kind": c.kind,
                "id": c.id,
                "change": c.change.value,
                "field": c.field,
                "before": to_json_data(c.before),
                "after": to_json_data(c.after),
            }
            for c in changes
        ],
        "figures": to_json_data(figures),
    }


def text_snapshots(snapshots: Snapshots) -> str:
    """The snapshots of a history store as a table (``valuering history list``).

    >>> from valuering.history import Snapshot, Snapshots
    >>> print(text_snapshots(Snapshots((Snapshot(1, "acme", None, "ab" * 32, "2026-01-01T00:00:00+00:00"),))))
    id  pmo   as of    hash          added                      industry  scope
    --  ----  -------  ------------  -------------------------  --------  -----
     1  acme  undated  abababababab  2026-01-01T00:00:00+00:00  –         –
    """
    if not snapshots:
        return "The store holds no snapshot."
    rows = [
        (s.id, s.pmo, s.as_of or "undated", s.hash[:12], s.added, s.industry or "–", s.scope or "–")
        for s in snapshots
    ]
    return table(rows, ["id", "pmo", "as of", "hash", "added", "industry", "scope"], right=[0])


def text_trend(trend: Trend) -> str:
    """One figure of one PMO over its snapshots (``valuering history trend``).

    >>> import datetime
    >>> from valuering.history import Trend, TrendPoint
    >>> points = (TrendPoint(1, datetime.date(2024, 12, 31), 50.0), TrendPoint(2, datetime.date(2025, 12, 31), 55.0))
    >>> print(text_trend(Trend("acme", "maturity.tactical", points)))
    acme: Maturity (X3), tactical
    =============================
    as of       snapshot   value  change
    ----------  --------  ------  --------
    2024-12-31         1  50.0 %
    2025-12-31         2  55.0 %  +5.0 pts
    """
    unit = figure_unit(trend.figure)
    rows = []
    previous: float | None = None
    for point in trend:
        change = ""
        if previous is not None:
            change = _delta(FigureChange(trend.figure, previous, point.value))
        rows.append(
            (point.as_of or "undated", point.snapshot, figure_text(unit, point.value), change)
        )
        previous = point.value
    title = heading(f"{trend.pmo}: {figure_label(trend.figure)}")
    return f"{title}\n" + table(rows, ["as of", "snapshot", "value", "change"], right=[1, 2])


def text_benchmark(result: Benchmark) -> str:
    """Where a PMO's figure stands among the other PMOs of a store (``valuering history benchmark``).

    >>> from valuering.history import Benchmark
    >>> print(text_benchmark(Benchmark("acme", "maturity.tactical", 50.0, 1, 2, 5)))
    acme: Maturity (X3), tactical 50.0 % is at percentile 40 of 5 PMOs (1 below, 2 equal).
    """
    unit = figure_unit(result.figure)
    among = plural(result.compared, "PMO")
    filters = [
        f"industry {result.industry}" if result.industry else "",
        f"scope {result.scope}" if result.scope else "",
    ]
    where = " and ".join(f for f in filters if f)
    if where:
        among += f" with {where}"
    shown = f"{result.pmo}: {figure_label(result.figure)} {figure_text(unit, result.value)}"
    if result.percentile is None:
        return f"{shown}: no other PMO to compare with ({among})."
    return (
        f"{shown} is at percentile {round(result.percentile, 1):g} of {among} "
        f"({result.below} below, {result.equal} equal)."
    )
