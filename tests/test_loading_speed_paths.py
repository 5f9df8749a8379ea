"""The fast loading path: model objects built once with their checks inlined, the garbage collector
paused and restored, kebab-case ids matched once each, YAML line maps built only for a problem.

Loading and the constructors must agree: what one refuses the other refuses, with the same message,
and a constructor called directly still checks every field.
"""

from __future__ import annotations

import difflib
import gc
import math
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuering import PMO, Customer, Expectation, ServiceOffering
from valuering._collector import collector_paused
from valuering._document._converter import converter, structure
from valuering.errors import ValidationError, closest
from valuering.io import dumps, loads
from valuering.model import _checks
from valuering.testing.models import large_pmo

HEAD = '{"schema": "valuering/1", "id": "demo", "name": "Demo PMO",\n'


def _problems(text: str, fmt: str = "json") -> list[str]:
    with pytest.raises(ValidationError) as caught:
        loads(text, fmt)
    return [f"{p.line}: {p}" for p in caught.value.problems]


# --- Constructors check; loading checks once, with the same messages ----------------------------------


def test_a_constructor_called_directly_still_checks_every_field() -> None:
    with pytest.raises(ValidationError) as caught:
        Customer(id="Bad Id", name=" ", group="executives-and-senior-management", weight=0)
    assert [str(p) for p in caught.value.problems] == [
        "id: 'Bad Id' is not a kebab-case id (lowercase letters, digits and '-')",
        "name: must not be empty",
        "weight: 0 must be greater than 0",
    ]
    with pytest.raises(ValidationError, match=r"priority: nan is not a finite number"):
        Expectation(outcome="higher-return-on-investment", priority=math.nan)


def test_the_same_bad_values_through_loads_are_located() -> None:
    text = (
        HEAD + '"customers": [\n  {"id": "cfo", "name": "CFO",\n'
        '   "group": "executives-and-senior-management", "weight": 0},\n'
        '  {"id": "Bad Id", "name": " ", "group": "executives-and-senior-management"}\n]}'
    )
    assert _problems(text) == [
        "4: customers[0].weight: 0 must be greater than 0",
        "5: customers[1].id: 'Bad Id' is not a kebab-case id (lowercase letters, digits and '-')",
        "5: customers[1].name: must not be empty",
    ]


def test_a_loaded_model_equals_the_constructed_one_in_each_format() -> None:
    pmo = large_pmo(60, customers=40)
    for fmt in ("json", "toml", "yaml"):
        assert loads(dumps(pmo, fmt), fmt) == pmo


def test_model_classes_load_through_their_generated_structure_function() -> None:
    # The one-pass path is the one taken (not cattrs followed by __init__'s checks).
    for kind in (PMO, Customer, Expectation, ServiceOffering):
        hook = converter().get_structure_hook(kind)
        assert hook.__code__.co_filename == f"<structure {kind.__qualname__}>"


