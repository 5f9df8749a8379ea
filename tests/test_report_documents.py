"""The report and the service catalogue as Markdown and HTML: the golden Markdown of the example,
the section registry, escaping, the self-contained page, and the page without matplotlib."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from valuering import PMO, Customer, Expectation, ServiceOffering, dump, examples, report
from valuering.cli import main
from valuering.errors import UnknownIdError, ValidationError
from valuering.report import Paragraph, ReportContext, Section, Table

GOLDEN = Path(__file__).parent / "data" / "northwind-energy-report.md"
EXAMPLE = examples.path("northwind-energy")
SECTIONS = (
    "glance",
    "customers",
    "offerings",
    "maturity",
    "gaps",
    "recommendations",
    "competences",
    "indicators",
    "value",
    "health",
    "flywheel",
)


@pytest.fixture(scope="module")
def northwind() -> PMO:
    return examples.load("northwind-energy")


@pytest.fixture(scope="module")
def page(northwind: PMO) -> str:
    return report.to_html(northwind)


def test_the_markdown_of_the_example_is_the_golden_file(northwind: PMO) -> None:
    text = report.to_markdown(northwind)
    if os.environ.get("VALUERING_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    # To accept a deliberate change: VALUERING_UPDATE_GOLDEN=1 pytest tests/test_report_documents.py
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_key_figures_of_the_example(northwind: PMO) -> None:
    lines = report.to_markdown(northwind).splitlines()
    # Formula 3: 98.4 % covered; X3 (formula 4): strategic (2+1+3+2)/20, tactical (3+1+3+3)/20,
    # operational (2+3+2+2)/20; the top gap is portfolio-management, 2 levels at priority 0.704.
    for expected in (
        "| Coverage of the weighted demand | 98.4 % |",
        "| Strategic maturity (X3) | 40.0 % |",
        "| Tactical maturity (X3) | 50.0 % |",
        "| Operational maturity (X3) | 45.0 % |",
        "| Top gap | Capital portfolio management (portfolio-management): level 2 → 4 |",
    ):
        assert expected in lines


def test_the_sections_are_registered_in_reading_order() -> None:
    assert report.section_ids() == SECTIONS
    assert report.section_ids("catalogue") == ("cover", "offerings")


def test_the_page_has_every_section_in_the_contents(page: str) -> None:
    ids = re.findall(r'<section id="([^"]+)">', page)
    assert tuple(ids) == SECTIONS
    assert re.findall(r'<li><a href="#([^"]+)">', page) == ids


def test_the_page_is_self_contained(page: str) -> None:
    assert "<script" not in page.lower()
    assert not re.search(r"\b(src|href)\s*=\s*[\"'](?!#)", page)  # only links within the page
    assert "@import" not in page
    assert "url(http" not in page
    # The only absolute URLs are the SVG namespaces, which a browser never fetches.
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_the_page_prints_on_a4_with_a_page_per_section(page: str) -> None:
    assert "@page { size: A4;" in page
    assert "section + section { break-before: page; }" in page


def test_every_picture_has_a_title_and_a_caption(page: str) -> None:
    svgs = re.findall(r"<svg[^>]*>\s*<title id=\"([^\"]+)\">([^<]+)</title>", page)
    # maturity, gaps, indicators, attribution, the value graph and the flywheel
    assert [key for key, _ in svgs] == [
        f"picture-{k}-title"
        for k in ("maturity", "gaps", "indicators", "attribution", "value-graph", "flywheel")
    ]
    assert page.count("<svg") == page.count("<figcaption>") == 6
    assert 'aria-labelledby="picture-gaps-title"' in page


def test_svg_ids_are_unique_in_the_page(page: str) -> None:
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_the_page_is_the_same_on_every_run(northwind: PMO, page: str) -> None:
    assert report.to_html(northwind) == page
    assert "dc:date" not in page
    assert "<metadata>" not in page


def test_names_are_escaped_in_markdown_and_html() -> None:
    pmo = PMO(
        id="p",
        name="R&D <PMO> | *lab*",
        customers=[
            Customer(
                id="cto",
                name="<script>alert(1)</script>",
                group="executives-and-senior-management",
                expectations=[Expectation(outcome="higher-return-on-investment")],
            )
        ],
        offerings=[ServiceOffering(id="pf", service="portfolio-management", maturity=2)],
    )
    page = report.to_html(pmo, pictures=False)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>R&amp;D &lt;PMO&gt; | *lab*: report for the steering committee</title>" in page
    text = report.to_markdown(pmo)
    assert text.startswith("# R&D \\<PMO\\> \\| \\*lab\\*: report")
    assert "| \\<script\\>alert(1)\\</script\\> | cto |" in text


def test_an_empty_model_reads_as_empty_not_as_an_error() -> None:
    pmo = PMO(id="empty", name="Empty PMO")
    text = report.to_markdown(pmo)
    assert "No customers yet." in text
    assert "No offerings yet." in text
    page = report.to_html(pmo)
    assert page.count("<svg") == 1  # only the maturity bars; nothing else to draw
    assert "none offered" in page


def test_an_unsound_model_is_a_validation_error() -> None:
    pmo = PMO(
        id="p",
        name="P",
        offerings=[ServiceOffering(id="a", service="no-such-service", maturity=1)],
    )
    with pytest.raises(ValidationError, match="no-such-service"):
        report.to_markdown(pmo)
    with pytest.raises(ValidationError):
        report.to_html(pmo)


def test_an_unknown_document_is_named() -> None:
    with pytest.raises(
        UnknownIdError, match="unknown document id 'catalog'; did you mean 'catalogue'"
    ):
        report.to_markdown(PMO(id="p", name="P"), document="catalog")


# the registry -------------------------------------------------------------------------------------


def _reviewed(context: ReportContext) -> Iterator[Section]:
    yield Section("review", "Review", [Paragraph(f"{context.pmo.name} was reviewed.")])


def test_a_capability_adds_a_section_through_the_registry(northwind: PMO) -> None:
    report.register_section("review", _reviewed, after="gaps")
    try:
        assert report.section_ids().index("review") == SECTIONS.index("gaps") + 1
        text = report.to_markdown(northwind)
        assert "## Review\n\nNorthwind Energy Enterprise PMO was reviewed." in text
        assert text.index("## Gaps and priorities") < text.index("## Review")
        assert '<section id="review">' in report.to_html(northwind, pictures=False)
        with pytest.raises(ValidationError, match="already has a section 'review'"):
            report.register_section("review", _reviewed)

        def table(context: ReportContext) -> Iterator[Section]:
            yield Section("review", "Review", [Table(["a", "b"], [(1, 2)], right=(1,))])

        report.register_section("review", table, replace=True)
        assert "| a | b |\n| --- | ---: |\n| 1 | 2 |" in report.to_markdown(northwind)
    finally:
        report.unregister_section("review")
    assert report.section_ids() == SECTIONS


def test_registry_errors_name_what_is_known() -> None:
    with pytest.raises(
        UnknownIdError, match="unknown report section id 'gap'; did you mean 'gaps'"
    ):
        report.register_section("x", _reviewed, after="gap")
    with pytest.raises(UnknownIdError, match="unknown report section id 'nothing'"):
        report.unregister_section("nothing")
    with pytest.raises(UnknownIdError, match="unknown document id"):
        report.section_ids("roadmap")


# the service catalogue ------------------------------------------------------------------------------


def test_the_catalogue_has_a_page_per_offering(northwind: PMO) -> None:
    page = report.to_html(northwind, document="catalogue")
    ids = re.findall(r'<section id="([^"]+)">', page)
    assert ids[0] == "cover"
    assert sorted(ids[1:]) == sorted(f"offering-{o.id}" for o in northwind.offerings)
    text = report.to_markdown(northwind, document="catalogue")
    assert text.startswith("# Northwind Energy Enterprise PMO: service catalogue\n")
    page_of_pmis = text[text.index("## Project information system") :].split("\n## ")[0]
    for expected in (
        "| Service | Systems and tools management (systems-and-tools-management), a tactical service |",
        "| Owner | Ravi Patel (ravi-patel) |",
        "| Current level | 3 (Integrated management systems) |",
        "| Target level | 4 (Strategic technology enablement) |",
        "| Needed by | reporting, resource-management |",
        "| Support ticket first response | 8 hours | lower-is-better | 9.5 hours | red |",
    ):
        assert expected in page_of_pmis


# without matplotlib -------------------------------------------------------------------------------

NO_MATPLOTLIB = """
import sys
sys.modules["matplotlib"] = None  # what a missing package looks like to import
from valuering import examples, plot, report
pmo = examples.load("northwind-energy")
page = report.to_html(pmo)
print(page.count("<svg"), page.count("Picture left out"))
print([line for line in page.splitlines() if 'class="note"' in line][0])
try:
    plot.plot_gaps(pmo)
