"""Tables from results: ``to_records()`` gives plain dicts, ``to_frame()`` a pandas DataFrame (extra)."""

from __future__ import annotations

import abc
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from valuering.errors import OptionalDependencyError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Tabular", "frame_from_records"]


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
