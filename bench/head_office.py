"""A head office for the sync benchmarks: filled in bulk from a generated profile, served
by the real ``tech-app server`` in its own process on loopback.

Filling it through ``dispatch.put_record`` would take one transaction per record
(half an hour for 170,000 of them); the bulk load writes the same ``records``
rows a put would (bookkeeping and typed fields), plus ``job_refs`` and the
technician's ``grants``, in a few statements. Parents get lower sequence numbers
than their children, as the real writes give them.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import requests
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sync.server import auth
from sync.server import tables as t
from sync.server.db import make_engine, migrate, next_seq, now, write_transaction
from sync.server.store import (
    EVERYONE,
    JOB_CHILDREN,
    SHARED,
    first_version_row,
    insert_first_versions,
)
from tech_app.records.codec import RECORD_FOR_TABLE, from_row, to_row

PASSWORD = "bench-password"
# Parents before children, as a pull must deliver them.
LOAD_ORDER = (
    "checklist_templates",
    "parts",
    "customers",
    "sites",
    "assets",
    "jobs",
    "job_assets",
    "checklist_answers",
    "part_usage",
    "van_stock",
)
_CHUNK = 5000


def new_head_office(url: str) -> Engine:
    engine = make_engine(url)
    migrate(engine)
    return engine


def add_technicians(conn: Connection, names: list[str]) -> None:
    """Technicians sharing one password hash: hashing 500 passwords would take a minute."""
    auth.add_technician(conn, names[0], PASSWORD)
    hashed = conn.execute(
        sa.select(t.technicians.c.password_hash).where(t.technicians.c.name == names[0])
    ).scalar_one()
    rest = [
        {"name": name, "password_hash": hashed, "role": "technician", "created_at": now()}
        for name in names[1:]
    ]
    if rest:
        conn.execute(t.technicians.insert(), rest)


def wire_rows(db_file: Path, table: str) -> Iterator[dict[str, Any]]:
    """A local table's rows as head office stores them (the codec row, JSON-plain)."""
    cls = RECORD_FOR_TABLE[table]
    conn = sqlite3.connect(db_file)
    try:
        cursor = conn.execute(f"SELECT * FROM [{table}] ORDER BY rowid")
        names = [c[0] for c in cursor.description]
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            del row["version"], row["updated_at"]
            yield json.loads(json.dumps(to_row(from_row(cls, row)), ensure_ascii=False))
    finally:
        conn.close()


def load_profile(engine: Engine, db_file: Path, technician: str) -> dict[str, int]:
    """Everything in a local profile, as head office would hold it for ``technician``."""
    counts: dict[str, int] = {}
    stamp = now()
    with write_transaction(engine) as conn:
        for table in LOAD_ORDER:
            rows = list(wire_rows(db_file, table))
            counts[table] = len(rows)
            if not rows:
                continue
            first = next_seq(conn, len(rows))
            records, refs, grants, feed = [], [], [], []
            for n, data in enumerate(rows):
                if table in SHARED:
                    owner: str | None = EVERYONE
                elif table in ("jobs", "van_stock") or table in JOB_CHILDREN:
                    owner = technician
                else:  # customers, sites, assets: readable through grants
                    owner = None
                    grants.append(
                        {"technician": technician, "table_name": table, "record_id": data["id"]}
                    )
                    # A grant puts the row in the technician's feed (store.grant does both).
                    feed.append({**grants[-1], "seq": first + n})
                if table == "jobs":
                    refs += [
                        {
                            "job_id": data["id"],
                            "table_name": "customers",
                            "record_id": data["customer_id"],
                        },
                        {"job_id": data["id"], "table_name": "sites", "record_id": data["site_id"]},
                    ]
                elif table == "job_assets":
                    refs.append(
                        {
                            "job_id": data["job_id"],
                            "table_name": "assets",
                            "record_id": data["asset_id"],
                        }
                    )
                records.append(
                    first_version_row(table, data, owner=owner, seq=first + n, updated_at=stamp)
                )
            for start in range(0, len(records), _CHUNK):
                insert_first_versions(conn, records[start : start + _CHUNK])
            for start in range(0, len(refs), _CHUNK):
                conn.execute(t.job_refs.insert(), refs[start : start + _CHUNK])
            for start in range(0, len(grants), _CHUNK):
                conn.execute(t.grants.insert(), grants[start : start + _CHUNK])
                conn.execute(t.feed.insert(), feed[start : start + _CHUNK])
            if table == "jobs":
                conn.execute(
                    t.assignments.insert(),
                    [{"job_id": r["id"], "technician": technician} for r in records],
                )
    return counts


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served(url: str, *, workers: int = 1) -> Iterator[str]:
    """``tech-app server`` on a free loopback port in its own process; yields its base URL.

    Its log goes to a file: a pipe nobody reads fills up after a few thousand request
    lines and then blocks the server in the middle of a request.
    """
    port = _free_port()
    command = [sys.executable, "-m", "tech_app.cli", "server", "--db", url]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=log)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(base, process, log)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_healthy(base: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the head office did not start:\n{log.read().decode()[-2000:]}")
        try:
            if requests.get(base + "/health", timeout=1).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the head office did not answer /health within 60 s")


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    began = time.perf_counter()
    result = action()
    return time.perf_counter() - began, result
