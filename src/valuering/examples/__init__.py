"""Example PMO models shipped with valuering, as model files.

>>> from valuering import examples
>>> examples.NAMES
('northwind-energy',)
>>> pmo = examples.load("northwind-energy")
>>> pmo.name, len(pmo.offerings)
('Northwind Energy Enterprise PMO', 12)
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from valuering.errors import UnknownIdError
from valuering.io._converter import structure
from valuering.model import PMO
from valuering.validation import validate

__all__ = ["NAMES", "load", "path"]

NAMES: tuple[str, ...] = ("northwind-energy",)


def path(name: str) -> Path:
    """The path of an example's model file (TOML), for reading or copying.

    >>> path("northwind-energy").name
    'northwind-energy.toml'
    """
    if name not in NAMES:
        raise UnknownIdError("example", name, NAMES)
    return Path(str(resources.files("valuering.examples") / "data" / f"{name}.toml"))


def load(name: str) -> PMO:
    """Load an example PMO by name (one of :data:`NAMES`); it is validated against its catalog."""
    data = tomllib.loads(path(name).read_text(encoding="utf-8"))
    data.pop("schema", None)
    return validate(structure(data, PMO))
