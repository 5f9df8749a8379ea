"""Reading and writing the cells of a sheet: CSV with the csv module, .xlsx with openpyxl (the excel extra).

A sheet is read into a :class:`Grid`: its name (the workbook's first sheet, or a CSV file's stem), its
rows with their numbers, and the problems no value can show (formulas, merged cells), each at its cell
as ``Survey!C12``.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from valuering._document._files import check_path, read_text, write_text
from valuering.errors import OptionalDependencyError, Problem, ValidationError

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
        cells: tuple[Cell, ...] = tuple(v if v.strip() else None for v in values)
        if _blank(cells):
            continue
        problems.extend(_formulas(name, number, cells))
        rows.append((number, _without_formulas(cells)))
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


def _openpyxl(feature: str) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise OptionalDependencyError("openpyxl", "excel", feature) from None
    return openpyxl


_MERGED = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')


def _read_xlsx(path: str | Path) -> Grid:
    openpyxl = _openpyxl("reading .xlsx files")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        if isinstance(error, FileNotFoundError | PermissionError | IsADirectoryError):
            raise
        message = "not an Excel workbook (.xlsx) that can be read"
        raise ValidationError([Problem("", message)], title=str(path)) from None
    try:
        sheet = book.worksheets[0]
        name = sheet.title
        rows = []
        problems: list[Problem] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells: tuple[Cell, ...] = tuple(_value(v) for v in values)
            while cells and cells[-1] is None:
                cells = cells[:-1]
            if _blank(cells):
                continue
            problems.extend(_formulas(name, number, cells))
            problems.extend(_odd_values(name, number, values))
            rows.append((number, _without_formulas(cells)))
        problems.extend(_merged(path, getattr(sheet, "_worksheet_path", None), name))
    finally:
        book.close()
    return Grid(name, tuple(rows), tuple(problems))


def _value(value: object) -> Cell:
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    return None if value is None else str(value)


def _odd_values(name: str, number: int, values: Sequence[object]) -> Iterator[Problem]:
    """Dates, times and booleans: a survey holds none, so they are typing slips."""
    for column, value in enumerate(values, start=1):
        if isinstance(value, bool) or not isinstance(value, str | int | float | None):
            yield Problem(
                cell(name, column, number),
                f"{value!r} is a {type(value).__name__}, not text or a number",
            )


def _merged(path: str | Path, member: str | None, name: str) -> Iterator[Problem]:
    """Merged ranges, read from the sheet's XML: openpyxl's fast reader does not report them."""
    if not member:
        return
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(member)
    start = xml.rfind(b"<mergeCells")
    if start < 0:
        start = xml.find(b"mergeCells")
    if start < 0:
        return
    for first, last in _MERGED.findall(xml, start):
        yield Problem(
            f"{name}!{first.decode()}",
            f"merged cells {first.decode()}:{last.decode()}; unmerge them and fill every cell",
        )


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
    openpyxl = _openpyxl("writing .xlsx files")
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
    write_bytes(path, _saved(book))


def _saved(book: Any) -> bytes:
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
