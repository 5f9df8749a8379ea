"""Cross-reference checks of a PMO model against its catalog, every problem reported at once.

>>> from valuering import PMO, ServiceOffering, validate
>>> pmo = PMO(id="demo", name="Demo PMO", offerings=(
...     ServiceOffering(id="reporting", service="data-analytics-and-reporting", maturity=3,
...                     depends_on=("tooling",)),
...     ServiceOffering(id="tooling", service="systems-and-tool-management", maturity=2,
...                     depends_on=("reporting",)),
... ))
>>> validate(pmo)
Traceback (most recent call last):
...
valuering.errors.ValidationError: 2 problems:
  offerings[0].depends_on: dependency cycle: reporting -> tooling -> reporting (each depends on the next)
  offerings[1].service: unknown service id 'systems-and-tool-management'; did you mean 'systems-and-tools-management'?
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import threading
import tomllib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from importlib import resources
from types import MappingProxyType
from typing import Any, TypeVar, cast

import attrs
import networkx as nx

from valuering._collector import collector_paused
from valuering.catalog import Catalog, get_catalog
from valuering.errors import (
    Problem,
    UnknownIdError,
    ValidationError,
    did_you_mean,
    sort_problems,
)
from valuering.model import PMO, Customer, FlywheelStep, ServiceOffering

STATEMENTS_PER_SECTION = 5  # as in the scoring layer's instruments

__all__ = [
    "bind_catalog",
    "bound_catalog",
    "catalog_for",
    "dependency_cycles",
    "dependency_order",
    "expected_shares",
    "find_problems",
    "sound",
    "validate",
]


T = TypeVar("T")


@attrs.define
class _Record:
    """What valuering remembers about one model object: the catalog it was loaded with (if any),
    the catalogs it has been found sound against and the work derived from it."""

    bound: Catalog | None = None
    sound_against: list[Catalog] = attrs.Factory(list)
    # Work derived from the model and one of those catalogs, by (id of the catalog, key).
    derived: dict[tuple[int, str], Any] = attrs.Factory(dict)


# Kept on the model object itself (by identity, not by value): two equal models loaded with
# different catalogs stay apart, and everything remembered goes when the model does.
_records_lock = threading.Lock()


def _record(pmo: PMO) -> _Record:
    state = pmo._analysis_state
    record = state.get("record")
    if record is None:
        with _records_lock:
            record = state.setdefault("record", _Record())
    return cast("_Record", record)


def _known_record(pmo: PMO) -> _Record | None:
    return cast("_Record | None", pmo._analysis_state.get("record"))


def _require_pmo(pmo: object) -> None:
    if not isinstance(pmo, PMO):
        raise ValidationError([Problem("pmo", f"expected a PMO, got {type(pmo).__name__}")])


def _require_catalog(catalog: object) -> None:
    if not isinstance(catalog, Catalog):
        raise ValidationError(
            [
                Problem(
                    "catalog",
                    f"expected a Catalog, got {type(catalog).__name__} {catalog!r} "
                    "(load one with valuering.load_catalog or get it with get_catalog)",
                )
            ]
        )


def bind_catalog(pmo: PMO, *, catalog: Catalog) -> PMO:
    """Check ``pmo`` against ``catalog`` and remember the pair, so analysing ``pmo`` later needs no
    ``catalog=`` argument; returns ``pmo`` itself.

    :func:`valuering.io.load` does this when given ``catalog=``. The binding belongs to this one model
    object: another model, even an equal one, is not affected, and a copy made with ``attrs.evolve``
    resolves its catalog by name again (bind it too). Raises
    :class:`~valuering.errors.ValidationError` when the model is not sound against ``catalog``.

    >>> from valuering import PMO, ServiceOffering, coverage, pmi_2025
    >>> acme = pmi_2025().extend(name="acme-bind-doc")
    >>> pmo = bind_catalog(PMO(id="p", name="P", catalog="acme-bind-doc"), catalog=acme)
    >>> bound_catalog(pmo) is acme, coverage(pmo).total
    (True, 0.0)
    """
    _require_pmo(pmo)
    _require_catalog(catalog)
    sound(pmo, catalog=catalog)
    _record(pmo).bound = catalog
    return pmo


def bound_catalog(pmo: PMO) -> Catalog | None:
    """The catalog ``pmo`` was bound to by :func:`bind_catalog` (or loaded with), or None.

    >>> from valuering import PMO
    >>> bound_catalog(PMO(id="p", name="P")) is None
    True
    """
    record = _known_record(pmo)
    return record.bound if record is not None else None


def catalog_for(pmo: PMO, *, catalog: Catalog | None = None) -> Catalog:
    """The catalog to check ``pmo`` against: the one given; else the one it was loaded with (see
    :func:`bind_catalog`); else the one its ``catalog`` field names, the built-in ``pmi-2025`` or a
    catalog made known with :func:`valuering.catalog.register_catalog`.

    Raises :class:`~valuering.errors.ValidationError` when ``pmo`` is not a PMO, ``catalog`` not a
    Catalog, or the name is unknown.

    >>> from valuering import PMO
    >>> catalog_for(PMO(id="p", name="P")).name
    'pmi-2025'
    """
    _require_pmo(pmo)
    if catalog is not None:
        _require_catalog(catalog)
        return catalog
    bound = bound_catalog(pmo)
    if bound is not None:
        return bound
    try:
        return get_catalog(pmo.catalog)
    except UnknownIdError as error:
        raise ValidationError(
            [Problem("catalog", f"{error}; register it or pass it with catalog=...")]
        ) from None


def sound(pmo: PMO, *, catalog: Catalog | None = None, shares: bool = False) -> Catalog:
    """The soundness gate every analysis function passes first: the catalog of ``pmo`` (see
    :func:`catalog_for`), after checking ``pmo`` against it with :func:`validate`'s rules.

    A model found sound against a catalog is remembered (per model object and catalog object), so
    ten analyses of one model check it once. Raises :class:`~valuering.errors.ValidationError`
    listing every problem.

    With ``shares=True`` (for analyses that go on to the demand) the customers are checked from the
    table of who expects what (:func:`expected_shares`), which is kept for the demand: one pass
    over every expectation instead of two.

    >>> from valuering import examples
    >>> sound(examples.load("northwind-energy")).name
    'pmi-2025'
    """
    cat = catalog_for(pmo, catalog=catalog)
    record = _known_record(pmo)
    if record is not None and any(known is cat for known in record.sound_against):
        return cat
    with collector_paused():  # a large model's check makes many objects and no garbage cycles
        try:
            table = expected_shares(pmo.customers) if shares else None
        except ArithmeticError:  # weights too large to add up: let the checks speak first
            table = None
        problems = _problems(pmo, cat, table)
    if problems:
        raise ValidationError(problems)
    remember_sound(pmo, cat)
    if table is not None:
        record = _record(pmo)
        with _records_lock:
            record.derived.setdefault((id(cat), EXPECTED_SHARES), table)
    return cat


def derived(pmo: PMO, catalog: Catalog, key: str, build: Callable[[], T]) -> T:
    """What ``build()`` derives from ``pmo`` and ``catalog``, computed once per model object and
    catalog object and shared by every analysis that asks for the same ``key``.

    Call it after :func:`sound` has passed ``pmo`` against ``catalog``. Models and catalogs are
    read-only, so derived work never goes stale; a changed copy (``attrs.evolve``) is another object
    and gets its own. The work lives as long as the model object does.

    >>> from valuering import examples, pmi_2025
    >>> pmo = examples.load("northwind-energy")
    >>> first = derived(pmo, pmi_2025(), "doc-example", lambda: [len(pmo.offerings)])
    >>> derived(pmo, pmi_2025(), "doc-example", lambda: [0]) is first
    True
    """
    record = _known_record(pmo)
    if record is None or not any(known is catalog for known in record.sound_against):
        sound(pmo, catalog=catalog)
        record = _record(pmo)
    slot = (id(catalog), key)
    try:
        return cast("T", record.derived[slot])
    except KeyError:
        with collector_paused():
            value = build()
        with _records_lock:
            return cast("T", record.derived.setdefault(slot, value))


def remember_sound(pmo: PMO, catalog: Catalog, *, bind: bool = False) -> None:
    """Record that ``pmo`` was found sound against ``catalog`` (by a caller that has just checked it,
    such as :func:`valuering.io.load`), and with ``bind=True`` bind it as :func:`bind_catalog` does."""
    record = _record(pmo)
    with _records_lock:
        if not any(known is catalog for known in record.sound_against):
            record.sound_against.append(catalog)
        if bind:
            record.bound = catalog


def validate(pmo: PMO, *, catalog: Catalog | None = None) -> PMO:
    """Check every cross-reference of ``pmo``; return it unchanged or raise one ValidationError.

    Checked: unknown service, outcome, customer-group and competence ids (with suggestions), duplicate
    ids, ids shared by an objective, a customer, an offering or an outcome, ``depends_on`` naming an
    unknown offering, self-dependencies and dependency cycles. Every analysis function runs the same
    check (once per model and catalog), so the same bad model gets the same error from each.

    >>> from valuering import PMO, Customer, examples
    >>> validate(examples.load("northwind-energy")).name
    'Northwind Energy Enterprise PMO'
    >>> validate(PMO(id="p", name="P", customers=(Customer(id="c", name="C", group="execs"),)))
    Traceback (most recent call last):
    ...
    valuering.errors.ValidationError: 1 problem:
      customers[0].group: unknown customer group id 'execs'
    """
    sound(pmo, catalog=catalog)
    return pmo


def find_problems(pmo: PMO, *, catalog: Catalog | None = None) -> list[Problem]:
    """The problems :func:`validate` would report, as a list (empty when the model is sound)."""
    try:
        cat = catalog_for(pmo, catalog=catalog)
    except ValidationError as error:
        return list(error.problems)
    return _problems(pmo, cat, None)


def _problems(pmo: PMO, cat: Catalog, shares: ExpectedBy | None) -> list[Problem]:
    """Every problem of ``pmo`` against ``cat``. Given a ``shares`` table (filled by
    :func:`expected_shares` from the customers), the customers are checked from it instead of by
    a pass of their own."""
    ids = _Ids(pmo)
    if shares is None or not _shares_look_sound(pmo, cat, ids, shares):
        customer_problems = list(_customer_problems(pmo, cat))
    else:
        customer_problems = []
    problems = [
        *_duplicates("customers", ids.customers, ids.distinct_customers),
        *_duplicates("offerings", ids.offerings, ids.distinct_offerings),
        *_duplicates("team", (m.id for m in pmo.team)),
        *_duplicates("indicators", (i.id for i in pmo.indicators)),
        *_duplicates("baseline.strategy.objectives", ids.objectives, ids.distinct_objectives),
        *customer_problems,
        *_offering_problems(pmo, cat),
        *_team_problems(pmo, cat),
        *_indicator_problems(pmo, cat),
        *_objective_problems(pmo, cat),
        *_cycle_problems(pmo),
        *_shared_id_problems(ids, cat),
        *_assessment_problems(pmo),
    ]
    return sort_problems(problems)


@functools.cache
def _assessment_sections() -> Mapping[str, tuple[str, ...]]:
    """Section ids of each step's self-assessment instrument, by step id.

    Read from the instrument file itself (the scoring layer owns it and sits above this one), so the
    check and the scoring cannot disagree about which sections a step has.
    """
    source = resources.files("valuering") / "scoring" / "data" / "self_assessments.toml"
    steps = tomllib.loads(source.read_text(encoding="utf-8"))["steps"]
    ordered = list(FlywheelStep)
    return {
        ordered[entry["step"] - 1].value: tuple(s["id"] for s in entry["sections"])
        for entry in steps
    }


def _assessment_problems(pmo: PMO) -> Iterator[Problem]:
    """Every assessment rates each section of its step's instrument with five ratings."""
    seen: dict[tuple[str, object], int] = {}
    for i, assessment in enumerate(pmo.assessments):
        key = (assessment.step.value, assessment.date)
        if key in seen:
            yield Problem(
                f"assessments[{i}]",
                f"step {assessment.step.value!r} assessed twice on {assessment.date} "
                f"(first at assessments[{seen[key]}])",
            )
        seen.setdefault(key, i)
        known = _assessment_sections()[assessment.step.value]
        for section, ratings in assessment.ratings.items():
            path = f"assessments[{i}].ratings.{section}"
            if section not in known:
                yield Problem(
                    path,
                    f"step {assessment.step.number} has no section {section!r}"
                    f"{did_you_mean(section, known)}",
                )
            elif len(ratings) != STATEMENTS_PER_SECTION:
                yield Problem(
                    path,
                    f"expected {STATEMENTS_PER_SECTION} ratings (one per statement), "
                    f"got {len(ratings)}",
                )
        missing = [s for s in known if s not in assessment.ratings]
        if missing:
            yield Problem(
                f"assessments[{i}].ratings",
                f"missing the ratings of section{'s' if len(missing) > 1 else ''} "
                + ", ".join(repr(s) for s in missing),
            )


