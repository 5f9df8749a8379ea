"""docs/tour.ipynb is stored without outputs and runs top to bottom in a real Jupyter kernel."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

TOUR = Path(__file__).parent.parent / "docs" / "tour.ipynb"


@pytest.fixture(scope="module")
def tour() -> nbformat.NotebookNode:
    notebook: nbformat.NotebookNode = nbformat.read(TOUR, as_version=4)  # type: ignore[no-untyped-call]
    return notebook


def test_the_tour_is_stored_without_outputs(tour: nbformat.NotebookNode) -> None:
    nbformat.validate(tour)
    code = [cell for cell in tour.cells if cell.cell_type == "code"]
    assert code
    assert [(c.outputs, c.execution_count) for c in code] == [([], None)] * len(code)


def test_the_tour_runs_without_an_error(
    tour: nbformat.NotebookNode, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # the paths Jupyter will use by default
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    client = NotebookClient(
        tour, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    outputs = [o for cell in tour.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    pictures = [o for o in outputs if "image/png" in o.get("data", {})]
    tables = [o for o in outputs if "<table>" in o.get("data", {}).get("text/html", "")]
    assert len(pictures) == 4  # maturity and indicators, gaps, the flywheel, the value graph
    assert len(tables) >= 4
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "northwind-report.html True northwind-catalogue.md True" in printed
