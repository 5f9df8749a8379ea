"""What a complete PMO design holds, dimension by dimension: PMOStep's definition, roles, deployment
and reporting, then the Practice Guide's service description and SLA contents."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from valuering.model import PMO, IndicatorLayer, ServiceOffering

__all__ = ["DESCRIPTION_FIELDS", "DIMENSIONS", "SLA_FIELDS", "Check", "checks"]

DIMENSIONS = ("definition", "roles", "deployment", "reporting", "service-descriptions", "slas")

# The catalog-entry fields the model has no place for, kept under an offering's extra table; the
# others (name, owner, delivery model, SLAs, metrics, audience) are model fields or indicators.
DESCRIPTION_FIELDS = (
    "description",
    "value-proposition",
    "features",
    "technology",
    "request-procedure",
    "delivery-timeframe",
    "resources",
    "feedback",
    "training-and-documentation",
)
# SLA contents beyond the measured levels themselves, under an offering's extra.sla table.
SLA_FIELDS = (
    "scope",
    "response-times",
    "quality-standards",
    "responsibilities",
    "escalation",
    "reporting-frequency",
)


@attrs.frozen
class Check:
    """One item a complete design has: where it lives in the model, and whether it is there."""

    dimension: str
    path: str
    item: str
    satisfied: bool


def checks(pmo: PMO) -> Iterator[Check]:
    """Every applicable check of ``pmo``, dimension by dimension."""
    yield from _definition(pmo)
    yield from _roles(pmo)
    yield from _deployment(pmo)
    yield from _reporting(pmo)
    for i, offering in enumerate(pmo.offerings):
        yield from _description(i, offering)
    for i, offering in enumerate(pmo.offerings):
        yield from _sla(i, offering)


def _definition(pmo: PMO) -> Iterator[Check]:
    mandate = pmo.mandate
    yield Check("definition", "mandate.purpose", "a purpose", bool(mandate.purpose))
    yield Check("definition", "mandate.vision", "a vision", bool(mandate.vision))
    yield Check("definition", "mandate.scope", "a scope of coverage", mandate.scope is not None)
    yield Check("definition", "mandate.objectives", "objectives", bool(mandate.objectives))
    yield Check(
        "definition", "mandate.success_criteria", "success criteria", bool(mandate.success_criteria)
    )
    yield Check("definition", "customers", "customers", bool(pmo.customers))


def _roles(pmo: PMO) -> Iterator[Check]:
    governance = pmo.governance
    yield Check("roles", "governance.sponsor", "a sponsor", bool(governance.sponsor))
    yield Check(
        "roles", "governance.decision_rights", "decision rights", bool(governance.decision_rights)
    )
    staffed = {offering for member in pmo.team for offering in member.offerings}
    for i, offering in enumerate(pmo.offerings):
        where = f"offerings[{i}]"
        yield Check(
            "roles", f"{where}.owner", f"an owner of {offering.id}", offering.owner is not None
        )
        yield Check(
            "roles", f"{where}.team", f"a team member on {offering.id}", offering.id in staffed
        )


def _deployment(pmo: PMO) -> Iterator[Check]:
    for i, offering in enumerate(pmo.offerings):
        where = f"offerings[{i}]"
        yield Check(
            "deployment",
            f"{where}.step",
            f"a flywheel step for {offering.id}",
            offering.step is not None,
        )
        yield Check(
            "deployment",
            f"{where}.delivery",
            f"a delivery model for {offering.id}",
            offering.delivery is not None,
        )
        yield Check(
            "deployment",
            f"{where}.approach",
            f"an approach to its customers for {offering.id}",
            bool(offering.approach),
        )
        yield Check("deployment", f"{where}.slas", f"an SLA for {offering.id}", bool(offering.slas))

    served = {group for offering in pmo.offerings for group in offering.approach}
    for i, customer in enumerate(pmo.customers):
        yield Check(
            "deployment",
            f"customers[{i}].group",
            f"an approach to {customer.group} in some offering",
            customer.group in served,
        )


def _reporting(pmo: PMO) -> Iterator[Check]:
    layers = {indicator.layer for indicator in pmo.indicators}
    for layer in IndicatorLayer:
        yield Check(
            "reporting", f"indicators.{layer.value}", f"a {layer.value} indicator", layer in layers
        )
    measured = {i.subject for i in pmo.indicators if i.layer is IndicatorLayer.SERVICE_DELIVERY}
    for i, offering in enumerate(pmo.offerings):
        yield Check(
            "reporting",
            f"offerings[{i}]",
            f"a service-delivery indicator on {offering.id}",
            offering.id in measured,
        )
    yield Check(
        "reporting",
        "governance.review_cadence",
        "a review cadence",
        bool(pmo.governance.review_cadence),
    )


def _description(i: int, offering: ServiceOffering) -> Iterator[Check]:
    where = f"offerings[{i}]"
    yield Check(
        "service-descriptions", f"{where}.name", f"a name for {offering.id}", bool(offering.name)
    )
    for field in DESCRIPTION_FIELDS:
        yield Check(
            "service-descriptions",
            f"{where}.extra.{field}",
            f"{field.replace('-', ' ')} of {offering.id}",
            bool(offering.extra.get(field)),
        )


def _sla(i: int, offering: ServiceOffering) -> Iterator[Check]:
    if not offering.slas:  # no SLA: deployment already counts it missing
        return
    contents = offering.extra.get("sla")
    contents = contents if isinstance(contents, dict) else {}
    for field in SLA_FIELDS:
        yield Check(
            "slas",
            f"offerings[{i}].extra.sla.{field}",
            f"SLA {field.replace('-', ' ')} of {offering.id}",
            bool(contents.get(field)),
        )
