"""The envelope of a file: ``schema = "valuering/1"`` next to the data, and migrations between versions.

A file of an older version is upgraded step by step (``valuering/1 -> valuering/2 -> ...``) before it is
structured, so the model classes only ever see the current layout.

>>> migrations = Migrations("valuering/2")
>>> @migrations.register("valuering/1", "valuering/2")
... def rename_title(data):
...     data["name"] = data.pop("title")
...     return data
>>> migrations.upgrade({"schema": "valuering/1", "title": "Demo"})
{'name': 'Demo'}
>>> migrations.supported
('valuering/1', 'valuering/2')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from valuering.errors import Problem, ValidationError, did_you_mean

__all__ = ["CATALOG_MIGRATIONS", "MODEL_MIGRATIONS", "MODEL_SCHEMA", "Migrations"]

MODEL_SCHEMA = "valuering/1"

Migration = Callable[[dict[str, Any]], dict[str, Any]]


@attrs.define
class Migrations:
    """The versions a kind of file can have: the ``current`` one and upgrade steps from older ones."""

    current: str
    steps: dict[str, tuple[str, Migration]] = attrs.field(factory=dict)

    @property
    def supported(self) -> tuple[str, ...]:
        """Every version that can be read, sorted."""
        return tuple(sorted({self.current, *self.steps}))

    def register(self, source: str, target: str) -> Callable[[Migration], Migration]:
        """Decorator: ``fn(data) -> data`` turns a ``source`` document into a ``target`` one."""

        def add(fn: Migration) -> Migration:
            self.steps[source] = (target, fn)
            return fn

        return add

    def upgrade(self, data: object) -> dict[str, Any]:
        """Check the envelope, migrate to the current version and return the data without ``schema``."""
        if not isinstance(data, dict):
            kind = "a list" if isinstance(data, list) else type(data).__name__
            raise ValidationError([Problem("", f"expected a table at the top level, got {kind}")])
        supported = ", ".join(repr(v) for v in self.supported)
        version = data.get("schema")
        if version is None:
            raise ValidationError(
                [
                    Problem(
                        "schema", f"missing; add schema = {self.current!r} (supported: {supported})"
                    )
                ]
            )
        if not isinstance(version, str) or version not in self.supported:
            hint = did_you_mean(version, self.supported) if isinstance(version, str) else ""
            raise ValidationError(
                [Problem("schema", f"unknown schema {version!r}; supported: {supported}{hint}")]
            )
        document = {k: v for k, v in data.items() if k != "schema"}
        seen = {version}
        while version != self.current:
            if version not in self.steps:
                raise ValidationError(
                    [Problem("schema", f"no migration from {version!r} to {self.current!r}")]
                )
            version, step = self.steps[version]
            if version in seen:
                raise ValidationError([Problem("schema", f"migrations loop at {version!r}")])
            seen.add(version)
            document = step(document)
        return document


MODEL_MIGRATIONS = Migrations(MODEL_SCHEMA)
CATALOG_MIGRATIONS = Migrations("valuering-catalog/1")
