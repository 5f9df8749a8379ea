"""The value graph as node-link JSON, GraphML, Mermaid text or DOT (DOT needs the ``dot`` extra)."""

from __future__ import annotations

import json
import re
from typing import Any

import networkx as nx

from valuering.catalog import Catalog
from valuering.errors import OptionalDependencyError, Problem, ValidationError
from valuering.graph._build import build_graph
from valuering.model import PMO

__all__ = ["GRAPH_FORMATS", "export_graph", "to_dot", "to_graphml", "to_mermaid", "to_node_link"]

#: The formats :func:`export_graph` writes.
GRAPH_FORMATS = ("json", "graphml", "mermaid", "dot")

_DOT_KEYWORDS = {"node", "edge", "graph", "digraph", "subgraph", "strict"}
_XML_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_KIND_ORDER = {"objective": 0, "customer": 1, "outcome": 2, "offering": 3}
_EDGE_ORDER = {"prerequisite": 0, "serves": 1, "expected_by": 2, "supports": 3}
# Mermaid node shapes per kind: rectangle, rounded, stadium, hexagon.
_SHAPES = {
    "offering": ("[", "]"),
    "outcome": ("(", ")"),
    "customer": ("([", "])"),
    "objective": ("{{", "}}"),
}
_ARROWS = {"prerequisite": "==>", "serves": "-->", "expected_by": "-.->", "supports": "-->"}
_STYLES = {
    "offering": "fill:#dbeafe,stroke:#1e40af",
    "outcome": "fill:#dcfce7,stroke:#166534",
    "customer": "fill:#fef9c3,stroke:#854d0e",
    "objective": "fill:#fce7f3,stroke:#9d174d",
}


def to_node_link(graph: nx.DiGraph[str]) -> dict[str, Any]:
    """Node-link data (plain dicts and lists), with the edges under the ``"edges"`` key.

    >>> from valuering import examples
    >>> data = to_node_link(build_graph(examples.load("northwind-energy")))
    >>> sorted(data)
    ['directed', 'edges', 'graph', 'multigraph', 'nodes']
    >>> nx.node_link_graph(data, edges="edges").number_of_nodes() == len(data["nodes"])
    True
    """
    return nx.node_link_data(graph, edges="edges")


def to_graphml(graph: nx.DiGraph[str]) -> str:
    """GraphML text; ``networkx.read_graphml`` reads back the same nodes, edges and attributes.

    XML 1.0 cannot carry control characters (carriage returns included: readers turn them into
    line feeds), so in text attributes each one is written as U+FFFD.

    >>> from valuering import examples
    >>> to_graphml(build_graph(examples.load("northwind-energy"))).startswith("<graphml")
    True
    """
    clean: nx.DiGraph[str] = nx.DiGraph()
    clean.graph.update({k: _xml_safe(v) for k, v in graph.graph.items()})
    clean.add_nodes_from(
        (n, {k: _xml_safe(v) for k, v in d.items()}) for n, d in graph.nodes(data=True)
    )
    clean.add_edges_from(
        (u, v, {k: _xml_safe(x) for k, x in d.items()}) for u, v, d in graph.edges(data=True)
    )
    return "\n".join(nx.generate_graphml(clean)) + "\n"


def _xml_safe(value: Any) -> Any:
    if isinstance(value, str) and _XML_UNSAFE.search(value):
        return _XML_UNSAFE.sub("\ufffd", value)
    return value


