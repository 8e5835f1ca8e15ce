"""A head office restored from a backup is noticed by the devices, and nothing is lost.

Before restore detection: back up head office, sign a visit and sync it, restore the
backup, restart, and ``sync`` said "pushed 0, pulled 0" while the visit existed only on
the laptop; once the office dispatched new jobs, every sync died on a FOREIGN KEY error.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from sync.server import dispatch, store
from sync.server.db import current_seq, read_transaction, write_transaction
from tech_app.demo import CHINA
from tech_app.records import Job, Signature
from tech_app.store import remote
from tests.sync.conftest import (
    PG_ADMIN,
    Server,
    assert_same,
    make_device,
    start_server,
    stop_server,
)
from tests.sync.test_round_trip import complete_stove_visit

Backup = Callable[[], None]


@pytest.fixture(params=["sqlite", "postgresql"])
def restorable(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Server, Backup, Callable[[], Server]]]:
    """A head office of its own, with "back up now" and "restore the backup and restart"."""
    log = tmp_path / "server.log"
    if request.param == "sqlite":
        live = tmp_path / "head-office.sqlite3"
        saved = tmp_path / "backup.sqlite3"
        db_url = f"sqlite:///{live}"

        def backup() -> None:
            with read_transaction(running[0].engine) as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
            shutil.copyfile(live, saved)

        def put_back() -> None:
            for suffix in ("-wal", "-shm"):
                Path(f"{live}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(saved, live)

    else:
        name = f"tech_app_restore_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        db_url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        dump = tmp_path / "backup.dump"

        def backup() -> None:
            subprocess.run(
                ["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-Fc", "-f", str(dump), name],
                check=True,
            )

        def put_back() -> None:
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
            subprocess.run(
                ["pg_restore", "-h", "127.0.0.1", "-U", "postgres", "-d", name, str(dump)],
                check=True,
            )

    running = [start_server(db_url, log)]

    def restore_and_restart() -> Server:
        stop_server(running[0])
        put_back()
        running[0] = start_server(db_url, log)
        return running[0]

    yield running[0], backup, restore_and_restart
    stop_server(running[0])
    if request.param == "postgresql":
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def new_job_for(server: Server, technician: str, like: Job, number: str) -> Job:
    job = Job(
        number=number,
        job_type=like.job_type,
        customer_id=like.customer_id,
        site_id=like.site_id,
        problem="新派的工单：燃气灶打不着火",
        reported_at=datetime(2026, 11, 29, 8, tzinfo=CHINA),
        window_start=datetime(2026, 11, 29, 9, tzinfo=CHINA),
        window_end=datetime(2026, 11, 29, 9, tzinfo=CHINA) + timedelta(hours=2),
        assignee=technician,
        status="assigned",  # type: ignore[arg-type]
    )
    with write_transaction(server.engine) as conn:
        dispatch.put_record(conn, job)
    return job


def test_a_restored_head_office_gets_the_signed_visit_back(
    restorable: tuple[Server, Backup, Callable[[], Server]], tmp_path: Path
) -> None:
    server, backup, restore_and_restart = restorable
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    laptop = make_device(tmp_path / "laptop", server, tech)
    try:
        assert laptop.sync().ok
        backup()
        complete_stove_visit(laptop, jobs["stove"], tmp_path)
        report = laptop.sync()
        assert report.ok and report.rejected == [], report.rejected
        assert laptop.sync().ok  # everything confirmed

        server = restore_and_restart()
        laptop.client.base_url = server.url
        with read_transaction(server.engine) as conn:
            lost = store.load(conn, "jobs", jobs["stove"])
        assert lost is not None and lost.data["status"] == "assigned"  # the backup's view
        # The office dispatches a new job before the laptop comes back.
        stove = laptop.store.get(Job, jobs["stove"])
        fresh = new_job_for(server, tech, stove, f"NEW-{uuid.uuid4().hex[:6]}")

        report = laptop.sync()
        assert report.ok, report.errors
        assert report.restored and report.pushed > 10, report.summary()
        assert report.rejected == [], report.rejected
        with read_transaction(server.engine) as conn:
            back = store.load(conn, "jobs", jobs["stove"])
        assert back is not None and back.data["status"] == "signed"
        (signature,) = laptop.store.select(Signature, "job_id = ?", [jobs["stove"]])
        assert server.blob(signature.image_sha256) is not None
        assert laptop.store.get(Job, fresh.id).number == fresh.number
        again = laptop.sync()
        assert again.ok and not again.restored and again.pushed == 0, again.summary()
        assert_same(server, laptop)
    finally:
        laptop.store.close()


def test_a_device_that_only_pulled_after_the_backup_pulls_again(
    restorable: tuple[Server, Backup, Callable[[], Server]], tmp_path: Path
) -> None:
    server, backup, restore_and_restart = restorable
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    laptop = make_device(tmp_path / "laptop", server, tech)
    try:
        assert laptop.sync().ok
        backup()
        stove = laptop.store.get(Job, jobs["stove"])
        gone = new_job_for(server, tech, stove, f"GONE-{uuid.uuid4().hex[:6]}")
        assert laptop.sync().ok  # the laptop's cursor is now past what the backup holds
        server = restore_and_restart()
        laptop.client.base_url = server.url
        report = laptop.sync()
        assert report.ok, report.errors
        assert report.restored, report.summary()
        # Head office no longer has the job dispatched after the backup; the laptop holds
        # exactly what head office holds, and its own jobs are all there.
        assert laptop.store.select(Job, "id = ?", [gone.id]) == []
        assert laptop.store.get(Job, jobs["stove"]).assignee == tech
        assert_same(server, laptop)
    finally:
        laptop.store.close()


def test_a_pull_only_device_is_noticed_after_head_office_counted_past_its_cursor(
    restorable: tuple[Server, Backup, Callable[[], Server]], tmp_path: Path
) -> None:
    # Restored, head office hands out the lost numbers again. Once it has counted past
    # the laptop's cursor, the cursor alone proves nothing: without the token of the
    # transaction that issued it, the laptop would skip the jobs numbered in between.
    server, backup, restore_and_restart = restorable
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    laptop = make_device(tmp_path / "laptop", server, tech)
    try:
        assert laptop.sync().ok
        backup()
        stove = laptop.store.get(Job, jobs["stove"])
        new_job_for(server, tech, stove, f"GONE-{uuid.uuid4().hex[:6]}")
        assert laptop.sync().ok
        cursor = remote.cursor(laptop.store)
        server = restore_and_restart()
        laptop.client.base_url = server.url
        dispatched = []
        with read_transaction(server.engine) as conn:
            behind = cursor - current_seq(conn)
        assert behind > 0
        while True:  # the office dispatches until head office is past the laptop's cursor
            dispatched.append(new_job_for(server, tech, stove, f"NEW-{uuid.uuid4().hex[:6]}"))
            with read_transaction(server.engine) as conn:
                if current_seq(conn) > cursor + 2:
                    break
        report = laptop.sync()
        assert report.ok, report.errors
        assert report.restored, report.summary()
        for job in dispatched:
            assert laptop.store.get(Job, job.id).number == job.number
        assert_same(server, laptop)
    finally:
        laptop.store.close()
