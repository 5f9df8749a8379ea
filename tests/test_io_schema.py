"""The JSON Schema of model files, checked with the jsonschema package."""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Mapping
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given

from valuering import PMO, examples
from valuering.io import dumps, json_schema
from valuering.io._schema import _class_schema
from valuering.model import _checks as check
from valuering.testing.strategies import pmos

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def example() -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads(examples.path("northwind-energy").read_text("utf-8"))
    return data


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_the_schema_accepts_the_example_file() -> None:
    assert list(VALIDATOR.iter_errors(example())) == []


@given(pmos())
def test_the_schema_accepts_every_dumped_model(pmo: PMO) -> None:
    assert list(VALIDATOR.iter_errors(json.loads(dumps(pmo, "json")))) == []


def broken(change: str) -> dict[str, Any]:
    data = copy.deepcopy(example())
    if change == "maturity-string":
        data["offerings"][0]["maturity"] = "4"
    elif change == "maturity-7":
        data["offerings"][0]["maturity"] = 7
    elif change == "typo":
        data["offerings"][0]["maturty"] = data["offerings"][0].pop("maturity")
    elif change == "no-schema":
        del data["schema"]
    elif change == "bad-enum":
        data["scenario"] = "booming"
    elif change == "not-kebab":
        data["customers"][0]["id"] = "Chief Officer"
    elif change == "weight-0":
        data["customers"][0]["weight"] = 0
    elif change == "proficiency-6":
        data["team"][0]["proficiency"]["communication"] = 6
    return data


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ("maturity-string", ["offerings", 0, "maturity"]),
        ("maturity-7", ["offerings", 0, "maturity"]),
        ("typo", ["offerings", 0]),
        ("no-schema", []),
        ("bad-enum", ["scenario"]),
        ("not-kebab", ["customers", 0, "id"]),
        ("weight-0", ["customers", 0, "weight"]),
        ("proficiency-6", ["team", 0, "proficiency", "communication"]),
    ],
)
def test_the_schema_rejects_broken_files(change: str, where: list[object]) -> None:
    errors = list(VALIDATOR.iter_errors(broken(change)))
    assert errors
    assert {tuple(e.absolute_path) for e in errors} == {tuple(where)}


def test_the_maturity_range_comes_from_the_model_checks() -> None:
    offering = json_schema()["$defs"]["ServiceOffering"]
    assert offering["properties"]["maturity"] == {"type": "integer", "minimum": 1, "maximum": 5}
    assert offering["required"] == ["id", "service", "maturity"]
    assert offering["additionalProperties"] is False
    assert offering["properties"]["extra"] == {"type": "object"}


def test_bounds_come_from_the_checks_themselves_not_from_sample_values() -> None:
    @check.model_class
    class Survey:
        score: int = attrs.field(validator=check.int_between(0, 100))
        votes: int | None = attrs.field(default=None, validator=check.optional(check.positive_int))
        share: float = attrs.field(default=0.5, validator=check.unit_interval)
        weight: float = attrs.field(default=1.0, validator=check.positive)
        levels: Mapping[str, int] = attrs.field(
            factory=dict, validator=check.each_key_value(check.kebab_id, check.int_between(-3, 42))
        )
        tags: tuple[str, ...] = attrs.field(default=(), validator=check.each(check.name))

    properties = _class_schema(Survey, {})["properties"]
    assert properties["score"] == {"type": "integer", "minimum": 0, "maximum": 100}
    assert properties["votes"] == {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]}
    assert properties["share"] == {"type": "number", "minimum": 0, "maximum": 1}
    assert properties["weight"] == {"type": "number", "exclusiveMinimum": 0}
    assert properties["levels"] == {
        "type": "object",
        "additionalProperties": {"type": "integer", "minimum": -3, "maximum": 42},
        "propertyNames": {"pattern": check.ID_PATTERN.pattern},
    }
    assert properties["tags"] == {
        "type": "array",
        "items": {"type": "string", "minLength": 1, "pattern": r"\S"},
    }


def test_approach_keys_are_customer_group_ids_in_the_schema() -> None:
    approach = json_schema()["$defs"]["ServiceOffering"]["properties"]["approach"]
    assert approach["propertyNames"] == {"pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}
