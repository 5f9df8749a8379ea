"""Indicators: attainment against targets, SLA traffic lights, NPS, and delivered next to perceived value.

Formula 10 in docs/design.md: attainment = actual / target (higher is better) or target / actual (lower is
better), capped (default 1.0); an SLA is green at attainment >= 1, amber within a tolerance (default 0.1),
red below. NPS = % promoters (9-10) - % detractors (0-6). Delivered value (VALUE_DELIVERY indicators) and
perceived value (VALUE_RECOGNITION) are reported side by side, never blended.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

import attrs

from valuering._tables import NO_NAMES, Keyed, Names, Rows, percent, plural, summary
from valuering.catalog import Catalog
from valuering.errors import Problem, ValidationError, member
from valuering.model import PMO, Direction, IndicatorLayer
from valuering.scoring._args import is_number
from valuering.validation import sound

__all__ = [
    "IndicatorAttainment",
    "IndicatorScore",
    "NetPromoterScore",
    "SlaState",
    "SlaStatus",
    "SlaStatuses",
    "SubjectAttainment",
    "SubjectValue",
    "ValueGap",
    "attainment",
    "indicator_attainment",
    "nps",
    "sla_status",
    "value_gap",
]


def _check_cap(cap: float | None) -> None:
    if cap is not None and (
        isinstance(cap, bool) or not isinstance(cap, int | float) or not cap > 0
    ):
        raise ValidationError(
            [Problem("cap", f"{cap!r} is not a positive number (or None for no cap)")]
        )


def attainment(
    actual: float,
    target: float,
    direction: Direction | str = Direction.HIGHER_IS_BETTER,
    *,
    cap: float | None = 1.0,
) -> float:
    """How far ``actual`` goes toward ``target``: actual / target, or target / actual when lower is better.

    The result is never below 0 and never above ``cap`` (None: no cap). When the ratio is undefined (a
    target of 0 when higher is better, an actual of 0 when lower is better) or its denominator is
    negative, attainment is 1.0 if the target is met and 0.0 if not. An ``actual`` or ``target`` that is
    not a finite number, or an unknown direction, is a ValidationError.

    >>> attainment(72, 90), attainment(14, 10, Direction.LOWER_IS_BETTER)
    (0.8, 0.7142857142857143)
    >>> attainment(110, 100), attainment(110, 100, cap=None), attainment(0, 0, Direction.LOWER_IS_BETTER)
    (1.0, 1.1, 1.0)
    """
    _check_cap(cap)
    problems = [
        Problem(name, f"{value!r} is not a finite number")
        for name, value in (("actual", actual), ("target", target))
        if not is_number(value)
    ]
    if problems:
        raise ValidationError(problems)
    higher = member(Direction, direction, "direction") is Direction.HIGHER_IS_BETTER
    numerator, denominator = (actual, target) if higher else (target, actual)
    if denominator > 0:
        ratio = max(0.0, numerator / denominator)
    else:
        met = actual >= target if higher else actual <= target
        ratio = 1.0 if met else 0.0
    return ratio if cap is None else min(float(cap), ratio)


def _weighted(pairs: Iterable[tuple[float, float]]) -> float:
    pairs = list(pairs)
    return math.fsum(w * a for w, a in pairs) / math.fsum(w for w, _ in pairs)


@attrs.frozen
class IndicatorScore:
    """One indicator's attainment (None when it has no actual value yet)."""

    indicator: str
    name: str
    layer: IndicatorLayer
    subject: str
    target: float
    actual: float | None
    direction: Direction
    weight: float
    attainment: float | None


@attrs.frozen
class SubjectAttainment:
    """The weight-averaged attainment of one subject's measured indicators on one layer."""

    subject: str
    layer: IndicatorLayer
    attainment: float | None
    measured: int
    indicators: int


