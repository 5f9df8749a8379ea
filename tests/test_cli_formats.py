"""Every command that prints a result takes ``--format json``; the CLI's shared options and loading."""

from __future__ import annotations

import argparse
import ast
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest

import valuering.cli
from valuering import examples
from valuering.cli import main

FILE = str(examples.path("northwind-energy"))
SURVEY = str(Path(__file__).parent / "data" / "survey-expectations.csv")
HISTORY_STORE = str(Path(tempfile.mkdtemp()) / "history.db")
ACME_CATALOG = (
    'schema = "valuering-catalog/1"\nname = "acme-cli"\nextends = "pmi-2025"\n\n'
    '[[outcomes]]\nid = "esg-compliance"\nname = "ESG compliance"\nhorizon = "long"\n'
)
ACME_MODEL = (
    'schema = "valuering/1"\nid = "acme"\nname = "ACME PMO"\ncatalog = "acme-cli"\n\n'
    '[[customers]]\nid = "cfo"\nname = "CFO"\ngroup = "executives-and-senior-management"\n'
    'expectations = [{ outcome = "esg-compliance" }, { outcome = "higher-return-on-investment" }]\n\n'
    '[[offerings]]\nid = "pfm"\nservice = "portfolio-management"\nmaturity = 2\ntarget = 3\n'
)


# (arguments, the JSON document's type, keys it must have)
COMMANDS: list[tuple[list[str], type, set[str]]] = [
    (["demo"], dict, {"pmo", "counts", "demand", "coverage", "maturity", "waves", "findings"}),
    (["catalog"], dict, {"name", "title", "services", "outcomes"}),
    (["score", FILE], dict, {"maturity", "overall", "gaps"}),
    (["recommend", FILE], dict, {"recommendations", "coverage", "horizons", "mix"}),
    (["assess", "4", "--template"], dict, {"step", "sections"}),
    (["trace", FILE, "pmis"], dict, {"offering", "share", "outcomes", "customers", "dependents"}),
    (["impact", FILE, "pmis"], dict, {"offering", "lost", "demand_at_risk", "outcomes"}),
    (["check", FILE], list, {"kind", "subject", "message"}),
    (["validate", FILE], list, {"file", "valid", "problems"}),
    (["schema"], dict, {"$schema", "properties"}),
    (["graph", FILE], dict, {"nodes", "edges"}),
    (["report", FILE], dict, {"pmo", "counts", "coverage", "maturity", "gaps", "findings"}),
    (["whatif", FILE, "pmis.maturity=4"], dict, {"changes", "figures", "gainers", "losers"}),
    (["roadmap", FILE, "--budget", "2"], dict, {"budget", "spent", "exact", "steps"}),
    (["new", "--list"], list, {"template", "name", "scope", "services"}),
    (["diagnose", FILE], dict, {"likeliest", "answered", "scenarios", "drivers", "strategies"}),
    (["audit", FILE], dict, {"completeness", "dimensions", "missing"}),
    (["indicators", "suggest", FILE], list, {"id", "layer", "subject", "formula", "source"}),
    (["survey", "import", SURVEY], list, {"customer", "group", "outcome", "priority"}),
    (["diff", FILE, FILE], dict, {"old", "new", "counts", "changes", "figures"}),
    (["history", "add", FILE, "--store", HISTORY_STORE], list, {"id", "pmo", "hash", "new"}),
]


