"""Head office under load: many technicians pushing their outboxes (PostgreSQL).

Each technician has one assigned job; each pushes 20 mutations (time entries on
that job) in one ``POST /sync/push``, as the client sends an outbox of 20, to
``tech-app server --workers 2`` on a fresh PostgreSQL database. Two figures:

* **the herd after an outage**: every technician at once. Reported: mutations per
  second, the 99th percentile of the push latency, and errors (the target is none).
  The baseline inserts the same record rows into the same tables (``records`` and
  ``time_entries``) directly with psycopg, one transaction per technician, on a pool
  of connections.
* **the steady state**: each technician pushes every few minutes
  (``STEADY_EVERY_S``), here with time compressed ``STEADY_SPEEDUP`` times, so the
  pushes arrive at a steady rate. Reported: the push latency's 99th percentile; the
  baseline is the same rows in one psycopg transaction, one technician at a time.

PostgreSQL: ``$TECH_APP_BENCH_PG`` (default ``postgresql://127.0.0.1:5432/test``)
is used only to create and finally drop a database of this run's own
(``tech_app_bench_<pid>_<random>``), so two runs side by side never drop each other's.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import secrets
import statistics
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

import psycopg

from bench import load_client
from bench.figures import Figure
from bench.head_office import add_technicians, new_head_office, served
from sync import protocol as p
from sync.server import auth
from sync.server import tables as t
from sync.server.db import now, write_transaction
from sync.server.office import bulk_jobs
from tech_app.demo import CHINA
from tech_app.records import TimeEntry
from tech_app.records.codec import RECORD_SCHEMA, to_row

MUTATIONS_EACH = 20
HERD_P99_S = 2.0  # the targets for the herd
HERD_RATIO = 0.2
STEADY_EVERY_S = 180.0  # each technician syncs every three minutes
STEADY_SPEEDUP = 10.0  # ten times the real arrival rate
# One name per run: a second bench (or a test suite) on the same PostgreSQL keeps its own.
DATABASE = f"tech_app_bench_{os.getpid()}_{secrets.token_hex(4)}"
BASELINE_CONNECTIONS = 20


def _admin_url() -> str:
    return os.environ.get("TECH_APP_BENCH_PG", "postgresql://127.0.0.1:5432/test")


def _bench_url() -> str:
    return _admin_url().rsplit("/", 1)[0] + f"/{DATABASE}"


def _recreate_database(drop_only: bool = False) -> None:
    with psycopg.connect(_admin_url(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        if not drop_only:
            conn.execute(f"CREATE DATABASE {DATABASE}")


def labour_entries(
    technician: str, job_id: str, count: int = MUTATIONS_EACH
) -> list[dict[str, Any]]:
    """``count`` labour time entries on the job, 10 minutes apart, as wire rows."""
    start = datetime(2026, 11, 28, 9, tzinfo=CHINA)
    return [
        json.loads(
            json.dumps(
                to_row(
                    TimeEntry(
                        job_id=job_id,
                        kind="labour",  # type: ignore[arg-type]
                        started_at=start + timedelta(minutes=10 * n),
                        ended_at=start + timedelta(minutes=10 * n + 8),
                        technician=technician,
                    )
                )
            )
        )
        for n in range(count)
    ]


def _push_body(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return p.push_to_json(
        p.PushRequest(
            client_id=str(uuid.uuid4()),
            seen_seq=0,
            mutations=[
                p.Mutation(
                    id=n + 1,
                    table="time_entries",
                    record_id=row["id"],
                    op="insert",
                    fields=row,
                    base_version=0,
                    schema_version=RECORD_SCHEMA,
                )
                for n, row in enumerate(rows)
            ],
        )
    )


def _setup(technicians: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Technicians, one job each, and an access token each (issued as a login would)."""
    engine = new_head_office(_bench_url().replace("postgresql://", "postgresql+psycopg://"))
    tokens, jobs = {}, {}
    with write_transaction(engine) as conn:
        add_technicians(conn, technicians)
        for name in technicians:
            (jobs[name],) = bulk_jobs(conn, name, 1, prefix="LOAD")
            token = secrets.token_urlsafe(32)
            conn.execute(
                t.tokens.insert().values(
                    token_hash=auth.token_hash(token),
                    session_id=str(uuid.uuid4()),
                    kind="access",
                    technician=name,
                    expires_at=now() + 3600,
                    revoked=False,
                )
            )
            tokens[name] = token
    engine.dispose()
    return tokens, jobs


