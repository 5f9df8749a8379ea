"""Example PMO models shipped with valuering, as model files.

>>> from valuering import examples
>>> examples.NAMES
('northwind-energy',)
>>> pmo = examples.load("northwind-energy")
>>> pmo.name, len(pmo.offerings)
('Northwind Energy Enterprise PMO', 12)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from valuering import io
from valuering.errors import UnknownIdError
from valuering.model import PMO

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
    """Load an example PMO by name (one of :data:`NAMES`), through :func:`valuering.io.load`.

    >>> load("northwind-energy").offering("reporting").depends_on
    ('pmis', 'methodology')
    """
    return io.load(path(name))
