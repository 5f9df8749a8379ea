"""Model files: exact messages for the common mistakes, all problems of a file in one report."""

from __future__ import annotations

import builtins
import datetime
from pathlib import Path
from typing import Any

import pytest

import valuering
from valuering import PMO, ServiceOffering
from valuering._document import _envelope
from valuering._document._locate import json_lines, toml_lines
from valuering.errors import OptionalDependencyError, ValidationError
from valuering.io import Migrations, dumps, load, loads

HEAD = 'schema = "valuering/1"\nid = "demo"\nname = "Demo PMO"\n'


def problems(text: str, fmt: str = "toml") -> list[str]:
    with pytest.raises(ValidationError) as caught:
        loads(text, fmt)
    return [f"{p.line}: {p}" for p in caught.value.problems]


def offering(body: str) -> str:
    return HEAD + '\n[[offerings]]\nid = "pmis"\nservice = "systems-and-tools-management"\n' + body


def test_typo_in_a_key_names_the_closest_key() -> None:
    assert problems(offering("maturty = 3\n")) == [
        "5: offerings[0].maturity: required key missing",
        "8: offerings[0].maturty: unknown key; did you mean 'maturity'?",
    ]


def test_maturity_as_a_string_is_not_an_integer() -> None:
    assert problems(offering('maturity = "4"\n')) == [
        "8: offerings[0].maturity: expected an integer, got string '4'"
    ]


def test_maturity_out_of_range() -> None:
    assert problems(offering("maturity = 7\n")) == ["8: offerings[0].maturity: 7 is not in 1..5"]


def test_a_float_is_not_an_integer() -> None:
    assert problems(offering("maturity = 4.7\n")) == [
        "8: offerings[0].maturity: expected an integer, got number 4.7"
    ]


def test_unknown_service_id_suggests_the_closest() -> None:
    text = HEAD + '\n[[offerings]]\nid = "pmis"\nservice = "systems-and-tool-management"\n'
    text += "maturity = 3\n"
    assert problems(text) == [
        "7: offerings[0].service: unknown service id 'systems-and-tool-management'; "
        "did you mean 'systems-and-tools-management'?"
    ]


def test_dependency_cycle_is_spelled_out() -> None:
    text = HEAD
    for ident, service, needs in (
        ("reporting", "data-analytics-and-reporting", "pmis"),
        ("pmis", "systems-and-tools-management", "reporting"),
    ):
        text += f'\n[[offerings]]\nid = "{ident}"\nservice = "{service}"\nmaturity = 2\n'
        text += f'depends_on = ["{needs}"]\n'
    assert problems(text) == [
        "9: offerings[0].depends_on: dependency cycle: reporting -> pmis -> reporting "
        "(each depends on the next)"
    ]


BROKEN = """schema = "valuering/1"
id = "demo"
name = "Demo PMO"

[[customers]]
id = "cfo"
name = "Chief Financial Officer"
group = "executives-and-senior-management"
weight = 0
expectations = [
  { outcome = "higher-return-on-investment", priority = 2 },
  { outcome = "higher-return-on-investmnt", priority = 1 },
]

[[offerings]]
id = "reporting"
service = "data-analytics-and-reporting"
maturity = "4"
depends_on = ["tooling"]

[[offerings]]
id = "tooling"
service = "systems-and-tool-management"
maturty = 3
depends_on = ["reporting"]

[[offerings]]
id = "coaching"
service = "mentoring-and-coaching"
maturity = 7
"""


def test_several_problems_in_one_file_are_all_reported_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        valuering.load(path)
    assert str(caught.value) == "\n".join(
        [
            f"{path}: 8 problems:",
            "  customers[0].weight: 0 must be greater than 0 (line 9)",
            "  customers[0].expectations[1].outcome: unknown outcome id "
            "'higher-return-on-investmnt'; did you mean 'higher-return-on-investment'? (line 12)",
            "  offerings[0].maturity: expected an integer, got string '4' (line 18)",
            "  offerings[0].depends_on: dependency cycle: reporting -> tooling -> reporting "
            "(each depends on the next) (line 19)",
            "  offerings[1].maturity: required key missing (line 21)",
            "  offerings[1].service: unknown service id 'systems-and-tool-management'; "
            "did you mean 'systems-and-tools-management'? (line 23)",
            "  offerings[1].maturty: unknown key; did you mean 'maturity'? (line 24)",
            "  offerings[2].maturity: 7 is not in 1..5 (line 30)",
        ]
    )
    assert {p.file for p in caught.value.problems} == {str(path)}


