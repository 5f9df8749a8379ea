"""The history store on SQLite always, and on PostgreSQL when VALUERING_TEST_POSTGRES_URL is set.

The same tests run against both engines: round trip, idempotent add, trends and percentiles worked
by hand, refusals, migrations, export and import, two processes adding at once and a killed adder.
"""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from valuering import PMO, examples
from valuering.errors import OptionalDependencyError, UnknownIdError, ValidationError
from valuering.history import SCHEMA_VERSION, Store, StoreError
from valuering.history._store import _tables

POSTGRES = os.environ.get("VALUERING_TEST_POSTGRES_URL")
ENGINES = ["sqlite", "postgresql"] if POSTGRES else ["sqlite"]


def _drop_all(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for table in ("valuering_figures", "valuering_snapshots", "valuering_store_schema"):
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {table}"))
    engine.dispose()


@pytest.fixture(params=ENGINES)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "history.db")
        return
    assert POSTGRES is not None
    _drop_all(POSTGRES)
    yield POSTGRES
    _drop_all(POSTGRES)


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    with Store(url) as opened:
        yield opened


def _version(pmo: PMO, day: datetime.date, pmis: int) -> PMO:
    """The example on ``day`` with pmis at level ``pmis``."""
    offerings = [attrs.evolve(o, maturity=pmis) if o.id == "pmis" else o for o in pmo.offerings]
    return attrs.evolve(pmo, as_of=day, offerings=offerings)


def _renamed(pmo: PMO, ident: str, pmis: int, sector: str = "energy") -> PMO:
    """Another PMO: the example under another id, pmis at ``pmis``, in ``sector``."""
    baseline = attrs.evolve(
        pmo.baseline, industry=attrs.evolve(pmo.baseline.industry, sector=sector)
    )
    return attrs.evolve(
        _version(pmo, datetime.date(2025, 6, 30), pmis), id=ident, baseline=baseline
    )


EXAMPLE = examples.load("northwind-energy")
YEARS = [datetime.date(2023, 12, 31), datetime.date(2024, 12, 31), datetime.date(2025, 12, 31)]


def test_round_trip_and_idempotent_add(store: Store) -> None:
    versions = [_version(EXAMPLE, day, level) for day, level in zip(YEARS, [2, 3, 4], strict=True)]
    first = [store.add(v) for v in versions]
    again = [store.add(v) for v in versions]
    assert again == first  # the same content is found, not stored twice
    assert [s.id for s in store.snapshots("northwind-energy-epmo")] == [s.id for s in first]
    assert store.get("northwind-energy-epmo") == versions[-1]
    assert store.get("northwind-energy-epmo", datetime.date(2025, 1, 1)) == versions[1]
    assert store.get("northwind-energy-epmo", YEARS[0]) == versions[0]
    undated = attrs.evolve(EXAMPLE, description="no date")
    store.add(undated)  # an undated snapshot sorts before the dated ones
    assert store.snapshots("northwind-energy-epmo")[0].as_of is None
    assert len(store.snapshots()) == 4


def test_add_all_is_one_transaction(store: Store) -> None:
    good = _version(EXAMPLE, YEARS[0], 2)
    bad = attrs.evolve(EXAMPLE, team=EXAMPLE.team[1:])  # anna-berg still owns offerings
    with pytest.raises(ValidationError, match="unknown team member id 'anna-berg'"):
        store.add_all([good, bad])
    assert store.pmos() == []


def test_trend_by_hand(store: Store) -> None:
    for day, level in zip(YEARS, [2, 3, 4], strict=True):
        store.add(_version(EXAMPLE, day, level))
    trend = store.trend("northwind-energy-epmo", "maturity.tactical")
    # Four tactical services at levels 7 + pmis of 20: 100 * 9 / 20, 100 * 10 / 20, 100 * 11 / 20.
    assert [(p.as_of, p.value) for p in trend] == [
        (YEARS[0], 45.0),
        (YEARS[1], 50.0),
        (YEARS[2], 55.0),
    ]
    assert repr(trend) == "<Trend: 3 points; northwind-energy-epmo maturity.tactical; 45 -> 55>"
    assert trend.to_records()[0] == {
        "snapshot": trend[0].snapshot,
        "as_of": "2023-12-31",
        "value": 45.0,
    }
    with pytest.raises(
        UnknownIdError,
        match=r"unknown figure id 'maturity\.tactcal'; did you mean 'maturity\.tactical'",
    ):
        store.trend("northwind-energy-epmo", "maturity.tactcal")
    with pytest.raises(UnknownIdError, match="unknown PMO id 'nobody'"):
        store.trend("nobody", "maturity.tactical")


