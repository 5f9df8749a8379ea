"""Fuzzing model and catalog files: N mutated documents through load, write-back and conversion.

Run with ``python benchmarks/fuzz_files.py [-n 100000] [--seed 1] [--workers 2]`` (not part of CI).
Each document is a seed (a small model cut from the example, the whole example, a small catalog file
of its own, or one that extends the built-in catalog), in TOML, JSON or YAML, changed by one to three
mutations:

* structure: a value replaced by a hostile one (deep nesting, a shared or self-referencing table,
  integers past 64 bits, NaN, lone surrogates, dates, times, nulls, odd text), a key deleted, renamed
  or added, a list item repeated; the data is then written again by the format's plain writer;
* text: snippets inserted (brackets, quotes, YAML anchors, aliases, merge keys and tags, deep
  brackets, long dotted keys, control characters, long numbers), spans deleted or repeated, lines
  swapped, the text cut short;
* bytes: bytes flipped, inserted or deleted in the UTF-8 file, read from disk as users' files are.

Each document is loaded. A refused one must raise a ``ValidationError`` whose every problem has a
line. An accepted one is written in its own format and read back (it must be equal: the write-back
invariant), then written in each other format, which must work and read back equal or raise a
``ValidationError`` naming the path of each value it cannot hold. The counts printed: tried,
accepted, rejected, raw exceptions (anything else raised; must be 0), problems without a line (must
be 0), write-back failures (must be 0), conversions refused with a path, and the slowest document.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import multiprocessing
import random
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from valuering import examples
from valuering._document._toml_writer import dumps_toml
from valuering.catalog import dumps_catalog, load_catalog, loads_catalog
from valuering.errors import ValidationError
from valuering.io import dumps, load, loads, unstructure

FORMATS = ("toml", "json", "yaml")
SUFFIX = {"toml": ".toml", "json": ".json", "yaml": ".yaml"}

CATALOG_SEED = {
    "schema": "valuering-catalog/1",
    "name": "acme",
    "title": "ACME consulting catalog",
    "extends": "pmi-2025",
    "outcomes": [
        {"id": "esg-compliance", "name": "ESG compliance", "horizon": "long", "number": 31}
    ],
    "services": [
        {
            "id": "esg-reporting",
            "name": "ESG reporting",
            "category": "operational",
            "level_names": ["ad hoc", "defined", "managed", "measured", "optimised"],
            "outcomes": {"esg-compliance": 0.8, "better-project-prioritization": 0.2},
            "competences": ["data-analytics-and-reporting"],
        }
    ],
    "links": [{"service": "governance-oversight", "outcome": "esg-compliance", "strength": 0.6}],
}


# A catalog of its own (it extends nothing), small so that writing it back is quick.
OWN_CATALOG_SEED = {
    "schema": "valuering-catalog/1",
    "name": "acme-own",
    "customer_groups": [{"id": "board", "name": "Board", "number": 1}],
    "approaches": [{"id": "consultative", "rank": 1, "name": "Consultative"}],
    "outcomes": [{"id": "esg-compliance", "name": "ESG compliance", "horizon": "long"}],
    "competences": [{"id": "accuracy", "name": "Accuracy", "number": 1}],
    "services": [
        {
            "id": "esg-reporting",
            "name": "ESG reporting",
            "category": "operational",
            "level_names": ["ad hoc", "defined", "managed", "measured", "optimised"],
            "outcomes": {"esg-compliance": 0.8},
            "competences": ["accuracy"],
            "number": 1,
        }
    ],
}


def model_seeds() -> dict[str, dict[str, Any]]:
    """The example as plain data, and a small model cut from it (the fast path: small documents
    parse in a few milliseconds, so a run of 100,000 fits in an hour on two shared cores)."""
    full = {"schema": "valuering/1", **unstructure(examples.load("northwind-energy"))}
    small = {k: v for k, v in full.items() if k not in ("customers", "offerings", "team")}
    kept = {o["id"] for o in full["offerings"][:3]}
    small["offerings"] = [
        {**o, "depends_on": [d for d in o.get("depends_on", []) if d in kept]}
        for o in full["offerings"][:3]
    ]
    for offering in small["offerings"]:
        offering.pop("owner", None)
    small["customers"] = full["customers"][:2]
    small["indicators"] = [i for i in full.get("indicators", []) if i["subject"] in kept][:2]
    small["extra"] = {"owner": "ana", "since": datetime.date(2024, 5, 1), "tags": ["q1", "q2"]}
    return {"small": small, "example": full}


def write(data: Any, fmt: str, rng: random.Random) -> str:
    """``data`` in ``fmt`` by that format's plain writer (no checks: the mutations must reach the
    loader as they are); data that writer cannot write (a loop, a time in JSON) goes out as YAML,
    which the other formats' parsers then refuse, or as a bare string."""
    try:
        if fmt == "json":
            return json.dumps(data, default=str, ensure_ascii=rng.random() < 0.3, indent=2)
        if fmt == "toml":
            return dumps_toml(data)
    except (TypeError, ValueError, RecursionError, AttributeError):
        pass
    try:
        return yaml.dump(data, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True)
    except (yaml.YAMLError, RecursionError):
        return json.dumps("unwritable")