def test_a_range_problem_next_to_a_type_problem_in_the_same_object() -> None:
    text = HEAD + '\n[[customers]]\nid = "cfo"\nname = "CFO"\ngroup = "portfolio-managers"\n'
    text += 'weight = 0\nexpectations = "abc"\n'
    assert problems(text) == [
        "9: customers[0].weight: 0 must be greater than 0",
        "10: customers[0].expectations: expected a list, got string 'abc'",
    ]


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ('id = "demo"\nname = "Demo"\n', "toml", "schema: missing; add schema = 'valuering/1'"),
        (
            '{"schema": "valuering/9", "id": "d", "name": "D"}',
            "json",
            "unknown schema 'valuering/9'",
        ),
        (
            "schema: 1\nid: d\nname: D\n",
            "yaml",
            "schema: unknown schema 1; supported: 'valuering/1'",
        ),
        ("- 1\n- 2\n", "yaml", "expected a table at the top level, got a list"),
    ],
)
def test_the_envelope_is_checked(text: str, fmt: str, expected: str) -> None:
    (message,) = problems(text, fmt)
    assert expected in message
    assert "'valuering/1'" in message or "table" in message


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        (
            HEAD + "maturity = \n",
            "toml",
            "4: (document): not valid TOML: Invalid value (line 4, column 12)",
        ),
        (
            '{\n  "schema": "valuering/1",\n  "id": }',
            "json",
            "3: (document): not valid JSON: Expecting value (line 3, column 9)",
        ),
    ],
)
def test_syntax_errors_have_line_and_column(text: str, fmt: str, expected: str) -> None:
    assert problems(text, fmt) == [expected]


def test_yaml_syntax_errors_have_line_and_column() -> None:
    # The wording differs between PyYAML's C and Python parsers; the position does not.
    (message,) = problems("schema: valuering/1\nid: [demo\n", "yaml")
    assert message.startswith("3: (document): not valid YAML: while parsing a flow sequence")
    assert message.endswith("(line 3, column 1)")


def test_yaml_booleans_and_dates_are_not_strings() -> None:
    text = "schema: valuering/1\nid: demo\nname: no\ndescription: 2024-01-01\n"
    assert problems(text, "yaml") == [
        "3: name: expected a string, got boolean False",
        "4: description: expected a string, got date datetime.date(2024, 1, 1)",
    ]


def test_null_is_not_a_string_and_extra_keeps_nulls_in_json() -> None:
    assert problems('{"schema": "valuering/1", "id": "demo", "name": null}', "json") == [
        "1: name: expected a string, got null"
    ]
    pmo = loads('{"schema": "valuering/1", "id": "d", "name": "D", "extra": {"k": null}}', "json")
    assert pmo.extra == {"k": None}


def test_keys_given_twice_are_reported_in_json_and_yaml() -> None:
    assert problems('{"schema": "valuering/1",\n"id": "a",\n"name": "A",\n"id": "b"}', "json") == [
        "4: id: key 'id' is given twice (first on line 2)"
    ]
    assert problems("schema: valuering/1\nid: a\nname: A\nid: b\n", "yaml") == [
        "4: id: key 'id' is given twice (first on line 2)"
    ]


def test_values_a_format_cannot_hold_are_refused_with_their_path() -> None:
    pmo = PMO(id="demo", name="Demo", extra={"owner": None, "since": datetime.date(2024, 1, 1)})
    with pytest.raises(ValidationError) as toml_error:
        dumps(pmo, "toml")
    assert [str(p) for p in toml_error.value.problems] == [
        "extra.owner: null cannot be written in TOML; remove the key or use JSON or YAML"
    ]
    with pytest.raises(ValidationError) as json_error:
        dumps(pmo, "json")
    assert [str(p) for p in json_error.value.problems] == [
        "extra.since: a date cannot be written in JSON; store it as an ISO string"
    ]
    assert loads(dumps(pmo, "yaml"), "yaml") == pmo


def test_unknown_formats_and_suffixes() -> None:
    with pytest.raises(ValidationError, match="unknown format 'xml'"):
        loads("", "xml")
    with pytest.raises(ValidationError, match=r"unknown file type '\.txt'"):
        load("model.txt")
    with pytest.raises(FileNotFoundError):
        load("does-not-exist.toml")


