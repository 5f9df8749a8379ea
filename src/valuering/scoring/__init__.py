"""Scoring: the numbers a PMO lead takes to the steering committee.

Pure functions ``f(pmo, ...) -> frozen result``; every result has ``to_records()`` and, with pandas
installed, ``to_frame()``. One module per area:

- recommendations (:func:`recommend_services`, :func:`priorities_from_ranking`,
  :func:`priorities_from_moscow`),
- balance of the mix (:func:`horizon_balance`, :func:`smallest_mix`),
- maturity (:func:`maturity_by_category`, :func:`overall_maturity`, :func:`maturity_gaps`),
- competences (:func:`competence_fit`),
- indicators (:func:`indicator_attainment`, :func:`sla_status`, :func:`nps`, :func:`value_gap`),
- flywheel self-assessments (:func:`self_assessment`, :func:`score_self_assessment`).

>>> from valuering import examples
>>> from valuering.scoring import maturity_by_category
>>> maturity_by_category(examples.load("northwind-energy"))["tactical"]
50.0
"""

from valuering.scoring._assessments import (
    AssessmentBand,
    AssessmentScore,
    Band,
    Section,
    SectionScore,
    SelfAssessment,
    read_ratings,
    score_self_assessment,
    self_assessment,
    self_assessments,
)
from valuering.scoring._balance import (
    HorizonBalance,
    HorizonShare,
    Mix,
    MixStep,
    horizon_balance,
    smallest_mix,
)
from valuering.scoring._competences import (
    CompetenceFit,
    CompetenceGap,
    MissingCompetence,
    OfferingFit,
    competence_fit,
)
from valuering.scoring._indicators import (
    IndicatorAttainment,
    IndicatorScore,
    NetPromoterScore,
    SlaState,
    SlaStatus,
    SlaStatuses,
    SubjectAttainment,
    SubjectValue,
    ValueGap,
    attainment,
    indicator_attainment,
    nps,
    sla_status,
    value_gap,
)
from valuering.scoring._maturity import (
    CategoryMaturity,
    MaturityByCategory,
    MaturityGap,
    MaturityGaps,
    OverallMaturity,
    ServiceMaturity,
    maturity_by_category,
    maturity_gaps,
    overall_maturity,
)
from valuering.scoring._recommend import (
    MOSCOW_PRIORITIES,
    Contribution,
    Recommendations,
    ServiceScore,
    priorities_from_moscow,
    priorities_from_ranking,
    recommend_services,
)

__all__ = [
    "MOSCOW_PRIORITIES",
    "AssessmentBand",
    "AssessmentScore",
    "Band",
    "CategoryMaturity",
    "CompetenceFit",
    "CompetenceGap",
    "Contribution",
    "HorizonBalance",
    "HorizonShare",
    "IndicatorAttainment",
    "IndicatorScore",
    "MaturityByCategory",
    "MaturityGap",
    "MaturityGaps",
    "MissingCompetence",
    "Mix",
    "MixStep",
    "NetPromoterScore",
    "OfferingFit",
    "OverallMaturity",
    "Recommendations",
    "Section",
    "SectionScore",
    "SelfAssessment",
    "ServiceMaturity",
    "ServiceScore",
    "SlaState",
    "SlaStatus",
    "SlaStatuses",
    "SubjectAttainment",
    "SubjectValue",
    "ValueGap",
    "attainment",
    "competence_fit",
    "horizon_balance",
    "indicator_attainment",
    "maturity_by_category",
    "maturity_gaps",
    "nps",
    "overall_maturity",
    "priorities_from_moscow",
    "priorities_from_ranking",
    "read_ratings",
    "recommend_services",
    "score_self_assessment",
    "self_assessment",
    "self_assessments",
    "sla_status",
    "smallest_mix",
    "value_gap",
]
