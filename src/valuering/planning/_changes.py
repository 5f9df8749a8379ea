"""The changes :func:`~valuering.planning.what_if` tries: small typed objects, applied in order to a
copy of the model (the model itself never changes)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import attrs

from valuering.catalog import Catalog
from valuering.errors import Problem, ValidationError, did_you_mean
from valuering.model import PMO, ServiceOffering

__all__ = [
    "AddOffering",
    "Change",
    "RemoveOffering",
    "SetMaturity",
    "SetTarget",
    "SetWeight",
    "apply_changes",
]


@attrs.frozen
class SetMaturity:
    """Run ``offering`` at maturity ``level`` (1 to 5). Written ``OFFERING.maturity=LEVEL``."""

    offering: str
    level: int

    def __str__(self) -> str:
        return f"{self.offering}.maturity={self.level}"


@attrs.frozen
class SetTarget:
    """Give ``offering`` the target ``level`` (1 to 5, or None for none). Written
    ``OFFERING.target=LEVEL`` (``none`` clears it)."""

    offering: str
    level: int | None

    def __str__(self) -> str:
        return f"{self.offering}.target={'none' if self.level is None else self.level}"


@attrs.frozen
class AddOffering:
    """Start running catalog ``service`` at maturity ``level``. Written ``+SERVICE:LEVEL``.

    The new offering's id is ``id`` if given, else the service id, or, when that is taken, the
    service id with ``-2``, ``-3``, ... added.
    """

    service: str
    level: int
    id: str | None = None
    target: int | None = None
    depends_on: tuple[str, ...] = attrs.field(default=(), converter=tuple)

    def __str__(self) -> str:
        return f"+{self.service}:{self.level}"


@attrs.frozen
class RemoveOffering:
    """Stop running ``offering``; every offering that depends on it, directly or not, stops too
    (as in :func:`~valuering.graph.impact_of`). Written ``-OFFERING``."""

    offering: str

    def __str__(self) -> str:
        return f"-{self.offering}"


@attrs.frozen
class SetWeight:
    """Give ``customer`` the weight ``weight`` (> 0). Written ``CUSTOMER.weight=WEIGHT``."""

    customer: str
    weight: float

    def __str__(self) -> str:
        return f"{self.customer}.weight={self.weight:g}"


Change = SetMaturity | SetTarget | AddOffering | RemoveOffering | SetWeight
CHANGE_TYPES = (SetMaturity, SetTarget, AddOffering, RemoveOffering, SetWeight)


def _level_problem(path: str, level: object, *, optional: bool = False) -> list[Problem]:
    if optional and level is None:
        return []
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
        return [Problem(path, f"expected a level from 1 to 5, got {level!r}")]
    return []


def _unknown(path: str, kind: str, ident: object, known: Iterable[str]) -> Problem:
    hint = did_you_mean(ident, known) if isinstance(ident, str) else ""
    return Problem(path, f"unknown {kind} id {ident!r}{hint}")


def _free_id(wanted: str, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def _without(pmo: PMO, gone: set[str]) -> PMO:
    """The model without the offerings in ``gone``, the team's links to them and their indicators."""
    team = tuple(
        attrs.evolve(m, offerings=tuple(o for o in m.offerings if o not in gone))
        if gone.intersection(m.offerings)
        else m
        for m in pmo.team
    )
    return attrs.evolve(
        pmo,
        offerings=tuple(o for o in pmo.offerings if o.id not in gone),
        team=team,
        indicators=tuple(i for i in pmo.indicators if i.subject not in gone),
    )


def _dependents(pmo: PMO, offering: str) -> list[str]:
    """``offering`` and every offering that needs it, directly or not, in model order."""
    lost = {offering}
    grew = True
    while grew:
        grew = False
        for o in pmo.offerings:
            if o.id not in lost and lost.intersection(o.depends_on):
                lost.add(o.id)
                grew = True
    return [o.id for o in pmo.offerings if o.id in lost]


