"""Hostile and unusual files: each is refused with a ValidationError whose every problem has a line,
or loads and writes back; nothing crashes, and the worst cases stay within a memory limit."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from valuering import PMO
from valuering.catalog import loads_catalog
from valuering.errors import Problem, ValidationError
from valuering.io import dumps, loads
from valuering.scoring import read_ratings

YAML_HEAD = "schema: valuering/1\nid: d\nname: D\n"
TOML_HEAD = 'schema = "valuering/1"\nid = "d"\nname = "D"\n'
JSON_HEAD = '{"schema": "valuering/1", "id": "d", "name": "D", '
FORMATS = ("toml", "json", "yaml")


def alias_bomb(levels: int = 10) -> str:
    """The 651-byte YAML of the report: ten anchors, each a list of ten aliases to the one before,
    so following every alias builds 10**10 values."""
    lol = ["a0: &a0 [l,l,l,l,l,l,l,l,l,l]"] + [
        f"a{k}: &a{k} [" + ",".join([f"*a{k - 1}"] * 10) + "]" for k in range(1, levels)
    ]
    return YAML_HEAD + "extra:\n" + "\n".join("  " + line for line in lol)


def refused(text: str, fmt: str) -> list[Problem]:
    """The problems of a text that must not load; each has a line."""
    with pytest.raises(ValidationError) as info:
        loads(text, fmt)
    problems = list(info.value.problems)
    assert all(p.line is not None for p in problems), problems
    return problems


def written_back(pmo: PMO, fmt: str) -> PMO:
    """``pmo`` written in ``fmt`` and read again."""
    return loads(dumps(pmo, fmt), fmt)


# --- YAML aliases ------------------------------------------------------------------------------


def test_an_alias_bomb_is_refused_at_its_budget_with_a_line() -> None:
    assert len(alias_bomb()) < 700  # bytes, for 10**10 values
    (problem,) = refused(alias_bomb(), "yaml")
    assert "aliases would add more than" in problem.message
    assert problem.path.startswith("extra.a")
    assert 5 <= (problem.line or 0) <= 14  # inside the anchors' lines


def test_shared_anchors_within_the_budget_load_and_write_back() -> None:
    text = YAML_HEAD + "extra:\n  base: &b {owner: ana, tags: [x, y]}\n  copies: [*b, *b, *b]\n"
    pmo = loads(text, "yaml")
    assert pmo.extra["copies"][2] == {"owner": "ana", "tags": ("x", "y")}
    for fmt in FORMATS:
        assert written_back(pmo, fmt) == pmo


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ("extra: &a\n  x: *a\n", "extra.x"),
        ("extra:\n  x: &a [1, *a]\n", "extra.x[1]"),
        ("extra:\n  x: &a {y: [*a]}\n", "extra.x.y[0]"),
    ],
)
def test_an_anchor_that_contains_itself_is_refused(body: str, path: str) -> None:
    (problem,) = refused(YAML_HEAD + body, "yaml")
    assert (problem.path, problem.line) == (path, 5)
    assert problem.message.startswith("refers to itself")


def test_a_merge_key_overridden_in_its_table_is_no_duplicate() -> None:
    text = YAML_HEAD + "extra:\n  b: &b {x: 1, y: 3}\n  c:\n    <<: *b\n    x: 2\n"
    pmo = loads(text, "yaml")
    assert pmo.extra["c"] == {"x": 2, "y": 3}
    for fmt in FORMATS:
        assert written_back(pmo, fmt) == pmo
    # A key really given twice in one table is still reported, on its line.
    (problem,) = refused(YAML_HEAD + "extra:\n  c:\n    x: 1\n    x: 2\n", "yaml")
    assert (problem.path, problem.line) == ("extra.c.x", 7)


# --- Depth -------------------------------------------------------------------------------------


def deep_extra(fmt: str, depth: int) -> str:
    """A model whose extra holds ``depth`` nested lists (inside ``extra.a``), then a bad maturity."""
    nest = "[" * depth + "]" * depth
    if fmt == "json":
        return JSON_HEAD + '"extra": {"a": ' + nest + "}}"
    if fmt == "toml":
        return TOML_HEAD + "extra = { a = " + nest + " }\n"
    return YAML_HEAD + "extra:\n  a: " + nest + "\n"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("depth", [65, 99, 500, 1000, 100_000])
def test_deep_nesting_is_refused_with_a_line(fmt: str, depth: int) -> None:
    problems = refused(deep_extra(fmt, depth), fmt)
    assert all("nested too deeply" in p.message for p in problems)
    assert [p.line for p in problems] == [5 if fmt == "yaml" else 4 if fmt == "toml" else 1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_free_data_nested_to_the_limit_writes_back_in_every_format(fmt: str) -> None:
    # extra is level 1, its 63 nested lists levels 2 to 64
    pmo = loads(deep_extra(fmt, 63), fmt)
    for other in FORMATS:
        assert written_back(pmo, other) == pmo
    refused(deep_extra(fmt, 64), fmt)  # one more level


@pytest.mark.parametrize("parts", [70, 2_000, 100_000])
def test_toml_dotted_keys_and_headers_of_any_depth_are_refused(parts: int) -> None:
    keys = ".".join(["a"] * parts)
    for text in (TOML_HEAD + f"[extra]\n{keys} = 1\n", TOML_HEAD + f"[extra.{keys}]\nb = 1\n"):
        (problem,) = refused(text, "toml")
        assert "nested too deeply" in problem.message
        assert problem.line in (4, 5)


def test_a_deep_value_where_text_belongs_is_a_type_problem() -> None:
    text = JSON_HEAD + '"description": ' + "[" * 900 + "]" * 900 + "}"
    (problem,) = refused(text, "json")
    assert problem.path == "description"
    assert problem.message.startswith("expected a string, got list [[[")


# --- Values a format could not write back -------------------------------------------------------


def test_a_lone_surrogate_is_refused_where_it_is() -> None:
    text = JSON_HEAD + '"description": "\\ud800",\n"extra": {"a": ["ok", "\\udfff"]}}'
    problems = refused(text, "json")
    assert [(p.path, p.line) for p in problems] == [("description", 1), ("extra.a[1]", 2)]
    assert "lone surrogate (\\ud800)" in problems[0].message
    # A pair that makes one character is text.
    assert loads(JSON_HEAD + '"description": "\\ud83d\\ude00"}', "json").description == "\U0001f600"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_lone_surrogate_in_the_text_itself_is_refused(fmt: str) -> None:
    text = {"toml": TOML_HEAD, "json": JSON_HEAD[:-2] + "}", "yaml": YAML_HEAD}[fmt]
    text = text.replace("D", "D\ud800", 1)
    problems = refused(text, fmt)
    assert problems[0].line in (1, 3)


def test_a_toml_time_converts_only_where_it_can_be_written() -> None:
    pmo = loads(TOML_HEAD + "[extra]\nstarts = 07:32:00\nday = 2025-01-31\n", "toml")
    assert pmo.extra["starts"] == datetime.time(7, 32)
    assert written_back(pmo, "toml") == pmo
    for fmt, paths in (("yaml", ["extra.starts"]), ("json", ["extra.starts", "extra.day"])):
        with pytest.raises(ValidationError) as info:
            dumps(pmo, fmt)
        assert sorted(p.path for p in info.value.problems) == sorted(paths)


@pytest.mark.parametrize(
    ("text", "fmt", "line"),
    [
        (YAML_HEAD + "extra:\n  n: 1" + ":10" * 2500 + "\n", "yaml", 5),  # base 60, 4,400 digits
        (YAML_HEAD + "extra:\n  n: 0x" + "f" * 5000 + "\n", "yaml", 5),
        (TOML_HEAD + "[extra]\nn = 0x" + "f" * 5000 + "\n", "toml", 5),
        (TOML_HEAD + "[extra]\nn = 9223372036854775808\n", "toml", 5),
        (JSON_HEAD + '"extra": {"n": -9223372036854775809}}', "json", 1),
        (
            YAML_HEAD + "offerings:\n  - id: a\n    service: x\n    maturity: 0x" + "1" * 200,
            "yaml",
            7,
        ),
        (
            JSON_HEAD + '"customers": [{"id": "a", "name": "A", "weight": 10000000000000000000}]}',
            "json",
            1,
        ),
    ],
)
def test_an_integer_beyond_64_bits_is_refused(text: str, fmt: str, line: int) -> None:
    problems = refused(text, fmt)
    assert any("64 bits" in p.message and p.line == line for p in problems), problems


def test_the_largest_64_bit_integers_write_back_in_every_format() -> None:
    pmo = loads(JSON_HEAD + '"extra": {"n": [9223372036854775807, -9223372036854775808]}}', "json")
    for fmt in FORMATS:
        assert written_back(pmo, fmt) == pmo


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (JSON_HEAD + '"extra": {"x": NaN}}', "json"),
        (JSON_HEAD + '"extra": {"x": Infinity}}', "json"),
        (JSON_HEAD + '"extra": {"x": -Infinity}}', "json"),
        (JSON_HEAD + '"extra": {"x": 1e400}}', "json"),
        (TOML_HEAD + "[extra]\nx = nan\n", "toml"),
        (TOML_HEAD + "[extra]\nx = -inf\n", "toml"),
        (YAML_HEAD + "extra:\n  x: .nan\n", "yaml"),
        (YAML_HEAD + "extra:\n  x: .inf\n", "yaml"),
    ],
)
def test_nan_and_infinity_are_refused_with_their_path(text: str, fmt: str) -> None:
    (problem,) = refused(text, fmt)
    assert problem.path == "extra.x"
    assert "not a finite number" in problem.message


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        ("  a:\n    1: x\n", "extra.a.1", "expected a string, got integer 1"),
        ("  a:\n    true: x\n", "extra.a.True", "expected a string, got boolean True"),
        ("  a:\n    ~: x\n", "extra.a.None", "expected a string, got null None"),
        ("  a: [{2025-01-31: x}]\n", "extra.a[0].2025-01-31", "expected a string, got date"),
        ("  b: !!binary aGVsbG8=\n", "extra.b", "binary data is not carried"),
        ("  s: !!set {a, b}\n", "extra.s", "a set is not carried"),
    ],
)
def test_yaml_only_values_are_refused_on_load(body: str, path: str, message: str) -> None:
    (problem,) = refused(YAML_HEAD + "extra:\n" + body, "yaml")
    assert problem.path == path
    assert message in problem.message
    assert problem.line in (5, 6)


@pytest.mark.parametrize("fmt", FORMATS)
def test_what_a_model_cannot_carry_is_not_written_either(fmt: str) -> None:
    pmo = PMO(id="d", name="D", extra={"n": 2**64, "x": float("inf"), "t": "\udc80"})
    with pytest.raises(ValidationError) as info:
        dumps(pmo, fmt)
    assert [p.path for p in info.value.problems] == ["extra.n", "extra.t", "extra.x"]


# --- Complete reports ----------------------------------------------------------------------------


def test_a_cycle_is_reported_next_to_a_duplicate_id() -> None:
    offering = '[[offerings]]\nid = "{}"\nservice = "data-analytics-and-reporting"\nmaturity = 1\n'
    text = (
        TOML_HEAD
        + offering.format("a")
        + 'depends_on = ["b"]\n'
        + offering.format("b")
        + 'depends_on = ["a"]\n'
        + offering.format("a")
    )
    problems = refused(text, "toml")
    assert [(p.path, p.line) for p in problems] == [
        ("offerings[1].depends_on", 13),
        ("offerings[2].id", 15),
    ]
    assert problems[0].message.startswith("dependency cycle: b -> a -> b")


def test_a_file_without_schema_is_still_checked_in_full() -> None:
    text = 'id = "d"\nnmae = "D"\n[[offerings]]\nid = "a"\nservice = "nope"\nmaturity = 9\n'
    problems = refused(text, "toml")
    assert [(p.path, p.line) for p in problems] == [
        ("name", 1),
        ("schema", 1),
        ("nmae", 2),
        ("offerings[0].service", 5),
        ("offerings[0].maturity", 6),
    ]
    assert problems[1].message.startswith("missing; add schema = 'valuering/1'")


@pytest.mark.parametrize(
    ("text", "fmt", "path", "line"),
    [
        (YAML_HEAD + "description: |\n  ok\n  bell \x07 here\n", "yaml", "", 6),
        ("id: d\nname: D\n", "yaml", "schema", 1),
        ("\n\nschema: valuering/1\nid: d\n", "yaml", "name", 1),
        ("- a\n- b\n", "yaml", "", 1),
        ("[1, 2]", "json", "", 1),
        ('"text"', "json", "", 1),
        (TOML_HEAD + "\n[offerings.0]\nid = 'x'\n", "toml", "offerings", 5),
        (YAML_HEAD + "extra:\n  a: 2024-13-45\n", "yaml", "", 5),
        (JSON_HEAD + '"extra": {"a":\n' + "[" * 5000 + "]" * 5000 + "}}", "json", "", 2),
    ],
)
def test_every_problem_has_a_line(text: str, fmt: str, path: str, line: int) -> None:
    problems = refused(text, fmt)
    assert (problems[0].path, problems[0].line) == (path, line)


CATALOG = """\
schema = "valuering-catalog/1"
name = "acme"
extends = "{extends}"