# --- Mutations -----------------------------------------------------------------------------------


def hostile_value(rng: random.Random) -> Any:
    kind = rng.randrange(22)
    if kind == 0:
        value: Any = "leaf"
        for level in range(rng.choice([5, 63, 64, 65, 99, 101, 300, 1200])):
            value = [value] if level % 2 else {"k": value}
        return value
    if kind == 1:
        shared = {"a": [1, 2], "b": "x"}
        return [shared, shared, {"c": shared}]
    if kind == 2:
        loop: dict[str, Any] = {"a": 1}
        loop["self"] = loop
        return loop
    if kind == 3:
        return rng.choice([2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 10**30, 10**400])
    if kind == 4:
        return rng.choice([float("nan"), float("inf"), -float("inf"), 1e308, -0.0, 5e-324])
    if kind == 5:
        return rng.choice(["\ud800", "a\udfffb", "\U0001f600", "\x00", "\x7f", "\u2028", "\ufeff"])
    if kind == 6:
        return rng.choice(
            [datetime.date(2024, 2, 29), datetime.date(1, 1, 1), datetime.date(9999, 12, 31)]
        )
    if kind == 7:
        return datetime.datetime(2024, 5, 1, 7, 32, 0, rng.randrange(10**6))
    if kind == 8:
        return datetime.datetime(2024, 5, 1, 7, 32, tzinfo=datetime.UTC)
    if kind == 9:
        return datetime.time(7, 32, rng.randrange(60), rng.randrange(10**6))
    if kind == 10:
        return None
    if kind == 11:
        return rng.choice([True, False, 0, 1, -1, 0.5, 3, 4.0, 7])
    if kind == 12:
        return "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(1, 30)))
    if kind == 13:
        return rng.choice(["", " ", "no", "yes", "null", "~", "1.0", "0o17", "1_000", "2024-01-01"])
    if kind == 14:
        return rng.choice(["x" * 10_000, "a.b" * 300, "line\nbreak", "tab\there", '"quoted"'])
    if kind == 15:
        return {rng.choice(["", " ", "a.b", "é", "1", "key with space", "<<"]): 1}
    if kind == 16:
        return [hostile_value(rng) for _ in range(rng.randrange(0, 4))]
    if kind == 17:
        return {f"k{i}": hostile_value(rng) for i in range(rng.randrange(0, 4))}
    if kind == 18:
        return rng.choice(["4", "abc", [], {}, [1, "a"], {"a": None}])
    if kind == 19:
        return rng.choice(["reporting", "pmis", "coo", "portfolio-management", "governance"])
    if kind == 20:
        return rng.choice(["valuering/1", "valuering/2", "valuering-catalog/1", 1])
    return {"nested": {"deeper": [1, {"x": datetime.date(2020, 1, 1)}]}}


def containers(value: Any, depth: int = 0) -> list[Any]:
    found = [value] if isinstance(value, dict | list) else []
    if depth < 12 and isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            found.extend(containers(item, depth + 1))
    return found


def copy_plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: copy_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_plain(v) for v in value]
    return value


