"""What if: every headline figure before and after a few changes, and who gains or loses."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import attrs

from valuering._tables import NO_NAMES, Keyed, Names, percent, plural, summary
from valuering.catalog import Catalog
from valuering.demand import Coverage, coverage, customer_shares
from valuering.graph import Finding, check, value_attribution
from valuering.model import PMO, ServiceCategory
from valuering.planning._changes import Change, apply_changes
from valuering.planning._effective import effective_coverage
from valuering.planning._levels import NO_GAIN
from valuering.scoring import competence_fit, maturity_by_category, overall_maturity
from valuering.validation import bind_catalog, derived, sound

__all__ = ["FigureChange", "Shift", "WhatIf", "what_if"]

# How a figure is measured: a fraction of demand (0 to 1), a percentage (0 to 100) or a count.
SHARE, PERCENT, COUNT = "share", "percent", "count"


@attrs.frozen
class FigureChange:
    """One headline figure before and after; None where it has no value (nothing to measure, or an
    offering that is not there)."""

    figure: str
    label: str
    unit: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        """After minus before (None when either is None)."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@attrs.frozen
class Shift:
    """A customer, objective or outcome whose covered demand changes (effective coverage).

    For a customer: sum_o W_c * P_{c,o} * covered_o; an objective: sum_o D_o * covered_o over its
    outcomes; an outcome: D_o * covered_o.
    """

    kind: str
    subject: str
    before: float
    after: float

    @property
    def change(self) -> float:
        """After minus before: above 0 for those who gain."""
        return self.after - self.before


@attrs.frozen(repr=False)
class WhatIf(Keyed[FigureChange]):
    """The figures of :func:`what_if`, read like a dict by figure id (``result["coverage"]``).

    Figure ids: ``coverage``, ``maturity-weighted-coverage``, ``effective-coverage``,
    ``maturity.strategic`` (and the other categories), ``overall-maturity``, ``gaps.open``,
    ``gaps.levels``, ``findings``, ``attribution.OFFERING`` and ``competence-fit.OFFERING``.
    ``shifts`` lists who gains and who loses (:attr:`gainers`, :attr:`losers`); ``findings_added``
    and ``findings_resolved`` compare the health checks by kind and subject; ``added`` and
    ``removed`` name the offerings that came and went; ``model`` is the changed model.
    """

    changes: tuple[Change, ...]
    figures: Mapping[str, FigureChange] = attrs.field(hash=False)
    shifts: tuple[Shift, ...]
    findings_added: tuple[Finding, ...]
    findings_resolved: tuple[Finding, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    model: PMO = attrs.field(eq=False)
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = ("figure", "label", "unit", "before", "after", "change")
    _name_kinds: ClassVar[Mapping[str, str]] = {}

    def _table(self) -> Mapping[str, FigureChange]:
        return self.figures

    @property
    def gainers(self) -> tuple[Shift, ...]:
        """Those whose covered demand rises, by kind (customers, objectives, outcomes), most first."""
        return tuple(s for s in self.shifts if s.change > 0)

    @property
    def losers(self) -> tuple[Shift, ...]:
        """Those whose covered demand falls, by kind, largest loss first."""
        return tuple(s for s in self.shifts if s.change < 0)

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per figure."""
        return ({**attrs.asdict(f), "change": f.change} for f in self.figures.values())

    def __repr__(self) -> str:
        effective = self.figures["effective-coverage"]
        gaining = {s.subject for s in self.gainers if s.kind == "customer"}
        losing = {s.subject for s in self.losers if s.kind == "customer"}
        return summary(
            self,
            plural(len(self.figures), "figure"),
            plural(len(self.changes), "change"),
            f"effective coverage {percent(effective.before)} -> {percent(effective.after)}",
            f"customers: {len(gaining)} gain, {len(losing)} lose",
        )


def what_if(pmo: PMO, *changes: Change, catalog: Catalog | None = None) -> WhatIf:
    """Every headline figure of ``pmo`` before and after ``changes``, and who gains or loses.

    Changes (:class:`SetMaturity`, :class:`SetTarget`, :class:`AddOffering`,
    :class:`RemoveOffering`, :class:`SetWeight`) apply in order to a copy; removing an offering
    removes every offering that depends on it too, as in :func:`~valuering.graph.impact_of`, along
    with the team's links to them and the indicators measuring them. The changed model (``model``
    in the result) passes the soundness gate and is bound to the same catalog. Who gains and loses
    is measured in effective coverage (formula 11 in docs/design.md): customers by their covered
    demand, objectives and outcomes by the covered demand of their outcomes.

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound, and for every
    bad change at once, with paths such as ``changes[0].offering``.

    >>> from valuering import examples
    >>> from valuering.planning import SetMaturity
    >>> pmo = examples.load("northwind-energy")
    >>> result = what_if(pmo, SetMaturity("portfolio-management", 4))
    >>> result["maturity.strategic"].before, result["maturity.strategic"].after
    (40.0, 50.0)
    >>> [f.subject for f in result.findings_added]
    ['portfolio-management']
    >>> what_if(pmo, SetMaturity("portfolio", 4))
    Traceback (most recent call last):
    ...
    valuering.errors.ValidationError: 1 problem:
      changes[0].offering: unknown offering id 'portfolio'; did you mean 'portfolio-management'?
    """
    cat = sound(pmo, catalog=catalog)
    changed, added, removed = apply_changes(pmo, changes, catalog=cat)
    bind_catalog(changed, catalog=cat)
    # The figures of the model as it is are kept on it: what-ifs on one model share them.
    before = derived(pmo, cat, "planning.figures", lambda: _Figures(pmo, cat))
    after = _Figures(changed, cat, like=before)
    figures = _compare(before, after)
    shifts = _shifts(before, after)
    old = {(f.kind, f.subject) for f in before.findings}
    new = {(f.kind, f.subject) for f in after.findings}
    return WhatIf(
        tuple(changes),
        figures,
        shifts,
        tuple(f for f in after.findings if (f.kind, f.subject) not in old),
        tuple(f for f in before.findings if (f.kind, f.subject) not in new),
        added,
        removed,
        changed,
        names=Names(changed, cat),
    )


class _Figures:
    """The headline figures of one model, and the covered demand of each customer, objective and
    outcome. ``like``: the figures of a model that may share the team's competence fit."""

    def __init__(self, pmo: PMO, cat: Catalog, like: _Figures | None = None) -> None:
        self.effective: Coverage = effective_coverage(pmo, catalog=cat)
        self.coverage = coverage(pmo, catalog=cat).total
        self.weighted = coverage(pmo, maturity_weighted=True, catalog=cat).total
        self.maturity = maturity_by_category(pmo, catalog=cat)
        self.overall = overall_maturity(pmo, catalog=cat).percent
        self.open_gaps = sum(o.gap > 0 for o in pmo.offerings)  # as maturity_gaps counts them
        self.levels_to_climb = sum(o.gap for o in pmo.offerings)
        self.attribution = dict(value_attribution(pmo, catalog=cat))
        # Competence fit reads the team and which service each offering runs, not maturity.
        self.staffing = (pmo.team, [(o.id, o.service, o.owner) for o in pmo.offerings])
        self.fit: dict[str, float | None]
        if like is not None and like.staffing == self.staffing:
            self.fit = like.fit
        else:
            self.fit = {f.offering: f.fit for f in competence_fit(pmo, catalog=cat).offerings}
        self.findings = tuple(check(pmo, catalog=cat))
        self.offerings = [o.id for o in pmo.offerings]
        cover = self.effective
        self.by_outcome = {o: d * cover.covered[o] for o, d in cover.demand.items()}
        self.by_customer = {
            c: math.fsum(share * cover.covered.get(o, 0.0) for o, share in shares.items())
            for c, shares in customer_shares(pmo.customers).items()
        }
        self.by_objective = {
            o.id: math.fsum(self.by_outcome.get(x, 0.0) for x in o.outcomes) for o in pmo.objectives
        }


