"""Generated models of any size, for benchmarks and tests of large PMOs.

>>> from valuering.testing.models import large_pmo
>>> pmo = large_pmo(60, customers=10, indicators=5)
>>> len(pmo.offerings), len(pmo.customers), len(pmo.indicators), pmo.offerings[1].depends_on
(60, 10, 5, ('o00',))
"""

from __future__ import annotations

import random

from valuering.catalog import Catalog, pmi_2025
from valuering.model import (
    PMO,
    Customer,
    Expectation,
    FlywheelStep,
    Indicator,
    IndicatorLayer,
    OrganizationalBaseline,
    OrganizationalStrategy,
    ServiceOffering,
    StrategicObjective,
)

__all__ = ["large_pmo", "random_dag_pmo", "two_customers"]


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


def random_dag_pmo(
    offerings: int,
    *,
    customers: int = 100,
    prerequisites: int = 3,
    objectives: int = 10,
    catalog: Catalog | None = None,
    seed: int = 7,
) -> PMO:
    """A valid PMO whose ``offerings`` offerings form a random dependency DAG: each offering needs
    up to ``prerequisites`` offerings drawn from all those before it (the first ones fewer), so most
    offerings reach most later ones. ``customers`` customers expect five outcomes each, with weights
    and priorities drawn at random, and ``objectives`` strategic objectives name three outcomes each.
    Services and outcomes come from ``catalog`` (the PMI catalog by default). The same arguments give
    the same model.

    >>> pmo = random_dag_pmo(50, customers=20)
    >>> len(pmo.offerings), len(pmo.customers), pmo.offerings[3].depends_on
    (50, 20, ('o00', 'o01', 'o02'))
    """
    catalog = catalog or pmi_2025()
    services, outcomes = sorted(catalog.services), sorted(catalog.outcomes)
    groups = sorted(catalog.customer_groups)
    rng = random.Random(seed)
    width = len(str(max(offerings - 1, 1)))
    ids = [f"o{i:0{width}d}" for i in range(offerings)]
    return PMO(
        id="random-dag",
        name=f"Random PMO of {offerings} offerings",
        offerings=[
            ServiceOffering(
                id=ids[i],
                service=rng.choice(services),
                maturity=rng.randint(1, 5),
                depends_on=[ids[d] for d in sorted(rng.sample(range(i), min(i, prerequisites)))],
            )
            for i in range(offerings)
        ],
        customers=[
            Customer(
                id=f"c{i:06d}",
                name=f"Customer {i}",
                group=rng.choice(groups),
                weight=rng.uniform(0.5, 5.0),
                expectations=[
                    Expectation(outcome=o, priority=float(rng.randint(1, 5)))
                    for o in rng.sample(outcomes, min(5, len(outcomes)))
                ],
            )
            for i in range(customers)
        ],
        baseline=OrganizationalBaseline(
            strategy=OrganizationalStrategy(
                objectives=[
                    StrategicObjective(
                        id=f"objective-{i}",
                        name=f"Objective {i}",
                        outcomes=rng.sample(outcomes, min(3, len(outcomes))),
                    )
                    for i in range(objectives)
                ]
            )
        ),
    )


ROI, SUCCESS = "higher-return-on-investment", "improved-success-rates"


def two_customers() -> tuple[Customer, Customer]:
    """The two customers of the worked example in docs/design.md: a CFO (weight 3) expecting a
    higher return on investment, and project managers (weight 1) splitting their voice 1 : 3 between
    that and improved success rates; so D_roi = 0.8125 and D_success = 0.1875.

    >>> from valuering import PMO, outcome_demand
    >>> dict(outcome_demand(PMO(id="p", name="P", customers=two_customers())))
    {'higher-return-on-investment': 0.8125, 'improved-success-rates': 0.1875}
    """
    return (
        Customer(
            id="cfo",
            name="CFO",
            group="executives-and-senior-management",
            weight=3,
            expectations=[Expectation(outcome=ROI)],
        ),
        Customer(
            id="pm",
            name="Project managers",
            group="project-managers",
            expectations=[
                Expectation(outcome=ROI, priority=1),
                Expectation(outcome=SUCCESS, priority=3),
            ],
        ),
    )
