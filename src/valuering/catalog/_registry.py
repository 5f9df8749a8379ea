"""Catalogs by name, so a model that says ``catalog = "acme"`` finds the consultant's catalog.

A name is looked up in this order: the built-in ``pmi-2025``; catalogs registered in this process
with :func:`register_catalog`; installed plugins. A plugin is a distribution that declares an entry
point in the group ``valuering.catalogs``: its name is the catalog id, its object a function that
returns a :class:`Catalog` or the path of a catalog file. Plugins are looked for only when a name is
not otherwise known, so ``import valuering`` never loads one, and a plugin that fails to load
breaks only the lookups of its own id.

>>> from valuering.catalog import get_catalog, register_catalog, pmi_2025
>>> acme = register_catalog(pmi_2025().extend(name="acme-doc"))
>>> get_catalog("acme-doc") is acme
True
>>> get_catalog("pmi-2025").name
'pmi-2025'
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterable, Mapping
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import attrs

from valuering._document._files import read_text
from valuering._document._formats import format_of
from valuering._tables import Rows, plural, summary
from valuering.catalog._catalog import Catalog
from valuering.catalog._files import from_text
from valuering.errors import Problem, UnknownIdError, ValidationError

__all__ = [
    "BUILT_IN",
    "PLUGIN_GROUP",
    "CatalogSource",
    "CatalogSources",
    "available_catalogs",
    "get_catalog",
    "pmi_2025",
    "register_catalog",
    "registered_catalogs",
]

BUILT_IN = "pmi-2025"
PLUGIN_GROUP = "valuering.catalogs"

_registered: dict[str, Catalog] = {}
# Catalogs loaded from plugins, by id and the entry point that gave them.
_from_plugins: dict[str, tuple[metadata.EntryPoint, Catalog]] = {}
_loading: list[str] = []  # plugin ids being loaded, to catch files that extend each other
_lock = threading.RLock()


def _no_extends(name: str) -> Catalog:
    raise ValidationError(
        [Problem("extends", f"the built-in catalog extends nothing, not {name!r}")]
    )


@functools.cache
def pmi_2025() -> Catalog:
    """The reference catalog of PMI's Practice Guide (2025): 26 services, 30 outcomes, 30 competences.

    >>> catalog = pmi_2025()
    >>> len(catalog.services), len(catalog.outcomes), len(catalog.competences)
    (26, 30, 30)
    """
    path = Path(str(resources.files("valuering.catalog") / "data" / "pmi_2025.toml"))
    text = read_text(path)
    return from_text(text, "toml", str(path), _no_extends)[1]


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
    with _lock:
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
    """The built-in catalog, a registered one or an installed plugin's, by name.

    Raises :class:`~valuering.errors.UnknownIdError` (with the closest known name) when nothing
    provides ``name``, and :class:`~valuering.errors.ValidationError` naming the distribution and
    entry point when the plugin that provides it fails to load or when two distributions claim it.

    >>> get_catalog("pmi-2025").name
    'pmi-2025'
    >>> get_catalog("acme-typo")
    Traceback (most recent call last):
    ...
    valuering.errors.UnknownIdError: unknown catalog id 'acme-typo'...
    """
    if name == BUILT_IN:
        return pmi_2025()
    if isinstance(name, str):
        with _lock:
            if name in _registered:
                return _registered[name]
            if name in _from_plugins:
                return _from_plugins[name][1]
            points = _entry_points().get(name)
            if points:
                return _load_plugin(name, points)
    raise UnknownIdError("catalog", name, registered_catalogs())


def registered_catalogs() -> tuple[str, ...]:
    """The names of every catalog :func:`get_catalog` knows: the built-in one first, then the
    registered and installed ones (plugins are listed, not loaded).

    >>> registered_catalogs()[0]
    'pmi-2025'
    """
    return (BUILT_IN, *sorted((set(_registered) | set(_entry_points())) - {BUILT_IN}))


# Plugins ----------------------------------------------------------------------------------------


def _distribution(point: metadata.EntryPoint) -> str:
    dist = point.dist
    return f"{dist.name} {dist.version}" if dist is not None else "an unknown distribution"


def _entry_points() -> dict[str, list[metadata.EntryPoint]]:
    """Installed plugins by catalog id; one distribution seen twice on the path counts once."""
    found: dict[str, list[metadata.EntryPoint]] = {}
    for point in sorted(metadata.entry_points(group=PLUGIN_GROUP), key=_distribution):
        known = found.setdefault(point.name, [])
        if not any(_distribution(k) == _distribution(point) for k in known):
            known.append(point)
    return found


def _described(point: metadata.EntryPoint) -> str:
    return f"entry point {point.name!r} = {point.value!r} of {_distribution(point)}"


def _plugin_error(point: metadata.EntryPoint, message: str) -> ValidationError:
    """An error whose one problem names the plugin, so it survives being listed among others."""
    return ValidationError([Problem("catalog", f"catalog plugin {_described(point)} {message}")])


def _load_plugin(name: str, points: list[metadata.EntryPoint]) -> Catalog:
    if len(points) > 1:
        claims = " and ".join(_described(p) for p in points)
        raise ValidationError(
            [
                Problem(
                    "catalog",
                    f"catalog id {name!r} is claimed by two distributions: {claims}; "
                    "uninstall one of them",
                )
            ]
        )
    point = points[0]
    if name in _loading:
        cycle = " -> ".join([*_loading[_loading.index(name) :], name])
        raise _plugin_error(point, f"catalogs extend each other in a circle: {cycle}")
    _loading.append(name)
    try:
        catalog = _plugin_catalog(point)
    finally:
        _loading.pop()
    if catalog.name != name:
        raise _plugin_error(
            point, f"gave a catalog named {catalog.name!r}; the entry point's name must be its id"
        )
    _from_plugins[name] = (point, catalog)
    return catalog


def _plugin_catalog(point: metadata.EntryPoint) -> Catalog:
    """What the entry point gives: a Catalog, or a catalog file read and built."""
    try:
        provided: Any = point.load()
        if callable(provided) and not isinstance(provided, Catalog):
            provided = provided()
    except Exception as error:  # any failure of foreign code is reported, never raised raw
        raise _plugin_error(point, f"failed to load: {type(error).__name__}: {error}") from None
    if isinstance(provided, Catalog):
        return provided
    if isinstance(provided, str | os.PathLike):
        text, source = read_text(Path(provided)), os.fspath(provided)
    elif hasattr(provided, "read_text") and hasattr(provided, "name"):  # importlib.resources
        text, source = provided.read_text(encoding="utf-8"), str(provided)
    else:
        raise _plugin_error(
            point,
            f"gave {type(provided).__name__} {provided!r}; expected a Catalog or the path of a "
            "catalog file",
        )
    try:
        return from_text(text, format_of(source), source, _extended)[1]
    except ValidationError as error:
        raise ValidationError(error.problems, title=f"catalog plugin {_described(point)}") from None
    except OSError as error:
        raise _plugin_error(point, f"cannot read {source}: {error.strerror}") from None


def _extended(name: str) -> Catalog:
    """The catalog a plugin's file extends, found like any other."""
    try:
        return get_catalog(name)
    except UnknownIdError as error:
        raise ValidationError(
            [Problem("extends", f"{error}; install the plugin that provides it")]
        ) from None