except Exception as error:
    print(type(error).__name__, error)
"""


def test_without_matplotlib_the_page_keeps_its_tables_and_says_so() -> None:
    done = subprocess.run(
        [sys.executable, "-c", NO_MATPLOTLIB], capture_output=True, text=True, check=True
    )
    counts, note, error = done.stdout.splitlines()
    assert counts == "0 6"
    assert "pip install &quot;valuering[plot]&quot;" in note
    assert error == (
        "OptionalDependencyError valuering.plot needs the optional package 'matplotlib'; "
        "install it with: pip install 'valuering[plot]'"
    )


def test_pictures_can_be_left_out(northwind: PMO) -> None:
    page = report.to_html(northwind, pictures=False)
    assert "<svg" not in page
    assert "Pictures were left out of this page" in page


# the command line -----------------------------------------------------------------------------------


def test_report_writes_the_format_its_suffix_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, start in (
        ("r.html", "<!DOCTYPE html>"),
        ("r.md", "# Northwind"),
        ("r.txt", "Northwind"),
    ):
        target = tmp_path / name
        assert main(["report", str(EXAMPLE), "-o", str(target)]) == 0
        assert target.read_text(encoding="utf-8").startswith(start)
    assert capsys.readouterr().out.splitlines()[0] == (
        f"Wrote the report of Northwind Energy Enterprise PMO (html) to {tmp_path / 'r.html'}."
    )


def test_report_prints_markdown_and_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(EXAMPLE), "--format", "md"]) == 0
    assert capsys.readouterr().out == report.to_markdown(examples.load("northwind-energy"))
    assert main(["report", str(EXAMPLE), "--catalogue", "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith(
        "# Northwind Energy Enterprise PMO: service catalogue"
    )


def test_the_catalogue_is_html_or_markdown_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(EXAMPLE), "--catalogue", "--format", "text"]) == 2
    assert capsys.readouterr().err == (
        "valuering report: --catalogue takes --format html or md, not text\n"
    )


def test_demo_takes_a_model_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pmo = attrs.evolve(examples.load("northwind-energy"), name="Southwind PMO")
    target = tmp_path / "southwind.toml"
    dump(pmo, target)
    assert main(["demo", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Southwind PMO\n=============\n")
    assert out.rstrip().endswith(f"The model file: {target}")
