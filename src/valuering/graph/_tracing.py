"""Value tracing, one question per function (formulas 5 and 7 in docs/design.md).

Each function builds a :class:`ValueAnalysis` for its call; to ask about every offering, use
:func:`trace_all` and :func:`impact_all` (or one ``ValueAnalysis``), which share the groundwork.
Every function raises :class:`~valuering.errors.ValidationError` when the model is not sound against
its catalog (checked once per model and catalog); those taking an id raise
:class:`~valuering.errors.UnknownIdError` for an id the model does not have.
"""

from __future__ import annotations

from valuering.catalog import Catalog
from valuering.graph._analysis import ValueAnalysis
from valuering.graph._results import (
    Attribution,
    Contributors,
    EffectiveMaturity,
    Impact,
    Impacts,
    Traces,
    ValueTrace,
)
from valuering.model import PMO
from valuering.validation import sound

__all__ = [
    "contributors",
    "effective_maturity",
    "impact_all",
    "impact_of",
    "trace_all",
    "trace_value",
    "value_attribution",
]


def value_attribution(pmo: PMO, *, catalog: Catalog | None = None) -> Attribution:
    """Each offering's share of the demand it serves: sum_o D_o * M_{o,s} / sum_{s'} M_{o,s'}.

    An outcome's demand is split among the offerings that serve it, in proportion to their strength;
    with a binary catalog the shares add up to the coverage.

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import examples
    >>> from valuering.demand import coverage
    >>> pmo = examples.load("northwind-energy")
    >>> shares = value_attribution(pmo)
    >>> next(iter(shares))
    'portfolio-management'
    >>> round(shares.total, 10) == round(coverage(pmo).total, 10)
    True
    """
    return ValueAnalysis.of(pmo, catalog=catalog).attribution()


def trace_value(pmo: PMO, offering_id: str, *, catalog: Catalog | None = None) -> ValueTrace:
    """What one offering creates: outcomes, the customers expecting them, objectives, dependents.

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog,
    :class:`~valuering.errors.UnknownIdError` for an unknown offering id.

    >>> from valuering import examples
    >>> trace = trace_value(examples.load("northwind-energy"), "governance")
    >>> [t.outcome for t in trace.outcomes][:2]
    ['greater-alignment-with-strategic-objectives', 'reduction-of-risk-exposure']
    >>> trace.objectives
    ('modernise-the-grid', 'regulatory-trust')
    >>> trace.direct_dependents
    ('assurance', 'portfolio-management')
    >>> trace.dependents
    ('assurance', 'portfolio-management', 'benefits', 'executive-advice', 'resource-management')
    """
    return ValueAnalysis.of(pmo, catalog=catalog).trace(offering_id)


def trace_all(pmo: PMO, *, catalog: Catalog | None = None) -> Traces:
    """The trace of every offering, by offering id in delivery order, with the demand computed once.

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import examples
    >>> traces = trace_all(examples.load("northwind-energy"))
    >>> len(traces), traces["coaching"].dependents
    (12, ())
    """
    return ValueAnalysis.of(pmo, catalog=catalog).traces()


def impact_of(pmo: PMO, offering_id: str, *, catalog: Catalog | None = None) -> Impact:
    """What breaks if an offering fails: it and its dependents drop out, and so does their coverage.

    demand at risk = coverage(X) - coverage(X without the lost offerings).

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog,
    :class:`~valuering.errors.UnknownIdError` for an unknown offering id.

    >>> from valuering import examples
    >>> impact = impact_of(examples.load("northwind-energy"), "portfolio-management")
    >>> impact.lost
    ('portfolio-management', 'benefits', 'executive-advice', 'resource-management')
    >>> [loss.outcome for loss in impact.outcomes]
    ['higher-return-on-investment', 'better-project-prioritization', 'enhanced-resource-management']
    >>> round(impact.demand_at_risk, 4)
    0.2661
    """
    return ValueAnalysis.of(pmo, catalog=catalog).impact(offering_id)


def impact_all(pmo: PMO, *, catalog: Catalog | None = None) -> Impacts:
    """The impact of losing each offering, by offering id in delivery order, with the demand computed
    once.

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import examples
    >>> impacts = impact_all(examples.load("northwind-energy"))
    >>> max(impacts.values(), key=lambda i: i.demand_at_risk).offering
    'methodology'
    """
    return ValueAnalysis.of(pmo, catalog=catalog).impacts()


def contributors(pmo: PMO, node_id: str, *, catalog: Catalog | None = None) -> Contributors:
    """The offerings behind an outcome or a strategic objective, directly or by enabling others.

    An offering that serves the node has a ``share`` of its demand; a prerequisite of such an
    offering has an ``enabled_share``: the shares of the serving offerings that need it.

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog,
    :class:`~valuering.errors.UnknownIdError` for an unknown outcome or objective id.

    >>> from valuering import examples
    >>> behind = contributors(examples.load("northwind-energy"), "better-project-prioritization")
    >>> [(c.offering, c.direct) for c in behind][3:5]
    [('portfolio-management', True), ('reporting', False)]
    >>> round(behind[3].share, 4), round(behind[3].enabled_share, 4), behind[3].enables
    (0.0242, 0.0485, ('benefits', 'executive-advice'))
    """
    return ValueAnalysis.of(pmo, catalog=catalog).contributors(node_id)


def effective_maturity(pmo: PMO, *, catalog: Catalog | None = None) -> EffectiveMaturity:
    """Weakest-link maturity: e_s = min(m_s, e_d for every offering d that s depends on).

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import examples
    >>> levels = effective_maturity(examples.load("northwind-energy"))
    >>> levels["reporting"], levels.maturity["benefits"], levels["executive-advice"]
    (3, 1, 2)
    >>> levels.held_by["resource-management"]
    'resource-management'
    """
    cat = sound(pmo, catalog=catalog)  # checked without listing who expects what: not needed here
    return ValueAnalysis.of(pmo, catalog=cat).effective_maturity()
