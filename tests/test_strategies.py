"""The public strategies draw valid models, and injected faults are all reported by validate."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuering import PMO, Outcome, ServiceDefinition, ServiceOffering, ValidationError, validate
from valuering.catalog import pmi_2025
from valuering.testing.strategies import outcome_definitions, pmos, service_definitions


@given(pmos())
def test_every_generated_model_validates(pmo: PMO) -> None:
    assert validate(pmo) is pmo


@given(st.from_type(PMO))
def test_the_hypothesis_plugin_registers_pmo(pmo: PMO) -> None:
    validate(pmo)


@given(
    st.lists(service_definitions(), max_size=3, unique_by=lambda s: s.id),
    st.lists(outcome_definitions(), max_size=3, unique_by=lambda o: o.id),
)
def test_generated_catalog_entries_extend_the_catalog(
    services: list[ServiceDefinition], outcomes: list[Outcome]
) -> None:
    catalog = pmi_2025()
    services = [s for s in services if s.id not in catalog.services]
    outcomes = [o for o in outcomes if o.id not in catalog.outcomes]
    extended = catalog.extend(services=services, outcomes=outcomes, name="mine")
    assert len(extended.services) == 26 + len(services)
    assert len(extended.outcomes) == 30 + len(outcomes)


def _inject_faults(pmo: PMO, data: st.DataObject) -> tuple[PMO, set[str]]:
    """Add an unknown service, an unknown outcome, a duplicate id and a cycle; return the expected paths."""
    n = len(pmo.offerings)
    a, b = f"zz-cycle-a{n}", f"zz-cycle-b{n}"
    extra = (
        ServiceOffering(id=a, service="portfolio-managment", maturity=2, depends_on=(b,)),
        ServiceOffering(id=b, service="risk-management", maturity=2, depends_on=(a,)),
    )
    offerings = pmo.offerings + extra
    expected = {f"offerings[{n}].service", f"offerings[{n}].depends_on"}
    customers = pmo.customers
    first = customers[0]
    bad = attrs.evolve(first.expectations[0], outcome="better-everything")
    customers = (attrs.evolve(first, expectations=(bad, *first.expectations[1:])), *customers[1:])
    expected.add("customers[0].expectations[0].outcome")
    if data.draw(st.booleans()):
        customers = (*customers, attrs.evolve(customers[0], expectations=first.expectations))
        expected.add(f"customers[{len(customers) - 1}].id")
    return attrs.evolve(pmo, offerings=offerings, customers=customers), expected


@given(pmos(), st.data())
def test_injected_faults_are_all_reported(pmo: PMO, data: st.DataObject) -> None:
    broken, expected = _inject_faults(pmo, data)
    with pytest.raises(ValidationError) as caught:
        validate(broken)
    reported = {p.path for p in caught.value.problems}
    assert expected <= reported


def test_strategies_import_first_in_a_fresh_interpreter() -> None:
    # Hypothesis runs its plugins while it is imported; importing our strategies module first must not
    # trip over its own plugin hook.
    import subprocess
    import sys

    code = "from valuering.testing.strategies import pmos; print(type(pmos().example()).__name__)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "PMO"
