"""Reference catalogs: the services, outcomes, competences and customer groups models refer to.

``pmi_2025()`` is the built-in catalog; ``Catalog.extend`` and ``load_catalog`` add a consultant's own.
"""

from valuering.catalog._catalog import Catalog, Link
from valuering.catalog._files import CATALOG_SCHEMA, catalog_from_data, load_catalog, pmi_2025
from valuering.catalog._registry import get_catalog, register_catalog, registered_catalogs

__all__ = [
    "CATALOG_SCHEMA",
    "Catalog",
    "Link",
    "catalog_from_data",
    "get_catalog",
    "load_catalog",
    "pmi_2025",
    "register_catalog",
    "registered_catalogs",
]
