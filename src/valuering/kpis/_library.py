"""The indicator templates: one per catalog service (service delivery) and per catalog outcome
(value delivery), read from the package's ``data/library.toml``; value recognition is drawn per
outcome from one perception-survey pattern."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from importlib import resources

import attrs

from valuering.model import Direction, IndicatorLayer

__all__ = ["IndicatorTemplate", "outcome_templates", "perception_template", "service_templates"]


@attrs.frozen
class IndicatorTemplate:
    """A ready-to-adapt indicator definition: what it measures and how, where from and how often."""

    subject: str
    layer: IndicatorLayer
    name: str
    unit: str
    direction: Direction
    target: float
    formula: str
    source: str
    frequency: str


@functools.cache
def _library() -> Mapping[str, tuple[IndicatorTemplate, ...]]:
    text = (resources.files("valuering.kpis") / "data" / "library.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    layers = {"service": IndicatorLayer.SERVICE_DELIVERY, "outcome": IndicatorLayer.VALUE_DELIVERY}
    return {
        kind: tuple(
            IndicatorTemplate(
                subject=entry["for"],
                layer=layer,
                name=entry["name"],
                unit=entry["unit"],
                direction=Direction(entry.get("direction", "higher-is-better")),
                target=float(entry["target"]),
                formula=entry["formula"],
                source=entry["source"],
                frequency=entry["frequency"],
            )
            for entry in data[kind]
        )
        for kind, layer in layers.items()
    }


def service_templates() -> Mapping[str, IndicatorTemplate]:
    """The service-delivery template of each catalog service, by service id.

    >>> service_templates()["methodologies-and-frameworks-management"].name
    'Methodology adherence rate'
    """
    return {t.subject: t for t in _library()["service"]}


def outcome_templates() -> Mapping[str, IndicatorTemplate]:
    """The value-delivery template of each catalog outcome, by outcome id.

    >>> outcome_templates()["better-quality-of-project-results"].direction.value
    'lower-is-better'
    """
    return {t.subject: t for t in _library()["outcome"]}


def perception_template(outcome: str, outcome_name: str) -> IndicatorTemplate:
    """A value-recognition template for an outcome: the share of surveyed customers who credit the
    PMO with it.

    >>> perception_template("enhanced-decision-making", "Enhanced decision-making").name
    'Customers who credit the PMO with enhanced decision-making'
    """
    return IndicatorTemplate(
        subject=outcome,
        layer=IndicatorLayer.VALUE_RECOGNITION,
        name=f"Customers who credit the PMO with {outcome_name[0].lower()}{outcome_name[1:]}",
        unit="%",
        direction=Direction.HIGHER_IS_BETTER,
        target=70.0,
        formula="respondents answering 4 or 5 of 5 / respondents",
        source="customer perception survey",
        frequency="half-yearly",
    )
