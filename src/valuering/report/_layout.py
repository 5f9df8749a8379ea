"""What the report's sections share: how many rows a long table shows, and the line that counts
the rest."""

from __future__ import annotations

__all__ = ["GRAPH_LIMIT", "TOP", "level", "more"]

TOP = 20  # rows of a long table shown in a report; the rest are counted
GRAPH_LIMIT = 60  # offerings up to which the dependency picture stays readable


def more(total: int, shown: int, what: str) -> str:
    """The line under a cut table: how many rows were left out.

    >>> more(25, 20, "offerings"), more(3, 3, "offerings")
    ('… and 5 more offerings (see the JSON data for all).', '')
    """
    return (
        f"… and {total - shown} more {what} (see the JSON data for all)." if total > shown else ""
    )


def level(number: int | None, name: str | None) -> str:
    """A maturity level with its catalog name: ``'2 Structured consultation'``, or an en dash."""
    return "–" if number is None else f"{number} {name}" if name else str(number)
