"""The questionnaire: the eight scenarios' characteristics, the crisis and decline warning signs and
the ten transition signals (Practice Guide, organisational contextual scenarios), in our words."""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from valuering.model import Scenario
from valuering.model._frozen import FrozenDict

__all__ = ["QUESTIONS", "AnswerKind", "Question"]


class AnswerKind(enum.StrEnum):
    """How a question is answered."""

    #: 1 (not at all) to 5 (fully): how well a statement describes the organisation.
    RATING = "rating"
    #: yes or no: whether a warning sign is present.
    YES_NO = "yes-no"
    #: 1 (clearly worse) to 5 (clearly better), 3 unchanged: how a signal moved lately.
    TREND = "trend"


@attrs.frozen
class Question:
    """One question; ``evidence`` weighs its answer's strength toward scenarios (for a trend,
    ``evidence`` is for improvement and ``against`` for deterioration)."""

    id: str
    text: str
    kind: AnswerKind
    evidence: Mapping[Scenario, float] = attrs.field(converter=FrozenDict)
    against: Mapping[Scenario, float] = attrs.field(factory=FrozenDict, converter=FrozenDict)
    group: str = "characteristic"


S = Scenario


def _rating(id: str, scenario: Scenario, text: str) -> Question:
    return Question(id, text, AnswerKind.RATING, {scenario: 1.0})


def _sign(id: str, scenario: Scenario, text: str) -> Question:
    return Question(id, text, AnswerKind.YES_NO, {scenario: 1.0}, group=f"{scenario} warning sign")


def _trend(id: str, text: str) -> Question:
    return Question(
        id,
        text,
        AnswerKind.TREND,
        {S.GROWING: 0.5, S.THRIVING: 0.5},
        {S.CRISIS: 0.5, S.DECLINE: 0.5},
        group="transition signal",
    )


QUESTIONS: tuple[Question, ...] = (
    _rating("benefits-seen-no-structure", S.POTENTIAL,
            "People see what a PMO could bring, but no formal project management structure exists."),
    _rating("culture-not-ready", S.POTENTIAL,
            "Project culture and maturity are not yet ready to carry a PMO."),
    _rating("setup-under-way", S.KICKOFF,
            "Executives have agreed to a PMO; its first frameworks and team are being put in place."),
    _rating("mandate-being-defined", S.KICKOFF,
            "The PMO's mandate, services and first customers are still being worked out."),
    _rating("scaling-up", S.GROWING,
            "The PMO is scaling up: its portfolio, team and customer engagement keep growing."),
    _rating("first-benefits", S.GROWING, "The PMO's first benefits are becoming visible."),
    _rating("peak-recognition", S.THRIVING,
            "The PMO works at its best and the organisation recognises it."),
    _rating("high-satisfaction", S.THRIVING, "Stakeholders are highly satisfied with the PMO."),
    _rating("value-not-perceived", S.CRISIS,
            "Customers no longer see the value the PMO delivers."),
    _rating("support-waning", S.CRISIS, "Support for the PMO is fading."),
    _rating("support-lost-fast", S.DECLINE,
            "The PMO is losing support quickly and resistance to it is growing."),
    _rating("stopped-functioning", S.COLLAPSE, "In practice the PMO has stopped working."),
    _rating("disbanding-considered", S.COLLAPSE,
            "Closing the PMO is being discussed or has been decided."),
    _rating("reborn-after-failure", S.RESURGENCE,
            "A PMO is being built again after an earlier one failed."),
    _rating("past-failure-remembered", S.RESURGENCE,
            "People remember the earlier PMO's failure and are wary of a new one."),
    _sign("processes-unused", S.CRISIS, "The PMO's processes, systems and artefacts go unused."),
    _sign("constant-complaints", S.CRISIS, "Complaints about the PMO's performance never stop."),
    _sign("autonomy-reduced", S.CRISIS, "The PMO's autonomy has been cut back."),
    _sign("bureaucracy-complaints", S.CRISIS, "People complain the PMO is bureaucratic."),
    _sign("resistance-persists", S.CRISIS, "Resistance to the PMO does not fade with time."),
    _sign("left-out-of-meetings", S.CRISIS, "The PMO is not invited to the meetings that matter."),
    _sign("delivery-worsening", S.CRISIS,
          "Projects are delivered less efficiently and less effectively than before."),
    _sign("executive-support-lost", S.DECLINE, "The PMO has lost its executive support."),
    _sign("customer-engagement-eroding", S.DECLINE,
          "Customers support and engage with the PMO less and less."),
    _sign("leadership-churn", S.DECLINE, "The PMO's leader keeps changing."),
    _sign("team-turnover", S.DECLINE, "Many people leave the PMO team."),
    _sign("budget-cut", S.DECLINE, "The PMO's budget is being cut."),
    _sign("performance-sabotaged", S.DECLINE, "Others work against the PMO's performance."),
    _sign("information-withheld", S.DECLINE, "Customers keep information from the PMO."),
    _trend("trend-stakeholder-perception", "Stakeholders' perception of and support for the PMO"),
    _trend("trend-executive-support", "Executive support for the PMO"),
    _trend("trend-performance-metrics", "The PMO's performance metrics"),
    _trend("trend-adaptability", "The PMO's ability to adapt and innovate"),
    _trend("trend-alignment", "The PMO's alignment with the organisation"),
    _trend("trend-outputs", "The quality and quantity of the PMO's outputs"),
    _trend("trend-team-morale", "The PMO team's morale and retention"),
    _trend("trend-cultural-influence", "The PMO's influence on the organisation's culture"),
    _trend("trend-decision-role", "The PMO's part in decision-making"),
    _trend("trend-organisational-fit", "How well the PMO is weathering organisational changes"),
)  # fmt: skip
