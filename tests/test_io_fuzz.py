"""Fuzzing model files: mutated documents give a ValidationError naming each injected problem, and
nothing else ever escapes loads()."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from valuering import PMO
from valuering.errors import ValidationError
from valuering.io import dumps, loads, unstructure
from valuering.testing.strategies import pmos

WRONG_TYPES: list[Any] = ["4", 4.7, True, None, [], {}, "abc", -3]


def document(pmo: PMO) -> dict[str, Any]:
    return {"schema": "valuering/1", **unstructure(pmo)}


def text_of(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data)
    return yaml.safe_dump(data, sort_keys=False)


def load_problems(text: str, fmt: str) -> list[str]:
    try:
        loads(text, fmt)
    except ValidationError as error:
        return [p.path for p in error.problems]
    return []


@st.composite
def mutated(draw: st.DrawFn) -> tuple[dict[str, Any], list[str]]:
    """A valid document with 1-3 problems injected into different offerings, and their paths."""
    pmo = draw(pmos(min_customers=1, max_offerings=8))
    data = document(pmo)
    offerings = data.get("offerings", [])
    assume(offerings)
    count = draw(st.integers(1, min(3, len(offerings))))
    chosen = draw(
        st.lists(
            st.sampled_from(range(len(offerings))), min_size=count, max_size=count, unique=True
        )
    )
    injected = []
    for index in chosen:
        item = offerings[index]
        kind = draw(st.sampled_from(["wrong-type", "missing", "unknown-key", "out-of-range"]))
        path = f"offerings[{index}]"
        if kind == "wrong-type":
            field = draw(st.sampled_from(["maturity", "service", "depends_on", "step"]))
            value = draw(st.sampled_from(WRONG_TYPES))
            if field == "depends_on" and value in ([], {}):
                value = "abc"
            if field == "maturity" and value == -3:
                value = "4"
            if field in ("service", "step") and isinstance(value, str):
                value = 12
            if field == "step" and value is None:
                value = 12  # step is optional: null just means "not set"
            item[field] = value
            injected.append(f"{path}.{field}")
        elif kind == "missing":
            field = draw(st.sampled_from(["id", "service", "maturity"]))
            del item[field]
            injected.append(f"{path}.{field}")
        elif kind == "unknown-key":
            item["maturty"] = 3
            injected.append(f"{path}.maturty")
        else:
            field = draw(st.sampled_from(["maturity", "target"]))
            item[field] = draw(st.sampled_from([0, 6, 7, -1, 100]))
            injected.append(f"{path}.{field}")
    return data, injected


@given(mutated(), st.sampled_from(["json", "yaml"]))
def test_each_injected_problem_is_named_in_the_one_report(
    case: tuple[dict[str, Any], list[str]], fmt: str
) -> None:
    data, injected = case
    paths = load_problems(text_of(data, fmt), fmt)
    for path in injected:
        assert path in paths


@given(pmos(max_customers=3, max_offerings=4), st.data())
def test_any_mutation_only_ever_raises_validation_error(pmo: PMO, data: st.DataObject) -> None:
    doc = document(pmo)
    for _ in range(data.draw(st.integers(1, 4))):
        doc = _mutate(doc, data)
    fmt = data.draw(st.sampled_from(["json", "yaml"]))
    load_problems(text_of(doc, fmt), fmt)  # returns or raises ValidationError, nothing else


def _mutate(doc: Any, data: st.DataObject) -> Any:
    doc = copy.deepcopy(doc)
    containers = list(_containers(doc))
    container = data.draw(st.sampled_from(containers))
    if isinstance(container, dict) and container:
        key = data.draw(st.sampled_from(sorted(container)))
        action = data.draw(st.sampled_from(["replace", "delete", "add", "nest"]))
        if action == "replace":
            container[key] = data.draw(st.sampled_from([*WRONG_TYPES, "x" * 300, 1e308, -0.0]))
        elif action == "delete":
            del container[key]
        elif action == "add":
            container[data.draw(st.sampled_from(["maturty", "nmae", "", "1", "extra"]))] = 1
        else:
            container[key] = _deep(data.draw(st.integers(1, 60)))
    elif isinstance(container, list) and container:
        index = data.draw(st.integers(0, len(container) - 1))
        container[index] = data.draw(st.sampled_from([*WRONG_TYPES, container[0]]))
    return doc


def _containers(value: Any) -> Any:
    if isinstance(value, dict | list):
        yield value
        for item in value.values() if isinstance(value, dict) else value:
            yield from _containers(item)


def _deep(depth: int) -> Any:
    value: Any = "leaf"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


@given(pmos(max_customers=2, max_offerings=3), st.data())
def test_broken_syntax_is_a_validation_error_with_a_line(pmo: PMO, data: st.DataObject) -> None:
    fmt = data.draw(st.sampled_from(["toml", "json", "yaml"]))
    text = dumps(pmo, fmt)
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.sampled_from(["{", "[", '"', " = ", ":\n  - :", "\x00", "]]", "\\"]))
    broken = text[:cut] + junk + text[cut:]
    error = load_error(broken, fmt)  # some insertions (a "\\" inside a string) stay valid
    if error is not None:
        assert error.problems
        assert all(p.line is None or p.line >= 1 for p in error.problems)


def load_error(text: str, fmt: str) -> ValidationError | None:
    try:
        loads(text, fmt)
    except ValidationError as error:
        return error
    return None


def test_very_deep_nesting_is_a_validation_error() -> None:
    depth = 100_000
    json_text = '{"schema": "valuering/1", "id": "d", "name": "D", "extra": {"a": '
    json_text += "[" * depth + "]" * depth + "}}"
    toml_text = 'schema = "valuering/1"\nid = "d"\nname = "D"\nextra = { a = '
    toml_text += "[" * depth + "]" * depth + " }\n"
    for fmt, text in (("json", json_text), ("toml", toml_text)):
        with pytest.raises(ValidationError, match="nested too deeply"):
            loads(text, fmt)
