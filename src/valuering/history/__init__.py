"""Change over time: what changed between two versions of a model, and its figures before and after.

:func:`diff` lists what was added, removed and changed, field by field; :func:`compare` puts every
headline figure (:func:`headline_figures`) of both side by side. :class:`Store` (the ``history``
extra) keeps snapshots of many PMOs for trends and benchmarks.

>>> import attrs
>>> from valuering import examples
>>> old = examples.load("northwind-energy")
>>> new = attrs.evolve(old, indicators=old.indicators[1:])
>>> [(c.kind, c.id, c.change.value) for c in diff(old, new)]
[('indicator', 'methodology-adherence', 'removed')]
>>> compare(old, new)["attainment.service-delivery"].delta is not None
True
"""

from valuering.history._compare import Comparison, FigureChange, compare
from valuering.history._diff import Change, ChangeKind, ModelDiff, diff
from valuering.history._figures import Figure, Figures, figure_label, figure_unit, headline_figures
from valuering.history._results import Benchmark, Snapshot, Snapshots, Trend, TrendPoint
from valuering.history._store import (
    DEFAULT_FILE,
    SCHEMA_VERSION,
    Store,
    StoreError,
    canonical_json,
)

__all__ = [
    "DEFAULT_FILE",
    "SCHEMA_VERSION",
    "Benchmark",
    "Change",
    "ChangeKind",
    "Comparison",
    "Figure",
    "FigureChange",
    "Figures",
    "ModelDiff",
    "Snapshot",
    "Snapshots",
    "Store",
    "StoreError",
    "Trend",
    "TrendPoint",
    "canonical_json",
    "compare",
    "diff",
    "figure_label",
    "figure_unit",
    "headline_figures",
]