def to_mermaid(graph: nx.DiGraph[str]) -> str:
    """A Mermaid flowchart: offerings as boxes, outcomes rounded, customers as stadiums, objectives
    as hexagons; ``==>`` marks a prerequisite, a dotted arrow an expectation. Nodes and edges without
    a ``kind`` (as in :func:`~valuering.graph.dependency_graph`) are plain boxes and arrows.

    >>> from valuering import PMO, Customer, Expectation, ServiceOffering
    >>> pmo = PMO(id="p", name="P", customers=(Customer(id="cfo", name="CFO",
    ...     group="executives-and-senior-management",
    ...     expectations=(Expectation(outcome="better-project-prioritization"),)),),
    ...     offerings=(ServiceOffering(id="ppm", service="portfolio-management", maturity=2),))
    >>> print(to_mermaid(build_graph(pmo)))  # doctest: +ELLIPSIS
    flowchart LR
      n0(["CFO"])
      n1("Better project prioritization")
    ...
      n6["Portfolio management"]
      n6 --> n1
    ...
      n1 -.-> n0
      classDef offering fill:#dbeafe,stroke:#1e40af
    ...
      class n0 customer
    <BLANKLINE>
    """
    kinds = [(node, str(data.get("kind", ""))) for node, data in graph.nodes(data=True)]
    nodes = sorted(kinds, key=lambda item: (_KIND_ORDER.get(item[1], len(_KIND_ORDER)), item[0]))
    short = {node: f"n{i}" for i, (node, _) in enumerate(nodes)}
    lines = ["flowchart LR"]
    for node, kind in nodes:
        opening, closing = _SHAPES.get(kind, _SHAPES["offering"])
        label = _mermaid_text(str(graph.nodes[node].get("name", node)))
        lines.append(f'  {short[node]}{opening}"{label}"{closing}')
    edges = sorted(
        ((u, v, str(d.get("kind", ""))) for u, v, d in graph.edges(data=True)),
        key=lambda e: (_EDGE_ORDER.get(e[2], len(_EDGE_ORDER)), e[0], e[1]),
    )
    for source, target, kind in edges:
        strength = graph.edges[source, target].get("strength", 1.0)
        label = f"|{strength:g}|" if kind == "serves" and strength != 1.0 else ""
        lines.append(f"  {short[source]} {_ARROWS.get(kind, '-->')}{label} {short[target]}")
    for kind, style in _STYLES.items():
        lines.append(f"  classDef {kind} {style}")
    for kind in _STYLES:
        members = [short[node] for node, k in nodes if k == kind]
        if members:
            lines.append(f"  class {','.join(members)} {kind}")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    """Label text Mermaid shows as written: entity codes for its special characters, no breaks."""
    text = text.replace("#", "#35;").replace('"', "#quot;").replace("`", "#96;")
    text = text.replace("<", "#lt;").replace(">", "#gt;")
    return " ".join(text.split())


def to_dot(graph: nx.DiGraph[str]) -> str:
    """Graphviz DOT text through pydot (the ``dot`` extra); a node's ``name`` becomes its ``label``.

    >>> from valuering import examples
    >>> to_dot(build_graph(examples.load("northwind-energy"))).startswith("strict digraph")
    True
    """
    try:
        from networkx.drawing.nx_pydot import to_pydot
    except ImportError:  # pragma: no cover - networkx always ships the module
        raise OptionalDependencyError("pydot", "dot", "DOT export") from None
    try:
        import pydot  # noqa: F401  (to_pydot imports it lazily; fail early with a clear message)
    except ImportError:
        raise OptionalDependencyError("pydot", "dot", "DOT export") from None
    # pydot reserves "name" for the node id, so display names travel as "label"; to_pydot writes
    # only the attributes under graph["graph"] on the graph itself.
    labelled: nx.DiGraph[str] = nx.DiGraph(graph={_dot_label(k): v for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        labelled.add_node(_dot_id(node), **{_dot_label(k): v for k, v in data.items()})
    labelled.add_edges_from((_dot_id(u), _dot_id(v), d) for u, v, d in graph.edges(data=True))
    text: str = to_pydot(labelled).to_string()
    return text


def _dot_label(key: str) -> str:
    return "label" if key == "name" else key


def _dot_id(node: str) -> str:
    """DOT keywords as node ids must be quoted, or ``node [...]`` sets every node's defaults."""
    return f'"{node}"' if node.lower() in _DOT_KEYWORDS else node


def export_graph(pmo: PMO, format: str = "json", *, catalog: Catalog | None = None) -> str:
    """The PMO's value graph as text in one of :data:`GRAPH_FORMATS`.

    Raises :class:`~valuering.errors.ValidationError` for an unknown format or a model that is not
    sound against its catalog; the ``dot`` format needs the ``dot`` extra.

    >>> from valuering import examples
    >>> text = export_graph(examples.load("northwind-energy"), "mermaid")
    >>> text.splitlines()[0]
    'flowchart LR'
    >>> export_graph(examples.load("northwind-energy"), "svg")
    Traceback (most recent call last):
    ...
    valuering.errors.ValidationError: 1 problem:
      format: unknown graph format 'svg'; choose one of: json, graphml, mermaid, dot
    """
    if format not in GRAPH_FORMATS:
        choices = ", ".join(GRAPH_FORMATS)
        message = f"unknown graph format {format!r}; choose one of: {choices}"
        raise ValidationError([Problem("format", message)])
    graph = build_graph(pmo, catalog=catalog)
    if format == "json":
        return json.dumps(to_node_link(graph), indent=2, ensure_ascii=False) + "\n"
    if format == "graphml":
        return to_graphml(graph)
    if format == "mermaid":
        return to_mermaid(graph)
    return to_dot(graph)
