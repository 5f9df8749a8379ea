"""Deep immutability: nothing reachable from a model object or a catalog can be changed in place.

A generic walk visits every attrs field, mapping value and sequence item reachable from the shared
``pmi_2025()`` catalog and from the bundled example model, and tries every mutating operation on each
container it meets.
"""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from collections.abc import Iterator, Mapping, MutableMapping, MutableSequence, MutableSet
from typing import Any, cast

import attrs
import pytest

from valuering import PMO, ServiceOffering, TeamMember, examples, pmi_2025
from valuering._document._converter import unstructure
from valuering.catalog import Catalog
from valuering.errors import ReadOnlyError, ValidationError
from valuering.io import dumps, loads
from valuering.model._frozen import FrozenDict, freeze


def reachable(root: object) -> Iterator[tuple[str, object]]:
    """Every object reachable from ``root`` through attrs fields, mappings and sequences, with its path."""
    seen: set[int] = set()
    stack: list[tuple[str, object]] = [("", root)]
    while stack:
        path, obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        yield path, obj
        if attrs.has(type(obj)):
            for field in attrs.fields(cast("Any", type(obj))):
                stack.append((f"{path}.{field.name}", getattr(obj, field.name)))
        elif isinstance(obj, Mapping):
            for key, value in obj.items():
                stack.append((f"{path}[{key!r}].key", key))
                stack.append((f"{path}[{key!r}]", value))
        elif isinstance(obj, tuple | list | set | frozenset):
            for index, item in enumerate(obj):
                stack.append((f"{path}[{index}]", item))


def mutations(container: Any) -> list[tuple[str, Any]]:
    key = next(iter(container), "new-key")
    value = container.get(key)
    return [
        ("__setitem__", lambda: container.__setitem__(key, value)),
        ("__setitem__ new", lambda: container.__setitem__("new-key", value)),
        ("__delitem__", lambda: container.__delitem__(key)),
        ("pop", lambda: container.pop(key)),
        ("pop default", lambda: container.pop("missing-key", None)),
        ("popitem", lambda: container.popitem()),
        ("update", lambda: container.update({key: value})),
        ("update empty", lambda: container.update()),
        ("clear", lambda: container.clear()),
        ("setdefault", lambda: container.setdefault("new-key", value)),
        ("|=", lambda: container.__ior__({key: value})),
    ]


def assert_deeply_read_only(root: object) -> int:
    """Fail on the first changeable container reachable from ``root``; return how many were checked."""
    containers = 0
    for path, obj in reachable(root):
        if attrs.has(type(obj)):
            for field in attrs.fields(cast("Any", type(obj))):
                with pytest.raises(attrs.exceptions.FrozenInstanceError):
                    setattr(obj, field.name, getattr(obj, field.name))
        elif isinstance(obj, Mapping):
            containers += 1
            assert isinstance(obj, FrozenDict), f"{path}: {type(obj).__name__} is not read-only"
            before = dict(obj)
            for operation, mutate in mutations(obj):
                with pytest.raises(ReadOnlyError, match="read-only"):
                    mutate()
                assert dict(obj) == before, f"{path}: {operation} changed the mapping"
        elif isinstance(obj, tuple | frozenset):
            containers += 1
            assert not hasattr(obj, "append")
            assert not hasattr(obj, "add")
        assert not isinstance(obj, list | set | bytearray), f"{path}: a {type(obj).__name__}"
        if not isinstance(obj, FrozenDict):
            assert not isinstance(obj, MutableMapping | MutableSequence | MutableSet), path
    return containers


def nested_extra_pmo(*, dates: bool = True) -> PMO:
    when = datetime.date(2025, 3, 1) if dates else "2025-03-01"  # JSON has no dates
    extra = {
        "owner": "ana",
        "tags": ["q1", ["nested", {"deep": [1, 2.5, True]}]],
        "review": {"when": when, "people": ["ana", "ben"], "empty": {}},
    }
    offering = ServiceOffering(
        id="reporting", service="data-analytics-and-reporting", maturity=2, extra=extra
    )
    member = TeamMember(id="ana", name="Ana", proficiency={"communication": 4})
    return PMO(id="demo", name="Demo", offerings=[offering], team=[member], extra=extra)


def test_nothing_reachable_from_the_shared_catalog_can_be_changed() -> None:
    catalog = pmi_2025()
    assert assert_deeply_read_only(catalog) > 26
    service = catalog.services["portfolio-management"]
    with pytest.raises(ReadOnlyError, match=r"attrs\.evolve"):
        service.outcomes["better-project-prioritization"] = 0.0  # type: ignore[index]
    assert pmi_2025().strength("better-project-prioritization", "portfolio-management") == 1.0


