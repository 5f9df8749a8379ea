"""Documents as Markdown: the registered sections with their paragraphs, lists and tables (pictures
are left out; the tables carry the same figures)."""

from __future__ import annotations

from collections.abc import Sequence

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
from valuering.report._sections import DOCUMENTS, SectionBuilder, build_sections

__all__ = ["document_title", "markdown_document", "to_markdown"]

_ESCAPES = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"})


def document_title(pmo: PMO, document: str) -> str:
    """The title of ``document`` for ``pmo``."""
    if document == "catalogue":
        return f"{pmo.name}: service catalogue"
    return f"{pmo.name}: report for the steering committee"


def escape(text: str) -> str:
    r"""``text`` with the characters Markdown would read as markup escaped, on one line.

    >>> escape("a|b *c* <d> #1"), escape("# 1")
    ('a\\|b \\*c\\* \\<d\\> #1', '\\# 1')
    """
    if "\n" in text or "\r" in text or "\t" in text:
        text = " ".join(text.split())
    text = text.translate(_ESCAPES)
    return "\\" + text if text.startswith("#") else text


def _table(table: Table) -> list[str]:
    right = set(table.right)
    lines = [f"**{escape(table.caption)}**", ""] if table.caption else []
    lines.append("| " + " | ".join(escape(h) for h in table.headers) + " |")
    lines.append(
        "| " + " | ".join("---:" if i in right else "---" for i in range(len(table.headers))) + " |"
    )
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in table.rows]
    if table.more:
        lines += ["", escape(table.more)]
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [escape(block.text)]
    if isinstance(block, Items):
        return [f"- {escape(item)}" for item in block.items]
    if isinstance(block, Table):
        return _table(block)
    assert isinstance(block, Picture)
    return []


def to_markdown(
    pmo: PMO,
    *,
    catalog: Catalog | None = None,
    document: str = "report",
    extra_sections: Sequence[SectionBuilder] = (),
) -> str:
    """The ``document`` (``"report"`` for the steering committee, or ``"catalogue"``, the service
    catalogue with one section per offering) for ``pmo`` as Markdown: a title, then every registered
    section (see :func:`register_section`), then those of ``extra_sections`` (builders for this
    document only), with their paragraphs, lists and tables. Percentages have
    one decimal; names stand beside ids.

    ``catalog`` defaults to the model's own; a model that is not sound raises
    :class:`~valuering.errors.ValidationError`, an unknown ``document``
    :class:`~valuering.errors.UnknownIdError`.

    >>> from valuering import examples
    >>> text = to_markdown(examples.load("northwind-energy"))
    >>> print(text.splitlines()[0])
    # Northwind Energy Enterprise PMO: report for the steering committee
    >>> print(next(line for line in text.splitlines() if line.startswith("| Coverage of")))
    | Coverage of the weighted demand | 98.4 % |
    """
    context = ReportContext(pmo, catalog=catalog)
    if document not in DOCUMENTS:
        build_sections(context, document)  # raises the unknown-document error
    sections = build_sections(context, document, extra_sections)
    return markdown_document(document_title(pmo, document), sections)


def markdown_document(title: str, sections: Sequence[Section]) -> str:
    """``sections`` under ``title`` as one Markdown document."""
    lines = [f"# {escape(title)}"]
    for section in sections:
        lines += ["", f"## {escape(section.title)}"]
        for block in section.blocks:
            rendered = _block(block)
            if rendered:
                lines += ["", *rendered]
    return "\n".join(lines) + "\n"