def test_percentile_by_hand(store: Store) -> None:
    # Others' tactical X3 (latest snapshots): 45, 50, 50, 55 and, in another sector, 60.
    store.add_all(
        [
            _renamed(EXAMPLE, "a", 2),
            _renamed(EXAMPLE, "b", 3),
            _renamed(EXAMPLE, "c", 3),
            _renamed(EXAMPLE, "d", 4),
            _renamed(EXAMPLE, "e", 5, sector="water"),
        ]
    )
    # An older snapshot of "a" at 60 does not count: only each PMO's latest.
    store.add(attrs.evolve(_renamed(EXAMPLE, "a", 5), as_of=datetime.date(2020, 1, 1)))
    # The PMO's own earlier snapshot is not compared with it either.
    store.add(_version(EXAMPLE, YEARS[0], 1))
    ours = _version(EXAMPLE, YEARS[2], 3)  # 50.0
    result = store.percentile(ours, "maturity.tactical")
    # Below: 45; equal: 50, 50; compared: 5 -> 100 * (1 + 0.5 * 2) / 5 = 40.
    assert (result.value, result.below, result.equal, result.compared) == (50.0, 1, 2, 5)
    assert result.percentile == 40.0
    energy = store.percentile(ours, "maturity.tactical", industry="energy")
    # Among energy only: 45, 50, 50, 55 -> 100 * (1 + 1) / 4 = 50.
    assert (energy.compared, energy.percentile) == (4, 50.0)
    scoped = store.percentile(ours, "maturity.tactical", scope="nothing-like-this")
    assert (scoped.compared, scoped.percentile) == (0, None)
    with pytest.raises(UnknownIdError, match="unknown figure id"):
        store.percentile(ours, "assessment.service-monitoring.band")


def test_get_errors(store: Store) -> None:
    store.add(_version(EXAMPLE, YEARS[1], 3))
    with pytest.raises(
        UnknownIdError, match="unknown PMO id 'northwind'; did you mean 'northwind-energy-epmo'"
    ):
        store.get("northwind")
    with pytest.raises(
        StoreError, match="no dated snapshot of 'northwind-energy-epmo' on or before 2020-01-01"
    ):
        store.get("northwind-energy-epmo", datetime.date(2020, 1, 1))


def test_export_and_import(store: Store, tmp_path: Path) -> None:
    versions = [_version(EXAMPLE, day, level) for day, level in zip(YEARS, [2, 3, 4], strict=True)]
    store.add_all([*versions, _renamed(EXAMPLE, "other", 2)])
    paths = store.export(tmp_path / "out")
    assert sorted(p.relative_to(tmp_path / "out").parts[0] for p in paths) == [
        "northwind-energy-epmo",
        "northwind-energy-epmo",
        "northwind-energy-epmo",
        "other",
    ]
    with Store(tmp_path / "copy.db") as copy:
        imported = copy.import_files(tmp_path / "out")
        assert sorted(s.hash for s in imported) == sorted(s.hash for s in store.snapshots())
        assert copy.get("northwind-energy-epmo") == versions[-1]
        assert len(copy.import_files(tmp_path / "out")) == 4  # found again, not duplicated
        assert len(copy.snapshots()) == 4


def test_a_newer_schema_is_refused(url: str) -> None:
    import sqlalchemy as sa

    with Store(url) as store:
        store.add(EXAMPLE)
        with store._engine.begin() as conn:
            conn.execute(sa.text("UPDATE valuering_store_schema SET version = 99"))
    with pytest.raises(
        StoreError,
        match=f"has schema version 99; this valuering reads versions up to {SCHEMA_VERSION}",
    ):
        Store(url)