def _short(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if len(value) > 3:
        _checks.fail(attribute, "longer than 3 characters")


def test_checks_without_a_fast_form_and_a_class_of_its_own_post_init_run_when_loaded() -> None:
    @_checks.model_class
    class Pair:
        low: int = attrs.field(validator=_checks.int_between(1, 5))
        high: int = attrs.field(validator=_checks.int_between(1, 5))
        label: str = attrs.field(default="", validator=_short)  # a plain function: no fast form

        def __attrs_post_init__(self) -> None:
            if self.low > self.high:
                _checks.fail(attrs.fields(Pair).low, "must not exceed high")

    assert structure({"low": 2, "high": 3, "label": "abc"}, Pair) == Pair(
        low=2, high=3, label="abc"
    )
    with pytest.raises(ValidationError, match="low: must not exceed high"):
        structure({"low": 4, "high": 3}, Pair)
    with pytest.raises(ValidationError, match=r"high: 9 is not in 1\.\.5"):
        structure({"low": 4, "high": 9}, Pair)
    with pytest.raises(ValidationError, match="label: longer than 3 characters"):
        structure({"low": 1, "high": 2, "label": "abcd"}, Pair)


# --- Check.fast says what run says ---------------------------------------------------------------------


def _fast_accepts(check: _checks.Check, value: object) -> bool:
    scope: dict[str, Any] = {}

    def ref(obj: object) -> str:
        scope[f"_r{len(scope)}"] = obj
        return f"_r{len(scope) - 1}"

    assert check.fast is not None
    expression = check.fast("value", ref)
    return bool(eval(expression, {**scope, "value": value}))  # our own expression


def _run_accepts(check: _checks.Check, value: object) -> bool:
    try:
        check.run(None, attrs.fields(Expectation).priority, value)
    except ValidationError:
        return False
    return True


INTS = st.integers(min_value=-(2**63), max_value=2**63 - 1)
NUMBERS = st.floats() | INTS
IDS = st.text(alphabet="ab-1 Z", max_size=6)
CHECKS: list[tuple[_checks.Check, st.SearchStrategy[Any]]] = [
    (_checks.kebab_id, IDS),
    (_checks.name, st.text(alphabet=" \t\nab", max_size=4)),
    (_checks.text, st.text(max_size=4)),
    (_checks.int_between(1, 5), INTS | st.integers(-3, 8)),
    (_checks.positive_int, INTS | st.integers(-3, 3)),
    (_checks.positive, NUMBERS | st.sampled_from([0, 0.0, -0.0, math.inf, 1e-300])),
    (_checks.number, NUMBERS),
    (_checks.unit_interval, NUMBERS | st.sampled_from([0, 1, 1.0000001, -0.0])),
    (_checks.optional(_checks.int_between(1, 5)), st.none() | st.integers(-1, 7)),
    (_checks.optional(_checks.kebab_id), st.none() | IDS),
    (_checks.each(_checks.kebab_id), st.lists(IDS, max_size=3).map(tuple)),
    (
        _checks.each_key_value(_checks.kebab_id, _checks.each(_checks.int_between(1, 5))),
        st.dictionaries(IDS, st.lists(st.integers(0, 6), max_size=3).map(tuple), max_size=3),
    ),
]


@pytest.mark.parametrize(("check", "values"), CHECKS, ids=lambda c: repr(c)[:40])
@given(data=st.data())
def test_each_fast_check_accepts_exactly_what_its_run_accepts(
    check: _checks.Check, values: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    value = data.draw(values)
    assert _fast_accepts(check, value) == _run_accepts(check, value)


def _model_classes(kind: type, seen: set[type]) -> set[type]:
    seen.add(kind)
    for field in attrs.fields(kind):
        for inner in (field.type, *getattr(field.type, "__args__", ())):
            if attrs.has(inner) and inner not in seen:
                _model_classes(inner, seen)
    return seen


def test_every_check_of_the_model_has_a_fast_form() -> None:
    # Without one a check still runs when loading (see above), only through a call.
    attrs.resolve_types(PMO)
    classes = _model_classes(PMO, set())
    assert len(classes) > 10
    for kind in classes:
        attrs.resolve_types(kind)
        for field in attrs.fields(kind):
            assert field.metadata[_checks.CHECK].fast is not None, (kind, field.name)


# --- Kebab-case ids are matched once ------------------------------------------------------------------


@given(st.lists(IDS, max_size=20))
def test_remembered_ids_never_change_an_answer(words: list[str]) -> None:
    first = [_checks.is_kebab_id(w) for w in words]
    again = [_checks.is_kebab_id(w) for w in words]
    assert first == again == [_checks.ID_PATTERN.match(w) is not None for w in words]


def test_the_remembered_ids_stay_few() -> None:
    for i in range(_checks._KEBAB_IDS_KEPT + 10):
        assert _checks.is_kebab_id(f"id-{i}")
    assert len(_checks._KEBAB_IDS) <= _checks._KEBAB_IDS_KEPT
    assert not _checks.is_kebab_id("Id-1")
    assert "Id-1" not in _checks._KEBAB_IDS


# --- The garbage collector is paused while loading and restored on every exit --------------------------

GOOD = (
    HEAD
    + '"offerings": [{"id": "pmis", "service": "systems-and-tools-management", "maturity": 3}]}'
)
FAILING = {
    "syntax": '{"schema": "valuering/1", "id": ',
    "structure": HEAD + '"customers": "none"}',
    "cross-reference": HEAD
    + '"offerings": [{"id": "a", "service": "no-such-service", "maturity": 3}]}',
    "not text": b"{}",
}


@pytest.fixture
def collector() -> Iterator[Callable[[bool], None]]:
    enabled = gc.isenabled()
    yield lambda on: gc.enable() if on else gc.disable()
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("before", [True, False], ids=["collector on", "collector off"])
def test_loading_restores_the_collector_after_success_and_failure(
    collector: Callable[[bool], None], before: bool
) -> None:
    collector(before)
    assert loads(GOOD, "json").offering("pmis").maturity == 3
    assert gc.isenabled() is before
    for name, text in FAILING.items():
        with pytest.raises(ValidationError):
            loads(text, "json")  # type: ignore[arg-type]
        assert gc.isenabled() is before, name


def _interrupted_while_paused() -> None:
    with collector_paused():
        assert not gc.isenabled()
        raise KeyboardInterrupt


def test_the_collector_is_restored_whatever_ends_the_pause(
    collector: Callable[[bool], None],
) -> None:
    for before in (True, False):
        collector(before)
        with pytest.raises(KeyboardInterrupt):
            _interrupted_while_paused()
        assert gc.isenabled() is before


# --- YAML: lines only when a problem needs one --------------------------------------------------------


def test_a_yaml_problem_without_aliases_still_has_its_line() -> None:
    text = (
        "schema: valuering/1\nid: demo\nname: Demo PMO\nofferings:\n"
        "  - id: pmis\n    service: systems-and-tools-management\n    maturity: 7\n"
    )
    assert _problems(text, "yaml") == ["7: offerings[0].maturity: 7 is not in 1..5"]


def test_a_yaml_key_given_twice_is_still_reported() -> None:
    text = "schema: valuering/1\nid: demo\nname: Demo PMO\nname: Again\n"
    assert _problems(text, "yaml") == ["4: name: key 'name' is given twice (first on line 3)"]


# --- closest: the same answer as difflib, without scoring every candidate --------------------------------


def _closest_by_difflib(word: str, candidates: list[str]) -> str | None:
    """What closest answered before: difflib over every candidate, then the shortest containing one."""
    pool = sorted(set(candidates))
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    containing = [c for c in pool if len(word) >= 3 and word in c]
    return min(containing, key=len) if containing else None


WORDS = st.text(alphabet="abc-1", max_size=7)


@given(WORDS, st.lists(WORDS, max_size=30))
def test_closest_answers_as_difflib_does(word: str, candidates: list[str]) -> None:
    assert closest(word, candidates) == _closest_by_difflib(word, candidates)


def test_closest_among_thousands_of_similar_ids() -> None:
    ids = [f"offering-{i}" for i in range(3000)] + [f"o{i:04d}" for i in range(3000)]
    for word in ("offxring-2991", "ofering-29", "o2x91", "offering", "customer-1", "zzz", ""):
        assert closest(word, ids) == _closest_by_difflib(word, ids), word


def test_a_bad_item_of_a_list_is_named_by_its_index() -> None:
    # Lists are built in one comprehension; a failure is structured again to name the item.
    assert structure([{"outcome": "a-b"}], tuple[Expectation, ...]) == (Expectation(outcome="a-b"),)
    for data, kind, expected in (
        ([{"outcome": "a-b"}, {"outcome": 1}], tuple[Expectation, ...], "[1].outcome"),
        (["a", 2, "b"], tuple[str, ...], "[1]"),
        (("a", 2), tuple[str, ...], "[1]"),
    ):
        with pytest.raises(ValidationError) as caught:
            structure(data, kind)
        assert [p.path for p in caught.value.problems] == [expected]
