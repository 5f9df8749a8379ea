"""The design completeness audit for a terminal and as JSON data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from valuering._tables import percent, plural
from valuering.audit import DesignAudit, design_audit
from valuering.report._blocks import Block, Items, Paragraph, ReportContext, Section, Table
from valuering.report._layout import TOP

__all__ = ["audit_data", "audit_section", "text_audit"]


def text_audit(audit: DesignAudit, *, top: int = 10) -> str:
    """Completeness per dimension, then up to ``top`` missing items per dimension by path.

    >>> from valuering import templates
    >>> from valuering.audit import design_audit
    >>> print(text_audit(design_audit(templates.load("hub-office")), top=1).splitlines()[2])
      definition               100.0 %    6 of 6
    """
    lines = [f"Design completeness: {percent(audit.completeness)}", ""]
    for row in audit.dimensions:
        counts = f"{row.satisfied} of {row.applicable}"
        lines.append(f"  {row.dimension:<22} {percent(row.completeness):>8}  {counts:>8}")
    for row in audit.dimensions:
        missing = [check for check in audit.missing if check.dimension == row.dimension]
        if not missing:
            continue
        lines += ["", f"Missing in {row.dimension} ({len(missing)}):"]
        lines += [f"  {check.path}: {check.item}" for check in missing[:top]]
        if len(missing) > top:
            lines.append(f"  ... and {len(missing) - top} more (--top N)")
    return "\n".join(lines)


def audit_data(audit: DesignAudit) -> dict[str, Any]:
    """The audit as plain data for ``--format json``: dimensions and every missing item.

    >>> from valuering import templates
    >>> from valuering.audit import design_audit
    >>> audit_data(design_audit(templates.load("hub-office")))["missing"][0]
    {'dimension': 'roles', 'path': 'governance.decision_rights', 'item': 'decision rights'}
    """
    return {
        "completeness": audit.completeness,
        "dimensions": audit.to_records(),
        "missing": [
            {"dimension": c.dimension, "path": c.path, "item": c.item} for c in audit.missing
        ],
    }


def audit_section(context: ReportContext) -> Iterator[Section]:
    """A report section of the design audit: completeness per dimension and the first missing items.
    Not in the report by default; register it to add it.

    >>> from valuering import examples
    >>> from valuering.report import ReportContext
    >>> section = next(iter(audit_section(ReportContext(examples.load("northwind-energy")))))
    >>> section.title, section.blocks[0].text
    ('Design completeness', 'The design holds 35.2 % of what a complete design would; 160 items are missing.')
    """
    audit = design_audit(context.pmo, catalog=context.catalog)
    rows = [
        (row.dimension, f"{row.satisfied} of {row.applicable}", percent(row.completeness))
        for row in audit.dimensions
    ]
    blocks: list[Block] = [
        Paragraph(
            f"The design holds {percent(audit.completeness)} of what a complete design would; "
            f"{plural(len(audit.missing), 'item is', 'items are')} missing."
        ),
        Table(("Dimension", "Items held", "Completeness"), rows, right=(1, 2)),
    ]
    if audit.missing:
        shown = audit.missing[:TOP]
        listed = [f"{check.path}: {check.item}" for check in shown]
        if len(audit.missing) > TOP:
            listed.append(f"... and {len(audit.missing) - TOP} more (valuering audit MODEL)")
        blocks.append(Items(listed))
    yield Section("audit", "Design completeness", blocks)
