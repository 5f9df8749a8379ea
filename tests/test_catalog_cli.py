"""``--catalog FILE`` on every command that reads a model, chains of catalog files, the message
when the flag is missing, and ``valuering catalog`` in every format."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path

import pytest
import yaml

from valuering.catalog import load_catalog, load_catalogs, loads_catalog, pmi_2025
from valuering.cli import main
from valuering.io import catalog_json_schema

TEMPLATE = Path(__file__).parents[1] / "examples" / "catalog-plugin"
KESTREL = str(TEMPLATE / "src" / "valuering_kestrel" / "kestrel-2025.toml")
MODEL = str(TEMPLATE / "client-model.toml")

# Kestrel's catalog split in two files: the firm's base (the outcome and the competence), and the
# client catalog on top of it (the service and the link).
KESTREL_TEXT = Path(KESTREL).read_text(encoding="utf-8")
FIRM = (
    KESTREL_TEXT.split("[[services]]")[0]
    .replace('name = "kestrel-2025"', 'name = "kestrel-base"')
    .replace('title = "Kestrel Advisory PMO catalog (2025)"\n', "")
)
CLIENT = (
    'schema = "valuering-catalog/1"\nname = "kestrel-2025"\n'
    'title = "Kestrel Advisory PMO catalog (2025)"\nextends = "kestrel-base"\n\n'
    "[[services]]" + KESTREL_TEXT.split("[[services]]")[1]
)

# Every command that reads a model, with the arguments after the model file.
COMMANDS = [
    ["validate"],
    ["score"],
    ["recommend"],
    ["trace", "desk"],
    ["impact", "governance"],
    ["check"],
    ["graph"],
    ["demo"],
    ["report", "--format", "text"],
    ["whatif", "desk.maturity=3"],
    ["roadmap", "--budget", "2"],
]


@pytest.fixture
def chain(tmp_path: Path) -> list[str]:
    firm = tmp_path / "firm.toml"
    firm.write_text(FIRM, encoding="utf-8")
    client = tmp_path / "client.yaml"  # formats mix freely in a chain
    client.write_text(yaml.safe_dump(tomllib.loads(CLIENT)), encoding="utf-8")
    files = [str(client), str(firm)]  # the client first: the order does not matter
    assert load_catalogs(files)["kestrel-2025"] == load_catalog(KESTREL)
    return files


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_model_command_takes_catalog_files(
    command: list[str], chain: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [command[0], MODEL, *command[1:]]
    assert main([*argv, "--catalog", KESTREL]) == 0
    one_file = capsys.readouterr()
    assert main([*argv, "--catalog", chain[0], "--catalog", chain[1]]) == 0
    two_files = capsys.readouterr()
    assert two_files.out == one_file.out  # the chain holds the same catalog as the one file
    assert main([*argv, "--catalog", chain[1], "--catalog", chain[0]]) == 0
    assert capsys.readouterr().out == one_file.out


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_without_the_flag_the_message_names_it(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command[0], MODEL, *command[1:]]) == 1
    captured = capsys.readouterr()
    message = "catalog: unknown catalog id 'kestrel-2025'; pass its file with --catalog FILE"
    assert message in (captured.out + captured.err)
    assert "catalog=" not in captured.err  # no Python advice in a shell


def test_a_near_miss_is_suggested_and_the_files_given_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.toml"
    other.write_text(FIRM.replace("kestrel-base", "kestrel-2024"), encoding="utf-8")
    assert main(["score", MODEL, "--catalog", str(other)]) == 1
    assert capsys.readouterr().err == (
        f"valuering score: {MODEL}: 1 problem:\n"
        "  catalog: unknown catalog id 'kestrel-2025'; did you mean 'kestrel-2024'?; "
        "pass its file with --catalog FILE (the --catalog files define 'kestrel-2024')\n"
    )


def test_a_chain_missing_its_base_names_the_flag(
    chain: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", MODEL, "--catalog", chain[0]]) == 1
    err = capsys.readouterr().err
    assert "extends: unknown catalog id 'kestrel-base'" in err
    assert err.startswith(f"valuering score: {chain[0]}: 1 problem:\n")
    assert err.endswith("pass its file with --catalog FILE (line 1)\n")  # YAML sorts the keys


def test_validate_reports_catalog_file_problems_as_file_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(FIRM.replace('horizon = "medium"', 'horizon = "soon"'), encoding="utf-8")
    assert main(["validate", MODEL, "--catalog", str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{bad}:9: outcomes[0].horizon: string 'soon' is not one of")


def test_validate_checks_catalog_files_of_a_chain(
    chain: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", chain[0], MODEL, "--catalog", chain[1], "--catalog", chain[0]]) == 0
    assert capsys.readouterr().err == "2 file(s) checked: 2 valid, 0 problem(s) in 0 file(s)\n"


def test_convert_a_model_and_a_catalog_file_of_a_chain(
    chain: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "model.json"
    assert main(["convert", MODEL, str(target), "--catalog", KESTREL]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["catalog"] == "kestrel-2025"
    client = tmp_path / "client.json"
    assert main(["convert", chain[0], str(client), "--catalog", chain[1]]) == 0
    assert json.loads(client.read_text(encoding="utf-8"))["extends"] == "kestrel-base"
    assert main(["convert", chain[0], str(client)]) == 1  # its base is nowhere
    assert "pass its file with --catalog FILE" in capsys.readouterr().err


# valuering catalog -------------------------------------------------------------------------------


def test_catalog_shows_a_file_by_flag_by_name_or_as_the_argument(
    chain: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["catalog", "--catalog", KESTREL]) == 0
    shown = capsys.readouterr().out
    assert shown.splitlines()[:3] == [
        "Kestrel Advisory PMO catalog (2025)",
        "===================================",
        "27 services, 31 outcomes, 31 competences, 7 customer groups.",
    ]
    assert (
        "regulatory-change-desk: 1 Reactive · 2 Tracked · 3 Planned · 4 Embedded · 5 Anticipating"
        in shown
    )
    assert "regulatory-readiness: governance-oversight (0.5), regulatory-change-desk" in shown
    assert main(["catalog", KESTREL]) == 0  # a file as the argument, as before
    assert capsys.readouterr().out == shown
    assert main(["catalog", "kestrel-base", "--catalog", chain[0], "--catalog", chain[1]]) == 0
    assert "26 services, 31 outcomes, 31 competences" in capsys.readouterr().out
    assert main(["catalog", "--catalog", chain[0], "--catalog", chain[1]]) == 1
    assert capsys.readouterr().err == (
        "valuering catalog: 1 problem:\n  NAME: the --catalog files define 'kestrel-2025', "
        "'kestrel-base'; name the one to show\n"
    )


def test_catalog_unknown_name_names_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "pmi-2052"]) == 1
    assert capsys.readouterr().err == (
        "valuering catalog: 1 problem:\n  NAME: unknown catalog id 'pmi-2052'; did you mean "
        "'pmi-2025'?; pass its file with --catalog FILE (valuering catalog --list shows the "
        "installed ones)\n"
    )


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_catalog_as_a_file_reads_back_to_the_same_catalog(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["catalog", "--catalog", KESTREL, "--format", fmt]) == 0
    copy = tmp_path / f"copy.{fmt}"
    copy.write_text(capsys.readouterr().out, encoding="utf-8")
    assert load_catalog(copy) == load_catalog(KESTREL)
    assert main(["catalog", "--format", fmt]) == 0
    assert loads_catalog(capsys.readouterr().out, fmt) == pmi_2025()


def test_catalog_csv_tables(capsys: pytest.CaptureFixture[str]) -> None:
    def table(*extra: str) -> list[dict[str, str]]:
        assert main(["catalog", "--catalog", KESTREL, "--format", "csv", *extra]) == 0
        return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))

    services = table()
    assert list(services[0]) == [
        "number", "id", "name", "category", "domains",
        "level_1", "level_2", "level_3", "level_4", "level_5",
    ]  # fmt: skip
    assert services[-1]["id"] == "regulatory-change-desk"
    assert services[-1]["number"] == ""
    assert services[-1]["level_5"] == "Anticipating"
    outcomes = table("--table", "outcomes")
    assert outcomes[-1] == {
        "number": "",
        "id": "regulatory-readiness",
        "name": "Regulatory readiness",
        "horizon": "medium",
    }
    pairs = table("--table", "outcome-services")
    assert {
        "outcome": "regulatory-readiness",
        "service": "governance-oversight",
        "strength": "0.5",
    } in pairs
    needs = table("--table", "service-competences")
    assert {"service": "regulatory-change-desk", "competence": "regulatory-knowledge"} in needs
    assert len(table("--table", "customer-groups")) == 7
    assert len(table("--table", "competences")) == 31


def test_table_is_only_for_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "--table", "outcomes"]) == 1
    assert "--table: only --format csv prints a single table" in capsys.readouterr().err


def test_schema_of_catalog_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--catalog"]) == 0
    assert json.loads(capsys.readouterr().out) == catalog_json_schema()
