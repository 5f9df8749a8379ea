"""The offerings' dependency graph (prerequisite -> dependent), checked before anything walks it."""

from __future__ import annotations

import networkx as nx

from valuering._tables import Names
from valuering.catalog import Catalog
from valuering.graph._results import DeliveryWaves
from valuering.model import PMO
from valuering.validation import dependency_order, sound

__all__ = ["delivery_waves", "dependency_graph"]


def dependency_graph(pmo: PMO, *, catalog: Catalog | None = None) -> nx.DiGraph[str]:
    """The offerings as nodes, with an edge from each prerequisite to the offering that needs it.

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its
    catalog (a dependency on an unknown offering, a cycle spelled out, ...), as every analysis does.

    >>> from valuering import examples
    >>> graph = dependency_graph(examples.load("northwind-energy"))
    >>> sorted(graph.successors("methodology"))
    ['assurance', 'governance', 'reporting', 'risk-management', 'training']
    """
    sound(pmo, catalog=catalog)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(o.id for o in pmo.offerings)
    graph.add_edges_from((d, o.id) for o in pmo.offerings for d in o.depends_on)
    return graph


def delivery_waves(pmo: PMO, *, catalog: Catalog | None = None) -> DeliveryWaves:
    """The offerings grouped into waves: each wave needs only offerings of earlier waves.

    Wave 1 holds the offerings with no prerequisite; within a wave, offerings are sorted by id. The
    result reads as a sequence of waves, each a tuple of offering ids (``delivery_waves(pmo)[0]``).
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import examples
    >>> for wave in delivery_waves(examples.load("northwind-energy")):
    ...     print(", ".join(wave))
    methodology, pmis
    governance, reporting, risk-management, training
    assurance, coaching, portfolio-management
    benefits, executive-advice, resource-management
    """
    cat = sound(pmo, catalog=catalog)
    return DeliveryWaves(dependency_order(pmo, catalog=cat)[0], names=Names(pmo, cat))
