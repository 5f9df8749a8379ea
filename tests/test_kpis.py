"""The KPI library: a template per catalog service and outcome, suggestions pinned on the example,
adding them leaves nothing to suggest; ``valuering indicators suggest``."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from valuering import examples, io, templates, validation
from valuering.catalog import get_catalog
from valuering.cli import main
from valuering.kpis import outcome_templates, service_templates, suggest_indicators
from valuering.model import IndicatorLayer


def test_every_catalog_service_and_outcome_has_one_template() -> None:
    catalog = get_catalog("pmi-2025")
    assert set(service_templates()) == set(catalog.services)
    assert set(outcome_templates()) == set(catalog.outcomes)
    for template in [*service_templates().values(), *outcome_templates().values()]:
        assert template.formula
        assert template.source
        assert template.frequency
        assert template.unit


def test_the_guides_examples_are_in_the_library() -> None:
    # The Practice Guide's service-delivery and value-delivery examples, by name.
    assert service_templates()["training-and-development"].name == "Training participation rate"
    assert service_templates()["project-management"].name == "On-time milestone rate"
    assert (
        outcome_templates()["better-quality-of-project-results"].name
        == "Rework rate after delivery"
    )


def test_the_example_suggestions_by_hand() -> None:
    suggestions = suggest_indicators(examples.load("northwind-energy"))
    by_layer = {
        layer: [s.indicator.subject for s in suggestions if s.template.layer is layer]
        for layer in IndicatorLayer
    }
    # 12 offerings; methodology and reporting are measured
    assert len(by_layer[IndicatorLayer.SERVICE_DELIVERY]) == 10
    assert "methodology" not in by_layer[IndicatorLayer.SERVICE_DELIVERY]
    # 20 expected outcomes; forecasting and alignment have value-delivery indicators
    assert len(by_layer[IndicatorLayer.VALUE_DELIVERY]) == 18
    # prioritisation and alignment have value-recognition indicators
    assert len(by_layer[IndicatorLayer.VALUE_RECOGNITION]) == 18
    assert "better-project-prioritization" not in by_layer[IndicatorLayer.VALUE_RECOGNITION]
    # outcomes come by falling demand: ROI is the most demanded (13.5 %)
    assert by_layer[IndicatorLayer.VALUE_DELIVERY][0] == "higher-return-on-investment"
    assert repr(suggestions) == (
        "<IndicatorSuggestions: 46 suggestions; 10 service-delivery, 18 value-delivery, "
        "18 value-recognition>"
    )
    record = suggestions.to_records()[0]
    assert record["subject_name"] == "Project information system"
    assert record["direction"] == "lower-is-better"


@pytest.mark.parametrize("name", ["northwind-energy", *templates.NAMES])
def test_adding_the_suggestions_leaves_nothing_to_suggest(name: str) -> None:
    pmo = examples.load(name) if name in examples.NAMES else templates.load(name)
    suggested = suggest_indicators(pmo).indicators()
    measured = attrs.evolve(pmo, indicators=pmo.indicators + suggested)
    validation.sound(measured)
    assert len(suggest_indicators(measured)) == 0


def test_ids_never_clash_with_existing_indicators() -> None:
    pmo = templates.load("hub-office")
    first = suggest_indicators(pmo)[0].indicator
    clash = attrs.evolve(first, subject="area-reporting")  # same id, a subject already measured
    ids = [
        s.indicator.id
        for s in suggest_indicators(attrs.evolve(pmo, indicators=(*pmo.indicators, clash)))
    ]
    assert "area-governance-delivery-2" in ids
    assert "area-governance-delivery" not in ids


def test_the_command_in_text_json_and_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(templates.path("hub-office"))
    assert main(["indicators", "suggest", path, "--top", "1"]) == 0
    assert capsys.readouterr().out.startswith("13 indicators suggested.")
    assert main(["indicators", "suggest", path, "--format", "json"]) == 0
    assert '"id": "area-governance-delivery"' in capsys.readouterr().out
    assert main(["indicators", "suggest", path, "--format", "toml"]) == 0
    model = tmp_path / "hub.toml"
    model.write_text(templates.path("hub-office").read_text() + capsys.readouterr().out)
    assert len(io.load(model).indicators) == 3 + 13
    assert main(["indicators", "suggest", str(model)]) == 0
    assert capsys.readouterr().out.startswith("0 indicators suggested.")
