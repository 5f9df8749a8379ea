"""A history store: snapshots of many PMOs in one SQL database, for trends and benchmarks.

Needs the ``history`` extra (SQLAlchemy 2), imported when a store is opened. A store is an SQLite
file by default; any SQLAlchemy URL works, such as ``postgresql+psycopg://user@host/db`` for a team
database. Each snapshot keeps the model as canonical JSON (sorted keys, no spaces), identified by
the SHA-256 of that text, and its numeric headline figures (:func:`headline_figures`) in a table
of their own, so trends and benchmarks never load a model.

>>> import tempfile
>>> from valuering import examples
>>> store = Store(tempfile.mkdtemp() + "/history.db")
>>> first = store.add(examples.load("northwind-energy"))
>>> store.add(examples.load("northwind-energy")) == first    # the same content is kept once
True
>>> store.get("northwind-energy-epmo") == examples.load("northwind-energy")
True
>>> store.close()
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs

from valuering._document._files import write_text
from valuering.catalog import Catalog
from valuering.errors import OptionalDependencyError, UnknownIdError, ValueRingError
from valuering.history._figures import headline_figures
from valuering.history._results import Benchmark, Snapshot, Snapshots, Trend, TrendPoint
from valuering.io import dumps, load, loads
from valuering.model import PMO
from valuering.validation import sound

__all__ = ["DEFAULT_FILE", "SCHEMA_VERSION", "Store", "StoreError", "canonical_json"]

# Version 1: snapshots and figures; version 2 adds the industry and scope benchmarks filter on.
SCHEMA_VERSION = 2
DEFAULT_FILE = "valuering-history.db"
_RETRIES = 8
_MODEL_SUFFIXES = (".toml", ".json", ".yaml", ".yml")


class StoreError(ValueRingError):
    """A history store that cannot be opened, read or written (the database's own message inside)."""


def _sqlalchemy() -> ModuleType:
    try:
        import sqlalchemy
    except ImportError:
        raise OptionalDependencyError("SQLAlchemy", "history", "valuering.history.Store") from None
    return sqlalchemy


def _url(location: str | Path) -> str:
    text = str(location)
    return text if "://" in text else f"sqlite:///{Path(text).resolve()}"


def canonical_json(pmo: PMO) -> tuple[str, str]:
    """The model as canonical JSON (a valuering/1 JSON model file, keys sorted, no spaces) and the
    SHA-256 of that text: equal models give equal text and hash.

    >>> from valuering import examples
    >>> text, digest = canonical_json(examples.load("northwind-energy"))
    >>> text[:12], len(digest)
    ('{"baseline":', 64)
    """
    data = json.loads(dumps(pmo, "json"))
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def _tables(sa: ModuleType, version: int = SCHEMA_VERSION) -> tuple[Any, Any, Any, Any]:
    """The store's tables at ``version`` (1 lacks the industry and scope columns)."""
    metadata = sa.MetaData()
    schema = sa.Table(
        "valuering_store_schema", metadata, sa.Column("version", sa.Integer, nullable=False)
    )
    columns = [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("pmo_id", sa.String(200), nullable=False),
        sa.Column("as_of", sa.String(10), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("added", sa.String(32), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
    ]
    if version >= 2:
        columns += [
            sa.Column("industry", sa.String(200), nullable=True),
            sa.Column("scope", sa.String(40), nullable=True),
        ]
    snapshots = sa.Table(
        "valuering_snapshots",
        metadata,
        *columns,
        sa.Index("valuering_snapshots_pmo", "pmo_id", "as_of"),
    )
    figures = sa.Table(
        "valuering_figures",
        metadata,
        sa.Column(
            "snapshot_id", sa.Integer, sa.ForeignKey("valuering_snapshots.id"), primary_key=True
        ),
        sa.Column("figure", sa.String(300), primary_key=True),
        sa.Column("value", sa.Float, nullable=False),
    )
    return metadata, schema, snapshots, figures


def _industry(pmo_data: dict[str, Any]) -> str | None:
    return pmo_data.get("baseline", {}).get("industry", {}).get("sector") or None


def _scope(pmo_data: dict[str, Any]) -> str | None:
    return pmo_data.get("mandate", {}).get("scope") or None


@attrs.frozen
class _Prepared:
    """What adding one model writes: its row and its figures."""

    pmo: str
    as_of: str | None
    digest: str
    document: str
    industry: str | None
    scope: str | None
    figures: dict[str, float]


def _snapshot(row: Any) -> Snapshot:
    return Snapshot(
        id=row.id,
        pmo=row.pmo_id,
        as_of=None if row.as_of is None else datetime.date.fromisoformat(row.as_of),
        hash=row.content_hash,
        added=row.added,
        industry=row.industry,
        scope=row.scope,
    )


class Store:
    """Snapshots of PMO models over time in an SQL database: ``Store("history.db")`` (an SQLite
    file, made when missing) or ``Store("postgresql+psycopg://user@host/db")``.

    Every write is one transaction: a model is stored whole with its figures or not at all, so a
    crash or a killed process leaves the store as it was. Adding the same content twice keeps it
    once, also when several processes add at the same time (a unique content hash; a clash is
    retried). A store made by a newer valuering (a higher schema version) is refused; an older one
    is upgraded when opened. Database failures (a corrupt or locked file, a lost server) raise
    :class:`StoreError`. ``catalog`` is the catalog models are checked and loaded with when they do
    not name a built-in one; ``timeout`` is how many seconds an SQLite writer waits for another.
    """

    def __init__(
        self,
        url: str | Path = DEFAULT_FILE,
        *,
        catalog: Catalog | None = None,
        timeout: float = 60.0,
    ) -> None:
        sa = _sqlalchemy()
        self._sa = sa
        self._timeout = timeout
        self.url = _url(url)
        self._catalog = catalog
        try:
            self._engine = sa.create_engine(self.url, **self._engine_options())
        except (sa.exc.SQLAlchemyError, ImportError, ValueError) as error:
            raise StoreError(f"history store {self._shown()}: cannot open: {error}") from None
        if self._engine.dialect.name == "sqlite":
            self._serialise_sqlite_writes()
        _, self._schema, self._snapshots, self._figures = _tables(sa)
        try:
            with self._driver_errors("open"):
                self._prepare()
        except BaseException:
            self._engine.dispose()  # a store that cannot open keeps no connection
            raise

    # -- opening -------------------------------------------------------------------------------

    def _shown(self) -> str:
        sa = self._sa
        try:
            return str(sa.engine.make_url(self.url).render_as_string(hide_password=True))
        except Exception:  # an unreadable URL is shown as given, minus nothing secret to hide
            return self.url

    def _engine_options(self) -> dict[str, Any]:
        if self.url.startswith("sqlite"):
            return {"connect_args": {"timeout": self._timeout}}
        return {"pool_pre_ping": True}

    def _serialise_sqlite_writes(self) -> None:
        """SQLite takes its write lock at BEGIN IMMEDIATE, so two writers wait for each other
        instead of failing half-way (pysqlite's own deferred BEGIN is turned off)."""
        event = self._sa.event

        def _connect(dbapi_connection: Any, _: Any) -> None:
            dbapi_connection.isolation_level = None

        def _begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        event.listen(self._engine, "connect", _connect)
        event.listen(self._engine, "begin", _begin)

    def _prepare(self) -> None:
        sa = self._sa
        with self._engine.begin() as conn:
            if conn.dialect.name == "postgresql":  # one process creates or upgrades at a time
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(4729131)"))
            if not sa.inspect(conn).has_table("valuering_store_schema"):
                metadata = _tables(sa)[0]
                metadata.create_all(conn)
                conn.execute(sa.insert(self._schema).values(version=SCHEMA_VERSION))
                return
            version = conn.execute(sa.select(self._schema.c.version)).scalar_one()
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"history store {self._shown()} has schema version {version}; this valuering "
                    f"reads versions up to {SCHEMA_VERSION}: upgrade valuering to use it"
                )
            if version < 2:
                self._migrate_1_to_2(conn)

    def _migrate_1_to_2(self, conn: Any) -> None:
        """Add the industry and scope columns and fill them from the stored models."""
        sa = self._sa
        conn.execute(sa.text("ALTER TABLE valuering_snapshots ADD COLUMN industry VARCHAR(200)"))
        conn.execute(sa.text("ALTER TABLE valuering_snapshots ADD COLUMN scope VARCHAR(40)"))
        rows = conn.execute(sa.select(self._snapshots.c.id, self._snapshots.c.document)).all()
        for row in rows:
            data = json.loads(row.document)
            conn.execute(
                sa.update(self._snapshots)
                .where(self._snapshots.c.id == row.id)
                .values(industry=_industry(data), scope=_scope(data))
            )
        conn.execute(sa.update(self._schema).values(version=2))

    @contextlib.contextmanager
    def _driver_errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except self._sa.exc.SQLAlchemyError as error:
            cause = getattr(error, "orig", None) or error
            message = (
                str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
            )
            raise StoreError(f"history store {self._shown()}: {action} failed: {message}") from None

    def close(self) -> None:
        """Close the store's database connections."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self._shown()}>"

    # -- adding --------------------------------------------------------------------------------

    def _prepared(self, pmo: PMO, catalog: Catalog | None) -> _Prepared:
        cat = sound(pmo, catalog=catalog or self._catalog)
        document, digest = canonical_json(pmo)
        data = json.loads(document)
        return _Prepared(
            pmo=pmo.id,
            as_of=None if pmo.as_of is None else pmo.as_of.isoformat(),
            digest=digest,
            document=document,
            industry=_industry(data),
            scope=_scope(data),
            figures=headline_figures(pmo, catalog=cat).numbers(),
        )

    def add(self, pmo: PMO, *, catalog: Catalog | None = None) -> Snapshot:
        """Store ``pmo`` (with its figures) unless the same content is stored already; returns its
        snapshot either way. Raises :class:`~valuering.errors.ValidationError` for a model that is not
        sound against its catalog (nothing is stored), :class:`StoreError` when the database fails.
        """
        return self.add_all([pmo], catalog=catalog)[0]

    def add_all(self, pmos: Iterable[PMO], *, catalog: Catalog | None = None) -> Snapshots:
        """Store several models in one transaction (all or none), each once; their snapshots in order.

        Every model is checked first, so one unsound model stores nothing.
        """
        prepared = [self._prepared(pmo, catalog) for pmo in pmos]
        sa = self._sa
        for attempt in range(_RETRIES):
            try:
                with self._driver_errors("add"), self._engine.begin() as conn:
                    return Snapshots(tuple(self._insert(conn, p) for p in prepared))
            except StoreError as error:
                # Another process stored the same content between our look and our insert: look again.
                if attempt == _RETRIES - 1 or not isinstance(
                    error.__context__, sa.exc.IntegrityError
                ):
                    raise
                time.sleep(0.01 * (attempt + 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def _insert(self, conn: Any, prepared: _Prepared) -> Snapshot:
        sa = self._sa
        table = self._snapshots
        existing = conn.execute(
            sa.select(table).where(table.c.content_hash == prepared.digest)
        ).first()
        if existing is not None:
            return _snapshot(existing)
        added = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        result = conn.execute(
            sa.insert(table).values(
                pmo_id=prepared.pmo,
                as_of=prepared.as_of,
                content_hash=prepared.digest,
                added=added,
                document=prepared.document,
                industry=prepared.industry,
                scope=prepared.scope,
            )
        )
        snapshot_id = result.inserted_primary_key[0]
        if prepared.figures:
            conn.execute(
                sa.insert(self._figures),
                [
                    {"snapshot_id": snapshot_id, "figure": name, "value": value}
                    for name, value in prepared.figures.items()
                ],
            )
        return Snapshot(
            snapshot_id,
            prepared.pmo,
            None if prepared.as_of is None else datetime.date.fromisoformat(prepared.as_of),
            prepared.digest,
            added,
            prepared.industry,
            prepared.scope,
        )

    # -- reading -------------------------------------------------------------------------------

    def _order(self) -> tuple[Any, Any]:
        table = self._snapshots
        return self._sa.func.coalesce(table.c.as_of, ""), table.c.id

    def pmos(self) -> list[str]:
        """The ids of the PMOs with snapshots, sorted."""
        sa = self._sa
        with self._driver_errors("read"), self._engine.connect() as conn:
            column = self._snapshots.c.pmo_id
            return list(conn.execute(sa.select(column).distinct().order_by(column)).scalars())

    def snapshots(self, pmo_id: str | None = None) -> Snapshots:
        """The snapshots of one PMO (or of every PMO, by PMO id), oldest first."""
        sa = self._sa
        table = self._snapshots
        query = sa.select(table).order_by(*self._order())
        if pmo_id is not None:
            query = query.where(table.c.pmo_id == pmo_id)
        else:
            query = query.order_by(None).order_by(table.c.pmo_id, *self._order())
        with self._driver_errors("read"), self._engine.connect() as conn:
            rows = conn.execute(query).all()
        if pmo_id is not None and not rows:
            raise UnknownIdError("PMO", pmo_id, self.pmos())
        return Snapshots(tuple(_snapshot(row) for row in rows))

    def get(
        self, pmo_id: str, as_of: datetime.date | None = None, *, catalog: Catalog | None = None
    ) -> PMO:
        """The PMO as its latest snapshot dated on or before ``as_of`` (the latest of all without it).

        Raises :class:`~valuering.errors.UnknownIdError` for a PMO with no snapshot and
        :class:`StoreError` when none is as old as ``as_of``.
        """
        sa = self._sa
        table = self._snapshots
        query = sa.select(table.c.document).where(table.c.pmo_id == pmo_id)
        if as_of is not None:
            query = query.where(table.c.as_of <= as_of.isoformat())
        query = query.order_by(*(c.desc() for c in self._order())).limit(1)
        with self._driver_errors("read"), self._engine.connect() as conn:
            document = conn.execute(query).scalar_one_or_none()
        if document is None:
            known = self.pmos()
            if pmo_id not in known:
                raise UnknownIdError("PMO", pmo_id, known)
            raise StoreError(f"no dated snapshot of {pmo_id!r} on or before {as_of}")
        return loads(
            document,
            "json",
            catalog=catalog or self._catalog,
            source=f"{pmo_id} in {self._shown()}",
        )

    def trend(self, pmo_id: str, figure: str) -> Trend:
        """One figure of one PMO over its snapshots, oldest first (see :func:`headline_figures` for
        the figure names). Raises :class:`~valuering.errors.UnknownIdError` for an unknown PMO or a
        figure none of its snapshots has."""
        sa = self._sa
        snapshots, figures = self._snapshots, self._figures
        query = (
            sa.select(snapshots.c.id, snapshots.c.as_of, figures.c.value)
            .join(figures, figures.c.snapshot_id == snapshots.c.id)
            .where(snapshots.c.pmo_id == pmo_id, figures.c.figure == figure)
            .order_by(*self._order())
        )
        with self._driver_errors("read"), self._engine.connect() as conn:
            rows = conn.execute(query).all()
            if not rows:
                names = conn.execute(
                    sa.select(figures.c.figure)
                    .distinct()
                    .join(snapshots, figures.c.snapshot_id == snapshots.c.id)
                    .where(snapshots.c.pmo_id == pmo_id)
                ).scalars()
                known = sorted(names)
        if not rows:
            if not known:
                raise UnknownIdError("PMO", pmo_id, self.pmos())
            raise UnknownIdError("figure", figure, known)
        points = tuple(
            TrendPoint(
                row.id,
                None if row.as_of is None else datetime.date.fromisoformat(row.as_of),
                row.value,
            )
            for row in rows
        )
        return Trend(pmo_id, figure, points)

    def percentile(
        self,
        pmo: PMO,
        figure: str,
        *,
        industry: str | None = None,
        scope: str | None = None,
        catalog: Catalog | None = None,
    ) -> Benchmark:
        """Where ``pmo``'s ``figure`` stands among the latest snapshot of every other PMO in the store
        (with the same ``industry`` sector and mandate ``scope`` when given):
        100 * (below + 0.5 * equal) / compared, formula 16 in docs/design.md (ours).

        Raises :class:`~valuering.errors.ValidationError` for an unsound model and
        :class:`~valuering.errors.UnknownIdError` for a figure the model has no number for.
        """
        values = headline_figures(pmo, catalog=catalog or self._catalog).numbers()
        if figure not in values:
            raise UnknownIdError("figure", figure, values)
        value = values[figure]
        below, equal, compared = self._rank(pmo.id, figure, value, industry, scope)
        return Benchmark(pmo.id, figure, value, below, equal, compared, industry, scope)

    def _rank(
        self, pmo_id: str, figure: str, value: float, industry: str | None, scope: str | None
    ) -> tuple[int, int, int]:
        sa = self._sa
        snapshots, figures = self._snapshots, self._figures
        order = self._order()
        ranked = (
            sa.select(
                snapshots.c.id,
                snapshots.c.industry,
                snapshots.c.scope,
                sa.func.row_number()
                .over(partition_by=snapshots.c.pmo_id, order_by=[c.desc() for c in order])
                .label("rank"),
            )
            .where(snapshots.c.pmo_id != pmo_id)
            .subquery()
        )
        conditions = [ranked.c.rank == 1, figures.c.figure == figure]
        if industry is not None:
            conditions.append(ranked.c.industry == industry)
        if scope is not None:
            conditions.append(ranked.c.scope == scope)
        query = (
            sa.select(
                sa.func.count(sa.case((figures.c.value < value, 1))),
                sa.func.count(sa.case((figures.c.value == value, 1))),
                sa.func.count(),
            )
            .select_from(ranked.join(figures, figures.c.snapshot_id == ranked.c.id))
            .where(*conditions)
        )
        with self._driver_errors("read"), self._engine.connect() as conn:
            below, equal, compared = conn.execute(query).one()
        return int(below), int(equal), int(compared)

    # -- files ---------------------------------------------------------------------------------

    def export(self, folder: str | Path) -> list[Path]:
        """Write every snapshot as a JSON model file, ``FOLDER/PMO/AS_OF-HASH.json`` (``undated``
        for a model without ``as_of``); returns the paths. :meth:`import_files` reads them back."""
        sa = self._sa
        table = self._snapshots
        query = sa.select(table.c.pmo_id, table.c.as_of, table.c.content_hash, table.c.document)
        written = []
        with self._driver_errors("export"), self._engine.connect() as conn:
            rows = conn.execute(query.order_by(table.c.pmo_id, *self._order())).all()
        for row in rows:
            path = (
                Path(folder) / row.pmo_id / f"{row.as_of or 'undated'}-{row.content_hash[:16]}.json"
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text(
                path, json.dumps(json.loads(row.document), indent=2, ensure_ascii=False) + "\n"
            )
            written.append(path)
        return written

    def import_files(
        self, paths: str | Path | Sequence[str | Path], *, catalog: Catalog | None = None
    ) -> Snapshots:
        """Add model files (a folder means every model file under it) in one transaction, each once.

        Every file is read and checked first: one bad file raises its
        :class:`~valuering.errors.ValidationError` and stores nothing.
        """
        items = [paths] if isinstance(paths, str | Path) else list(paths)
        files: list[Path] = []
        for item in map(Path, items):
            if item.is_dir():
                files += sorted(
                    p for p in item.rglob("*") if p.suffix in _MODEL_SUFFIXES and p.is_file()
                )
            else:
                files.append(item)
        models = [load(path, catalog=catalog or self._catalog) for path in files]
        return self.add_all(models, catalog=catalog)
