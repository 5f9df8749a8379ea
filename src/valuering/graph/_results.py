"""The frozen results of value tracing: attribution, traces, impacts, contributors, weakest links,
delivery waves and health findings.

Parts that can be large (every customer behind an outcome, every offering lost with another) are
kept as shared tables and bitsets, and turned into tuples only when read, so a trace or an impact
for each of thousands of offerings stays cheap.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

import attrs

from valuering._tables import NO_NAMES, Keyed, Names, Rows, percent, plural, summary

__all__ = [
    "Attribution",
    "Contributor",
    "Contributors",
    "DeliveryWaves",
    "EffectiveMaturity",
    "Impact",
    "Impacts",
    "OutcomeLoss",
    "TracedOutcome",
    "Traces",
    "ValueTrace",
]


@attrs.frozen(eq=False)
class _Shared:
    """Tables shared by every trace and impact of one analysis (never compared, never printed)."""

    order: tuple[str, ...]  # offering ids in delivery order: bit i of a bitset is order[i]
    position: Mapping[str, int]  # offering id -> its place in order
    # outcome -> (customers, their W_c * P_{c,o}), as two columns
    expected_by: Mapping[str, tuple[Sequence[str], Sequence[float]]]
    names: Names = NO_NAMES

    def expecting(self, outcome: str) -> Iterator[tuple[str, float]]:
        """(customer, share) for each customer expecting ``outcome``."""
        customers, shares = self.expected_by.get(outcome, ((), ()))
        return zip(customers, shares, strict=True)

    def ids(self, bits: int, *, after: str | None = None) -> tuple[str, ...]:
        """The offering ids whose bits are set, in delivery order; with ``after``, bit k stands
        for the k-th offering after that one."""
        if not bits:
            return ()
        lowest_first = bin(bits)[:1:-1]
        start = 0 if after is None else self.position[after] + 1
        offerings = itertools.islice(self.order, start, None)
        return tuple(itertools.compress(offerings, map("1".__eq__, lowest_first)))


@attrs.frozen(repr=False)
class Attribution(Keyed[float]):
    """Each offering's attributed share of the demand (formula 7 in docs/design.md), largest first.

    Read it like a dict: ``attribution["reporting"]``. ``by_outcome[offering]`` splits an offering's
    share by outcome; ``total`` is the sum of the shares (the coverage, with a binary catalog).
    """

    shares: Mapping[str, float] = attrs.field(hash=False)
    by_outcome: Mapping[str, Mapping[str, float]] = attrs.field(hash=False)
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = ("offering", "offering_name", "share")

    def _table(self) -> Mapping[str, float]:
        return self.shares

    @property
    def total(self) -> float:
        """The sum of the offerings' shares."""
        return math.fsum(self.shares.values())

    def _rows(self) -> Iterator[dict[str, Any]]:
        return ({"offering": o, "share": s} for o, s in self.shares.items())

    def __repr__(self) -> str:
        top = ", ".join(f"{o} {percent(s)}" for o, s in itertools.islice(self.shares.items(), 3))
        more = ", ..." if len(self.shares) > 3 else ""
        return summary(
            self,
            plural(len(self.shares), "offering"),
            f"total {percent(self.total)}",
            f"top: {top}{more}" if top else "",
        )


@attrs.frozen
class TracedOutcome:
    """An outcome an offering serves: its demand D_o, the strength M_{o,s} and the offering's share."""

    outcome: str
    demand: float
    strength: float
    share: float


