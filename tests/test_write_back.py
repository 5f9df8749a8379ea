"""The write-back invariant: whatever ``loads(text, fmt)`` accepts, ``dumps(model, fmt)`` writes and
``loads`` reads back equal; another format either does the same or raises a ValidationError naming
the path of each value it cannot hold. Checked over generated models with free-form data of every
kind, and over mutated documents."""

from __future__ import annotations

import datetime
import string
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from valuering import PMO
from valuering.errors import ValidationError
from valuering.io import dumps, loads
from valuering.testing.strategies import pmos

FORMATS = ("toml", "json", "yaml")


def offsets() -> st.SearchStrategy[datetime.timezone]:
    # Whole minutes: the offsets TOML and YAML write
    return st.integers(-18 * 60 + 1, 18 * 60 - 1).map(
        lambda m: datetime.timezone(datetime.timedelta(minutes=m))
    )


def free_values() -> st.SearchStrategy[Any]:
    """Values of every kind a file might hold in an ``extra`` table, and some no file carries."""
    keys = st.text(max_size=6) | st.sampled_from(["<<", "", "a.b", "1", "true", "~", "- x"])
    scalars = (
        st.text(st.characters(codec="utf-8"), max_size=12)
        | st.sampled_from(["no", "null", "1_000", "2024-01-01", "07:32", "0o17", " x ", "\ufeff"])
        | st.integers(-(2**63), 2**63 - 1)
        | st.floats()
        | st.booleans()
        | st.none()
        | st.dates()
        | st.datetimes()
        | st.datetimes(timezones=offsets())
        | st.times()
        | st.sampled_from([2**63, -(2**63) - 1, "\ud800"])  # refused by every format
    )
    return st.dictionaries(
        keys,
        st.recursive(
            scalars,
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
            max_leaves=8,
        ),
        max_size=4,
    )


def written_or_refused(pmo: PMO, fmt: str) -> str | None:
    """The text of ``pmo`` in ``fmt``, or None when a ValidationError names the path of every value
    that format cannot hold (all inside free-form data)."""
    try:
        return dumps(pmo, fmt)
    except ValidationError as error:
        refusal = error
    assert all(p.path.startswith(("extra", "offerings[")) for p in refusal.problems), refusal
    return None


@given(pmos(max_customers=1, max_offerings=2), free_values())
def test_a_model_is_written_back_equal_or_refused_by_path(pmo: PMO, extra: dict[str, Any]) -> None:
    pmo = attrs.evolve(pmo, extra=extra)
    for fmt in FORMATS:
        text = written_or_refused(pmo, fmt)
        if text is not None:
            # equal to what was written, so writing it again in any format gives the same text
            assert loads(text, fmt) == pmo


MUTATIONS = [
    ("insert", "\n"),
    ("insert", '"'),
    ("insert", "["),
    ("insert", "{"),
    ("insert", ": "),
    ("insert", " = "),
    ("insert", "#"),
    ("insert", "\\u0000"),
    ("insert", "\\ud800"),
    ("insert", "&a "),
    ("insert", "*a"),
    ("insert", "<<: *a\n"),
    ("insert", "1e999"),
    ("insert", "0x" + "f" * 20),
    ("insert", "\t"),
    ("delete", ""),
    ("repeat", ""),
]


@given(pmos(max_customers=1, max_offerings=2), free_values(), st.data())
def test_a_mutated_document_loads_and_writes_back_or_is_refused_with_lines(
    pmo: PMO, extra: dict[str, Any], data: st.DataObject
) -> None:
    pmo = attrs.evolve(pmo, extra=extra)
    fmt = data.draw(st.sampled_from(FORMATS))
    text = written_or_refused(pmo, fmt)
    if text is None:
        text = dumps(attrs.evolve(pmo, extra={}), fmt)
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        action, snippet = data.draw(st.sampled_from(MUTATIONS))
        if action == "insert":
            text = text[:at] + snippet + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + data.draw(st.integers(1, 20)) :]
        else:
            text = text[:at] + text[at : at + 30] * 2 + text[at:]
    try:
        loaded = loads(text, fmt)
    except ValidationError as error:
        refusal = error
    else:
        assert loads(dumps(loaded, fmt), fmt) == loaded  # the write-back invariant
        for other in FORMATS:
            again = written_or_refused(loaded, other)
            if again is not None:
                assert loads(again, other) == loaded
        return
    assert all(p.line is not None and p.line >= 1 for p in refusal.problems), refusal


def test_keys_every_format_must_quote_read_back_as_written() -> None:
    extra: dict[str, Any] = {
        k: k for k in ["<<", "", "a.b", "1", "true", "~", "- x", "#", "x: y", "é"]
    }
    extra["nested"] = {c: c for c in string.punctuation}
    pmo = PMO(id="d", name="D", extra=extra)
    for fmt in FORMATS:
        assert loads(dumps(pmo, fmt), fmt) == pmo
