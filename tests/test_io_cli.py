"""The command line for model files: validate, convert, schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from valuering import examples, load_catalog, pmi_2025
from valuering.cli import main
from valuering.io import json_schema, load

GOLDEN = str(examples.path("northwind-energy"))
BROKEN = 'schema = "valuering/1"\nid = "demo"\nname = "Demo"\n\n[[offerings]]\nid = "pmis"\n'
BROKEN += 'service = "systems-and-tools-management"\nmaturity = 7\nownr = "x"\n'


def test_validate_passes_a_sound_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", GOLDEN]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "1 file(s) checked: 1 valid, 0 problem(s) in 0 file(s)\n"


def test_validate_prints_file_line_path_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(BROKEN, encoding="utf-8")
    missing = tmp_path / "missing.json"
    assert main(["validate", GOLDEN, str(bad), str(missing)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{bad}:8: offerings[0].maturity: 7 is not in 1..5",
        f"{bad}:9: offerings[0].ownr: unknown key; did you mean 'owner'?",
        f"{missing}: (document): no such file",
    ]
    assert err == "3 file(s) checked: 1 valid, 3 problem(s) in 2 file(s)\n"


def test_validate_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(BROKEN, encoding="utf-8")
    assert main(["validate", "--format", "json", str(bad)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report == [
        {
            "file": str(bad),
            "valid": False,
            "problems": [
                {
                    "file": str(bad),
                    "line": 8,
                    "path": "offerings[0].maturity",
                    "message": "7 is not in 1..5",
                },
                {
                    "file": str(bad),
                    "line": 9,
                    "path": "offerings[0].ownr",
                    "message": "unknown key; did you mean 'owner'?",
                },
            ],
        }
    ]


def test_validate_checks_catalog_files_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = tmp_path / "acme.yaml"
    catalog.write_text(
        "schema: valuering-catalog/1\nname: acme\nextends: pmi-2025\noutcomes:\n"
        "  - id: esg-compliance\n    name: ESG compliance\n    horizon: forever\n",
        encoding="utf-8",
    )
    assert main(["validate", str(catalog)]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{catalog}:7: outcomes[0].horizon: string 'forever' is not one of ")


def test_convert_between_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "northwind.yaml"
    assert main(["convert", GOLDEN, str(target)]) == 0
    assert load(target) == load(GOLDEN)
    assert capsys.readouterr().err == f"wrote {target} (YAML)\n"


def test_convert_refuses_a_broken_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(BROKEN, encoding="utf-8")
    assert main(["convert", str(bad), str(tmp_path / "out.json")]) == 1
    assert "offerings[0].maturity: 7 is not in 1..5 (line 8)" in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["schema"] == {"const": "valuering/1"}
    assert schema == json_schema()


def test_convert_a_catalog_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "acme.toml"
    source.write_text(
        'schema = "valuering-catalog/1"\nname = "acme"\nextends = "pmi-2025"\n\n[[outcomes]]\n'
        'id = "esg-compliance"\nname = "ESG compliance"\nhorizon = "long"\n',
        encoding="utf-8",
    )
    target = tmp_path / "acme.json"
    assert main(["convert", str(source), str(target)]) == 0
    assert capsys.readouterr().err == f"wrote {target} (JSON)\n"
    assert json.loads(target.read_text(encoding="utf-8")) == {
        "schema": "valuering-catalog/1",
        "name": "acme",
        "extends": "pmi-2025",
        "outcomes": [{"id": "esg-compliance", "name": "ESG compliance", "horizon": "long"}],
    }
    assert load_catalog(target) == load_catalog(source)


def test_convert_the_built_in_catalog_round_trips(tmp_path: Path) -> None:
    builtin = Path(str(resources.files("valuering.catalog") / "data" / "pmi_2025.toml"))
    target = tmp_path / "pmi.yaml"
    assert main(["convert", str(builtin), str(target)]) == 0
    assert load_catalog(target) == pmi_2025()


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("{golden}", "{tmp}/folder.json", "{tmp}/folder.json: is a folder, not a file"),
        ("{golden}", "{tmp}/no/out.json", "{tmp}/no: no such folder"),
        ("{tmp}/nope.toml", "{tmp}/out.json", "{tmp}/nope.toml: No such file or directory"),
    ],
)
def test_convert_names_the_path_it_cannot_use(
    source: str, target: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "folder.json").mkdir()
    argv = [text.format(golden=GOLDEN, tmp=tmp_path) for text in ("convert", source, target)]
    assert main(argv) == 1
    assert capsys.readouterr().err == f"valuering convert: {expected.format(tmp=tmp_path)}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["folder.json"]  # no temporary file left
