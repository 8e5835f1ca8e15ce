"""Connecting to the head-office database, migrating it, and the one change sequence.

Sequence visibility: a pull must never hand out a cursor that skips a transaction
still committing. Every transaction that writes takes one lock for its whole life
(``write_transaction``) and allocates sequence numbers from the ``counters`` row
inside it, so transactions that write commit in the order of their numbers:

* PostgreSQL: ``pg_advisory_xact_lock`` at the start of the transaction, released by
  COMMIT/ROLLBACK. A second writer waits until the first has committed, then reads
  the counter it left. Pulls run at REPEATABLE READ, so one pull sees one snapshot,
  and that snapshot holds every sequence number up to the highest it sees.
* SQLite: every transaction starts with ``BEGIN IMMEDIATE``, which takes the single
  write lock of the file; writes are serialised by SQLite itself.

Holding one lock per writing transaction limits write throughput to one at a time,
which is far above what a service company's technicians produce; reads (pulls) do
not take it. Several uvicorn workers against one PostgreSQL share nothing else.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from platformdirs import user_data_dir
from sqlalchemy.engine import Connection, Engine

from sync.server import tables as t

_ADVISORY_KEY = 7_301_955  # any constant; the lock of the change sequence
_MIGRATION_KEY = 7_301_956


def default_db_url() -> str:
    folder = Path(os.environ.get("TECH_APP_SERVER_DIR") or user_data_dir("tech-app-server", False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'head-office.sqlite3'}"


def normalise_url(url: str) -> str:
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:  # a bare path means a SQLite file
        return f"sqlite:///{Path(url).resolve()}"
    return url


def is_postgres(engine_or_conn: Engine | Connection) -> bool:
    return engine_or_conn.dialect.name == "postgresql"


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @sa.event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE itself (SQLAlchemy's
            # documented recipe for pysqlite); WAL lets readers run beside the writer.
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA busy_timeout = 30000")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            # Reads take a WAL snapshot (deferred BEGIN); writes take the write lock up front.
            deferred = conn.get_execution_options().get("read_only_snapshot", False)
            conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision, then make sure the meta rows exist."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        if is_postgres(conn):
            # Several workers may start at once; one migrates, the others wait and find it done.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_KEY})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        if conn.execute(sa.select(t.meta.c.value).where(t.meta.c.key == "epoch")).first() is None:
            conn.execute(
                t.meta.insert(),
                [
                    {"key": "epoch", "value": str(uuid.uuid4())},
                    {"key": "purged_through_seq", "value": "0"},
                ],
            )
            conn.execute(t.counters.insert(), [{"name": "seq", "value": 0}])


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that may allocate sequence numbers: see the module docstring."""
    with engine.begin() as conn:
        if is_postgres(conn):
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_KEY})
        yield conn


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """One consistent snapshot for a pull (REPEATABLE READ on PostgreSQL)."""
    if is_postgres(engine):
        snapshot = engine.connect().execution_options(isolation_level="REPEATABLE READ")
        with snapshot as conn, conn.begin():
            yield conn
    else:
        snapshot = engine.connect().execution_options(read_only_snapshot=True)
        with snapshot as conn, conn.begin():
            yield conn


def next_seq(conn: Connection, count: int = 1) -> int:
    """Allocate ``count`` sequence numbers; returns the first. Call inside write_transaction."""
    value = conn.execute(
        t.counters.update()
        .where(t.counters.c.name == "seq")
        .values(value=t.counters.c.value + count)
        .returning(t.counters.c.value)
    ).scalar_one()
    return int(value) - count + 1


def current_seq(conn: Connection) -> int:
    return int(
        conn.execute(sa.select(t.counters.c.value).where(t.counters.c.name == "seq")).scalar_one()
    )


def meta_value(conn: Connection, key: str) -> str:
    return str(conn.execute(sa.select(t.meta.c.value).where(t.meta.c.key == key)).scalar_one())


def set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(t.meta.update().where(t.meta.c.key == key).values(value=value))


def now() -> float:
    return time.time()