def _unknown(path: str, kind: str, ident: str, known: Iterable[str]) -> Problem:
    return Problem(path, f"unknown {kind} id {ident!r}{did_you_mean(ident, known)}")


def _duplicates(
    path: str, ids: Iterable[str], distinct: Collection[str] | None = None
) -> Iterator[Problem]:
    ids = list(ids)
    if len(set(ids) if distinct is None else distinct) == len(ids):  # the usual case
        return
    counts = Counter(ids)
    first: dict[str, int] = {}
    for index, ident in enumerate(ids):
        if counts[ident] > 1:
            if ident in first:
                yield Problem(
                    f"{path}[{index}].id",
                    f"duplicate id {ident!r} (first used at {path}[{first[ident]}])",
                )
            else:
                first[ident] = index


class _Ids:
    """The ids of a model's customers, offerings and objectives, listed once for several checks."""

    def __init__(self, pmo: PMO) -> None:
        self.customers = [c.id for c in pmo.customers]
        self.offerings = [o.id for o in pmo.offerings]
        self.objectives = [o.id for o in pmo.objectives]
        self.distinct_customers = set(self.customers)
        self.distinct_offerings = set(self.offerings)
        self.distinct_objectives = set(self.objectives)


def _shared_id_problems(ids: _Ids, cat: Catalog) -> Iterator[Problem]:
    """Objectives, customers, offerings and outcomes are nodes of one value graph, so ids must differ."""
    groups = (
        ("baseline.strategy.objectives", "objective", ids.objectives),
        ("customers", "customer", ids.customers),
        ("offerings", "offering", ids.offerings),
    )
    kinds = [
        cat.outcomes.keys(),
        ids.distinct_objectives,
        ids.distinct_customers,
        ids.distinct_offerings,
    ]
    if all(a.isdisjoint(b) for k, a in enumerate(kinds) for b in kinds[k + 1 :]):
        return  # the usual case: no id in two kinds
    owner = dict.fromkeys(cat.outcomes, "outcome")
    for path, kind, members in groups:
        for index, ident in enumerate(members):
            other = owner.get(ident)
            if other is not None and other != kind:
                yield Problem(
                    f"{path}[{index}].id",
                    f"{ident!r} is already the id of {'an' if other[0] in 'aeiou' else 'a'} {other}; objectives, customers, offerings "
                    "and outcomes need distinct ids",
                )
        for ident in members:
            owner.setdefault(ident, kind)


