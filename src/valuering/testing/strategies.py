"""Hypothesis strategies for valuering models, for our tests and for anyone extending valuering.

Needs the ``testing`` extra (``pip install 'valuering[testing]'``). Every model drawn from :func:`pmos` is
valid against its catalog: ids are unique, references resolve and dependencies form no cycle.

>>> from hypothesis import given
>>> from valuering import validate
>>> from valuering.testing.strategies import pmos
>>> @given(pmos())
... def test_generated_models_validate(pmo):
...     validate(pmo)
>>> test_generated_models_validate()
"""

from __future__ import annotations

import datetime
import string
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from valuering.catalog import Catalog, pmi_2025
from valuering.model import (
    PMO,
    Assessment,
    Competence,
    Customer,
    DeliveryModel,
    Direction,
    Domain,
    Expectation,
    FlywheelStep,
    Horizon,
    Indicator,
    IndicatorLayer,
    OrganizationalBaseline,
    OrganizationalStrategy,
    Outcome,
    Scenario,
    ServiceApproach,
    ServiceCategory,
    ServiceDefinition,
    ServiceLevel,
    ServiceOffering,
    Stage,
    StrategicObjective,
    TeamMember,
)
from valuering.scoring import self_assessment

__all__ = [
    "assessments",
    "catalog_services",
    "competence_definitions",
    "customers",
    "expectations",
    "extra_data",
    "ids",
    "names",
    "offerings",
    "outcome_definitions",
    "outcomes",
    "pmos",
    "service_definitions",
]


def ids() -> st.SearchStrategy[str]:
    """Kebab-case ids such as ``"ab"``, ``"x1-y"``.

    >>> from hypothesis import find
    >>> from valuering.model._checks import is_kebab_id
    >>> is_kebab_id(find(ids(), lambda ident: "-" in ident))
    True
    """
    return st.from_regex(r"[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)


def names() -> st.SearchStrategy[str]:
    """Display names: non-blank text, including accents, quotes and other characters files must escape.

    >>> from hypothesis import find
    >>> find(names(), lambda name: '"' in name).strip() != ""
    True
    """
    alphabet = st.characters(exclude_categories=["Cs"])  # lone surrogates cannot be encoded
    return st.text(alphabet, min_size=1, max_size=30).filter(lambda s: s.strip() != "")


def _weights() -> st.SearchStrategy[float]:
    return st.floats(min_value=0.01, max_value=1000, allow_nan=False, allow_infinity=False)


def _catalog(catalog: Catalog | None) -> Catalog:
    return catalog if catalog is not None else pmi_2025()


def outcomes(catalog: Catalog | None = None) -> st.SearchStrategy[str]:
    """Outcome ids of the catalog (default: PMI 2025).

    >>> from hypothesis import find
    >>> find(outcomes(), lambda o: "roi" in o or "return" in o)
    'higher-return-on-investment'
    """
    return st.sampled_from(sorted(_catalog(catalog).outcomes))


def catalog_services(catalog: Catalog | None = None) -> st.SearchStrategy[str]:
    """Service ids of the catalog (default: PMI 2025).

    >>> from hypothesis import find
    >>> find(catalog_services(), lambda s: s.startswith("portfolio"))
    'portfolio-management'
    """
    return st.sampled_from(sorted(_catalog(catalog).services))


def extra_data() -> st.SearchStrategy[dict[str, Any]]:
    """Free-form ``extra`` tables as consultants write them (no nulls: TOML cannot hold them).

    >>> from hypothesis import find
    >>> isinstance(find(extra_data(), lambda table: len(table) > 0), dict)
    True
    """
    leaves = (
        st.text(max_size=10)
        | st.integers(min_value=-(2**53), max_value=2**53)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.booleans()
    )
    keys = st.text(string.ascii_lowercase + "-_", min_size=1, max_size=8)
    values = st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
        max_leaves=6,
    )
    return st.dictionaries(keys, values, max_size=3)


def expectations(catalog: Catalog | None = None) -> st.SearchStrategy[tuple[Expectation, ...]]:
    """A customer's expectations: distinct outcomes, positive priorities.

    >>> from hypothesis import find
    >>> chosen = find(expectations(), lambda es: len(es) >= 3)
    >>> len({e.outcome for e in chosen}) == len(chosen) and all(e.priority > 0 for e in chosen)
    True
    """
    return st.lists(outcomes(catalog), min_size=1, max_size=5, unique=True).flatmap(
        lambda chosen: st.tuples(
            *(st.builds(Expectation, outcome=st.just(o), priority=_weights()) for o in chosen)
        )
    )