@attrs.frozen(repr=False)
class IndicatorAttainment(Keyed[IndicatorScore]):
    """Attainment per indicator, per (subject, layer) and per layer; layers are never mixed.

    Read it like a dict by indicator id (model order): ``result["on-time"]`` is that indicator's
    :class:`IndicatorScore`; the rows are also kept as ``indicators``.
    """

    indicators: tuple[IndicatorScore, ...]
    subjects: tuple[SubjectAttainment, ...]
    cap: float | None
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = (
        "indicator",
        "indicator_name",
        "layer",
        "subject",
        "subject_name",
        "target",
        "actual",
        "direction",
        "weight",
        "attainment",
    )
    _name_kinds: ClassVar[Mapping[str, tuple[str, ...]]] = {"subject": ("offering", "outcome")}

    def _table(self) -> Mapping[str, IndicatorScore]:
        return {i.indicator: i for i in self.indicators}

    def layer(self, layer: IndicatorLayer | str) -> float | None:
        """The weight-averaged attainment of a layer's measured indicators (None when none is measured)."""
        wanted = member(IndicatorLayer, layer, "layer")
        pairs = [
            (i.weight, i.attainment)
            for i in self.indicators
            if i.layer is wanted and i.attainment is not None
        ]
        return _weighted(pairs) if pairs else None

    def subject(self, subject: str, layer: IndicatorLayer | str) -> float | None:
        """The attainment of one subject on one layer (None when it has no measured indicator there)."""
        wanted = member(IndicatorLayer, layer, "layer")
        for s in self.subjects:
            if s.subject == subject and s.layer is wanted:
                return s.attainment
        return None

    def __repr__(self) -> str:
        parts = ", ".join(f"{layer.value} {percent(self.layer(layer))}" for layer in IndicatorLayer)
        return summary(self, plural(len(self.indicators), "indicator"), parts)

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per indicator, in model order."""
        return ({**attrs.asdict(i), "indicator_name": i.name} for i in self.indicators)


def indicator_attainment(
    pmo: PMO, *, cap: float | None = 1.0, catalog: Catalog | None = None
) -> IndicatorAttainment:
    """The attainment of every indicator, weight-averaged per subject and layer.

    Each indicator's attainment is :func:`attainment` of its actual against its target (direction-aware,
    capped at ``cap``); indicators without an actual value are listed with None and left out of averages.
    A subject's figure on a layer is sum(weight * attainment) / sum(weight) over its measured indicators
    there; subjects are listed by layer (service delivery, value delivery, value recognition), then id.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import PMO, Indicator, IndicatorLayer, Direction
    >>> pmo = PMO(id="p", name="P", indicators=(
    ...     Indicator(id="a", name="A", layer=IndicatorLayer.VALUE_DELIVERY, subject="improved-success-rates",
    ...               target=80, actual=60, weight=3),
    ...     Indicator(id="b", name="B", layer=IndicatorLayer.VALUE_DELIVERY, subject="improved-success-rates",
    ...               target=5, actual=4, direction=Direction.LOWER_IS_BETTER)))
    >>> result = indicator_attainment(pmo)
    >>> [i.attainment for i in result.values()], result.subject("improved-success-rates", "value-delivery")
    ([0.75, 1.0], 0.8125)
    """
    cat = sound(pmo, catalog=catalog)
    _check_cap(cap)
    scores = tuple(
        IndicatorScore(
            indicator=i.id,
            name=i.name,
            layer=i.layer,
            subject=i.subject,
            target=i.target,
            actual=i.actual,
            direction=i.direction,
            weight=i.weight,
            attainment=None
            if i.actual is None
            else attainment(i.actual, i.target, i.direction, cap=cap),
        )
        for i in pmo.indicators
    )
    layers = list(IndicatorLayer)
    groups: dict[tuple[int, str], list[IndicatorScore]] = {}
    for score in scores:
        groups.setdefault((layers.index(score.layer), score.subject), []).append(score)
    subjects = []
    for (layer_index, subject), members in sorted(groups.items()):
        pairs = [(m.weight, m.attainment) for m in members if m.attainment is not None]
        subjects.append(
            SubjectAttainment(
                subject,
                layers[layer_index],
                _weighted(pairs) if pairs else None,
                len(pairs),
                len(members),
            )
        )
    return IndicatorAttainment(scores, tuple(subjects), cap, names=Names(pmo, cat))


class SlaState(enum.StrEnum):
    """The traffic light of a service-level agreement."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    UNMEASURED = "unmeasured"


@attrs.frozen
class SlaStatus:
    """One SLA: its uncapped attainment and traffic light."""

    offering: str
    sla: str
    metric: str
    target: float
    actual: float | None
    direction: Direction
    attainment: float | None
    state: SlaState