def test_nothing_reachable_from_the_example_model_can_be_changed() -> None:
    assert assert_deeply_read_only(examples.load("northwind-energy")) > 10


def test_free_form_extra_data_is_frozen_all_the_way_down() -> None:
    pmo = nested_extra_pmo()
    assert_deeply_read_only(pmo)
    tags = pmo.extra["tags"]
    assert tags == ("q1", ("nested", {"deep": (1, 2.5, True)}))
    with pytest.raises(AttributeError):
        tags.append("q2")
    with pytest.raises(ReadOnlyError):
        tags[1][1]["deep"] = []
    assert pmo.offerings[0].extra == pmo.extra


def test_an_extended_catalog_is_read_only_too() -> None:
    from valuering.catalog import Link

    mine = pmi_2025().extend(
        links=[
            Link(service="governance-oversight", outcome="improved-success-rates", strength=0.4)
        ],
        name="acme",
    )
    assert_deeply_read_only(mine)


def test_the_callers_data_is_copied_not_shared() -> None:
    extra: dict[str, Any] = {"tags": ["a"]}
    pmo = PMO(id="demo", name="Demo", extra=extra)
    extra["tags"].append("b")
    extra["new"] = 1
    assert pmo.extra == {"tags": ("a",)}


def test_read_only_mappings_compare_hash_and_print_like_dicts() -> None:
    frozen: FrozenDict[str, Any] = FrozenDict({"a": 1, "b": [2, 3]})
    assert frozen == {"a": 1, "b": (2, 3)}
    same = {"a": 1, "b": (2, 3)}
    assert same == frozen  # the plain dict on the left too
    assert frozen != {"a": 1}
    assert repr(frozen) == "{'a': 1, 'b': (2, 3)}"
    assert hash(frozen) == hash(FrozenDict({"b": (2, 3), "a": 1}))
    assert json.dumps(frozen) == '{"a": 1, "b": [2, 3]}'
    changed = frozen | {"c": 4}
    assert type(changed) is dict
    assert changed == {"a": 1, "b": (2, 3), "c": 4}
    plain = frozen.copy()
    plain["a"] = 0
    assert frozen["a"] == 1
    frozen.__init__({"z": 26})  # type: ignore[misc]
    assert "z" not in frozen
    assert FrozenDict.fromkeys(["x"], 0) == {"x": 0}
    assert FrozenDict(a=1) == {"a": 1}


def test_freeze_keeps_frozen_data_and_atoms() -> None:
    frozen: FrozenDict[str, int] = FrozenDict({"a": 1})
    assert freeze(frozen) is frozen
    assert freeze("text") == "text"
    assert freeze({1, 2}) == frozenset({1, 2})
    assert freeze([{"a": [1]}]) == ({"a": (1,)},)


@pytest.mark.parametrize(
    "obj",
    [nested_extra_pmo(), pmi_2025(), FrozenDict({"a": {"b": [1]}})],
    ids=lambda o: type(o).__name__,
)
def test_pickle_copy_and_deepcopy_keep_objects_equal_and_read_only(obj: object) -> None:
    for clone in (pickle.loads(pickle.dumps(obj)), copy.copy(obj), copy.deepcopy(obj)):
        assert clone == obj
        assert_deeply_read_only(clone)


def test_catalog_tables_keep_their_own_message_after_pickling() -> None:
    catalog: Catalog = pickle.loads(pickle.dumps(pmi_2025()))
    with pytest.raises(ReadOnlyError, match=r"Catalog\.extend"):
        catalog.services.clear()  # type: ignore[attr-defined]


def test_unstructure_gives_plain_dicts_and_lists_back() -> None:
    pmo = nested_extra_pmo()
    data = unstructure(pmo)
    for path, obj in reachable(data):
        assert type(obj) not in (FrozenDict, tuple), f"{path}: {type(obj).__name__}"
    assert data["extra"]["tags"] == ["q1", ["nested", {"deep": [1, 2.5, True]}]]
    assert type(data["offerings"][0]["extra"]["review"]) is dict


@pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
def test_round_trips_are_unchanged(fmt: str) -> None:
    if fmt == "yaml":
        pytest.importorskip("yaml")
    for pmo in (nested_extra_pmo(dates=fmt != "json"), examples.load("northwind-energy")):
        text = dumps(pmo, fmt)
        assert loads(text, fmt) == pmo
        assert dumps(loads(text, fmt), fmt) == text


def test_a_table_too_deep_to_freeze_is_a_validation_error() -> None:
    deep: dict[str, object] = {}
    inner = deep
    for _ in range(5000):  # beyond Python's recursion limit; a file stops at 64 levels long before
        child: dict[str, object] = {}
        inner["a"] = child
        inner = child
    with pytest.raises(ValidationError, match="nested too deeply to hold"):
        PMO(id="p", name="P", extra=deep)
