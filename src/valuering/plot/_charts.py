"""Bar charts of results: maturity by category, gaps to target, attributed shares, indicator RAG."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from valuering._tables import percent
from valuering.catalog import Catalog
from valuering.graph import Attribution, value_attribution
from valuering.model import PMO
from valuering.plot._figure import COLORS, RAG, label, left_margin, new_axes
from valuering.scoring import (
    IndicatorAttainment,
    MaturityByCategory,
    MaturityGaps,
    indicator_attainment,
    maturity_by_category,
    maturity_gaps,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "plot_attribution",
    "plot_gaps",
    "plot_indicators",
    "plot_maturity_by_category",
    "rag_state",
]


def _named(record: Mapping[str, Any], ident: str, name: str, limit: int = 52) -> str:
    """``Name (id)``, the name cut short to fit ``limit`` characters, or the id alone when the name
    is missing or the same."""
    shown, key = str(record.get(name) or ""), str(record.get(ident) or "")
    if not shown or shown == key:
        return label(key)
    room = max(limit - len(key) - 3, 12)
    if len(shown) > room:
        shown = shown[: room - 1].rstrip() + "…"
    return label(f"{shown} ({key})")


def _bar_axes(ax: Axes | None, labels: list[str]) -> Axes:
    """New axes for one horizontal bar per label, tall enough for them all, labels on the left."""
    left = left_margin(labels)
    return new_axes(ax, (left + 5.0, 1.1 + 0.3 * max(len(labels), 3)), (left, 0.55, 0.2, 0.4))


def _tidy(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def plot_maturity_by_category(
    result: MaturityByCategory | PMO, ax: Axes | None = None, *, catalog: Catalog | None = None
) -> Axes:
    """One bar per service category: its maturity percentage (appendix X3, formula 4 in
    docs/design.md). A category without offered services has an empty bar marked "none offered".

    ``result`` is :func:`~valuering.scoring.maturity_by_category`'s result or a model (then computed
    against ``catalog``, by default the model's own; a model that is not sound raises
    :class:`~valuering.errors.ValidationError`). Draws on ``ax``, or on new axes; returns the axes.
    Needs the ``plot`` extra (:class:`~valuering.errors.OptionalDependencyError` otherwise).

    >>> from valuering import examples
    >>> ax = plot_maturity_by_category(examples.load("northwind-energy"))
    >>> [float(bar.get_height()) for bar in ax.patches]
    [40.0, 50.0, 45.0]
    """
    maturity = maturity_by_category(result, catalog=catalog) if isinstance(result, PMO) else result
    ax = new_axes(ax, (5.5, 3.2), (0.75, 0.4, 0.2, 0.4))
    categories = maturity.categories
    heights = [c.percent or 0.0 for c in categories]
    colors = [COLORS[c.category.value] for c in categories]
    names = [c.category.value.capitalize() for c in categories]
    bars = ax.bar(names, heights, color=colors, width=0.6)
    for bar, c in zip(bars, categories, strict=True):
        text = "none offered" if c.percent is None else percent(c.percent / 100)
        ax.annotate(
            text,
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            color=COLORS["ink"],
        )
    ax.set_ylim(0, 110)
    ax.set_yticks([0, 20, 40, 60, 80, 100])
    ax.set_ylabel("maturity (% of level 5)")
    ax.set_title("Service maturity by category (appendix X3)")
    _tidy(ax)
    return ax


def plot_gaps(
    result: MaturityGaps | PMO,
    ax: Axes | None = None,
    *,
    top: int = 20,
    catalog: Catalog | None = None,
) -> Axes:
    """The ``top`` offerings furthest below target by priority (formula 6 in docs/design.md): one bar
    for the current level, a pale bar from there to the target.

    ``result`` is :func:`~valuering.scoring.maturity_gaps`'s result or a model (computed against
    ``catalog``; a model that is not sound raises :class:`~valuering.errors.ValidationError`).
    Returns the axes; needs the ``plot`` extra.

    >>> from valuering import examples
    >>> ax = plot_gaps(examples.load("northwind-energy"), top=3)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Capital portfolio management (portfolio-management)', 'Benefits tracking (benefits)', 'Portfolio advice to the executiv… (executive-advice)']
    """
    gaps = maturity_gaps(result, catalog=catalog) if isinstance(result, PMO) else result
    records = [r for r in gaps.to_records() if r["gap"] > 0][:top]
    labels = [_named(r, "offering", "offering_name") for r in records]
    ax = _bar_axes(ax, labels)
    positions = list(range(len(records)))[::-1]  # highest priority at the top
    current = [r["maturity"] for r in records]
    ax.barh(positions, current, color=COLORS["current"], height=0.6, label="current level")
    ax.barh(
        positions,
        [r["gap"] for r in records],
        left=current,
        color=COLORS["target"],
        height=0.6,
        label="to target",
    )
    ax.set_yticks(positions, labels)
    ax.set_xlim(0, 5)
    ax.set_xticks([0, 1, 2, 3, 4, 5])
    ax.set_xlabel("maturity level (dark: current; pale: up to the target)")
    ax.set_title("Gaps to target, highest priority first")
    if not records:
        ax.text(2.5, 0, "every offering is at or above its target", ha="center", va="center")
        ax.set_yticks([])
    _tidy(ax)
    return ax


def plot_attribution(
    result: Attribution | PMO,
    ax: Axes | None = None,
    *,
    top: int = 15,
    catalog: Catalog | None = None,
) -> Axes:
    """The ``top`` offerings by their attributed share of the customers' demand (formula 7 in
    docs/design.md, our extension), largest at the top.

    ``result`` is :func:`~valuering.graph.value_attribution`'s result or a model (computed against
    ``catalog``; a model that is not sound raises :class:`~valuering.errors.ValidationError`).
    Returns the axes; needs the ``plot`` extra.

    >>> from valuering import examples
    >>> ax = plot_attribution(examples.load("northwind-energy"), top=2)
    >>> [t.get_text().strip() for t in ax.texts]
    ['14.2 %', '13.0 %']
    """
    shares = value_attribution(result, catalog=catalog) if isinstance(result, PMO) else result
    records = shares.to_records()[:top]
    labels = [_named(r, "offering", "offering_name") for r in records]
    ax = _bar_axes(ax, labels)
    positions = list(range(len(records)))[::-1]
    values = [100 * r["share"] for r in records]
    ax.barh(positions, values, color=COLORS["offering"], height=0.6)
    for y, r in zip(positions, records, strict=True):
        ax.text(100 * r["share"], y, " " + percent(r["share"]), va="center", color=COLORS["ink"])
    ax.set_yticks(positions, labels)
    ax.set_xlim(0, max([*values, 1.0]) * 1.25)
    ax.set_xlabel("attributed share of the weighted demand (%)")
    ax.set_title("Which offerings carry the demand")
    _tidy(ax)
    return ax


def rag_state(attainment: float | None, tolerance: float = 0.1) -> str:
    """``green`` at or above target, ``amber`` within ``tolerance`` of it, ``red`` below, or
    ``unmeasured`` (the SLA rule of formula 10 in docs/design.md, applied to any attainment).

    >>> rag_state(1.0), rag_state(0.95), rag_state(0.5), rag_state(None)
    ('green', 'amber', 'red', 'unmeasured')
    """
    if attainment is None:
        return "unmeasured"
    if attainment >= 1:
        return "green"
    return "amber" if attainment >= 1 - tolerance else "red"


def plot_indicators(
    result: IndicatorAttainment | PMO,
    ax: Axes | None = None,
    *,
    tolerance: float = 0.1,
    catalog: Catalog | None = None,
) -> Axes:
    """One bar per indicator: its attainment of target (formula 10 in docs/design.md), coloured
    red, amber or green (:func:`rag_state`); an indicator without an actual value is a grey mark.

    ``result`` is :func:`~valuering.scoring.indicator_attainment`'s result or a model (computed
    against ``catalog``; a model that is not sound raises
    :class:`~valuering.errors.ValidationError`). Returns the axes; needs the ``plot`` extra.

    >>> from valuering import examples
    >>> ax = plot_indicators(examples.load("northwind-energy"))
    >>> [rag_state(s.attainment) for s in indicator_attainment(examples.load("northwind-energy")).values()]
    ['red', 'green', 'red', 'amber', 'red', 'red']
    >>> len(ax.patches)
    6
    """
    attained = indicator_attainment(result, catalog=catalog) if isinstance(result, PMO) else result
    records = attained.to_records()
    labels = [_named(r, "indicator", "indicator_name") for r in records]
    ax = _bar_axes(ax, labels)
    positions = list(range(len(records)))[::-1]
    states = [rag_state(r["attainment"], tolerance) for r in records]
    widths = [0.02 if r["attainment"] is None else 100 * min(r["attainment"], 1.2) for r in records]
    ax.barh(positions, widths, color=[RAG[s] for s in states], height=0.6)
    for y, r, state in zip(positions, records, states, strict=True):
        shown = "not measured" if r["attainment"] is None else percent(r["attainment"])
        x = 0 if r["attainment"] is None else 100 * min(r["attainment"], 1.2)
        ax.text(x, y, f" {shown} ({state})", va="center", color=COLORS["ink"])
    ax.axvline(100, color=COLORS["ink"], linewidth=0.8, linestyle="--")
    ax.set_yticks(positions, labels)
    ax.set_xlim(0, 150)
    ax.set_xlabel("attainment of target (%)")
    ax.set_title("Indicators against target")
    if not records:
        ax.text(75, 0, "no indicators", ha="center", va="center")
        ax.set_yticks([])
    _tidy(ax)
    return ax
