"""The frozen results of value tracing: attribution, traces, impacts, contributors, weakest links.

Parts that can be large (every customer behind an outcome, every offering lost with another) are
kept as shared tables and bitsets, and turned into tuples only when read, so a trace or an impact
for each of thousands of offerings stays cheap.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

import attrs

from valuering._tables import Tabular

__all__ = [
    "Attribution",
    "Contributor",
    "Contributors",
    "EffectiveMaturity",
    "Impact",
    "OutcomeLoss",
    "TracedOutcome",
    "ValueTrace",
]


def _pct(fraction: float) -> str:
    return f"{fraction * 100:.1f} %"


@attrs.frozen(eq=False)
class _Shared:
    """Tables shared by every trace and impact of one analysis (never compared, never printed)."""

    order: tuple[str, ...]  # offering ids in delivery order: bit i of a bitset is order[i]
    # outcome -> (customers, their W_c * P_{c,o}), as two columns
    expected_by: Mapping[str, tuple[Sequence[str], Sequence[float]]]

    def expecting(self, outcome: str) -> Iterator[tuple[str, float]]:
        """(customer, share) for each customer expecting ``outcome``."""
        customers, shares = self.expected_by.get(outcome, ((), ()))
        return zip(customers, shares, strict=True)

    def ids(self, bits: int) -> tuple[str, ...]:
        """The offering ids whose bits are set, in delivery order."""
        if not bits:
            return ()
        lowest_first = bin(bits)[:1:-1]
        return tuple(itertools.compress(self.order, map("1".__eq__, lowest_first)))


@attrs.frozen(repr=False)
class Attribution(Mapping[str, float], Tabular):
    """Each offering's attributed share of the demand (DESIGN, semantics 7), largest first.

    Read it like a dict: ``attribution["reporting"]``. ``by_outcome[offering]`` splits an offering's
    share by outcome; ``total`` is the sum of the shares (the coverage, with a binary catalog).
    """

    shares: Mapping[str, float] = attrs.field(hash=False)
    by_outcome: Mapping[str, Mapping[str, float]] = attrs.field(hash=False)
    _columns = ("offering", "share")

    def __getitem__(self, offering: str) -> float:
        return self.shares[offering]

    def __iter__(self) -> Iterator[str]:
        return iter(self.shares)

    def __len__(self) -> int:
        return len(self.shares)

    @property
    def total(self) -> float:
        """The sum of the offerings' shares."""
        return math.fsum(self.shares.values())

    def to_records(self) -> list[dict[str, Any]]:
        """One row per offering: ``offering``, ``share``."""
        return [{"offering": o, "share": s} for o, s in self.shares.items()]

    def __repr__(self) -> str:
        top = ", ".join(f"{o}: {_pct(s)}" for o, s in itertools.islice(self.shares.items(), 3))
        more = ", ..." if len(self.shares) > 3 else ""
        return (
            f"<Attribution of {len(self.shares)} offerings, total {_pct(self.total)}: {top}{more}>"
        )


@attrs.frozen
class TracedOutcome:
    """An outcome an offering serves: its demand D_o, the strength M_{o,s} and the offering's share."""

    outcome: str
    demand: float
    strength: float
    share: float


