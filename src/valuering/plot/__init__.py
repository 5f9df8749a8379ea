"""Pictures of a PMO's results with matplotlib (the ``plot`` extra): each ``plot_*`` function takes a
result (or the model, and computes it) and an optional matplotlib ``Axes``, draws, and returns the
axes. No figure is shown and no GUI backend is chosen: put the axes in your own figure
(``fig, ax = plt.subplots()``) or save ``ax.figure``.

>>> from valuering import examples, maturity_gaps, plot
>>> pmo = examples.load("northwind-energy")
>>> ax = plot.plot_gaps(maturity_gaps(pmo), top=5)
>>> ax.get_title()
'Gaps to target, highest priority first'
>>> plot.svg(ax, title="Gaps to target", key="gaps").startswith("<svg")
True
"""

from valuering.plot._charts import (
    plot_attribution,
    plot_gaps,
    plot_indicators,
    plot_maturity_by_category,
    rag_state,
)
from valuering.plot._figure import available, svg
from valuering.plot._flywheel import plot_flywheel
from valuering.plot._graph import plot_value_graph
from valuering.plot._trend import plot_trend

__all__ = [
    "available",
    "plot_attribution",
    "plot_flywheel",
    "plot_gaps",
    "plot_indicators",
    "plot_maturity_by_category",
    "plot_trend",
    "plot_value_graph",
    "rag_state",
    "svg",
]
