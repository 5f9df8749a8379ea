"""An improvement roadmap: the one-level raises that gain the most effective coverage within a budget.

The value of a plan is the effective coverage it adds (formula 11 in docs/design.md). When few
enough sets of raises fit the budget (:data:`EXACT_LIMIT`), every one is tried and the best kept;
otherwise raises are chosen greedily by gain per cost, a raise that is worthless until a
prerequisite rises being weighed together with the prerequisite raises it needs (a bundle). The
chosen raises are put in order the same way: most gain per cost first, prerequisites first.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from valuering._tables import NO_NAMES, Names, Rows, percent, plural, summary
from valuering.catalog import Catalog
from valuering.errors import Problem, ValidationError, did_you_mean
from valuering.model import PMO
from valuering.planning._levels import NO_GAIN, LevelModel, Tally, fits
from valuering.validation import sound

__all__ = ["EXACT_LIMIT", "EXACT_OFFERINGS", "Roadmap", "RoadmapStep", "roadmap"]

#: The most plans (sets of raises within the budget) :func:`roadmap` tries one by one; beyond it,
#: it plans greedily. Twelve or fewer possible raises never exceed it (2 ** 12 = 4096).
EXACT_LIMIT = 4096
#: Models with more offerings than this are always planned greedily.
EXACT_OFFERINGS = 200

Costs = Mapping[str, float | Mapping[int, float]]


@attrs.frozen
class RoadmapStep:
    """One raise of one offering by one level: what it costs, what it gains and for whom.

    ``gain`` is the effective coverage it adds, given the steps before it; ``cumulative_value`` the
    effective coverage after it. ``outcomes`` and ``customers`` are those whose coverage rises
    (largest gain first); ``enables`` names the offering a prerequisite is raised for, when it is
    raised as part of a bundle. ``phase`` is 1 for the first phase (None without phases).
    """

    offering: str
    from_level: int
    to_level: int
    cost: float
    gain: float
    cumulative_cost: float
    cumulative_value: float
    phase: int | None
    outcomes: tuple[str, ...]
    customers: tuple[str, ...]
    enables: tuple[str, ...] = ()


@attrs.frozen(repr=False)
class Roadmap(Rows[RoadmapStep]):
    """The ordered raises of :func:`roadmap`; it reads as the sequence of steps (``plan[0]``).

    ``budget`` and ``spent`` are in the units of the costs; ``value_before`` and ``value_after`` the
    effective coverage before and after every step; ``exact`` says whether the choice was made by
    trying every combination (in every phase) rather than greedily; ``phases`` the capacity of each
    phase (empty without phases).
    """

    steps: tuple[RoadmapStep, ...]
    budget: float
    spent: float
    value_before: float
    value_after: float
    exact: bool
    phases: tuple[float, ...] = ()
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = (
        "step",
        "offering",
        "offering_name",
        "from_level",
        "to_level",
        "cost",
        "gain",
        "cumulative_cost",
        "cumulative_value",
        "phase",
        "outcomes",
        "customers",
        "enables",
    )

    def _items(self) -> tuple[RoadmapStep, ...]:
        return self.steps

    @property
    def gain(self) -> float:
        """The effective coverage the whole plan adds."""
        return self.value_after - self.value_before

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per step, numbered from 1."""
        return ({"step": n, **attrs.asdict(s)} for n, s in enumerate(self.steps, start=1))

    def __repr__(self) -> str:
        return summary(
            self,
            plural(len(self.steps), "step"),
            f"cost {self.spent:g} of {self.budget:g}",
            f"effective coverage {percent(self.value_before)} -> {percent(self.value_after)}",
            "exact" if self.exact else "greedy",
        )


