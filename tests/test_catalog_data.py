"""Pin the facts carried by the packaged PMI 2025 reference catalog (``pmi_2025.toml``)."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

CATALOG_PATH = Path(__file__).parent.parent / "src/valuering/catalog/data/pmi_2025.toml"
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KINDS = ("customer_groups", "approaches", "outcomes", "competences", "services")
NUMBERED_KINDS = ("customer_groups", "outcomes", "competences", "services")
DOMAIN_ORDER = ("portfolio", "program", "project")
HORIZONS = {"short", "short-medium", "medium", "medium-long", "long"}


@pytest.fixture(scope="module")
def catalog() -> dict[str, Any]:
    with CATALOG_PATH.open("rb") as fh:
        return tomllib.load(fh)


def _by_number(catalog: dict[str, Any], kind: str) -> dict[int, dict[str, Any]]:
    return {entry["number"]: entry for entry in catalog[kind]}


def _services_for_outcome(catalog: dict[str, Any], outcome_number: int) -> set[int]:
    outcome_id = _by_number(catalog, "outcomes")[outcome_number]["id"]
    return {s["number"] for s in catalog["services"] if outcome_id in s["outcomes"]}


def _competences_for_service(catalog: dict[str, Any], service_number: int) -> list[int]:
    number_of = {c["id"]: c["number"] for c in catalog["competences"]}
    service = _by_number(catalog, "services")[service_number]
    return [number_of[c] for c in service["competences"]]


def test_header(catalog: dict[str, Any]) -> None:
    assert catalog["schema"] == "valuering-catalog/1"
    assert catalog["name"] == "pmi-2025"
    assert catalog["title"] == "PMI, Project Management Offices: A Practice Guide (2025)"


def test_counts(catalog: dict[str, Any]) -> None:
    counts = {kind: len(catalog[kind]) for kind in KINDS}
    assert counts == {
        "customer_groups": 7,
        "approaches": 6,
        "outcomes": 30,
        "competences": 30,
        "services": 26,
    }


def test_services_per_category(catalog: dict[str, Any]) -> None:
    counts = Counter(s["category"] for s in catalog["services"])
    assert counts == {"strategic": 7, "tactical": 5, "operational": 14}
    strategic = {s["number"] for s in catalog["services"] if s["category"] == "strategic"}
    tactical = {s["number"] for s in catalog["services"] if s["category"] == "tactical"}
    assert strategic == set(range(1, 8))
    assert tactical == set(range(8, 13))


@pytest.mark.parametrize("kind", KINDS)
def test_ids_unique_and_kebab_case(catalog: dict[str, Any], kind: str) -> None:
    ids = [entry["id"] for entry in catalog[kind]]
    assert len(ids) == len(set(ids))
    for entry_id in ids:
        assert KEBAB.fullmatch(entry_id), entry_id


@pytest.mark.parametrize("kind", NUMBERED_KINDS)
def test_numbers_contiguous_and_in_order(catalog: dict[str, Any], kind: str) -> None:
    numbers = [entry["number"] for entry in catalog[kind]]
    assert numbers == list(range(1, len(numbers) + 1))


def test_selected_ids(catalog: dict[str, Any]) -> None:
    services = _by_number(catalog, "services")
    outcomes = _by_number(catalog, "outcomes")
    groups = _by_number(catalog, "customer_groups")
    competences = _by_number(catalog, "competences")
    assert services[1]["id"] == "advice-to-executive-level"
    assert services[9]["id"] == "methodologies-and-frameworks-management"
    assert services[11]["id"] == "systems-and-tools-management"
    assert outcomes[14]["id"] == "higher-return-on-investment"
    assert outcomes[14]["name"] == "Higher return on investment (ROI)"
    assert groups[4]["id"] == "executives-and-senior-management"
    assert groups[7]["id"] == "external-partners-or-clients"
    assert competences[1]["id"] == "accuracy"
    assert competences[30]["id"] == "training-skills"


def test_approaches_ranked(catalog: dict[str, Any]) -> None:
    ranks = {a["id"]: a["rank"] for a in catalog["approaches"]}
    assert ranks == {
        "consultative": 1,
        "supportive": 2,
        "facilitative": 3,
        "directive": 4,
        "controlling": 5,
        "managed": 6,
    }
    assert [a["rank"] for a in catalog["approaches"]] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("outcome", "services"),
    [
        (1, {10, 12, 18}),
        (4, {4, 9}),
        (5, {1, 2, 6, 7}),
        (6, {9, 13, 19, 23, 25}),
        (14, {2, 6, 19, 20}),
        (18, {14, 16, 17, 19, 21, 22, 25}),
        (20, {13, 16, 17, 19, 20, 21, 22}),
        (21, {5, 8, 9, 14, 17, 20, 21, 24, 25}),
        (26, {11, 16, 26}),
        (28, {4, 13, 17, 24}),
        (30, {9, 10, 14, 17, 21, 22, 25}),
    ],
)
def test_x2_rows(catalog: dict[str, Any], outcome: int, services: set[int]) -> None:
    assert _services_for_outcome(catalog, outcome) == services


def test_x2_total_links(catalog: dict[str, Any]) -> None:
    assert sum(len(s["outcomes"]) for s in catalog["services"]) == 128


@pytest.mark.parametrize(
    ("service", "competences"),
    [
        (1, [3, 4, 6, 11, 12, 13, 15, 17, 22, 25, 26, 27]),
        (3, [2, 5, 6, 9, 15, 21, 25, 28]),
        (10, [2, 8, 11, 20, 21, 29]),
        (12, [5, 6, 8, 21, 30]),
        (16, [6, 8, 19, 29]),
        (17, [3, 6, 11, 19, 24, 28]),
        (20, [1, 3, 4, 5, 6, 11, 15, 19, 20, 21, 24, 25, 27, 28, 29]),
        (26, [6, 7, 12, 13, 15, 16, 17, 21, 22, 25, 26, 27, 28]),
    ],
)
def test_x4_rows(catalog: dict[str, Any], service: int, competences: list[int]) -> None:
    assert _competences_for_service(catalog, service) == competences


def test_x4_total_links(catalog: dict[str, Any]) -> None:
    assert sum(len(s["competences"]) for s in catalog["services"]) == 240


@pytest.mark.parametrize(
    ("outcome", "horizon"),
    [(1, "medium-long"), (3, "short-medium"), (5, "medium"), (14, "long"), (26, "short")],
)
def test_horizons(catalog: dict[str, Any], outcome: int, horizon: str) -> None:
    assert _by_number(catalog, "outcomes")[outcome]["horizon"] == horizon


def test_horizon_distribution(catalog: dict[str, Any]) -> None:
    counts = Counter(o["horizon"] for o in catalog["outcomes"])
    assert set(counts) <= HORIZONS
    assert counts == {"short": 1, "short-medium": 10, "medium": 8, "medium-long": 10, "long": 1}


@pytest.mark.parametrize(
    ("service", "level", "name"),
    [
        (1, 1, "Reactive advisory"),
        (6, 2, "Structured selection and prioritization"),
        (7, 5, "Strategy cocreation"),
        (11, 4, "Strategic technology enablement"),
        (21, 3, "Integrated management"),
        (24, 5, "Predictive risk intelligence"),
        (26, 5, "Transformational stakeholder collaboration"),
    ],
)
def test_level_names(catalog: dict[str, Any], service: int, level: int, name: str) -> None:
    assert _by_number(catalog, "services")[service]["level_names"][level - 1] == name


def test_every_service_has_five_level_names(catalog: dict[str, Any]) -> None:
    for service in catalog["services"]:
        assert len(service["level_names"]) == 5, service["id"]
        assert all(isinstance(n, str) and n for n in service["level_names"])


@pytest.mark.parametrize(
    ("service", "domains"),
    [
        (1, ["portfolio", "program", "project"]),
        (2, ["portfolio", "program"]),
        (5, ["program", "project"]),
        (6, ["portfolio"]),
        (10, ["project"]),
        (20, ["program"]),
    ],
)
def test_domains(catalog: dict[str, Any], service: int, domains: list[str]) -> None:
    assert _by_number(catalog, "services")[service]["domains"] == domains


def test_domains_are_ordered_subsets(catalog: dict[str, Any]) -> None:
    for service in catalog["services"]:
        domains = service["domains"]
        assert domains, service["id"]
        assert domains == [d for d in DOMAIN_ORDER if d in domains], service["id"]


def test_service_relations_in_number_order(catalog: dict[str, Any]) -> None:
    outcome_number = {o["id"]: o["number"] for o in catalog["outcomes"]}
    competence_number = {c["id"]: c["number"] for c in catalog["competences"]}
    for service in catalog["services"]:
        outs = [outcome_number[o] for o in service["outcomes"]]
        comps = [competence_number[c] for c in service["competences"]]
        assert outs == sorted(set(outs)), service["id"]
        assert comps == sorted(set(comps)), service["id"]


def test_every_strength_is_one(catalog: dict[str, Any]) -> None:
    strengths = [v for s in catalog["services"] for v in s["outcomes"].values()]
    assert strengths
    assert all(isinstance(v, float) and v == 1.0 for v in strengths)


def test_every_outcome_has_a_service(catalog: dict[str, Any]) -> None:
    for outcome in catalog["outcomes"]:
        assert _services_for_outcome(catalog, outcome["number"]), outcome["id"]


@pytest.mark.parametrize("kind", KINDS)
def test_descriptions_are_single_sentences(catalog: dict[str, Any], kind: str) -> None:
    for entry in catalog[kind]:
        text = entry["description"]
        assert isinstance(text, str), entry["id"]
        assert text.strip() == text, entry["id"]
        assert text[:1].isupper(), entry["id"]
        assert text.endswith("."), entry["id"]
        assert not re.search(r"[.!?]\s", text), entry["id"]
        assert 10 <= len(text.split()) <= 25, entry["id"]
