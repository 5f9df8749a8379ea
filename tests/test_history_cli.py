"""valuering history add|list|show|trend|benchmark against a real SQLite store."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import attrs
import pytest

from valuering import examples
from valuering.cli import main
from valuering.io import dump, loads

EXAMPLE = examples.load("northwind-energy")


def _files(folder: Path) -> list[str]:
    paths = []
    for year, level in ((2024, 2), (2025, 3)):
        offerings = [
            attrs.evolve(o, maturity=level) if o.id == "pmis" else o for o in EXAMPLE.offerings
        ]
        path = folder / f"{year}.toml"
        dump(attrs.evolve(EXAMPLE, as_of=datetime.date(year, 12, 31), offerings=offerings), path)
        paths.append(str(path))
    other = folder / "other.yaml"
    dump(attrs.evolve(EXAMPLE, id="other", as_of=datetime.date(2025, 6, 30)), other)
    return [*paths, str(other)]


def test_history_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--store", str(tmp_path / "h.db")]
    files = _files(tmp_path)
    assert main(["history", "add", *files, *store]) == 0
    assert (
        capsys.readouterr()
        .out.splitlines()[0]
        .endswith("2024.toml: added as snapshot 1 of northwind-energy-epmo (2024-12-31)")
    )
    assert main(["history", "add", files[0], *store, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["new"] is False
    assert main(["history", "list", "northwind-energy-epmo", *store, "--format", "json"]) == 0
    assert [row["as_of"] for row in json.loads(capsys.readouterr().out)] == [
        "2024-12-31",
        "2025-12-31",
    ]
    assert main(["history", "trend", "northwind-energy-epmo", "maturity.tactical", *store]) == 0
    out = capsys.readouterr().out
    # Tactical: 100 * (7 + 2) / 20 = 45, then 100 * (7 + 3) / 20 = 50.
    assert "2024-12-31         1  45.0 %" in out
    assert "2025-12-31         2  50.0 %  +5.0 pts" in out
    picture = tmp_path / "trend.svg"
    assert (
        main(
            [
                "history",
                "trend",
                "northwind-energy-epmo",
                "coverage",
                *store,
                "--plot",
                str(picture),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert picture.read_text().startswith("<svg")
    assert 'id="trend-title">northwind-energy-epmo coverage</title>' in picture.read_text()
    assert (
        main(
            [
                "history",
                "show",
                "northwind-energy-epmo",
                "--as-of",
                "2025-01-01",
                *store,
                "--format",
                "json",
            ]
        )
        == 0
    )
    assert loads(capsys.readouterr().out, "json").offering("pmis").maturity == 2
    assert (
        main(["history", "benchmark", files[1], "maturity.tactical", *store, "--format", "json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    # "other" (the example, pmis at 3: 50) is the one PMO compared; equal -> 100 * 0.5 / 1 = 50.
    assert (data["compared"], data["equal"], data["percentile"]) == (1, 1, 50.0)
    assert (
        main(["history", "benchmark", files[1], "maturity.tactical", *store, "--industry", "rail"])
        == 0
    )
    assert "no other PMO to compare with (0 PMOs with industry rail)" in capsys.readouterr().out


def test_history_errors_name_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(tmp_path / "h.db")]
    assert main(["history", "trend", "nobody", "coverage", *store]) == 1
    assert capsys.readouterr().err == "valuering history: unknown PMO id 'nobody'\n"
    broken = tmp_path / "broken.db"
    broken.write_text("not a database " * 100)
    assert main(["history", "list", "--store", str(broken)]) == 1
    assert "open failed: file is not a database" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["history", "show", "x", "--as-of", "2020-13-01", *store])
    assert "argument --as-of: '2020-13-01' is not a date (YYYY-MM-DD)" in capsys.readouterr().err