# Listing ----------------------------------------------------------------------------------------


@attrs.frozen
class CatalogSource:
    """Where a catalog comes from: ``built-in``, ``registered`` in this process, or the
    distribution (name and version) and entry point of a plugin."""

    id: str
    provider: str
    entry_point: str = ""


@attrs.frozen(repr=False)
class CatalogSources(Rows[CatalogSource]):
    """Every catalog :func:`get_catalog` can find, by id; an id claimed twice shows twice."""

    sources: tuple[CatalogSource, ...]
    _columns = ("id", "provider", "entry_point")

    def _items(self) -> tuple[CatalogSource, ...]:
        return self.sources

    def _rows(self) -> Iterable[Mapping[str, Any]]:
        return (attrs.asdict(s) for s in self.sources)

    def __repr__(self) -> str:
        return summary(self, plural(len({s.id for s in self.sources}), "catalog"))


def available_catalogs() -> CatalogSources:
    """The catalogs there are and where each comes from; plugins are found, not loaded.

    >>> available_catalogs()[0]
    CatalogSource(id='pmi-2025', provider='built-in', entry_point='')
    """
    sources = [CatalogSource(BUILT_IN, "built-in")]
    with _lock:
        sources += [CatalogSource(name, "registered") for name in sorted(_registered)]
    for name, points in sorted(_entry_points().items()):
        sources += [CatalogSource(name, _distribution(p), p.value) for p in points]
    return CatalogSources(tuple(sources))
