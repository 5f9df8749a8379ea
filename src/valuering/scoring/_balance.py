"""Balance of the service mix: covered demand by horizon, and the smallest mix reaching a coverage target.

Both build on coverage (formula 3 in docs/design.md): covered_o = 1 - prod_s (1 - M_{o,s}) and
coverage = sum_o D_o * covered_o.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from valuering._tables import Keyed, Rows, percent, plural, summary
from valuering.catalog import Catalog
from valuering.demand import coverage, outcome_demand
from valuering.errors import Problem, ValidationError
from valuering.model import PMO, Horizon
from valuering.scoring._args import member
from valuering.validation import sound

__all__ = ["HorizonBalance", "HorizonShare", "Mix", "MixStep", "horizon_balance", "smallest_mix"]

SHORT_TERM = (Horizon.SHORT, Horizon.SHORT_MEDIUM)
LONG_TERM = (Horizon.MEDIUM_LONG, Horizon.LONG)


@attrs.frozen
class HorizonShare:
    """One horizon: the demand of its outcomes, the part covered, and that part's share of all covered demand."""

    horizon: Horizon
    demand: float
    covered: float
    share: float


@attrs.frozen(repr=False)
class HorizonBalance(Keyed[HorizonShare]):
    """Covered demand split by the horizon over which the outcomes' value is perceived.

    Read it like a dict by horizon, short to long: ``balance["short"]`` (a :class:`Horizon` works
    too) is that horizon's :class:`HorizonShare`; the rows are also kept as ``horizons``.
    ``missing_short`` is true when nothing covered is perceived in the short or short-medium term;
    ``missing_long`` when nothing covered is perceived in the medium-long or long term.
    """

    horizons: tuple[HorizonShare, ...]
    total: float
    missing_short: bool
    missing_long: bool
    _columns = ("horizon", "demand", "covered", "share")

    def _table(self) -> Mapping[str, HorizonShare]:
        return {h.horizon.value: h for h in self.horizons}

    def __getitem__(self, horizon: Horizon | str) -> HorizonShare:
        return self.horizons[member(Horizon, horizon, "horizon").rank - 1]

    def __repr__(self) -> str:
        shares = ", ".join(f"{h.horizon.value} {percent(h.share)}" for h in self.horizons)
        return summary(
            self,
            plural(len(self.horizons), "horizon"),
            f"covered {percent(self.total)}",
            shares,
            ", ".join(self._flags()),
        )

    def _flags(self) -> list[str]:
        return [
            name
            for name, on in (
                ("no short-term value", self.missing_short),
                ("no long-term value", self.missing_long),
            )
            if on
        ]

    @property
    def warnings(self) -> tuple[str, ...]:
        """Plain-language warnings about missing short- or long-term value."""
        out = []
        if self.missing_short:
            out.append(
                "no covered outcome shows value in the short term: expect patience to run out"
            )
        if self.missing_long:
            out.append(
                "no covered outcome builds long-term value: the PMO risks being seen as overhead"
            )
        return tuple(out)

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per horizon, short to long: ``horizon``, ``demand``, ``covered``, ``share``."""
        return (attrs.asdict(h) for h in self.horizons)


def horizon_balance(
    pmo: PMO, offerings: Iterable[str] | None = None, *, catalog: Catalog | None = None
) -> HorizonBalance:
    """The covered demand of the PMO's offerings (or of the offering ids given) split by horizon.

    For each horizon h: demand = sum of D_o over the expected outcomes perceived at h; covered = sum of
    D_o * covered_o over them; share = covered / total covered demand (0 when nothing is covered).
    Short-term value counts the short and short-medium horizons, long-term the medium-long and long ones.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import PMO, Customer, Expectation, ServiceOffering
    >>> pmo = PMO(id="p", name="P", customers=(Customer(
    ...     id="cfo", name="CFO", group="executives-and-senior-management",
    ...     expectations=(Expectation(outcome="increased-visibility-of-project-progress"),
    ...                   Expectation(outcome="higher-return-on-investment"))),),
    ...     offerings=(ServiceOffering(id="reports", service="data-analytics-and-reporting",
    ...                                maturity=3),))
    >>> balance = horizon_balance(pmo)
    >>> balance["short"].covered, balance.missing_short, balance.missing_long
    (0.5, False, True)
    """
    cat = sound(pmo, catalog=catalog)
    cover = coverage(pmo, offerings, catalog=cat)
    demand: dict[Horizon, list[float]] = {h: [] for h in Horizon}
    covered: dict[Horizon, list[float]] = {h: [] for h in Horizon}
    for outcome, d in cover.demand.items():
        horizon = cat.outcome(outcome).horizon
        demand[horizon].append(d)
        covered[horizon].append(d * cover.covered[outcome])
    totals = {h: math.fsum(covered[h]) for h in Horizon}
    total = math.fsum(totals.values())
    shares = tuple(
        HorizonShare(h, math.fsum(demand[h]), totals[h], totals[h] / total if total > 0 else 0.0)
        for h in Horizon
    )
    return HorizonBalance(
        horizons=shares,
        total=total,
        missing_short=all(totals[h] <= 0 for h in SHORT_TERM),
        missing_long=all(totals[h] <= 0 for h in LONG_TERM),
    )


@attrs.frozen
class MixStep:
    """One greedy step: the service added, its marginal gain and the coverage after adding it."""

    step: int
    service: str
    name: str
    gain: float
    coverage: float


@attrs.frozen(repr=False)
class Mix(Rows[MixStep]):
    """A service mix built step by step; ``reached`` says whether ``coverage`` reached ``target``.

    It reads as the sequence of its steps, in the order the services were added (``mix[0]``).
    """

    target: float
    steps: tuple[MixStep, ...]
    coverage: float
    reached: bool
    _columns = ("step", "service", "service_name", "gain", "coverage")

    @property
    def services(self) -> tuple[str, ...]:
        """The chosen service ids, in the order they were added."""
        return tuple(s.service for s in self.steps)

    def _items(self) -> tuple[MixStep, ...]:
        return self.steps

    def __repr__(self) -> str:
        state = "reached" if self.reached else "not reached"
        return summary(
            self,
            plural(len(self.steps), "service"),
            f"coverage {percent(self.coverage)}",
            f"target {percent(self.target)} {state}",
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per step: ``step``, ``service``, ``service_name``, ``gain``, ``coverage``."""
        return ({**attrs.asdict(s), "service_name": s.name} for s in self.steps)


