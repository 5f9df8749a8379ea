"""The catalog a model file names, read without checking the file, so a caller with several
catalogs can pick the one to load it with."""

from __future__ import annotations

from pathlib import Path

import attrs

from valuering._document._files import read_text
from valuering._document._formats import format_of, parse
from valuering.errors import ValidationError
from valuering.model import PMO

__all__ = ["catalog_named"]

_DEFAULT = str(attrs.fields(PMO).catalog.default)


def catalog_named(path: str | Path) -> str | None:
    """The ``catalog`` field of the model file at ``path`` (the default ``pmi-2025`` when it has
    none), or None when the file cannot be read as a model; loading it then says why.

    >>> from valuering import examples
    >>> catalog_named(examples.path("northwind-energy"))
    'pmi-2025'
    """
    try:
        data = parse(read_text(path), format_of(path)).data
    except (ValidationError, OSError):
        return None
    if not isinstance(data, dict):
        return None
    name = data.get("catalog", _DEFAULT)
    return name if isinstance(name, str) else None
