"""Connecting to the head-office database, migrating it, and the one change sequence.

Sequence visibility: a pull must never hand out a cursor that skips a transaction
still committing. Every row a pull reads by number (records, the per-technician
feed, tombstones) carries a number from one global sequence, and transactions
become visible in the order of their numbers:

* PostgreSQL: a writing transaction does its work with **provisional** numbers
  (``next_seq``): a block of its own, far above any real number, taken from a
  database sequence without any lock, so pushes of different technicians run side
  by side. Its end is the commit-ordering step (``commit_in_order``), sent to the
  server as **one message**: bump the ``counters`` row by as many numbers as the
  transaction used (that row lock is held until COMMIT, so the next transaction's
  step waits for it), shift the provisional numbers onto the real ones in every
  table that holds them, record the range in the timeline, COMMIT. Real numbers are
  therefore handed out in commit order, and a pull at REPEATABLE READ that sees the
  counter at N sees every row numbered up to N. The lock lives for the database's
  own execution of a few indexed updates and the commit's WAL flush; no round trip
  to Python happens while it is held (on two busy cores each one waited for the
  scheduler, and every other push waited on it).
* SQLite: every writing transaction starts with ``BEGIN IMMEDIATE``, which takes
  the single write lock of the file; writes are serialised by SQLite itself and
  take real numbers at once.

Reads (pulls) take no lock. Several uvicorn workers against one PostgreSQL share
nothing else.
"""

from __future__ import annotations

import itertools
import os
import secrets
import time
import uuid
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from platformdirs import user_data_dir
from sqlalchemy.engine import Connection, Engine

from sync.server import tables as t

_MIGRATION_KEY = 7_301_956
# Provisional numbers live above every real one: the transaction on PostgreSQL server
# process b uses [PROVISIONAL_FLOOR + b * BLOCK, PROVISIONAL_FLOOR + (b + 1) * BLOCK).
PROVISIONAL_FLOOR = 1 << 62
PROVISIONAL_BLOCK = 1 << 24  # far more rows than one transaction writes
# Columns that may hold provisional numbers, renumbered by the commit-ordering step
# (each indexed on its number). ``records`` also keeps one in each field's writer (its
# ``writers`` JSON). The conflict log takes the counter's current (real) value, so it
# never holds one.
SEQ_COLUMNS = (("records", "seq"), ("feed", "seq"), ("tombstones", "seq"), ("mutation_log", "seq"))
_COUNTED = "counted"  # conn.info: the counter's value after this transaction's last take
_COMMITTED = "committed_in_order"  # conn.info: commit_in_order has ended the transaction
_SNAPSHOT_READS = "snapshot_reads"  # conn.info: values read once in a read transaction
_PULL_META = ("epoch", "purged_through_seq")  # read together by each pull


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
            # SQLite checks the record tables' foreign keys only when asked, per connection.
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            # Reads take a WAL snapshot (deferred BEGIN); writes take the write lock up front.
            deferred = conn.get_execution_options().get("read_only_snapshot", False)
            conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

        return _watch_for_lazy_savepoints(engine)
    return _watch_for_lazy_savepoints(
        sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    )


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision, then make sure the meta rows exist."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.connect() as conn, _foreign_keys_unchecked(conn), conn.begin():
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
def _foreign_keys_unchecked(conn: Connection) -> Iterator[None]:
    """On SQLite, migrations copy rows as they were, even one an earlier bug left pointing
    at nothing (PostgreSQL adds its keys NOT VALID instead). The pragma only takes effect
    outside a transaction, so it is set on the raw connection before BEGIN."""
    if is_postgres(conn):
        yield
        return
    raw = conn.connection.dbapi_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys = ON")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that may allocate sequence numbers: see the module docstring.

    It ends with ``commit_in_order`` unless the body called it already."""
    with engine.begin() as conn:
        if is_postgres(conn):
            conn.info["provisional"] = _Block()
        conn.info["taken"] = []  # the real numbers this transaction took: [(first, last)]
        try:
            yield conn
            if not conn.info.get(_COMMITTED):
                commit_in_order(conn)
        finally:
            for key in ("provisional", "taken", _COUNTED, _COMMITTED):
                conn.info.pop(key, None)


class Committed:
    """What ``commit_in_order`` leaves: each number this transaction handed out as it
    was committed (``real``), and the counter after it (``seq``)."""

    def __init__(self, real: Callable[[int], int], seq: int) -> None:
        self.real = real
        self.seq = seq


def commit_in_order(conn: Connection) -> Committed:
    """End a ``write_transaction``: the commit-ordering step and COMMIT, in one message
    on PostgreSQL (see the module docstring). Nothing may run on ``conn`` after it."""
    block: _Block | None = conn.info.get("provisional")
    taken: list[tuple[int, int]] = conn.info.get("taken") or []
    if block is None or block.base is None or block.used == 0:
        # SQLite (real numbers already), or nothing numbered since the last stamp.
        seq = current_seq(conn)
        _note_timeline(conn)
        _commit_now(conn)
        return Committed(_same, seq)
    base, used = block.base, block.used
    block.base, block.used = None, 0
    counter = "(SELECT value FROM counters WHERE name = 'seq')"
    offset = f"({counter} - {used - 1} - {base})"  # the first real number minus base
    statements = [f"UPDATE counters SET value = value + {used} WHERE name = 'seq' RETURNING value"]
    statements += _shift_statements(base, base + used, offset)
    # Earlier stamps of this transaction took real ranges already; this one's range is
    # known only to the database until the message is answered.
    statements += [
        "INSERT INTO timeline (first_seq, last_seq, token) "
        f"VALUES ({int(first)}, {int(last)}, '{secrets.token_hex(8)}')"
        for first, last in taken
    ]
    statements.append(
        "INSERT INTO timeline (first_seq, last_seq, token) "
        f"SELECT value - {used - 1}, value, '{secrets.token_hex(8)}' "
        "FROM counters WHERE name = 'seq'"
    )
    statements.append("COMMIT")
    raw: Any = conn.connection.dbapi_connection  # psycopg's own, for its prepare=False
    # No parameters, so psycopg sends the simple query protocol, which takes several
    # statements in one message; every value in it is an int or a hex token.
    cursor = raw.cursor()
    try:
        cursor.execute("; ".join(statements), prepare=False)
        value = int(cursor.fetchone()[0])
    finally:
        cursor.close()
    conn.info[_COMMITTED] = True
    conn.info[_COUNTED] = value
    shift = value - used + 1 - base

    def real(number: int) -> int:
        return number + shift if base <= number < base + used else number

    return Committed(real, value)


def _commit_now(conn: Connection) -> None:
    """COMMIT on the DBAPI connection; SQLAlchemy's own commit at the end of the block
    then finds no transaction open and sends nothing (psycopg and sqlite3 both skip it)."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    raw.commit() if is_postgres(conn) else raw.execute("COMMIT")
    conn.info[_COMMITTED] = True


