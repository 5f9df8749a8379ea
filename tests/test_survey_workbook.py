"""`valuering report MODEL --format xlsx`: one sheet per table, numbers as numbers."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import valuering as vr
from valuering import examples
from valuering.cli import main
from valuering.surveys import SHEETS, workbook_tables, write_workbook
from valuering.testing.models import ROI, SUCCESS, two_customers

TINY = vr.PMO(
    id="tiny",
    name="Tiny PMO",
    customers=two_customers(),
    offerings=[
        vr.ServiceOffering(id="pfm", service="portfolio-management", maturity=3, target=5),
    ],
)


def _sheet(path: Path, name: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path)
    return list(book[name].iter_rows(values_only=True))


def test_tiny_model_workbook_by_hand(tmp_path: Path) -> None:
    target = tmp_path / "tiny.xlsx"
    write_workbook(TINY, target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == list(SHEETS)
    customers = _sheet(target, "Customers")
    assert customers[0] == ("customer", "name", "group", "weight", "voice", "expectations")
    # formula 1: W_cfo = 3/4, W_pm = 1/4
    assert customers[1] == ("cfo", "CFO", "executives-and-senior-management", 3, 0.75, 1)
    assert customers[2] == ("pm", "Project managers", "project-managers", 1, 0.25, 2)
    assert book["Customers"]["E2"].number_format == "0.0%"
    demand = _sheet(target, "Demand")
    # D_roi = 3/4 + 1/4 * 1/4 = 0.8125, D_success = 1/4 * 3/4 = 0.1875
    assert demand[1:] == [
        (ROI, "Higher return on investment (ROI)", 0.8125),
        (SUCCESS, "Improved success rates", 0.1875),
    ]
    offerings = _sheet(target, "Offerings")
    assert offerings[1] == ("pfm", "Portfolio management", "portfolio-management", 3, 5, None)


def test_every_sheet_matches_its_table_and_numbers_stay_numbers(tmp_path: Path) -> None:
    pmo = examples.load("northwind-energy")
    target = tmp_path / "northwind.xlsx"
    write_workbook(pmo, target)
    tables = workbook_tables(pmo)
    for name in SHEETS:
        rows = _sheet(target, name)
        records = tables[name]
        assert rows[0] == tuple(records[0]), name
        assert len(rows) == len(records) + 1, name
        for row, record in zip(rows[1:], records, strict=True):
            for value, expected in zip(row, record.values(), strict=True):
                if isinstance(expected, int | float) and not isinstance(expected, bool):
                    assert type(value) in (int, float), name
                    assert value == pytest.approx(expected), name
                else:
                    assert value == (expected if expected != "" else None), name


def test_report_format_xlsx_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.xlsx"
    model = str(examples.path("northwind-energy"))
    assert main(["report", model, "-o", str(target)]) == 0  # the suffix picks xlsx
    out = capsys.readouterr().out
    assert out == f"Wrote the tables of Northwind Energy Enterprise PMO (xlsx) to {target}.\n"
    assert openpyxl.load_workbook(target).sheetnames == list(SHEETS)
    assert main(["report", model, "--format", "xlsx"]) == 2
    assert capsys.readouterr().err == (
        "valuering report: --format xlsx writes a workbook; give it -o FILE\n"
    )


def test_unsound_model_is_a_validation_error(tmp_path: Path) -> None:
    broken = vr.PMO(
        id="b",
        name="B",
        offerings=[vr.ServiceOffering(id="x", service="no-such-service", maturity=1)],
    )
    with pytest.raises(vr.errors.ValidationError, match="no-such-service"):
        write_workbook(broken, tmp_path / "b.xlsx")
    assert not (tmp_path / "b.xlsx").exists()
