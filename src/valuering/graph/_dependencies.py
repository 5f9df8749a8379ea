"""The offerings' dependency graph (prerequisite -> dependent), checked before anything walks it."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from valuering.catalog import Catalog
from valuering.errors import Problem, ValidationError
from valuering.model import PMO
from valuering.validation import catalog_for, find_problems

__all__ = ["delivery_waves", "dependency_graph", "sound_dependency_graph"]


def dependency_graph(pmo: PMO, catalog: Catalog | None = None) -> nx.DiGraph[str]:
    """The offerings as nodes, with an edge from each prerequisite to the offering that needs it.

    Raises :class:`~valuering.errors.ValidationError` when a dependency names an unknown offering or
    the dependencies form a cycle (the message spells the cycle out).

    >>> from valuering import examples
    >>> graph = dependency_graph(examples.load("northwind-energy"))
    >>> sorted(graph.successors("methodology"))
    ['assurance', 'governance', 'reporting', 'risk-management', 'training']
    """
    return sound_dependency_graph(pmo, catalog_for(pmo, catalog))[0]


def sound_dependency_graph(
    pmo: PMO, catalog: Catalog, outcomes: Iterable[str] = ()
) -> tuple[nx.DiGraph[str], tuple[tuple[str, ...], ...]]:
    """The dependency graph and its waves, after checking what value tracing relies on.

    Checked: unique offering ids, known services, known prerequisites, no cycles, and that the
    ``outcomes`` given and those the objectives name are in the catalog. On any failure the whole
    model is checked with :func:`~valuering.validation.find_problems`, so the error lists every
    problem with its path. Waves are sorted by id inside (see :func:`delivery_waves`).
    """
    ids = {o.id for o in pmo.offerings}
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(o.id for o in pmo.offerings)
    graph.add_edges_from((d, o.id) for o in pmo.offerings for d in o.depends_on)
    broken = (
        len(ids) != len(pmo.offerings)
        or any(o.service not in catalog.services for o in pmo.offerings)
        or any(d == o.id or d not in ids for o in pmo.offerings for d in o.depends_on)
        or any(outcome not in catalog.outcomes for outcome in outcomes)
        or any(oc not in catalog.outcomes for obj in pmo.objectives for oc in obj.outcomes)
    )
    waves: tuple[tuple[str, ...], ...] = ()
    if not broken:
        try:
            waves = tuple(tuple(sorted(w)) for w in nx.topological_generations(graph))
        except nx.NetworkXUnfeasible:  # a cycle; find_problems spells it out
            broken = True
    if broken:
        problems = find_problems(pmo, catalog) or [
            Problem("offerings", "the offerings' dependencies are not sound")
        ]
        raise ValidationError(problems)
    return graph, waves


def delivery_waves(pmo: PMO, catalog: Catalog | None = None) -> tuple[tuple[str, ...], ...]:
    """The offerings grouped into waves: each wave needs only offerings of earlier waves.

    Wave 1 holds the offerings with no prerequisite; within a wave, offerings are sorted by id.

    >>> from valuering import examples
    >>> for wave in delivery_waves(examples.load("northwind-energy")):
    ...     print(", ".join(wave))
    methodology, pmis
    governance, reporting, risk-management, training
    assurance, coaching, portfolio-management
    benefits, executive-advice, resource-management
    """
    return sound_dependency_graph(pmo, catalog_for(pmo, catalog))[1]