def test_missing_pyyaml_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_yaml(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "yaml":
            raise ImportError("No module named 'yaml'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_yaml)
    with pytest.raises(OptionalDependencyError, match=r"pip install 'valuering\[yaml\]'"):
        loads("schema: valuering/1\n", "yaml")


def test_a_future_version_reads_version_1_files_through_a_migration(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    future = Migrations("valuering/2")

    @future.register("valuering/1", "valuering/2")
    def rename(data: dict[str, Any]) -> dict[str, Any]:
        data["description"] = data.pop("summary", "")
        return data

    monkeypatch.setattr(_envelope.MODEL_MIGRATIONS, "current", future.current)
    monkeypatch.setattr(_envelope.MODEL_MIGRATIONS, "steps", future.steps)
    old = loads('schema = "valuering/1"\nid = "d"\nname = "D"\nsummary = "Old key"\n')
    assert old.description == "Old key"
    assert loads('schema = "valuering/2"\nid = "d"\nname = "D"\n').name == "D"
    assert dumps(old).startswith('schema = "valuering/2"\n')
    with pytest.raises(ValidationError, match="supported: 'valuering/1', 'valuering/2'"):
        loads('schema = "valuering/3"\nid = "d"\nname = "D"\n')


def test_a_migration_chain_must_reach_the_current_version() -> None:
    broken = Migrations("valuering/3")
    broken.register("valuering/1", "valuering/2")(lambda data: data)
    with pytest.raises(ValidationError, match="no migration from 'valuering/2' to 'valuering/3'"):
        broken.upgrade({"schema": "valuering/1"})


def test_dump_refuses_what_is_not_a_model() -> None:
    offering = ServiceOffering(id="a", service="portfolio-management", maturity=1)
    with pytest.raises(ValidationError, match="expected a PMO, got ServiceOffering"):
        dumps(offering, "toml")  # type: ignore[arg-type]


def test_numbers_are_kept_and_quoted_as_written() -> None:
    text = HEAD + '\n[[customers]]\nid = "cfo"\nname = "CFO"\ngroup = "portfolio-managers"\n'
    pmo = loads(text + "weight = 2\n")
    assert pmo.customers[0].weight == 2
    assert type(pmo.customers[0].weight) is int
    assert dumps(pmo).endswith("\nweight = 2\n")
    assert problems(text + "weight = 0.0\n") == [
        "9: customers[0].weight: 0.0 must be greater than 0"
    ]
    assert problems(text + "weight = -1\n") == ["9: customers[0].weight: -1 must be greater than 0"]


def test_an_integer_beyond_64_bits_is_a_problem_at_its_path() -> None:
    text = '{"schema": "valuering/1", "id": "d", "name": "D", "customers": [{"id": "a", '
    text += '"name": "A", "group": "portfolio-managers", "weight": 1' + "0" * 400 + "}]}"
    assert problems(text, "json") == [
        "1: customers[0].weight: is too large: integers must fit in 64 bits (-2**63 to 2**63-1)"
    ]


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        (
            "schema: valuering/1\nid: d\nname: D\nextra: {since: 2024-13-45}\n",
            "yaml",
            "4: (document): not valid YAML: month must be in 1..12 (line 4, column 16)",
        ),
        (
            "schema: valuering/1\nid: d\nname: D\nextra: {n: !!int abc}\n",
            "yaml",
            "4: (document): not valid YAML: invalid literal for int() with base 10: 'abc' "
            "(line 4, column 12)",
        ),
        (
            '{"n": 1' + "0" * 5000 + "}",
            "json",
            "1: (document): not valid JSON: Exceeds the limit (4300 digits) for integer "
            "string conversion: value has 5001 digits",
        ),
    ],
)
def test_values_the_parser_cannot_build_are_validation_errors(
    text: str, fmt: str, expected: str
) -> None:
    assert problems(text, fmt) == [expected]


def test_catalog_file_problems_are_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(
        'schema = "valuering-catalog/1"\nname = "acme"\nextends = "pmi-2025"\n\n'
        '[[services]]\nid = "esg-reporting"\nname = "ESG reporting"\ncategory = "strategc"\n\n'
        '[[outcomes]]\nid = "esg-compliance"\nname = "ESG compliance"\nhorizon = "forever"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        valuering.load_catalog(path)
    assert [(p.line, p.path) for p in caught.value.problems] == [
        (5, "services[0].level_names"),
        (8, "services[0].category"),
        (13, "outcomes[0].horizon"),
    ]


def test_a_number_as_a_table_key_is_named_as_a_key() -> None:
    text = "schema: valuering/1\nid: d\nname: D\nextra: {1: 2}\n"
    assert problems(text, "yaml") == ["4: extra.1: expected a string, got integer 1"]


def test_lines_of_items_inside_inline_tables_and_arrays() -> None:
    toml = (
        'a = [\n  1, # one\n  { b = [2,\n    3], c = "]" },\n]\n'
        "[t]\nd = { e = 1, f = { g = [\n  4] } }\n"
    )
    lines = toml_lines(toml)
    assert [
        lines.line_of(p) for p in ("a", "a[0]", "a[1]", "a[1].b[1]", "a[1].c", "t.d.f.g[0]")
    ] == [1, 2, 3, 4, 4, 8]
    json_text = '{"a": [\n  1,\n  {"b": [2,\n    3], "c": "]"}\n], "a": 5}'
    lines = json_lines(json_text)
    paths = ("a", "a[0]", "a[1]", "a[1].b[1]", "a[1].c")
    assert [lines.line_of(p) for p in paths] == [1, 2, 3, 4, 4]
    assert [str(p) for p in lines.duplicates] == ["a: key 'a' is given twice (first on line 1)"]


def test_load_and_dump_refuse_what_is_not_a_path() -> None:
    with pytest.raises(ValidationError, match="expected a file path, got NoneType"):
        load(None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="expected a file path, got int"):
        valuering.dump(PMO(id="d", name="D"), 3)  # type: ignore[arg-type]
