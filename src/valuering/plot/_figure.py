"""Where matplotlib comes in: the extra imported on first use, new axes without pyplot (so no GUI
backend is ever chosen), labels safe from mathtext, and SVG text that is the same on every run."""

from __future__ import annotations

import html
import importlib
import io
import re
from types import ModuleType
from typing import TYPE_CHECKING

from valuering.errors import OptionalDependencyError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["COLORS", "RAG", "available", "label", "left_margin", "module", "new_axes", "svg"]

# One palette for every picture: colour-blind safe (Okabe and Ito), ink for text and lines.
COLORS = {
    "strategic": "#0072B2",
    "tactical": "#E69F00",
    "operational": "#009E73",
    "current": "#0072B2",
    "target": "#BBBBBB",
    "offering": "#0072B2",
    "outcome": "#E69F00",
    "unserved": "#D55E00",
    "edge": "#999999",
    "ink": "#222222",
}
# Traffic lights for attainment: green at or above target, amber within tolerance, red below.
RAG = {"green": "#2E7D32", "amber": "#F9A825", "red": "#C62828", "unmeasured": "#9E9E9E"}


def module(name: str) -> ModuleType:
    """The matplotlib module ``name``, imported now; a missing extra is one clear error."""
    try:
        return importlib.import_module(name)
    except ImportError:
        raise OptionalDependencyError("matplotlib", "plot", "valuering.plot") from None


def available() -> bool:
    """Whether matplotlib (the ``plot`` extra) can be imported."""
    try:
        module("matplotlib")
    except OptionalDependencyError:
        return False
    return True


def new_axes(
    ax: Axes | None,
    size: tuple[float, float],
    margins: tuple[float, float, float, float] = (0.7, 0.55, 0.2, 0.45),
) -> Axes:
    """``ax`` itself, or the axes of a new figure of ``size`` inches that no GUI ever shows, with
    ``margins`` (left, bottom, right, top) in inches: set once, so saving needs no layout pass."""
    if ax is not None:
        return ax
    figure = module("matplotlib.figure").Figure(figsize=size)
    width, height = size
    left, bottom, right, top = margins
    figure.subplots_adjust(
        left=left / width,
        bottom=bottom / height,
        right=1 - right / width,
        top=1 - top / height,
    )
    axes: Axes = figure.add_subplot()
    return axes


def left_margin(labels: list[str]) -> float:
    """Inches to the left of the axes that hold the longest of ``labels`` at 10 points."""
    return 0.3 + 0.075 * max(map(len, labels), default=0)


def label(text: str) -> str:
    """``text`` drawn as written: a dollar sign would otherwise start matplotlib's mathtext."""
    return text.replace("$", r"\$")


_IDS = re.compile(r'(\bid="|url\(#|href="#)')
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


def svg(ax: Axes, *, title: str, key: str) -> str:
    """The figure of ``ax`` as an inline ``<svg>`` element, with ``title`` for screen readers.

    Nothing varies between runs: no date or creator metadata, ids from a fixed salt, each prefixed
    with ``key`` so several pictures in one page never share an id. Text stays text, in the reader's
    own sans-serif font, so nothing is fetched to show it.
    """
    matplotlib = module("matplotlib")
    figure = ax.get_figure(root=True)
    if figure is None:
        raise ValueError("the axes belong to no figure")
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "valuering", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = _METADATA.sub("", text)
    text = _IDS.sub(lambda m: f"{m.group(1)}{key}-", text)
    head_end = text.index(">") + 1
    title_id = f"{key}-title"
    head = text[: head_end - 1] + f' role="img" aria-labelledby="{title_id}">'
    escaped = html.escape(title)
    return f'{head}\n<title id="{title_id}">{escaped}</title>{text[head_end:]}'
