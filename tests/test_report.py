"""valuering.report: the summary, the text view of each result and the JSON data of results."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import math
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import valuering
from valuering import (
    PMO,
    Customer,
    Expectation,
    Horizon,
    ServiceOffering,
    ValidationError,
    check,
    coverage,
    examples,
    horizon_balance,
    impact_of,
    maturity_by_category,
    maturity_gaps,
    overall_maturity,
    pmi_2025,
    recommend_services,
    report,
    score_self_assessment,
    self_assessment,
    smallest_mix,
    trace_value,
    value_attribution,
)
from valuering.cli import main
from valuering.errors import Problem
from valuering.model import Outcome
from valuering.scoring import read_ratings
from valuering.testing.strategies import pmos
from valuering.validation import bind_catalog

NORTHWIND = examples.load("northwind-energy")
FILE = str(examples.path("northwind-energy"))


def _lines(text: str) -> list[str]:
    return text.splitlines()


# summary ---------------------------------------------------------------------------------------


def test_summary_of_the_example_on_its_key_lines() -> None:
    lines = _lines(report.summary(NORTHWIND))
    assert lines[:2] == ["Northwind Energy Enterprise PMO", "==============================="]
    assert (
        "Scope: enterprise; industry: energy and utilities; scenario: growing; catalog: pmi-2025."
        in lines
    )
    assert "7 customers, 12 offerings, 4 team members, 6 indicators." in lines
    assert "   13.5 %  Higher return on investment (ROI)" in lines
    portfolio = next(line for line in lines if "Capital portfolio management" in line)
    assert portfolio.split()[3:5] == ["2/4", "●●○○"]
    assert (
        "The offerings cover 98 % of the weighted demand (75 % when weighted by maturity)." in lines
    )
    assert "Most offerings are at step 6 (service operation), in the deployment stage." in lines
    assert "Overall (all 12 offerings, our extension of X3): 45 %" in lines
    assert "SLAs: 2 green, 2 red" in lines
    assert (
        "Weakest team fit: risk-management 38 %, resource-management 50 %, benefits 60 %" in lines
    )
    assert "The offerings cover 98.4 % of the weighted demand." in lines
    assert (
        "Losing 'methodology' puts the most demand at risk: 81.6 % (11 offerings drop out with it, "
        "6 customers affected)." in lines
    )
    assert "  1. methodology, pmis" in lines
    assert lines[-1].startswith("  unmet-demand: outcome 'improved-project-customer-relationships'")


def test_summary_sections_come_in_order() -> None:
    text = report.summary(NORTHWIND)
    titles = [
        "Customers and their top expected outcomes",
        "Offerings by category: maturity against target",
        "Flywheel position: where each offering is in its cycle",
        "Scores for the steering committee",
        "Value tracing: which offerings carry the demand",
    ]
    positions = [text.index(f"\n{title}\n") for title in titles]
    assert positions == sorted(positions)


def test_the_demo_prints_the_summary_and_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert out == f"{report.summary(NORTHWIND)}\n\nThe model file: {FILE}\n"


def test_summary_of_an_empty_model_says_none() -> None:
    text = report.summary(PMO(id="p", name="Empty PMO"))
    assert "0 customers, 0 offerings, 0 team members, 0 indicators." in text
    assert "No customers yet." in text
    assert "Strategic: no offerings" in text
    assert "Weakest team fit: none" in text
    assert "Delivery waves (each needs only earlier waves):\n  none: no offerings" in text


def test_summary_uses_the_catalog_given_or_bound() -> None:
    acme = pmi_2025().extend(
        name="acme-report-test",
        outcomes=[Outcome(id="esg-compliance", name="ESG compliance", horizon=Horizon.LONG)],
    )
    pmo = PMO(
        id="p",
        name="P",
        catalog="acme-report-test",
        customers=(
            Customer(
                id="cfo",
                name="CFO",
                group="executives-and-senior-management",
                expectations=(Expectation(outcome="esg-compliance"),),
            ),
        ),
    )
    given = report.summary(pmo, catalog=acme)
    assert "catalog: acme-report-test." in given
    assert "  100.0 %  ESG compliance" in _lines(given)
    assert report.summary(bind_catalog(pmo, catalog=acme)) == given  # bound, as load(catalog=) does


def test_summary_refuses_an_unsound_model() -> None:
    pmo = PMO(
        id="p",
        name="P",
        offerings=(ServiceOffering(id="x", service="no-such-service", maturity=1),),
    )
    with pytest.raises(ValidationError, match="unknown service id 'no-such-service'"):
        report.summary(pmo)
    with pytest.raises(ValidationError):
        report.summary_data(pmo)


@settings(max_examples=15)
@given(pmos())
def test_any_sound_model_has_a_summary_and_its_data(pmo: PMO) -> None:
    text = report.summary(pmo)
    assert text.startswith(pmo.name)
    data = report.summary_data(pmo)
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert data["counts"]["offerings"] == len(pmo.offerings)


def test_summary_data_of_the_example() -> None:
    data = report.summary_data(NORTHWIND)
    assert list(data) == [
        "pmo",
        "counts",
        "demand",
        "coverage",
        "offerings",
        "flywheel",
        "maturity",
        "gaps",
        "recommended",
        "competences",
        "indicators",
        "slas",
        "value_gap",
        "attribution",
        "riskiest_loss",
        "waves",
        "findings",
    ]
    assert data["pmo"]["catalog"] == "pmi-2025"
    assert data["demand"][0]["outcome"] == "higher-return-on-investment"
    assert data["demand"][0]["demand"] == pytest.approx(0.135, abs=5e-4)
    assert data["maturity"]["overall"]["percent"] == 45.0
    assert data["gaps"][0]["offering"] == "portfolio-management"
    assert data["recommended"][0]["service"] == "performance-management"
    assert data["slas"]["green"] == data["slas"]["red"] == 2
    assert data["riskiest_loss"]["demand_at_risk"] == pytest.approx(0.816, abs=5e-4)
    assert [f["kind"] for f in data["findings"]] == ["unmet-demand"]
    assert json.loads(json.dumps(data, allow_nan=False)) == data


# text views ------------------------------------------------------------------------------------


def test_text_catalog() -> None:
    lines = _lines(report.text_catalog())
    assert lines[2] == "26 services, 30 outcomes, 30 competences, 7 customer groups."
    assert any(line.split()[:2] == ["1", "advice-to-executive-level"] for line in lines)
    assert lines[-1] == '"PMO Value Ring" is a trademark of the Project Management Institute (PMI).'


def test_text_catalog_of_an_extended_catalog() -> None:
    extended = pmi_2025().extend(
        name="acme-catalog-view",
        outcomes=[Outcome(id="esg-compliance", name="ESG compliance", horizon=Horizon.LONG)],
    )
    acme = attrs.evolve(extended, title="ACME catalog")
    lines = _lines(report.text_catalog(acme))
    assert lines[:2] == ["ACME catalog", "============"]
    assert lines[2] == "26 services, 31 outcomes, 30 competences, 7 customer groups."
    assert any(
        line.split() == ["esg-compliance", "ESG", "compliance", "long", "0"] for line in lines
    )


def test_text_maturity() -> None:
    text = report.text_maturity(
        maturity_by_category(NORTHWIND),
        overall_maturity(NORTHWIND),
        maturity_gaps(NORTHWIND),
        NORTHWIND,
        top=3,
    )
    lines = _lines(text)
    assert (
        lines[0] == "Northwind Energy Enterprise PMO: service maturity (Practice Guide appendix X3)"
    )
    assert "strategic            4      40 %  ████████············" in lines
    assert lines[-1] == "... and 8 more below target (--top 11 lists all)."
    assert lines[-4].startswith("portfolio-management  2 Structured selection and prioritization")


def test_text_maturity_when_every_target_is_met() -> None:
    pmo = PMO(
        id="p",
        name="P",
        offerings=(ServiceOffering(id="a", service="risk-management", maturity=3),),
    )
    text = report.text_maturity(
        maturity_by_category(pmo), overall_maturity(pmo), maturity_gaps(pmo), pmo
    )
    assert text.endswith("\nEvery offering is at or above its target.")


def _recommendations(pmo: PMO, target: float, top: int = 3) -> str:
    return report.text_recommendations(
        recommend_services(pmo),
        smallest_mix(pmo, target),
        horizon_balance(pmo),
        pmo,
        coverage=coverage(pmo),
        weighted_coverage=coverage(pmo, maturity_weighted=True),
        top=top,
    )


def test_text_recommendations() -> None:
    lines = _lines(_recommendations(NORTHWIND, 0.8))
    assert lines[4].split()[:4] == ["1", "Portfolio", "management", "0.352"]
    assert lines[7] == ""  # three services, then the coverage
    assert (
        lines[8] == "The 12 current offerings cover 98 % of the demand (75 % weighted by maturity)."
    )
    assert lines[9].startswith("Covered demand by horizon: short 3 %, short-medium 29 %")
    assert "Smallest mix reaching 80 % coverage (greedy)" in lines
    assert lines[-1].split()[-2:] == ["83.2", "%"]


def test_text_recommendations_says_when_the_target_is_out_of_reach() -> None:
    acme = pmi_2025().extend(
        name="acme-unreachable",
        outcomes=[Outcome(id="esg-compliance", name="ESG compliance", horizon=Horizon.LONG)],
    )
    customer = Customer(
        id="cfo",
        name="CFO",
        group="executives-and-senior-management",
        expectations=(
            Expectation(outcome="esg-compliance"),
            Expectation(outcome="higher-return-on-investment"),
        ),
    )
    pmo = PMO(id="p", name="P", catalog="acme-unreachable", customers=(customer,))
    text = report.text_recommendations(
        recommend_services(pmo, catalog=acme),
        smallest_mix(pmo, 0.9, catalog=acme),
        horizon_balance(pmo, catalog=acme),
        pmo,
        coverage=coverage(pmo, catalog=acme),
        weighted_coverage=coverage(pmo, catalog=acme, maturity_weighted=True),
        catalog=acme,
    )
    assert "The 0 current offerings cover 0 % of the demand (0 % weighted by maturity)." in text
    assert text.splitlines()[-1] == "The target is not reachable: the whole catalog covers 50.0 %."


def test_text_assessment_and_the_templates_round_trip(tmp_path: Path) -> None:
    instrument = self_assessment(4)
    toml = tmp_path / "step4.toml"
    toml.write_text(report.ratings_template(instrument), encoding="utf-8")
    as_json = tmp_path / "step4.json"
    as_json.write_text(json.dumps(report.ratings_data(instrument)), encoding="utf-8")
    for path in (toml, as_json):
        step, ratings = read_ratings(path)
        text = report.text_assessment(score_self_assessment(step, ratings))
        lines = _lines(text)
        assert lines[0] == "Step 4 self-assessment: Service development"
        assert "Delivery approach design             15  25  ██████····" in lines
        assert lines[-1] == "Total 105 of 175: Average (102-130)."


def test_text_trace() -> None:
    pmo = NORTHWIND
    lines = _lines(report.text_trace(trace_value(pmo, "reporting"), pmo, top=2))
    assert lines[0] == "Value trace: reporting (Portfolio dashboard and reporting)"
    assert lines[8] == "More accurate project forecasting              5.3 %         1      1.8 %"
    assert "... and 5 more (--top to show more)." in lines
    assert lines[-1].startswith("All offerings that need it (4): portfolio-management, benefits")
    none_shown = _lines(report.text_trace(trace_value(pmo, "reporting"), pmo, top=0))
    after = none_shown.index("Customers who expect them (7 expectations)")
    assert none_shown[after + 2] == "... and 7 more (--top to show more)."


def test_text_trace_of_an_offering_nobody_needs() -> None:
    pmo = PMO(
        id="p",
        name="P",
        offerings=(ServiceOffering(id="a", service="risk-management", maturity=3),),
    )
    text = report.text_trace(trace_value(pmo, "a"), pmo)
    assert "Customers who expect them (0 expectations)" in text
    assert "No customer expects any of its outcomes." in text
    assert text.endswith("All offerings that need it (0): none.")


def test_text_impact() -> None:
    lines = _lines(report.text_impact(impact_of(NORTHWIND, "pmis"), NORTHWIND, top=2))
    assert lines[0] == "Impact of losing pmis (Project information system)"
    assert lines[3] == "Coverage of demand: 98.4 % -> 57.4 %; demand at risk: 41.0 %."
    assert lines[-1] == (
        "Customers affected (6): Chief Financial Officer, Chief Operating Officer, "
        "and 4 more (--top to show more)."
    )
    no_loss = report.text_impact(impact_of(NORTHWIND, "coaching"), NORTHWIND)
    assert "Lost with it (1 offering): coaching." in _lines(no_loss)
    assert no_loss.endswith("No outcome's coverage drops: other offerings cover the same outcomes.")


def test_text_findings() -> None:
    lines = _lines(report.text_findings(check(NORTHWIND), NORTHWIND))
    assert lines[:2] == [
        "Northwind Energy Enterprise PMO: 1 finding",
        "==========================================",
    ]
    assert lines[2].startswith("  unmet-demand: outcome 'improved-project-customer-relationships'")
    assert report.text_findings((), NORTHWIND).startswith(
        "Northwind Energy Enterprise PMO: no findings; "
    )


def test_problems_text_tally_and_data() -> None:
    found = {
        "a.toml": [
            Problem("offerings[0].maturity", "7 is not in 1..5", line=8, file="a.toml"),
            Problem("", "no such file", file="a.toml"),
        ],
        "b.toml": [],
    }
    assert report.text_problems(found).splitlines() == [
        "a.toml:8: offerings[0].maturity: 7 is not in 1..5",
        "a.toml: (document): no such file",
    ]
    assert report.text_problems({"b.toml": []}) == ""
    assert report.text_tally(found) == "2 file(s) checked: 1 valid, 2 problem(s) in 1 file(s)"
    assert report.problems_data(found)[0]["problems"][0] == {
        "file": "a.toml",
        "line": 8,
        "path": "offerings[0].maturity",
        "message": "7 is not in 1..5",
    }


def test_outcome_name_falls_back_to_the_id() -> None:
    catalog = pmi_2025()
    assert report.outcome_name(catalog, "improved-success-rates") == "Improved success rates"
    assert report.outcome_name(catalog, "not-in-the-catalog") == "not-in-the-catalog"


# JSON data -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("result", "keys"),
    [
        (lambda p: value_attribution(p), {"offering", "share"}),
        (lambda p: maturity_gaps(p), {"offering", "service", "maturity", "gap", "priority"}),
        (lambda p: recommend_services(p), {"rank", "service", "score", "offered"}),
        (lambda p: check(p), {"kind", "subject", "message"}),
    ],
    ids=["attribution", "gaps", "recommendations", "findings"],
)
def test_tables_become_lists_of_records(result: Any, keys: set[str]) -> None:
    data = report.to_json_data(result(NORTHWIND))
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert isinstance(data, list)
    assert keys <= set(data[0])


@pytest.mark.parametrize(
    ("result", "keys"),
    [
        (lambda p: coverage(p), {"total", "outcomes"}),
        (lambda p: horizon_balance(p), {"total", "horizons", "warnings"}),
        (lambda p: smallest_mix(p, 0.5), {"target", "coverage", "reached", "steps"}),
        (lambda p: trace_value(p, "pmis"), {"offering", "share", "customers", "dependents"}),
        (lambda p: impact_of(p, "pmis"), {"lost", "demand_at_risk", "outcomes", "customers"}),
        (lambda p: overall_maturity(p), {"offerings", "total", "percent"}),
    ],
    ids=["coverage", "balance", "mix", "trace", "impact", "overall"],
)
def test_results_with_figures_beyond_their_rows_keep_them(result: Any, keys: set[str]) -> None:
    data = report.to_json_data(result(NORTHWIND))
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert keys <= set(data)


def test_json_data_of_a_catalog_and_an_assessment() -> None:
    catalog = report.to_json_data(pmi_2025())
    assert [s["id"] for s in catalog["services"]][:1] == ["advice-to-executive-level"]
    assert len(catalog["outcomes"]) == 30
    ratings = {s.id: [4, 4, 4, 4, 4] for s in self_assessment(7).sections}
    score = report.to_json_data(score_self_assessment(7, ratings))
    assert (score["step"], score["total"], score["band"]) == (7, 80, "good")
    assert score["sections"][0]["maximum"] == 25


def test_json_data_of_plain_values() -> None:
    assert report.to_json_data({"a": (1, 2.5, None, True), "b": frozenset({"y", "x"})}) == {
        "a": [1, 2.5, None, True],
        "b": ["x", "y"],
    }
    assert report.to_json_data(math.nan) is None
    assert report.to_json_data(valuering.Horizon.LONG) == "long"
    with pytest.raises(TypeError, match="cannot turn a object into JSON data"):
        report.to_json_data(object())


# the public surface and the layers -------------------------------------------------------------


def test_every_public_function_has_a_docstring_example() -> None:
    missing = [
        name
        for name in report.__all__
        if inspect.isfunction(getattr(report, name))
        and ">>>" not in (inspect.getdoc(getattr(report, name)) or "")
    ]
    assert missing == []
    assert [n for n in report.__all__ if not hasattr(report, n)] == []


# The result protocol's helpers (one percent format) are shared by every layer above the model.
SHARED = {"valuering._tables"}


def _private_imports(package: str) -> list[str]:
    """Imports in ``package`` of another package's private modules (``valuering.x._y``), except the
    shared result helpers."""
    root = Path(importlib.import_module(package).__file__ or "").parent
    own = package.split(".")[1]
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                parts = node.module.split(".")
                other = parts[0] == "valuering" and len(parts) > 1 and parts[1] != own
                shared = node.module in SHARED
                if other and not shared and any(part.startswith("_") for part in parts[1:]):
                    found.append(f"{path.name}: {node.module}")
    return found


def test_report_uses_only_public_modules_below_it() -> None:
    assert _private_imports("valuering.report") == []
