"""Catalog lookups, relations and extension by consultants (code and catalog files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from valuering import (
    Horizon,
    Outcome,
    ServiceCategory,
    ServiceDefinition,
    UnknownIdError,
    ValidationError,
)
from valuering.catalog import Catalog, Link, load_catalog, pmi_2025


def test_lookups_by_id_and_number() -> None:
    catalog = pmi_2025()
    assert catalog.service_number(6).id == "portfolio-management"
    assert catalog.outcome_number(14).horizon is Horizon.LONG
    assert catalog.competence_number(30).id == "training-skills"
    assert catalog.customer_group("program-managers").number == 2
    with pytest.raises(UnknownIdError, match="did you mean 'risk-management'"):
        catalog.service("risk-managment")
    with pytest.raises(UnknownIdError, match="unknown service number id 27"):
        catalog.service_number(27)


def test_relations() -> None:
    catalog = pmi_2025()
    assert [s.number for s in catalog.services_for("improved-success-rates")] == [
        5,
        8,
        9,
        14,
        17,
        20,
        21,
        24,
        25,
    ]
    assert [c.number for c in catalog.competences_for("data-analytics-and-reporting")] == [
        6,
        8,
        19,
        29,
    ]
    assert catalog.strength("better-talent-management", "mentoring-and-coaching") == 1.0
    assert catalog.strength("better-talent-management", "portfolio-management") == 0.0
    assert [len(catalog.services_in(c)) for c in ServiceCategory] == [7, 5, 14]
    assert (
        catalog.service("portfolio-management").level_name(2)
        == "Structured selection and prioritization"
    )


def _consulting_service(**overrides: object) -> ServiceDefinition:
    args: dict[str, object] = {
        "id": "esg-reporting",
        "name": "ESG reporting",
        "category": ServiceCategory.OPERATIONAL,
        "level_names": ("Ad hoc", "Defined", "Managed", "Measured", "Optimised"),
        "outcomes": {"esg-compliance": 0.7, "improved-availability-of-information": 0.3},
        "competences": frozenset({"accuracy"}),
    }
    args.update(overrides)
    return ServiceDefinition(**args)  # type: ignore[arg-type]


def test_extend_adds_services_and_outcomes_with_strengths() -> None:
    esg = Outcome(id="esg-compliance", name="ESG compliance", horizon=Horizon.MEDIUM_LONG)
    mine = pmi_2025().extend(services=[_consulting_service()], outcomes=[esg], name="acme")
    assert mine.name == "acme"
    assert len(mine.services) == 27
    assert [s.id for s in mine.services_for("esg-compliance")] == ["esg-reporting"]
    assert mine.strength("improved-availability-of-information", "esg-reporting") == 0.3
    assert len(pmi_2025().services) == 26  # the original is untouched


def test_extend_refuses_collisions_unless_overriding() -> None:
    catalog = pmi_2025()
    clash = _consulting_service(id="risk-management", outcomes={})
    with pytest.raises(ValidationError) as caught:
        catalog.extend(services=[clash])
    assert [str(p) for p in caught.value.problems] == [
        "services[0].id: 'risk-management' is already in catalog 'pmi-2025' (pass override=True to replace it)"
    ]
    replaced = catalog.extend(services=[clash], override=True)
    assert replaced.service("risk-management").name == "ESG reporting"


def test_extend_reports_every_bad_reference() -> None:
    with pytest.raises(ValidationError) as caught:
        pmi_2025().extend(
            services=[_consulting_service()],
            links=[Link(service="risk-managment", outcome="esg-compliance")],
        )
    messages = [str(p) for p in caught.value.problems]
    assert messages[0] == (
        "links[0].service: unknown service id 'risk-managment'; did you mean 'risk-management'?"
    )
    assert any("unknown outcome id 'esg-compliance'" in m for m in messages)


ACME_CATALOG = """
schema = "valuering-catalog/1"
name = "acme"
extends = "pmi-2025"

[[outcomes]]
id = "esg-compliance"
name = "ESG compliance"
horizon = "medium-long"

[[services]]
id = "esg-reporting"
name = "ESG reporting"
category = "operational"
level_names = ["Ad hoc", "Defined", "Managed", "Measured", "Optimised"]
outcomes = { esg-compliance = 0.7 }

[[links]]
service = "data-analytics-and-reporting"
outcome = "esg-compliance"
strength = 0.4
"""


def test_catalog_file_extends_pmi(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(
        ACME_CATALOG,
        encoding="utf-8",
    )
    catalog = load_catalog(path)
    assert isinstance(catalog, Catalog)
    assert catalog.name == "acme"
    assert [s.id for s in catalog.services_for("esg-compliance")] == [
        "data-analytics-and-reporting",
        "esg-reporting",
    ]


def test_catalog_file_errors_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        ACME_CATALOG.replace('horizon = "medium-long"', 'horizon = "forever"')
        .replace('name = "ESG reporting"', 'nmae = "ESG reporting"')
        .replace("esg-compliance = 0.7", "esg-compliance = 1.5"),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        load_catalog(path)
    text = str(caught.value)
    assert "outcomes[0].horizon" in text
    assert "services[0].nmae: unknown key; did you mean 'name'?" in text
    assert "services[0].outcomes.esg-compliance: 1.5 is not in [0, 1]" in text


def test_catalog_file_can_extend_a_registered_catalog(tmp_path: Path) -> None:
    from valuering.catalog import register_catalog

    esg = Outcome(id="esg-compliance", name="ESG compliance", horizon=Horizon.LONG)
    register_catalog(pmi_2025().extend(outcomes=[esg], name="acme-base"), replace=True)
    path = tmp_path / "acme-plus.toml"
    path.write_text(
        'schema = "valuering-catalog/1"\nname = "acme-plus"\nextends = "acme-base"\n\n'
        '[[links]]\nservice = "governance-oversight"\noutcome = "esg-compliance"\nstrength = 0.5\n',
        encoding="utf-8",
    )
    assert load_catalog(path).strength("esg-compliance", "governance-oversight") == 0.5
    path.write_text(
        'schema = "valuering-catalog/1"\nname = "x"\nextends = "acme-bse"\n', encoding="utf-8"
    )
    with pytest.raises(ValidationError) as caught:
        load_catalog(path)
    assert str(caught.value.problems[0]) == (
        "extends: unknown catalog id 'acme-bse'; did you mean 'acme-base'?; "
        "register it, pass it in catalogs=..., or load its file in the same load_catalogs call"
    )


def test_catalog_tables_are_read_only_so_the_shared_catalog_stays_intact() -> None:
    import pickle

    from valuering.errors import ReadOnlyError

    catalog = pmi_2025()
    with pytest.raises(ReadOnlyError, match=r"read-only; Catalog\.extend"):
        catalog.services.pop("risk-management")  # type: ignore[attr-defined]
    with pytest.raises(ReadOnlyError):
        catalog.outcomes["new"] = catalog.outcome("improved-success-rates")  # type: ignore[index]
    assert len(pmi_2025().services) == 26
    copy = pickle.loads(pickle.dumps(catalog))
    assert copy == catalog
    assert copy.services == dict(catalog.services)
