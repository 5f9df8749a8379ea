"""The design completeness audit for a terminal and as JSON data."""

from __future__ import annotations

from typing import Any

from valuering._tables import percent
from valuering.audit import DesignAudit

__all__ = ["audit_data", "text_audit"]


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
