"""Flywheel step self-assessments: the ten instruments, and the scoring of a set of ratings.

Each step's instrument has sections (the step's implementation activities) of five statements, each rated
1-5; section totals add up to a total that falls in one of five published bands (formula 8 in docs/design.md).
The instruments live in ``scoring/data/self_assessments.toml``: section titles and bands are facts from
the Practice Guide, the statements are written by the valuering developers. Step 4's Excellent band is
154-175: the book prints 154-160, a misprint, since the maximum is 175.
"""

from __future__ import annotations

import enum
import functools
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from valuering._document._files import check_path, located, read_text
from valuering._document._formats import format_of, parse
from valuering._document._locate import join_path
from valuering._tables import Keyed, percent, plural, summary
from valuering.errors import Problem, ValidationError, did_you_mean, member, sort_problems
from valuering.model import FlywheelStep

__all__ = [
    "AssessmentBand",
    "AssessmentScore",
    "Band",
    "Section",
    "SectionScore",
    "SelfAssessment",
    "read_ratings",
    "score_self_assessment",
    "self_assessment",
    "self_assessments",
]

STATEMENTS_PER_SECTION = 5


class AssessmentBand(enum.StrEnum):
    """The five bands a self-assessment total falls in, from worst to best."""

    CRITICAL = "critical"
    POOR = "poor"
    AVERAGE = "average"
    GOOD = "good"
    EXCELLENT = "excellent"

    @property
    def label(self) -> str:
        """The band's display name (``"Excellent"``)."""
        return self.value.capitalize()


@attrs.frozen
class Band:
    """A band and the inclusive range of totals it covers."""

    band: AssessmentBand
    low: int
    high: int


@attrs.frozen
class Section:
    """One section of an instrument: an implementation activity and its five statements."""

    id: str
    number: int
    title: str
    statements: tuple[str, ...]


