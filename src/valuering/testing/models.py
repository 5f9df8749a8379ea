"""Generated models of any size, for benchmarks and tests of large PMOs.

>>> from valuering.testing.models import large_pmo
>>> pmo = large_pmo(60, customers=10, indicators=5)
>>> len(pmo.offerings), len(pmo.customers), len(pmo.indicators), pmo.offerings[1].depends_on
(60, 10, 5, ('o00',))
"""

from __future__ import annotations

import random

from valuering.catalog import pmi_2025
from valuering.model import (
    PMO,
    Customer,
    Expectation,
    FlywheelStep,
    Indicator,
    IndicatorLayer,
    ServiceOffering,
)

__all__ = ["large_pmo"]


def large_pmo(offerings: int, *, customers: int = 100, indicators: int = 30, seed: int = 12) -> PMO:
    """A valid PMO with ``offerings`` offerings over the PMI catalog's services, in programmes of 20
    that mostly depend on the offering before them; ``customers`` customers with four expectations
    each and ``indicators`` service-delivery indicators on the first offerings. The same arguments
    give the same model.
    """
    catalog = pmi_2025()
    services, outcomes = sorted(catalog.services), sorted(catalog.outcomes)
    groups, steps = sorted(catalog.customer_groups), list(FlywheelStep)
    rng = random.Random(seed)
    width = len(str(max(offerings - 1, 1)))
    ids = [f"o{i:0{width}d}" for i in range(offerings)]
    return PMO(
        id="large",
        name=f"Large PMO of {offerings} offerings",
        offerings=[
            ServiceOffering(
                id=ids[i],
                service=services[i % len(services)],
                name=f"Offering {i}",
                maturity=rng.randint(1, 4),
                target=5,
                step=rng.choice(steps),
                depends_on=[ids[i - 1]] if i % 20 and rng.random() < 0.7 else [],
            )
            for i in range(offerings)
        ],
        customers=[
            Customer(
                id=f"c{i:03d}",
                name=f"Customer {i}",
                group=rng.choice(groups),
                weight=rng.randint(1, 5),
                expectations=[Expectation(outcome=o) for o in rng.sample(outcomes, 4)],
            )
            for i in range(customers)
        ],
        indicators=[
            Indicator(
                id=f"i{i:02d}",
                name=f"Indicator {i}",
                layer=IndicatorLayer.SERVICE_DELIVERY,
                subject=ids[i],
                target=100,
                actual=rng.randint(50, 120),
            )
            for i in range(min(indicators, offerings))
        ],
    )
