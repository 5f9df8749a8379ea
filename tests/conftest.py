"""Shared test configuration: hypothesis profiles and fixtures used by several test modules.

The profile comes from ``VALUERING_HYPOTHESIS_PROFILE`` (or, when that is unset, the older
``HYPOTHESIS_PROFILE``): ``ci``, the default, is what plain ``pytest`` and CI run; ``dev`` runs few
examples for quick local runs; ``thorough`` runs many more (docs/design.md, "Running the tests").
"""

import os

import pytest
from hypothesis import HealthCheck, settings

from valuering import Customer, Expectation

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", settings.get_profile("ci"), max_examples=10)
settings.register_profile("thorough", settings.get_profile("ci"), max_examples=500)
settings.register_profile("default", settings.get_profile("ci"))  # the name "ci" had before
settings.load_profile(
    os.environ.get("VALUERING_HYPOTHESIS_PROFILE") or os.environ.get("HYPOTHESIS_PROFILE") or "ci"
)


@pytest.fixture
def two_customers() -> tuple[Customer, Customer]:
    """Two customers whose demand is worked out by hand in the scoring tests.

    A (weight 3): prioritisation 2, ROI 2 -> P = 1/2, 1/2. B (weight 1): success rates 1,
    decision-making 3 -> P = 1/4, 3/4. W_A = 3/4, W_B = 1/4, so D = prioritisation 3/8 (medium horizon),
    ROI 3/8 (long), success rates 1/16 (medium-long), decision-making 3/16 (short-medium); sum 1.
    """
    return (
        Customer(
            id="a",
            name="A",
            group="executives-and-senior-management",
            weight=3,
            expectations=(
                Expectation(outcome="better-project-prioritization", priority=2),
                Expectation(outcome="higher-return-on-investment", priority=2),
            ),
        ),
        Customer(
            id="b",
            name="B",
            group="project-managers",
            expectations=(
                Expectation(outcome="improved-success-rates", priority=1),
                Expectation(outcome="enhanced-decision-making", priority=3),
            ),
        ),
    )
