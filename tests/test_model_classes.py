"""Every model class is declared one way, with ``model_class``, so no class can forget its checks."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import attrs
import pytest

import valuering.model
from valuering.catalog import Catalog, Link
from valuering.errors import ValidationError
from valuering.model import _checks as check


def model_classes() -> list[type]:
    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(valuering.model.__path__, "valuering.model."):
        module = importlib.import_module(info.name)
        for _, kind in inspect.getmembers(module, inspect.isclass):
            if attrs.has(kind) and kind.__module__.startswith("valuering.model"):
                found[kind.__qualname__] = kind
    return [found[name] for name in sorted(found)]


CLASSES = [*model_classes(), Link, Catalog]


def test_the_model_package_has_its_classes() -> None:
    names = {kind.__name__ for kind in CLASSES}
    assert {"PMO", "ServiceOffering", "TeamMember", "ServiceDefinition", "Outcome"} <= names
    assert len(names) >= 24


@pytest.mark.parametrize("kind", CLASSES, ids=lambda kind: kind.__name__)
def test_every_model_class_is_declared_with_model_class(kind: type) -> None:
    assert check.is_model_class(kind)
    assert all(field.kw_only for field in attrs.fields(kind))
    assert "__slots__" in kind.__dict__


@pytest.mark.parametrize("kind", CLASSES, ids=lambda kind: kind.__name__)
def test_every_field_has_a_check_and_every_check_runs(kind: type) -> None:
    fields = attrs.fields(kind)
    unchecked = [field.name for field in fields if check.CHECK not in field.metadata]
    assert unchecked == []
    bad = object()
    with pytest.raises(ValidationError) as caught:
        kind(**{field.name: bad for field in fields})
    reported = {p.path.split(".")[0].split("[")[0] for p in caught.value.problems}
    assert reported == {field.name for field in fields}


def test_a_class_that_is_not_declared_with_model_class_is_not_one() -> None:
    @attrs.frozen(kw_only=True)
    class Loose:
        level: int = attrs.field(validator=check.int_between(1, 5))

    assert not check.is_model_class(Loose)

    class Child(valuering.model.Outcome):
        pass

    assert not check.is_model_class(Child)


def test_a_model_class_reports_every_failing_check_then_runs_its_own_post_init() -> None:
    calls: list[int] = []

    @check.model_class
    class Sample:
        level: int = attrs.field(validator=check.int_between(0, 100))
        share: float = attrs.field(default=0.5, validator=check.unit_interval)

        def __attrs_post_init__(self) -> None:
            calls.append(self.level)

    with pytest.raises(ValidationError) as caught:
        Sample(level=101, share=2)
    assert [str(p) for p in caught.value.problems] == [
        "level: 101 is not in 0..100",
        "share: 2 is not in [0, 1]",
    ]
    assert calls == []
    assert Sample(level=100).share == 0.5
    assert calls == [100]
    with pytest.raises(TypeError):
        Sample(7)  # keyword-only at run time (mypy sees attrs.frozen, without kw_only)


def test_checks_carry_their_bounds_as_data() -> None:
    between = check.int_between(0, 100)
    assert (between.minimum, between.maximum) == (0, 100)
    assert (check.positive.exclusive_minimum, check.positive.minimum) == (0, None)
    assert (check.unit_interval.minimum, check.unit_interval.maximum) == (0, 1)
    assert check.positive_int.minimum == 1
    assert check.kebab_id.pattern == check.ID_PATTERN.pattern
    assert check.name.min_length == 1
    optional = check.optional(check.int_between(1, 5))
    assert (optional.minimum, optional.maximum, optional.nullable) == (1, 5, True)
    assert check.each(check.kebab_id).items is check.kebab_id
    pairs = check.each_key_value(check.kebab_id, check.int_between(1, 5))
    assert pairs.keys is check.kebab_id
    assert pairs.values is not None
    assert pairs.values.maximum == 5
    assert "maximum=100" in repr(between)
    assert "minimum=0" in repr(between)
