"""Writers in parallel, cursors still safe; pulls by index range.

Before: every writing transaction took one advisory lock for its whole life, so a
second technician's push waited for the first to commit; and a pull ran a query
over every granted or job-related record after the cursor (``history.triggers``),
whatever technician they belonged to.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

from sync.server import auth, dispatch, restore, store
from sync.server.db import make_engine, migrate, read_transaction, write_transaction
from tech_app.records import Job
from tests.sync.conftest import DAY
from tests.sync.test_blob_owner import empty_database as _empty_database


@pytest.fixture
def pg_engine(pg_database: str) -> Iterator[Engine]:
    engine = make_engine(pg_database)
    migrate(engine)
    yield engine
    engine.dispose()


def _job(conn: Connection, job_id: str) -> Job:
    from tech_app.records.codec import from_row

    found = store.load(conn, "jobs", job_id)
    assert found is not None
    return from_row(Job, found.data)


def _dispatch_one_job(
    engine: Engine, technician: str, *, before_revision_0007: bool = False
) -> str:
    from sync.server.office import rekey
    from tech_app.demo import build_demo

    with write_transaction(engine) as conn:
        auth.add_technician(conn, technician, "secret-pass")
        records = rekey(build_demo(DAY, technician).records, technician, prefix=technician)
        if before_revision_0007:
            records = _as_before_0007(records)
        for record in records:
            dispatch.put_record(conn, record)
    with read_transaction(engine) as conn:
        jobs = [c for c in store.pull(conn, technician, 0, 10_000)["changes"]]
    return next(str(c["id"]) for c in jobs if c["table"] == "jobs")


def _as_before_0007(records: Iterable[object]) -> list[object]:
    """The demo as a head office of revision 0006 could hold it (a downgrade to it keeps
    everything): no service-system records, customers and contracts without their fields."""
    from tech_app.records import Contract, Customer
    from tech_app.records.codec import TABLES

    older = ("complaints", "loans", "training_attendance", "refunds")
    kept: list[object] = []
    for record in records:
        if TABLES[type(record)] in older:
            continue
        if isinstance(record, Customer):
            record = dataclasses.replace(record, purchase_reason="", promises="")
        if isinstance(record, Contract):
            defaults = {f.name: f.default for f in dataclasses.fields(Contract)}
            new = ("visit_type", "trainings_per_year", "delivered_quantity")
            new += ("spare_share_percent", "spare_part_id", "spare_holder")
            record = dataclasses.replace(record, **{name: defaults[name] for name in new})
        kept.append(record)
    return kept


def _problem_of(page: dict[str, Any], job_id: str) -> list[str]:
    return [c["row"]["problem"] for c in page["changes"] if c["id"] == job_id and c["row"]]


def test_two_technicians_write_at_once_and_no_cursor_skips_the_slower(
    pg_engine: Engine,
) -> None:
    a, b = f"pa{uuid.uuid4().hex[:8]}", f"pb{uuid.uuid4().hex[:8]}"
    job_a, job_b = _dispatch_one_job(pg_engine, a), _dispatch_one_job(pg_engine, b)
    with ExitStack() as slow:
        # A's write is under way (uncommitted) when B's starts ...
        conn_a = slow.enter_context(write_transaction(pg_engine))
        changed_a = dataclasses.replace(_job(conn_a, job_a), problem="漏气 (A, slow)")
        dispatch.put_record(conn_a, changed_a)
        # ... and B must not wait for A: with a lock held for a whole transaction this
        # fails with "canceling statement due to lock timeout".
        impatient = sa.create_engine(
            pg_engine.url, connect_args={"options": "-c lock_timeout=3s"}, poolclass=NullPool
        )
        with write_transaction(impatient) as conn_b:
            changed_b = dataclasses.replace(_job(conn_b, job_b), problem="漏水 (B, fast)")
            dispatch.put_record(conn_b, changed_b)
        impatient.dispose()
        with read_transaction(pg_engine) as conn:
            before_a_commits = store.pull(conn, a, 0, 10_000)
            seen_b = store.pull(conn, b, 0, 10_000)
        assert _problem_of(seen_b, job_b) == ["漏水 (B, fast)"]
        assert "漏气 (A, slow)" not in str(before_a_commits["changes"])
    # A has committed after B; the cursor A's device got before must not skip A's write.
    with read_transaction(pg_engine) as conn:
        after = store.pull(conn, a, before_a_commits["cursor"], 10_000)
    assert _problem_of(after, job_a) == ["漏气 (A, slow)"]
    assert after["cursor"] > before_a_commits["cursor"]


def _statements_of_pull(engine: Engine, technician: str, cursor: int) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def note(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        seen.append((statement, params))

    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        with read_transaction(engine) as conn:
            # As the route runs it: the restore check's one read, then the page.
            restore.first_missing_mutation(conn, technician, "laptop-1", 0, cursor)
            store.pull(conn, technician, cursor, 500)
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    return seen


def test_an_idle_pull_reads_index_ranges_of_this_technician_only(tmp_path: Path) -> None:
    # SQLite's EXPLAIN QUERY PLAN names the index and its constraint per table; the
    # same queries run on PostgreSQL with the same indexes.
    engine = make_engine(f"sqlite:///{tmp_path / 'head-office.sqlite3'}")
    migrate(engine)
    tech = f"pi{uuid.uuid4().hex[:8]}"
    _dispatch_one_job(engine, tech)
    _dispatch_one_job(engine, f"po{uuid.uuid4().hex[:8]}")  # a colleague's data beside
    with read_transaction(engine) as conn:
        cursor = store.pull(conn, tech, 0, 10_000)["cursor"]
    plans: list[str] = []
    statements = [(q, a) for q, a in _statements_of_pull(engine, tech, cursor) if q != "BEGIN"]
    # The counter, meta, timeline and device in one statement, then the probe: nothing
    # else for an empty page (the page answers from what the first one read).
    assert len(statements) == 2, [s for s, _ in statements]
    with engine.connect() as conn:
        for statement, params in statements:
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params).all()
            plans += [str(row[-1]) for row in rows]
    engine.dispose()
    # No table is scanned, and every read of the change tables is a range keyed by the
    # technician (or the catalogue's owner "*"), never by the sequence alone.
    assert plans
    # (The idle probe's "SELECT 1 WHERE EXISTS ..." has no table: SQLite's CONSTANT ROW.)
    assert not [p for p in plans if p.startswith("SCAN") and p != "SCAN CONSTANT ROW"], plans
    ranges = [
        p for p in plans if any(f"SEARCH {n} " in p for n in ("records", "feed", "tombstones"))
    ]
    assert ranges and all(
        "owner=?" in p or "technician=?" in p or "table_name=? AND id=?" in p for p in ranges
    ), ranges


def test_a_purge_after_a_reassignment_in_one_transaction_keeps_a_real_horizon(
    pg_engine: Engine,
) -> None:
    # The tombstones of the reassignment carry provisional numbers until the commit-
    # ordering step; a horizon taken from them before it would send every device into
    # an endless "resync required".
    import time

    from sync.server.db import current_seq, meta_value

    a, b = f"ra{uuid.uuid4().hex[:8]}", f"rb{uuid.uuid4().hex[:8]}"
    job_a = _dispatch_one_job(pg_engine, a)
    _dispatch_one_job(pg_engine, b)
    with write_transaction(pg_engine) as conn:
        dispatch.assign(conn, job_a, b)
        store.purge_tombstones(conn, time.time() + 1)
    with read_transaction(pg_engine) as conn:
        assert 0 < int(meta_value(conn, "purged_through_seq")) <= current_seq(conn)


empty_database = _empty_database  # the fixture, under its own name


def test_the_feed_migration_gives_every_device_what_it_pulled_before(
    empty_database: str,
) -> None:
    # A head office as 0003 left it has no feed: migration 0004 must build it so a pull
    # from zero sends the same rows, and a device's cursor keeps its meaning: before,
    # a device at cursor c had every visible row numbered (records.seq) up to c, so a
    # pull from c must now bring every visible row numbered after it.
    from alembic import command
    from alembic.config import Config

    from sync.server import tables as t

    engine = make_engine(empty_database)
    migrate(engine)
    a, b = f"ma{uuid.uuid4().hex[:8]}", f"mb{uuid.uuid4().hex[:8]}"
    job_a = _dispatch_one_job(engine, a, before_revision_0007=True)
    _dispatch_one_job(engine, b, before_revision_0007=True)
    with write_transaction(engine) as conn:
        dispatch.assign(conn, job_a, b)  # grants move, tombstones for a

    def pulls(cursor_of: dict[str, int]) -> dict[str, set[tuple[str, str, str]]]:
        found = {}
        with read_transaction(engine) as conn:
            for tech in (a, b):
                for name, cursor in ((f"{tech}@0", 0), (f"{tech}@c", cursor_of.get(tech, 0))):
                    page = store.pull(conn, tech, cursor, 100_000)["changes"]
                    found[name] = {(c["table"], c["id"], str(c.get("row"))) for c in page}
        return found

    with read_transaction(engine) as conn:
        numbered = {
            (r.table_name, r.id): r.seq
            for r in conn.execute(
                sa.select(t.records.c.table_name, t.records.c.id, t.records.c.seq)
            )
        }
    before = pulls({})
    middle = {tech: sorted(numbered.values())[len(numbered) // 2] for tech in (a, b)}
    config = Config()
    config.set_main_option("script_location", str(Path(t.__file__).parent / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")
    migrate(engine)
    after = pulls(middle)
    engine.dispose()
    for tech in (a, b):
        assert after[f"{tech}@0"] == before[f"{tech}@0"]
        owed = {
            change
            for change in before[f"{tech}@0"]
            if numbered.get((change[0], change[1]), 0) > middle[tech]
        }
        assert owed and owed <= after[f"{tech}@c"]


def _time_entry_mutations(technician: str, job_id: str, *, then_update: bool) -> list[Any]:
    from bench.office_push import labour_entries
    from sync.protocol import Mutation
    from tech_app.records.codec import RECORD_SCHEMA

    rows = labour_entries(technician, job_id, 3)  # the push herd's rows, three of them
    mutations = [
        Mutation(n + 1, "time_entries", str(row["id"]), "insert", row, 0, RECORD_SCHEMA)
        for n, row in enumerate(rows)
    ]
    if then_update:  # the same push changes a row it created: it goes in before the stamp
        changed = {**rows[0], "ended_at": rows[0]["started_at"]}
        mutations.append(
            Mutation(4, "time_entries", str(rows[0]["id"]), "update", changed, 1, RECORD_SCHEMA)
        )
    return mutations


@pytest.mark.parametrize("then_update", [False, True])
def test_a_push_leaves_only_real_numbers_behind(pg_engine: Engine, then_update: bool) -> None:
    """A push's rows go in with provisional numbers and the commit-ordering step, sent
    with COMMIT in one message, moves every one of them onto a real number: the rows,
    each field's writer, the mutation log and the answer (also when the same push
    updates a row it created)."""
    import json

    from sync.protocol import PushRequest
    from sync.server.db import PROVISIONAL_FLOOR
    from sync.server.push import push

    technician = f"pr{uuid.uuid4().hex[:8]}"
    job_id = _dispatch_one_job(pg_engine, technician)
    mutations = _time_entry_mutations(technician, job_id, then_update=then_update)
    with write_transaction(pg_engine) as conn:
        answer = push(conn, technician, PushRequest(str(uuid.uuid4()), 0, mutations))
    assert [r["status"] for r in answer["results"]] == ["applied"] * len(mutations)
    ids = {m.record_id for m in mutations}
    r = store.t.records.c
    with read_transaction(pg_engine) as conn:
        rows = conn.execute(
            sa.select(r.id, r.seq, r.writers).where(r.table_name == "time_entries", r.id.in_(ids))
        ).all()
        pulled = store.pull(conn, technician, 0, 10_000)
    assert len(rows) == 3
    for row in rows:
        assert row.seq < PROVISIONAL_FLOOR
        assert all(seq < PROVISIONAL_FLOOR for _who, seq in json.loads(row.writers).values())
    assert all(result["seq"] < PROVISIONAL_FLOOR for result in answer["results"])
    assert answer["seq"] == max(row.seq for row in rows)
    with read_transaction(pg_engine) as conn:
        logged = conn.execute(
            sa.select(store.t.mutation_log.c.seq).where(
                store.t.mutation_log.c.seq >= PROVISIONAL_FLOOR
            )
        ).all()
    assert logged == []
    assert ids <= {str(c["id"]) for c in pulled["changes"]}


def test_a_pull_after_its_cursor_sees_each_kind_of_change(tmp_path: Path) -> None:
    # The idle pull answers "nothing new" from one probe of the four ranges; each range
    # must still wake it: the technician's own rows, the catalogue, and a job taken away.
    from sync.server.office import rekey
    from tech_app.demo import build_demo
    from tech_app.records import Part

    engine = make_engine(f"sqlite:///{tmp_path / 'head-office.sqlite3'}")
    migrate(engine)
    tech = f"pk{uuid.uuid4().hex[:8]}"
    job_id = _dispatch_one_job(engine, tech)
    part = next(r for r in build_demo(DAY, tech).records if isinstance(r, Part))

    def pull_after(cursor: int) -> dict[str, Any]:
        with read_transaction(engine) as conn:
            return store.pull(conn, tech, cursor, 10_000)

    cursor = pull_after(0)["cursor"]
    assert pull_after(cursor)["changes"] == []
    changes = [
        lambda conn: dispatch.put_record(
            conn, dataclasses.replace(_job(conn, job_id), problem="漏水，需要复查")
        ),
        lambda conn: dispatch.put_record(
            conn,
            rekey([dataclasses.replace(part, name="新配件 密封圈")], tech, prefix="new")[0],
        ),
        lambda conn: dispatch.delete(conn, job_id),
    ]
    for change in changes:
        with write_transaction(engine) as conn:
            change(conn)
        page = pull_after(cursor)
        assert page["changes"], change
        assert page["cursor"] > cursor
        cursor = page["cursor"]
        assert pull_after(cursor)["changes"] == []
    assert any(c["row"] is None and c["id"] == job_id for c in page["changes"])
    engine.dispose()
