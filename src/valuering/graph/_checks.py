"""Health checks on a sound model: warnings about value, demand and weak links (not errors)."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import attrs

from valuering._tables import NO_NAMES, Names, Rows, percent, plural, summary
from valuering.catalog import Catalog
from valuering.graph._analysis import ValueAnalysis
from valuering.model import PMO

__all__ = ["Finding", "FindingKind", "Findings", "check"]


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


@attrs.frozen(repr=False)
class Findings(Rows[Finding]):
    """The findings of :func:`check`, by kind, then by id: ``findings[0]``, ``len(findings)``.

    An empty result (nothing to warn about) is false, so ``if check(pmo):`` asks whether there are any.
    """

    findings: tuple[Finding, ...]
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = ("kind", "subject", "subject_name", "message")
    _name_kinds: ClassVar[Mapping[str, tuple[str, ...]]] = {"subject": ("offering", "outcome")}

    def _items(self) -> tuple[Finding, ...]:
        return self.findings

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per finding: ``kind``, ``subject`` (an offering or outcome id), ``message``."""
        return (f.to_dict() for f in self.findings)

    def __repr__(self) -> str:
        counts = Counter(f.kind for f in self.findings)
        return summary(
            self,
            plural(len(self.findings), "finding"),
            ", ".join(f"{counts[k]} {k.value}" for k in FindingKind if counts[k]),
        )


def check(pmo: PMO, *, catalog: Catalog | None = None) -> Findings:
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
    return findings(ValueAnalysis.of(pmo, catalog=catalog))


def findings(analysis: ValueAnalysis) -> Findings:
    """The findings of :func:`check`, from an analysis already built."""
    found = (*_no_value(analysis), *_unmet_demand(analysis), *_held_down(analysis))
    return Findings(found, names=analysis._names)


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
            f"outcome {outcome!r} is expected ({percent(demand)} of demand) "
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