ExpectedBy = dict[str, tuple[list[str], list[float]]]
EXPECTED_SHARES = "expected-by"  # the key of the table in the work derived from a model


def expected_shares(customers: Sequence[Customer]) -> ExpectedBy:
    """W_c * P_{c,o} by outcome, as two columns (``{outcome: ([customer, ...], [share, ...])}``),
    for customers who name each outcome once (formula 1 in docs/design.md).

    W_c = w_c / sum(w) over the customers with expectations, P_{c,o} = p_{c,o} / sum_o p_{c,o}.
    It lives with the checks because the soundness gate builds it while it checks the customers;
    :func:`valuering.demand.expected_by` is the general form, for customers who may repeat one.

    >>> from valuering import Customer, Expectation
    >>> expected_shares([Customer(id="cfo", name="CFO", group="g", weight=1, expectations=(
    ...     Expectation(outcome="x", priority=1), Expectation(outcome="y", priority=3)))])
    {'x': (['cfo'], [0.25]), 'y': (['cfo'], [0.75])}
    """
    voiced = [c for c in customers if c.expectations]
    total_weight = math.fsum([c.weight for c in voiced])  # exact: weights may differ widely
    by_outcome: ExpectedBy = {}
    for customer in voiced:
        w = customer.weight / total_weight
        expectations = customer.expectations
        total_priority = math.fsum([e.priority for e in expectations])
        ident = customer.id
        for e in expectations:  # the hot loop: one pass, no per-customer dict
            try:
                columns = by_outcome[e.outcome]
            except KeyError:
                columns = by_outcome[e.outcome] = ([], [])
            columns[0].append(ident)
            columns[1].append(w * e.priority / total_priority)
    return by_outcome


