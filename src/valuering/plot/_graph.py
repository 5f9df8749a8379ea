"""The value graph drawn in delivery waves: offerings in columns left to right (each needs only
columns to its left), then the outcomes customers expect, with the lines between them."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import fmean
from typing import TYPE_CHECKING

from valuering.catalog import Catalog
from valuering.graph import ValueAnalysis
from valuering.model import PMO
from valuering.plot._figure import COLORS, label, module, new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_value_graph"]

COLUMN = 1.6  # least width of one wave's column, in data units (inches when the figure is ours)
CHARACTER = 0.062  # width of one label character at 8 points, in inches
ROW = 0.3  # height of one node's row


def _spread(count: int, tallest: int) -> list[float]:
    """``count`` heights spread evenly over the height of the tallest column, top first."""
    step = tallest / count if count else 1.0
    return [-(i + 0.5) * step * ROW for i in range(count)]


def _by_barycentre(items: Sequence[str], anchors: dict[str, list[float]]) -> list[str]:
    """Items sorted by the mean height of what they connect to on the left (fewer crossings)."""
    return sorted(items, key=lambda i: (-fmean(anchors[i]) if anchors.get(i) else 0.0, i))


def plot_value_graph(
    result: ValueAnalysis | PMO, ax: Axes | None = None, *, catalog: Catalog | None = None
) -> Axes:
    """The offerings in delivery waves, left to right, each joined to the offerings it needs and to
    the outcomes it serves; then the outcomes the customers expect (dot size by demand, formula 1 in
    docs/design.md). Outcomes nobody expects are left out; an expected outcome no offering serves
    is drawn in the warning colour.

    ``result`` is a :class:`~valuering.graph.ValueAnalysis` or a model (analysed against
    ``catalog``; a model that is not sound raises :class:`~valuering.errors.ValidationError`).
    Returns the axes; needs the ``plot`` extra.

    >>> from valuering import examples
    >>> ax = plot_value_graph(examples.load("northwind-energy"))
    >>> [len(c.get_offsets()) for c in ax.collections if c.get_gid() in ("offerings", "outcomes")]
    [12, 20]
    """
    analysis = ValueAnalysis(result, catalog=catalog) if isinstance(result, PMO) else result
    collections = module("matplotlib.collections")
    waves = analysis.waves
    demand = analysis.demand
    servers: dict[str, list[str]] = {}
    for offering in analysis.order:
        for outcome in analysis.strengths(offering):
            if demand.get(outcome, 0.0) > 0:
                servers.setdefault(outcome, []).append(offering)
    outcomes = [o for o in demand if demand[o] > 0]
    tallest = max([len(outcomes), *map(len, waves), 1])
    # A column holds its node and the label to its right, so labels never reach the next wave.
    step = max(COLUMN, 0.45 + CHARACTER * max(map(len, analysis.order), default=0))
    width = step * len(waves) + 0.3 + 3.5
    ax = new_axes(ax, (width, 1.2 + ROW * tallest), (0.05, 0.05, 0.05, 0.35))

    where: dict[str, tuple[float, float]] = {}
    for column, wave in enumerate(waves):
        anchors = {
            o: [where[d][1] for d in analysis.pmo.offering(o).depends_on if d in where]
            for o in wave
        }
        ordered = _by_barycentre(wave, anchors) if column else list(wave)
        for ident, y in zip(ordered, _spread(len(ordered), tallest), strict=True):
            where[ident] = (column * step, y)
        ax.text(column * step, ROW, f"wave {column + 1}", fontsize=9, fontweight="bold")
    outcome_x = len(waves) * step
    anchors = {o: [where[s][1] for s in servers.get(o, [])] for o in outcomes}
    ordered_outcomes = _by_barycentre(outcomes, anchors)
    outcome_at = dict(zip(ordered_outcomes, _spread(len(outcomes), tallest), strict=True))
    ax.text(outcome_x, ROW, "expected outcomes", ha="left", fontsize=9, fontweight="bold")

    needs = [
        (where[d], where[o.id]) for o in analysis.offerings for d in o.depends_on if d in where
    ]
    serves = [
        (where[s], (outcome_x, outcome_at[o])) for o in ordered_outcomes for s in servers.get(o, [])
    ]
    ax.add_collection(
        collections.LineCollection(serves, colors=COLORS["outcome"], linewidths=0.6, alpha=0.35)
    )
    ax.add_collection(
        collections.LineCollection(needs, colors=COLORS["edge"], linewidths=1.2, alpha=0.9)
    )
    points = [where[o] for o in analysis.order]
    ax.scatter(
        [p[0] for p in points],
        [p[1] for p in points],
        s=40,
        color=COLORS["offering"],
        zorder=3,
        gid="offerings",
    )
    for ident, (x, y) in where.items():
        ax.text(
            x + 0.1,
            y,
            label(ident),
            va="center",
            fontsize=8,
            color=COLORS["ink"],
            bbox={
                "boxstyle": "round,pad=0.1",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.8,
            },
            zorder=4,
        )
    largest = max(demand.values(), default=1.0) or 1.0
    ax.scatter(
        [outcome_x] * len(ordered_outcomes),
        [outcome_at[o] for o in ordered_outcomes],
        s=[20 + 160 * demand[o] / largest for o in ordered_outcomes],
        color=[
            COLORS["outcome"] if servers.get(o) else COLORS["unserved"] for o in ordered_outcomes
        ],
        zorder=3,
        gid="outcomes",
    )
    for o in ordered_outcomes:
        definition = analysis.catalog.outcomes.get(o)
        served = "" if servers.get(o) else " (not served)"
        ax.text(
            outcome_x + 0.2,
            outcome_at[o],
            label(f"{definition.name if definition else o}{served}"),
            va="center",
            fontsize=8,
            color=COLORS["unserved"] if served else COLORS["ink"],
        )
    ax.set_xlim(-0.3, outcome_x + 3.5)
    ax.set_ylim(-ROW * tallest, ROW * 1.5)
    ax.axis("off")
    ax.set_title("Delivery waves and the outcomes the offerings serve")
    return ax
