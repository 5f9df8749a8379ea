"""Every result renders as a table: records, a pandas frame and notebook HTML."""

from __future__ import annotations

import pandas as pd

import valuering as vr
from valuering import examples
from valuering._tables import Tabular, html_table


def test_results_render_as_html_tables_in_notebooks() -> None:
    pmo = examples.load("northwind-energy")
    results: list[Tabular] = [
        vr.outcome_demand(pmo),
        vr.coverage(pmo),
        vr.value_attribution(pmo),
        vr.maturity_by_category(pmo),
        vr.maturity_gaps(pmo),
        vr.recommend_services(pmo),
        vr.competence_fit(pmo),
        vr.indicator_attainment(pmo),
    ]
    for result in results:
        records = result.to_records()
        page = result._repr_html_()
        assert page.startswith("<table><caption>")
        assert page.count("<tr>") == min(len(records), 60) + 1 + (len(records) > 60)
        frame = result.to_frame()
        assert isinstance(frame, pd.DataFrame)
        assert len(frame) == len(records)


def test_html_escapes_user_text_and_cuts_long_tables() -> None:
    records = [{"name": f"ACME <Ltd> #{i}", "level": vr.Horizon.SHORT} for i in range(5)]
    page = html_table(records, caption="<b>", max_rows=3)
    assert "ACME &lt;Ltd&gt; #0" in page
    assert "<td>short</td>" in page
    assert "<caption>&lt;b&gt;</caption>" in page
    assert "… 2 more rows" in page
    assert "ACME &lt;Ltd&gt; #3" not in page
