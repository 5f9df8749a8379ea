"""Reports: the text a person reads and the plain data a program reads, from a model and its results.

Text views take the results the analysis functions return and lay them out for a terminal;
:func:`to_json_data` turns any result into data :func:`json.dumps` writes; :func:`to_markdown` and
:func:`to_html` draw whole documents (the steering-committee report, the service catalogue) from
the sections registered with :func:`register_section`. The command line prints what these functions
return.

>>> from valuering import examples, report, trace_value
>>> pmo = examples.load("northwind-energy")
>>> print(report.summary(pmo).splitlines()[0])
Northwind Energy Enterprise PMO
>>> print(report.text_trace(trace_value(pmo, "pmis"), pmo, top=0).splitlines()[2])
Service 'systems-and-tools-management'; its attributed share of the customers' demand: 8.5 %.
>>> report.to_json_data(trace_value(pmo, "pmis"))["direct_dependents"]
['reporting', 'resource-management']
"""

from valuering.report import _catalogue as _catalogue  # registers the catalogue's sections
from valuering.report import _report_sections as _report_sections  # and the report's
from valuering.report._audit import audit_data, audit_section, text_audit
from valuering.report._blocks import Items, Paragraph, Picture, ReportContext, Section, Table
from valuering.report._catalog import (
    CATALOG_TABLES,
    catalog_tables,
    text_catalog,
    text_catalog_sources,
)
from valuering.report._data import to_json_data
from valuering.report._diagnosis import (
    diagnosis_data,
    diagnosis_section,
    questionnaire_template,
    text_diagnosis,
)
from valuering.report._history import (
    diff_data,
    figure_text,
    text_benchmark,
    text_diff,
    text_snapshots,
    text_trend,
)
from valuering.report._html import to_html
from valuering.report._kpis import suggestions_toml, text_suggestions
from valuering.report._markdown import to_markdown
from valuering.report._names import outcome_name
from valuering.report._planning import roadmap_section, text_roadmap, text_what_if
from valuering.report._problems import problem_line, problems_data, text_problems, text_tally
from valuering.report._scores import (
    ratings_data,
    ratings_template,
    text_assessment,
    text_maturity,
    text_recommendations,
)
from valuering.report._sections import (
    DOCUMENTS,
    SectionBuilder,
    register_section,
    section_ids,
    unregister_section,
)
from valuering.report._summary import summary, summary_data
from valuering.report._value import text_findings, text_impact, text_trace

__all__ = [
    "CATALOG_TABLES",
    "DOCUMENTS",
    "Items",
    "Paragraph",
    "Picture",
    "ReportContext",
    "Section",
    "SectionBuilder",
    "Table",
    "audit_data",
    "audit_section",
    "catalog_tables",
    "diagnosis_data",
    "diagnosis_section",
    "diff_data",
    "figure_text",
    "outcome_name",
    "problem_line",
    "problems_data",
    "questionnaire_template",
    "ratings_data",
    "ratings_template",
    "register_section",
    "roadmap_section",
    "section_ids",
    "suggestions_toml",
    "summary",
    "summary_data",
    "text_assessment",
    "text_audit",
    "text_benchmark",
    "text_catalog",
    "text_catalog_sources",
    "text_diagnosis",
    "text_diff",
    "text_findings",
    "text_impact",
    "text_maturity",
    "text_problems",
    "text_recommendations",
    "text_roadmap",
    "text_snapshots",
    "text_suggestions",
    "text_tally",
    "text_trace",
    "text_trend",
    "text_what_if",
    "to_html",
    "to_json_data",
    "to_markdown",
    "unregister_section",
]
