"""Horizon balance and the greedy smallest mix, computed by hand."""

from __future__ import annotations

import pytest

from valuering import PMO, Customer, ServiceOffering, horizon_balance, smallest_mix
from valuering.errors import ValidationError


@pytest.fixture
def pmo(two_customers: tuple[Customer, ...]) -> PMO:
    """D: prioritisation (medium) 3/8, ROI (long) 3/8, success rates (medium-long) 1/16,
    decision-making (short-medium) 3/16 (see ``two_customers`` in conftest)."""
    return PMO(
        id="p",
        name="P",
        customers=two_customers,
        offerings=(
            ServiceOffering(id="pfm", service="portfolio-management", maturity=2),
            ServiceOffering(id="reporting", service="data-analytics-and-reporting", maturity=2),
        ),
    )


def test_horizon_balance_by_hand(pmo: PMO) -> None:
    balance = horizon_balance(pmo)
    # portfolio management covers prioritisation and ROI, reporting covers decision-making.
    rows = {r["horizon"]: (r["demand"], r["covered"], r["share"]) for r in balance.to_records()}
    assert rows["short"] == (0.0, 0.0, 0.0)
    assert rows["short-medium"] == pytest.approx((0.1875, 0.1875, 0.2))  # 3/16 of 15/16
    assert rows["medium"] == pytest.approx((0.375, 0.375, 0.4))
    assert rows["medium-long"] == pytest.approx((0.0625, 0.0, 0.0))
    assert rows["long"] == pytest.approx((0.375, 0.375, 0.4))
    assert balance.total == pytest.approx(0.9375)
    assert not balance.missing_short
    assert not balance.missing_long
    assert balance.warnings == ()


def test_horizon_balance_flags_missing_long_term_value(pmo: PMO) -> None:
    balance = horizon_balance(pmo, ["reporting"])
    assert balance["short-medium"].share == 1.0
    assert balance.missing_long
    assert not balance.missing_short
    assert "long-term" in balance.warnings[0]
    assert "no long-term value" in repr(balance)


def test_horizon_balance_flags_missing_short_term_value(pmo: PMO) -> None:
    balance = horizon_balance(pmo, ["pfm"])
    assert balance.missing_short
    assert not balance.missing_long


def test_horizon_balance_with_nothing_covered(pmo: PMO) -> None:
    balance = horizon_balance(pmo, [])
    assert balance.total == 0.0
    assert balance.missing_short
    assert balance.missing_long
    assert {h.share for h in balance.values()} == {0.0}
    assert list(balance) == ["short", "short-medium", "medium", "medium-long", "long"]


def test_smallest_mix_by_hand(pmo: PMO) -> None:
    mix = smallest_mix(pmo, target=0.8)
    # Step 1: S2 and S6 both gain 3/8 + 3/8 = 0.75; S2 has the lower catalog number.
    # Step 2: decision-making (3/16) is the largest uncovered demand; S1 is the first service for it.
    assert [(s.service, s.gain, s.coverage) for s in mix] == [
        ("benefits-realization-management", 0.75, 0.75),
        ("advice-to-executive-level", 0.1875, 0.9375),
    ]
    assert mix.reached
    assert mix.coverage == 0.9375
    assert mix.services == ("benefits-realization-management", "advice-to-executive-level")


def test_smallest_mix_full_target(pmo: PMO) -> None:
    mix = smallest_mix(pmo, target=1.0)
    # Step 3: success rates (1/16); S5 is the first service that serves it.
    assert mix.services[-1] == "organizational-change-management"
    assert mix.coverage == pytest.approx(1.0)
    assert mix.reached
    assert len(mix.to_frame()) == 3


def test_smallest_mix_without_demand_does_not_reach() -> None:
    mix = smallest_mix(PMO(id="e", name="E"))
    assert mix.steps == ()
    assert not mix.reached
    assert "not reached" in repr(mix)


@pytest.mark.parametrize("target", [0, -0.1, 1.5, "0.8", True])
def test_smallest_mix_rejects_bad_targets(pmo: PMO, target: object) -> None:
    with pytest.raises(ValidationError, match=r"target: .* is not a coverage in"):
        smallest_mix(pmo, target=target)  # type: ignore[arg-type]


def test_unknown_horizon_is_a_validation_error(pmo: PMO) -> None:
    with pytest.raises(
        ValidationError, match=r"horizon: 'later' is not a Horizon \(one of 'short'"
    ):
        horizon_balance(pmo)["later"]