def roadmap(
    pmo: PMO,
    budget: float,
    *,
    costs: Costs | None = None,
    phases: Sequence[float] | None = None,
    catalog: Catalog | None = None,
) -> Roadmap:
    """The one-level raises that add the most effective coverage (formula 11 in docs/design.md)
    for at most ``budget``, in the order to make them.

    A raise takes one offering up one level, never above its target (or 5 without one). ``costs``
    gives an offering's cost per raise (a number) or per level reached (``{level: cost}``, levels
    2 to 5); anything not given costs 1. With ``phases`` (a capacity per phase), each phase in turn
    makes the best raises it can afford after the phases before it, within what is left of the
    budget. When at most :data:`EXACT_LIMIT` sets of raises fit the budget (and the model has at
    most :data:`EXACT_OFFERINGS` offerings), every set is tried (``exact`` is True); otherwise
    raises are chosen greedily by gain per cost, a raise held down by a prerequisite weighed
    together with the prerequisite raises it needs. Plans that gain the same prefer more raises,
    so a budget that covers every raise buys every raise once. Ties go by delivery order, so the
    plan does not depend on the order of the model file.

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound, or for a budget,
    cost or phase that is not a number (costs > 0, budget and phases >= 0), naming each.

    >>> from valuering import examples
    >>> plan = roadmap(examples.load("northwind-energy"), 3)
    >>> [(s.offering, s.from_level, s.to_level) for s in plan]
    [('portfolio-management', 2, 3), ('methodology', 3, 4), ('benefits', 1, 2)]
    >>> plan.exact, round(plan.gain, 4)
    (True, 0.0784)
    """
    cat = sound(pmo, catalog=catalog)
    problems = [*_budget_problems(budget), *_phase_problems(phases)]
    model = LevelModel(pmo, cat)
    table, cost_problems = _cost_table(costs, model)
    problems += cost_problems
    if problems:
        raise ValidationError(problems)
    capacities = [float(budget)] if phases is None else [float(c) for c in phases]
    tally = Tally(model, model.levels)

    def cost(i: int, level: int) -> float:
        return table[i][level]

    value_before = model.value(model.levels)
    steps: list[RoadmapStep] = []
    spent, value, exact = 0.0, value_before, True
    for number, capacity in enumerate(capacities, start=1):
        allowance = min(capacity, budget - spent)
        caps = model.caps
        phase_exact = (
            len(model.order) <= EXACT_OFFERINGS
            and model.combinations(tally.levels, caps, cost, allowance, EXACT_LIMIT) <= EXACT_LIMIT
        )
        exact = exact and phase_exact
        if phase_exact:
            caps = model.best_levels(tally.levels, caps, cost, allowance)
        for step in _greedy(tally, caps, table, allowance):
            spent += step.cost
            value += step.gain
            steps.append(
                attrs.evolve(
                    step,
                    cumulative_cost=spent,
                    cumulative_value=value,
                    phase=None if phases is None else number,
                )
            )
    return Roadmap(
        tuple(steps),
        float(budget),
        spent,
        value_before,
        model.value(tally.levels),
        exact,
        () if phases is None else tuple(capacities),
        names=Names(pmo, cat),
    )


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return None
    return float(value)


def _budget_problems(budget: object) -> list[Problem]:
    number = _number(budget)
    if number is None or number < 0:
        return [Problem("budget", f"expected a number of 0 or more, got {budget!r}")]
    return []


def _phase_problems(phases: object) -> list[Problem]:
    if phases is None:
        return []
    if isinstance(phases, str | bytes) or not isinstance(phases, Sequence):
        return [Problem("phases", f"expected a list of capacities, got {phases!r}")]
    return [
        Problem(f"phases[{i}]", f"expected a capacity of 0 or more, got {capacity!r}")
        for i, capacity in enumerate(phases)
        if (number := _number(capacity)) is None or number < 0 or math.isinf(number)
    ]


