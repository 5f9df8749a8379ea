"""Reading and writing the cells of a sheet: CSV with the csv module, .xlsx written with openpyxl (excel extra).

Reading .xlsx needs no extra (see ``_xlsx``); writing one does. A sheet is read into a :class:`Grid`: its name (the workbook's first sheet, or a CSV file's stem), its
rows with their numbers, and the problems no value can show (formulas, merged cells), each at its cell
as ``Survey!C12``.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from valuering._document._files import check_path, read_text, write_text
from valuering.errors import OptionalDependencyError, Problem, ValidationError
from valuering.surveys._xlsx import read_first_sheet

__all__ = ["SUFFIXES", "Grid", "cell", "column_letter", "read_grid", "write_sheet"]

SUFFIXES = (".csv", ".xlsx")

Cell = str | int | float | None


def column_letter(number: int) -> str:
    """The spreadsheet name of column ``number`` (1 -> A, 27 -> AA).

    >>> column_letter(1), column_letter(26), column_letter(28)
    ('A', 'Z', 'AB')
    """
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell(sheet: str, column: int, row: int) -> str:
    """Where a cell is, for problems: ``Survey!C12``."""
    return f"{sheet}!{column_letter(column)}{row}"


@attrs.frozen
class Grid:
    """A sheet's cells: ``rows`` of (row number, values), blank rows left out, and ``problems``."""

    name: str
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]
    problems: tuple[Problem, ...]


def _suffix(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            [Problem("", f"unknown file type {suffix or '(none)'!r}; expected .csv or .xlsx")],
            title=str(path),
        )
    return suffix


def read_grid(path: str | Path) -> Grid:
    """The cells of a .csv file or of a workbook's first sheet; a missing file is FileNotFoundError."""
    check_path(path)
    if _suffix(path) == ".csv":
        return _read_csv(path)
    return _read_xlsx(path)


def _blank(values: Sequence[Cell]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _read_csv(path: str | Path) -> Grid:
    name = Path(path).stem
    text = read_text(path)
    rows = []
    problems: list[Problem] = []
    for number, values in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells: tuple[Cell, ...] = tuple(v if v and not v.isspace() else None for v in values)
        if not any(cells):
            continue  # a blank row
        if any(isinstance(v, str) and v[0] == "=" for v in cells):
            problems.extend(_formulas(name, number, cells))
            cells = _without_formulas(cells)
        rows.append((number, cells))
    return Grid(name, tuple(rows), tuple(problems))


def _without_formulas(cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """The cells with formulas blanked: the formula is the problem, not a value to check again."""
    return tuple(None if isinstance(v, str) and v.startswith("=") else v for v in cells)


def _formulas(name: str, number: int, cells: Sequence[Cell]) -> Iterator[Problem]:
    for column, value in enumerate(cells, start=1):
        if isinstance(value, str) and value.startswith("="):
            yield Problem(
                cell(name, column, number),
                f"a formula ({value}); type the value itself",
            )


def openpyxl_module(feature: str) -> Any:
    """openpyxl, imported on first use; without the excel extra, an OptionalDependencyError."""
    try:
        import openpyxl
    except ImportError:
        raise OptionalDependencyError("openpyxl", "excel", feature) from None
    return openpyxl


def _read_xlsx(path: str | Path) -> Grid:
    name, cells, problems = read_first_sheet(path)
    rows = []
    for number in sorted(cells):
        row = cells[number]
        values = tuple(row.get(column) for column in range(1, max(row) + 1))
        if not _blank(values):
            rows.append((number, values))
    return Grid(name, tuple(rows), tuple(problems))


@attrs.frozen
class Validation:
    """A drop-down for a range of cells: the choices (a list) or whole numbers from ``low``."""

    cells: str
    choices: tuple[str, ...] = ()
    low: int | None = None


def write_sheet(
    path: str | Path,
    name: str,
    rows: Sequence[Sequence[Cell]],
    *,
    validations: Sequence[Validation] = (),
    widths: Sequence[int] = (),
) -> None:
    """Write rows to a .csv file or to a one-sheet .xlsx workbook (with drop-downs), atomically."""
    if _suffix(path) == ".csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(
            ["" if v is None else v for v in row] for row in rows
        )
        write_text(path, buffer.getvalue())
        return
    openpyxl = openpyxl_module("writing .xlsx files")
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = name
    for row in rows:
        sheet.append(list(row))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[column_letter(column)].width = width
    for v in validations:
        if v.choices:
            rule = DataValidation(type="list", formula1='"' + ",".join(v.choices) + '"')
            rule.error = f"Choose one of {', '.join(v.choices)}"
        else:
            rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1=str(v.low))
            rule.error = f"Type a whole number from {v.low}"
        rule.showErrorMessage = True
        rule.add(v.cells)
        sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"
    write_bytes(path, saved_bytes(book))


def saved_bytes(book: Any) -> bytes:
    """An openpyxl workbook as the bytes of its .xlsx file."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
