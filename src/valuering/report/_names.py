"""The names people read in place of ids: outcomes, offerings and customers."""

from __future__ import annotations

from valuering.catalog import Catalog
from valuering.errors import UnknownIdError
from valuering.model import PMO

__all__ = ["customer_name", "offering_title", "outcome_name"]


def outcome_name(catalog: Catalog, outcome_id: str) -> str:
    """The catalog's name of an outcome, or the id itself when the catalog does not know it.

    >>> from valuering import pmi_2025
    >>> outcome_name(pmi_2025(), "higher-return-on-investment")
    'Higher return on investment (ROI)'
    >>> outcome_name(pmi_2025(), "happier-sponsors")
    'happier-sponsors'
    """
    outcome = catalog.outcomes.get(outcome_id)
    return outcome.name if outcome else outcome_id


def offering_title(pmo: PMO, catalog: Catalog, offering_id: str) -> str:
    """``id (name)``: the offering's own name, else its catalog service's name."""
    offering = pmo.offering(offering_id)
    name = offering.name or catalog.services[offering.service].name
    return f"{offering_id} ({name})"


def customer_name(pmo: PMO, customer_id: str) -> str:
    """The customer's name, or the id when the model has no such customer."""
    try:
        return pmo.customer(customer_id).name
    except UnknownIdError:
        return customer_id