@attrs.frozen(repr=False)
class ValueTrace(Rows[TracedOutcome]):
    """What one offering creates and for whom (formula 7 in docs/design.md).

    It reads as the sequence of the outcomes it serves, most demanded first (``trace[0]``), also
    kept as ``outcomes``; ``share`` is its attributed share of the demand; ``objectives`` the
    strategic objectives those outcomes support; ``direct_dependents`` the offerings that list it as
    a prerequisite and ``dependents`` every offering that needs it, directly or not (both in delivery
    order); ``customers`` who expect its outcomes.
    """

    offering: str
    service: str
    share: float
    outcomes: tuple[TracedOutcome, ...]
    objectives: tuple[str, ...]
    direct_dependents: tuple[str, ...]
    # Bit k: the k-th offering after this one in delivery order (shared with its impact).
    _dependent_bits: int = attrs.field(alias="dependent_bits")
    _shared: _Shared = attrs.field(alias="shared", eq=False)
    _columns = (
        "offering",
        "offering_name",
        "outcome",
        "outcome_name",
        "demand",
        "strength",
        "share",
    )

    def _items(self) -> tuple[TracedOutcome, ...]:
        return self.outcomes

    @property
    def _names(self) -> Names:
        return self._shared.names

    @property
    def dependents(self) -> tuple[str, ...]:
        """Every offering that depends on this one, directly or through others, in delivery order."""
        return self._shared.ids(self._dependent_bits, after=self.offering)

    @property
    def customers(self) -> tuple[tuple[str, str, float], ...]:
        """``(customer, outcome, W_c * P_{c,o})`` for each customer expecting one of its outcomes.

        Largest share first, then by customer and outcome id.
        """
        rows = [
            (customer, traced.outcome, share)
            for traced in self.outcomes
            for customer, share in self._shared.expecting(traced.outcome)
        ]
        return tuple(sorted(rows, key=lambda row: (-row[2], row[0], row[1])))

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per outcome served."""
        return ({"offering": self.offering, **attrs.asdict(t)} for t in self.outcomes)

    def __repr__(self) -> str:
        return summary(
            self,
            plural(len(self.outcomes), "outcome"),
            f"offering {self.offering}",
            f"share {percent(self.share)}",
            plural(len(self.objectives), "objective"),
            plural(self._dependent_bits.bit_count(), "dependent"),
        )


@attrs.frozen(repr=False)
class Traces(Keyed[ValueTrace]):
    """The :class:`ValueTrace` of every offering, by offering id in delivery order."""

    traces: Mapping[str, ValueTrace] = attrs.field(hash=False)
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = (
        "offering",
        "offering_name",
        "service",
        "service_name",
        "share",
        "outcomes",
        "objectives",
        "dependents",
    )

    def _table(self) -> Mapping[str, ValueTrace]:
        return self.traces

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per offering: its share and how many outcomes, objectives and dependents it has."""
        return (
            {
                "offering": t.offering,
                "service": t.service,
                "share": t.share,
                "outcomes": len(t.outcomes),
                "objectives": len(t.objectives),
                "dependents": t._dependent_bits.bit_count(),
            }
            for t in self.traces.values()
        )

    def __repr__(self) -> str:
        largest = max(self.traces.values(), key=lambda t: t.share, default=None)
        return summary(
            self,
            plural(len(self.traces), "offering"),
            f"largest share: {largest.offering} {percent(largest.share)}" if largest else "",
        )


@attrs.frozen
class OutcomeLoss:
    """How much of one outcome's coverage goes when offerings are lost."""

    outcome: str
    demand: float
    covered_before: float
    covered_after: float

    @property
    def drop(self) -> float:
        """covered_o before minus after."""
        return self.covered_before - self.covered_after

    @property
    def demand_lost(self) -> float:
        """D_o times the drop: this outcome's part of the demand at risk."""
        return self.demand * self.drop