def _shares_look_sound(pmo: PMO, cat: Catalog, ids: _Ids, shares: ExpectedBy) -> bool:
    """True when the customers have no problem, judged from the ``shares`` table: known groups
    and outcomes, and (with distinct customer ids) no customer twice in an outcome's column, so
    none names an outcome twice. False sends the caller to the customer-by-customer check."""
    # A customer's entries in a column are next to each other: the table is filled customer by
    # customer. So with distinct ids, an outcome named twice shows as one id twice in a row.
    return (
        {c.group for c in pmo.customers} <= cat.customer_groups.keys()
        and shares.keys() <= cat.outcomes.keys()
        and len(ids.distinct_customers) == len(ids.customers)
        and not any(
            any(map(operator.eq, customers, itertools.islice(customers, 1, None)))
            for customers, _ in shares.values()
        )
    )


def _customer_problems(pmo: PMO, cat: Catalog) -> Iterator[Problem]:
    groups, outcomes = cat.customer_groups, cat.outcomes.keys()
    customers = pmo.customers
    # One quick pass finds the customers with a problem: an unknown group, an unknown outcome or
    # an outcome named twice; only those are looked at again, to say what is wrong and where.
    suspects = [
        i
        for i, c in enumerate(customers)
        if c.group not in groups
        or len(expected := {e.outcome for e in c.expectations}) < len(c.expectations)
        or not outcomes >= expected
    ]
    for i in suspects:
        customer = customers[i]
        if customer.group not in groups:
            yield _unknown(
                f"customers[{i}].group", "customer group", customer.group, cat.customer_groups
            )
        seen: set[str] = set()
        for j, expectation in enumerate(customer.expectations):
            path = f"customers[{i}].expectations[{j}].outcome"
            if expectation.outcome not in cat.outcomes:
                yield _unknown(path, "outcome", expectation.outcome, cat.outcomes)
            elif expectation.outcome in seen:
                yield Problem(path, f"outcome {expectation.outcome!r} is expected twice")
            seen.add(expectation.outcome)