def smallest_mix(pmo: PMO, target: float = 0.8, *, catalog: Catalog | None = None) -> Mix:
    """A small set of catalog services whose coverage of the PMO's demand reaches ``target``.

    Chosen greedily: at each step the service with the largest marginal coverage gain
    sum_o D_o * M_{o,s} * prod_{t chosen} (1 - M_{o,t}) is added (ties by catalog number, then id),
    until the coverage reaches the target or no service adds anything. Greedy choice is not guaranteed to
    find the fewest services in every case, but it is close (coverage is submodular) and explainable
    step by step. Coverage never decreases from one step to the next.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import PMO, Customer, Expectation
    >>> pmo = PMO(id="p", name="P", customers=(Customer(
    ...     id="cfo", name="CFO", group="executives-and-senior-management",
    ...     expectations=(Expectation(outcome="better-project-prioritization", priority=3),
    ...                   Expectation(outcome="improved-success-rates", priority=1))),))
    >>> mix = smallest_mix(pmo, target=0.9)
    >>> [(s.service, s.coverage) for s in mix]
    [('advice-to-executive-level', 0.75), ('organizational-change-management', 1.0)]
    >>> mix.reached
    True
    """
    if isinstance(target, bool) or not isinstance(target, int | float) or not 0 < target <= 1:
        raise ValidationError([Problem("target", f"{target!r} is not a coverage in (0, 1]")])
    cat = sound(pmo, catalog=catalog)
    demand = outcome_demand(pmo, catalog=cat)
    missing = dict.fromkeys(demand, 1.0)  # prod (1 - M) over the chosen services, per outcome
    candidates = list(cat.ordered_services())
    steps: list[MixStep] = []
    current = 0.0
    while current < target - 1e-12 and candidates:
        gains = [
            math.fsum(demand[o] * missing[o] * m for o, m in s.outcomes.items() if o in missing)
            for s in candidates
        ]
        best = max(range(len(candidates)), key=lambda i: (round(gains[i], 12), -i))
        if gains[best] <= 0:
            break
        service = candidates.pop(best)
        for outcome, m in service.outcomes.items():
            if outcome in missing:
                missing[outcome] *= 1.0 - m
        # Same formula as service_coverage(pmo, services so far), without recomputing the demand each step.
        after = max(current, min(1.0, math.fsum(demand[o] * (1.0 - missing[o]) for o in demand)))
        steps.append(MixStep(len(steps) + 1, service.id, service.name, after - current, after))
        current = after
    return Mix(
        target=float(target),
        steps=tuple(steps),
        coverage=current,
        reached=current >= target - 1e-12,
    )
