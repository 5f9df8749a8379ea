"""A fast reader of a workbook's first sheet (.xlsx is zipped XML), in the base install.

openpyxl takes over ten seconds for a 100,000-row sheet; survey sheets only hold text and numbers, so
the cells are read straight from the sheet's XML: values, shared and inline strings, and what a survey
must not hold (formulas, error values, booleans, merged ranges), each reported at its cell.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from valuering.errors import Problem, ValidationError

__all__ = ["XlsxCell", "read_first_sheet"]

XlsxCell = str | int | float | None

_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_TYPE = re.compile(rb'\bt="(\w+)"')
_VALUE = re.compile(rb"<v>(.*?)</v>", re.S)
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.S)
_TEXT = re.compile(rb"<t\b[^>]*?(?:/>|>(.*?)</t>)", re.S)
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.S)
_STRING = re.compile(rb"<si>(.*?)</si>|<si/>", re.S)
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
# The cells most writers produce: a value, a shared or inline string, or nothing; read in one pass.
_PLAIN_CELL = re.compile(
    rb'<c r="([A-Z]+)(\d+)"(?: s="\d+")?(?: t="(\w+)")?(?: s="\d+")?\s*'
    rb"(?:/>|>(?:<v>([^<]*)</v>|<is><t(?: [^>]*)?>([^<]*)</t></is>)?</c>)"
)
_PLAIN_STRING = re.compile(rb"<si><t(?: [^>]*)?>([^<]*)</t></si>|<si><t/></si>|<si/>")
_MERGED = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+)(?::([A-Z]+[0-9]+))?"')


def _attribute(attributes: bytes, name: bytes) -> str | None:
    found = re.search(rb"(?:^|\s)" + name + rb'="([^"]*)"', attributes)
    return html.unescape(found.group(1).decode()) if found else None


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8")
    return html.unescape(text) if "&" in text else text


def _strings(raw: bytes) -> str:
    """The text of a shared or inline string: its runs joined, phonetic hints left out."""
    if b"<rPh" in raw:
        raw = _PHONETIC.sub(b"", raw)
    return "".join(_text(t or b"") for t in _TEXT.findall(raw))


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _parts(archive: zipfile.ZipFile) -> tuple[str, str, str | None]:
    """The first sheet's name and XML part, and the shared strings' part."""
    book = archive.read("xl/workbook.xml")
    relations = archive.read("xl/_rels/workbook.xml.rels")
    targets: dict[str, str] = {}
    shared = None
    for found in _RELATION.finditer(relations):
        ident, target = _attribute(found.group(1), b"Id"), _attribute(found.group(1), b"Target")
        kind = _attribute(found.group(1), b"Type") or ""
        if ident and target:
            part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            targets[ident] = posixpath.normpath(part)
            if kind.endswith("/sharedStrings"):
                shared = targets[ident]
    first = _SHEET.search(book)
    if first is None:
        raise KeyError("no sheet")
    name = _attribute(first.group(1), b"name") or "Sheet1"
    ident = _attribute(first.group(1), b"r:id") or _attribute(first.group(1), rb"\w+:id")
    return name, targets[ident or ""], shared


def read_first_sheet(
    path: str | Path,
) -> tuple[str, dict[int, dict[int, XlsxCell]], list[Problem]]:
    """The first sheet's name, its cells by row and column number, and the cells a survey refuses."""
    try:
        with zipfile.ZipFile(path) as archive:
            name, part, shared_part = _parts(archive)
            xml = archive.read(part)
            shared_xml = archive.read(shared_part) if shared_part else b""
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        message = "not an Excel workbook (.xlsx) that can be read"
        raise ValidationError([Problem("", message)], title=str(path)) from None
    shared = _shared(shared_xml)
    plain = _PLAIN_CELL.findall(xml)
    if len(plain) == xml.count(b"<c ") + xml.count(b"<c>"):
        rows, problems = _plain_cells(plain, shared, name)
    else:  # formulas, rich text, unusual attributes: the careful reading
        rows, problems = _cells(xml, shared, name, str(path))
    problems.extend(_merged(xml, name))
    return name, rows, problems


