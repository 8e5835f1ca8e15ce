"""Killing the app in the middle of a multi-row save leaves the database consistent."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

JOBS_PER_BATCH = 40
ASSETS_PER_JOB = 3

WRITER = textwrap.dedent(
    f"""
    import sys
    from datetime import UTC, datetime
    from tech_app.records import Asset, Customer, Job, JobAsset, Site
    from tech_app.store import open_store

    store = open_store(sys.argv[1])
    now = datetime.now(UTC)
    for batch in range(1000):
        print("begin", batch, flush=True)
        with store.transaction():
            for n in range({JOBS_PER_BATCH}):
                key = f"{{batch}}-{{n}}"
                c = store.save(Customer(name=f"客户 {{key}}", phone="021 5888 1234"))
                s = store.save(Site(customer_id=c.id, address=f"上海市 {{key}} 号"))
                job = store.save(Job(number=f"K-{{key}}", job_type="maintenance",
                                     customer_id=c.id, site_id=s.id, reported_at=now))
                for a in range({ASSETS_PER_JOB}):
                    asset = store.save(Asset(customer_id=c.id, site_id=s.id, category="forklift",
                                             make="Heli", model="CPCD30", serial=f"S-{{key}}-{{a}}"))
                    store.save(JobAsset(job_id=job.id, asset_id=asset.id, position=a))
        print("committed", batch, flush=True)
    """
)


def test_sigkill_mid_save_leaves_no_half_job(tmp_path: Path) -> None:
    db_path = tmp_path / "crash.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    committed = -1
    for line in child.stdout:
        word, batch = line.split()
        if word == "committed":
            committed = int(batch)
        if word == "begin" and int(batch) == 3:
            break  # the child is now inside a large transaction
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        jobs = conn.execute("SELECT count(*) FROM jobs").fetchone()[0]
        assert jobs % JOBS_PER_BATCH == 0, "a batch was half saved"
        assert jobs >= (committed + 1) * JOBS_PER_BATCH
        half_jobs = conn.execute(
            "SELECT count(*) FROM jobs WHERE (SELECT count(*) FROM job_assets ja "
            "WHERE ja.job_id = jobs.id) != ?",
            [ASSETS_PER_JOB],
        ).fetchone()[0]
        assert half_jobs == 0
        records = sum(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("customers", "sites", "jobs", "assets", "job_assets")
        )
        assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == records
        indexed = conn.execute("SELECT count(*) FROM job_search_key").fetchone()[0]
        assert indexed == jobs
