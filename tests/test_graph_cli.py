"""`valuering trace`, `impact`, `check`, `graph` and the value section of `valuering demo`."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from valuering import examples
from valuering.cli import main

FILE = str(examples.path("northwind-energy"))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_trace_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "trace", FILE, "reporting", "--top", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Value trace: reporting (Portfolio dashboard and reporting)"
    assert "its attributed share of the customers' demand: 13.0 %." in out
    assert lines[8] == ("More accurate project forecasting              5.3 %         1      1.8 %")
    assert "... and 5 more (--top to show more)." in out
    assert "All offerings that need it (4): portfolio-management, benefits, executive-advice" in out


def test_trace_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "trace", FILE, "governance", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["offering"] == "governance"
    assert data["direct_dependents"] == ["assurance", "portfolio-management"]
    assert data["objectives"] == ["modernise-the-grid", "regulatory-trust"]
    assert {c["customer"] for c in data["customers"]} >= {"coo", "head-of-compliance"}
    assert sum(o["share"] for o in data["outcomes"]) == pytest.approx(data["share"])


def test_impact_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "impact", FILE, "pmis")
    assert code == 0
    assert "Lost with it (6 offerings): pmis, reporting, portfolio-management" in out
    assert "Coverage of demand: 98.4 % -> 57.4 %; demand at risk: 41.0 %." in out
    assert "Customers affected (6): " in out
    code, out, _ = _run(capsys, "impact", FILE, "pmis", "--format", "json")
    data = json.loads(out)
    assert data["lost"][:2] == ["pmis", "reporting"]
    assert data["demand_at_risk"] == pytest.approx(
        sum(row["demand_lost"] for row in data["outcomes"])
    )


def test_impact_without_loss(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "impact", FILE, "coaching")
    assert code == 0
    assert "No outcome's coverage drops" in out


def test_unknown_offering_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "trace", FILE, "reportin")
    assert code == 1
    assert out == ""
    assert err == "valuering trace: unknown offering id 'reportin'; did you mean 'reporting'?\n"


def test_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", FILE)
    assert code == 0
    assert out.splitlines()[0] == "Northwind Energy Enterprise PMO: 1 finding"
    assert "unmet-demand: outcome 'improved-project-customer-relationships'" in out
    code, out, _ = _run(capsys, "check", FILE, "--strict", "--format", "json")
    assert code == 1
    assert [f["kind"] for f in json.loads(out)] == ["unmet-demand"]


def test_check_reports_a_cycle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = Path(FILE).read_text(encoding="utf-8")
    broken = text.replace('depends_on = ["reporting", "governance"]', 'depends_on = ["benefits"]')
    path = tmp_path / "cycle.toml"
    path.write_text(broken, encoding="utf-8")
    code, _, err = _run(capsys, "check", str(path))
    assert code == 1
    assert "dependency cycle: portfolio-management -> benefits -> portfolio-management" in err


def test_graph_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "graph", FILE, "--format", "mermaid")
    assert code == 0
    assert out.startswith("flowchart LR\n")
    code, out, _ = _run(capsys, "graph", FILE)
    graph = nx.node_link_graph(json.loads(out), edges="edges")
    assert graph.nodes["reporting"]["kind"] == "offering"
    target = tmp_path / "northwind.graphml"
    code, _, err = _run(capsys, "graph", FILE, "--format", "graphml", "-o", str(target))
    assert code == 0
    assert f"to {target}" in err
    assert nx.read_graphml(target).has_edge("pmis", "reporting")
    code, out, _ = _run(capsys, "graph", FILE, "--format", "dot")
    assert out.startswith("strict digraph")


def test_demo_shows_the_value_picture(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "demo")
    assert code == 0
    assert "Value tracing: which offerings carry the demand" in out
    assert "The offerings cover 98.4 % of the weighted demand." in out
    top = out.split("Largest attributed shares of the demand:\n")[1].splitlines()[2]
    assert top.split()[:3] == ["portfolio-management", "14.2", "%"]
    assert "Losing 'methodology' puts the most demand at risk: 81.6 %" in out
    assert "  1. methodology, pmis" in out


def test_top_must_be_a_whole_number_of_zero_or_more(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["impact", FILE, "pmis", "--top", "-1"])
    assert caught.value.code == 2
    assert "argument --top: '-1' is not a whole number of 0 or more" in capsys.readouterr().err


def test_top_zero_lists_no_customers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "trace", FILE, "reporting", "--top", "0")
    assert code == 0
    customers = out.split("Customers who expect them (7 expectations)\n")[1].splitlines()
    assert customers[1:3] == ["... and 7 more (--top to show more).", ""]
    code, out, _ = _run(capsys, "impact", FILE, "pmis", "--top", "2")
    assert out.splitlines()[-1] == (
        "Customers affected (6): Chief Financial Officer, Chief Operating Officer, "
        "and 4 more (--top to show more)."
    )


def test_impact_of_one_offering_reads_in_the_singular(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "impact", FILE, "coaching")
    assert "Lost with it (1 offering): coaching." in out.splitlines()


def test_graph_output_must_name_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "graph", FILE, "-o", str(tmp_path))
    assert (code, out) == (1, "")
    assert (
        err
        == f"valuering graph: 1 problem:\n  --output: {tmp_path} is a folder; name a file to write\n"
    )
    missing = tmp_path / "no-such-folder" / "graph.json"
    code, _, err = _run(capsys, "graph", FILE, "-o", str(missing))
    assert code == 1
    assert f"there is no folder {str(missing.parent)!r} to write 'graph.json' in" in err
    assert list(tmp_path.iterdir()) == []