def test_a_version_1_store_is_upgraded(url: str) -> None:
    import sqlalchemy as sa

    target = url if "://" in url else f"sqlite:///{url}"
    engine = sa.create_engine(target)
    metadata, schema, snapshots, _ = _tables(sa, version=1)
    from valuering.history import canonical_json

    document, digest = canonical_json(_renamed(EXAMPLE, "old-one", 3, sector="rail"))
    with engine.begin() as conn:
        metadata.create_all(conn)
        conn.execute(sa.insert(schema).values(version=1))
        conn.execute(
            sa.insert(snapshots).values(
                pmo_id="old-one",
                as_of="2025-06-30",
                content_hash=digest,
                added="2025-07-01T00:00:00+00:00",
                document=document,
            )
        )
    engine.dispose()
    with Store(url) as store:
        (snapshot,) = store.snapshots("old-one")
        assert (snapshot.industry, snapshot.scope) == ("rail", "enterprise")
        assert store.get("old-one").id == "old-one"
        with store._engine.connect() as conn:
            assert (
                conn.execute(sa.text("SELECT version FROM valuering_store_schema")).scalar_one()
                == 2
            )


def test_a_corrupt_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match=r"broken\.db: open failed: file is not a database"):
        Store(path)
    assert path.read_bytes() == b"this is not a database at all" * 100


def test_a_locked_file_is_a_store_error_and_loses_nothing(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "history.db"
    with Store(path) as store:
        store.add(EXAMPLE)
    waiting = Store(path, timeout=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="add failed: database is locked"):
            waiting.add(_version(EXAMPLE, YEARS[0], 2))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        waiting.close()
    with Store(path) as store:
        assert [s.pmo for s in store.snapshots()] == ["northwind-energy-epmo"]
        assert store.get("northwind-energy-epmo") == EXAMPLE


def test_no_sqlalchemy_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "sqlalchemy", None)
    with pytest.raises(OptionalDependencyError, match=r"pip install 'valuering\[history\]'"):
        Store(tmp_path / "x.db")


ADDER = textwrap.dedent(
    """
    import datetime, sys, attrs
    from valuering import examples
    from valuering.history import Store
    url, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    base = examples.load("northwind-energy")
    store = Store(url)
    for i in range(count):
        day = datetime.date(2000, 1, 1) + datetime.timedelta(days=i)
        # Each process adds its own count snapshots, and both add the same shared ones.
        store.add(attrs.evolve(base, id=name, as_of=day))
        store.add(attrs.evolve(base, id="shared", as_of=day))
    """
)


def test_two_processes_adding_at_once_lose_and_duplicate_nothing(url: str) -> None:
    Store(url).close()  # made once, so both processes race on adding, not on creating
    count = 12
    processes = [
        subprocess.Popen([sys.executable, "-c", ADDER, url, name, str(count)])
        for name in ("left", "right")
    ]
    assert [p.wait(timeout=240) for p in processes] == [0, 0]
    with Store(url) as store:
        assert {pmo: len(store.snapshots(pmo)) for pmo in store.pmos()} == {
            "left": count,
            "right": count,
            "shared": count,
        }
        hashes = [s.hash for s in store.snapshots()]
        assert len(hashes) == len(set(hashes))


KILLED = textwrap.dedent(
    """
    import datetime, sys, attrs
    from valuering import examples
    from valuering.history import Store
    base = examples.load("northwind-energy")
    store = Store(sys.argv[1])
    models = [attrs.evolve(base, id="killed", as_of=datetime.date(2000, 1, 1) + datetime.timedelta(days=i)) for i in range(400)]
    print("ready", flush=True)
    while True:
        store.add_all(models)  # one long transaction, killed part-way
        models = [attrs.evolve(m, description=m.description + ".") for m in models]
    """
)


def test_a_killed_adder_leaves_the_store_consistent(url: str) -> None:
    with Store(url) as store:
        store.add(EXAMPLE)
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED, url], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    time.sleep(1.5)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    with Store(url) as store:
        import sqlalchemy as sa

        snapshots = store.snapshots()
        # Every stored snapshot has all its figures: none was left half-written.
        with store._engine.connect() as conn:
            counts = dict(
                conn.execute(
                    sa.text(
                        "SELECT snapshot_id, COUNT(*) FROM valuering_figures GROUP BY snapshot_id"
                    )
                ).all()
            )
        assert all(counts[s.id] == counts[snapshots[0].id] for s in snapshots)
        assert len(snapshots) % 400 == 1  # the example and whole batches only
        assert store.get("northwind-energy-epmo") == EXAMPLE
        store.add(_version(EXAMPLE, YEARS[0], 2))  # and it still takes new snapshots
