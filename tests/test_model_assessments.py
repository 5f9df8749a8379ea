"""PMO.as_of and self-assessments in the model: loading, writing, the schema and the checks."""

from __future__ import annotations

import datetime

import attrs
import pytest

from valuering import PMO, Assessment, FlywheelStep, examples, validate
from valuering.errors import ValidationError
from valuering.io import dumps, json_schema, loads
from valuering.scoring import self_assessment

STEP_7 = [s.id for s in self_assessment(7).sections]


def _assessed() -> PMO:
    return attrs.evolve(
        examples.load("northwind-energy"),
        as_of=datetime.date(2025, 1, 31),
        assessments=[
            Assessment(
                step=FlywheelStep.SERVICE_MONITORING,
                date=datetime.date(2025, 1, 15),
                respondent="Ana",
                ratings={s: [4, 4, 3, 5, 4] for s in STEP_7},
            )
        ],
    )


def test_a_file_without_dates_loads_as_before() -> None:
    pmo = examples.load("northwind-energy")
    assert pmo.as_of is None
    assert pmo.assessments == ()
    assert "as_of" not in dumps(pmo, "toml")


@pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
def test_dates_and_assessments_round_trip(fmt: str) -> None:
    pmo = _assessed()
    text = dumps(pmo, fmt)
    assert "2025-01-31" in text
    again = loads(text, fmt)
    assert again == pmo
    assert again.assessments[0].ratings["sla-reporting"] == (4, 4, 3, 5, 4)


def test_a_bad_date_is_reported_with_its_path() -> None:
    text = 'schema = "valuering/1"\nid = "p"\nname = "P"\nas_of = "2025-13-01"\n'
    with pytest.raises(ValidationError) as error:
        loads(text, "toml")
    assert [p.path for p in error.value.problems] == ["as_of"]
    assert "expected a date (YYYY-MM-DD)" in str(error.value)


def test_validation_checks_ratings_against_the_instrument() -> None:
    ratings: dict[str, list[int]] = {s: [4, 4, 3, 5, 4] for s in STEP_7 if s != "sla-reporting"}
    ratings["sla-reportin"] = [1, 2]
    ratings["sla-compliance"] = [1, 2]
    one = Assessment(
        step=FlywheelStep.SERVICE_MONITORING, date=datetime.date(2025, 1, 15), ratings=ratings
    )
    pmo = attrs.evolve(examples.load("northwind-energy"), assessments=[one, one])
    with pytest.raises(ValidationError) as error:
        validate(pmo)
    assert [(p.path, p.message) for p in error.value.problems[:4]] == [
        ("assessments[0].ratings", "missing the ratings of section 'sla-reporting'"),
        (
            "assessments[0].ratings.sla-compliance",
            "expected 5 ratings (one per statement), got 2",
        ),
        (
            "assessments[0].ratings.sla-reportin",
            "step 7 has no section 'sla-reportin'; did you mean 'sla-reporting'?",
        ),
        (
            "assessments[1]",
            "step 'service-monitoring' assessed twice on 2025-01-15 (first at assessments[0])",
        ),
    ]


def test_a_rating_outside_1_to_5_is_refused_on_construction() -> None:
    with pytest.raises(ValidationError) as error:
        Assessment(
            step=FlywheelStep.SERVICE_MONITORING,
            date=datetime.date(2025, 1, 1),
            ratings={"sla-reporting": [4, 9, 4, 4, 4]},
        )
    assert "9 is not in 1..5" in str(error.value)


def test_the_schema_describes_dates() -> None:
    schema = json_schema()
    assert schema["properties"]["as_of"] == {
        "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]
    }
    assert schema["$defs"]["Assessment"]["properties"]["date"] == {
        "type": "string",
        "format": "date",
    }