def apply_changes(
    pmo: PMO, changes: Sequence[Change], *, catalog: Catalog
) -> tuple[PMO, tuple[str, ...], tuple[str, ...]]:
    """The model with ``changes`` applied in order, the ids of the offerings added and of those
    removed (a removed offering's dependents with it).

    Each change sees the model as the changes before it left it. Every problem (an unknown id, a
    level outside 1 to 5, a weight that is not > 0, something that is not a change) is collected with
    its path (``changes[0].offering``) and raised together as one
    :class:`~valuering.errors.ValidationError`.

    >>> from valuering import examples, pmi_2025
    >>> changed, added, removed = apply_changes(examples.load("northwind-energy"),
    ...     [AddOffering("risk-management", 2), RemoveOffering("benefits")], catalog=pmi_2025())
    >>> added, removed
    (('risk-management-2',), ('benefits',))
    """
    problems: list[Problem] = []
    added: list[str] = []
    removed: list[str] = []
    given: Sequence[object] = changes  # checked one by one: anything may have been passed
    for n, change in enumerate(given):
        path = f"changes[{n}]"
        offerings = {o.id for o in pmo.offerings}
        if isinstance(change, SetMaturity | SetTarget | RemoveOffering) and (
            not isinstance(change.offering, str) or change.offering not in offerings
        ):
            problems.append(_unknown(f"{path}.offering", "offering", change.offering, offerings))
            continue
        if isinstance(change, SetMaturity | SetTarget):
            found = _level_problem(
                f"{path}.level", change.level, optional=isinstance(change, SetTarget)
            )
            if found:
                problems += found
                continue
            pmo = attrs.evolve(
                pmo,
                offerings=tuple(
                    (
                        attrs.evolve(o, maturity=change.level)
                        if isinstance(change, SetMaturity)
                        else attrs.evolve(o, target=change.level)
                    )
                    if o.id == change.offering
                    else o
                    for o in pmo.offerings
                ),
            )
        elif isinstance(change, RemoveOffering):
            gone = _dependents(pmo, change.offering)
            removed += [g for g in gone if g not in added]
            added = [a for a in added if a not in gone]
            pmo = _without(pmo, set(gone))
        elif isinstance(change, SetWeight):
            customers = {c.id for c in pmo.customers}
            if not isinstance(change.customer, str) or change.customer not in customers:
                problems.append(
                    _unknown(f"{path}.customer", "customer", change.customer, customers)
                )
                continue
            weight = change.weight
            if (
                isinstance(weight, bool)
                or not isinstance(weight, int | float)
                or not weight > 0
                or math.isinf(weight)
            ):
                problems.append(Problem(f"{path}.weight", f"expected a weight > 0, got {weight!r}"))
                continue
            pmo = attrs.evolve(
                pmo,
                customers=tuple(
                    attrs.evolve(c, weight=float(weight)) if c.id == change.customer else c
                    for c in pmo.customers
                ),
            )
        elif isinstance(change, AddOffering):
            found = _add_problems(path, change, pmo, catalog)
            if found:
                problems += found
                continue
            taken = offerings | {c.id for c in pmo.customers} | {o.id for o in pmo.objectives}
            ident = change.id or _free_id(change.service, taken | set(catalog.outcomes))
            try:
                new = ServiceOffering(
                    id=ident,
                    service=change.service,
                    maturity=change.level,
                    target=change.target,
                    depends_on=change.depends_on,
                )
            except ValidationError as error:  # an id that is not kebab-case, say
                problems += [p.at(path) for p in error.problems]
                continue
            added.append(ident)
            pmo = attrs.evolve(pmo, offerings=(*pmo.offerings, new))
        else:
            kinds = ", ".join(t.__name__ for t in CHANGE_TYPES)
            problems.append(Problem(path, f"expected a change ({kinds}), got {change!r}"))
    if problems:
        raise ValidationError(problems)
    return pmo, tuple(added), tuple(removed)


def _add_problems(path: str, change: AddOffering, pmo: PMO, catalog: Catalog) -> list[Problem]:
    problems = []
    if not isinstance(change.service, str) or change.service not in catalog.services:
        problems.append(_unknown(f"{path}.service", "service", change.service, catalog.services))
    problems += _level_problem(f"{path}.level", change.level)
    problems += _level_problem(f"{path}.target", change.target, optional=True)
    offerings = {o.id for o in pmo.offerings}
    for j, prerequisite in enumerate(change.depends_on):
        if prerequisite not in offerings:
            problems.append(
                _unknown(f"{path}.depends_on[{j}]", "offering", prerequisite, offerings)
            )
    if change.id is not None:
        taken = (
            offerings
            | {c.id for c in pmo.customers}
            | {o.id for o in pmo.objectives}
            | set(catalog.outcomes)
        )
        if change.id in taken:
            problems.append(Problem(f"{path}.id", f"the id {change.id!r} is already taken"))
    return problems