def _shared(xml: bytes) -> list[str]:
    """The shared strings; plain ones in one pass, rich text runs joined."""
    plain = _PLAIN_STRING.findall(xml)
    if len(plain) == xml.count(b"<si>") + xml.count(b"<si/>"):
        return [_text(t) for t in plain]
    return [_strings(s or b"") for s in _STRING.findall(xml)]


def _plain_cells(
    cells: list[tuple[bytes, bytes, bytes, bytes, bytes]], shared: list[str], name: str
) -> tuple[dict[int, dict[int, XlsxCell]], list[Problem]]:
    rows: dict[int, dict[int, XlsxCell]] = {}
    problems: list[Problem] = []
    columns: dict[bytes, int] = {}
    for letters, digits, kind, raw, inline in cells:
        value: XlsxCell
        if kind == b"s":
            value = shared[int(raw)]
        elif kind == b"inlineStr":
            value = _text(inline)
        elif not kind or kind == b"n":
            if not raw:
                continue
            number = float(raw)
            value = int(number) if number.is_integer() and abs(number) < 2**53 else number
        else:
            body = b"<v>" + raw + b"</v>" if raw else b""
            value, problem = _value(kind, body, shared)
            if problem:
                problems.append(Problem(f"{name}!{letters.decode()}{digits.decode()}", problem))
                continue
        if value is not None:
            column = columns.get(letters)
            if column is None:
                column = columns[letters] = _column_number(letters)
            rows.setdefault(int(digits), {})[column] = value
    return rows, problems


def _cells(
    xml: bytes, shared: list[str], name: str, source: str
) -> tuple[dict[int, dict[int, XlsxCell]], list[Problem]]:
    rows: dict[int, dict[int, XlsxCell]] = {}
    problems: list[Problem] = []
    for attributes, body in _CELL.findall(xml):
        ref = _REF.search(attributes)
        if ref is None:
            raise ValidationError(
                [Problem("", "a cell without its reference; save the workbook again in Excel")],
                title=source,
            )
        letters, digits = ref.groups()
        kind = _TYPE.search(attributes)
        value, problem = _value(kind.group(1) if kind else b"n", body, shared)
        if problem:
            problems.append(Problem(f"{name}!{letters.decode()}{digits.decode()}", problem))
            continue
        if value is not None:
            rows.setdefault(int(digits), {})[_column_number(letters)] = value
    return rows, problems


def _value(kind: bytes, body: bytes, shared: list[str]) -> tuple[XlsxCell, str]:
    if not body:
        return None, ""
    if b"<f" in body:
        formula = _FORMULA.search(body)
        text = _text(formula.group(1)) if formula and formula.group(1) else "shared"
        return None, f"a formula (={text}); type the value itself"
    found = _VALUE.search(body)
    raw = found.group(1) if found else None
    if kind == b"inlineStr":
        return _strings(body), ""
    if raw is None:
        return None, ""
    if kind == b"s":
        return shared[int(raw)], ""
    if kind in (b"str", b"d"):
        return _text(raw), ""
    if kind == b"b":
        return None, f"{raw == b'1'} is a true/false value, not text or a number"
    if kind == b"e":
        return None, f"an error value ({_text(raw)})"
    number = float(raw)
    return (int(number) if number.is_integer() and abs(number) < 2**53 else number), ""


def _merged(xml: bytes, name: str) -> Iterator[Problem]:
    if b"mergeCell" not in xml:
        return
    for first, last in _MERGED.findall(xml, max(0, xml.rfind(b"</sheetData>"))):
        span = f"{first.decode()}:{last.decode()}" if last else first.decode()
        yield Problem(
            f"{name}!{first.decode()}",
            f"merged cells {span}; unmerge them and fill every cell",
        )
