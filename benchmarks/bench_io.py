"""Benchmark: strict loading (``valuering.io.loads``) against the same parser + plain cattrs.

Run with ``python benchmarks/bench_io.py [--offerings N] [--customers N] [--rounds N]
[--formats json toml yaml]``. The model has 10,000 offerings (each depending on three earlier
ones: a random acyclic graph) and 100,000 customers with 5 expectations each by default, as
``benchmarks/bench_scale.py`` (``valuering.testing.models.random_dag_pmo``).

For each format the same text is read two ways:

* ours: ``valuering.io.loads(text, fmt)``: parse, envelope, strict structuring (no coercion, unknown
  keys refused, every field check) and every cross-reference check (ids, outcomes, groups, duplicate
  ids, dependency cycles);
* plain: the parser valuering uses (``json.loads``, ``tomllib.loads``, PyYAML's C safe loader when
  built) and ``cattrs.Converter().structure`` into check-free attrs classes with the same fields as the
  model classes (generated here from them: no validators, no converters). The garbage collector stays
  on, as plain cattrs users have it.

Both results are checked equal (every field value) before timing. Rounds alternate ours and plain;
each row prints both times (medians) and the ratio ours / plain as min / median / max over the rounds.
The goals are JSON <= 1.0 and TOML, YAML <= 1.05.
"""

from __future__ import annotations

import argparse
import collections.abc
import enum
import functools
import json
import statistics
import time
import tomllib
import types
from collections.abc import Callable, Mapping
from typing import Any, Union, get_args, get_origin

import attrs
import cattrs
import yaml

from valuering import PMO
from valuering.io import dumps, loads
from valuering.testing.models import random_dag_pmo

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PARSERS: dict[str, Callable[[str], Any]] = {
    "json": json.loads,
    "toml": tomllib.loads,
    "yaml": lambda text: yaml.load(text, Loader=YAML_LOADER),  # the C safe loader
}


def _plain_type(kind: Any) -> Any:
    """``kind`` with every model class replaced by its check-free twin."""
    if isinstance(kind, type) and attrs.has(kind):
        return plain_class(kind)
    args = get_args(kind)
    if not args:
        return kind
    inner = tuple(a if a is Ellipsis else _plain_type(a) for a in args)
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        return Union[inner]  # noqa: UP007 (built from a tuple)
    if origin is collections.abc.Mapping:
        return dict[inner]  # type: ignore[valid-type, misc]
    return origin[inner]


@functools.cache
def plain_class(model: type) -> type:
    """A frozen attrs class with ``model``'s fields, types and defaults: no validators, no converters."""
    attrs.resolve_types(model)
    fields: dict[str, Any] = {}
    for field in attrs.fields(model):
        default: Any = field.default
        if isinstance(default, attrs.Factory) and attrs.has(default.factory):  # type: ignore[arg-type]
            default = attrs.Factory(plain_class(default.factory))
        fields[field.name] = attrs.field(
            default=default, type=_plain_type(field.type), kw_only=True
        )
    made: type = attrs.make_class(f"Plain{model.__name__}", fields, frozen=True)
    return made


def values_of(obj: Any) -> Any:
    """Every field value, as plain data, to compare a model object with its check-free twin."""
    if attrs.has(type(obj)):
        return {f.name: values_of(getattr(obj, f.name)) for f in attrs.fields(type(obj))}
    if isinstance(obj, list | tuple):
        return [values_of(item) for item in obj]
    if isinstance(obj, Mapping):
        return {key: values_of(value) for key, value in obj.items()}
    if isinstance(obj, enum.Enum):
        return obj.value
    return obj


# --- The two ways of reading --------------------------------------------------------------------------


def ours(text: str, fmt: str) -> PMO:
    return loads(text, fmt)


def plain(text: str, fmt: str) -> Any:
    data = PARSERS[fmt](text)
    del data["schema"]
    return cattrs.Converter().structure(data, plain_class(PMO))


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def compare(text: str, fmt: str, rounds: int) -> tuple[list[float], list[float]]:
    """Times of ours and plain over interleaved rounds (the order alternates each round)."""
    mine: list[float] = []
    theirs: list[float] = []
    for index in range(rounds):
        pair = [(mine, lambda: ours(text, fmt)), (theirs, lambda: plain(text, fmt))]
        for times, fn in pair if index % 2 == 0 else reversed(pair):
            times.append(timed(fn))
    return mine, theirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--offerings", type=int, default=10_000)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--formats", nargs="+", default=["json", "toml", "yaml"])
    args = parser.parse_args()
    pmo = random_dag_pmo(args.offerings, customers=args.customers)
    print(
        f"model: {args.offerings:,} offerings (random acyclic dependencies), "
        f"{args.customers:,} customers x 5 expectations; {args.rounds} interleaved rounds"
    )
    print(f"{'format':<6} {'ours':>8} {'plain':>8}   ratio min / median / max")
    for fmt in args.formats:
        text = dumps(pmo, fmt)
        mine, theirs = ours(text, fmt), plain(text, fmt)
        # The baseline does the same work: every field value equal, on every object.
        assert len(mine.customers) == len(theirs.customers) == args.customers
        assert len(mine.offerings) == len(theirs.offerings) == args.offerings
        assert values_of(mine) == values_of(theirs) == values_of(pmo)
        del mine, theirs
        ours_times, plain_times = compare(text, fmt, args.rounds)
        ratios = [a / b for a, b in zip(ours_times, plain_times, strict=True)]
        print(
            f"{fmt:<6} {statistics.median(ours_times):>7.2f}s {statistics.median(plain_times):>7.2f}s"
            f"   {min(ratios):.2f} / {statistics.median(ratios):.2f} / {max(ratios):.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
