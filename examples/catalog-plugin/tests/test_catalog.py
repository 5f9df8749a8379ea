"""Checks a consultant runs before publishing: the installed plugin provides a sound catalog."""

from __future__ import annotations

from valuering import PMO, Customer, Expectation, ServiceOffering, coverage, validate
from valuering.catalog import get_catalog


def test_the_catalog_is_found_by_its_id() -> None:
    catalog = get_catalog("kestrel-2025")
    assert catalog.title == "Kestrel Advisory PMO catalog (2025)"
    assert len(catalog.services) == 27  # PMI's 26 and the regulatory change desk
    assert catalog.strength("regulatory-readiness", "governance-oversight") == 0.5


def test_a_model_on_the_catalog_validates() -> None:
    pmo = PMO(
        id="client",
        name="Client PMO",
        catalog="kestrel-2025",
        customers=[
            Customer(
                id="cro",
                name="Chief risk officer",
                group="executives-and-senior-management",
                expectations=[Expectation(outcome="regulatory-readiness")],
            )
        ],
        offerings=[
            ServiceOffering(id="desk", service="regulatory-change-desk", maturity=2, target=4)
        ],
    )
    validate(pmo)
    assert coverage(pmo).total == 1.0