def _shift_statements(base: int, end: int, offset: str) -> list[str]:
    """SQL moving the numbers in [base, end) by ``offset`` (an SQL expression) in every
    column that may hold one, each field's writer in ``records.writers`` included."""
    inside = f"BETWEEN {int(base)} AND {int(end) - 1}"
    writer_seq = "(e.value->>1)::bigint"
    writers = (
        "CASE WHEN writers = '{}' THEN writers ELSE ("
        f"SELECT jsonb_object_agg(e.key, CASE WHEN {writer_seq} {inside} "
        f"THEN jsonb_build_array(e.value->0, {writer_seq} + {offset}) ELSE e.value END)::text "
        "FROM jsonb_each(writers::jsonb) AS e) END"
    )
    statements = [
        f"UPDATE records SET seq = seq + {offset}, writers = {writers} WHERE seq {inside}"
    ]
    statements += [
        f"UPDATE {table} SET {column} = {column} + {offset} WHERE {column} {inside}"
        for table, column in SEQ_COLUMNS
        if table != "records"
    ]
    return statements


def _note_timeline(conn: Connection) -> None:
    """Record the numbers this transaction took under a token of its own (restore.py)."""
    taken: list[tuple[int, int]] = conn.info.get("taken") or []
    if taken:
        conn.execute(
            t.timeline.insert(),
            [
                {"first_seq": first, "last_seq": last, "token": secrets.token_hex(8)}
                for first, last in taken
            ],
        )


class _Block:
    """The provisional numbers one PostgreSQL transaction has handed out so far."""

    def __init__(self) -> None:
        self.base: int | None = None
        self.used = 0


_savepoints = itertools.count(1)
_LAZY = "lazy_savepoints"  # conn.info: the open lazy savepoints, [name, taken] each
_listening: weakref.WeakSet[Engine] = weakref.WeakSet()
_watched: weakref.WeakSet[Connection] = weakref.WeakSet()


def _watch_for_lazy_savepoints(engine: Engine) -> Engine:
    sa.event.listen(engine, "before_cursor_execute", _take_lazy_savepoints)
    _listening.add(engine)
    return engine


def _take_lazy_savepoints(conn: Connection, cursor: Any, statement: str, *_rest: Any) -> None:
    if conn.info.get(_COMMITTED):
        # psycopg would open a new transaction for it, outside the commit-ordering step.
        raise RuntimeError("statement after commit_in_order ended the transaction")
    pending: list[list[Any]] | None = conn.info.get(_LAZY)
    if not pending or pending[-1][1] or statement.lstrip()[:6].upper() == "SELECT":
        return
    for entry in pending:  # outer ones first, should a block be nested
        if not entry[1]:
            cursor.execute(f"SAVEPOINT {entry[0]}")
            entry[1] = True


