"""diff and compare on two versions of the bundled example, worked by hand."""

from __future__ import annotations

import datetime
import json

import attrs
import pytest

from valuering import PMO, Assessment, Customer, Expectation, FlywheelStep, examples
from valuering.cli import main
from valuering.errors import ValidationError
from valuering.history import ChangeKind, compare, diff, headline_figures
from valuering.io import dump
from valuering.scoring import self_assessment

STEP_7_GOOD = {s.id: [5, 5, 4, 4, 4] for s in self_assessment(7).sections}  # 4 sections x 22 = 88


def _next_year(old: PMO) -> PMO:
    """The example a year on: pmis up a level, risk management on pmis, one indicator dropped,
    step 7 self-assessed."""
    offerings = [
        attrs.evolve(o, maturity=4)
        if o.id == "pmis"
        else attrs.evolve(o, depends_on=(*o.depends_on, "pmis"))
        if o.id == "risk-management"
        else o
        for o in old.offerings
    ]
    assessment = Assessment(
        step=FlywheelStep.SERVICE_MONITORING,
        date=datetime.date(2026, 1, 20),
        respondent="Anna Berg",
        ratings=STEP_7_GOOD,
    )
    return attrs.evolve(
        old,
        as_of=datetime.date(2026, 1, 31),
        offerings=offerings,
        indicators=old.indicators[1:],
        assessments=[assessment],
    )


@pytest.fixture
def old() -> PMO:
    return attrs.evolve(examples.load("northwind-energy"), as_of=datetime.date(2025, 1, 31))


def test_diff_lists_every_change_matched_by_id(old: PMO) -> None:
    new = _next_year(old)
    rows = [(c.kind, c.id, c.change.value, c.field, c.before, c.after) for c in diff(old, new)]
    assert rows == [
        ("pmo", "northwind-energy-epmo", "changed", "as_of", "2025-01-31", "2026-01-31"),
        ("offering", "pmis", "changed", "maturity", 3, 4),
        ("dependency", "risk-management -> pmis", "added", None, None, None),
        ("indicator", "methodology-adherence", "removed", None, None, None),
        ("assessment", "service-monitoring@2026-01-20", "added", None, None, None),
    ]
    assert diff(old, new).counts() == {"added": 2, "removed": 1, "changed": 2}


def test_diff_of_customers_and_expectations(old: PMO) -> None:
    coo = old.customers[0]
    changed_coo = attrs.evolve(
        coo,
        weight=2.0,
        expectations=[
            attrs.evolve(coo.expectations[0], priority=1),  # greater-alignment...: 5 -> 1
            *coo.expectations[1:3],  # increased-visibility... removed
            Expectation(outcome="effective-knowledge-transfer", priority=2),
        ],
    )
    newcomer = Customer(id="treasurer", name="Treasurer", group="executives-and-senior-management")
    new = attrs.evolve(old, customers=[changed_coo, *old.customers[1:], newcomer])
    rows = [(c.kind, c.id, c.change, c.field, c.before, c.after) for c in diff(old, new)]
    assert rows == [
        (
            "customer",
            "coo",
            ChangeKind.CHANGED,
            "weight",
            3,
            2,
        ),  # whole numbers as a file writes them
        ("customer", "treasurer", ChangeKind.ADDED, None, None, None),
        (
            "expectation",
            "coo/greater-alignment-with-strategic-objectives",
            ChangeKind.CHANGED,
            "priority",
            5,
            1,
        ),
        (
            "expectation",
            "coo/increased-visibility-of-project-progress",
            ChangeKind.REMOVED,
            None,
            None,
            None,
        ),
        ("expectation", "coo/effective-knowledge-transfer", ChangeKind.ADDED, None, None, None),
    ]


def test_a_model_equals_itself(old: PMO) -> None:
    assert len(diff(old, old)) == 0
    assert compare(old, old).changed() == ()


