"""Health checks on a sound model: warnings about value, demand and weak links (not errors)."""

from __future__ import annotations

import enum

import attrs

from valuering.catalog import Catalog
from valuering.graph._analysis import ValueAnalysis
from valuering.model import PMO

__all__ = ["Finding", "FindingKind", "check"]


class FindingKind(enum.StrEnum):
    """What a :class:`Finding` is about; the order here is the order findings are listed in."""

    NO_VALUE = "no-value"
    UNMET_DEMAND = "unmet-demand"
    HELD_DOWN = "held-down"


@attrs.frozen(order=False)
class Finding:
    """One warning: its kind, the id it is about and a sentence saying what is wrong."""

    kind: FindingKind
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        """The finding as plain data, for JSON output."""
        return {"kind": self.kind.value, "subject": self.subject, "message": self.message}


def check(pmo: PMO, *, catalog: Catalog | None = None) -> tuple[Finding, ...]:
    """Warnings about a model that is valid but may not deliver what its customers want.

    - ``no-value``: an offering serves no outcome any customer expects;
    - ``unmet-demand``: an expected outcome that no offering serves;
    - ``held-down``: an offering whose effective maturity is below its own, because of a prerequisite.

    Findings are listed by kind, then by id. A model that breaks the rules (a dependency cycle, an
    unknown id) raises :class:`~valuering.errors.ValidationError` instead.

    >>> from valuering import examples
    >>> for finding in check(examples.load("northwind-energy"))[:2]:
    ...     print(finding)
    unmet-demand: outcome 'improved-project-customer-relationships' is expected (1.6 % of demand) but no offering serves it
    """
    return findings(ValueAnalysis(pmo, catalog=catalog))


def findings(analysis: ValueAnalysis) -> tuple[Finding, ...]:
    """The findings of :func:`check`, from an analysis already built."""
    return (*_no_value(analysis), *_unmet_demand(analysis), *_held_down(analysis))


def _no_value(analysis: ValueAnalysis) -> list[Finding]:
    findings = []
    for offering in analysis.offerings:
        if not any(o in analysis.demand for o in analysis.strengths(offering.id)):
            findings.append(
                Finding(
                    FindingKind.NO_VALUE,
                    offering.id,
                    f"offering {offering.id!r} (service {offering.service!r}) serves no outcome "
                    "any customer expects",
                )
            )
    return sorted(findings, key=lambda f: f.subject)


def _unmet_demand(analysis: ValueAnalysis) -> list[Finding]:
    return [
        Finding(
            FindingKind.UNMET_DEMAND,
            outcome,
            f"outcome {outcome!r} is expected ({demand * 100:.1f} % of demand) "
            "but no offering serves it",
        )
        for outcome, demand in sorted(analysis.demand.items())
        if analysis.covered[outcome] == 0.0
    ]


def _held_down(analysis: ValueAnalysis) -> list[Finding]:
    levels = analysis.effective_maturity()
    findings = []
    for offering, effective in sorted(levels.items()):
        own = levels.maturity[offering]
        if effective < own:
            holder = levels.held_by[offering]
            findings.append(
                Finding(
                    FindingKind.HELD_DOWN,
                    offering,
                    f"offering {offering!r} runs at maturity {own} but needs {holder!r}, "
                    f"which runs at {effective}: its effective maturity is {effective}",
                )
            )
    return findings
