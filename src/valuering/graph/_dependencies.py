"""The offerings' dependency graph (prerequisite -> dependent), checked before anything walks it."""

from __future__ import annotations

import networkx as nx

from valuering._tables import Names
from valuering.catalog import Catalog
from valuering.graph._results import DeliveryWaves
from valuering.model import PMO
from valuering.validation import derived, sound

__all__ = ["delivery_waves", "dependency_graph", "dependency_order"]


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


def dependency_order(
    pmo: PMO,
) -> tuple[tuple[tuple[str, ...], ...], dict[str, list[str]]]:
    """The waves (sorted by id inside) and each offering's direct dependents (sorted by id) of a
    model already found sound, so free of cycles and unknown prerequisites.

    Kahn's algorithm on plain dicts: an offering joins a wave once all its prerequisites are in
    earlier ones.
    """
    dependents: dict[str, list[str]] = {o.id: [] for o in pmo.offerings}
    waiting: dict[str, int] = {}
    for offering in pmo.offerings:
        prerequisites = set(offering.depends_on)
        waiting[offering.id] = len(prerequisites)
        for prerequisite in prerequisites:
            dependents[prerequisite].append(offering.id)
    for ids in dependents.values():
        ids.sort()
    wave = sorted(ident for ident, count in waiting.items() if count == 0)
    waves = []
    while wave:
        waves.append(tuple(wave))
        ready = []
        for ident in wave:
            for dependent in dependents[ident]:
                waiting[dependent] -= 1
                if waiting[dependent] == 0:
                    ready.append(dependent)
        wave = sorted(ready)
    return tuple(waves), dependents


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
    waves = derived(pmo, cat, "dependency-order", lambda: dependency_order(pmo))[0]
    return DeliveryWaves(waves, names=Names(pmo, cat))
