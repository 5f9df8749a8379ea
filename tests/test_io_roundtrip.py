"""Nothing lost: load(dump(pmo)) == pmo in every format, the golden example, atomic writes."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import given

import valuering
from valuering import PMO, examples
from valuering.io import FORMATS, dump, dumps, load, loads
from valuering.testing.strategies import pmos

GOLDEN = examples.path("northwind-energy")


@given(pmos())
def test_generated_models_round_trip_in_toml(pmo: PMO) -> None:
    assert loads(dumps(pmo, "toml"), "toml") == pmo


@given(pmos())
def test_generated_models_round_trip_in_json(pmo: PMO) -> None:
    assert loads(dumps(pmo, "json"), "json") == pmo


@given(pmos())
def test_generated_models_round_trip_in_yaml(pmo: PMO) -> None:
    assert loads(dumps(pmo, "yaml"), "yaml") == pmo


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_golden_example_round_trips_through_files(fmt: str, tmp_path: Path) -> None:
    pmo = load(GOLDEN)
    target = tmp_path / f"northwind.{fmt}"
    valuering.dump(pmo, target)
    assert valuering.load(target) == pmo
    assert dumps(load(target), fmt) == target.read_text(encoding="utf-8")  # writing is stable


def test_the_golden_example_keeps_every_value_written_in_it() -> None:
    # The TOML we write parses to the same plain data as the hand-written file, defaults aside.
    written = tomllib.loads(dumps(load(GOLDEN), "toml"))
    original = tomllib.loads(GOLDEN.read_text(encoding="utf-8"))
    assert written["offerings"][0]["extra"] == {"method-version": "2.1", "stage-gates": 5}
    assert written["customers"] == [
        {
            **c,
            "expectations": [
                {k: v for k, v in e.items() if (k, v) != ("priority", 1)} for e in c["expectations"]
            ],
        }
        for c in original["customers"]
    ]
    assert len(written["offerings"]) == len(original["offerings"]) == 12


def test_dumped_toml_looks_hand_written() -> None:
    text = dumps(load(GOLDEN), "toml")
    assert text.startswith('schema = "valuering/1"\nid = "northwind-energy-epmo"\n')
    assert '\n[[offerings]]\nid = "methodology"\n' in text
    assert '\n[[offerings.slas]]\nid = "ticket-response"\n' in text
    assert 'approach = { project-managers = "directive", program-managers = "supportive" }' in text
    assert '  { outcome = "higher-return-on-investment", priority = 5 },\n' in text
    assert "weight = 1.5\n" in text
    assert "weight = 3\n" in text


def test_strings_that_need_escapes_survive_toml() -> None:
    name = 'Quote " backslash \\ tab \t newline \n bell \x07 del \x7f é 😀'
    pmo = PMO(id="demo", name=name, extra={"key with spaces": [1, 2.5, True, "x"], "": {}})
    assert loads(dumps(pmo, "toml"), "toml") == pmo


def test_dump_replaces_the_file_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "model.toml"
    dump(PMO(id="old", name="Old"), target)
    before = target.read_text(encoding="utf-8")

    def crash(src: str, dst: str) -> None:
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk pulled out"):
        dump(PMO(id="new", name="New"), target)
    assert target.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.toml"]  # no temporary file left


def test_a_model_toml_cannot_hold_leaves_the_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "model.toml"
    dump(PMO(id="old", name="Old"), target)
    with pytest.raises(valuering.ValidationError, match="null cannot be written in TOML"):
        dump(PMO(id="new", name="New", extra={"k": None}), target)
    assert load(target).id == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.toml"]


def test_dump_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "model.json"
    dump(PMO(id="a", name="A"), target)
    target.chmod(0o600)
    dump(PMO(id="b", name="B"), target)
    assert target.stat().st_mode & 0o777 == 0o600
    assert load(target).id == "b"
