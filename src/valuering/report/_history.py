"""Text and data views of change over time: a diff of two models and their figures side by side."""

from __future__ import annotations

import json
from typing import Any

from valuering.history import Change, Comparison, FigureChange, ModelDiff
from valuering.report._data import to_json_data
from valuering.report._text import heading, percent, plural, table

__all__ = ["diff_data", "figure_text", "text_diff"]


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