def _cost_table(costs: object, model: LevelModel) -> tuple[list[list[float]], list[Problem]]:
    """cost[i][level]: the cost of raising offering i to ``level`` (index 0 and 1 unused)."""
    table = [[1.0] * 6 for _ in model.order]
    problems: list[Problem] = []
    if costs is None:
        return table, problems
    if not isinstance(costs, Mapping):
        return table, [Problem("costs", f"expected a mapping of offering ids, got {costs!r}")]
    for offering, given in costs.items():
        path = f"costs.{offering}"
        i = model.index.get(offering) if isinstance(offering, str) else None
        if i is None:
            hint = did_you_mean(offering, model.index) if isinstance(offering, str) else ""
            problems.append(Problem(path, f"unknown offering id {offering!r}{hint}"))
            continue
        by_level = given if isinstance(given, Mapping) else dict.fromkeys(range(2, 6), given)
        for level, cost in by_level.items():
            if isinstance(level, bool) or not isinstance(level, int) or not 2 <= level <= 5:
                problems.append(Problem(path, f"levels reached are 2 to 5, got {level!r}"))
                continue
            number = _number(cost)
            where = path if not isinstance(given, Mapping) else f"{path}.{level}"
            if number is None or number <= 0 or math.isinf(number):
                problems.append(Problem(where, f"a cost must be a number > 0, got {cost!r}"))
                if not isinstance(given, Mapping):
                    break
                continue
            table[i][level] = number
    return table, problems


def _bundle(
    tally: Tally, i: int, level: int, caps: Sequence[int], read: set[int]
) -> dict[int, int] | None:
    """Offering i at ``level`` and every prerequisite raise it needs to run at that level (the
    prerequisites, directly or not, whose effective level is lower), or None when a cap forbids it.
    The offerings whose levels the answer depends on are added to ``read``."""
    model, effective = tally.model, tally.effective
    raised = {i: level}
    stack = [i]
    seen = {i}
    while stack:
        j = stack.pop()
        read.update(model.prerequisites[j])
        for p in model.prerequisites[j]:
            if effective[p] >= level or p in seen:
                continue
            if caps[p] < level:
                return None
            seen.add(p)
            if tally.levels[p] < level:
                raised[p] = level
            stack.append(p)
    return raised


def _raise_cost(tally: Tally, raised: Mapping[int, int], table: list[list[float]]) -> float:
    return math.fsum(
        table[j][level]
        for j, top in raised.items()
        for level in range(tally.levels[j] + 1, top + 1)
    )


@attrs.frozen
class _Candidate:
    """The next raise of one offering with the prerequisite raises it needs, weighed at the current
    levels; it stays valid until a level in ``region`` or the coverage of one of ``outcomes``
    changes."""

    raised: Mapping[int, int]
    cost: float
    gain: float
    region: frozenset[int]
    outcomes: frozenset[int]
    rank: tuple[float, float, int] = (0.0, 0.0, 0)  # most gain per cost, then most gain, then order


def _weigh(tally: Tally, i: int, caps: Sequence[int], table: list[list[float]]) -> _Candidate:
    read = {i}
    raised = _bundle(tally, i, tally.levels[i] + 1, caps, read)
    if raised is None:  # a prerequisite can never rise that far: worth nothing for now
        return _Candidate({}, math.inf, 0.0, frozenset(read), frozenset())
    changed = tally.propagate(raised, read)
    deltas = tally.deltas(changed)
    read.update(raised)
    cost = _raise_cost(tally, raised, table)
    # A fully covered outcome stays so (levels only rise), so it can never change this weighing.
    open_outcomes = frozenset(k for k in deltas if not tally.zeros[k])
    gain = tally.gain(deltas)
    rank = (round(gain / cost, 12), round(gain, 12), -i)
    return _Candidate(raised, cost, gain, frozenset(read), open_outcomes, rank)