@st.composite
def customers(
    draw: st.DrawFn, catalog: Catalog | None = None, *, customer_ids: Sequence[str] | None = None
) -> tuple[Customer, ...]:
    """Customers with unique ids, catalog groups and expectations.

    >>> from hypothesis import find
    >>> drawn = find(customers(), lambda cs: len(cs) >= 2)
    >>> len({c.id for c in drawn}) == len(drawn)
    True
    """
    cat = _catalog(catalog)
    chosen = customer_ids or draw(st.lists(ids(), min_size=1, max_size=6, unique=True))
    return tuple(
        Customer(
            id=cid,
            name=draw(names()),
            group=draw(st.sampled_from(sorted(cat.customer_groups))),
            weight=draw(_weights()),
            stage=draw(st.none() | st.sampled_from(Stage)),
            expectations=draw(expectations(cat)),
        )
        for cid in chosen
    )


@st.composite
def offerings(
    draw: st.DrawFn, catalog: Catalog | None = None, *, min_size: int = 1, max_size: int = 8
) -> tuple[ServiceOffering, ...]:
    """Offerings with unique ids and acyclic dependencies (each depends only on earlier ones).

    >>> from hypothesis import find
    >>> from valuering.validation import dependency_cycles
    >>> drawn = find(offerings(), lambda os: sum(len(o.depends_on) for o in os) >= 2)
    >>> dependency_cycles(drawn)
    []
    """
    cat = _catalog(catalog)
    offering_ids = draw(st.lists(ids(), min_size=min_size, max_size=max_size, unique=True))
    groups = sorted(cat.customer_groups)
    result = []
    for index, oid in enumerate(offering_ids):
        maturity = draw(st.integers(1, 5))
        earlier = offering_ids[:index]
        depends_on = (
            draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3)) if earlier else []
        )
        result.append(
            ServiceOffering(
                id=oid,
                service=draw(catalog_services(cat)),
                maturity=maturity,
                target=draw(st.none() | st.integers(1, 5)),
                depends_on=tuple(depends_on),
                step=draw(st.none() | st.sampled_from(FlywheelStep)),
                approach=draw(
                    st.dictionaries(
                        st.sampled_from(groups), st.sampled_from(ServiceApproach), max_size=2
                    )
                ),
                delivery=draw(st.none() | st.sampled_from(DeliveryModel)),
                slas=tuple(
                    ServiceLevel(
                        id=sid,
                        metric=draw(names()),
                        target=draw(st.floats(0, 1000, allow_nan=False)),
                        direction=draw(st.sampled_from(Direction)),
                        actual=draw(st.none() | st.floats(0, 1000, allow_nan=False)),
                    )
                    for sid in draw(st.lists(ids(), unique=True, max_size=2))
                ),
                extra=draw(extra_data()),
            )
        )
    # Shuffle the file order so nothing relies on prerequisites coming first.
    return tuple(draw(st.permutations(result)))


