"""The value graph: its nodes, edges and attributes, and its exports."""

from __future__ import annotations

import builtins
import json
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given

from valuering import PMO, Customer, Expectation, ServiceOffering, examples
from valuering.errors import OptionalDependencyError, ValidationError
from valuering.graph import (
    build_graph,
    dependency_graph,
    export_graph,
    to_dot,
    to_graphml,
    to_mermaid,
    to_node_link,
)
from valuering.testing.strategies import pmos

NORTHWIND = examples.load("northwind-energy")


def _small() -> PMO:
    # One customer, two offerings; W = 1, P = 1/4 and 3/4.
    return PMO(
        id="small",
        name="Small",
        customers=(
            Customer(
                id="cfo",
                name='The "CFO" <finance>',
                group="executives-and-senior-management",
                expectations=(
                    Expectation(outcome="better-project-prioritization", priority=1),
                    Expectation(outcome="improved-success-rates", priority=3),
                ),
            ),
        ),
        offerings=(
            ServiceOffering(id="ppm", service="portfolio-management", maturity=2, target=4),
            ServiceOffering(
                id="method", service="methodologies-and-frameworks-management", maturity=3
            ),
            ServiceOffering(
                id="gates", service="governance-oversight", maturity=4, depends_on=("method",)
            ),
        ),
    )


def test_nodes_and_edges_of_a_small_model() -> None:
    graph = build_graph(_small())
    kinds = nx.get_node_attributes(graph, "kind")
    assert kinds["cfo"] == "customer"
    assert kinds["ppm"] == kinds["gates"] == "offering"
    assert kinds["better-project-prioritization"] == "outcome"
    assert graph.nodes["ppm"] == {
        "kind": "offering",
        "name": "Portfolio management",
        "service": "portfolio-management",
        "maturity": 2,
        "target": 4,
        "effective_maturity": 2,
        "share": 0.25,  # prioritization: D = 1/4, served by ppm alone
    }
    assert "target" not in graph.nodes["gates"]  # no None values: GraphML cannot hold them
    assert graph.nodes["better-project-prioritization"]["demand"] == 0.25
    assert graph.edges["method", "gates"] == {"kind": "prerequisite"}
    assert graph.edges["ppm", "better-project-prioritization"] == {
        "kind": "serves",
        "strength": 1.0,
    }
    assert graph.edges["improved-success-rates", "cfo"] == {
        "kind": "expected_by",
        "share": 0.75,
        "priority_share": 0.75,
    }
    edge_kinds = {d["kind"] for _, _, d in graph.edges(data=True)}
    assert edge_kinds == {"prerequisite", "serves", "expected_by"}
    # every outcome an offering serves is on the graph, expected or not
    assert graph.nodes["improved-organizational-commitment-to-results"]["demand"] == 0.0


def test_objectives_are_supported_by_outcomes() -> None:
    graph = build_graph(NORTHWIND)
    assert graph.nodes["grow-renewables"]["kind"] == "objective"
    assert graph.edges["better-project-prioritization", "grow-renewables"] == {"kind": "supports"}
    assert graph.graph == {
        "pmo": "northwind-energy-epmo",
        "name": "Northwind Energy Enterprise PMO",
        "catalog": "pmi-2025",
    }


def test_the_dependency_graph_has_only_offerings() -> None:
    graph = dependency_graph(NORTHWIND)
    assert set(graph) == {o.id for o in NORTHWIND.offerings}
    assert graph.has_edge("methodology", "governance")  # prerequisite -> dependent


def test_an_id_shared_by_two_kinds_of_node_is_an_error() -> None:
    pmo = PMO(
        id="clash",
        name="Clash",
        customers=(
            Customer(
                id="ppm",
                name="Someone",
                group="project-managers",
                expectations=(Expectation(outcome="improved-success-rates"),),
            ),
        ),
        offerings=(ServiceOffering(id="ppm", service="portfolio-management", maturity=2),),
    )
    with pytest.raises(ValidationError) as caught:
        build_graph(pmo)
    assert [str(p) for p in caught.value.problems] == [
        "offerings[0].id: 'ppm' is already the id of a customer; objectives, customers, "
        "offerings and outcomes need distinct ids"
    ]


def _same_graph(left: nx.Graph[Any], right: nx.Graph[Any]) -> None:
    assert dict(left.nodes.items()) == dict(right.nodes.items())
    assert {(u, v): d for u, v, d in left.edges(data=True)} == {
        (u, v): d for u, v, d in right.edges(data=True)
    }


