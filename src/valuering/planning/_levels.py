"""The arithmetic planning shares: maturity levels, weakest-link levels and effective coverage.

Formula 11 in docs/design.md (ours): covered_o = 1 - prod_s (1 - M_{o,s} * e_s / 5), with e_s the
weakest-link level of formula 5; effective coverage = sum_o D_o * covered_o. Offerings are numbered
in delivery order (wave by wave, by id within a wave), which is a topological order that does not
depend on the order of the model file, so every tie below is broken the same way for any input order.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence

from valuering.catalog import Catalog
from valuering.demand import customer_shares, outcome_demand
from valuering.graph import delivery_waves
from valuering.model import PMO

__all__ = ["LevelModel", "Tally", "fits"]

# Gains at or below this are no gain: what float noise leaves of a change that changes nothing.
NO_GAIN = 1e-12


def fits(total: float, budget: float) -> bool:
    """Whether ``total`` is within ``budget``, forgiving the rounding of sums such as 0.1 + 0.2."""
    return total <= budget + 1e-9 * max(1.0, abs(budget))


class LevelModel:
    """One sound model as numbers: its offerings in delivery order, their prerequisites, levels and
    caps (target, or 5 without one), and their strengths on the demanded outcomes (sorted by id)."""

    def __init__(self, pmo: PMO, catalog: Catalog) -> None:
        waves = delivery_waves(pmo, catalog=catalog)
        self.order: tuple[str, ...] = tuple(ident for wave in waves for ident in wave)
        self.index = {ident: i for i, ident in enumerate(self.order)}
        by_id = {o.id: o for o in pmo.offerings}
        offerings = [by_id[ident] for ident in self.order]
        self.prerequisites = [tuple(sorted(self.index[d] for d in o.depends_on)) for o in offerings]
        dependents: list[list[int]] = [[] for _ in offerings]
        for i, prerequisites in enumerate(self.prerequisites):
            for p in prerequisites:
                dependents[p].append(i)
        self.dependents = [tuple(d) for d in dependents]
        demand = outcome_demand(pmo, catalog=catalog)
        self.outcomes: tuple[str, ...] = tuple(sorted(demand))
        self.demand = [demand[o] for o in self.outcomes]
        position = {o: k for k, o in enumerate(self.outcomes)}
        self.strengths = [
            tuple(
                (position[o], m)
                for o, m in sorted(catalog.services[off.service].outcomes.items())
                if m > 0 and o in position
            )
            for off in offerings
        ]
        self.levels = [o.maturity for o in offerings]
        self.caps = [max(o.maturity, 5 if o.target is None else o.target) for o in offerings]
        # Who expects each outcome: (customer, W_c * P_{c,o}), for the customers a change helps.
        self.expecting: list[list[tuple[str, float]]] = [[] for _ in self.outcomes]
        for customer, shares in sorted(customer_shares(pmo.customers).items()):
            for outcome, share in shares.items():
                self.expecting[position[outcome]].append((customer, share))

    def effective(self, levels: Sequence[int]) -> list[int]:
        """e_s for every offering (formula 5): its own level, or a prerequisite's if lower."""
        effective = list(levels)
        for i, prerequisites in enumerate(self.prerequisites):
            for p in prerequisites:
                if effective[p] < effective[i]:
                    effective[i] = effective[p]
        return effective

    def covered(self, levels: Sequence[int]) -> list[float]:
        """covered_o for every demanded outcome at these levels (formula 11)."""
        missing = [1.0] * len(self.outcomes)
        for i, e in enumerate(self.effective(levels)):
            for k, m in self.strengths[i]:
                missing[k] *= 1.0 - m * e / 5
        return [1.0 - x for x in missing]

    def value(self, levels: Sequence[int]) -> float:
        """Effective coverage at these levels: sum_o D_o * covered_o."""
        return math.fsum(d * c for d, c in zip(self.demand, self.covered(levels), strict=True))

    def combinations(
        self,
        start: Sequence[int],
        caps: Sequence[int],
        cost: Callable[[int, int], float],
        budget: float,
        limit: int,
    ) -> int:
        """How many level vectors between ``start`` and ``caps`` cost at most ``budget`` to reach
        (counting stops past ``limit``)."""
        raisable = [i for i in range(len(start)) if caps[i] > start[i]]
        count = 0

        def walk(position: int, spent: float) -> None:
            nonlocal count
            if position == len(raisable):
                count += 1
                return
            i, extra = raisable[position], 0.0
            for level in range(start[i], caps[i] + 1):
                if level > start[i]:
                    extra += cost(i, level)
                    if not fits(spent + extra, budget):
                        break
                walk(position + 1, spent + extra)
                if count > limit:
                    return

        walk(0, 0.0)
        return count

    def best_levels(
        self,
        start: Sequence[int],
        caps: Sequence[int],
        cost: Callable[[int, int], float],
        budget: float,
    ) -> list[int]:
        """The levels between ``start`` and ``caps`` with the highest effective coverage whose raises
        cost at most ``budget``, by trying every combination (ties: more raises, then cheaper, then
        the first in delivery order)."""
        n, outcomes = len(start), len(self.outcomes)
        levels, effective = list(start), list(start)
        best: tuple[tuple[float, int, float], list[int]] | None = None

        def search(i: int, spent: float, raises: int, missing: list[float]) -> None:
            nonlocal best
            if i == n:
                value = math.fsum(d * (1.0 - x) for d, x in zip(self.demand, missing, strict=True))
                key = (round(value, 12), raises, -round(spent, 12))
                if best is None or key > best[0]:
                    best = (key, list(levels))
                return
            ceiling = min((effective[p] for p in self.prerequisites[i]), default=5)
            extra = 0.0
            for level in range(start[i], caps[i] + 1):
                if level > start[i]:
                    extra += cost(i, level)
                    if not fits(spent + extra, budget):
                        break
                levels[i], effective[i] = level, min(level, ceiling)
                row = missing
                if self.strengths[i]:
                    row = list(missing)
                    for k, m in self.strengths[i]:
                        row[k] *= 1.0 - m * effective[i] / 5
                search(i + 1, spent + extra, raises + level - start[i], row)
            levels[i], effective[i] = start[i], min(start[i], ceiling)

        search(0, 0.0, 0, [1.0] * outcomes)
        assert best is not None  # the start itself always fits
        return best[1]


