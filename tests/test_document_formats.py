"""The formats registry: one record per format, and everything else derived from it."""

from __future__ import annotations

import datetime
import json

import pytest

from valuering import io
from valuering._document import _formats
from valuering._document._formats import (
    FORMATS,
    REGISTRY,
    Format,
    Parsed,
    check_format,
    emit,
    format_of,
    get_format,
    parse,
    unwritable,
)
from valuering._document._locate import LineMap
from valuering.errors import ValidationError


def test_names_and_suffixes_come_from_the_registry() -> None:
    assert FORMATS == io.FORMATS == ("toml", "json", "yaml")
    assert [(f.name, f.suffixes, f.label) for f in REGISTRY.values()] == [
        ("toml", (".toml",), "TOML"),
        ("json", (".json",), "JSON"),
        ("yaml", (".yaml", ".yml"), "YAML"),
    ]
    for record in REGISTRY.values():
        assert check_format(record.name) == record.name
        assert get_format(record.name) is record
        for suffix in record.suffixes:
            assert format_of(f"model{suffix}") == format_of(f"MODEL{suffix.upper()}") == record.name
    with pytest.raises(TypeError):
        REGISTRY["ini"] = REGISTRY["toml"]  # type: ignore[index]


def test_unknown_names_and_suffixes_list_the_registry() -> None:
    with pytest.raises(
        ValidationError, match="unknown format 'xml'; use one of 'toml', 'json', 'yaml'"
    ):
        check_format("xml")
    with pytest.raises(ValidationError, match="unknown format"):
        get_format(["toml"])  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as info:
        format_of("model.ini")
    assert info.value.title == "model.ini"
    assert str(info.value.problems[0]) == (
        "(document): unknown file type '.ini'; use one of .toml, .json, .yaml, .yml"
    )


def test_every_format_reads_what_it_writes_with_lines() -> None:
    data = {"id": "demo", "offerings": [{"id": "a", "maturity": 3}]}
    for name in FORMATS:
        parsed = parse(emit(data, name), name)
        assert parsed.data == data
        assert parsed.lines.line_of("offerings[0].maturity") is not None


def test_what_each_format_cannot_hold() -> None:
    data = {
        "none": None,
        "inf": float("inf"),
        "day": datetime.date(2024, 1, 1),
        "zoned": datetime.time(9, tzinfo=datetime.UTC),
        "set": {1},
        1: "int key",
    }
    assert {name: [p.path for p in unwritable(data, name)] for name in FORMATS} == {
        "toml": ["1", "none", "inf", "zoned", "set"],
        "json": ["1", "inf", "day", "zoned", "set"],
        "yaml": ["1", "inf", "zoned", "set"],
    }


def test_a_registry_refuses_a_name_or_suffix_twice() -> None:
    def parse_lines(text: str) -> Parsed:
        return Parsed(dict(line.split("=", 1) for line in text.splitlines()), lines=LineMap)

    ini = Format("ini", (".ini",), parse_lines, lambda data: json.dumps(data))
    assert ini.label == "INI"
    assert ini.cannot_hold(None) is None
    assert list(_formats._registry(*REGISTRY.values(), ini)) == [*FORMATS, "ini"]
    with pytest.raises(ValueError, match="its own name"):
        _formats._registry(REGISTRY["toml"], REGISTRY["toml"])
    with pytest.raises(ValueError, match="its own name and its own suffixes"):
        _formats._registry(REGISTRY["yaml"], Format("yml", (".yml",), parse_lines, str))
    with pytest.raises(ValueError, match="lower case"):
        _formats._registry(Format("ini", (".INI",), parse_lines, str))