def _offering_problems(pmo: PMO, cat: Catalog) -> Iterator[Problem]:
    offering_ids = {o.id for o in pmo.offerings}
    member_ids = {m.id for m in pmo.team}
    for i, offering in enumerate(pmo.offerings):
        if offering.service not in cat.services:
            yield _unknown(f"offerings[{i}].service", "service", offering.service, cat.services)
        for j, prerequisite in enumerate(offering.depends_on):
            if prerequisite == offering.id:
                yield Problem(
                    f"offerings[{i}].depends_on[{j}]",
                    f"offering {offering.id!r} depends on itself",
                )
            elif prerequisite not in offering_ids:
                yield _unknown(
                    f"offerings[{i}].depends_on[{j}]", "offering", prerequisite, offering_ids
                )
        for group in offering.approach:
            if group not in cat.customer_groups:
                yield _unknown(
                    f"offerings[{i}].approach.{group}", "customer group", group, cat.customer_groups
                )
        if offering.owner is not None and offering.owner not in member_ids:
            yield _unknown(f"offerings[{i}].owner", "team member", offering.owner, member_ids)
        if not offering.slas:
            continue
        yield from _duplicates(f"offerings[{i}].slas", (s.id for s in offering.slas))
        for j, sla in enumerate(offering.slas):
            if sla.customer_group is not None and sla.customer_group not in cat.customer_groups:
                yield _unknown(
                    f"offerings[{i}].slas[{j}].customer_group",
                    "customer group",
                    sla.customer_group,
                    cat.customer_groups,
                )


def _team_problems(pmo: PMO, cat: Catalog) -> Iterator[Problem]:
    offering_ids = {o.id for o in pmo.offerings}
    for i, member in enumerate(pmo.team):
        for competence in member.proficiency:
            if competence not in cat.competences:
                yield _unknown(
                    f"team[{i}].proficiency.{competence}", "competence", competence, cat.competences
                )
        for j, offering in enumerate(member.offerings):
            if offering not in offering_ids:
                yield _unknown(f"team[{i}].offerings[{j}]", "offering", offering, offering_ids)


def _indicator_problems(pmo: PMO, cat: Catalog) -> Iterator[Problem]:
    subjects = {o.id for o in pmo.offerings} | set(cat.outcomes)
    for i, indicator in enumerate(pmo.indicators):
        if indicator.subject not in subjects:
            yield Problem(
                f"indicators[{i}].subject",
                f"{indicator.subject!r} is neither an offering nor an outcome"
                f"{did_you_mean(indicator.subject, subjects)}",
            )


def _objective_problems(pmo: PMO, cat: Catalog) -> Iterator[Problem]:
    for i, objective in enumerate(pmo.objectives):
        for j, outcome in enumerate(objective.outcomes):
            if outcome not in cat.outcomes:
                yield _unknown(
                    f"baseline.strategy.objectives[{i}].outcomes[{j}]",
                    "outcome",
                    outcome,
                    cat.outcomes,
                )