def test_compare_by_hand(old: PMO) -> None:
    result = compare(old, _next_year(old))
    # Tactical X3: four services, levels 10 -> 11 of 20: 100 * 11 / 20 = 55.
    assert (result["maturity.tactical"].before, result["maturity.tactical"].after) == (50.0, 55.0)
    # Overall: twelve services, levels 27 -> 28 of 60.
    assert result["overall-maturity"].after == pytest.approx(100 * 28 / 60)
    assert result["overall-maturity"].delta == pytest.approx(100 / 60)
    # pmis reaches its target 4: one offering and one level fewer below target.
    assert (result["gaps.open"].before, result["gaps.open"].after, result["gaps.open"].delta) == (
        11,
        10,
        -1.0,
    )
    assert (result["gaps.levels"].before, result["gaps.levels"].after) == (16, 15)
    # Service delivery: (72/85 + 1.0 capped from 97/95) / 2 before; only 97/95 -> 1.0 after.
    delivery = result["attainment.service-delivery"]
    assert delivery.before == pytest.approx((72 / 85 + 1.0) / 2)
    assert delivery.after == 1.0
    # Step 7 assessed for the first time: 4 sections x (5+5+4+4+4) = 88, in the Good band.
    total = result["assessment.service-monitoring.total"]
    assert (total.before, total.after, total.delta) == (None, 88, None)
    band = result["assessment.service-monitoring.band"]
    assert (band.before, band.after, band.unit) == (None, "good", "band")
    # Higher maturity covers more when strengths are scaled by it; the plain coverage does not move.
    weighted = result["maturity-weighted-coverage"].delta
    assert weighted is not None
    assert weighted > 0
    assert {f.figure for f in result.changed()} == {
        "maturity-weighted-coverage",
        "maturity.tactical",
        "overall-maturity",
        "gaps.open",
        "gaps.levels",
        "attainment.service-delivery",
        "assessment.service-monitoring.total",
        "assessment.service-monitoring.band",
    }


def test_the_latest_assessment_of_a_step_counts(old: PMO) -> None:
    poor = {s.id: [2, 2, 2, 2, 2] for s in self_assessment(7).sections}  # 4 x 10 = 40
    earlier = Assessment(
        step=FlywheelStep.SERVICE_MONITORING, date=datetime.date(2024, 6, 1), ratings=poor
    )
    later = Assessment(
        step=FlywheelStep.SERVICE_MONITORING, date=datetime.date(2025, 1, 1), ratings=STEP_7_GOOD
    )
    figures = headline_figures(attrs.evolve(old, assessments=[later, earlier]))
    assert figures["assessment.service-monitoring.total"] == 88


def test_figures_follow_the_result_protocol(old: PMO) -> None:
    result = compare(old, _next_year(old))
    records = result.to_records()
    assert records[0] == {
        "figure": "coverage",
        "label": "Coverage",
        "unit": "share",
        "before": pytest.approx(0.984),
        "after": pytest.approx(0.984),
        "delta": pytest.approx(0.0),
    }
    assert repr(result).startswith(
        "<Comparison: 37 figures; 8 changed;"
    )  # 35 + the two step-7 figures
    assert "<table" in result._repr_html_()


def test_an_unsound_model_is_refused(old: PMO) -> None:
    broken = attrs.evolve(old, team=old.team[1:])  # anna-berg still owns offerings
    with pytest.raises(ValidationError, match="unknown team member id 'anna-berg'"):
        diff(old, broken)
    with pytest.raises(ValidationError, match="unknown team member id 'anna-berg'"):
        compare(broken, old)


def test_valuering_diff_text_and_json(
    old: PMO, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    dump(old, folder / "2025.toml")
    dump(_next_year(old), folder / "2026.yaml")
    assert main(["diff", str(folder / "2025.toml"), str(folder / "2026.yaml")]) == 0
    text = capsys.readouterr().out
    assert "changed  offering    pmis                           maturity: 3 -> 4" in text
    assert "Maturity (X3), tactical" in text
    assert "+5.0 pts" in text
    assert (
        main(["diff", str(folder / "2025.toml"), str(folder / "2026.yaml"), "--format", "json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"added": 2, "removed": 1, "changed": 2}
    figures = {row["figure"]: row for row in data["figures"]}
    assert figures["assessment.service-monitoring.total"]["after"] == 88


def test_valuering_diff_of_a_missing_file(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", f"{tmp_path}/a.toml", f"{tmp_path}/b.toml"]) == 1
    assert "valuering diff: no such file" in capsys.readouterr().err
