"""The one protocol every result follows, and the helpers that draw it.

A result is a frozen object that is the container it reads as: a :class:`Keyed` result is a mapping
by id (``result["reporting"]``, ``dict(result)``), a :class:`Rows` result a sequence of rows, ranked
or in model order (``result[0]``, ``result[:3]``). Every result has ``to_records()`` (flat dicts,
names beside ids), ``to_frame()`` (pandas extra), ``_repr_html_()`` for notebooks and a one-line
repr drawn by :func:`summary`; percentages are written by :func:`percent` everywhere.
"""

from __future__ import annotations

import abc
import enum
import html
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, overload

from valuering.errors import OptionalDependencyError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Keyed",
    "Names",
    "Rows",
    "Tabular",
    "frame_from_records",
    "html_table",
    "percent",
    "plural",
    "summary",
]

T = TypeVar("T")
V = TypeVar("V")


def percent(fraction: float | None, *, digits: int = 1) -> str:
    """A fraction as a percentage, the one way valuering writes one: one decimal, a space before %.

    None (nothing to measure) is an en dash; a value that rounds to zero never shows a minus sign.

    >>> percent(1 / 3), percent(0.842), percent(1), percent(0), percent(None)
    ('33.3 %', '84.2 %', '100.0 %', '0.0 %', '–')
    >>> percent(0.4567, digits=0)
    '46 %'
    """
    if fraction is None:
        return "–"
    text = f"{fraction * 100:.{digits}f}"
    if text.lstrip("-").strip("0.") == "":  # -0.0 reads as 0.0
        text = text.lstrip("-")
    return f"{text} %"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, with an s (or ``many``) unless the count is one.

    >>> plural(1, "service"), plural(26, "service"), plural(3, "category", "categories")
    ('1 service', '26 services', '3 categories')
    """
    return f"{count} {word if count == 1 else many or word + 's'}"


def summary(result: object, size: str, *details: str) -> str:
    """The one-line repr every result shares: ``<Class: size; detail; detail>``.

    ``size`` says how big the container is (``"26 services"``); empty details are left out.

    >>> class Recommendations: ...
    >>> summary(Recommendations(), "26 services", "top: portfolio-management 12.3 %", "")
    '<Recommendations: 26 services; top: portfolio-management 12.3 %>'
    """
    parts = "; ".join(p for p in (size, *details) if p)
    return f"<{type(result).__name__}: {' '.join(parts.split())}>"


class Names:
    """Display names by kind and id (``names("offering", "pmis")``), for the tables results draw.

    The function that builds a result passes the model and the catalog it used; the tables are built
    the first time a name is asked for, so results that are never shown as tables cost nothing.
    Kinds: ``service``, ``outcome``, ``competence`` (catalog names), ``offering`` (its own name, else
    its service's), ``customer`` and ``objective`` (model names). An unknown id has the name ``""``.

    >>> from valuering import examples, pmi_2025
    >>> names = Names(examples.load("northwind-energy"), pmi_2025())
    >>> names("offering", "pmis"), names("outcome", "nothing-like-this")
    ('Project information system', '')
    """

    __slots__ = ("_catalog", "_pmo", "_tables")

    def __init__(self, pmo: Any = None, catalog: Any = None) -> None:
        self._pmo = pmo
        self._catalog = catalog
        self._tables: dict[str, dict[str, str]] | None = None

    def __call__(self, kind: str | Sequence[str], ident: object) -> str:
        """The name of ``ident`` as a ``kind`` (or the first of several kinds that knows it)."""
        tables = self._tables if self._tables is not None else self._build()
        for k in (kind,) if isinstance(kind, str) else kind:
            name = tables.get(k, {}).get(ident) if isinstance(ident, str) else None
            if name:
                return name
        return ""

    def _build(self) -> dict[str, dict[str, str]]:
        catalog, pmo = self._catalog, self._pmo
        tables: dict[str, dict[str, str]] = {}
        if catalog is not None:
            for kind, table in (
                ("service", catalog.services),
                ("outcome", catalog.outcomes),
                ("competence", catalog.competences),
            ):
                tables[kind] = {ident: entry.name for ident, entry in table.items()}
        if pmo is not None:
            services = tables.get("service", {})
            tables["offering"] = {
                o.id: o.name or services.get(o.service, "") for o in pmo.offerings
            }
            tables["customer"] = {c.id: c.name for c in pmo.customers}
            tables["objective"] = {o.id: o.name for o in pmo.objectives}
        self._tables = tables
        return tables

    def __getstate__(self) -> tuple[Any, Any]:
        return (self._pmo, self._catalog)

    def __setstate__(self, state: tuple[Any, Any]) -> None:
        self._pmo, self._catalog = state
        self._tables = None

    def __repr__(self) -> str:
        return "<Names>"


NO_NAMES = Names()


def frame_from_records(
    records: Sequence[dict[str, Any]], columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """A DataFrame of ``records``; pandas is imported here, only when a frame is asked for."""
    try:
        import pandas as pd
    except ImportError:
        raise OptionalDependencyError("pandas", "pandas", "to_frame()") from None
    return pd.DataFrame.from_records(list(records), columns=list(columns) if columns else None)


def _flat(value: object) -> object:
    """A table cell: enums by value, lists and tuples joined with commas; numbers and text as they are."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple | frozenset):
        return ", ".join(str(_flat(v)) for v in value)
    return value


class Tabular(abc.ABC):
    """The table side of every result: :meth:`to_records`, :meth:`to_frame`, :meth:`_repr_html_`.

    Subclasses give their rows in :meth:`_rows` and their columns in ``_columns``. A column
    ``X_name`` is filled from the result's :class:`Names` (its ``_names`` attribute) by the id in
    column ``X``, as the kind ``_name_kinds[X]`` (by default the kind ``X`` itself), so tables show
    names beside ids. Every record has exactly the columns, in order, with flat values.
    """

    __slots__ = ()
    _columns: ClassVar[tuple[str, ...]] = ()
    _name_kinds: ClassVar[Mapping[str, str | tuple[str, ...]]] = {}

    @abc.abstractmethod
    def _rows(self) -> Iterable[Mapping[str, Any]]:
        """The rows, each with the columns that are not names."""

    def to_records(self) -> list[dict[str, Any]]:
        """The result as a list of flat dicts, one per row, with the result's columns in order."""
        names: Names = getattr(self, "_names", NO_NAMES)
        named = {
            c: (c.removesuffix("_name"), self._name_kinds.get(c.removesuffix("_name"), c[:-5]))
            for c in self._columns
            if c.endswith("_name")
        }
        records = []
        for row in self._rows():
            record: dict[str, Any] = {}
            for column in self._columns:
                if column in named and column not in row:
                    source, kind = named[column]
                    record[column] = names(kind, row.get(source))
                else:
                    record[column] = _flat(row.get(column))
            records.append(record)
        return records

    def to_frame(self) -> pd.DataFrame:
        """The result as a pandas DataFrame (needs the ``pandas`` extra), one row per record."""
        return frame_from_records(self.to_records(), self._columns or None)

    def _repr_html_(self) -> str:
        """The table notebooks show (Jupyter calls this); no pandas needed."""
        return html_table(self.to_records(), self._columns, caption=repr(self))


class Rows(Sequence[T], Tabular):
    """A result that is a sequence of rows: ``len``, iteration, ``result[0]``, ``result[:3]``."""

    __slots__ = ()

    @abc.abstractmethod
    def _items(self) -> tuple[T, ...]:
        """The rows, in order."""

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self._items()[index]

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self) -> Iterator[T]:
        return iter(self._items())


