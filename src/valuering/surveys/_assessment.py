"""A flywheel step's self-assessment answered by several respondents: spread, disagreement and bands.

Each respondent's ratings are scored alone by :func:`~valuering.scoring.score_self_assessment` (so every
problem is found the usual way); then per statement the mean, lowest, highest and standard deviation
over the respondents, and a disagreement flag where two ratings lie 2 or more apart.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from valuering._tables import Keyed, plural, summary
from valuering.errors import Problem, ValidationError
from valuering.model import FlywheelStep
from valuering.scoring import (
    AssessmentBand,
    AssessmentScore,
    SelfAssessment,
    score_self_assessment,
    self_assessment,
)

__all__ = [
    "DISAGREEMENT",
    "SectionSpread",
    "StatementSpread",
    "TeamAssessment",
    "team_assessment",
]

DISAGREEMENT = 2
"""Two ratings of one statement this far apart (or more) flag the statement as disagreed on."""


@attrs.frozen
class StatementSpread:
    """The ratings of one statement across respondents, and their spread."""

    section: str
    statement: int
    text: str
    ratings: tuple[int, ...]
    mean: float
    low: int
    high: int
    deviation: float
    disagreement: bool


@attrs.frozen
class SectionSpread:
    """One section: the mean of the respondents' section totals, their range, and its statements."""

    section: str
    title: str
    mean: float
    low: int
    high: int
    maximum: int
    statements: tuple[StatementSpread, ...]

    @property
    def disagreements(self) -> int:
        """How many of the section's statements the respondents disagree on."""
        return sum(s.disagreement for s in self.statements)


@attrs.frozen(repr=False)
class TeamAssessment(Keyed[SectionSpread]):
    """A step's self-assessment by several respondents; a mapping of section spreads by section id.

    ``mean`` is the mean of the respondents' totals, ``band`` the band it falls in; ``scores`` holds
    each respondent's own scored assessment (its total and band). The table has one row per statement.
    """

    step: FlywheelStep
    sections: tuple[SectionSpread, ...]
    scores: Mapping[str, AssessmentScore]
    mean: float
    band: AssessmentBand
    minimum: int
    maximum: int
    _columns = (
        "section",
        "statement",
        "text",
        "mean",
        "low",
        "high",
        "deviation",
        "disagreement",
    )

    @property
    def bands(self) -> dict[str, AssessmentBand]:
        """The band each respondent's own total falls in, by respondent."""
        return {who: score.band for who, score in self.scores.items()}

    @property
    def disagreements(self) -> tuple[StatementSpread, ...]:
        """The statements the respondents disagree on, in instrument order."""
        return tuple(s for section in self.sections for s in section.statements if s.disagreement)

    def _table(self) -> Mapping[str, SectionSpread]:
        return {s.section: s for s in self.sections}

    def __repr__(self) -> str:
        return summary(
            self,
            plural(len(self.scores), "respondent"),
            f"step {self.step.number}",
            f"mean {self.mean:g} of {self.maximum}",
            self.band.label,
            plural(len(self.disagreements), "disagreement"),
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per statement: section, number, text, mean, low, high, deviation, disagreement."""
        for section in self.sections:
            for s in section.statements:
                yield attrs.asdict(s)


def band_of_mean(instrument: SelfAssessment, total: float) -> AssessmentBand:
    """The band a mean total falls in: the highest band whose lowest total it reaches."""
    chosen = instrument.bands[0].band
    for band in instrument.bands:
        if total >= band.low:
            chosen = band.band
    return chosen


def team_assessment(
    step: int | str | FlywheelStep, ratings: Mapping[str, Mapping[str, Sequence[int]]]
) -> TeamAssessment:
    """Combine several respondents' self-assessments of one step (formula 13 in docs/design.md).

    ``ratings`` maps each respondent to what :func:`~valuering.scoring.score_self_assessment` takes:
    every section id of the step to its five ratings 1-5. Per statement: the mean, lowest and highest
    rating, the population standard deviation (the respondents are everyone asked, not a sample) and a
    disagreement flag when the highest and lowest differ by 2 or more. Per section: the mean, lowest and
    highest of the respondents' section totals. For the step: the mean of their totals and its band
    (the highest band whose lowest total the mean reaches, so 88.5 is still Good when Excellent starts
    at 89), and each respondent's own total and band in ``scores``.

    Raises :class:`~valuering.errors.ValidationError` with every problem of every respondent at once,
    each path starting with the respondent (``ann.sections.sla-reporting[4]``), and when there is no
    respondent.

    >>> instrument = self_assessment(7)
    >>> team = team_assessment(7, {
    ...     "ann": {s.id: [5, 5, 4, 4, 4] for s in instrument.sections},
    ...     "bob": {s.id: [3, 5, 4, 4, 4] for s in instrument.sections}})
    >>> team.mean, team.band.label, team.bands["bob"].label
    (84.0, 'Good', 'Good')
    >>> first = team["monitoring-framework"].statements[0]
    >>> first.mean, first.low, first.high, first.deviation, first.disagreement
    (4.0, 3, 5, 1.0, True)
    """
    instrument = self_assessment(step)
    title = f"step {instrument.step.number} ratings"
    if not isinstance(ratings, Mapping) or not ratings:
        raise ValidationError(
            [Problem("", "expected a table of respondents to their ratings, with one at least")],
            title=title,
        )
    scores: dict[str, AssessmentScore] = {}
    problems: list[Problem] = []
    for respondent, theirs in ratings.items():
        try:
            scores[respondent] = score_self_assessment(instrument.step, theirs)
        except ValidationError as error:
            problems.extend(p.at(str(respondent)) for p in error.problems)
    if problems:
        raise ValidationError(problems, title=title)
    sections = tuple(
        _section(instrument, index, [score.sections[index] for score in scores.values()])
        for index in range(len(instrument.sections))
    )
    mean = statistics.fmean(score.total for score in scores.values())
    return TeamAssessment(
        step=instrument.step,
        sections=sections,
        scores=scores,
        mean=mean,
        band=band_of_mean(instrument, mean),
        minimum=instrument.minimum,
        maximum=instrument.maximum,
    )


def _section(instrument: SelfAssessment, index: int, scored: list[Any]) -> SectionSpread:
    section = instrument.sections[index]
    statements = []
    for number, text in enumerate(section.statements, start=1):
        given = tuple(s.ratings[number - 1] for s in scored)
        statements.append(
            StatementSpread(
                section=section.id,
                statement=number,
                text=text,
                ratings=given,
                mean=statistics.fmean(given),
                low=min(given),
                high=max(given),
                deviation=statistics.pstdev(given),
                disagreement=max(given) - min(given) >= DISAGREEMENT,
            )
        )
    totals = [s.total for s in scored]
    return SectionSpread(
        section=section.id,
        title=section.title,
        mean=statistics.fmean(totals),
        low=min(totals),
        high=max(totals),
        maximum=5 * len(section.statements),
        statements=tuple(statements),
    )
