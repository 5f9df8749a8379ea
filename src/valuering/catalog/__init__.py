"""Reference catalogs: the services, outcomes, competences and customer groups models refer to.

``pmi_2025()`` is the built-in catalog; ``Catalog.extend`` and ``load_catalog`` add a consultant's own.
"""

from valuering.catalog._catalog import Catalog, Link
from valuering.catalog._files import CATALOG_SCHEMA
from valuering.catalog._load import catalog_from_data, convert_catalog_file, load_catalog
from valuering.catalog._registry import (
    get_catalog,
    pmi_2025,
    register_catalog,
    registered_catalogs,
)

__all__ = [
    "CATALOG_SCHEMA",
    "Catalog",
    "Link",
    "catalog_from_data",
    "convert_catalog_file",
    "get_catalog",
    "load_catalog",
    "pmi_2025",
    "register_catalog",
    "registered_catalogs",
]
