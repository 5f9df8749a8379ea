"""Catalogs by name, so a model that says ``catalog = "acme"`` finds the consultant's catalog.

>>> from valuering.catalog import get_catalog, register_catalog, pmi_2025
>>> acme = register_catalog(pmi_2025().extend(name="acme-doc"))
>>> get_catalog("acme-doc") is acme
True
>>> get_catalog("pmi-2025").name
'pmi-2025'
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from valuering.catalog._catalog import Catalog
from valuering.catalog._files import build, read_file
from valuering.errors import Problem, UnknownIdError, ValidationError

__all__ = ["BUILT_IN", "get_catalog", "pmi_2025", "register_catalog", "registered_catalogs"]

BUILT_IN = "pmi-2025"

_registered: dict[str, Catalog] = {}


@functools.cache
def pmi_2025() -> Catalog:
    """The reference catalog of PMI's Practice Guide (2025): 26 services, 30 outcomes, 30 competences.

    >>> catalog = pmi_2025()
    >>> len(catalog.services), len(catalog.outcomes), len(catalog.competences)
    (26, 30, 30)
    """
    path = Path(str(resources.files("valuering.catalog") / "data" / "pmi_2025.toml"))
    doc, _ = read_file(path)
    return build(doc, None, override=False)


def register_catalog(catalog: Catalog, *, replace: bool = False) -> Catalog:
    """Make ``catalog`` findable by its name; registering another catalog under a taken name is an error
    unless ``replace=True``. Returns the catalog, so it can wrap a ``load_catalog`` call.

    >>> acme = register_catalog(pmi_2025().extend(name="acme-register-doc"))
    >>> "acme-register-doc" in registered_catalogs()
    True
    """
    if not isinstance(catalog, Catalog):
        raise ValidationError(
            [Problem("catalog", f"expected a Catalog, got {type(catalog).__name__}")]
        )
    if catalog.name == BUILT_IN:
        raise ValidationError([Problem("name", f"{BUILT_IN!r} is the built-in catalog's name")])
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
    if name == BUILT_IN:
        return pmi_2025()
    try:
        return _registered[name]
    except (KeyError, TypeError):
        raise UnknownIdError("catalog", name, [BUILT_IN, *_registered]) from None


def registered_catalogs() -> tuple[str, ...]:
    """The names of every catalog :func:`get_catalog` knows, the built-in one first.

    >>> registered_catalogs()[0]
    'pmi-2025'
    """
    return (BUILT_IN, *sorted(_registered))
