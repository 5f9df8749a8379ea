"""The :class:`Catalog`: reference services, outcomes, competences and customer groups, with lookups."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any, TypeVar

import attrs

from valuering.errors import Problem, UnknownIdError, ValidationError, did_you_mean, member
from valuering.model import (
    ApproachDefinition,
    Competence,
    CustomerGroup,
    Outcome,
    ServiceApproach,
    ServiceCategory,
    ServiceDefinition,
)
from valuering.model import _checks as check
from valuering.model._frozen import FrozenDict

__all__ = ["Catalog", "Link"]

Entry = TypeVar("Entry", ServiceDefinition, Outcome, Competence, CustomerGroup)


@check.model_class
class Link:
    """A recommendation strength between an existing service and an outcome, added by an extension."""

    service: str = attrs.field(validator=check.kebab_id)
    outcome: str = attrs.field(validator=check.kebab_id)
    strength: float = attrs.field(default=1.0, validator=check.unit_interval)


class _ReadOnlyTable(FrozenDict[str, Any]):
    """A catalog table: a read-only dict, since catalogs (and the cached ``pmi_2025()``) are shared.
    Pickles and compares like a dict; its entries are frozen model objects."""

    __slots__ = ()
    _read_only = "catalog tables are read-only"
    _instead = "Catalog.extend(...) returns a catalog with your changes"


def _read_only(table: Mapping[Any, Any]) -> Mapping[Any, Any]:
    if isinstance(table, _ReadOnlyTable) or not isinstance(table, Mapping):
        return table
    return _ReadOnlyTable(table)


def _by_id(entries: Iterable[Entry]) -> dict[str, Entry]:
    return {entry.id: entry for entry in entries}


def _ordered(entries: Iterable[Entry]) -> list[Entry]:
    """Numbered entries first in number order, then unnumbered ones by id."""
    return sorted(entries, key=lambda e: (e.number is None, e.number or 0, e.id))


@check.model_class
class Catalog:
    """Reference data a PMO model's ids refer to; immutable, so :meth:`extend` returns a new catalog.

    >>> from valuering.catalog import pmi_2025
    >>> catalog = pmi_2025()
    >>> catalog.service("portfolio-management").category
    <ServiceCategory.STRATEGIC: 'strategic'>
    >>> [s.number for s in catalog.services_for("better-project-prioritization")]
    [1, 2, 6, 7]
    >>> catalog.service_number(16).name
    'Data analytics and reporting'
    """

    name: str = attrs.field(validator=check.kebab_id)
    title: str = attrs.field(default="", validator=check.text)
    services: Mapping[str, ServiceDefinition] = attrs.field(
        factory=dict, converter=_read_only, validator=check.mapping, hash=False
    )
    outcomes: Mapping[str, Outcome] = attrs.field(
        factory=dict, converter=_read_only, validator=check.mapping, hash=False
    )
    competences: Mapping[str, Competence] = attrs.field(
        factory=dict, converter=_read_only, validator=check.mapping, hash=False
    )
    customer_groups: Mapping[str, CustomerGroup] = attrs.field(
        factory=dict, converter=_read_only, validator=check.mapping, hash=False
    )
    approaches: Mapping[ServiceApproach, ApproachDefinition] = attrs.field(
        factory=dict, converter=_read_only, validator=check.mapping, hash=False
    )

    def __attrs_post_init__(self) -> None:
        problems = _reference_problems(
            {f"services.{s}": d for s, d in self.services.items()}, self.outcomes, self.competences
        )
        if problems:
            raise ValidationError(problems, title=f"catalog {self.name!r}")

    def __repr__(self) -> str:
        return (
            f"<Catalog {self.name!r}: {len(self.services)} services, {len(self.outcomes)} outcomes, "
            f"{len(self.competences)} competences, {len(self.customer_groups)} customer groups>"
        )

    # Lookups by id -------------------------------------------------------------------------------

    def service(self, service_id: str) -> ServiceDefinition:
        """The service definition with this id (raises UnknownIdError with a suggestion)."""
        return _lookup("service", self.services, service_id)

    def outcome(self, outcome_id: str) -> Outcome:
        """The outcome with this id."""
        return _lookup("outcome", self.outcomes, outcome_id)

    def competence(self, competence_id: str) -> Competence:
        """The competence with this id."""
        return _lookup("competence", self.competences, competence_id)

    def customer_group(self, group_id: str) -> CustomerGroup:
        """The customer group with this id."""
        return _lookup("customer group", self.customer_groups, group_id)

    # Lookups by number ---------------------------------------------------------------------------

    def service_number(self, number: int) -> ServiceDefinition:
        """The service with this catalog number (1-26 in the PMI catalog)."""
        return _by_number("service", self.services.values(), number)

    def outcome_number(self, number: int) -> Outcome:
        """The outcome with this catalog number (1-30 in the PMI catalog)."""
        return _by_number("outcome", self.outcomes.values(), number)

    def competence_number(self, number: int) -> Competence:
        """The competence with this catalog number (1-30 in the PMI catalog)."""
        return _by_number("competence", self.competences.values(), number)

    # Relations -----------------------------------------------------------------------------------

    @cached_property
    def _services_by_outcome(self) -> Mapping[str, tuple[ServiceDefinition, ...]]:
        by_outcome: dict[str, list[ServiceDefinition]] = {o: [] for o in self.outcomes}
        for service in _ordered(self.services.values()):
            for outcome, strength in service.outcomes.items():
                if strength > 0:
                    by_outcome[outcome].append(service)
        return FrozenDict({o: tuple(services) for o, services in by_outcome.items()})

    def services_for(self, outcome_id: str) -> tuple[ServiceDefinition, ...]:
        """The services recommended for an outcome (strength > 0), in catalog order."""
        self.outcome(outcome_id)
        return self._services_by_outcome[outcome_id]

    def strength(self, outcome_id: str, service_id: str) -> float:
        """How strongly a service produces an outcome, in [0, 1] (0 when it is not recommended).

        >>> from valuering.catalog import pmi_2025
        >>> pmi_2025().strength("better-project-prioritization", "portfolio-management")
        1.0
        """
        self.outcome(outcome_id)
        return self.service(service_id).outcomes.get(outcome_id, 0.0)

    def competences_for(self, service_id: str) -> tuple[Competence, ...]:
        """The competences a service needs, in catalog order."""
        needed = self.service(service_id).competences
        return tuple(_ordered(self.competences[c] for c in needed))

    def ordered_services(self) -> tuple[ServiceDefinition, ...]:
        """All services in catalog order (by number, then unnumbered by id)."""
        return self._ordered_services

    @cached_property
    def _ordered_services(self) -> tuple[ServiceDefinition, ...]:
        return tuple(_ordered(self.services.values()))

    @cached_property
    def service_positions(self) -> Mapping[str, int]:
        """Each service's place in catalog order (0 first), to sort service ids the catalog's way."""
        return FrozenDict({s.id: i for i, s in enumerate(self._ordered_services)})

    def ordered_outcomes(self) -> tuple[Outcome, ...]:
        """All outcomes in catalog order."""
        return tuple(_ordered(self.outcomes.values()))

    def services_in(self, category: ServiceCategory | str) -> tuple[ServiceDefinition, ...]:
        """The services of one category (a :class:`ServiceCategory` or its value), in catalog order.

        A category that does not exist is a :class:`~valuering.errors.ValidationError` naming the
        categories there are, never an empty answer.

        >>> from valuering.catalog import pmi_2025
        >>> [s.number for s in pmi_2025().services_in("strategic")]
        [1, 2, 3, 4, 5, 6, 7]
        >>> pmi_2025().services_in("strategc")
        Traceback (most recent call last):
        ...
        valuering.errors.ValidationError: 1 problem:
          category: 'strategc' is not a ServiceCategory (one of 'strategic', 'tactical', 'operational'); did you mean 'strategic'?
        """
        wanted = member(ServiceCategory, category, "category")
        return tuple(s for s in self.ordered_services() if s.category is wanted)

    # Extension -----------------------------------------------------------------------------------

    def extend(
        self,
        *,
        services: Iterable[ServiceDefinition] = (),
        outcomes: Iterable[Outcome] = (),
        competences: Iterable[Competence] = (),
        customer_groups: Iterable[CustomerGroup] = (),
        links: Iterable[Link] = (),
        name: str | None = None,
        override: bool = False,
    ) -> Catalog:
        """A new catalog with a consultant's own entries added.

        An id that is already in the catalog is an error unless ``override=True``, in which case the new
        entry replaces the old one. ``links`` add recommendation strengths between existing services and
        (new or existing) outcomes.

        >>> from valuering import Horizon, Outcome
        >>> from valuering.catalog import Link, pmi_2025
        >>> esg = Outcome(id="esg-compliance", name="ESG compliance", horizon=Horizon.LONG)
        >>> mine = pmi_2025().extend(outcomes=[esg], name="acme",
        ...                          links=[Link(service="governance-oversight", outcome="esg-compliance",
        ...                                      strength=0.6)])
        >>> mine.strength("esg-compliance", "governance-oversight")
        0.6
        >>> pmi_2025().extend(outcomes=[mine.outcome("better-talent-management")])
        Traceback (most recent call last):
        ...
        valuering.errors.ValidationError: 1 problem:
          outcomes[0].id: 'better-talent-management' is already in catalog 'pmi-2025' (pass override=True to replace it)
        """
        problems: list[Problem] = []
        services = tuple(services)
        merged_services = _merge("services", self, self.services, services, override, problems)
        merged_outcomes = _merge("outcomes", self, self.outcomes, outcomes, override, problems)
        merged_competences = _merge(
            "competences", self, self.competences, competences, override, problems
        )
        merged_groups = _merge(
            "customer_groups", self, self.customer_groups, customer_groups, override, problems
        )
        for index, link in enumerate(links):
            if link.service not in merged_services:
                problems.append(
                    Problem(
                        f"links[{index}].service",
                        f"unknown service id {link.service!r}{did_you_mean(link.service, merged_services)}",
                    )
                )
                continue
            if link.outcome not in merged_outcomes:
                problems.append(
                    Problem(
                        f"links[{index}].outcome",
                        f"unknown outcome id {link.outcome!r}"
                        f"{did_you_mean(link.outcome, merged_outcomes)}",
                    )
                )
                continue
            service = merged_services[link.service]
            merged_services[link.service] = attrs.evolve(
                service, outcomes={**service.outcomes, link.outcome: link.strength}
            )
        given = {f"services[{index}]": service for index, service in enumerate(services)}
        problems.extend(_reference_problems(given, merged_outcomes, merged_competences))
        if problems:
            raise ValidationError(problems)
        return Catalog(
            name=name or self.name,
            title=self.title,
            services=merged_services,
            outcomes=merged_outcomes,
            competences=merged_competences,
            customer_groups=merged_groups,
            approaches=self.approaches,
        )


def _reference_problems(
    services: Mapping[str, ServiceDefinition],
    outcomes: Mapping[str, Outcome],
    competences: Mapping[str, Competence],
) -> list[Problem]:
    """Service outcomes and competences that name nothing in the catalog; ``services`` by the path
    the problems get (``services.<id>`` for a catalog's table, ``services[<index>]`` for a list)."""
    problems = []
    for path, service in services.items():
        for outcome in sorted(service.outcomes):
            if outcome not in outcomes:
                problems.append(
                    Problem(
                        f"{path}.outcomes.{outcome}",
                        f"unknown outcome id {outcome!r}{did_you_mean(outcome, outcomes)}",
                    )
                )
        for competence in sorted(service.competences):
            if competence not in competences:
                problems.append(
                    Problem(
                        f"{path}.competences",
                        f"unknown competence id {competence!r}{did_you_mean(competence, competences)}",
                    )
                )
    return problems


def _merge(
    kind: str,
    catalog: Catalog,
    existing: Mapping[str, Entry],
    entries: Iterable[Entry],
    override: bool,
    problems: list[Problem],
) -> dict[str, Entry]:
    merged = dict(existing)
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if entry.id in seen:
            problems.append(Problem(f"{kind}[{index}].id", f"{entry.id!r} is given twice"))
        elif entry.id in existing and not override:
            problems.append(
                Problem(
                    f"{kind}[{index}].id",
                    f"{entry.id!r} is already in catalog {catalog.name!r} "
                    "(pass override=True to replace it)",
                )
            )
        seen.add(entry.id)
        merged[entry.id] = entry
    return merged


def _lookup(kind: str, entries: Mapping[str, Entry], ident: str) -> Entry:
    try:
        return entries[ident]
    except (KeyError, TypeError):
        raise UnknownIdError(kind, ident, entries) from None


def _by_number(kind: str, entries: Iterable[Entry], number: int) -> Entry:
    by_number = {e.number: e for e in entries if e.number is not None}
    try:
        return by_number[number]
    except (KeyError, TypeError):
        raise UnknownIdError(f"{kind} number", number, ()) from None
