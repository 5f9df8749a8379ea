"""Catalog files in and out: load, loads, dump and dumps in TOML, JSON and YAML, chains of files
that extend each other, and conversion between formats.

>>> from valuering.catalog import pmi_2025
>>> loads_catalog(dumps_catalog(pmi_2025(), "json"), "json") == pmi_2025()
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from valuering._document._files import check_path, read_text, write_text
from valuering._document._formats import check_format, format_of, parse
from valuering.catalog._catalog import Catalog
from valuering.catalog._files import (
    Resolve,
    build,
    document_from_data,
    document_of,
    from_text,
    read_file,
    text_of,
)
from valuering.catalog._registry import get_catalog, registered_catalogs
from valuering.errors import Problem, UnknownIdError, ValidationError

__all__ = [
    "catalog_from_data",
    "convert_catalog_file",
    "dump_catalog",
    "dumps_catalog",
    "load_catalog",
    "load_catalogs",
    "loads_catalog",
]

HINT = "register it, pass it in catalogs=..., or load its file in the same load_catalogs call"


def _resolver(base: Catalog | None, catalogs: Iterable[Catalog], hint: str = HINT) -> Resolve:
    """Find what ``extends`` names: ``base`` when given, else one of ``catalogs`` by name, else the
    registry (built-in, registered, plugins)."""
    by_name = {c.name: c for c in _catalogs(catalogs)}

    def resolve(name: str) -> Catalog:
        if base is not None:
            return base
        if name in by_name:
            return by_name[name]
        try:
            return get_catalog(name)
        except UnknownIdError:
            error = UnknownIdError("catalog", name, [*registered_catalogs(), *by_name])
            raise ValidationError([Problem("extends", f"{error}; {hint}")]) from None

    return resolve


def _catalogs(catalogs: Iterable[Catalog]) -> list[Catalog]:
    found = list(catalogs.values() if isinstance(catalogs, Mapping) else catalogs)
    for catalog in found:
        if not isinstance(catalog, Catalog):
            raise ValidationError(
                [Problem("catalogs", f"expected Catalogs, got {type(catalog).__name__}")]
            )
    return found


def catalog_from_data(
    data: Mapping[str, Any],
    *,
    base: Catalog | None = None,
    override: bool = False,
    catalogs: Iterable[Catalog] = (),
    source: str = "<data>",
) -> Catalog:
    """Build a catalog from the plain data of a catalog file (already parsed TOML, JSON or YAML).

    >>> catalog_from_data({"schema": "valuering-catalog/1", "name": "acme", "extends": "pmi-2025"}).name
    'acme'
    """
    doc = document_from_data(data, source)
    resolve = _resolver(base, catalogs)
    try:
        return build(doc, None if doc.extends is None else resolve(doc.extends), override=override)
    except ValidationError as error:
        raise ValidationError(
            [p if p.file else Problem(p.path, p.message, file=source) for p in error.problems],
            title=source,
        ) from None


def loads_catalog(
    text: str,
    format: str = "toml",
    *,
    base: Catalog | None = None,
    override: bool = False,
    catalogs: Iterable[Catalog] = (),
    source: str | None = None,
) -> Catalog:
    """Read a catalog from the text of a catalog file in ``format`` ("toml", "json" or "yaml").

    What its ``extends`` names is ``base`` when given, else one of ``catalogs``, else a catalog
    :func:`~valuering.catalog.get_catalog` finds. An entry whose id is already in the catalog it
    extends is an error unless ``override=True``. Every problem of the text, from syntax to unknown
    ids, comes in one :class:`~valuering.errors.ValidationError`, each with its line; ``source``
    names the text in messages.

    >>> text = '''schema = "valuering-catalog/1"
    ... name = "acme"
    ... extends = "pmi-2025"
    ... [[outcomes]]
    ... id = "esg-compliance"
    ... name = "ESG compliance"
    ... horizon = "lnog"
    ... [[links]]
    ... service = "governance-oversight"
    ... outcome = "esg-complaince"
    ... '''
    >>> loads_catalog(text, source="acme.toml")
    Traceback (most recent call last):
    ...
    valuering.errors.ValidationError: acme.toml: 2 problems:
      outcomes[0].horizon: string 'lnog' is not one of 'short', ..., 'long'; did you mean 'long'? (line 7)
      links[0].outcome: unknown outcome id 'esg-complaince'... (line 10)
    """
    check_format(format)
    if not isinstance(text, str):
        raise ValidationError([Problem("", f"expected text, got {type(text).__name__}")])
    resolve = _resolver(base, catalogs)
    return from_text(text, format, source, resolve, override=override)[1]


def load_catalog(
    path: str | Path,
    *,
    base: Catalog | None = None,
    override: bool = False,
    catalogs: Iterable[Catalog] = (),
    format: str | None = None,
) -> Catalog:
    """Load a catalog file (TOML, JSON or YAML by suffix); with ``extends = "pmi-2025"`` its entries
    are added to that catalog. See :func:`loads_catalog` for ``base``, ``catalogs`` and the checks;
    for several files that extend each other, :func:`load_catalogs`.

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "acme.toml"
    ...     _ = path.write_text('schema = "valuering-catalog/1"\\nname = "acme"\\nextends = "pmi-2025"\\n')
    ...     len(load_catalog(path).services)
    26
    """
    check_path(path)
    return loads_catalog(
        read_text(path),
        format or format_of(path),
        base=base,
        override=override,
        catalogs=catalogs,
        source=str(path),
    )


def load_catalogs(
    paths: Iterable[str | Path],
    *,
    catalogs: Iterable[Catalog] = (),
    override: bool = False,
    hint: str = HINT,
) -> dict[str, Catalog]:
    """Load catalog files that may extend each other, given in any order: each file's ``extends``
    names another of the files, one of ``catalogs``, or a catalog
    :func:`~valuering.catalog.get_catalog` finds. Returns the catalogs by name, in the order of the
    files.

    Every problem of every file comes in one :class:`~valuering.errors.ValidationError` with its
    file and line: two files defining one catalog, files that extend each other in a circle, an
    ``extends`` nothing provides (the message then ends with ``hint``).

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     client = pathlib.Path(folder) / "kestrel.toml"
    ...     _ = client.write_text('schema = "valuering-catalog/1"\\nname = "kestrel-2025"\\nextends = "firm"\\n')
    ...     firm = pathlib.Path(folder) / "firm.toml"
    ...     _ = firm.write_text('schema = "valuering-catalog/1"\\nname = "firm"\\nextends = "pmi-2025"\\n')
    ...     list(load_catalogs([client, firm]))
    ['kestrel-2025', 'firm']
    """
    chain = _Chain(_catalogs(catalogs), override, hint)
    for path in paths:
        check_path(path)
        chain.add(str(path), read_text(path))
    return chain.load()


class _Chain:
    """Catalog files loaded together: each is built once, after the file it extends."""

    def __init__(self, catalogs: list[Catalog], override: bool, hint: str) -> None:
        self.outer = _resolver(None, catalogs, hint)
        self.override = override
        self.texts: dict[str, str] = {}  # by file
        self.files: dict[str, str] = {}  # file by catalog name
        self.built: dict[str, Catalog] = {}  # by file
        self.failed: set[str] = set()
        self.loading: list[str] = []
        self.problems: list[Problem] = []
        self.sources: list[str] = []  # every file, in the order given

    def add(self, source: str, text: str) -> None:
        name, line = _declared_name(text, format_of(source))
        if name is not None and name in self.files:
            problem = (
                f"catalog {name!r} is also defined in {self.files[name]}; give one file for it"
            )
            self.problems.append(Problem("name", problem, line=line, file=source))
            self.sources.append(source)
            return
        if name is not None:
            self.files[name] = source
        self.texts[source] = text
        self.sources.append(source)

    def load(self) -> dict[str, Catalog]:
        for source in self.texts:
            self._load(source)
        if self.problems:
            order = {source: i for i, source in enumerate(self.sources)}
            by_file = sorted(self.problems, key=lambda p: order.get(p.file or "", len(order)))
            files = ", ".join(dict.fromkeys(p.file for p in by_file if p.file))
            raise ValidationError(by_file, title=files or None)
        return {self.built[s].name: self.built[s] for s in self.texts}

    def _load(self, source: str) -> None:
        if source in self.built or source in self.failed:
            return
        self.loading.append(source)
        try:
            text = self.texts[source]
            catalog = from_text(
                text, format_of(source), source, self._resolve, override=self.override
            )[1]
        except ValidationError as error:
            self.problems.extend(error.problems)
            self.failed.add(source)
        else:
            self.built[source] = catalog
        finally:
            self.loading.pop()

    def _resolve(self, name: str) -> Catalog:
        source = self.files.get(name)
        if source is None:
            return self.outer(name)
        if source in self.loading:
            names = {file: catalog for catalog, file in self.files.items()}
            cycle = [names[s] for s in self.loading[self.loading.index(source) :]]
            message = "catalog files extend each other in a circle: " + " -> ".join([*cycle, name])
            raise ValidationError([Problem("extends", message)])
        self._load(source)
        if source in self.failed:
            raise ValidationError(
                [Problem("extends", f"catalog {name!r} in {source} has problems")]
            )
        return self.built[source]


def _declared_name(text: str, fmt: str) -> tuple[str | None, int | None]:
    """The ``name`` a catalog file declares and its line, or None when its text does not say
    (reading the file then reports why)."""
    try:
        parsed = parse(text, fmt)
    except ValidationError:
        return None, None
    name = parsed.data.get("name") if isinstance(parsed.data, dict) else None
    return (name, parsed.lines.line_of("name")) if isinstance(name, str) else (None, None)


def dumps_catalog(catalog: Catalog, format: str = "toml") -> str:
    """The text of a catalog file that holds all of ``catalog`` on its own (it extends nothing):
    services with their level names, outcome strengths and competences, outcomes, competences,
    customer groups and approaches. :func:`loads_catalog` reads it back to an equal catalog.

    >>> from valuering.catalog import pmi_2025
    >>> print(dumps_catalog(pmi_2025()).splitlines()[1])
    name = "pmi-2025"
    """
    check_format(format)
    if not isinstance(catalog, Catalog):
        raise ValidationError([Problem("", f"expected a Catalog, got {type(catalog).__name__}")])
    return text_of(document_of(catalog), format)


def dump_catalog(catalog: Catalog, path: str | Path, *, format: str | None = None) -> None:
    """Write ``catalog`` to a catalog file (see :func:`dumps_catalog`), atomically; the suffix
    picks the format unless ``format`` is given.

    >>> import pathlib, tempfile
    >>> from valuering.catalog import pmi_2025
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "copy.yaml"
    ...     dump_catalog(pmi_2025().extend(name="acme"), target)
    ...     load_catalog(target) == pmi_2025().extend(name="acme")
    True
    """
    check_path(path)
    write_text(path, dumps_catalog(catalog, format or format_of(path)))


def convert_catalog_file(
    source: str | Path, target: str | Path, *, catalogs: Iterable[Catalog] = ()
) -> None:
    """Check the catalog file ``source`` as :func:`load_catalog` does, then write the same entries
    to ``target`` (atomically) in the format its suffix names; ``extends`` is kept, not expanded.

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     toml = pathlib.Path(folder) / "acme.toml"
    ...     _ = toml.write_text('schema = "valuering-catalog/1"\\nname = "acme"\\nextends = "pmi-2025"\\n')
    ...     convert_catalog_file(toml, toml.with_suffix(".json"))
    ...     print(toml.with_suffix(".json").read_text(), end="")
    {
      "schema": "valuering-catalog/1",
      "name": "acme",
      "extends": "pmi-2025"
    }
    """
    check_path(source)
    check_path(target)
    doc = read_file(source, _resolver(None, catalogs))[0]
    write_text(target, text_of(doc, format_of(target)))
