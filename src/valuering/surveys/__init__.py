"""Surveys: customer expectations and self-assessments answered by many respondents, and their sheets.

- :func:`expectations_from_survey` turns survey responses (ratings, ranks or MoSCoW labels) into
  customers and expectations (formula 12 in docs/design.md);
- :func:`team_assessment` combines several respondents' self-assessments of one flywheel step: the
  spread per statement, disagreements and bands (formula 13);
- sheets (.csv in the base install, .xlsx with the ``excel`` extra): fill-in templates
  (:func:`write_expectation_template`, :func:`write_assessment_template`) and :func:`read_survey`,
  which names every problem of a filled sheet at its cell (``Expectations!G12: ...``);
- :func:`merge_survey` puts the results into a model (customers and expectations, or assessments);
- :func:`write_workbook` writes a model's result tables to an .xlsx workbook, one sheet each.
"""

from __future__ import annotations

from valuering.surveys._assessment import (
    DISAGREEMENT,
    SectionSpread,
    StatementSpread,
    TeamAssessment,
    team_assessment,
)
from valuering.surveys._expectations import (
    Response,
    SurveyExpectations,
    SurveyMethod,
    expectations_from_survey,
)
from valuering.surveys._forms import (
    read_assessment_sheet,
    read_expectation_sheet,
    read_survey,
    write_assessment_template,
    write_expectation_template,
)
from valuering.surveys._merge import merge_survey
from valuering.surveys._workbook import SHEETS, workbook_tables, write_workbook

__all__ = [
    "DISAGREEMENT",
    "SHEETS",
    "Response",
    "SectionSpread",
    "StatementSpread",
    "SurveyExpectations",
    "SurveyMethod",
    "TeamAssessment",
    "expectations_from_survey",
    "merge_survey",
    "read_assessment_sheet",
    "read_expectation_sheet",
    "read_survey",
    "team_assessment",
    "workbook_tables",
    "write_assessment_template",
    "write_expectation_template",
    "write_workbook",
]
