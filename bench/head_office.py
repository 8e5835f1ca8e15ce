"""A head office for the sync benchmarks: filled in bulk from a generated profile, served
by the real ``tech-app server`` in its own process on loopback.

Filling it through ``dispatch.put_record`` would take one transaction per record
(half an hour for 170,000 of them); the bulk load writes the same ``records``
rows a put would (bookkeeping and typed fields), plus ``job_refs`` and each
technician's ``grants``, in a few statements. Parents get lower sequence numbers
than their children, as the real writes give them. A company is one profile per
technician (``load_technicians``); ``colleague_rows`` turns a profile into another
technician's, with ids of their own, so one generated profile can stand for many.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
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


def profile_rows(db_file: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of ``LOAD_ORDER`` in a local profile, as head office stores it."""
    return {table: list(wire_rows(db_file, table)) for table in LOAD_ORDER}


# Columns that name the technician a row belongs to (a job's assignee, a part line's
# and a van's technician): a colleague's copy names the colleague.
_TECHNICIAN_FIELDS = ("assignee", "technician")
# How a shared row is known across profiles generated apart: the catalogue by part
# number (ids come from each profile's random stream), templates by their fixed id.
_SHARED_KEY = {"parts": "number", "checklist_templates": "id"}


def colleague_rows(
    rows: dict[str, list[dict[str, Any]]],
    technician: str,
    *,
    shared: dict[str, list[dict[str, Any]]],
) -> dict[str, list[dict[str, Any]]]:
    """A profile's own rows as another technician's: the same shapes and volume, new ids.

    Every id of the technician's own tables (jobs, their records, customers, sites,
    units, van) is replaced by a uuid5 of (technician, id), and every field holding
    such an id follows, so each colleague's jobs, customers and answers are distinct
    rows at head office. Shared rows (catalogue, templates) are not copied: references
    to them are pointed at ``shared``'s rows with the same natural key, which is what
    makes a profile generated at another scale loadable beside the first one.
    """
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"tech-app-bench:colleague:{technician}")
    mapping: dict[str, str] = {}
    for table in LOAD_ORDER:
        if table in SHARED:
            key = _SHARED_KEY[table]
            known = {row[key]: row["id"] for row in shared[table]}
            for row in rows[table]:
                if row[key] not in known:
                    raise ValueError(f"{table} {row[key]!r} is not in head office's catalogue")
                mapping[row["id"]] = known[row[key]]
        else:
            for row in rows[table]:
                mapping[row["id"]] = str(uuid.uuid5(namespace, row["id"]))
    names = {
        row.get(field) for table in rows for row in rows[table] for field in _TECHNICIAN_FIELDS
    }
    named = {name: technician for name in names if isinstance(name, str) and name}
    copied: dict[str, list[dict[str, Any]]] = {}
    for table in LOAD_ORDER:
        if table in SHARED:
            continue
        copied[table] = [
            {
                field: (
                    named.get(value, value)
                    if field in _TECHNICIAN_FIELDS
                    else mapping.get(value, value)
                    if isinstance(value, str)
                    else value
                )
                for field, value in row.items()
            }
            for row in rows[table]
        ]
    return copied


def load_profile(engine: Engine, db_file: Path, technician: str) -> dict[str, int]:
    """Everything in a local profile, as head office would hold it for ``technician``."""
    rows = profile_rows(db_file)
    return load_technicians(engine, rows, {technician: rows})[technician]


def load_technicians(
    engine: Engine,
    shared: dict[str, list[dict[str, Any]]],
    holdings: dict[str, dict[str, list[dict[str, Any]]]],
) -> dict[str, dict[str, int]]:
    """Head office holding the shared rows once and each technician's own rows.

    Returns each technician's record count per table (shared tables counted for
    every one of them: each technician receives them). Within a table the
    technicians' rows get interleaved sequence numbers, each spread over the whole
    range in proportion to its size, as writes by many people arrive at once; a
    pull that walked the sequence instead of the technician's own rows would pay for
    everyone's.
    """
    counts: dict[str, dict[str, int]] = {name: {} for name in holdings}
    stamp = now()
    with write_transaction(engine) as conn:
        for table in LOAD_ORDER:
            if table in SHARED:
                for name in holdings:
                    counts[name][table] = len(shared[table])
                numbers = _sequence(conn, [shared[table]])[0]
                _load_rows(conn, table, shared[table], EVERYONE, numbers, stamp)
                continue
            groups = [holding[table] for holding in holdings.values()]
            seqs = _sequence(conn, groups)
            for (name, holding), numbers in zip(holdings.items(), seqs, strict=True):
                counts[name][table] = len(holding[table])
                _load_rows(conn, table, holding[table], name, numbers, stamp)
    return counts


def _sequence(conn: Connection, groups: list[list[dict[str, Any]]]) -> list[list[int]]:
    """Sequence numbers for each group's rows, the groups interleaved in proportion."""
    total = sum(len(group) for group in groups)
    if not total:
        return [[] for _ in groups]
    first = next_seq(conn, total)
    order = sorted(
        ((n + 0.5) / len(group), g, n) for g, group in enumerate(groups) for n in range(len(group))
    )
    numbers: list[list[int]] = [[0] * len(group) for group in groups]
    for position, (_, g, n) in enumerate(order):
        numbers[g][n] = first + position
    return numbers


def _load_rows(
    conn: Connection,
    table: str,
    rows: list[dict[str, Any]],
    technician: str,
    numbers: list[int],
    stamp: float,
) -> None:
    """One table's rows for one technician (or ``EVERYONE``), with their seq numbers."""
    if not rows:
        return
    records, refs, grants, feed = [], [], [], []
    for n, data in enumerate(rows):
        if table in SHARED:
            owner: str | None = EVERYONE
        elif table in ("jobs", "van_stock") or table in JOB_CHILDREN:
            owner = technician
        else:  # customers, sites, assets: readable through grants
            owner = None
            grants.append({"technician": technician, "table_name": table, "record_id": data["id"]})
            # A grant puts the row in the technician's feed (store.grant does both).
            feed.append({**grants[-1], "seq": numbers[n]})
        if table == "jobs":
            refs += [
                {"job_id": data["id"], "table_name": "customers", "record_id": data["customer_id"]},
                {"job_id": data["id"], "table_name": "sites", "record_id": data["site_id"]},
            ]
        elif table == "job_assets":
            refs.append(
                {"job_id": data["job_id"], "table_name": "assets", "record_id": data["asset_id"]}
            )
        records.append(
            first_version_row(table, data, owner=owner, seq=numbers[n], updated_at=stamp)
        )
    for start in range(0, len(records), _CHUNK):
        insert_first_versions(conn, records[start : start + _CHUNK])
    for start in range(0, len(refs), _CHUNK):
        conn.execute(t.job_refs.insert(), refs[start : start + _CHUNK])
    for start in range(0, len(grants), _CHUNK):
        conn.execute(t.grants.insert(), grants[start : start + _CHUNK])
        conn.execute(t.feed.insert(), feed[start : start + _CHUNK])
    if table == "jobs":
        for start in range(0, len(records), _CHUNK):
            conn.execute(
                t.assignments.insert(),
                [
                    {"job_id": r["id"], "technician": technician}
                    for r in records[start : start + _CHUNK]
                ],
            )


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