class Tally:
    """Levels being raised one step at a time, with each outcome's coverage kept up to date.

    Per outcome it keeps the product of its factors (1 - M * e / 5) that are not zero and how many
    are zero, so a change is undone by division without ever dividing by zero.
    """

    def __init__(self, model: LevelModel, levels: Sequence[int]) -> None:
        self.model = model
        self.levels = list(levels)
        self.effective = model.effective(levels)
        self.zeros = [0] * len(model.outcomes)
        self.product = [1.0] * len(model.outcomes)
        for i, e in enumerate(self.effective):
            for k, m in model.strengths[i]:
                factor = 1.0 - m * e / 5
                if factor == 0.0:
                    self.zeros[k] += 1
                else:
                    self.product[k] *= factor

    def _covered(self, zeros: int, product: float) -> float:
        return 1.0 if zeros else 1.0 - product

    def propagate(self, raised: Mapping[int, int], read: set[int] | None = None) -> dict[int, int]:
        """The new effective level of every offering whose level changes when ``raised`` (offering
        -> new own level) is applied: the raised ones and, through them, their dependents. The
        offerings whose levels the answer depends on are added to ``read``."""
        model, effective = self.model, self.effective
        changed: dict[int, int] = {}
        queue = sorted(raised)
        seen = set(queue)
        while queue:
            i = heapq.heappop(queue)  # delivery order: every prerequisite is settled first
            e = raised.get(i, self.levels[i])
            for p in model.prerequisites[i]:
                e = min(e, changed.get(p, effective[p]))
            if read is not None:
                read.add(i)
                read.update(model.prerequisites[i])
            if e != effective[i]:
                changed[i] = e
                for d in model.dependents[i]:
                    if d not in seen:
                        seen.add(d)
                        heapq.heappush(queue, d)
        return changed

    def deltas(self, changed: Mapping[int, int]) -> dict[int, float]:
        """covered_o after minus before, for each outcome the changed effective levels touch."""
        model = self.model
        touched: dict[int, list[float]] = {}
        for i, new in changed.items():
            old = self.effective[i]
            for k, m in model.strengths[i]:
                entry = touched.get(k)
                if entry is None:
                    entry = touched[k] = [self.zeros[k], self.product[k]]
                before, after = 1.0 - m * old / 5, 1.0 - m * new / 5
                if before == 0.0:
                    entry[0] -= 1
                else:
                    entry[1] /= before
                if after == 0.0:
                    entry[0] += 1
                else:
                    entry[1] *= after
        return {
            k: self._covered(int(z), p) - self._covered(self.zeros[k], self.product[k])
            for k, (z, p) in touched.items()
        }

    def gain(self, deltas: Mapping[int, float]) -> float:
        """The effective coverage gained: sum_o D_o * (covered_o after - before)."""
        return math.fsum(self.model.demand[k] * d for k, d in deltas.items())

    def apply(self, raised: Mapping[int, int]) -> tuple[dict[int, int], dict[int, float]]:
        """Raise the levels; returns the new effective levels that changed and the change in
        covered_o of each outcome touched."""
        changed = self.propagate(raised)
        deltas = self.deltas(changed)
        for i, new in changed.items():
            for k, m in self.model.strengths[i]:
                before, after = 1.0 - m * self.effective[i] / 5, 1.0 - m * new / 5
                if before == 0.0:
                    self.zeros[k] -= 1
                else:
                    self.product[k] /= before
                if after == 0.0:
                    self.zeros[k] += 1
                else:
                    self.product[k] *= after
            self.effective[i] = new
        for i, level in raised.items():
            self.levels[i] = level
        return changed, deltas