@contextmanager
def lazy_savepoint(conn: Connection) -> Iterator[None]:
    """Like ``conn.begin_nested()``, but the SAVEPOINT is sent just before the block's
    first statement that is not a SELECT, and not at all for a block that only reads.

    Most mutations of a push only read (their rows wait for the push's one batch
    insert), so a savepoint each would double the statements of a push. An error in the
    block rolls back to the savepoint, if one was taken, and propagates. One listener
    per engine watches the statements (adding and removing one per block cost more than
    the block's own work).
    """
    if conn.engine not in _listening and conn not in _watched:
        # An engine not made by make_engine: watch this connection (an engine's listener
        # added now would not reach a connection that began without any).
        sa.event.listen(conn, "before_cursor_execute", _take_lazy_savepoints)
        _watched.add(conn)
    entry: list[Any] = [f"lazy_sp_{next(_savepoints)}", False]
    pending: list[list[Any]] = conn.info.setdefault(_LAZY, [])
    pending.append(entry)
    try:
        yield
    except BaseException:
        pending.remove(entry)
        if entry[1]:
            conn.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {entry[0]}")
        raise
    pending.remove(entry)
    if entry[1]:
        conn.exec_driver_sql(f"RELEASE SAVEPOINT {entry[0]}")


@contextmanager
def quick_read(engine: Engine) -> Iterator[Connection]:
    """A read that needs no snapshot across statements (a token check): autocommit on
    PostgreSQL (one round trip, no BEGIN and COMMIT around it), a deferred (non-locking)
    transaction on SQLite."""
    options = (
        {"isolation_level": "AUTOCOMMIT"} if is_postgres(engine) else {"read_only_snapshot": True}
    )
    with engine.connect().execution_options(**options) as conn, conn.begin():
        yield conn


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """One consistent snapshot for a pull (REPEATABLE READ on PostgreSQL)."""
    if is_postgres(engine):
        snapshot = engine.connect().execution_options(isolation_level="REPEATABLE READ")
    else:
        snapshot = engine.connect().execution_options(read_only_snapshot=True)
    with snapshot as conn, conn.begin():
        # Nothing changes inside a snapshot: the counter, a meta value or a timeline
        # token read twice (the restore check, then the page) is read once.
        conn.info[_SNAPSHOT_READS] = {}
        try:
            yield conn
        finally:
            conn.info.pop(_SNAPSHOT_READS, None)


def _read_once(conn: Connection, key: tuple[Any, ...], read: Callable[[], Any]) -> Any:
    memo: dict[tuple[Any, ...], Any] | None = conn.info.get(_SNAPSHOT_READS)
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def next_seq(conn: Connection, count: int = 1) -> int:
    """Allocate ``count`` sequence numbers; returns the first. Call inside write_transaction.

    On PostgreSQL the numbers are provisional until the commit-ordering step
    (``commit_in_order`` when the transaction ends, or ``stamp`` before), which shifts
    them wherever they were stored and maps them to real ones for the caller.
    """
    block: _Block | None = conn.info.get("provisional")
    if block is None:
        return _take_real(conn, count)
    if block.base is None:
        # A block needs to be unique only among transactions open at the same time: the
        # commit-ordering step moves every provisional number onto a real one before
        # COMMIT (or the transaction rolls back with them). The server process's id is,
        # and psycopg knows it from the connection's start, so no round trip is needed.
        raw: Any = conn.connection.dbapi_connection
        block.base = PROVISIONAL_FLOOR + int(raw.info.backend_pid) * PROVISIONAL_BLOCK
    if block.used + count > PROVISIONAL_BLOCK:
        raise RuntimeError("one transaction wrote more rows than a provisional block holds")
    first = block.base + block.used
    block.used += count
    return first


def _take_real(conn: Connection, count: int) -> int:
    value = conn.execute(
        t.counters.update()
        .where(t.counters.c.name == "seq")
        .values(value=t.counters.c.value + count)
        .returning(t.counters.c.value)
    ).scalar_one()
    # The counter row stays locked by this transaction until it ends, so this is the
    # current number for the rest of it (``current_seq`` need not ask again).
    conn.info[_COUNTED] = int(value)
    first = int(value) - count + 1
    taken: list[tuple[int, int]] | None = conn.info.get("taken")
    if taken is not None:
        if taken and taken[-1][1] + 1 == first:
            taken[-1] = (taken[-1][0], int(value))  # one range for consecutive takes
        else:
            taken.append((first, int(value)))
    return first