def mutate_structure(data: Any, rng: random.Random) -> Any:
    data = copy_plain(data)
    for _ in range(rng.randint(1, 3)):
        if "offerings" in data and rng.random() < 0.4:  # free-form data: most of it loads
            if not isinstance(data.get("extra"), dict):
                data["extra"] = {}
            extra = data["extra"]
            extra[rng.choice(["a", "b", "é", "", "x y"])] = hostile_value(rng)
            continue
        targets = [c for c in containers(data) if c]
        if not targets:
            break
        target = rng.choice(targets)
        action = rng.randrange(6)
        if isinstance(target, dict):
            key = rng.choice(sorted(target, key=str))
            if action <= 2:
                target[key] = hostile_value(rng)
            elif action == 3:
                del target[key]
            elif action == 4:
                renamed = rng.choice([key + "s", key[:-1], key.upper(), "_" + key])
                target[renamed] = target.pop(key)
            else:
                target[rng.choice(["extra", "notes", "maturty", "x-y", "1"])] = hostile_value(rng)
        else:
            index = rng.randrange(len(target))
            if action <= 2:
                target[index] = hostile_value(rng)
            elif action == 3:
                del target[index]
            else:
                target.append(target[index])
    return data


SNIPPETS = [
    "{",
    "}",
    "[",
    "]",
    "[[",
    "]]",
    '"',
    "'",
    '"""',
    ":",
    ": ",
    "=",
    " = ",
    ",",
    "\n",
    "\t",
    "#",
    "&a ",
    "*a",
    "&b [1, *b]",
    "<<: *a\n",
    "<<: [*a, *b]\n",
    "!!binary aGk=",
    "!!set {a}",
    "!!python/object:os.system ",
    "!!int x",
    "!!float",
    "? ",
    "- ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "\\ud800",
    "\\udfff",
    "\\u0000",
    "\\U0001F600",
    "\\x",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "nan",
    "inf",
    ".nan",
    ".inf",
    "0x" + "f" * 40,
    "9" * 30,
    "1" + ":59" * 40,
    "\x00",
    "\x07",
    "\x1b",
    "\ufeff",
    "\u2028",
    "\x85",
    "é",
    "\U0001f600",
    "\ud800",
    "2024-13-45",
    "2024-02-30",
    "07:32:00",
    "1979-05-27T07:32:00Z",
    "1979-05-27 07:32:00.999999999-07:00",
    "true",
    "yes",
    "null",
    "~",
    "[" * 120,
    "]" * 120,
    "{" * 120,
    '{"a":' * 120,
    "a." * 120 + "b = 1\n",
    "[" + "a." * 150 + "b]\n",
    "extra.x = 1\n",
    "[extra]\nx = 1\n",
    "[[offerings]]\n",
    "[offerings.0]\n",
    "offerings:\n- id: x\n",
    '"schema": "valuering/2",',
    "schema = 1\n",
]


