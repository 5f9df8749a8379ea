"""One result protocol: every public result type is a frozen Mapping or Sequence with the same table side.

Each result is built from the bundled example through the public functions; the walk is checked to be
exhaustive by scanning the public modules for result classes (subclasses of ``Tabular``).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import pandas as pd
import pytest

import valuering as vr
from valuering import PMO, examples
from valuering._tables import Tabular, percent, plural, summary
from valuering.demand import coverage, outcome_demand, service_coverage
from valuering.graph import (
    check,
    contributors,
    delivery_waves,
    effective_maturity,
    impact_all,
    impact_of,
    trace_all,
    trace_value,
    value_attribution,
)
from valuering.planning import SetMaturity, roadmap, what_if
from valuering.scoring import (
    competence_fit,
    horizon_balance,
    indicator_attainment,
    maturity_by_category,
    maturity_gaps,
    nps,
    overall_maturity,
    recommend_services,
    score_self_assessment,
    self_assessment,
    sla_status,
    smallest_mix,
    value_gap,
)
from valuering.surveys import Response, expectations_from_survey, team_assessment

PUBLIC_MODULES = (
    "valuering",
    "valuering.demand",
    "valuering.graph",
    "valuering.planning",
    "valuering.scoring",
    "valuering.surveys",
)
TAG = re.compile(r"</?(?:table|caption|thead|tbody|tr|th|td)(?: colspan=\"\d+\")?>")
# An offering whose own name needs escaping in HTML: its rows must show it as text.
ODD_NAME = "Reporting <b> & co"


@functools.cache
def _pmo() -> PMO:
    pmo = examples.load("northwind-energy")
    offerings = tuple(
        attrs.evolve(o, name=ODD_NAME) if o.id == "reporting" else o for o in pmo.offerings
    )
    return attrs.evolve(pmo, offerings=offerings)


def _ratings() -> dict[str, list[int]]:
    return {s.id: [4, 3, 4, 5, 3] for s in self_assessment(7).sections}


BUILDERS: dict[str, Callable[[PMO], object]] = {
    "OutcomeDemand": outcome_demand,
    "Coverage": coverage,
    "Coverage of services": lambda p: service_coverage(
        p, ["portfolio-management", "data-analytics-and-reporting"]
    ),
    "Attribution": value_attribution,
    "ValueTrace": lambda p: trace_value(p, "reporting"),
    "Traces": trace_all,
    "Impact": lambda p: impact_of(p, "reporting"),
    "Impacts": impact_all,
    "Contributors": lambda p: contributors(p, "grow-renewables"),
    "EffectiveMaturity": effective_maturity,
    "Findings": check,
    "DeliveryWaves": delivery_waves,
    "Recommendations": recommend_services,
    "HorizonBalance": horizon_balance,
    "Mix": lambda p: smallest_mix(p, 0.9),
    "MaturityByCategory": maturity_by_category,
    "OverallMaturity": overall_maturity,
    "MaturityGaps": maturity_gaps,
    "CompetenceFit": competence_fit,
    "IndicatorAttainment": indicator_attainment,
    "SlaStatuses": sla_status,
    "NetPromoterScore": lambda _: nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5]),
    "ValueGap": value_gap,
    "SelfAssessment": lambda _: self_assessment(7),
    "AssessmentScore": lambda _: score_self_assessment(7, _ratings()),
    "WhatIf": lambda p: what_if(p, SetMaturity("portfolio-management", 4)),
    "Roadmap": lambda p: roadmap(p, 3),
    "SurveyExpectations": lambda _: expectations_from_survey(
        [Response("ann", "project-managers", "improved-success-rates", 4)]
    ),
    "TeamAssessment": lambda _: team_assessment(7, {"ann": _ratings(), "bob": _ratings()}),
}


@functools.cache
def _result(name: str) -> object:
    return BUILDERS[name](_pmo())


def _result_classes() -> set[type]:
    """Every class in the public modules that is a result (a subclass of ``Tabular``)."""
    found = set()
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", dir(module)):
            value = getattr(module, name)
            if inspect.isclass(value) and issubclass(value, Tabular) and value is not Tabular:
                found.add(value)
    return found


def test_the_walk_covers_every_result_type() -> None:
    built = {type(_result(name)) for name in BUILDERS}
    assert {c.__name__ for c in _result_classes() - built} == set()  # every result type is walked
    assert built <= _result_classes()  # and every one walked is public


@pytest.mark.parametrize("name", BUILDERS)
def test_result_is_a_frozen_mapping_or_sequence(name: str) -> None:
    result = _result(name)
    assert isinstance(result, Tabular)
    assert isinstance(result, Mapping) != isinstance(result, Sequence)
    cls: Any = type(result)
    assert attrs.has(cls)
    first = attrs.fields(cls)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(result, first, None)
    items = list(result)  # type: ignore[call-overload]
    assert len(result) == len(items) > 0  # type: ignore[arg-type]
    if isinstance(result, Mapping):
        assert all(isinstance(key, str) for key in items)
        assert [result[key] for key in items] == list(result.values())
        assert all(key in result for key in items)
        assert "no-such-id" not in result
        assert result.get("no-such-id") is None
        assert dict(result) == dict(zip(items, result.values(), strict=True))
    else:
        assert isinstance(result, Sequence)
        assert result[0] == items[0]
        assert result[-1] == items[-1]
        assert list(result[:2]) == items[:2]


@pytest.mark.parametrize("name", BUILDERS)
def test_records_are_flat_with_the_declared_columns(name: str) -> None:
    result = _result(name)
    assert isinstance(result, Tabular)
    columns = list(type(result)._columns)
    records = result.to_records()
    assert isinstance(records, list)
    assert records
    for record in records:
        assert type(record) is dict
        assert list(record) == columns
        assert all(v is None or type(v) in (str, int, float, bool) for v in record.values())
    for column in columns:
        if column.endswith("_name"):
            # Names beside ids: every id column with a name column has names for the example's ids.
            assert all(isinstance(r[column], str) for r in records)
            assert any(r[column] for r in records), column
    frame = result.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == columns
    assert len(frame) == len(records)


@pytest.mark.parametrize("name", BUILDERS)
def test_html_is_an_escaped_table(name: str) -> None:
    result = _result(name)
    page = result._repr_html_()  # type: ignore[attr-defined]
    assert page.startswith("<table><caption>&lt;")  # the repr, escaped
    assert "<table>" in page
    assert "<" not in TAG.sub("", page)
    assert ">" not in TAG.sub("", page)
    records = result.to_records()  # type: ignore[attr-defined]
    if any(ODD_NAME in r.values() for r in records[:60]):
        assert "Reporting &lt;b&gt; &amp; co" in page


@pytest.mark.parametrize("name", BUILDERS)
def test_repr_is_one_short_line_in_one_style(name: str) -> None:
    result = _result(name)
    text = repr(result)
    assert "\n" not in text
    assert text.startswith(f"<{type(result).__name__}: ")
    assert text.endswith(">")
    assert len(text) <= 160
    # The size comes first: "<Class: 26 services; ...>".
    assert re.match(r"<\w+: \d+ \w", text)
    # Every percentage is written one way: one decimal and a space before the sign.
    for match in re.finditer("%", text):
        assert re.search(r"(?:^|[ (])-?\d+\.\d $", text[: match.start()]), text


def test_the_results_that_used_to_raise() -> None:
    pmo = _pmo()
    assert recommend_services(pmo)[0].rank == 1
    assert maturity_gaps(pmo)[0].priority == max(g.priority for g in maturity_gaps(pmo))
    assert len(indicator_attainment(pmo)) == len(pmo.indicators)
    assert dict(maturity_by_category(pmo)) == {
        "strategic": 40.0,
        "tactical": 50.0,
        "operational": 45.0,
    }
    assert delivery_waves(pmo)[0] == ("methodology", "pmis")
    assert check(pmo)[0].kind.value == "unmet-demand"
    assert trace_all(pmo)["coaching"].dependents == ()
    assert impact_all(pmo)["methodology"].offering == "methodology"


def test_results_compare_on_their_data_not_their_names() -> None:
    pmo = _pmo()
    assert recommend_services(pmo) == recommend_services(pmo)
    assert hash(maturity_gaps(pmo)) == hash(maturity_gaps(pmo))
    assert vr.check(pmo) == check(pmo)


@pytest.mark.parametrize(
    ("fraction", "text"),
    [
        (1 / 3, "33.3 %"),
        (0.842, "84.2 %"),
        (0.8449, "84.5 %"),
        (1, "100.0 %"),
        (1.5, "150.0 %"),
        (0, "0.0 %"),
        (0.0004, "0.0 %"),
        (-0.0004, "0.0 %"),  # rounds to zero: no minus sign
        (-0.25, "-25.0 %"),
        (2 / 3, "66.7 %"),
        (None, "–"),
    ],
)
def test_percent_has_one_format(fraction: float | None, text: str) -> None:
    assert percent(fraction) == text


def test_percent_digits_and_the_terminal_format() -> None:
    from valuering.report._text import percent as terminal_percent

    assert percent(0.4567, digits=0) == "46 %"
    assert percent(0.4567, digits=2) == "45.67 %"
    assert terminal_percent(0.4567) == "46 %"
    assert terminal_percent(0.4567, 1) == percent(0.4567) == "45.7 %"
    assert terminal_percent(None) == "–"


def test_summary_and_plural() -> None:
    class Sample:
        pass

    assert summary(Sample(), plural(1, "service"), "", "top: x 1.0 %") == (
        "<Sample: 1 service; top: x 1.0 %>"
    )
    assert summary(Sample(), plural(2, "line"), "a\nb") == "<Sample: 2 lines; a b>"
    assert plural(0, "category", "categories") == "0 categories"


def test_findings_messages_use_the_one_percentage_format() -> None:
    messages = [f.message for f in check(_pmo())]
    assert any(re.search(r"\(\d+\.\d % of demand\)", m) for m in messages)
