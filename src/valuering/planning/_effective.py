"""Effective coverage: coverage weighted by weakest-link maturity (formula 11 in docs/design.md)."""

from __future__ import annotations

import math

from valuering._tables import Names
from valuering.catalog import Catalog
from valuering.demand import Coverage, outcome_demand
from valuering.model import PMO
from valuering.planning._levels import LevelModel
from valuering.validation import sound

__all__ = ["effective_coverage"]


def effective_coverage(pmo: PMO, *, catalog: Catalog | None = None) -> Coverage:
    """The share of demand the offerings cover at the level they can really deliver.

    covered_o = 1 - prod_s (1 - M_{o,s} * e_s / 5), with e_s the weakest-link maturity of formula 5;
    the total is sum_o D_o * covered_o. It is maturity-weighted coverage with each offering's own
    level replaced by its effective level, so raising a prerequisite that holds others down has
    value. This figure is valuering's own (formula 11 in docs/design.md), not the Practice Guide's.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import PMO, Customer, Expectation, ServiceOffering
    >>> pmo = PMO(id="p", name="P",
    ...     customers=[Customer(id="cfo", name="CFO", group="executives-and-senior-management",
    ...                         expectations=[Expectation(outcome="higher-return-on-investment")])],
    ...     offerings=[ServiceOffering(id="pfm", service="portfolio-management", maturity=4,
    ...                                depends_on=["method"]),
    ...                ServiceOffering(id="method", service="methodologies-and-frameworks-management",
    ...                                maturity=2)])
    >>> effective_coverage(pmo).total == 1 - (1 - 2 / 5)   # pfm is held down to level 2
    True
    """
    cat = sound(pmo, catalog=catalog)
    model = LevelModel(pmo, cat)
    demand = outcome_demand(pmo, catalog=cat)
    by_id = dict(zip(model.outcomes, model.covered(model.levels), strict=True))
    covered = {o: by_id[o] for o in demand}
    total = math.fsum(d * covered[o] for o, d in demand.items())
    return Coverage(min(1.0, max(0.0, total)), covered, demand, names=Names(pmo, cat))