def _compare(before: _Figures, after: _Figures) -> dict[str, FigureChange]:
    def row(figure: str, label: str, unit: str, old: float | None, new: float | None) -> None:
        rows[figure] = FigureChange(figure, label, unit, old, new)

    rows: dict[str, FigureChange] = {}
    row("coverage", "Coverage", SHARE, before.coverage, after.coverage)
    row(
        "maturity-weighted-coverage",
        "Maturity-weighted coverage",
        SHARE,
        before.weighted,
        after.weighted,
    )
    row(
        "effective-coverage",
        "Effective coverage",
        SHARE,
        before.effective.total,
        after.effective.total,
    )
    for category in ServiceCategory:
        row(
            f"maturity.{category.value}",
            f"Maturity (X3), {category.value}",
            PERCENT,
            before.maturity[category],
            after.maturity[category],
        )
    row("overall-maturity", "Overall maturity", PERCENT, before.overall, after.overall)
    row("gaps.open", "Offerings below target", COUNT, before.open_gaps, after.open_gaps)
    row(
        "gaps.levels",
        "Levels to climb to target",
        COUNT,
        before.levels_to_climb,
        after.levels_to_climb,
    )
    row("findings", "Health-check findings", COUNT, len(before.findings), len(after.findings))
    offerings = list(dict.fromkeys([*before.offerings, *after.offerings]))
    for o in offerings:
        row(
            f"attribution.{o}",
            f"Attributed share, {o}",
            SHARE,
            before.attribution.get(o),
            after.attribution.get(o),
        )
    for o in offerings:
        row(
            f"competence-fit.{o}",
            f"Competence fit, {o}",
            SHARE,
            before.fit.get(o),
            after.fit.get(o),
        )
    return rows


def _shifts(before: _Figures, after: _Figures) -> tuple[Shift, ...]:
    pairs = (
        ("customer", before.by_customer, after.by_customer),
        ("objective", before.by_objective, after.by_objective),
        ("outcome", before.by_outcome, after.by_outcome),
    )
    shifts = []
    for kind, old, new in pairs:
        found = [
            Shift(kind, ident, old.get(ident, 0.0), new.get(ident, 0.0))
            for ident in sorted(old.keys() | new.keys())
        ]
        found = [s for s in found if abs(s.change) > NO_GAIN]
        found.sort(key=lambda s: (-round(abs(s.change), 12), s.subject))
        shifts += found
    return tuple(shifts)