@attrs.frozen(repr=False)
class SelfAssessment(Keyed[Section]):
    """The self-assessment instrument of one flywheel step.

    Read it like a dict of its sections by id, in instrument order: ``instrument["sla-reporting"]``;
    the sections are also kept as ``sections``. Its table has one row per statement.
    """

    step: FlywheelStep
    sections: tuple[Section, ...]
    bands: tuple[Band, ...]
    scale: tuple[str, ...]
    _columns = ("section", "number", "title", "statement", "text")

    @property
    def minimum(self) -> int:
        """The lowest possible total (every statement rated 1)."""
        return len(self.sections) * STATEMENTS_PER_SECTION

    @property
    def maximum(self) -> int:
        """The highest possible total (every statement rated 5)."""
        return 5 * self.minimum

    def section(self, section_id: str) -> Section:
        """The section with this id."""
        for section in self.sections:
            if section.id == section_id:
                return section
        known = [s.id for s in self.sections]
        raise ValidationError(
            [
                Problem(
                    "sections",
                    f"step {self.step.number} has no section {section_id!r}"
                    f"{did_you_mean(section_id, known)}",
                )
            ]
        )

    def band_for(self, total: int) -> AssessmentBand:
        """The band a total falls in; a total that is not a whole number in the possible range is an error.

        >>> self_assessment(7).band_for(88), self_assessment(7).band_for(89)
        (<AssessmentBand.GOOD: 'good'>, <AssessmentBand.EXCELLENT: 'excellent'>)
        """
        if isinstance(total, bool) or not isinstance(total, int):
            raise ValidationError([Problem("total", f"{total!r} is not a whole number")])
        for band in self.bands:
            if band.low <= total <= band.high:
                return band.band
        raise ValidationError(
            [
                Problem(
                    "total",
                    f"{total!r} is outside {self.minimum}..{self.maximum} for step {self.step.number}",
                )
            ]
        )

    def _table(self) -> Mapping[str, Section]:
        return {s.id: s for s in self.sections}

    def __getitem__(self, section_id: str) -> Section:
        return self.section(section_id)

    def __repr__(self) -> str:
        return summary(
            self,
            plural(len(self.sections), "section"),
            f"step {self.step.number} ({self.step.label})",
            f"totals {self.minimum}..{self.maximum}",
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per statement: ``section`` id, section ``number``, ``title``, ``statement`` number, ``text``."""
        return (
            {"section": s.id, "number": s.number, "title": s.title, "statement": i, "text": text}
            for s in self.sections
            for i, text in enumerate(s.statements, start=1)
        )


@functools.cache
def _instruments() -> dict[FlywheelStep, SelfAssessment]:
    source = resources.files("valuering.scoring") / "data" / "self_assessments.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    names = [AssessmentBand(n) for n in data["band_names"]]
    instruments = {}
    for entry in data["steps"]:
        step = FlywheelStep.from_number(entry["step"])
        sections = tuple(
            Section(s["id"], n, s["title"], tuple(s["statements"]))
            for n, s in enumerate(entry["sections"], start=1)
        )
        minimum = len(sections) * STATEMENTS_PER_SECTION
        lows = [minimum, *entry["bands"]]
        highs = [low - 1 for low in entry["bands"]] + [5 * minimum]
        bands = tuple(Band(n, lo, hi) for n, lo, hi in zip(names, lows, highs, strict=True))
        scale = tuple(data["scales"].get(f"step-{step.number}", data["scales"]["default"]))
        instruments[step] = SelfAssessment(step, sections, bands, scale)
    return instruments


def _step(step: int | str | FlywheelStep) -> FlywheelStep:
    if isinstance(step, FlywheelStep):
        return step
    if isinstance(step, str):
        return member(FlywheelStep, step, "step")  # a bad id: the ten ids, and the closest one
    return FlywheelStep.from_number(step)


def self_assessment(step: int | str | FlywheelStep) -> SelfAssessment:
    """The self-assessment instrument of a flywheel step (by number 1-10, id or :class:`FlywheelStep`).

    >>> instrument = self_assessment(4)
    >>> [s.title for s in instrument.sections][:3], instrument.maximum
    (['Delivery approach design', 'Process design', 'Service catalog'], 175)
    >>> instrument.bands[-1]
    Band(band=<AssessmentBand.EXCELLENT: 'excellent'>, low=154, high=175)
    """
    return _instruments()[_step(step)]


def self_assessments() -> tuple[SelfAssessment, ...]:
    """All ten instruments, step 1 to step 10.

    >>> [len(i.sections) for i in self_assessments()]
    [5, 5, 5, 7, 6, 7, 4, 6, 5, 6]
    """
    return tuple(_instruments()[step] for step in FlywheelStep)


@attrs.frozen
class SectionScore:
    """One section's ratings and their total."""

    section: str
    title: str
    ratings: tuple[int, ...]
    total: int
    maximum: int


@attrs.frozen(repr=False)
class AssessmentScore(Keyed[SectionScore]):
    """A scored self-assessment: section totals, the total, its range and its band.

    Read it like a dict of section scores by section id, in instrument order:
    ``result["sla-reporting"].total``; the rows are also kept as ``sections``.
    """

    step: FlywheelStep
    sections: tuple[SectionScore, ...]
    total: int
    minimum: int
    maximum: int
    band: AssessmentBand
    _columns = ("section", "title", "total", "maximum")

    @property
    def percent(self) -> float:
        """The total as a percentage of the maximum."""
        return 100 * self.total / self.maximum

    def _table(self) -> Mapping[str, SectionScore]:
        return {s.section: s for s in self.sections}

    def __repr__(self) -> str:
        return summary(
            self,
            plural(len(self.sections), "section"),
            f"step {self.step.number}",
            f"{self.total} of {self.maximum} ({percent(self.total / self.maximum)})",
            self.band.label,
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per section: ``section``, ``title``, ``total``, ``maximum``."""
        return (attrs.asdict(s) for s in self.sections)


def score_self_assessment(
    step: int | str | FlywheelStep, ratings: Mapping[str, Sequence[int]]
) -> AssessmentScore:
    """Score one step's ratings: section totals, the total and its band.

    ``ratings`` maps every section id of the step's instrument to its five ratings, integers 1-5, in
    statement order. Every problem (a missing or unknown section, a list of the wrong length, a rating
    that is not an integer in 1..5) is reported at once in one ValidationError, each with its path, e.g.
    ``sections.process-design[3]`` for the fourth statement of that section.

    >>> instrument = self_assessment(7)
    >>> ratings = {s.id: [5, 5, 4, 4, 4] for s in instrument.sections}
    >>> result = score_self_assessment(7, ratings)
    >>> result.total, result.band.label
    (88, 'Good')
    >>> ratings["sla-reporting"] = [5, 5, 4, 4, 9]
    >>> score_self_assessment(7, ratings)
    Traceback (most recent call last):
    ...
    valuering.errors.ValidationError: step 7 ratings: 1 problem:
      sections.sla-reporting[4]: 9 is not a rating from 1 to 5
    """
    instrument = self_assessment(step)
    problems = []
    if not isinstance(ratings, Mapping):
        raise ValidationError(
            [
                Problem(
                    "sections",
                    f"expected a table of section ids to ratings, got {type(ratings).__name__}",
                )
            ],
            title=f"step {instrument.step.number} ratings",
        )
    known = [s.id for s in instrument.sections]
    for key in ratings:
        if key not in known:
            problems.append(
                Problem(
                    f"sections.{key}",
                    f"step {instrument.step.number} has no such section"
                    f"{did_you_mean(str(key), known)}",
                )
            )
    scores = []
    for section in instrument.sections:
        path = f"sections.{section.id}"
        if section.id not in ratings:
            problems.append(
                Problem(path, f"missing: the five ratings of section {section.title!r}")
            )
            continue
        values = ratings[section.id]
        if isinstance(values, str | bytes | Mapping) or not isinstance(values, Sequence):
            problems.append(
                Problem(
                    path, f"expected a list of {STATEMENTS_PER_SECTION} ratings, got {values!r}"
                )
            )
            continue
        if len(values) != STATEMENTS_PER_SECTION:
            problems.append(
                Problem(
                    path,
                    f"expected {STATEMENTS_PER_SECTION} ratings (one per statement), got {len(values)}",
                )
            )
        bad = [
            Problem(f"{path}[{i}]", f"{value!r} is not a rating from 1 to 5")
            for i, value in enumerate(values)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5
        ]
        problems.extend(bad)
        if not bad and len(values) == STATEMENTS_PER_SECTION:
            scores.append(
                SectionScore(
                    section.id,
                    section.title,
                    tuple(values),
                    sum(values),
                    5 * STATEMENTS_PER_SECTION,
                )
            )
    if problems:
        raise ValidationError(problems, title=f"step {instrument.step.number} ratings")
    total = sum(s.total for s in scores)
    return AssessmentScore(
        step=instrument.step,
        sections=tuple(scores),
        total=total,
        minimum=instrument.minimum,
        maximum=instrument.maximum,
        band=instrument.band_for(total),
    )


def read_ratings(path: str | Path) -> tuple[FlywheelStep, dict[str, list[int]]]:
    r"""Read a ratings file (TOML, JSON or YAML, by its suffix): its step and its ratings.

    The file holds ``step`` (a number 1-10 or a step id) and a ``sections`` table mapping each section id
    of that step to its five ratings. Pass the result to :func:`score_self_assessment`, which checks the
    ratings themselves::

        step = 7
        [sections]
        monitoring-framework = [4, 4, 3, 5, 4]
        ...

    The file is read like a model file: UTF-8 (a byte-order mark is ignored), and every problem (syntax,
    a key given twice, an unknown or missing key, a step that does not exist, a section the step does
    not have) in one :class:`~valuering.errors.ValidationError` titled with the file name, each problem
    with its path and line. A missing file raises :class:`FileNotFoundError`.

    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> sections = ["monitoring-framework", "sla-compliance", "sla-reporting", "customer-feedback"]
    >>> _ = (folder / "step7.toml").write_text(
    ...     "step = 7\n[sections]\n" + "".join(f"{s} = [4, 4, 3, 5, 4]\n" for s in sections))
    >>> step, ratings = read_ratings(folder / "step7.toml")
    >>> step.number, ratings["sla-reporting"]
    (7, [4, 4, 3, 5, 4])
    >>> _ = (folder / "step7.yaml").write_text("step: 7\nsection:\n  sla-reporting: [4, 4, 3, 5, 4]\n")
    >>> read_ratings(folder / "step7.yaml")
    Traceback (most recent call last):
    ...
    valuering.errors.ValidationError: .../step7.yaml: 2 problems:
      sections: missing: a table of section ids to five ratings each (line 1)
      section: unknown key; did you mean 'sections'? (line 2)
    """
    check_path(path)
    source = str(path)
    fmt = format_of(path)
    try:
        parsed = parse(read_text(path), fmt)
    except ValidationError as error:
        raise ValidationError(located(error.problems, None, source), title=source) from None
    step, sections, problems = _ratings_document(parsed.data)
    problems = [*parsed.duplicates, *problems]
    if problems or step is None:
        raise ValidationError(sort_problems(located(problems, parsed, source)), title=source)
    return step, sections


_RATINGS_KEYS = ("step", "sections")


def _ratings_document(
    data: object,
) -> tuple[FlywheelStep | None, dict[str, list[int]], list[Problem]]:
    """The step and sections of a parsed ratings file, and every problem of its layout."""
    if not isinstance(data, dict):
        return None, {}, [Problem("", "expected a table with 'step' and 'sections'")]
    problems = [
        Problem(str(key), f"unknown key{did_you_mean(str(key), _RATINGS_KEYS)}")
        for key in data
        if key not in _RATINGS_KEYS
    ]
    step = None
    if "step" not in data:
        problems.append(Problem("step", "missing: the flywheel step (1-10) these ratings are for"))
    else:
        try:
            step = _step(data["step"])
        except ValidationError as error:
            problems.extend(error.problems)
    sections = data.get("sections")
    if "sections" not in data:
        problems.append(Problem("sections", "missing: a table of section ids to five ratings each"))
    elif not isinstance(sections, dict):
        problems.append(
            Problem(
                "sections",
                f"expected a table of section ids to ratings, got {_kind(sections)}",
            )
        )
    elif step is not None:
        known = [s.id for s in self_assessment(step).sections]
        problems.extend(
            Problem(
                join_path("sections", str(key)),
                f"step {step.number} has no such section{did_you_mean(str(key), known)}",
            )
            for key in sections
            if key not in known
        )
    return step, sections if isinstance(sections, dict) else {}, problems


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    return "null" if value is None else type(value).__name__