async def _push_all(
    base: str,
    bodies: dict[str, dict[str, Any]],
    tokens: dict[str, str],
    every: float = 0.0,
) -> Any:
    """Every body pushed, all at once (``every`` 0) or one each ``every`` seconds."""
    requests = {
        name: load_client.prepare_post(
            base,
            "/sync/push",
            body,
            {**p.version_headers(), "Authorization": f"Bearer {tokens[name]}"},
        )
        for name, body in bodies.items()
    }
    began = time.perf_counter()

    async def push(n: int, name: str) -> tuple[float, str]:
        await asyncio.sleep(max(0.0, began + n * every - time.perf_counter()))
        sent = time.perf_counter()
        try:
            status, body = await load_client.send(requests[name])
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            return time.perf_counter() - sent, f"{type(exc).__name__}: {exc}"
        took = time.perf_counter() - sent
        if status != 200:
            return took, f"HTTP {status}: {body[:200].decode(errors='replace')}"
        results = json.loads(body)["results"]
        bad = [r for r in results if r["status"] != "applied"]
        return took, f"{len(bad)} not applied: {bad[:1]}" if bad else ""

    done = await asyncio.gather(*(push(n, name) for n, name in enumerate(bodies)))
    return time.perf_counter() - began, done


def _psycopg_baseline(rows_of: dict[str, list[dict[str, Any]]]) -> tuple[float, list[float]]:
    """The same record rows inserted straight into the tables, one transaction per technician."""
    url = _bench_url()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE SEQUENCE IF NOT EXISTS bench_seq START 100000000")
        conn.execute("DELETE FROM records WHERE table_name = 'time_entries'")
        conn.execute("DELETE FROM time_entries")
    stamp = now()

    def insert(name: str, conn: psycopg.Connection[Any]) -> float:
        return _insert_rows(conn, name, rows_of[name], stamp)

    # A pool: a psycopg connection is used by one thread at a time.
    idle: queue.Queue[psycopg.Connection[Any]] = queue.Queue()
    for _ in range(BASELINE_CONNECTIONS):
        idle.put(psycopg.connect(url))

    def pooled(name: str) -> float:
        conn = idle.get()
        try:
            return insert(name, conn)
        finally:
            idle.put(conn)

    try:
        began = time.perf_counter()
        with ThreadPoolExecutor(BASELINE_CONNECTIONS) as pool:
            latencies = list(pool.map(pooled, rows_of))
        return time.perf_counter() - began, latencies
    finally:
        while not idle.empty():
            idle.get().close()


def _insert_rows(
    conn: psycopg.Connection[Any], name: str, rows: list[dict[str, Any]], stamp: float
) -> float:
    """One technician's rows in one transaction, as a push stores them; returns its time."""
    fields = [column.name for column in t.kinds["time_entries"].columns]
    began = time.perf_counter()
    with conn.transaction(), conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO records (table_name, id, owner, job_id, blob_sha, version, "
            "seq, deleted, writers, updated_at) VALUES ('time_entries', %s, %s, %s, NULL, "
            "1, nextval('bench_seq'), false, '{}', %s)",
            [(row["id"], name, row["job_id"], stamp) for row in rows],
        )
        cursor.executemany(
            f"INSERT INTO time_entries ({', '.join(fields)}) "
            f"VALUES ({', '.join(['%s'] * len(fields))})",
            [tuple(row[f] for f in fields) for row in rows],
        )
    return time.perf_counter() - began