def timeline_token(conn: Connection, number: int) -> str:
    """The token of the transaction that took ``number`` ("" for 0 or an unrecorded one)."""
    if number <= 0:
        return ""

    def read() -> str:
        row = conn.execute(
            sa.select(t.timeline.c.last_seq, t.timeline.c.token)
            .where(t.timeline.c.first_seq <= number)
            .order_by(t.timeline.c.first_seq.desc())
            .limit(1)
        ).first()
        return str(row.token) if row is not None and row.last_seq >= number else ""

    return str(_read_once(conn, ("timeline", number), read))


def stamp(conn: Connection) -> Callable[[int], int]:
    """The commit-ordering step in the middle of a transaction (``commit_in_order``
    ends one): give this transaction's provisional numbers real ones now.

    Returns the mapping from a number handed out by ``next_seq`` to the number it
    now has (identity on SQLite and for real numbers). The counter row stays locked
    until COMMIT, so nothing may take long after this; a later ``next_seq`` starts
    a new provisional block, numbered when the transaction ends.
    """
    block: _Block | None = conn.info.get("provisional")
    if block is None or block.base is None or block.used == 0:
        return _same
    base, used = block.base, block.used
    block.base, block.used = None, 0
    offset = _take_real(conn, used) - base
    for statement in _shift_statements(base, base + used, str(offset)):
        conn.exec_driver_sql(statement)

    def real(number: int) -> int:
        return number + offset if base <= number < base + used else number

    return real


def _same(number: int) -> int:
    return number


def read_pull_state(conn: Connection, cursor: int, client_id: str | None) -> tuple[int, str] | None:
    """What a pull reads before its page, in one statement of a read transaction: the
    counter, the epoch and purge mark, the token of the transaction that issued
    ``cursor`` (kept for ``current_seq``, ``meta_value`` and ``timeline_token`` to
    answer from), and the device's row in ``clients`` (last mutation id, technician),
    returned (None for a device head office does not know).

    An idle pull is most of what head office serves, and each statement costs more in
    the layers around it than in the database."""
    memo: dict[tuple[Any, ...], Any] | None = conn.info.get(_SNAPSHOT_READS)
    if memo is None:
        raise RuntimeError("read_pull_state needs a read_transaction")
    m, c, tl, dev = t.meta.c, t.counters.c, t.timeline.c, t.clients.c

    def meta(key: str) -> Any:
        return sa.select(m.value).where(m.key == key).scalar_subquery()

    issued = sa.select().where(tl.first_seq <= cursor).order_by(tl.first_seq.desc()).limit(1)
    device = sa.select().where(dev.client_id == (client_id or ""))
    row = conn.execute(
        sa.select(
            sa.select(c.value).where(c.name == "seq").scalar_subquery(),
            *(meta(key) for key in _PULL_META),
            issued.add_columns(tl.token).scalar_subquery(),
            issued.add_columns(tl.last_seq).scalar_subquery(),
            device.add_columns(dev.last_mutation_id).scalar_subquery(),
            device.add_columns(dev.technician).scalar_subquery(),
        )
    ).one()
    seq, *pull_meta, token, last_seq, last_mutation, owner = row
    memo[("seq",)] = int(seq)
    memo[("meta",)] = {key: str(value) for key, value in zip(_PULL_META, pull_meta, strict=True)}
    if cursor > 0:
        memo[("timeline", cursor)] = str(token) if token is not None and last_seq >= cursor else ""
    if client_id is None or owner is None:
        return None
    return int(last_mutation), str(owner)


def current_seq(conn: Connection) -> int:
    counted = conn.info.get(_COUNTED)
    if counted is not None:
        return int(counted)
    return int(
        _read_once(
            conn,
            ("seq",),
            lambda: conn.execute(
                sa.select(t.counters.c.value).where(t.counters.c.name == "seq")
            ).scalar_one(),
        )
    )


def meta_value(conn: Connection, key: str) -> str:
    if key in _PULL_META and conn.info.get(_SNAPSHOT_READS) is not None:
        # A pull reads the epoch and the purge mark: both in one statement.
        return str(
            _read_once(
                conn,
                ("meta",),
                lambda: {
                    str(name): str(value)
                    for name, value in conn.execute(
                        sa.select(t.meta.c.key, t.meta.c.value).where(t.meta.c.key.in_(_PULL_META))
                    )
                },
            )[key]
        )
    return str(
        _read_once(
            conn,
            ("meta", key),
            lambda: conn.execute(sa.select(t.meta.c.value).where(t.meta.c.key == key)).scalar_one(),
        )
    )


def set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(t.meta.update().where(t.meta.c.key == key).values(value=value))


def now() -> float:
    return time.time()
