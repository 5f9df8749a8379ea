"""Planning: what a change to the model would do, and which improvements to make first.

- :func:`effective_coverage`: coverage weighted by weakest-link maturity (formula 11 in
  docs/design.md, ours), the value both questions measure;
- :func:`what_if`: every headline figure before and after a few changes, and who gains or loses;
- :func:`roadmap`: the one-level raises that gain the most within a budget, in order.

>>> from valuering import examples
>>> from valuering.planning import SetMaturity, what_if
>>> change = what_if(examples.load("northwind-energy"), SetMaturity("portfolio-management", 4))
>>> change["maturity.strategic"].before, change["maturity.strategic"].after
(40.0, 50.0)
"""

from valuering.planning._changes import (
    AddOffering,
    Change,
    RemoveOffering,
    SetMaturity,
    SetTarget,
    SetWeight,
    apply_changes,
)
from valuering.planning._effective import effective_coverage
from valuering.planning._roadmap import (
    EXACT_LIMIT,
    EXACT_OFFERINGS,
    Roadmap,
    RoadmapStep,
    roadmap,
)
from valuering.planning._whatif import FigureChange, Shift, WhatIf, what_if

__all__ = [
    "EXACT_LIMIT",
    "EXACT_OFFERINGS",
    "AddOffering",
    "Change",
    "FigureChange",
    "RemoveOffering",
    "Roadmap",
    "RoadmapStep",
    "SetMaturity",
    "SetTarget",
    "SetWeight",
    "Shift",
    "WhatIf",
    "apply_changes",
    "effective_coverage",
    "roadmap",
    "what_if",
]