@pytest.mark.parametrize(
    ("argv", "kind", "keys"), COMMANDS, ids=[argv[0] for argv, _, _ in COMMANDS]
)
def test_every_printing_command_writes_one_json_document(
    argv: list[str], kind: type, keys: set[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--format", "json"]) == 0
    out = capsys.readouterr().out
    data: Any = json.loads(out, parse_constant=pytest.fail)  # NaN or Infinity is not JSON
    assert isinstance(data, kind)
    first: Any = data[0] if isinstance(data, list) else data
    assert keys <= set(first)


def test_every_command_that_prints_a_result_is_covered() -> None:
    printing = {name for name, sub in _subparsers().items() if _prints(sub)}
    assert printing == {argv[0] for argv, _, _ in COMMANDS}
    assert set(_subparsers()) - printing == {"convert"}  # convert writes a file, not a result


def _prints(parser: argparse.ArgumentParser) -> bool:
    """Whether ``parser`` or one of its own subcommands (``indicators suggest``) takes --format."""
    for action in parser._actions:
        if action.dest == "format":
            return True
        if isinstance(action, argparse._SubParsersAction):
            return any(_prints(sub) for sub in action.choices.values())
    return False


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = valuering.cli.build_parser()
    (action,) = [a for a in parser._actions if a.dest == "command"]
    assert isinstance(action.choices, dict)
    return dict(action.choices)


def test_json_numbers_are_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", FILE, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"]["offerings"] == 12
    assert data["overall"]["percent"] == 45.0
    assert data["maturity"][0]["category"] == "strategic"
    assert data["maturity"][0]["offerings"] == 4
    assert data["maturity"][0]["percent"] == 40.0
    assert data["gaps"][0]["priority"] == pytest.approx(0.704, abs=5e-4)


def test_recommend_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recommend", FILE, "--target", "0.8", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["recommendations"]) == 26  # every service; --top is for text
    assert data["recommendations"][0]["service"] == "portfolio-management"
    assert data["coverage"]["total"] == pytest.approx(0.984, abs=5e-4)
    assert [step["service"] for step in data["mix"]["steps"]] == [
        "portfolio-management",
        "methodologies-and-frameworks-management",
        "data-analytics-and-reporting",
    ]
    assert data["mix"]["reached"] is True


def test_assess_json_and_its_json_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", "4", "--template", "--format", "json"]) == 0
    ratings = tmp_path / "step4.json"
    ratings.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["assess", "4", str(ratings)]) == 0
    assert "Total 105 of 175: Average (102-130)." in capsys.readouterr().out
    assert main(["assess", "4", str(ratings), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["step"], data["total"], data["band"]) == (4, 105, "average")
    assert len(data["sections"]) == 7


def test_demo_json_is_the_summary_data(capsys: pytest.CaptureFixture[str]) -> None:
    from valuering.report import summary_data

    assert main(["demo", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == summary_data(examples.load("northwind-energy"))


def test_an_error_stays_one_line_on_stderr_in_json_mode(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["trace", FILE, "reportin", "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "valuering trace: unknown offering id 'reportin'; did you mean 'reporting'?\n"
    )
    assert main(["recommend", FILE, "--target", "1.5", "--format", "json"]) == 1
    assert capsys.readouterr().out == ""


# --catalog and the catalog command ----------------------------------------------------------------


@pytest.fixture
def acme(tmp_path: Path) -> tuple[str, str]:
    catalog = tmp_path / "acme.toml"
    catalog.write_text(ACME_CATALOG, encoding="utf-8")
    model = tmp_path / "pmo.toml"
    model.write_text(ACME_MODEL, encoding="utf-8")
    return str(model), str(catalog)


@pytest.mark.parametrize(
    "command",
    [
        ["score"],
        ["recommend"],
        ["check"],
        ["graph"],
        ["trace", "pfm"],
        ["whatif", "pfm.maturity=3"],
        ["roadmap", "--budget", "1"],
    ],
)
def test_model_commands_take_a_catalog_file(
    command: list[str], acme: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    model, catalog = acme
    argv = [command[0], model, *command[1:]]
    assert main(argv) == 1  # the model names a catalog nobody registered
    assert "catalog" in capsys.readouterr().err
    assert main([*argv, "--catalog", catalog]) == 0
    assert capsys.readouterr().out


def test_check_with_a_catalog_file_knows_its_outcomes(
    acme: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    model, catalog = acme
    assert main(["check", model, "--catalog", catalog]) == 0
    out = capsys.readouterr().out
    assert "unmet-demand: outcome 'esg-compliance'" in out


def test_catalog_command_shows_a_catalog_file(
    acme: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _, catalog = acme
    assert main(["catalog", catalog]) == 0
    out = capsys.readouterr().out
    assert "26 services, 31 outcomes, 30 competences, 7 customer groups." in out
    assert main(["catalog", catalog, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "acme-cli"
    assert data["outcomes"][-1]["id"] == "esg-compliance"


# --top -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "top", "message"),
    [
        (["score", FILE], "0", "'0' is not a whole number of 1 or more"),
        (["recommend", FILE], "many", "'many' is not a whole number of 1 or more"),
        (["trace", FILE, "pmis"], "-1", "'-1' is not a whole number of 0 or more"),
        (["impact", FILE, "pmis"], "x", "'x' is not a whole number of 0 or more"),
    ],
)
def test_top_is_checked_one_way(
    argv: list[str], top: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main([*argv, "--top", top])
    assert caught.value.code == 2
    assert f"argument --top: {message}" in capsys.readouterr().err


# the CLI's imports -----------------------------------------------------------------------------


def test_the_cli_imports_no_private_module_of_another_layer() -> None:
    root = Path(valuering.cli.__file__).parent
    private = []
    for path in sorted(root.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                parts = node.module.split(".")
                other = parts[0] == "valuering" and len(parts) > 1 and parts[1] != "cli"
                if other and any(part.startswith("_") for part in parts[1:]):
                    private.append(f"{path.name}: {node.module}")
    # The atomic writer of the private document layer is the one exception; text and JSON come
    # from valuering.report.
    assert private == [
        "_graph.py: valuering._document._files",
        "_history.py: valuering._document._files",
        "_new.py: valuering._document._files",
        "_report.py: valuering._document._files",
        "_surveys.py: valuering._document._files",
    ]