@attrs.frozen(repr=False)
class ValueTrace(Tabular):
    """What one offering creates and for whom (DESIGN, semantics 7).

    ``outcomes`` are the outcomes it serves, most demanded first; ``share`` is its attributed share of
    the demand; ``objectives`` the strategic objectives those outcomes support; ``direct_dependents``
    the offerings that list it as a prerequisite and ``dependents`` every offering that needs it,
    directly or not (both in delivery order); ``customers`` who expect its outcomes.
    """

    offering: str
    service: str
    share: float
    outcomes: tuple[TracedOutcome, ...]
    objectives: tuple[str, ...]
    direct_dependents: tuple[str, ...]
    _dependent_bits: int = attrs.field(alias="dependent_bits")
    _shared: _Shared = attrs.field(alias="shared", eq=False)
    _columns = ("offering", "outcome", "demand", "strength", "share")

    @property
    def dependents(self) -> tuple[str, ...]:
        """Every offering that depends on this one, directly or through others, in delivery order."""
        return self._shared.ids(self._dependent_bits)

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

    def to_records(self) -> list[dict[str, Any]]:
        """One row per outcome served: ``offering``, ``outcome``, ``demand``, ``strength``, ``share``."""
        return [
            {
                "offering": self.offering,
                "outcome": t.outcome,
                "demand": t.demand,
                "strength": t.strength,
                "share": t.share,
            }
            for t in self.outcomes
        ]

    def __repr__(self) -> str:
        return (
            f"<ValueTrace {self.offering!r}: share {_pct(self.share)}, {len(self.outcomes)} outcomes, "
            f"{len(self.objectives)} objectives, {self._dependent_bits.bit_count()} dependents>"
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
class Impact(Tabular):
    """What breaks if an offering fails (DESIGN, semantics 7).

    ``lost`` is the offering and every offering that depends on it, directly or not (delivery
    order); ``outcomes`` the outcomes whose coverage drops, largest loss first; ``customers`` the
    customers expecting them; ``demand_at_risk`` = coverage before minus coverage after.
    """

    offering: str
    demand_at_risk: float
    coverage_before: float
    coverage_after: float
    outcomes: tuple[OutcomeLoss, ...]
    _lost_bits: int = attrs.field(alias="lost_bits")
    _shared: _Shared = attrs.field(alias="shared", eq=False)
    _columns = ("offering", "outcome", "demand", "covered_before", "covered_after", "demand_lost")

    @property
    def lost(self) -> tuple[str, ...]:
        """The offerings that drop out: this one and all that depend on it, in delivery order."""
        return self._shared.ids(self._lost_bits)

    @property
    def customers(self) -> tuple[str, ...]:
        """The customers who expect an outcome whose coverage drops, sorted by id."""
        expected_by = self._shared.expected_by
        return tuple(
            sorted({c for loss in self.outcomes for c in expected_by.get(loss.outcome, ((),))[0]})
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One row per outcome whose coverage drops."""
        return [
            {
                "offering": self.offering,
                "outcome": loss.outcome,
                "demand": loss.demand,
                "covered_before": loss.covered_before,
                "covered_after": loss.covered_after,
                "demand_lost": loss.demand_lost,
            }
            for loss in self.outcomes
        ]

    def __repr__(self) -> str:
        return (
            f"<Impact of losing {self.offering!r}: {self._lost_bits.bit_count()} offerings lost, "
            f"{len(self.outcomes)} outcomes drop, demand at risk {_pct(self.demand_at_risk)}>"
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
class Contributors(Sequence[Contributor], Tabular):
    """The offerings behind one outcome or objective, largest ``share + enabled_share`` first.

    ``kind`` is ``"outcome"`` or ``"objective"``; ``demand`` is the node's demand (D_o, or the sum of
    D_o over the objective's outcomes).
    """

    node: str
    kind: str
    demand: float
    contributors: tuple[Contributor, ...]
    _columns = ("node", "offering", "direct", "share", "enabled_share", "enables")

    @overload
    def __getitem__(self, index: int) -> Contributor: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Contributor]: ...

    def __getitem__(self, index: int | slice) -> Contributor | Sequence[Contributor]:
        return self.contributors[index]

    def __len__(self) -> int:
        return len(self.contributors)

    def to_records(self) -> list[dict[str, Any]]:
        """One row per contributing offering; ``enables`` is a comma-separated list."""
        return [
            {
                "node": self.node,
                "offering": c.offering,
                "direct": c.direct,
                "share": c.share,
                "enabled_share": c.enabled_share,
                "enables": ", ".join(c.enables),
            }
            for c in self.contributors
        ]

    def __repr__(self) -> str:
        direct = sum(c.direct for c in self.contributors)
        return (
            f"<Contributors to {self.kind} {self.node!r} (demand {_pct(self.demand)}): "
            f"{direct} serve it, {len(self.contributors) - direct} enable them>"
        )


@attrs.frozen(repr=False)
class EffectiveMaturity(Mapping[str, int], Tabular):
    """Weakest-link maturity per offering: e_s = min(m_s, e_d for every prerequisite d).

    Read it like a dict; ``held_by[s]`` is the offering whose own maturity sets e_s (s itself when
    no prerequisite holds it down); ``maturity[s]`` is m_s.
    """

    levels: Mapping[str, int] = attrs.field(hash=False)
    maturity: Mapping[str, int] = attrs.field(hash=False)
    held_by: Mapping[str, str] = attrs.field(hash=False)
    _columns = ("offering", "maturity", "effective", "held_by")

    def __getitem__(self, offering: str) -> int:
        return self.levels[offering]

    def __iter__(self) -> Iterator[str]:
        return iter(self.levels)

    def __len__(self) -> int:
        return len(self.levels)

    def to_records(self) -> list[dict[str, Any]]:
        """One row per offering (in delivery order): maturity, effective level, held by."""
        return [
            {
                "offering": o,
                "maturity": self.maturity[o],
                "effective": e,
                "held_by": self.held_by[o],
            }
            for o, e in self.levels.items()
        ]

    def __repr__(self) -> str:
        held = sorted(o for o in self.levels if self.levels[o] < self.maturity[o])
        return f"<EffectiveMaturity of {len(self.levels)} offerings; held down: {', '.join(held) or 'none'}>"