def _greedy(
    tally: Tally, caps: Sequence[int], table: list[list[float]], budget: float
) -> list[RoadmapStep]:
    """Raise the tally's levels towards ``caps`` within ``budget``, best gain per cost first.

    Each round weighs, for every offering below its cap, its next raise together with the
    prerequisite raises that raise needs (alone when it needs none) and takes the affordable bundle
    with the most gain per cost; when nothing affordable gains, the cheapest affordable raise is
    taken (raises that gain nothing still move towards the target).

    Weighings are kept between rounds. One whose levels changed (its region) is weighed again at
    once. One whose outcomes only gained coverage from another raise can only have lost gain (each
    factor 1 - M e / 5 shrinks the others' share), so its old weighing is an upper bound and it is
    weighed again only when it comes out on top (lazy evaluation); the choice is the same as
    weighing everything every round.
    """
    model = tally.model
    n = len(model.order)
    steps: list[RoadmapStep] = []
    spent = 0.0
    weighed: dict[int, _Candidate] = {}
    fresh: set[int] = set()
    version = [0] * n
    heap: list[tuple[float, float, int, int]] = []
    by_offering: dict[int, set[int]] = {}
    by_outcome: dict[int, set[int]] = {}

    def weigh(i: int) -> None:
        version[i] += 1
        if tally.levels[i] >= caps[i]:
            weighed.pop(i, None)
            fresh.discard(i)
            return
        candidate = weighed[i] = _weigh(tally, i, caps, table)
        fresh.add(i)
        for j in candidate.region:
            by_offering.setdefault(j, set()).add(i)
        for k in candidate.outcomes:
            by_outcome.setdefault(k, set()).add(i)
        ratio, gain, _ = candidate.rank
        heapq.heappush(heap, (-ratio, -gain, i, version[i]))

    dirty = {i for i in range(n) if tally.levels[i] < caps[i]}
    while True:
        for i in sorted(dirty):
            weigh(i)
        dirty = set()
        best: _Candidate | None = None
        while heap:
            _, _, i, seen = heap[0]
            candidate = weighed.get(i)
            if seen != version[i] or candidate is None:
                heapq.heappop(heap)  # an old weighing
            elif candidate.gain <= NO_GAIN or not fits(spent + candidate.cost, budget):
                heapq.heappop(heap)  # gains only fall and spending only grows: never again
            elif i not in fresh:
                heapq.heappop(heap)
                weigh(i)
            else:
                best = candidate
                break
        if best is not None:
            target = -best.rank[2]
            todo = [
                (j, level)
                for j in sorted(best.raised)  # delivery order: prerequisites before the offering
                for level in range(tally.levels[j] + 1, best.raised[j] + 1)
            ]
        else:
            affordable = [
                (table[i][tally.levels[i] + 1], i)
                for i in range(n)
                if tally.levels[i] < caps[i] and fits(spent + table[i][tally.levels[i] + 1], budget)
            ]
            if not affordable:
                return steps
            target = min(affordable)[1]
            todo = [(target, tally.levels[target] + 1)]
        for j, level in todo:
            step, changed, touched = _step(tally, j, level, table, () if j == target else (target,))
            steps.append(step)
            spent += step.cost
            for moved in {j, *changed}:
                dirty.update(by_offering.pop(moved, ()))
            for k in touched:
                fresh.difference_update(by_outcome.pop(k, ()))
            dirty.add(j)


def _step(
    tally: Tally, i: int, level: int, table: list[list[float]], enables: Sequence[int]
) -> tuple[RoadmapStep, dict[int, int], dict[int, float]]:
    """Apply one raise to the tally and describe it (cumulative figures are filled in later); also
    returns the effective levels and outcome coverages it changed."""
    model = tally.model
    before = tally.levels[i]
    changed, deltas = tally.apply({i: level})
    gains = {
        model.outcomes[k]: model.demand[k] * d
        for k, d in deltas.items()
        if model.demand[k] * d > NO_GAIN
    }
    by_customer: dict[str, float] = {}
    for k, d in deltas.items():
        for customer, share in model.expecting[k]:
            by_customer[customer] = by_customer.get(customer, 0.0) + share * d
    step = RoadmapStep(
        offering=model.order[i],
        from_level=before,
        to_level=level,
        cost=table[i][level],
        gain=max(0.0, math.fsum(gains.values())),
        cumulative_cost=0.0,
        cumulative_value=0.0,
        phase=None,
        outcomes=_largest_first(gains),
        customers=_largest_first({c: g for c, g in by_customer.items() if g > NO_GAIN}),
        enables=tuple(model.order[j] for j in enables),
    )
    return step, changed, deltas


def _largest_first(gains: Mapping[str, float]) -> tuple[str, ...]:
    return tuple(sorted(gains, key=lambda ident: (-round(gains[ident], 12), ident)))
