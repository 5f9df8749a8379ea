"""Documents as one self-contained HTML page: inline CSS and inline SVG pictures, nothing fetched,
no script, printable on A4 with each section on a new page."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from valuering import plot
from valuering.catalog import Catalog
from valuering.model import PMO
from valuering.report._blocks import (
    Block,
    Items,
    Paragraph,
    Picture,
    ReportContext,
    Section,
    Table,
)
from valuering.report._markdown import document_title
from valuering.report._sections import DOCUMENTS, SectionBuilder, build_sections

__all__ = ["html_document", "to_html"]

NO_PICTURES = (
    'The pictures need matplotlib, which is not installed (pip install "valuering[plot]"); '
    "this page shows the tables only, which carry the same figures."
)
NUM = ' class="num"'
STATES = {"green", "amber", "red", "unmeasured"}

STYLE = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #222;
  max-width: 62rem; margin: 2rem auto; padding: 0 1.2rem; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.7rem; border-bottom: 3px solid #0072B2; padding-bottom: 0.3rem; }
h2 { font-size: 1.3rem; color: #0B4F7C; border-bottom: 1px solid #CCC; margin-top: 2.4rem; }
nav ol { columns: 2; padding-left: 1.4rem; }
a { color: #0B4F7C; }
table { border-collapse: collapse; margin: 0.8rem 0 0.4rem; font-size: 0.88rem; }
caption { text-align: left; font-weight: bold; padding: 0.2rem 0; }
th, td { border-bottom: 1px solid #DDD; padding: 0.22rem 0.55rem; text-align: left;
  vertical-align: top; }
th { background: #EEF3F7; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.id { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.8rem; color: #555; }
.state { font-weight: bold; }
.state-green { color: #2E7D32; } .state-amber { color: #A66F00; } .state-red { color: #C62828; }
.state-unmeasured { color: #777; }
.more, figcaption, footer { font-size: 0.82rem; color: #555; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; display: block; }
.note { background: #FFF8E1; border-left: 4px solid #F9A825; padding: 0.5rem 0.8rem; }
footer { margin-top: 3rem; border-top: 1px solid #CCC; padding-top: 0.5rem; }
@page { size: A4; margin: 15mm 13mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  nav { break-after: page; }
  section + section { break-before: page; }
  h2 { margin-top: 0; break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure, li { break-inside: avoid; }
  caption { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
""".strip()


def _table(table: Table) -> str:
    right = set(table.right)
    ids = {i for i, h in enumerate(table.headers) if h == "id"}
    states = {i for i, h in enumerate(table.headers) if h == "state"}

    def cell(i: int, text: str) -> str:
        classes = []
        if i in right:
            classes.append("num")
        if i in ids:
            classes.append("id")
        if i in states and text in STATES:
            classes += ["state", f"state-{text}"]
        attribute = f' class="{" ".join(classes)}"' if classes else ""
        return f"<td{attribute}>{escape(text)}</td>"

    head = "".join(
        f'<th scope="col"{NUM if i in right else ""}>{escape(h)}</th>'
        for i, h in enumerate(table.headers)
    )
    body = "\n".join(
        "<tr>" + "".join(cell(i, text) for i, text in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
    more = f'\n<p class="more">{escape(table.more)}</p>' if table.more else ""
    return (
        f"<table>{caption}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>{more}"
    )


def _picture(picture: Picture, drawn: bool) -> str:
    if not drawn:
        return f'<p class="more">Picture left out: {escape(picture.alt)}</p>'
    svg = plot.svg(picture.draw(), title=picture.alt, key=f"picture-{picture.key}")
    return f"<figure>\n{svg}\n<figcaption>{escape(picture.alt)}</figcaption>\n</figure>"


def _block(block: Block, drawn: bool) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Items):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    return _picture(block, drawn)


def to_html(
    pmo: PMO,
    *,
    catalog: Catalog | None = None,
    document: str = "report",
    pictures: bool = True,
    extra_sections: Sequence[SectionBuilder] = (),
) -> str:
    """The ``document`` (``"report"`` or ``"catalogue"``, as for :func:`to_markdown`) for ``pmo`` as
    one self-contained HTML page: the same sections and tables as the Markdown, a table of contents,
    and the pictures of :mod:`valuering.plot` as inline SVG, each with a title and a caption for
    readers who cannot see it. Nothing is fetched from the network and no script runs; printed, the
    page is A4 with each section on a new page.

    ``extra_sections`` are builders of sections for this page only, after the registered ones (the
    roadmap's, say: ``extra_sections=[roadmap_section(budget)]``).

    Pictures need the ``plot`` extra: without matplotlib (or with ``pictures=False``) the page says
    so and keeps its tables. ``catalog`` defaults to the model's own; a model that is not sound
    raises :class:`~valuering.errors.ValidationError`.

    >>> from valuering import examples
    >>> page = to_html(examples.load("northwind-energy"), pictures=False)
    >>> page.startswith("<!DOCTYPE html>"), page.count("<section"), "<script" in page
    (True, 11, False)
    """
    context = ReportContext(pmo, catalog=catalog)
    if document not in DOCUMENTS:
        build_sections(context, document)  # raises the unknown-document error
    sections = build_sections(context, document, extra_sections)
    return html_document(document_title(pmo, document), sections, pictures=pictures)


def html_document(title: str, sections: Sequence[Section], *, pictures: bool = True) -> str:
    """``sections`` under ``title`` as one self-contained HTML page (pictures drawn when
    ``pictures`` is true and matplotlib is installed)."""
    drawn = pictures and plot.available()
    has_pictures = any(isinstance(b, Picture) for s in sections for b in s.blocks)
    title = escape(title)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="valuering">',
        f"<title>{title}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        f"<header><h1>{title}</h1></header>",
    ]
    if has_pictures and not drawn:
        note = (
            NO_PICTURES
            if pictures
            else "Pictures were left out of this page; the tables carry the same figures."
        )
        parts.append(f'<p class="note">{escape(note)}</p>')
    parts.append('<nav aria-label="Contents"><h2>Contents</h2><ol>')
    parts += [f'<li><a href="#{escape(s.id)}">{escape(s.title)}</a></li>' for s in sections]
    parts.append("</ol></nav>")
    parts.append("<main>")
    for section in sections:
        parts.append(f'<section id="{escape(section.id)}">')
        parts.append(f"<h2>{escape(section.title)}</h2>")
        parts += [_block(block, drawn) for block in section.blocks]
        parts.append("</section>")
    parts += [
        "</main>",
        "<footer>Made with valuering. “PMO Value Ring” is a trademark of the Project Management "
        "Institute (PMI); this report is not affiliated with or endorsed by PMI.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