@attrs.frozen(repr=False)
class Impact(Rows[OutcomeLoss]):
    """What breaks if an offering fails (formula 7 in docs/design.md).

    It reads as the sequence of the outcomes whose coverage drops, largest loss first (``impact[0]``),
    also kept as ``outcomes``. ``lost`` is the offering and every offering that depends on it,
    directly or not (delivery order); ``customers`` the customers expecting those outcomes;
    ``demand_at_risk`` = coverage before minus coverage after.
    """

    offering: str
    demand_at_risk: float
    coverage_before: float
    coverage_after: float
    outcomes: tuple[OutcomeLoss, ...]
    # The trace's set of dependents, shared (never copied): bit k is the k-th offering after it.
    _dependent_bits: int = attrs.field(alias="dependent_bits")
    _shared: _Shared = attrs.field(alias="shared", eq=False)
    _columns = (
        "offering",
        "offering_name",
        "outcome",
        "outcome_name",
        "demand",
        "covered_before",
        "covered_after",
        "demand_lost",
    )

    def _items(self) -> tuple[OutcomeLoss, ...]:
        return self.outcomes

    @property
    def _names(self) -> Names:
        return self._shared.names

    @property
    def lost(self) -> tuple[str, ...]:
        """The offerings that drop out: this one and all that depend on it, in delivery order."""
        # Dependents come later in delivery order than the offering they need.
        return (self.offering, *self._shared.ids(self._dependent_bits, after=self.offering))

    @property
    def customers(self) -> tuple[str, ...]:
        """The customers who expect an outcome whose coverage drops, sorted by id."""
        expected_by = self._shared.expected_by
        return tuple(
            sorted({c for loss in self.outcomes for c in expected_by.get(loss.outcome, ((),))[0]})
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per outcome whose coverage drops."""
        return (
            {
                "offering": self.offering,
                **attrs.asdict(loss),
                "demand_lost": loss.demand_lost,
            }
            for loss in self.outcomes
        )

    def __repr__(self) -> str:
        return summary(
            self,
            plural(len(self.outcomes), "outcome") + " drop",
            f"losing {self.offering}",
            plural(self._dependent_bits.bit_count() + 1, "offering") + " lost",
            f"demand at risk {percent(self.demand_at_risk)}",
        )


@attrs.frozen(repr=False)
class Impacts(Keyed[Impact]):
    """The :class:`Impact` of losing each offering, by offering id in delivery order."""

    impacts: Mapping[str, Impact] = attrs.field(hash=False)
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = (
        "offering",
        "offering_name",
        "demand_at_risk",
        "coverage_after",
        "lost",
        "outcomes",
    )

    def _table(self) -> Mapping[str, Impact]:
        return self.impacts

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per offering: the demand at risk, the coverage left, how many offerings and
        outcomes are lost with it."""
        return (
            {
                "offering": i.offering,
                "demand_at_risk": i.demand_at_risk,
                "coverage_after": i.coverage_after,
                "lost": i._dependent_bits.bit_count() + 1,
                "outcomes": len(i.outcomes),
            }
            for i in self.impacts.values()
        )

    def __repr__(self) -> str:
        worst = max(self.impacts.values(), key=lambda i: i.demand_at_risk, default=None)
        return summary(
            self,
            plural(len(self.impacts), "offering"),
            f"most at risk: {worst.offering} {percent(worst.demand_at_risk)}" if worst else "",
        )


@attrs.frozen
class Contributor:
    """An offering behind an outcome or objective.

    ``share`` is its own attributed share of the node's demand (0 when it only enables others);
    ``enabled_share`` the shares of the serving offerings that depend on it, directly or not;
    ``enables`` those offerings, in delivery order; ``direct`` whether it serves the node itself.
    """

    offering: str
    direct: bool
    share: float
    enabled_share: float
    enables: tuple[str, ...]


@attrs.frozen(repr=False)
class Contributors(Rows[Contributor]):
    """The offerings behind one outcome or objective, largest ``share + enabled_share`` first.

    ``kind`` is ``"outcome"`` or ``"objective"``; ``demand`` is the node's demand (D_o, or the sum of
    D_o over the objective's outcomes).
    """

    node: str
    kind: str
    demand: float
    contributors: tuple[Contributor, ...]
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = (
        "node",
        "node_name",
        "offering",
        "offering_name",
        "direct",
        "share",
        "enabled_share",
        "enables",
    )
    _name_kinds: ClassVar[Mapping[str, tuple[str, ...]]] = {"node": ("objective", "outcome")}

    def _items(self) -> tuple[Contributor, ...]:
        return self.contributors

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per contributing offering; ``enables`` is a comma-separated list."""
        return ({"node": self.node, **attrs.asdict(c)} for c in self.contributors)

    def __repr__(self) -> str:
        direct = sum(c.direct for c in self.contributors)
        return summary(
            self,
            plural(len(self.contributors), "offering"),
            f"{self.kind} {self.node}",
            f"demand {percent(self.demand)}",
            f"{direct} serve it, {len(self.contributors) - direct} enable them",
        )


@attrs.frozen(repr=False)
class EffectiveMaturity(Keyed[int]):
    """Weakest-link maturity per offering: e_s = min(m_s, e_d for every prerequisite d).

    Read it like a dict; ``held_by[s]`` is the offering whose own maturity sets e_s (s itself when
    no prerequisite holds it down); ``maturity[s]`` is m_s.
    """

    levels: Mapping[str, int] = attrs.field(hash=False)
    maturity: Mapping[str, int] = attrs.field(hash=False)
    held_by: Mapping[str, str] = attrs.field(hash=False)
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = ("offering", "offering_name", "maturity", "effective", "held_by")

    def _table(self) -> Mapping[str, int]:
        return self.levels

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per offering (in delivery order): maturity, effective level, held by."""
        return (
            {
                "offering": o,
                "maturity": self.maturity[o],
                "effective": e,
                "held_by": self.held_by[o],
            }
            for o, e in self.levels.items()
        )

    def __repr__(self) -> str:
        held = sorted(o for o in self.levels if self.levels[o] < self.maturity[o])
        return summary(
            self, plural(len(self.levels), "offering"), f"held down: {', '.join(held) or 'none'}"
        )


@attrs.frozen(repr=False)
class DeliveryWaves(Rows[tuple[str, ...]]):
    """The offerings in waves: each wave (a tuple of ids, sorted) needs only earlier waves.

    ``waves[0]`` is the first wave; the table has one row per offering with its wave number.
    """

    waves: tuple[tuple[str, ...], ...]
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = ("wave", "offering", "offering_name")

    def _items(self) -> tuple[tuple[str, ...], ...]:
        return self.waves

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per offering: its ``wave`` (1 first) and id."""
        return (
            {"wave": n, "offering": o} for n, wave in enumerate(self.waves, start=1) for o in wave
        )

    def __repr__(self) -> str:
        first = ", ".join(self.waves[0]) if self.waves else ""
        return summary(
            self,
            plural(len(self.waves), "wave"),
            plural(sum(map(len, self.waves)), "offering"),
            f"first: {first}" if first else "",
        )
