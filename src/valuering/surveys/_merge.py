"""Merging survey results into a model: customers and expectations, or self-assessments."""

from __future__ import annotations

import datetime
import math

import attrs

from valuering.catalog import Catalog
from valuering.model import PMO, Assessment, Customer
from valuering.surveys._assessment import TeamAssessment
from valuering.surveys._expectations import SurveyExpectations
from valuering.validation import sound

__all__ = ["merge_survey"]


def merge_survey(
    pmo: PMO,
    result: SurveyExpectations | TeamAssessment,
    *,
    date: datetime.date | None = None,
    catalog: Catalog | None = None,
) -> PMO:
    """The model with a survey's results in it; ``pmo`` itself is not changed.

    Expectations: a customer the model has keeps its name and group and gets the survey's expectations
    (and its weight, when a response gave one); a new customer is added at the end. A team
    self-assessment becomes one assessment of the step dated ``date`` (today by default; a model holds
    one per step and date), each statement rated with the respondents' mean rounded half up, and the
    respondents named; the spread stays in the sheet and in :func:`team_assessment`'s result.
    Both the model and the merged model pass the soundness gate, so a survey group or outcome the
    model's catalog lacks is a :class:`~valuering.errors.ValidationError`.

    >>> import valuering as vr
    >>> from valuering.surveys import Response, expectations_from_survey
    >>> survey = expectations_from_survey(
    ...     [Response("ann", "project-managers", "improved-success-rates", 4, customer="pm")])
    >>> pmo = vr.PMO(id="p", name="P", customers=[
    ...     vr.Customer(id="pm", name="Project managers", group="project-managers", weight=2)])
    >>> merged = merge_survey(pmo, survey)
    >>> merged.customers[0].weight, merged.customers[0].expectations
    (2, (Expectation(outcome='improved-success-rates', priority=1.0),))
    """
    sound(pmo, catalog=catalog)
    if isinstance(result, TeamAssessment):
        day = date or datetime.date.today()
        team = Assessment(
            step=result.step,
            date=day,
            respondent=f"team of {len(result.scores)}: {', '.join(result.scores)}",
            ratings={
                section.section: tuple(math.floor(s.mean + 0.5) for s in section.statements)
                for section in result.sections
            },
        )
        added = (team,)
        merged = attrs.evolve(pmo, assessments=(*pmo.assessments, *added))
    else:
        merged = attrs.evolve(pmo, customers=_customers(pmo.customers, result))
    sound(merged, catalog=catalog)
    return merged


def _customers(existing: tuple[Customer, ...], survey: SurveyExpectations) -> tuple[Customer, ...]:
    new = {c.id: c for c in survey.customers}
    kept = []
    for customer in existing:
        answer = new.pop(customer.id, None)
        if answer is None:
            kept.append(customer)
            continue
        weight = answer.weight if customer.id in survey.weighted else customer.weight
        kept.append(attrs.evolve(customer, expectations=answer.expectations, weight=weight))
    return (*kept, *new.values())
