"""Reference catalogs: the services, outcomes, competences and customer groups models refer to.

``pmi_2025()`` is the built-in catalog; ``Catalog.extend``, catalog files (``load_catalog``,
``load_catalogs``) and plugins (the entry-point group ``valuering.catalogs``) add a consultant's own.
"""

from valuering.catalog._catalog import Catalog, Link
from valuering.catalog._files import CATALOG_SCHEMA
from valuering.catalog._load import (
    catalog_from_data,
    convert_catalog_file,
    dump_catalog,
    dumps_catalog,
    load_catalog,
    load_catalogs,
    loads_catalog,
)
from valuering.catalog._registry import (
    PLUGIN_GROUP,
    CatalogSource,
    CatalogSources,
    available_catalogs,
    get_catalog,
    pmi_2025,
    register_catalog,
    registered_catalogs,
)

__all__ = [
    "CATALOG_SCHEMA",
    "PLUGIN_GROUP",
    "Catalog",
    "CatalogSource",
    "CatalogSources",
    "Link",
    "available_catalogs",
    "catalog_from_data",
    "convert_catalog_file",
    "dump_catalog",
    "dumps_catalog",
    "get_catalog",
    "load_catalog",
    "load_catalogs",
    "loads_catalog",
    "pmi_2025",
    "register_catalog",
    "registered_catalogs",
]
