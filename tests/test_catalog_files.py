"""Catalog files as good as model files: lossless round trips in TOML, JSON and YAML, chains of
files in any order, every problem of a file in one run with its line, a JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import valuering as vr
from valuering.catalog import (
    Catalog,
    Link,
    dump_catalog,
    dumps_catalog,
    load_catalog,
    load_catalogs,
    loads_catalog,
    pmi_2025,
)
from valuering.errors import ValidationError
from valuering.io import catalog_json_schema
from valuering.testing import strategies as vs

FORMATS = ("toml", "json", "yaml")
KESTREL = (
    Path(__file__).parents[1] / "examples/catalog-plugin/src/valuering_kestrel/kestrel-2025.toml"
)


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    """Catalogs a consultant might make: PMI's, extended by new outcomes, competences, services
    (strengths anywhere in [0, 1]) and links, or standalone."""
    base = pmi_2025()
    taken = {*base.services, *base.outcomes, *base.competences}
    outcomes = draw(st.lists(vs.outcome_definitions(), max_size=3, unique_by=lambda o: o.id))
    outcomes = [o for o in outcomes if o.id not in taken]
    competences = draw(st.lists(vs.competence_definitions(), max_size=2, unique_by=lambda c: c.id))
    competences = [
        c for c in competences if c.id not in taken and c.id not in {o.id for o in outcomes}
    ]
    services = draw(st.lists(vs.service_definitions(base), max_size=3, unique_by=lambda s: s.id))
    services = [s for s in services if s.id not in taken]
    links = [
        Link(service=service, outcome=o.id, strength=draw(st.floats(0, 1)))
        for o in outcomes
        for service in draw(st.lists(vs.catalog_services(base), max_size=2, unique=True))
    ]
    catalog = base.extend(
        outcomes=outcomes,
        competences=competences,
        services=services,
        links=links,
        name=draw(vs.ids()),
    )
    if draw(st.booleans()):  # on its own: no approaches, only its own entries
        catalog = Catalog(
            name=catalog.name,
            title=draw(st.text(max_size=20)),
            outcomes={o.id: o for o in outcomes},
            competences={c.id: c for c in competences},
            services={
                s.id: s
                for s in [*services]
                if set(s.outcomes) <= {o.id for o in outcomes}
                and s.competences <= {c.id for c in competences}
            },
        )
    return catalog


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_built_in_catalog_round_trips(fmt: str) -> None:
    assert loads_catalog(dumps_catalog(pmi_2025(), fmt), fmt) == pmi_2025()


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=30, deadline=None)
@given(catalog=catalogs(), fmt=st.sampled_from(FORMATS))
def test_generated_catalogs_round_trip_in_every_format(catalog: Catalog, fmt: str) -> None:
    text = dumps_catalog(catalog, fmt)
    back = loads_catalog(text, fmt)
    assert back == catalog
    assert back.title == catalog.title
    assert dict(back.approaches) == dict(catalog.approaches)
    assert dumps_catalog(back, fmt) == text  # and writing it again changes nothing


def test_dump_and_load_a_file_in_each_format(tmp_path: Path) -> None:
    kestrel = load_catalog(KESTREL)
    for fmt in FORMATS:
        path = tmp_path / f"kestrel.{fmt}"
        dump_catalog(kestrel, path)
        assert load_catalog(path) == kestrel
        assert vr.load_catalog(path).strength("regulatory-readiness", "governance-oversight") == 0.5


def test_dump_of_a_catalog_with_the_model_writer_says_what_to_use(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"write catalogs with valuering\.dump_catalog"):
        vr.dump(pmi_2025(), tmp_path / "k.toml")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="expected a Catalog, got PMO"):
        dumps_catalog(vr.PMO(id="p", name="P"))  # type: ignore[arg-type]


def test_dumped_files_and_the_template_match_the_json_schema() -> None:
    schema = catalog_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(json.loads(dumps_catalog(pmi_2025(), "json")))) == []
    kestrel = json.loads(dumps_catalog(load_catalog(KESTREL), "json"))
    assert list(validator.iter_errors(kestrel)) == []
    kestrel["links"] = [{"service": "governance-oversight", "outcome": "x-y", "strength": 1.5}]
    assert [e.message for e in validator.iter_errors(kestrel)] == [
        "1.5 is greater than the maximum of 1"
    ]


# every problem at once, with lines -----------------------------------------------------------

BROKEN = """\
schema = "valuering-catalog/1"
name = "acme"
extends = "pmi-2025"

