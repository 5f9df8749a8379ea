"""Plain-text layout for the terminal: headings, aligned tables, bars, percentages (presentation only)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from valuering._tables import percent as _percent

__all__ = ["bar", "heading", "listing", "percent", "plural", "table"]


def heading(text: str, underline: str = "=") -> str:
    """A title with a rule under it.

    >>> print(heading("Offerings"))
    Offerings
    =========
    """
    return f"{text}\n{underline * len(text)}"


def percent(fraction: float | None, digits: int = 0) -> str:
    """``0.4567`` as ``'46 %'``; None as an en dash: valuering's one percentage format
    (:func:`valuering._tables.percent`), whole numbers by default in terminal tables.

    >>> percent(0.4567), percent(0.4567, 1), percent(None)
    ('46 %', '45.7 %', '–')
    """
    return _percent(fraction, digits=digits)


def bar(fraction: float, width: int = 20) -> str:
    """A horizontal bar for a fraction in [0, 1].

    >>> bar(0.5, 10)
    '█████·····'
    """
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "·" * (width - filled)


def plural(count: int, word: str) -> str:
    """``count`` and ``word``, with an s unless the count is one.

    >>> plural(1, "finding"), plural(3, "finding")
    ('1 finding', '3 findings')
    """
    return f"{count} {word}" + ("" if count == 1 else "s")


def listing(ids: Iterable[str]) -> str:
    """Ids separated by commas, or ``none``.

    >>> listing(["pmis", "reporting"]), listing([])
    ('pmis, reporting', 'none')
    """
    return ", ".join(ids) or "none"


def table(
    rows: Iterable[Sequence[object]], headers: Sequence[str], right: Iterable[int] = ()
) -> str:
    """Rows as aligned columns under ``headers``; column indexes in ``right`` are right-aligned.

    >>> print(table([("reporting", 3), ("training", 4)], ["offering", "level"], right=[1]))
    offering   level
    ---------  -----
    reporting      3
    training       4
    """
    cells = [[str(c) for c in row] for row in rows]
    right_set = set(right)
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if i in right_set else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)
