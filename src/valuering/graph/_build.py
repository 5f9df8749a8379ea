"""The value graph: objectives, customers, outcomes and offerings on one networkx DiGraph."""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from valuering.catalog import Catalog
from valuering.graph._analysis import ValueAnalysis
from valuering.model import PMO

__all__ = ["build_graph"]


def build_graph(pmo: PMO, *, catalog: Catalog | None = None) -> nx.DiGraph[str]:
    """The PMO's value graph; nodes are ids with a ``kind``, attributes are plain values only.

    Nodes: ``offering`` (name, service, maturity, target if set, effective_maturity, share),
    ``outcome`` (name, horizon, demand D_o, covered), ``customer`` (name, group, weight) and
    ``objective`` (name, weight). Outcomes appear when a customer expects them, an offering serves
    them or an objective names them. Edges, each with a ``kind``:

    - ``prerequisite``: prerequisite offering -> the offering that depends on it;
    - ``serves``: offering -> outcome, with the catalog ``strength`` M_{o,s} (> 0);
    - ``expected_by``: outcome -> customer, with ``share`` W_c * P_{c,o} and ``priority_share`` P_{c,o};
    - ``supports``: outcome -> objective.

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog
    (an id used by two kinds of node, say a customer and an objective, is one such problem).

    >>> from valuering import examples
    >>> graph = build_graph(examples.load("northwind-energy"))
    >>> graph.nodes["reporting"]["kind"], graph.nodes["reporting"]["maturity"]
    ('offering', 3)
    >>> graph.edges["pmis", "reporting"]
    {'kind': 'prerequisite'}
    >>> graph.edges["reporting", "enhanced-decision-making"]
    {'kind': 'serves', 'strength': 1.0}
    >>> sorted(graph.successors("stronger-governance-and-compliance"))
    ['head-of-compliance', 'regulatory-trust']
    """
    analysis = ValueAnalysis.of(pmo, catalog=catalog)
    graph: nx.DiGraph[str] = nx.DiGraph(pmo=pmo.id, name=pmo.name, catalog=analysis.catalog.name)
    for objective in pmo.objectives:
        graph.add_node(
            objective.id, kind="objective", name=objective.name, weight=float(objective.weight)
        )
    for customer in pmo.customers:
        graph.add_node(
            customer.id,
            kind="customer",
            name=customer.name,
            group=customer.group,
            weight=float(customer.weight),
        )
    for outcome in sorted(_outcome_ids(pmo, analysis)):
        definition = analysis.catalog.outcomes[outcome]
        graph.add_node(
            outcome,
            kind="outcome",
            name=definition.name,
            horizon=definition.horizon.value,
            demand=analysis.demand.get(outcome, 0.0),
            covered=analysis.covered.get(outcome, 0.0),
        )
    levels = analysis.effective_maturity()
    shares = analysis.attribution()
    for offering in analysis.offerings:
        attributes: dict[str, Any] = {
            "kind": "offering",
            "name": offering.name or analysis.catalog.services[offering.service].name,
            "service": offering.service,
            "maturity": offering.maturity,
            "effective_maturity": levels[offering.id],
            "share": shares[offering.id],
        }
        if offering.target is not None:
            attributes["target"] = offering.target
        graph.add_node(offering.id, **attributes)
    for offering in analysis.offerings:
        for prerequisite in sorted(offering.depends_on):
            graph.add_edge(prerequisite, offering.id, kind="prerequisite")
        for outcome, strength in analysis.strengths(offering.id).items():
            graph.add_edge(offering.id, outcome, kind="serves", strength=float(strength))
    for customer in pmo.customers:
        priorities: dict[str, float] = {}
        for expectation in customer.expectations:
            priorities[expectation.outcome] = priorities.get(expectation.outcome, 0.0) + (
                expectation.priority
            )
        total = math.fsum(priorities.values())
        shares_of_customer = analysis.customer_shares.get(customer.id, {})
        for outcome, priority in priorities.items():
            graph.add_edge(
                outcome,
                customer.id,
                kind="expected_by",
                share=shares_of_customer[outcome],
                priority_share=priority / total,
            )
    for objective in pmo.objectives:
        for outcome in objective.outcomes:
            graph.add_edge(outcome, objective.id, kind="supports")
    return graph


def _outcome_ids(pmo: PMO, analysis: ValueAnalysis) -> set[str]:
    ids = set(analysis.demand)
    for offering in pmo.offerings:
        ids.update(analysis.strengths(offering.id))
    for objective in pmo.objectives:
        ids.update(objective.outcomes)
    return ids
