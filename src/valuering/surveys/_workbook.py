"""A model's results as an Excel workbook: one sheet per table, numbers kept as numbers.

Consultants live in spreadsheets; this writes the tables the report shows (customers, demand,
offerings, maturity by category, gaps, recommendations, attribution, impacts, indicators) with a
bold heading row, frozen panes and shares formatted as percentages, needing the ``excel`` extra.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from valuering.catalog import Catalog
from valuering.demand import customer_shares, outcome_demand
from valuering.graph import impact_all, value_attribution
from valuering.model import PMO
from valuering.scoring import (
    indicator_attainment,
    maturity_by_category,
    maturity_gaps,
    recommend_services,
)
from valuering.surveys._sheets import column_letter, openpyxl_module, saved_bytes, write_bytes
from valuering.validation import sound

__all__ = ["SHEETS", "workbook_tables", "write_workbook"]

SHEETS = (
    "Customers",
    "Demand",
    "Offerings",
    "Maturity (X3)",
    "Gaps",
    "Recommendations",
    "Attribution",
    "Impacts",
    "Indicators",
)
"""The sheets of the workbook, in order."""

# Columns holding fractions of 1, shown as percentages (the cells keep the fraction).
_FRACTIONS = {"voice", "demand", "share", "demand_at_risk", "coverage_after", "attainment"}


def workbook_tables(pmo: PMO, *, catalog: Catalog | None = None) -> dict[str, list[dict[str, Any]]]:
    """The records of every sheet, by sheet name, in :data:`SHEETS` order.

    Raises :class:`~valuering.errors.ValidationError` (the soundness gate) for an unsound model.

    >>> from valuering import examples
    >>> tables = workbook_tables(examples.load("northwind-energy"))
    >>> list(tables) == list(SHEETS), tables["Customers"][0]["customer"]
    (True, 'coo')
    """
    cat = sound(pmo, catalog=catalog)
    shares = customer_shares(pmo.customers)
    customers = [
        {
            "customer": c.id,
            "name": c.name,
            "group": c.group,
            "weight": c.weight,
            "voice": sum(shares.get(c.id, {}).values()),
            "expectations": len(c.expectations),
        }
        for c in pmo.customers
    ]
    offerings = [
        {
            "offering": o.id,
            "name": o.name or cat.services[o.service].name,
            "service": o.service,
            "maturity": o.maturity,
            "target": o.target,
            "depends_on": ", ".join(o.depends_on),
        }
        for o in pmo.offerings
    ]
    return {
        "Customers": customers,
        "Demand": outcome_demand(pmo, catalog=catalog).to_records(),
        "Offerings": offerings,
        "Maturity (X3)": maturity_by_category(pmo, catalog=catalog).to_records(),
        "Gaps": maturity_gaps(pmo, catalog=catalog).to_records(),
        "Recommendations": recommend_services(pmo, catalog=catalog).to_records(),
        "Attribution": value_attribution(pmo, catalog=catalog).to_records(),
        "Impacts": impact_all(pmo, catalog=catalog).to_records(),
        "Indicators": indicator_attainment(pmo, catalog=catalog).to_records(),
    }


def write_workbook(pmo: PMO, path: str | Path, *, catalog: Catalog | None = None) -> None:
    """Write the model's tables to an .xlsx workbook, one sheet each (see :data:`SHEETS`), atomically.

    Needs the ``excel`` extra (openpyxl); without it, :class:`~valuering.errors.OptionalDependencyError`.
    Raises :class:`~valuering.errors.ValidationError` for an unsound model.
    """
    tables = workbook_tables(pmo, catalog=catalog)
    openpyxl = openpyxl_module("writing .xlsx workbooks")
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for name, records in tables.items():
        sheet = book.create_sheet(name)
        columns: Sequence[str] = list(records[0]) if records else ["(none)"]
        sheet.append(list(columns))
        for heading in sheet[1]:
            heading.font = bold
        for record in records:
            sheet.append([_cell(record[c]) for c in columns])
        for index, column in enumerate(columns, start=1):
            letter = column_letter(index)
            width = max([len(column), *(len(str(r[column])) for r in records[:200])])
            sheet.column_dimensions[letter].width = min(60, width + 2)
            if column in _FRACTIONS:
                for (value_cell,) in sheet.iter_rows(
                    min_row=2, min_col=index, max_col=index, max_row=len(records) + 1
                ):
                    value_cell.number_format = "0.0%"
        sheet.freeze_panes = "A2"
    write_bytes(path, saved_bytes(book))


def _cell(value: object) -> object:
    """A cell: numbers and text as they are, anything else (enums, None) as text or empty."""
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)