def dependency_cycles(offerings: Sequence[ServiceOffering]) -> list[list[str]]:
    """Every dependency cycle among ``offerings``: the ids along it, each depending on the next.

    One cycle is reported per group of offerings that depend on each other (a strongly connected
    component); self-dependencies are reported separately by :func:`validate`.

    >>> from valuering import ServiceOffering
    >>> dependency_cycles([
    ...     ServiceOffering(id="a", service="x", maturity=1, depends_on=("c",)),
    ...     ServiceOffering(id="b", service="x", maturity=1, depends_on=("a",)),
    ...     ServiceOffering(id="c", service="x", maturity=1, depends_on=("b",)),
    ... ])
    [['a', 'c', 'b', 'a']]
    """
    order = {o.id: i for i, o in enumerate(offerings)}
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(order)
    graph.add_edges_from(
        (o.id, prerequisite)  # follows depends_on, so a cycle reads "a depends on b depends on ..."
        for o in offerings
        for prerequisite in o.depends_on
        if prerequisite in order and prerequisite != o.id
    )
    cycles = []
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        start = min(component, key=order.__getitem__)
        edges = nx.find_cycle(graph.subgraph(component), source=start)
        cycle = [edges[0][0], *(v for _, v in edges)]
        cycles.append(cycle)
    return sorted(cycles, key=lambda c: order[c[0]])


Waves = tuple[tuple[str, ...], ...]


def dependency_order(
    pmo: PMO, *, catalog: Catalog | None = None
) -> tuple[Waves, Mapping[str, tuple[str, ...]]]:
    """The delivery waves (sorted by id inside) and each offering's direct dependents (sorted by
    id), read-only.

    Worked out once per model object, by the same pass of Kahn's algorithm that checks the model
    for dependency cycles: an offering joins a wave once all its prerequisites are in earlier ones.
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its
    catalog.

    >>> from valuering import examples
    >>> waves, dependents = dependency_order(examples.load("northwind-energy"))
    >>> waves[0], dependents["governance"]
    (('methodology', 'pmis'), ('assurance', 'portfolio-management'))
    """
    sound(pmo, catalog=catalog)
    state = pmo._analysis_state
    if "dependency-order" not in state:  # the checks always keep it; this is only a safeguard
        ordered = _ordered(pmo.offerings)
        assert ordered is not None, "a sound model has no dependency cycle"
        state.setdefault("dependency-order", ordered)
    return cast("tuple[Waves, Mapping[str, tuple[str, ...]]]", state["dependency-order"])


def _ordered(
    offerings: Sequence[ServiceOffering],
) -> tuple[Waves, Mapping[str, tuple[str, ...]]] | None:
    """Kahn's algorithm over the known prerequisites; None when some offerings never become ready
    (a cycle) or two offerings share an id (the slower check of :func:`dependency_cycles` decides)."""
    dependents: dict[str, list[str]] = {o.id: [] for o in offerings}
    if len(dependents) != len(offerings):
        return None
    waiting: dict[str, int] = {}
    for offering in offerings:
        ident = offering.id
        prerequisites = {d for d in offering.depends_on if d != ident and d in dependents}
        waiting[ident] = len(prerequisites)
        for prerequisite in prerequisites:
            dependents[prerequisite].append(ident)
    for ids in dependents.values():
        ids.sort()
    wave = sorted(ident for ident, count in waiting.items() if not count)
    waves = []
    placed = 0
    while wave:
        waves.append(tuple(wave))
        placed += len(wave)
        ready = []
        for ident in wave:
            for dependent in dependents[ident]:
                waiting[dependent] -= 1
                if not waiting[dependent]:
                    ready.append(dependent)
        wave = sorted(ready)
    if placed < len(offerings):
        return None
    return tuple(waves), MappingProxyType({k: tuple(v) for k, v in dependents.items()})


def _cycle_problems(pmo: PMO) -> Iterator[Problem]:
    ordered = _ordered(pmo.offerings)
    if ordered is not None:
        # No cycle. The order depends on the offerings alone (not on a catalog), and every analysis
        # of this model object needs it, so it is kept on the object (see dependency_order).
        pmo._analysis_state.setdefault("dependency-order", ordered)
        return
    index: dict[str, int] = {}
    for i, offering in enumerate(pmo.offerings):
        index.setdefault(offering.id, i)  # a duplicate id is reported on its own; cycles still are
    for cycle in dependency_cycles(pmo.offerings):
        yield Problem(
            f"offerings[{index[cycle[0]]}].depends_on",
            "dependency cycle: " + " -> ".join(cycle) + " (each depends on the next)",
        )
