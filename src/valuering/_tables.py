"""Tables from results: ``to_records()`` gives plain dicts, ``to_frame()`` a pandas DataFrame (extra)."""

from __future__ import annotations

import abc
import enum
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from valuering.errors import OptionalDependencyError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Tabular", "frame_from_records", "html_table"]


def frame_from_records(
    records: Sequence[dict[str, Any]], columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """A DataFrame of ``records``; pandas is imported here, only when a frame is asked for."""
    try:
        import pandas as pd
    except ImportError:
        raise OptionalDependencyError("pandas", "pandas", "to_frame()") from None
    return pd.DataFrame.from_records(list(records), columns=list(columns) if columns else None)


class Tabular(abc.ABC):
    """Mixin for result classes: implement :meth:`to_records`; :meth:`to_frame` comes for free.

    Subclasses may set ``_columns`` so an empty result still has the right columns.
    """

    __slots__ = ()
    _columns: tuple[str, ...] = ()

    @abc.abstractmethod
    def to_records(self) -> list[dict[str, Any]]:
        """The result as a list of flat dicts, one per row."""

    def to_frame(self) -> pd.DataFrame:
        """The result as a pandas DataFrame (needs the ``pandas`` extra)."""
        return frame_from_records(self.to_records(), self._columns or None)

    def _repr_html_(self) -> str:
        """The table notebooks show (Jupyter calls this); no pandas needed."""
        return html_table(self.to_records(), self._columns, caption=repr(self))


def _cell(value: object) -> str:
    if isinstance(value, enum.Enum):
        value = value.value
    elif isinstance(value, float):
        value = f"{value:.4g}"
    elif isinstance(value, list | tuple | frozenset):
        value = ", ".join(str(_plain(v)) for v in value)
    return html.escape("" if value is None else str(value))


def _plain(value: object) -> object:
    return value.value if isinstance(value, enum.Enum) else value


def html_table(
    records: Sequence[dict[str, Any]],
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
