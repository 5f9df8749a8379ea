"""What changed between two versions of a model, field by field, matched by id.

>>> import attrs
>>> from valuering import examples
>>> old = examples.load("northwind-energy")
>>> new = attrs.evolve(old, offerings=[attrs.evolve(o, maturity=4) if o.id == "pmis" else o
...                                    for o in old.offerings])
>>> [(c.kind, c.id, c.field, c.before, c.after) for c in diff(old, new)]
[('offering', 'pmis', 'maturity', 3, 4)]
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from valuering._document._converter import converter
from valuering._tables import Rows, plural, summary
from valuering.catalog import Catalog
from valuering.model import PMO
from valuering.validation import sound

__all__ = ["Change", "ChangeKind", "ModelDiff", "diff"]


class ChangeKind(enum.StrEnum):
    """Whether a thing was added, removed or changed in one field."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@attrs.frozen
class Change:
    """One difference: ``kind`` of thing (customer, offering, ...), its ``id``, what happened and,
    for a change, the ``field`` with its value ``before`` and ``after`` (as a model file writes it)."""

    kind: str
    id: str
    change: ChangeKind
    field: str | None = None
    before: Any = None
    after: Any = None


@attrs.frozen(repr=False)
class ModelDiff(Rows[Change]):
    """Every difference between two models, in the order: the PMO's own fields, customers,
    expectations, offerings, dependencies, team, indicators, assessments. Empty when they match."""

    old: str
    new: str
    changes: tuple[Change, ...]
    _columns = ("kind", "id", "change", "field", "before", "after")

    def _items(self) -> tuple[Change, ...]:
        return self.changes

    def counts(self) -> dict[str, int]:
        """How many things were added, removed and changed (a field change counts once per field)."""
        counted = Counter(c.change.value for c in self.changes)
        return {kind.value: counted[kind.value] for kind in ChangeKind}

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {kind}" for kind, n in self.counts().items() if n)
        return summary(
            self, plural(len(self.changes), "change"), counts, f"{self.old} -> {self.new}"
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per change: ``kind``, ``id``, ``change``, ``field``, ``before``, ``after``."""
        return (attrs.asdict(c, recurse=False) for c in self.changes)


def _plain(value: Any) -> Any:
    return converter().unstructure(value)


def _field_changes(
    kind: str, ident: str, old: Any, new: Any, skip: Iterable[str]
) -> Iterator[Change]:
    skipped = {"id", *skip}
    for field in attrs.fields(type(old)):
        if field.name in skipped:
            continue
        before, after = getattr(old, field.name), getattr(new, field.name)
        if before != after:
            yield Change(kind, ident, ChangeKind.CHANGED, field.name, _plain(before), _plain(after))


def _matched(
    kind: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    skip: Iterable[str] = (),
) -> Iterator[Change]:
    """Things matched by key: removed ones (old order), changed fields, then added ones (new order)."""
    for key in old:
        if key not in new:
            yield Change(kind, key, ChangeKind.REMOVED)
        elif attrs.has(type(old[key])):
            yield from _field_changes(kind, key, old[key], new[key], skip)
    for key in new:
        if key not in old:
            yield Change(kind, key, ChangeKind.ADDED)


def _by(items: Iterable[Any], key: Callable[[Any], str]) -> dict[str, Any]:
    return {key(item): item for item in items}


_OWN_COLLECTIONS = ("customers", "offerings", "team", "indicators", "assessments")


def diff(old: PMO, new: PMO, *, catalog: Catalog | None = None) -> ModelDiff:
    """Customers, expectations, offerings, dependencies, team members, indicators and assessments
    added, removed and changed between ``old`` and ``new``, field by field, matched by id.

    Expectations are matched by ``customer/outcome``, dependencies by ``offering -> prerequisite``,
    assessments by ``step@date``; the PMO's own fields (name, ``as_of``, mandate, ...) come first
    under the kind ``pmo``. Values are shown as a model file writes them. Raises
    :class:`~valuering.errors.ValidationError` when either model is not sound against its catalog.

    >>> import attrs, datetime
    >>> from valuering import examples
    >>> old = examples.load("northwind-energy")
    >>> new = attrs.evolve(old, indicators=old.indicators[1:], as_of=datetime.date(2026, 1, 31))
    >>> diff(old, new)
    <ModelDiff: 2 changes; 1 removed, 1 changed; northwind-energy-epmo -> northwind-energy-epmo>
    >>> [(c.kind, c.id, c.change.value, c.field, c.after) for c in diff(old, new)]
    [('pmo', 'northwind-energy-epmo', 'changed', 'as_of', '2026-01-31'), ('indicator', 'methodology-adherence', 'removed', None, None)]
    """
    sound(old, catalog=catalog)
    sound(new, catalog=catalog)
    changes = [
        *_field_changes("pmo", new.id, old, new, _OWN_COLLECTIONS),
        *_matched(
            "customer",
            _by(old.customers, lambda c: c.id),
            _by(new.customers, lambda c: c.id),
            ("expectations",),
        ),
        *_matched(
            "expectation",
            {f"{c.id}/{e.outcome}": e for c in old.customers for e in c.expectations},
            {f"{c.id}/{e.outcome}": e for c in new.customers for e in c.expectations},
            ("outcome",),
        ),
        *_matched(
            "offering",
            _by(old.offerings, lambda o: o.id),
            _by(new.offerings, lambda o: o.id),
            ("depends_on",),
        ),
        *_matched(
            "dependency",
            {f"{o.id} -> {d}": d for o in old.offerings for d in o.depends_on},
            {f"{o.id} -> {d}": d for o in new.offerings for d in o.depends_on},
        ),
        *_matched("team", _by(old.team, lambda m: m.id), _by(new.team, lambda m: m.id)),
        *_matched(
            "indicator", _by(old.indicators, lambda i: i.id), _by(new.indicators, lambda i: i.id)
        ),
        *_matched(
            "assessment",
            _by(old.assessments, lambda a: f"{a.step.value}@{a.date}"),
            _by(new.assessments, lambda a: f"{a.step.value}@{a.date}"),
            ("step", "date"),
        ),
    ]
    return ModelDiff(old.id, new.id, tuple(changes))