def test_node_link_json_round_trip() -> None:
    graph = build_graph(NORTHWIND)
    data = json.loads(json.dumps(to_node_link(graph)))
    assert "edges" in data
    assert "links" not in data
    _same_graph(nx.node_link_graph(data, edges="edges"), graph)


def test_graphml_round_trip(tmp_path: Path) -> None:
    graph = build_graph(NORTHWIND)
    path = tmp_path / "northwind.graphml"
    path.write_text(to_graphml(graph), encoding="utf-8")
    back = nx.read_graphml(path)
    _same_graph(back, graph)
    assert {k: back.graph[k] for k in graph.graph} == graph.graph
    assert isinstance(back.nodes["reporting"]["maturity"], int)


@given(pmos())
def test_graphml_round_trip_on_generated_models(pmo: PMO) -> None:
    graph = build_graph(pmo)  # generated models keep ids distinct across kinds
    back = nx.parse_graphml(to_graphml(graph))
    assert set(back) == set(graph)
    assert set(back.edges) == set(graph.edges)
    for node, data in graph.nodes(data=True):
        for key, value in data.items():
            if isinstance(value, float):
                assert math.isclose(back.nodes[node][key], value)
            elif key != "name":  # names may hold characters XML cannot carry
                assert back.nodes[node][key] == value
    text = to_mermaid(graph)
    assert len([line for line in text.splitlines() if '"' in line]) == graph.number_of_nodes()


def test_graphml_replaces_characters_xml_cannot_carry(tmp_path: Path) -> None:
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_node("a", kind="customer", name="bell\x07 and\r return")
    back = nx.parse_graphml(to_graphml(graph))
    assert back.nodes["a"]["name"] == "bell\ufffd and\ufffd return"


def test_mermaid_text() -> None:
    text = to_mermaid(build_graph(_small()))
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    assert lines[1] == '  n0(["The #quot;CFO#quot; #lt;finance#gt;"])'
    assert '  n10["Stage-gate governance"]' not in lines  # the name of the catalog service is used
    gates = next(line for line in lines if '"Governance oversight' in line).split("[")[0].strip()
    method = next(line for line in lines if "Methodologies" in line).split("[")[0].strip()
    assert f"  {method} ==> {gates}" in lines
    assert "  class n0 customer" in lines


def test_dot_text() -> None:
    text = to_dot(build_graph(_small()))
    assert text.startswith("strict digraph")
    assert '"method" -> "gates"' in text or "method -> gates" in text
    assert 'label="Portfolio management"' in text


def test_dot_keeps_the_graph_name_and_quotes_keyword_ids() -> None:
    text = to_dot(build_graph(NORTHWIND))
    assert 'label="Northwind Energy Enterprise PMO";' in text.splitlines()
    graph: nx.DiGraph[str] = nx.DiGraph(name="Keywords")
    graph.add_node("node", kind="customer", name="Node")
    graph.add_node("edge", kind="offering", name="Edge")
    graph.add_edge("edge", "node", kind="serves", strength=1.0)
    lines = to_dot(graph).splitlines()
    # Unquoted, `node [...]` would set the defaults of every node instead.
    assert '"node" [kind=customer, label="Node"];' in lines
    assert '"edge" -> "node" [kind=serves, strength=1.0];' in lines


def test_mermaid_of_a_graph_without_kinds() -> None:
    lines = to_mermaid(dependency_graph(_small())).splitlines()
    assert lines[:4] == ["flowchart LR", '  n0["gates"]', '  n1["method"]', '  n2["ppm"]']
    assert "  n1 --> n0" in lines
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_node("a", kind="outcome", name="`Fast` #1")
    assert to_mermaid(graph).splitlines()[1] == '  n0("#96;Fast#96; #35;1")'


def test_dot_without_pydot(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pydot(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pydot":
            raise ImportError("No module named 'pydot'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pydot)
    with pytest.raises(OptionalDependencyError, match=r"pip install 'valuering\[dot\]'"):
        to_dot(build_graph(_small()))


def test_export_graph_formats() -> None:
    assert json.loads(export_graph(_small(), "json"))["directed"] is True
    assert export_graph(_small(), "graphml").startswith("<graphml")
    assert export_graph(_small(), "mermaid").startswith("flowchart LR")
    assert export_graph(_small(), "dot").startswith("strict digraph")
    with pytest.raises(ValidationError, match="unknown graph format 'png'; choose one of"):
        export_graph(_small(), "png")