def _one_at_a_time(rows_of: dict[str, list[dict[str, Any]]]) -> list[float]:
    """Each technician's rows in one psycopg transaction, one technician after another."""
    stamp = now()
    with psycopg.connect(_bench_url()) as conn:
        return [_insert_rows(conn, name, rows, stamp) for name, rows in rows_of.items()]


def _p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def measure(technicians: int) -> list[Figure]:
    names = [f"tech{n:03d}" for n in range(technicians)]
    _recreate_database()
    try:
        tokens, jobs = _setup(names)
        rows_of = {name: labour_entries(name, jobs[name]) for name in names}
        bodies = {name: _push_body(rows_of[name]) for name in names}
        # The steady state pushes other rows from other devices of the same technicians.
        steady_rows = {name: labour_entries(name, jobs[name]) for name in names}
        steady_bodies = {name: _push_body(steady_rows[name]) for name in names}
        every = STEADY_EVERY_S / technicians / STEADY_SPEEDUP
        url = _bench_url().replace("postgresql://", "postgresql+psycopg://")
        with served(url, workers=2) as base:
            wall, done = asyncio.run(_push_all(base, bodies, tokens))
            steady_wall, steady_done = asyncio.run(
                _push_all(base, steady_bodies, tokens, every=every)
            )
        base_wall, base_latencies = _psycopg_baseline(rows_of)
        steady_base = _one_at_a_time(steady_rows)
    finally:
        _recreate_database(drop_only=True)
    return [
        _herd_figure(technicians, wall, done, base_wall, base_latencies),
        _steady_figure(technicians, steady_wall, steady_done, steady_base, every),
    ]


def _herd_figure(
    technicians: int,
    wall: float,
    done: list[tuple[float, str]],
    base_wall: float,
    base_latencies: list[float],
) -> Figure:
    errors = [error for _, error in done if error]
    p99 = _p99([took for took, _ in done])
    total = technicians * MUTATIONS_EACH
    rate, base_rate = total / wall, total / base_wall
    return Figure(
        name=f"head office: {technicians} technicians × {MUTATIONS_EACH} mutations at once "
        "(PostgreSQL, 2 workers)",
        value=rate,
        baseline=base_rate,
        unit="mut/s",
        target=f"0 errors, p99 < {HERD_P99_S:g} s, ≥ {HERD_RATIO:g}×",
        met=not errors and p99 < HERD_P99_S and rate >= HERD_RATIO * base_rate,
        note=f"{total:,} mutations in {wall:.1f} s, push p99 {p99 * 1000:,.0f} ms, "
        f"{len(errors)} errors{' (' + errors[0] + ')' if errors else ''}; baseline: the same "
        f"rows inserted with psycopg on {BASELINE_CONNECTIONS} connections in {base_wall:.2f} s, "
        f"p99 {_p99(base_latencies) * 1000:.0f} ms per technician's transaction",
    )


def _steady_figure(
    technicians: int,
    wall: float,
    done: list[tuple[float, str]],
    base_latencies: list[float],
    every: float,
) -> Figure:
    errors = [error for _, error in done if error]
    latencies = [took for took, _ in done]
    p99 = _p99(latencies)
    return Figure(
        name=f"head office, steady state: {technicians} technicians each every "
        f"{STEADY_EVERY_S / 60:g} min (×{STEADY_SPEEDUP:g}), push p99",
        value=p99 * 1000,
        baseline=_p99(base_latencies) * 1000,
        unit="ms",
        target=f"0 errors, p99 < {HERD_P99_S:g} s",
        met=not errors and p99 < HERD_P99_S,
        note=f"one push every {every * 1000:.0f} ms for {wall:.1f} s, p50 "
        f"{statistics.median(latencies) * 1000:.0f} ms, {len(errors)} errors"
        f"{' (' + errors[0] + ')' if errors else ''}; baseline: the same 20 rows in one "
        "psycopg transaction, one technician at a time",
    )