@attrs.frozen(repr=False)
class SlaStatuses(Rows[SlaStatus]):
    """The traffic light of every SLA of every offering, as a sequence in model order."""

    slas: tuple[SlaStatus, ...]
    tolerance: float
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = (
        "offering",
        "offering_name",
        "sla",
        "metric",
        "target",
        "actual",
        "direction",
        "attainment",
        "state",
    )

    def _items(self) -> tuple[SlaStatus, ...]:
        return self.slas

    def count(self, value: object) -> int:
        """How many SLAs are in the state ``value`` (a :class:`SlaState` or its value); given a
        :class:`SlaStatus`, how many rows equal it, as for any sequence."""
        if isinstance(value, SlaStatus):
            return self.slas.count(value)
        wanted = member(SlaState, value, "state")
        return sum(1 for s in self.slas if s.state is wanted)

    def __repr__(self) -> str:
        counts = ", ".join(f"{self.count(s)} {s.value}" for s in SlaState if self.count(s))
        return summary(self, plural(len(self.slas), "SLA"), counts)

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per SLA, in model order."""
        return (attrs.asdict(s) for s in self.slas)


def sla_status(pmo: PMO, tolerance: float = 0.1, *, catalog: Catalog | None = None) -> SlaStatuses:
    """Green, amber or red for every SLA of every offering.

    Attainment is :func:`attainment` without a cap. Green when attainment >= 1; amber when it is at least
    1 - ``tolerance``; red below; ``unmeasured`` when the SLA has no actual value.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import PMO, ServiceOffering, ServiceLevel, Direction
    >>> pmo = PMO(id="p", name="P", offerings=(ServiceOffering(
    ...     id="pmis", service="systems-and-tools-management", maturity=3, slas=(
    ...         ServiceLevel(id="response", metric="First response (hours)", target=8, actual=8.5,
    ...                      direction=Direction.LOWER_IS_BETTER),
    ...         ServiceLevel(id="uptime", metric="Uptime (%)", target=99, actual=99.5),
    ...         ServiceLevel(id="tickets", metric="Tickets closed (%)", target=90, actual=75))),))
    >>> [(s.sla, s.state.value) for s in sla_status(pmo)]
    [('response', 'amber'), ('uptime', 'green'), ('tickets', 'red')]
    """
    cat = sound(pmo, catalog=catalog)
    if (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, int | float)
        or not 0 <= tolerance < 1
    ):
        raise ValidationError([Problem("tolerance", f"{tolerance!r} is not in [0, 1)")])
    statuses = []
    for offering in pmo.offerings:
        for sla in offering.slas:
            if sla.actual is None:
                value, state = None, SlaState.UNMEASURED
            else:
                value = attainment(sla.actual, sla.target, sla.direction, cap=None)
                if value >= 1:
                    state = SlaState.GREEN
                elif value >= 1 - tolerance - 1e-12:
                    state = SlaState.AMBER
                else:
                    state = SlaState.RED
            statuses.append(
                SlaStatus(
                    offering.id,
                    sla.id,
                    sla.metric,
                    sla.target,
                    sla.actual,
                    sla.direction,
                    value,
                    state,
                )
            )
    return SlaStatuses(tuple(statuses), float(tolerance), names=Names(pmo, cat))


@attrs.frozen(repr=False)
class NetPromoterScore(Keyed[int]):
    """A net promoter score in -100..100 with the counts behind it.

    Read it like a dict of the number of ratings by group: ``result["promoters"]``,
    ``result["passives"]``, ``result["detractors"]``; ``score`` is the headline figure.
    """

    score: float
    promoters: int
    passives: int
    detractors: int
    _columns = ("group", "ratings", "share")

    @property
    def responses(self) -> int:
        """The number of ratings."""
        return self.promoters + self.passives + self.detractors

    def _table(self) -> Mapping[str, int]:
        return {
            "promoters": self.promoters,
            "passives": self.passives,
            "detractors": self.detractors,
        }

    def __repr__(self) -> str:
        return summary(
            self,
            plural(self.responses, "rating"),
            f"score {self.score:.1f}",
            ", ".join(f"{n} {group}" for group, n in self._table().items()),
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per group: ``group``, its number of ``ratings`` and their ``share`` of all."""
        total = self.responses
        return (
            {"group": group, "ratings": n, "share": n / total if total else 0.0}
            for group, n in self._table().items()
        )