[[outcomes]]
id = "esg-compliance"
name = "ESG compliance"
horizon = "lnog"

[[services]]
id = "esg-reporting"
name = "ESG reporting"
category = "operational"
level_names = ["a", "b", "c", "d", "e"]

[services.outcomes]
better-project-prioritization = 0.5

[[services]]
id = "carbon-accounting"
name = "Carbon accounting"
category = "operatonal"
level_names = ["a", "b", "c", "d", "e"]
competences = ["data-literacy"]

[services.outcomes]
esg-complance = 0.8
"""


def test_a_catalog_file_reports_every_mistake_in_one_run_with_its_line() -> None:
    with pytest.raises(ValidationError) as info:
        loads_catalog(CATALOG.format(extends="pmi-2025"), "toml", source="acme.toml")
    assert [(p.line, p.path) for p in info.value.problems] == [
        (8, "outcomes[0].horizon"),
        (22, "services[1].category"),
        (24, "services[1].competences"),
        (27, "services[1].outcomes.esg-complance"),
    ]
    with pytest.raises(ValidationError) as info:
        loads_catalog(CATALOG.format(extends="pmi-2052"), "toml", source="acme.toml")
    assert [(p.line, p.path) for p in info.value.problems] == [
        (3, "extends"),
        (8, "outcomes[0].horizon"),
        (22, "services[1].category"),
    ]


def test_catalog_and_ratings_files_are_bounded_like_model_files(tmp_path: Path) -> None:
    bomb = alias_bomb().replace(YAML_HEAD, "schema: valuering-catalog/1\nname: acme\n", 1)
    with pytest.raises(ValidationError, match="aliases would add more than"):
        loads_catalog(bomb, "yaml")
    ratings = tmp_path / "step7.yaml"
    ratings.write_text("step: 7\nsections: &s\n  x: *s\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="refers to itself") as info:
        read_ratings(ratings)
    assert info.value.problems[0].line == 3


# --- Writing -------------------------------------------------------------------------------------


def test_a_folder_that_cannot_be_written_names_the_target() -> None:
    base = Path(tempfile.mkdtemp())
    try:
        base.chmod(0o755)  # open to the ordinary user below; only the inner folder is locked
        folder = base / "locked"
        folder.mkdir(mode=0o555)
        target = folder / "model.toml"
        # As root, permissions do not stop a write, so the child becomes an ordinary user first.
        code = textwrap.dedent(
            f"""
            import os
            from valuering import PMO
            from valuering.io import dump
            if os.geteuid() == 0:
                os.setuid(65534)
            try:
                dump(PMO(id="d", name="D"), {str(target)!r})
            except PermissionError as error:
                print(error.filename, "|", error.strerror)
            """
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout == f"{target} | Permission denied (cannot create a file in {folder})\n"
        assert list(folder.iterdir()) == []
    finally:
        shutil.rmtree(base)


# --- The memory bound ----------------------------------------------------------------------------

WORST_CASES = """
import resource, sys
limit = 512 * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from valuering.errors import ValidationError
from valuering.io import loads
from valuering.catalog import loads_catalog
sys.path.insert(0, {tests!r})
from test_hostile_inputs import JSON_HEAD, TOML_HEAD, YAML_HEAD, alias_bomb, deep_extra
cases = [
    (alias_bomb(10), "yaml"),
    (YAML_HEAD + "extra:\\n  a: &a [" + ",".join(["*a"] * 1000) + "]\\n", "yaml"),
    (YAML_HEAD + "extra:\\n  n: 1" + ":59" * 20000 + "\\n", "yaml"),
    (deep_extra("json", 1_000_000), "json"),
    (deep_extra("toml", 1_000_000), "toml"),
    (deep_extra("yaml", 1_000_000), "yaml"),
    (TOML_HEAD + "[extra]\\n" + ".".join(["a"] * 200_000) + " = 1\\n", "toml"),
    (JSON_HEAD + '"extra": {{"s": "' + "\\\\ud800" * 200_000 + '"}}}}', "json"),
]
for text, fmt in cases:
    try:
        loads(text, fmt)
    except ValidationError:
        print("refused")
try:
    loads_catalog(alias_bomb(10).replace("schema: valuering/1", "schema: valuering-catalog/1"), "yaml")
except ValidationError:
    print("refused")
"""


def test_the_worst_cases_are_refused_within_512_mb() -> None:
    code = WORST_CASES.format(tests=str(Path(__file__).parent))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=600
    )
    assert result.stderr == ""
    assert result.stdout.split() == ["refused"] * 9