[[outcomes]]
id = "esg-compliance"
name = "ESG compliance"
horizon = "lnog"

[[services]]
id = "esg-reporting"
name = "ESG reporting"
category = "operational"
level_names = ["Ad hoc", "Defined", "Managed", "Measured", "Optimised"]
outcomes = { esg-complaince = 0.8 }
competences = ["acuracy"]

[[services]]
id = "portfolio-management"
name = "Portfolio management, our way"
category = "strategic"
level_names = ["1", "2", "3", "4", "5"]

[[links]]
service = "governance-oversight"
outcome = "esg-compliance"
strength = 1.5

[[links]]
service = "govenance-oversight"
outcome = "better-project-prioritization"
"""


def test_every_problem_of_a_catalog_file_comes_at_once_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_catalog(path)
    found = [(p.line, p.path, p.message) for p in caught.value.problems]
    assert found == [
        (
            8,
            "outcomes[0].horizon",
            "string 'lnog' is not one of 'short', 'short-medium', 'medium', 'medium-long', "
            "'long'; did you mean 'long'?",
        ),
        (
            15,
            "services[0].outcomes.esg-complaince",
            "unknown outcome id 'esg-complaince'; did you mean 'esg-compliance'?",
        ),
        (
            16,
            "services[0].competences",
            "unknown competence id 'acuracy'; did you mean 'accuracy'?",
        ),
        (
            19,
            "services[1].id",
            "'portfolio-management' is already in catalog 'pmi-2025' (pass override=True to "
            "replace it)",
        ),
        (27, "links[0].strength", "1.5 is not in [0, 1]"),
        (
            30,
            "links[1].service",
            "unknown service id 'govenance-oversight'; did you mean 'governance-oversight'?",
        ),
    ]
    assert all(p.file == str(path) for p in caught.value.problems)


# chains of files -----------------------------------------------------------------------------


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text('schema = "valuering-catalog/1"\n' + text, encoding="utf-8")
    return path


def test_a_chain_of_files_loads_in_any_order(tmp_path: Path) -> None:
    firm = _write(
        tmp_path,
        "firm.json",  # formats mix freely
        "",
    )
    firm.write_text(
        json.dumps(
            {
                "schema": "valuering-catalog/1",
                "name": "firm-2025",
                "extends": "pmi-2025",
                "outcomes": [{"id": "esg-compliance", "name": "ESG compliance", "horizon": "long"}],
            }
        ),
        encoding="utf-8",
    )
    client = _write(
        tmp_path,
        "client.toml",
        'name = "client-2025"\nextends = "firm-2025"\n\n[[links]]\n'
        'service = "governance-oversight"\noutcome = "esg-compliance"\nstrength = 0.5\n',
    )
    for order in ([firm, client], [client, firm]):
        loaded = load_catalogs(order)
        assert list(loaded) == [Path(p).stem + "-2025" for p in order]
        assert loaded["client-2025"].strength("esg-compliance", "governance-oversight") == 0.5
        assert "esg-compliance" in loaded["firm-2025"].outcomes


def test_chain_problems_name_their_files(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.toml", 'name = "a-cat"\nextends = "b-cat"\n')
    b = _write(tmp_path, "b.toml", 'name = "b-cat"\nextends = "a-cat"\n')
    c = _write(tmp_path, "c.toml", 'name = "a-cat"\nextends = "pmi-2025"\n')
    d = _write(tmp_path, "d.toml", 'name = "d-cat"\nextends = "firm-2025"\n')
    with pytest.raises(ValidationError) as caught:
        load_catalogs([a, b, c, d], hint="pass its file with --catalog FILE")
    assert [(p.file, p.line, str(p)) for p in caught.value.problems] == [
        (str(a), 3, f"extends: catalog 'b-cat' in {b} has problems"),
        (
            str(b),
            3,
            "extends: catalog files extend each other in a circle: a-cat -> b-cat -> a-cat",
        ),
        (str(c), 2, f"name: catalog 'a-cat' is also defined in {a}; give one file for it"),
        (
            str(d),
            3,
            "extends: unknown catalog id 'firm-2025'; did you mean 'pmi-2025'?; "
            "pass its file with --catalog FILE",
        ),
    ]
