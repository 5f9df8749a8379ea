"""Kestrel Advisory's catalog for valuering: ``catalog = "kestrel-2025"`` in a model file."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

__all__ = ["catalog_file"]


def catalog_file() -> Traversable:
    """The catalog file shipped in this package; valuering reads it on the first lookup of
    ``kestrel-2025``."""
    return resources.files(__name__) / "kestrel-2025.toml"
