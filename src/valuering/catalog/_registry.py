"""Catalogs by name, so a model that says ``catalog = "acme"`` finds the consultant's catalog.

>>> from valuering.catalog import get_catalog, register_catalog, pmi_2025
>>> acme = register_catalog(pmi_2025().extend(name="acme-doc"))
>>> get_catalog("acme-doc") is acme
True
>>> get_catalog("pmi-2025").name
'pmi-2025'
"""

from __future__ import annotations

from valuering.catalog._catalog import Catalog
from valuering.catalog._files import pmi_2025
from valuering.errors import Problem, UnknownIdError, ValidationError

__all__ = ["get_catalog", "register_catalog", "registered_catalogs"]

_registered: dict[str, Catalog] = {}


def register_catalog(catalog: Catalog, *, replace: bool = False) -> Catalog:
    """Make ``catalog`` findable by its name; registering another catalog under a taken name is an error
    unless ``replace=True``. Returns the catalog, so it can wrap a ``load_catalog`` call.

    >>> acme = register_catalog(pmi_2025().extend(name="acme-register-doc"))
    >>> "acme-register-doc" in registered_catalogs()
    True
    """
    if catalog.name == "pmi-2025":
        raise ValidationError([Problem("name", "'pmi-2025' is the built-in catalog's name")])
    known = _registered.get(catalog.name)
    if known is not None and known != catalog and not replace:
        raise ValidationError(
            [
                Problem(
                    "name",
                    f"a different catalog named {catalog.name!r} is already registered "
                    "(pass replace=True to replace it)",
                )
            ]
        )
    _registered[catalog.name] = catalog
    return catalog


def get_catalog(name: str) -> Catalog:
    """The built-in catalog or a registered one, by name.

    >>> get_catalog("pmi-2025").name
    'pmi-2025'
    >>> get_catalog("acme-typo")
    Traceback (most recent call last):
    ...
    valuering.errors.UnknownIdError: unknown catalog id 'acme-typo'...
    """
    if name == "pmi-2025":
        return pmi_2025()
    try:
        return _registered[name]
    except KeyError:
        raise UnknownIdError("catalog", name, ["pmi-2025", *_registered]) from None


def registered_catalogs() -> tuple[str, ...]:
    """The names of every catalog :func:`get_catalog` knows, the built-in one first.

    >>> registered_catalogs()[0]
    'pmi-2025'
    """
    return ("pmi-2025", *sorted(_registered))
