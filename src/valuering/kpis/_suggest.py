"""Indicators a model lacks: for each offering without a service-delivery indicator, and for each
expected outcome without a value-delivery or value-recognition indicator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from valuering._tables import Names, Rows, plural, summary
from valuering.catalog import Catalog
from valuering.demand import outcome_demand
from valuering.kpis._library import (
    IndicatorTemplate,
    outcome_templates,
    perception_template,
    service_templates,
)
from valuering.model import PMO, Indicator, IndicatorLayer
from valuering.validation import sound

__all__ = ["IndicatorSuggestions", "Suggestion", "suggest_indicators"]


@attrs.frozen
class Suggestion:
    """One suggested indicator: the template it comes from and the model indicator to add."""

    indicator: Indicator
    template: IndicatorTemplate
    subject_kind: str
    reason: str


@attrs.frozen(repr=False)
class IndicatorSuggestions(Rows[Suggestion]):
    """Suggestions in order: offerings (model order), then outcomes by falling demand for value
    delivery, then for value recognition."""

    suggestions: tuple[Suggestion, ...]
    _names: Names = attrs.field(factory=Names, eq=False, repr=False, kw_only=True)
    _columns = (
        "id",
        "name",
        "layer",
        "subject",
        "subject_name",
        "unit",
        "direction",
        "target",
        "formula",
        "source",
        "frequency",
        "reason",
    )
    _name_kinds = {"subject": ("offering", "outcome")}  # noqa: RUF012 (a ClassVar in the base)

    def _items(self) -> tuple[Suggestion, ...]:
        return self.suggestions

    def indicators(self) -> tuple[Indicator, ...]:
        """The suggested indicators, ready for ``attrs.evolve(pmo, indicators=...)``."""
        return tuple(s.indicator for s in self.suggestions)

    def _rows(self) -> Iterator[dict[str, Any]]:
        for s in self.suggestions:
            t = s.template
            yield {
                "id": s.indicator.id,
                "name": t.name,
                "layer": t.layer,
                "subject": s.indicator.subject,
                "unit": t.unit,
                "direction": t.direction,
                "target": t.target,
                "formula": t.formula,
                "source": t.source,
                "frequency": t.frequency,
                "reason": s.reason,
            }

    def __repr__(self) -> str:
        layers = [
            f"{sum(s.template.layer is layer for s in self.suggestions)} {layer.value}"
            for layer in IndicatorLayer
        ]
        return summary(self, plural(len(self.suggestions), "suggestion"), ", ".join(layers))


def suggest_indicators(pmo: PMO, *, catalog: Catalog | None = None) -> IndicatorSuggestions:
    """Indicators from valuering's KPI library for what ``pmo`` offers or its customers expect but
    no indicator measures: a service-delivery indicator per unmeasured offering, a value-delivery
    and a value-recognition indicator per unmeasured expected outcome.

    >>> from valuering import templates
    >>> suggestions = suggest_indicators(templates.load("hub-office"))
    >>> suggestions
    <IndicatorSuggestions: 13 suggestions; 4 service-delivery, 5 value-delivery, 4 value-recognition>
    >>> suggestions[0].indicator.id, suggestions[0].template.formula
    ('area-governance-delivery', 'gate reviews held by their planned date / gate reviews due')

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound.
    """
    cat = sound(pmo, catalog=catalog)
    taken = {indicator.id for indicator in pmo.indicators}
    measured = {(i.subject, i.layer) for i in pmo.indicators}
    found: list[Suggestion] = []

    def add(template: IndicatorTemplate, kind: str, suffix: str, reason: str) -> None:
        ident = _free_id(f"{template.subject}-{suffix}", taken)
        taken.add(ident)
        indicator = Indicator(
            id=ident,
            name=template.name,
            layer=template.layer,
            subject=template.subject,
            target=template.target,
            unit=template.unit,
            direction=template.direction,
        )
        found.append(Suggestion(indicator, template, kind, reason))

    services = service_templates()
    for offering in pmo.offerings:
        template = services.get(offering.service)  # a service of another catalog has none
        if template and (offering.id, IndicatorLayer.SERVICE_DELIVERY) not in measured:
            mine = attrs.evolve(template, subject=offering.id)
            add(mine, "offering", "delivery", "offering without a service-delivery indicator")
    demand = outcome_demand(pmo, catalog=cat)
    expected = sorted(
        {e.outcome for customer in pmo.customers for e in customer.expectations},
        key=lambda outcome: (-demand.get(outcome, 0.0), outcome),
    )
    outcomes = outcome_templates()
    for outcome in expected:
        if outcome in outcomes and (outcome, IndicatorLayer.VALUE_DELIVERY) not in measured:
            add(
                outcomes[outcome],
                "outcome",
                "delivered",
                "expected outcome without a value-delivery indicator",
            )
    for outcome in expected:
        if outcome in outcomes and (outcome, IndicatorLayer.VALUE_RECOGNITION) not in measured:
            template = perception_template(outcome, cat.outcome(outcome).name)
            add(
                template,
                "outcome",
                "perceived",
                "expected outcome without a value-recognition indicator",
            )
    return IndicatorSuggestions(tuple(found), names=Names(pmo, cat))


def _free_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... when an indicator already has that id."""
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    return ident