def nps(ratings: Iterable[int]) -> NetPromoterScore:
    """The net promoter score of 0-10 ratings: % promoters (9-10) minus % detractors (0-6).

    Every rating must be an integer 0-10; a bad one is a ValidationError naming its position.

    >>> result = nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5])
    >>> result.score, result.promoters, result.detractors
    (20.0, 5, 3)
    """
    if isinstance(ratings, str | bytes) or not isinstance(ratings, Iterable):
        raise ValidationError(
            [Problem("", f"expected a list of ratings from 0 to 10, got {ratings!r}")],
            title="NPS ratings",
        )
    values = list(ratings)
    problems = [
        Problem(f"[{i}]", f"{r!r} is not a rating from 0 to 10")
        for i, r in enumerate(values)
        if isinstance(r, bool) or not isinstance(r, int) or not 0 <= r <= 10
    ]
    if not values:
        problems.append(Problem("", "no ratings: the score needs at least one"))
    if problems:
        raise ValidationError(problems, title="NPS ratings")
    promoters = sum(1 for r in values if r >= 9)
    detractors = sum(1 for r in values if r <= 6)
    score = 100 * (promoters - detractors) / len(values)
    return NetPromoterScore(score, promoters, len(values) - promoters - detractors, detractors)


@attrs.frozen
class SubjectValue:
    """Delivered and perceived value of one subject, side by side (each None when not measured).

    ``gap`` = delivered - perceived when both are known: positive means value delivered but not yet
    recognised, negative means customers perceive more than the evidence shows.
    """

    subject: str
    delivered: float | None
    perceived: float | None

    @property
    def gap(self) -> float | None:
        """delivered - perceived, or None when either is missing."""
        if self.delivered is None or self.perceived is None:
            return None
        return self.delivered - self.perceived


@attrs.frozen(repr=False)
class ValueGap(Keyed[SubjectValue]):
    """Delivered value (value-delivery indicators) next to perceived value (value-recognition), per subject.

    Read it like a dict by subject id (sorted): ``gap["improved-success-rates"]`` is that subject's
    :class:`SubjectValue`; the rows are also kept as ``subjects``.
    """

    subjects: tuple[SubjectValue, ...]
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = ("subject", "subject_name", "delivered", "perceived", "gap")
    _name_kinds: ClassVar[Mapping[str, tuple[str, ...]]] = {"subject": ("outcome", "offering")}

    def _table(self) -> Mapping[str, SubjectValue]:
        return {s.subject: s for s in self.subjects}

    def __repr__(self) -> str:
        gaps = [s for s in self.subjects if s.gap is not None]
        widest = max(gaps, key=lambda s: abs(s.gap or 0.0), default=None)
        return summary(
            self,
            plural(len(self.subjects), "subject"),
            f"widest gap: {widest.subject} {percent(widest.gap)}" if widest else "",
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per subject: ``subject``, ``delivered``, ``perceived``, ``gap``."""
        return ({**attrs.asdict(s), "gap": s.gap} for s in self.subjects)


def value_gap(pmo: PMO, *, cap: float | None = 1.0, catalog: Catalog | None = None) -> ValueGap:
    """Per subject, the attainment of its value-delivery indicators next to that of its value-recognition ones.

    The two are kept apart, never averaged together: delivered value is evidence that outcomes happened
    (flywheel step 9), perceived value is what customers feel (step 10). Subjects with indicators on
    either layer are listed by id; service-delivery indicators are not part of this view.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import PMO, Indicator, IndicatorLayer
    >>> pmo = PMO(id="p", name="P", indicators=(
    ...     Indicator(id="aligned", name="Aligned projects", layer=IndicatorLayer.VALUE_DELIVERY,
    ...               subject="greater-alignment-with-strategic-objectives", target=90, actual=81),
    ...     Indicator(id="felt", name="Executives who feel aligned", layer=IndicatorLayer.VALUE_RECOGNITION,
    ...               subject="greater-alignment-with-strategic-objectives", target=80, actual=40)))
    >>> row = value_gap(pmo).subjects[0]
    >>> row.delivered, row.perceived, row.gap
    (0.9, 0.5, 0.4)
    """
    cat = sound(pmo, catalog=catalog)
    result = indicator_attainment(pmo, cap=cap, catalog=cat)
    subjects = sorted(
        {s.subject for s in result.subjects if s.layer is not IndicatorLayer.SERVICE_DELIVERY}
    )
    return ValueGap(
        tuple(
            SubjectValue(
                subject,
                result.subject(subject, IndicatorLayer.VALUE_DELIVERY),
                result.subject(subject, IndicatorLayer.VALUE_RECOGNITION),
            )
            for subject in subjects
        ),
        names=Names(pmo, cat),
    )
