"""Flywheel self-assessments: the instruments, the published band boundaries of every step, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from valuering import (
    AssessmentBand,
    FlywheelStep,
    score_self_assessment,
    self_assessment,
    self_assessments,
)
from valuering.errors import ValidationError
from valuering.scoring import SelfAssessment, read_ratings

C, P, A, G, E = (AssessmentBand(b) for b in ("critical", "poor", "average", "good", "excellent"))

# (sections, [(low, high) of critical, poor, average, good, excellent]) from the published table;
# step 4's excellent band ends at 175, not the misprinted 160.
PUBLISHED = {
    1: (5, [(25, 50), (51, 76), (77, 97), (98, 112), (113, 125)]),
    2: (5, [(25, 50), (51, 76), (77, 97), (98, 112), (113, 125)]),
    3: (5, [(25, 50), (51, 76), (77, 97), (98, 112), (113, 125)]),
    4: (7, [(35, 67), (68, 101), (102, 130), (131, 153), (154, 175)]),
    5: (6, [(30, 58), (59, 88), (89, 113), (114, 133), (134, 150)]),
    6: (7, [(35, 67), (68, 101), (102, 130), (131, 153), (154, 175)]),
    7: (4, [(20, 38), (39, 58), (59, 75), (76, 88), (89, 100)]),
    8: (6, [(30, 58), (59, 88), (89, 113), (114, 133), (134, 150)]),
    9: (5, [(25, 50), (51, 76), (77, 97), (98, 112), (113, 125)]),
    10: (6, [(30, 58), (59, 88), (89, 113), (114, 133), (134, 150)]),
}


def ratings_for(instrument: SelfAssessment, total: int) -> dict[str, list[int]]:
    """Ratings whose sum is ``total``: start from all 1s and raise statements one by one."""
    extra = total - instrument.minimum
    ratings = {}
    for section in instrument.sections:
        row = []
        for _ in range(5):
            step = min(4, extra)
            extra -= step
            row.append(1 + step)
        ratings[section.id] = row
    assert extra == 0
    return ratings


def test_instrument_structure() -> None:
    instruments = self_assessments()
    assert [i.step.number for i in instruments] == list(range(1, 11))
    for instrument in instruments:
        sections, bands = PUBLISHED[instrument.step.number]
        assert len(instrument.sections) == sections
        assert all(len(s.statements) == 5 for s in instrument.sections)
        assert all(
            s.statements[i] != s.statements[j]
            for s in instrument.sections
            for i in range(5)
            for j in range(i)
        )
        assert [(b.low, b.high) for b in instrument.bands] == bands
        assert [b.band for b in instrument.bands] == [C, P, A, G, E]
        assert (instrument.minimum, instrument.maximum) == (bands[0][0], bands[-1][1])
        assert [s.number for s in instrument.sections] == list(range(1, sections + 1))
        assert len(instrument.scale) == 5
    assert sum(len(i.sections) for i in instruments) == 56


def test_section_titles_and_scales() -> None:
    assert [s.title for s in self_assessment(7).sections] == [
        "Monitoring framework",
        "SLA compliance",
        "SLA reporting",
        "Customer feedback",
    ]
    assert self_assessment(1).scale[0] == "Not at all / ineffective"
    assert self_assessment(2).scale[0] == "Not at all / never"
    assert self_assessment("service-development") is self_assessment(
        FlywheelStep.SERVICE_DEVELOPMENT
    )
    assert self_assessment(4).to_frame().shape == (35, 5)


@pytest.mark.parametrize("step", range(1, 11))
def test_every_band_boundary(step: int) -> None:
    instrument = self_assessment(step)
    for band, (low, high) in zip([C, P, A, G, E], PUBLISHED[step][1], strict=True):
        assert score_self_assessment(step, ratings_for(instrument, low)).band is band
        assert score_self_assessment(step, ratings_for(instrument, high)).band is band


@pytest.mark.parametrize(
    ("step", "total", "band"),
    [
        (1, 112, G),
        (1, 113, E),
        (1, 50, C),
        (1, 51, P),
        (7, 88, G),
        (7, 89, E),
        (6, 175, E),
        (4, 153, G),
        (4, 154, E),
        (4, 160, E),
        (4, 170, E),
        (4, 175, E),
    ],
)
def test_published_examples(step: int, total: int, band: AssessmentBand) -> None:
    result = score_self_assessment(step, ratings_for(self_assessment(step), total))
    assert (result.total, result.band) == (total, band)


def test_section_totals_and_records() -> None:
    instrument = self_assessment(7)
    ratings = {
        "monitoring-framework": [4, 4, 3, 5, 4],  # 20
        "sla-compliance": [3, 3, 3, 3, 3],  # 15
        "sla-reporting": [5, 5, 5, 5, 5],  # 25
        "customer-feedback": [1, 2, 1, 2, 1],  # 7
    }
    result = score_self_assessment(FlywheelStep.SERVICE_MONITORING, ratings)
    assert [s.total for s in result.values()] == [20, 15, 25, 7]
    assert list(result) == list(ratings)
    assert result["sla-reporting"].total == 25
    assert repr(result) == "<AssessmentScore: 4 sections; step 7; 67 of 100 (67.0 %); Average>"
    assert result.total == 67  # 20 + 15 + 25 + 7: Average (59-75)
    assert result.band is A
    assert result.percent == 67.0  # 67 of 100
    assert result.to_records()[3] == {
        "section": "customer-feedback",
        "title": "Customer feedback",
        "total": 7,
        "maximum": 25,
    }
    assert instrument.band_for(67) is A


def test_errors_name_section_and_statement() -> None:
    ratings = ratings_for(self_assessment(4), 100)
    ratings["delivery-approach-design"] = [4, 3, 4, 6, 3]
    ratings["process-design"] = [4, 3, 4]
    ratings["service-catalog"] = [1, "2", 3, 4.0, True]  # type: ignore[list-item]
    del ratings["implementation-planning"]
    ratings["sla-and-customer-validation"] = [1, 1, 1, 1, 1]
    with pytest.raises(ValidationError) as info:
        score_self_assessment(4, ratings)
    assert info.value.title == "step 4 ratings"
    assert [str(p) for p in info.value.problems] == [
        "sections.sla-and-customer-validation: step 4 has no such section; "
        "did you mean 'slas-and-customer-validation'?",
        "sections.delivery-approach-design[3]: 6 is not a rating from 1 to 5",
        "sections.process-design: expected 5 ratings (one per statement), got 3",
        "sections.service-catalog[1]: '2' is not a rating from 1 to 5",
        "sections.service-catalog[3]: 4.0 is not a rating from 1 to 5",
        "sections.service-catalog[4]: True is not a rating from 1 to 5",
        "sections.implementation-planning: missing: the five ratings of section 'Implementation planning'",
    ]


def test_bad_step_and_shape() -> None:
    with pytest.raises(ValidationError, match=r"11 is not a step number in 1\.\.10"):
        self_assessment(11)
    with pytest.raises(ValidationError, match="did you mean 'service-operation'"):
        self_assessment("service-operations")
    with pytest.raises(ValidationError, match="expected a table of section ids"):
        score_self_assessment(1, [[1, 2, 3, 4, 5]])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="expected a list of 5 ratings"):
        score_self_assessment(7, {**ratings_for(self_assessment(7), 20), "sla-reporting": "55555"})  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match=r"total: 19 is outside 20\.\.100"):
        self_assessment(7).band_for(19)
    with pytest.raises(ValidationError, match=r"total: 50\.5 is not a whole number"):
        self_assessment(7).band_for(50.5)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="total: '50' is not a whole number"):
        self_assessment(7).band_for("50")  # type: ignore[arg-type]


def test_read_ratings_toml_and_json(tmp_path: Path) -> None:
    toml_file = tmp_path / "step7.toml"
    toml_file.write_text(
        "step = 7\n[sections]\nmonitoring-framework = [4, 4, 3, 5, 4]\nsla-compliance = [3, 3, 3, 3, 3]\n"
        "sla-reporting = [5, 5, 5, 5, 5]\ncustomer-feedback = [1, 2, 1, 2, 1]\n",
        encoding="utf-8",
    )
    step, ratings = read_ratings(toml_file)
    assert step is FlywheelStep.SERVICE_MONITORING
    assert score_self_assessment(step, ratings).total == 67
    json_file = tmp_path / "step7.json"
    json_file.write_text(
        json.dumps({"step": "service-monitoring", "sections": ratings}), encoding="utf-8"
    )
    assert read_ratings(json_file) == (FlywheelStep.SERVICE_MONITORING, ratings)


def test_read_ratings_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("stepp = 7\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        read_ratings(bad)
    assert info.value.title == str(bad)
    assert [(p.line, str(p)) for p in info.value.problems] == [
        (1, "sections: missing: a table of section ids to five ratings each"),
        (1, "step: missing: the flywheel step (1-10) these ratings are for"),
        (1, "stepp: unknown key; did you mean 'step'?"),
    ]  # a missing key is on the document's first line
    assert {p.file for p in info.value.problems} == {str(bad)}
    broken = tmp_path / "broken.toml"
    broken.write_text("step = \n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        read_ratings(broken)
    assert info.value.title == str(broken)
    (problem,) = info.value.problems
    assert (problem.file, problem.line) == (str(broken), 1)
    assert problem.message == "not valid TOML: Invalid value (line 1, column 8)"
    wrong_step = tmp_path / "wrong.json"
    wrong_step.write_text('{"step": 12, "sections": {}}', encoding="utf-8")
    with pytest.raises(ValidationError, match="12 is not a step number"):
        read_ratings(wrong_step)


STEP7 = {
    "monitoring-framework": [4, 4, 3, 5, 4],
    "sla-compliance": [3, 3, 3, 3, 3],
    "sla-reporting": [5, 5, 5, 5, 5],
    "customer-feedback": [1, 2, 1, 2, 1],
}


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_read_ratings_yaml(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"step7{suffix}"
    path.write_text(
        "# step 7: service monitoring\nstep: service-monitoring\nsections:\n"
        + "".join(f"  {section}: {ratings}\n" for section, ratings in STEP7.items()),
        encoding="utf-8",
    )
    assert read_ratings(path) == (FlywheelStep.SERVICE_MONITORING, STEP7)


def test_read_ratings_json_problems_have_lines(tmp_path: Path) -> None:
    path = tmp_path / "step7.json"
    path.write_text(json.dumps({"step": 7, "sections": STEP7}, indent=2), encoding="utf-8")
    assert read_ratings(path) == (FlywheelStep.SERVICE_MONITORING, STEP7)
    path.write_text(
        "{\n"  # 1
        '  "step": 7,\n'  # 2
        '  "sections": {\n'  # 3
        '    "sla-reporting": [5, 5, 5, 5, 5],\n'  # 4
        '    "sla-reportng": [5, 5, 5, 5, 5],\n'  # 5
        '    "sla-reporting": [4, 4, 4, 4, 4]\n'  # 6
        "  },\n"  # 7
        '  "steps": 7\n'  # 8
        "}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as info:
        read_ratings(path)
    assert info.value.title == str(path)
    assert [(p.line, str(p)) for p in info.value.problems] == [
        (
            5,
            "sections.sla-reportng: step 7 has no such section; did you mean 'sla-reporting'?",
        ),
        (6, "sections.sla-reporting: key 'sla-reporting' is given twice (first on line 4)"),
        (8, "steps: unknown key; did you mean 'step'?"),
    ]


def test_read_ratings_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    text = "step = 7\n[sections]\n" + "".join(f"{s} = {r}\n" for s, r in STEP7.items())
    for suffix, content in [(".toml", text), (".json", json.dumps({"step": 7, "sections": STEP7}))]:
        path = tmp_path / f"bom{suffix}"
        path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
        assert read_ratings(path) == (FlywheelStep.SERVICE_MONITORING, STEP7)


def test_read_ratings_reports_every_mistake_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "step7.toml"
    path.write_text(
        "step = 7\n"  # 1
        "rater = 'ops'\n"  # 2
        "\n"  # 3
        "[sections]\n"  # 4
        "monitoring-framework = [4, 4, 3, 5, 4]\n"  # 5
        "sla-complience = [3, 3, 3, 3, 3]\n"  # 6
        "customer-feedbak = [1, 2, 1, 2, 1]\n",  # 7
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as info:
        read_ratings(path)
    error = info.value
    assert error.title == str(path)
    assert [(p.file, p.line, str(p)) for p in error.problems] == [
        (str(path), 2, "rater: unknown key"),
        (
            str(path),
            6,
            "sections.sla-complience: step 7 has no such section; did you mean 'sla-compliance'?",
        ),
        (
            str(path),
            7,
            "sections.customer-feedbak: step 7 has no such section; "
            "did you mean 'customer-feedback'?",
        ),
    ]
    assert str(error).startswith(f"{path}: 3 problems:\n  rater: unknown key (line 2)")
    path = tmp_path / "step7.yaml"
    path.write_text("step: 11\nsections: [1, 2]\nsection: {}\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        read_ratings(path)
    assert [(p.line, str(p)) for p in info.value.problems] == [
        (1, "step: 11 is not a step number in 1..10"),
        (2, "sections: expected a table of section ids to ratings, got a list"),
        (3, "section: unknown key; did you mean 'sections'?"),
    ]


def test_read_ratings_file_type_and_encoding(tmp_path: Path) -> None:
    path = tmp_path / "step7.txt"
    path.write_text("step = 7\n[sections]\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"unknown file type '\.txt'; use one of \.toml"):
        read_ratings(path)
    path = tmp_path / "latin1.toml"
    path.write_bytes("step = 7\n# Évaluation\n".encode("latin-1"))
    with pytest.raises(ValidationError, match=r"not UTF-8 text \(byte 11\) \(line 2\)"):
        read_ratings(path)
    for text in ["", "[1, 2]"]:
        path = tmp_path / "empty.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ValidationError, match="expected a table with 'step' and 'sections'"):
            read_ratings(path)
    with pytest.raises(ValidationError, match="expected a file path, got int"):
        read_ratings(7)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        read_ratings(tmp_path / "missing.toml")


# The implementation activities of each step (domain.md 1.12), which are the sections of its instrument.
SECTION_TITLES = {
    1: [
        "Identify potential customers",
        "Regular touchpoints",
        "Educate customers",
        "Measure effectiveness",
        "Continuous improvement of awareness",
    ],
    2: [
        "Outcome-based needs assessment",
        "Data collection and outcome analysis",
        "Gap analysis and opportunities",
        "Prioritize needs",
        "Demonstrate value of the needs assessment",
    ],
    3: [
        "Synthesize needs",
        "Map pains to solutions",
        "Define the value proposition",
        "Establish and evolve",
        "Measure and refine",
    ],
    4: [
        "Delivery approach design",
        "Process design",
        "Service catalog",
        "Service KPIs and goals",
        "Resources and competency mapping",
        "SLAs and customer validation",
        "Implementation planning",
    ],
    5: [
        "Customer preparation and engagement",
        "Service training program",
        "Pilot and feedback loops",
        "Support infrastructure",
        "Performance monitoring and evaluation framework",
        "Transition to full operation",
    ],
    6: [
        "Daily delivery management",
        "Executing SLAs",
        "Handling requests and inquiries",
        "Resource allocation and workload",
        "Customer engagement and communication",
        "Risk and issue management",
        "Knowledge management and capacity building",
    ],
    7: ["Monitoring framework", "SLA compliance", "SLA reporting", "Customer feedback"],
    8: [
        "Service maturity assessment",
        "Maturity gaps and opportunities",
        "Improvement roadmap",
        "Implement enhancements",
        "Feedback and lessons learned",
        "Transition back to operation or onboarding",
    ],
    9: [
        "Value measurement framework",
        "Quantitative impact analysis",
        "Customers' expected benefits realization",
        "Synthesize and communicate results",
        "Iterative refinement",
    ],
    10: [
        "Value perception surveys",
        "Recognition workshops",
        "Value recognition dashboard",
        "Storytelling campaigns",
        "360-degree value feedback system",
        "Recognition events",
    ],
}


def test_section_titles_of_every_step() -> None:
    assert {
        i.step.number: [s.title for s in i.sections] for i in self_assessments()
    } == SECTION_TITLES
