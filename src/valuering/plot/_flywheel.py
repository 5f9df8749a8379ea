"""The flywheel ring: ten steps in five stages, each offering placed on the step it is at."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from valuering.catalog import Catalog
from valuering.model import PMO, FlywheelStep, Stage
from valuering.plot._figure import COLORS, label, module, new_axes
from valuering.validation import sound

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_flywheel"]

STAGE_COLORS = {
    Stage.EXPLORATION: "#56B4E9",
    Stage.DESIGN: "#009E73",
    Stage.DEPLOYMENT: "#E69F00",
    Stage.ENHANCEMENT: "#CC79A7",
    Stage.REALIZATION: "#0072B2",
}
INNER, OUTER = 0.62, 1.0  # the ring's radii
NAMED = 2  # offerings named beside a step; more are counted


def _angle(step: FlywheelStep, fraction: float = 0.5) -> float:
    """Degrees, counter-clockwise from east: step 1 starts at the top and the ring runs clockwise."""
    return 90 - 36 * (step.number - 1 + fraction)


def plot_flywheel(pmo: PMO, ax: Axes | None = None, *, catalog: Catalog | None = None) -> Axes:
    """The Value-Generating PMO Flywheel as a ring of ten steps coloured by their five stages, with
    a dot for every offering on the step it is at, and beside each step how many offerings are there
    (named when there are few).

    A model that is not sound against ``catalog`` (by default its own) raises
    :class:`~valuering.errors.ValidationError`. Returns the axes; needs the ``plot`` extra.

    >>> from valuering import examples
    >>> ax = plot_flywheel(examples.load("northwind-energy"))
    >>> len(ax.patches), len(ax.collections[0].get_offsets())
    (10, 12)
    """
    sound(pmo, catalog=catalog)
    from_matplotlib = module("matplotlib.patches")
    ax = new_axes(ax, (8.5, 5.8), (0.05, 0.05, 0.05, 0.35))
    by_step = {step: sorted(o.id for o in pmo.offerings if o.step is step) for step in FlywheelStep}
    xs: list[float] = []
    ys: list[float] = []
    for step in FlywheelStep:
        ax.add_patch(
            from_matplotlib.Wedge(
                (0, 0),
                OUTER,
                _angle(step, 1),
                _angle(step, 0),
                width=OUTER - INNER,
                facecolor=STAGE_COLORS[step.stage],
                edgecolor="white",
                linewidth=2,
            )
        )
        middle = math.radians(_angle(step))
        ax.text(
            0.8 * math.cos(middle),
            0.8 * math.sin(middle),
            str(step.number),
            ha="center",
            va="center",
            fontsize=13,
            fontweight="bold",
            color="white",
        )
        ids = by_step[step]
        for i, _ in enumerate(ids):  # dots spread across the step's inner edge
            theta = math.radians(_angle(step, (i + 1) / (len(ids) + 1)))
            xs.append(0.55 * math.cos(theta))
            ys.append(0.55 * math.sin(theta))
        named = ", ".join(ids[:NAMED]) + (f" +{len(ids) - NAMED}" if len(ids) > NAMED else "")
        text = f"{step.number}. {step.label}" + (f"\n{named}" if ids else "")
        cos, sin = math.cos(middle), math.sin(middle)
        ax.text(
            1.1 * cos,
            1.1 * sin,
            label(text),
            ha="left" if cos > 0.1 else "right" if cos < -0.1 else "center",
            va="bottom" if sin > 0.1 else "top" if sin < -0.1 else "center",
            fontsize=8.5,
            color=COLORS["ink"],
            fontweight="bold" if ids else "normal",
        )
    ax.scatter(xs, ys, s=22, color=COLORS["ink"], zorder=3, gid="offerings")
    placed = len(xs)
    ax.text(
        0,
        0,
        f"{placed} of {len(pmo.offerings)}\nofferings\nplaced",
        ha="center",
        va="center",
        fontsize=10,
        color=COLORS["ink"],
    )
    handles = [
        from_matplotlib.Patch(color=color, label=stage.label)
        for stage, color in STAGE_COLORS.items()
    ]
    ax.legend(handles=handles, loc="lower center", ncol=5, frameon=False, fontsize=8.5)
    ax.set_xlim(-2.75, 2.75)
    ax.set_ylim(-1.75, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("Flywheel position: where each offering is in its cycle")
    return ax