@st.composite
def pmos(
    draw: st.DrawFn,
    catalog: Catalog | None = None,
    *,
    min_customers: int = 1,
    max_customers: int = 6,
    max_offerings: int = 8,
) -> PMO:
    """Whole PMO models that pass :func:`valuering.validate` against ``catalog`` (default PMI 2025).

    >>> from hypothesis import find
    >>> from valuering import validate
    >>> pmo = find(pmos(), lambda p: len(p.offerings) >= 2)
    >>> validate(pmo) is pmo
    True
    """
    cat = _catalog(catalog)
    # Objectives, customers, offerings and outcomes share the value graph, so their ids must differ.
    chosen_offerings = draw(offerings(cat, min_size=0, max_size=max_offerings))
    offering_ids = [o.id for o in chosen_offerings]
    taken = set(offering_ids) | set(cat.outcomes)
    customer_ids = draw(
        st.lists(
            ids().filter(lambda i: i not in taken),
            min_size=min_customers,
            max_size=max_customers,
            unique=True,
        )
    )
    taken |= set(customer_ids)
    member_ids = draw(st.lists(ids(), unique=True, max_size=3))
    competences = sorted(cat.competences)
    team = tuple(
        TeamMember(
            id=mid,
            name=draw(names()),
            proficiency=draw(
                st.dictionaries(st.sampled_from(competences), st.integers(1, 5), max_size=4)
            ),
            offerings=tuple(draw(st.lists(st.sampled_from(offering_ids), unique=True, max_size=3)))
            if offering_ids
            else (),
        )
        for mid in member_ids
    )
    subjects = sorted(set(offering_ids) | set(cat.outcomes))
    indicators = tuple(
        Indicator(
            id=iid,
            name=draw(names()),
            layer=draw(st.sampled_from(IndicatorLayer)),
            subject=draw(st.sampled_from(subjects)),
            target=draw(st.floats(0.1, 1000, allow_nan=False)),
            direction=draw(st.sampled_from(Direction)),
            actual=draw(st.none() | st.floats(0, 1000, allow_nan=False)),
            weight=draw(_weights()),
        )
        for iid in draw(st.lists(ids(), unique=True, max_size=3))
    )
    objectives = tuple(
        StrategicObjective(
            id=oid,
            name=draw(names()),
            weight=draw(_weights()),
            outcomes=tuple(draw(st.lists(outcomes(cat), unique=True, max_size=3))),
        )
        for oid in draw(st.lists(ids().filter(lambda i: i not in taken), unique=True, max_size=3))
    )
    return PMO(
        id=draw(ids()),
        name=draw(names()),
        catalog=cat.name,
        baseline=OrganizationalBaseline(strategy=OrganizationalStrategy(objectives=objectives)),
        customers=draw(customers(cat, customer_ids=customer_ids)),
        offerings=chosen_offerings,
        team=team,
        indicators=indicators,
        as_of=draw(st.none() | st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 12, 31))),
        assessments=draw(st.lists(assessments(), max_size=2, unique_by=lambda a: (a.step, a.date))),
        scenario=draw(st.none() | st.sampled_from(Scenario)),
        extra=draw(extra_data()),
    )


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    """Self-assessments of one flywheel step with five ratings for every section of its instrument.

    >>> from hypothesis import find
    >>> len(find(assessments(), lambda a: True).ratings) >= 4
    True
    """
    step = draw(st.sampled_from(FlywheelStep))
    ratings = st.lists(st.integers(1, 5), min_size=5, max_size=5)
    return Assessment(
        step=step,
        date=draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 12, 31))),
        respondent=draw(st.just("") | names()),
        ratings={section.id: draw(ratings) for section in self_assessment(step).sections},
    )


def outcome_definitions() -> st.SearchStrategy[Outcome]:
    """New catalog outcomes, as a consultant would add them.

    >>> from hypothesis import find
    >>> type(find(outcome_definitions(), lambda o: True)).__name__
    'Outcome'
    """
    return st.builds(
        Outcome,
        id=ids(),
        name=names(),
        horizon=st.sampled_from(Horizon),
        number=st.none() | st.integers(1, 500),
        description=st.text(max_size=40),
    )


def competence_definitions() -> st.SearchStrategy[Competence]:
    """New catalog competences.

    >>> from hypothesis import find
    >>> type(find(competence_definitions(), lambda c: True)).__name__
    'Competence'
    """
    return st.builds(Competence, id=ids(), name=names(), number=st.none() | st.integers(1, 500))


def service_definitions(catalog: Catalog | None = None) -> st.SearchStrategy[ServiceDefinition]:
    """New catalog services whose outcomes and competences exist in ``catalog``, with strengths in [0, 1].

    >>> from hypothesis import find
    >>> from valuering.catalog import pmi_2025
    >>> service = find(service_definitions(), lambda s: len(s.outcomes) >= 2)
    >>> set(service.outcomes) <= set(pmi_2025().outcomes)
    True
    """
    cat = _catalog(catalog)
    return st.builds(
        ServiceDefinition,
        id=ids(),
        name=names(),
        category=st.sampled_from(ServiceCategory),
        level_names=st.lists(names(), min_size=5, max_size=5).map(tuple),
        domains=st.frozensets(st.sampled_from(Domain)),
        outcomes=st.dictionaries(outcomes(cat), st.floats(0, 1), max_size=4),
        competences=st.frozensets(st.sampled_from(sorted(cat.competences)), max_size=4),
        number=st.none() | st.integers(100, 500),
    )
