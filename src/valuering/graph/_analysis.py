"""One PMO's value picture, computed once and shared by attribution, traces and impacts.

Offerings are numbered in delivery order (wave by wave, by id within a wave), so a set of offerings
is a Python int with bit i for offering i. Who depends on whom is worked out in one pass in reverse
delivery order (each offering's dependents are its direct dependents and theirs), and what an
offering needs in one pass forward; no per-offering graph walk is needed afterwards. An offering's
dependents all come after it, so their set is counted from the offering (bit k: the k-th after it):
it takes as many bits as its dependents span, and its trace and its impact share it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import cached_property

from valuering._collector import collector_paused
from valuering._tables import Names
from valuering.catalog import Catalog
from valuering.demand import OutcomeDemand, demand_of, expected_by_of, shares_by_customer
from valuering.errors import UnknownIdError
from valuering.graph._results import (
    Attribution,
    Contributor,
    Contributors,
    EffectiveMaturity,
    Impact,
    Impacts,
    OutcomeLoss,
    TracedOutcome,
    Traces,
    ValueTrace,
    _Shared,
)
from valuering.model import PMO
from valuering.validation import dependency_order, derived, sound

__all__ = ["ValueAnalysis"]


class ValueAnalysis:
    """The shared groundwork for tracing value through one PMO: build it once, ask many questions.

    The module functions (:func:`trace_value`, :func:`impact_of`, ...) build one per call; for every
    offering at once use :meth:`traces` and :meth:`impacts`, which compute the demand only once.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import examples
    >>> analysis = ValueAnalysis(examples.load("northwind-energy"))
    >>> analysis.order[:3]
    ('methodology', 'pmis', 'governance')
    >>> analysis.waves[0]
    ('methodology', 'pmis')
    >>> round(analysis.impact("methodology").demand_at_risk, 4)
    0.8157
    """

    def __init__(self, pmo: PMO, *, catalog: Catalog | None = None) -> None:
        self.pmo = pmo
        self.catalog = sound(pmo, catalog=catalog, shares=True)
        waves, dependents = dependency_order(pmo, catalog=self.catalog)
        #: The delivery waves, as :func:`~valuering.graph.delivery_waves` gives them.
        self.waves: tuple[tuple[str, ...], ...] = waves
        #: Offering ids in delivery order: wave by wave, by id within a wave.
        self.order: tuple[str, ...] = tuple(ident for wave in waves for ident in wave)
        self.index = {ident: i for i, ident in enumerate(self.order)}
        position = self.index.__getitem__
        by_id = {o.id: o for o in pmo.offerings}
        self.offerings = tuple(map(by_id.__getitem__, self.order))
        self._prerequisites = [sorted(set(map(position, o.depends_on))) for o in self.offerings]
        self._dependents = [sorted(map(position, dependents[o])) for o in self.order]
        # Offerings of one service share its strength map (and, below, everything derived from it).
        by_service = {
            s: {o: m for o, m in sorted(self.catalog.services[s].outcomes.items()) if m > 0}
            for s in {off.service for off in self.offerings}
        }
        self._strengths = [by_service[off.service] for off in self.offerings]
        self._servers: dict[str, list[tuple[int, float]]] = {}
        for i, strengths in enumerate(self._strengths):
            for outcome, m in strengths.items():
                self._servers.setdefault(outcome, []).append((i, m))

    @classmethod
    def of(cls, pmo: PMO, *, catalog: Catalog | None = None) -> ValueAnalysis:
        """The analysis of ``pmo``, built once per model and catalog and shared by every public
        function that traces value (they all call this).

        >>> from valuering import examples
        >>> pmo = examples.load("northwind-energy")
        >>> ValueAnalysis.of(pmo) is ValueAnalysis.of(pmo)
        True
        """
        cat = sound(pmo, catalog=catalog, shares=True)
        return derived(pmo, cat, "value-analysis", lambda: cls(pmo, catalog=cat))

    @cached_property
    def _expected_by(self) -> Mapping[str, tuple[Sequence[str], Sequence[float]]]:
        return expected_by_of(self.pmo, self.catalog)

    @cached_property
    def demand(self) -> OutcomeDemand:
        """D_o for every expected outcome (formula 1), shared with :func:`~valuering.outcome_demand`."""
        return demand_of(self.pmo, self.catalog)

    @cached_property
    def customer_shares(self) -> Mapping[str, Mapping[str, float]]:
        """W_c * P_{c,o}: ``{customer: {outcome: share}}`` for customers with expectations."""
        return shares_by_customer(self._expected_by)

    # Attribution -----------------------------------------------------------------------------------

    @cached_property
    def _shares_by_outcome(self) -> list[dict[str, float]]:
        """share_{s,o} = D_o * M_{o,s} / sum_{s' in X} M_{o,s'} for each offering s (by index)."""
        demand = self.demand
        totals = {o: math.fsum(m for _, m in servers) for o, servers in self._servers.items()}
        by_service: dict[str, dict[str, float]] = {}
        for offering, strengths in zip(self.offerings, self._strengths, strict=True):
            if offering.service not in by_service:
                by_service[offering.service] = {
                    o: demand[o] * m / totals[o] for o, m in strengths.items() if o in demand
                }
        return [by_service[off.service] for off in self.offerings]

    @cached_property
    def _shares(self) -> list[float]:
        by_service: dict[str, float] = {}
        for offering, row in zip(self.offerings, self._shares_by_outcome, strict=True):
            if offering.service not in by_service:
                by_service[offering.service] = math.fsum(row.values())
        return [by_service[off.service] for off in self.offerings]

    @collector_paused()
    def attribution(self) -> Attribution:
        """Each offering's attributed share of the demand, largest first (ties by id)."""
        ranked = sorted(range(len(self.order)), key=lambda i: (-self._shares[i], self.order[i]))
        return Attribution(
            {self.order[i]: self._shares[i] for i in ranked},
            {self.order[i]: self._shares_by_outcome[i] for i in ranked},
            names=self._names,
        )

    # Bitsets of who needs whom ----------------------------------------------------------------------

    @cached_property
    def _descendants(self) -> list[int]:
        """Bit set of every offering that depends on offering i, directly or not, counted from
        i + 1: bit k stands for offering i + 1 + k.

        Dependents come later in delivery order, so counting from the offering itself keeps each
        set as short as the span of its dependents (N^2 / 2 bits on a chain of N, not N^2), and
        one set per offering is shared by its trace and its impact.
        """
        below = [0] * len(self.order)
        for i in reversed(range(len(self.order))):  # dependents first
            reach = 0
            for d in self._dependents[i]:
                reach |= ((below[d] << 1) | 1) << (d - i - 1)
            below[i] = reach
        return below

    @cached_property
    def _ancestors(self) -> list[int]:
        """Bit set of every offering that offering i needs, directly or not (bit j: offering j)."""
        above = [0] * len(self.order)
        for i in range(len(self.order)):  # prerequisites first
            reach = 0
            for p in self._prerequisites[i]:
                reach |= above[p] | (1 << p)
            above[i] = reach
        return above

    @cached_property
    def _names(self) -> Names:
        """Names for the results' tables, looked up only when a table is drawn."""
        return Names(self.pmo, self.catalog)

    @cached_property
    def _shared(self) -> _Shared:
        return _Shared(self.order, self.index, self._expected_by, self._names)

    @cached_property
    def _objectives_by_outcome(self) -> dict[str, list[str]]:
        by_outcome: dict[str, list[str]] = {}
        for objective in self.pmo.objectives:
            for outcome in objective.outcomes:
                by_outcome.setdefault(outcome, []).append(objective.id)
        return by_outcome

    # Traces -----------------------------------------------------------------------------------------

    def _position(self, offering_id: str) -> int:
        try:
            return self.index[offering_id]
        except (KeyError, TypeError):  # TypeError: not an id at all (a list, say)
            raise UnknownIdError("offering", offering_id, self.index) from None

    def trace(self, offering_id: str) -> ValueTrace:
        """The :class:`ValueTrace` of one offering."""
        return self._trace_table[self.order[self._position(offering_id)]]

    def traces(self) -> Traces:
        """The trace of every offering, by offering id in delivery order."""
        return Traces(dict(self._trace_table), names=self._names)  # a table of the caller's own

    @cached_property
    @collector_paused()
    def _trace_table(self) -> dict[str, ValueTrace]:
        # Built at once (a trace is a few references into shared tables) and kept for trace().
        order, offerings, shares = self.order, self.offerings, self._shares
        parts, dependents, descendants = self._service_traces, self._dependents, self._descendants
        name, shared = order.__getitem__, self._shared
        traces = {}
        for i, ident in enumerate(order):
            service = offerings[i].service
            outcomes, objectives = parts[service]
            traces[ident] = ValueTrace(
                offering=ident,
                service=service,
                share=shares[i],
                outcomes=outcomes,
                objectives=objectives,
                direct_dependents=tuple(map(name, dependents[i])),
                dependent_bits=descendants[i],
                shared=shared,
            )
        return traces

    @cached_property
    def _service_traces(self) -> dict[str, tuple[tuple[TracedOutcome, ...], tuple[str, ...]]]:
        """Per service: the traced outcomes and the objectives (the same for all its offerings)."""
        demand = self.demand
        by_outcome = self._objectives_by_outcome
        parts = {}
        for i, offering in enumerate(self.offerings):
            if offering.service in parts:
                continue
            shares = self._shares_by_outcome[i]
            outcomes = sorted(
                (
                    TracedOutcome(o, demand.get(o, 0.0), m, shares.get(o, 0.0))
                    for o, m in self._strengths[i].items()
                ),
                key=lambda t: (-t.demand, t.outcome),
            )
            objectives = sorted({obj for o in self._strengths[i] for obj in by_outcome.get(o, ())})
            parts[offering.service] = (tuple(outcomes), tuple(objectives))
        return parts

    # Impacts ----------------------------------------------------------------------------------------

    @cached_property
    def _strength_groups(self) -> list[tuple[str, int, int, list[tuple[float, int, int]]]]:
        """For each demanded outcome with a server: the bits of its full-strength (M = 1) servers
        and the position of the first of them, and per strength value, the bits and number of its
        servers."""
        groups = []
        for outcome in sorted(self.demand):
            by_value: dict[float, list[int]] = {}
            for i, m in self._servers.get(outcome, ()):
                by_value.setdefault(m, []).append(i)
            parts = []
            for m in sorted(by_value):
                bits = 0
                for i in by_value[m]:
                    bits |= 1 << i
                parts.append((m, bits, len(by_value[m])))
            if parts:
                full = parts[-1][1] if parts[-1][0] == 1.0 else 0
                groups.append((outcome, full, (full & -full).bit_length() - 1, parts))
        return groups

    @cached_property
    def _touched(self) -> list[int]:
        """Bit k set when offering i or one that needs it serves the k-th of _strength_groups."""
        position = {outcome: k for k, (outcome, *_) in enumerate(self._strength_groups)}
        own_by_service: dict[str, int] = {}
        for offering, strengths in zip(self.offerings, self._strengths, strict=True):
            if offering.service not in own_by_service:
                own_by_service[offering.service] = sum(
                    1 << position[o] for o in strengths if o in position
                )
        touched = [own_by_service[o.service] for o in self.offerings]
        for i in reversed(range(len(self.order))):
            for d in self._dependents[i]:
                touched[i] |= touched[d]
        return touched

    @cached_property
    def covered(self) -> dict[str, float]:
        """covered_o = 1 - prod_s (1 - M_{o,s}) over all offerings, for every demanded outcome."""
        covered = dict.fromkeys(self.demand, 0.0)
        for outcome, _, _, parts in self._strength_groups:
            covered[outcome] = 1.0 - math.prod((1.0 - m) ** n for m, _, n in parts)
        return covered

    @cached_property
    def coverage_total(self) -> float:
        """sum_o D_o * covered_o: the coverage of all offerings."""
        return math.fsum(d * self.covered[o] for o, d in self.demand.items())

    def impact(self, offering_id: str) -> Impact:
        """The :class:`Impact` of losing one offering."""
        return self._impact(self._position(offering_id))

    @collector_paused()
    def impacts(self) -> Impacts:
        """The impact of losing each offering, by offering id in delivery order."""
        impacts = {ident: self._impact(i) for i, ident in enumerate(self.order)}
        return Impacts(impacts, names=self._names)

    def _impact(self, i: int) -> Impact:
        dependents = self._descendants[i]
        # Offering i and its dependents, counted from i (bit k: offering i + k); a temporary, as
        # the result keeps only the shared set of dependents.
        lost = (dependents << 1) | 1
        groups = self._strength_groups
        losses = []
        touched = self._touched[i]
        while touched:
            k = touched.bit_length() - 1
            touched ^= 1 << k
            outcome, full, first_full, parts = groups[k]
            if full:
                if first_full < i or (full >> i) & lost != full >> i:
                    continue  # a full-strength server remains: the outcome stays fully covered
                # Every full-strength server is lost, so their factor is 0 ** 0 = 1: leave it out.
                parts = parts[:-1]
            after = 1.0 - math.prod(
                (1.0 - m) ** (n - ((bits >> i) & lost).bit_count()) for m, bits, n in parts
            )
            before = self.covered[outcome]
            if after < before:
                losses.append(OutcomeLoss(outcome, self.demand[outcome], before, after))
        losses.sort(key=lambda loss: (-loss.demand_lost, loss.outcome))
        at_risk = math.fsum(loss.demand_lost for loss in losses)
        return Impact(
            offering=self.order[i],
            demand_at_risk=at_risk,
            coverage_before=self.coverage_total,
            coverage_after=max(0.0, self.coverage_total - at_risk),
            outcomes=tuple(losses),
            dependent_bits=dependents,
            shared=self._shared,
        )

    # Contributors and weakest links -----------------------------------------------------------------

    @collector_paused()
    def contributors(self, node_id: str) -> Contributors:
        """The offerings behind an objective (checked first) or an outcome."""
        objectives = {o.id: o for o in self.pmo.objectives}
        try:
            objective, is_outcome = objectives.get(node_id), node_id in self.catalog.outcomes
        except TypeError:  # not an id at all (a list, say)
            objective, is_outcome = None, False
        if objective is not None:
            kind, outcomes = "objective", set(objective.outcomes)
        elif is_outcome:
            kind, outcomes = "outcome", {node_id}
        else:
            raise UnknownIdError(
                "outcome or objective", node_id, [*objectives, *self.catalog.outcomes]
            )
        direct = {
            i: math.fsum(self._shares_by_outcome[i].get(o, 0.0) for o in outcomes)
            for o in sorted(outcomes)
            for i, _ in self._servers.get(o, ())
        }
        enabled: dict[int, list[int]] = {}
        for server in sorted(direct):
            for j in self._shared.ids(self._ancestors[server]):
                enabled.setdefault(self.index[j], []).append(server)
        rows = [
            Contributor(
                offering=self.order[i],
                direct=i in direct,
                share=direct.get(i, 0.0),
                enabled_share=math.fsum(direct[s] for s in enabled.get(i, ())),
                enables=tuple(self.order[s] for s in enabled.get(i, ())),
            )
            for i in sorted(direct.keys() | enabled.keys())
        ]
        rows.sort(key=lambda c: (-(c.share + c.enabled_share), c.offering))
        node_demand = math.fsum(self.demand.get(o, 0.0) for o in outcomes)
        return Contributors(node_id, kind, node_demand, tuple(rows), names=self._names)

    @collector_paused()
    def effective_maturity(self) -> EffectiveMaturity:
        """e_s = min(m_s, e_d for every prerequisite d), with the offering that sets each level."""
        level = [0] * len(self.order)
        weakest = [0] * len(self.order)
        for i, offering in enumerate(self.offerings):
            e, w = offering.maturity, i
            for p in self._prerequisites[i]:
                # A lower level wins; on a tie the offering's own maturity wins, then the smaller id.
                if level[p] < e or (
                    level[p] == e and w != i and self.order[weakest[p]] < self.order[w]
                ):
                    e, w = level[p], weakest[p]
            level[i], weakest[i] = e, w
        return EffectiveMaturity(
            {ident: level[i] for i, ident in enumerate(self.order)},
            {o.id: o.maturity for o in self.offerings},
            {ident: self.order[weakest[i]] for i, ident in enumerate(self.order)},
            names=self._names,
        )

    def strengths(self, offering_id: str) -> Mapping[str, float]:
        """The outcomes an offering serves (strength > 0), by outcome id."""
        return self._strengths[self._position(offering_id)]
