"""What a PMO's design is missing: a completeness audit by dimension (docs/audit.md).

>>> from valuering import examples
>>> from valuering.audit import design_audit
>>> design_audit(examples.load("northwind-energy"))["definition"].completeness
1.0
"""

from valuering.audit._audit import DesignAudit, DimensionCompleteness, design_audit
from valuering.audit._checks import DESCRIPTION_FIELDS, DIMENSIONS, SLA_FIELDS, Check

__all__ = [
    "DESCRIPTION_FIELDS",
    "DIMENSIONS",
    "SLA_FIELDS",
    "Check",
    "DesignAudit",
    "DimensionCompleteness",
    "design_audit",
]