def mutate_text(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        action = rng.randrange(7)
        at = rng.randrange(len(text) + 1)
        if action <= 2:
            text = text[:at] + rng.choice(SNIPPETS) + text[at:]
        elif action == 3:
            text = text[:at] + text[at + rng.randint(1, 40) :]
        elif action == 4:
            span = text[at : at + rng.randint(1, 200)]
            text = text[:at] + span * rng.randint(2, 5) + text[at:]
        elif action == 5:
            lines = text.split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            text = text[:at]
    return text


def mutate_bytes(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1)
        action = rng.randrange(3)
        if action == 0 and at < len(data):
            data[at] = rng.randrange(256)
        elif action == 1:
            data[at:at] = rng.choice([b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\x00"])
        else:
            del data[at : at + rng.randint(1, 8)]
    return bytes(data)


# --- One document --------------------------------------------------------------------------------


class Tally:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.raw: list[str] = []
        self.lineless: list[str] = []
        self.mismatch: list[str] = []
        self.slowest = (0.0, "")

    def merge(self, other: Tally) -> None:
        self.counts += other.counts
        self.raw += other.raw[:5]
        self.lineless += other.lineless[:5]
        self.mismatch += other.mismatch[:5]
        self.slowest = max(self.slowest, other.slowest)


def problems_have_lines(error: ValidationError, tally: Tally, label: str) -> None:
    missing = [p for p in error.problems if p.line is None]
    if missing:
        tally.counts["problems without a line"] += len(missing)
        tally.lineless.append(f"{label}: {missing[0]}")


def check_document(
    kind: str, fmt: str, load_it: Callable[[], Any], tally: Tally, label: str
) -> None:
    """Load one document; write back and convert what loads."""
    tally.counts["tried"] += 1
    try:
        obj = load_it()
    except ValidationError as error:
        tally.counts["rejected"] += 1
        problems_have_lines(error, tally, label)
        return
    tally.counts["accepted"] += 1
    write, read = (dumps, loads) if kind == "model" else (dumps_catalog, loads_catalog)
    for target in (fmt, *[f for f in FORMATS if f != fmt]):
        try:
            text = write(obj, target)
        except ValidationError as error:
            if target == fmt:
                tally.counts["write-back failures"] += 1
                tally.mismatch.append(f"{label}: could not write back: {error.problems[0]}")
            elif all(p.path for p in error.problems):
                tally.counts["conversions refused with a path"] += 1
            else:
                tally.counts["conversions refused without a path"] += 1
                tally.mismatch.append(f"{label} -> {target}: {error.problems[0]}")
            continue
        try:
            again = read(text, target)
        except ValidationError as error:
            tally.counts["write-back failures"] += 1
            tally.mismatch.append(f"{label} -> {target}: written text refused: {error.problems[0]}")
            continue
        if again != obj:
            tally.counts["write-back failures"] += 1
            tally.mismatch.append(f"{label} -> {target}: read back different")
        else:
            tally.counts["conversions" if target != fmt else "written back"] += 1


def run(worker: int, count: int, seed: int) -> Tally:
    rng = random.Random(seed * 1000 + worker)
    tally = Tally()
    seeds = model_seeds()
    folder = Path(tempfile.mkdtemp(prefix="valuering-fuzz-", dir=_scratch()))
    for number in range(count):
        fmt = rng.choice(FORMATS)
        pick = rng.random()
        kind = "catalog" if pick < 0.15 else "model"
        if kind == "catalog":  # one in five extends the built-in catalog (slower to write back)
            data = CATALOG_SEED if pick < 0.03 else OWN_CATALOG_SEED
        else:
            data = seeds["example" if pick > 0.98 else "small"]
        how = rng.choice(["structure", "text", "bytes"])
        base = mutate_structure(data, rng) if how == "structure" else data
        text = write(base, fmt, rng)
        label = f"#{number} {kind} {fmt} {how}"
        load_text = loads if kind == "model" else loads_catalog
        started = time.perf_counter()
        try:
            if how == "bytes":
                path = folder / f"doc{SUFFIX[fmt]}"
                path.write_bytes(mutate_bytes(text.encode("utf-8", "surrogatepass"), rng))
                load_file = load if kind == "model" else load_catalog
                check_document(kind, fmt, functools.partial(load_file, path), tally, label)
            else:
                if how == "text":
                    text = mutate_text(text, rng)
                check_document(kind, fmt, functools.partial(load_text, text, fmt), tally, label)
        except Exception as error:  # the thing this script looks for
            tally.counts["raw exceptions"] += 1
            where = traceback.extract_tb(error.__traceback__)[-1]
            tally.raw.append(f"{label}: {type(error).__name__}: {str(error)[:120]} at {where.name}")
        took = time.perf_counter() - started
        if took > tally.slowest[0]:
            tally.slowest = (took, f"{label}, {len(text):,} characters")
    return tally


def _scratch() -> str | None:
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="documents to try")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    shares = [args.n // args.workers + (i < args.n % args.workers) for i in range(args.workers)]
    if args.workers == 1:
        tally = run(0, args.n, args.seed)
    else:
        with multiprocessing.Pool(args.workers) as pool:
            parts = pool.starmap(run, [(i, n, args.seed) for i, n in enumerate(shares)])
        tally = Tally()
        for part in parts:
            tally.merge(part)
    counts = tally.counts
    print(f"documents: {args.n:,} (seed {args.seed}, {time.perf_counter() - started:,.0f} s)")
    for key in (
        "tried",
        "accepted",
        "rejected",
        "raw exceptions",
        "problems without a line",
        "write-back failures",
        "written back",
        "conversions",
        "conversions refused with a path",
        "conversions refused without a path",
    ):
        print(f"  {key:<36} {counts[key]:>9,}")
    print(f"  slowest document: {tally.slowest[0] * 1000:,.1f} ms ({tally.slowest[1]})")
    for title, samples in (
        ("raw exceptions", tally.raw),
        ("problems without a line", tally.lineless),
        ("write-back failures", tally.mismatch),
    ):
        for sample in samples[:10]:
            print(f"  {title}: {sample}")


if __name__ == "__main__":
    main()
