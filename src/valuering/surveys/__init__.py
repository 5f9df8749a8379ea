"""Surveys: customer expectations and self-assessments answered by many respondents, and their sheets.

- :func:`expectations_from_survey` turns survey responses (ratings, ranks or MoSCoW labels) into
  customers and expectations (formula 12 in docs/design.md);
- :func:`team_assessment` combines several respondents' self-assessments of one flywheel step: the
  spread per statement, disagreements and bands (formula 13).
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

__all__ = [
    "DISAGREEMENT",
    "Response",
    "SectionSpread",
    "StatementSpread",
    "SurveyExpectations",
    "SurveyMethod",
    "TeamAssessment",
    "expectations_from_survey",
    "team_assessment",
]
