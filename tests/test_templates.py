"""Templates: every office type loads, validates, analyses and round-trips; the services each runs
are pinned against docs/templates.md; the perspectives and ``valuering new``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from valuering import graph, io, planning, scoring, templates, validation
from valuering.cli import main
from valuering.errors import UnknownIdError
from valuering.model import IndicatorLayer, ServiceApproach

DOCS = Path(__file__).parent.parent / "docs" / "templates.md"

# Our reading of the sources, as docs/templates.md states it.
SERVICES = {
    "project-office": {
        "methodologies-and-frameworks-management",
        "project-support-services",
        "data-analytics-and-reporting",
        "change-control-management",
    },
    "programme-office": {
        "program-management",
        "data-analytics-and-reporting",
        "risk-management",
        "stakeholder-engagement",
        "benefits-realization-management",
    },
    "portfolio-office": {
        "data-analytics-and-reporting",
        "portfolio-management",
        "resource-management",
        "strategic-planning-support",
        "advice-to-executive-level",
    },
    "results-management-office": {
        "data-analytics-and-reporting",
        "performance-management",
        "benefits-realization-management",
        "organizational-change-management",
        "advice-to-executive-level",
    },
    "organisation-portfolio-office": {
        "governance-oversight",
        "data-analytics-and-reporting",
        "portfolio-management",
        "resource-management",
        "strategic-planning-support",
        "benefits-realization-management",
    },
    "hub-office": {
        "governance-oversight",
        "data-analytics-and-reporting",
        "project-support-services",
        "risk-management",
        "resource-management",
    },
    "temporary-programme-office": {
        "project-support-services",
        "program-management",
        "risk-management",
        "issue-management",
        "change-control-management",
        "data-analytics-and-reporting",
    },
    "centre-of-excellence": {
        "methodologies-and-frameworks-management",
        "training-and-development",
        "mentoring-and-coaching",
        "knowledge-management",
        "audit-assessments",
    },
}


def test_the_names_are_the_eight_office_types() -> None:
    assert set(templates.NAMES) == set(SERVICES)


@pytest.mark.parametrize("name", templates.NAMES)
def test_each_template_runs_the_services_we_documented(name: str) -> None:
    assert {offering.service for offering in templates.load(name).offerings} == SERVICES[name]


@pytest.mark.parametrize("name", templates.NAMES)
def test_the_docs_list_the_same_services(name: str) -> None:
    # docs/templates.md has a row per template: | `name` | ... | `service`, `service` |
    row = next(line for line in DOCS.read_text().splitlines() if line.startswith(f"| `{name}`"))
    listed = set(re.findall(r"`([a-z-]+)`", row.split("|")[-2]))
    assert listed == SERVICES[name]


@pytest.mark.parametrize("name", templates.NAMES)
def test_each_template_is_sound_complete_and_analyses(name: str) -> None:
    pmo = templates.template(name)
    assert validation.sound(pmo).name == "pmi-2025"
    assert pmo.mandate.purpose
    assert pmo.mandate.scope is not None
    assert pmo.customers
    assert all(customer.expectations for customer in pmo.customers)
    assert any(offering.depends_on for offering in pmo.offerings)
    assert {indicator.layer for indicator in pmo.indicators} == set(IndicatorLayer)
    assert len(scoring.maturity_gaps(pmo)) == len(pmo.offerings)
    mean_level = scoring.overall_maturity(pmo).mean_level
    assert mean_level is not None
    assert 1 <= mean_level <= 5
    assert len(graph.delivery_waves(pmo)) >= 2
    assert planning.roadmap(pmo, budget=3).steps


@pytest.mark.parametrize("name", templates.NAMES)
@pytest.mark.parametrize("fmt", io.FORMATS)
def test_each_template_round_trips(name: str, fmt: str) -> None:
    pmo = templates.load(name)
    assert io.loads(io.dumps(pmo, fmt), fmt) == pmo
    assert io.loads(templates.model_text(name, format=fmt), fmt) == pmo


def test_the_perspectives_change_scope_and_approach() -> None:
    pmo = templates.template("project-office", scope="enterprise", approach="directive")
    assert pmo.mandate.scope == "enterprise"
    # Two customer groups, so each of the four offerings gets two directive approaches.
    assert {offering.id: dict(offering.approach) for offering in pmo.offerings}["templates"] == {
        "project-managers": ServiceApproach.DIRECTIVE,
        "project-team-members": ServiceApproach.DIRECTIVE,
    }
    validation.sound(pmo)


def test_unknown_names_suggest_the_nearest() -> None:
    with pytest.raises(UnknownIdError, match="did you mean 'hub-office'"):
        templates.template("hub-ofice")
    with pytest.raises(UnknownIdError, match="unknown scope id 'galactic'"):
        templates.template("hub-office", scope="galactic")
    with pytest.raises(UnknownIdError, match="unknown approach id 'bossy'"):
        templates.template("hub-office", approach="bossy")


def test_the_starter_is_a_sound_commented_model() -> None:
    text = templates.starter_text()
    assert text.count("\n# ") >= 5
    validation.sound(io.loads(text, "toml"))


def test_new_without_a_template_prints_the_starter(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new"]) == 0
    assert capsys.readouterr().out == templates.starter_text()


def test_new_writes_a_template_in_the_suffix_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "coe.json"
    assert main(["new", "--template", "centre-of-excellence", "-o", str(target)]) == 0
    assert "wrote" in capsys.readouterr().err
    assert io.load(target) == templates.load("centre-of-excellence")
    keep = tmp_path / "coe.toml"
    assert main(["new", "--template", "centre-of-excellence", "--output", str(keep)]) == 0
    assert keep.read_text() == templates.path("centre-of-excellence").read_text()


def test_new_list_in_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(templates.NAMES)
    assert main(["new", "--list", "--format", "json"]) == 0
    assert '"template": "hub-office"' in capsys.readouterr().out


def test_new_refuses_an_unknown_template(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["new", "--template", "nope"])
    assert exit_.value.code == 2
    assert "--template" in capsys.readouterr().err