class Keyed(Mapping[str, V], Tabular):
    """A result that is a mapping by id: ``result[id]``, ``len``, iteration over ids, ``dict(result)``."""

    __slots__ = ()

    @abc.abstractmethod
    def _table(self) -> Mapping[str, V]:
        """The values by id, in the result's order."""

    def __getitem__(self, key: str) -> V:
        return self._table()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())

    def __contains__(self, key: object) -> bool:
        return key in self._table()

    @overload
    def get(self, key: str, /) -> V | None: ...

    @overload
    def get(self, key: str, /, default: V | T) -> V | T: ...

    def get(self, key: str, /, default: object = None) -> object:
        """The value of ``key``, or ``default`` when the result has no such key (never an error)."""
        return self[key] if key in self else default  # noqa: SIM401 (this is get itself)


def _cell(value: object) -> str:
    value = _flat(value)
    if isinstance(value, float):
        value = f"{value:.4g}"
    return html.escape("" if value is None else str(value))


def html_table(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[str] = (),
    *,
    caption: str = "",
    max_rows: int = 60,
) -> str:
    """Records as an HTML table, every value escaped; long tables are cut at ``max_rows``.

    >>> print(html_table([{"offering": "a<b", "share": 0.123456}], caption="Shares"))
    <table><caption>Shares</caption><thead><tr><th>offering</th><th>share</th></tr></thead><tbody><tr><td>a&lt;b</td><td>0.1235</td></tr></tbody></table>
    """
    names = list(columns) or list(dict.fromkeys(k for r in records for k in r))
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    rows = [
        "<tr>" + "".join(f"<td>{_cell(r.get(n))}</td>" for n in names) + "</tr>"
        for r in records[:max_rows]
    ]
    if len(records) > max_rows:
        rows.append(
            f'<tr><td colspan="{len(names)}">… {len(records) - max_rows} more rows</td></tr>'
        )
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
