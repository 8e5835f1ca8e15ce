"""First sync of a technician's jobs with their records, on loopback, against PouchDB.

Head office (the real ``tech-app server``, SQLite file, own process) holds what a
company with many technicians holds: the measured technician's generated profile
(jobs with their customers, sites, units, checklist answers, part lines, van stock,
and the shared catalogue and templates), three colleagues with a copy of it each
under ids of their own (``head_office.colleague_rows``: distinct jobs, customers,
sites, units and records, the catalogue shared), and the smaller profiles of the
scaling runs as more colleagues. Everyone's rows are interleaved in sequence order.

The figure is one ``sync_once`` into an empty profile: the open jobs first, every
pull page fetched, applied to SQLite with its search index, and the cursor stored.
Beside it, measured in the same run:

- the baseline: the same number of JSON documents (the same rows, as the server sends
  them) replicated from ``pouchdb-server`` into a local PouchDB; when npm or PouchDB is
  missing, the raw HTTP transfer of the same bytes;
- the floors for the same rows on this machine (``_floors``): SQLite ingest in one
  transaction without and with the search index, JSON encode and decode, loopback
  transfer in one response and in as many as the sync used pages;
- the time until the open jobs are in the local store, taken from ``sync_once``'s
  ``on_records`` callback (what the app's list refreshes on);
- the first syncs of the smaller profiles, against the same head office, for the cost
  per page as the profile grows.

The incremental sync figure (``bench/sync_idle.py``) runs on the profile the measured
first sync leaves behind, against the same server.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests

from bench import pouchdb, sync_idle
from bench.data import cache_dir
from bench.figures import Figure
from bench.generate import Scale, index_jobs
from bench.head_office import (
    LOAD_ORDER,
    PASSWORD,
    add_technicians,
    colleague_rows,
    load_technicians,
    new_head_office,
    profile_rows,
    served,
    timed,
    wire_rows,
)
from sync.client.http import SyncClient
from sync.client.round import PULL_LIMIT, SyncReport, sync_once
from sync.server.db import write_transaction
from sync.server.store import SHARED
from tech_app.blobs import BlobStore
from tech_app.profile import database_path
from tech_app.store.local import LocalStore, open_store
from tech_app.vocab import JobStatus

FASTER_TARGET = 2.0  # our first sync must take at most half PouchDB's time
FLOOR_TARGET = 2.0  # and at most twice what the disk, JSON and the wire need
# "The list fills with them within seconds of a first login" (issue 12).
OPEN_JOBS_TARGET_S = 5.0
# Cost per page as the profile grows 10×: "constant", with room for the noise of a
# shared machine and the fixed cost of a round (login, open jobs) over fewer pages.
PAGE_GROWTH_TARGET = 1.5
TECHNICIAN = "liu"
# Three colleagues with as much as the measured technician: 4 × the data at head office.
COLLEAGUES = ("chen", "wang", "zhao")
_FINISHED = (JobStatus.SIGNED.value, JobStatus.CANCELLED.value)


@dataclass(frozen=True)
class FirstSync:
    """One technician's first sync into an empty profile."""

    technician: str
    jobs: int
    seconds: float
    login_seconds: float
    report: SyncReport
    open_seconds: float | None  # sync start → open jobs stored (None: none came early)
    open_jobs: int  # open jobs in the local store at that moment

    @property
    def page_ms(self) -> float:
        return self.seconds * 1000 / max(1, self.report.pages)


@dataclass(frozen=True)
class Floors:
    """What the same rows cost on this machine without any sync code."""

    ingest: float
    ingest_indexed: float
    encode: float
    decode: float
    transfer_raw: float
    transfer_pages: float
    pages: int
    megabytes: float

    @property
    def sequential(self) -> float:
        """Disk with the index, JSON both ways and the paged wire, one after the other."""
        return self.ingest_indexed + self.encode + self.decode + self.transfer_pages

    def note(self) -> str:
        return (
            f"floors for the same {self.megabytes:.0f} MB of rows, measured in this run: "
            f"SQLite ingest in one transaction {self.ingest:.2f} s "
            f"({self.ingest_indexed:.2f} s with the search index), "
            f"JSON encode/decode {self.encode:.2f} s / {self.decode:.2f} s, "
            f"loopback transfer {self.transfer_raw:.2f} s raw or {self.transfer_pages:.2f} s "
            f"as {self.pages} HTTP pages; {self.sequential:.1f} s one after the other"
        )


def _documents(db_file: Path) -> Iterator[dict[str, Any]]:
    for table in LOAD_ORDER:
        for row in wire_rows(db_file, table):
            yield {"_id": f"{table}:{row['id']}", "table": table, **row}


def _pouchdb_baseline(db_file: Path) -> tuple[float, str]:
    with pouchdb.pouchdb_server() as base:
        count = pouchdb.fill(base, "jobs", _documents(db_file))
        found = pouchdb.replicate(f"{base}/jobs")
    if found["docs"] != count:
        raise RuntimeError(f"PouchDB replicated {found['docs']} of {count} documents")
    return float(found["seconds"]), f"PouchDB replication of {count:,} JSON documents"


class _BytesServer:
    """A stdlib HTTP/1.1 server of fixed bytes: ``/`` all of them, ``/<n>`` the n-th of
    ``pages`` equal slices. No database and no encoding either side: the wire alone."""

    def __init__(self, body: bytes, pages: int = 1) -> None:
        size = -(-len(body) // max(1, pages))
        slices = [body[n : n + size] for n in range(0, len(body), size)] or [b""]

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the sync client's session

            def do_GET(self) -> None:
                part = body if self.path == "/" else slices[int(self.path[1:])]
                self.send_response(200)
                self.send_header("Content-Length", str(len(part)))
                self.end_headers()
                self.wfile.write(part)

            def log_message(self, *_args: Any) -> None:
                pass

        self.slices = len(slices)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self) -> _BytesServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _raw_http_baseline(db_file: Path, why: str) -> tuple[float, str]:
    """The same bytes over one plain HTTP GET from a stdlib server (no database either side)."""
    body = json.dumps(list(_documents(db_file)), ensure_ascii=False).encode()
    with _BytesServer(body) as server:
        seconds, _ = timed(lambda: requests.get(server.base + "/").content)
    return seconds, f"raw HTTP transfer of the same {len(body) / 1e6:.0f} MB ({why})"


def _ingest(
    rows: dict[str, list[dict[str, Any]]], into: Path, texts: Sequence[tuple[str, str]]
) -> float:
    """Every row into an empty local store in one transaction: executemany per table in
    the schema's column order, and with ``texts`` the search index filled in bulk
    (``generate.index_jobs``, the FTS inserts the client's page applying ends in)."""
    store = open_store(database_path(into))
    stamp = "2026-11-28T00:00:00+00:00"
    try:
        began = time.perf_counter()
        with store.transaction():
            for table in LOAD_ORDER:
                columns = [c[1] for c in store.db.execute(f"PRAGMA table_info([{table}])")]
                extra = {"version": 1, "updated_at": stamp}
                marks = ", ".join("?" for _ in columns)
                store.db.conn.executemany(
                    f"INSERT INTO [{table}] ({', '.join(columns)}) VALUES ({marks})",
                    (tuple({**extra, **row}.get(c) for c in columns) for row in rows[table]),
                )
            if texts:
                index_jobs(store, texts)
        return time.perf_counter() - began
    finally:
        store.close()


def _search_texts(db_file: Path) -> list[tuple[str, str]]:
    """Each job's search text as the generated profile indexed it (computed outside the
    floor: building it is the sync's work, storing it is the disk's)."""
    conn = sqlite3.connect(db_file)
    try:
        return conn.execute(
            "SELECT k.job_id, t.text FROM job_search_key k "
            "JOIN job_search_tri t ON t.rowid = k.rid ORDER BY k.rid"
        ).fetchall()
    finally:
        conn.close()


def _floors(rows: dict[str, list[dict[str, Any]]], db_file: Path, pages: int, temp: Path) -> Floors:
    ingest = _ingest(rows, temp / "floor-plain", ())
    ingest_indexed = _ingest(rows, temp / "floor-indexed", _search_texts(db_file))
    # The rows as a pull carries them: sequence number, table, id and the row.
    changes = [
        {"seq": n, "table": table, "id": row["id"], "row": row}
        for n, (table, row) in enumerate(
            (table, row) for table in LOAD_ORDER for row in rows[table]
        )
    ]
    encode, body = timed(
        lambda: json.dumps(changes, ensure_ascii=False, separators=(",", ":")).encode()
    )
    decode, _ = timed(lambda: json.loads(body))
    changes.clear()  # memory back before the transfer
    with _BytesServer(body, pages) as server, requests.Session() as session:
        raw = min(timed(lambda: session.get(server.base + "/").content)[0] for _ in range(3))
        paged = min(
            timed(
                lambda: [session.get(f"{server.base}/{n}").content for n in range(server.slices)]
            )[0]
            for _ in range(3)
        )
    return Floors(
        ingest, ingest_indexed, encode, decode, raw, paged, server.slices, len(body) / 1e6
    )


def _first_sync(
    base: str, technician: str, jobs: int, records: int, folder: Path
) -> tuple[FirstSync, tuple[LocalStore, BlobStore, SyncClient]]:
    """A first login and sync of ``technician`` into an empty profile at ``folder``;
    returns the figures and (store, blobs, client) for what runs after on that profile."""
    client = SyncClient(base)
    login_seconds, _ = timed(lambda: client.login(technician, PASSWORD))
    store = open_store(database_path(folder))
    blobs = BlobStore(folder / "blobs")
    early: list[tuple[float, int]] = []
    began = time.perf_counter()

    def on_records() -> None:
        # The hook the app's list refreshes on; it runs on the sync thread, so the store
        # may be read here. The clock is read before the count, which is ours.
        at = time.perf_counter() - began
        early.append((at, _open_jobs(store)))

    report = sync_once(store, blobs, client, on_records=on_records)
    seconds = time.perf_counter() - began
    if not report.ok or report.pulled < records:
        raise RuntimeError(
            f"first sync of {technician} incomplete ({records:,} records held): "
            f"{report.summary()} {report.errors}"
        )
    first = FirstSync(
        technician,
        jobs,
        seconds,
        login_seconds,
        report,
        early[0][0] if early else None,
        early[0][1] if early else 0,
    )
    return first, (store, blobs, client)


def _warm_up(base: str) -> None:
    """A colleague's open jobs and first pages, unmeasured: the server process's first
    requests import and compile what the measured rounds then use, and the first of
    those (the smallest) must not pay for it alone."""
    client = SyncClient(base)
    client.login(COLLEAGUES[0], PASSWORD)
    client.open_jobs()
    cursor = 0
    for _ in range(3):
        cursor = client.pull(cursor, PULL_LIMIT).cursor


def _open_jobs(store: LocalStore) -> int:
    marks = ", ".join("?" for _ in _FINISHED)
    query = f"SELECT count(*) FROM jobs WHERE status NOT IN ({marks})"
    return int(store.db.execute(query, _FINISHED).fetchone()[0])


@dataclass(frozen=True)
class HeadOffice:
    """The loaded head office's contents and how it came to be there."""

    counts: dict[str, dict[str, int]]  # technician → table → records they receive
    jobs: int
    records: int  # rows held (shared rows once)
    how: str  # built (and in how long) or copied from the cache


def _head_office(source_profile: Path, scaling_profiles: Sequence[Path], into: Path) -> HeadOffice:
    """The head office file for these profiles at ``into``: copied from the bench cache,
    or built there first (``_build_head_office``: about two minutes at full scale on
    two cores, most of it the server's own bulk insert; a copy takes seconds).

    The cache key covers the profiles and the code that decides what head office holds
    and how (this loader, the server's schema and stores, the record codec), so a
    change to any of them builds a new one; the server then runs on a copy, as
    benchmarks that write do with profiles.
    """
    key = _head_office_key([source_profile, *scaling_profiles])
    folder = cache_dir() / f"head-office-{key}"
    cached = folder / "head-office.sqlite3"
    built_now = False
    if not cached.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        with open(folder.with_name(folder.name + ".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # a second run waits for the first one's build
            if not cached.exists():
                partial = folder.with_name(folder.name + ".partial")
                shutil.rmtree(partial, ignore_errors=True)
                partial.mkdir()
                _build_head_office(source_profile, scaling_profiles, partial)
                partial.rename(folder)
                built_now = True
                _forget_old_head_offices(folder)
    info = json.loads((folder / "built.json").read_text())
    copy, _ = timed(lambda: shutil.copyfile(cached, into))
    os.utime(folder)  # when it was last used, for whoever clears the cache
    how = (
        f"profiles read and copied for the colleagues in {info['prepare']:.1f} s, "
        f"bulk-loaded in {info['load']:.1f} s"
    )
    how = f"built now: {how}" if built_now else f"copied from the bench cache in {copy:.2f} s"
    if not built_now:
        how += f" (built in {info['prepare'] + info['load']:.0f} s)"
    return HeadOffice(info["counts"], info["jobs"], info["records"], how)


# A head office another code version built and no run used for this long is dropped
# when a new one is built: ~1 GB each at full scale, one per change to the server.
_UNUSED_FOR_S = 6 * 3600


def _forget_old_head_offices(kept: Path) -> None:
    for folder in kept.parent.glob("head-office-*"):
        if folder == kept or not folder.is_dir() or folder.suffix == ".partial":
            continue
        if time.time() - folder.stat().st_mtime > _UNUSED_FOR_S:
            shutil.rmtree(folder, ignore_errors=True)


def _head_office_key(profiles: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    digest.update(repr([profile.name for profile in profiles]).encode())
    digest.update(repr((TECHNICIAN, COLLEAGUES)).encode())
    root = Path(__file__).resolve().parent.parent
    sources = [root / "bench" / "head_office.py", Path(__file__).resolve()]
    sources += sorted((root / "sync").rglob("*.py"))
    sources += sorted((root / "tech_app" / "records").rglob("*.py"))
    for source in sources:
        digest.update(source.relative_to(root).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _build_head_office(
    source_profile: Path, scaling_profiles: Sequence[Path], folder: Path
) -> None:
    """Head office with the measured technician, ``COLLEAGUES`` with a copy of their
    profile each, and one technician per scaling profile; ``built.json`` says what."""
    prepare_began = time.perf_counter()
    base_rows = profile_rows(database_path(source_profile))
    holdings = {TECHNICIAN: base_rows}
    for name in COLLEAGUES:
        holdings[name] = colleague_rows(base_rows, name, shared=base_rows)
    for profile in scaling_profiles:
        rows = profile_rows(database_path(profile))
        name = f"scaling{len(rows['jobs'])}"
        holdings[name] = colleague_rows(rows, name, shared=base_rows)
    prepare = time.perf_counter() - prepare_began
    file = folder / "head-office.sqlite3"
    engine = new_head_office(f"sqlite:///{file}")
    with write_transaction(engine) as conn:
        add_technicians(conn, list(holdings))
    load, counts = timed(lambda: load_technicians(engine, base_rows, holdings))
    engine.dispose()
    # The WAL folded back in: the cached file alone is the whole database.
    conn = sqlite3.connect(file)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    # Shared rows are held once, though every technician receives them.
    records = sum(n for c in counts.values() for table, n in c.items() if table not in SHARED)
    records += sum(len(base_rows[table]) for table in SHARED if table in base_rows)
    info = {
        "counts": counts,
        "jobs": sum(c["jobs"] for c in counts.values()),
        "records": records,
        "prepare": prepare,
        "load": load,
    }
    (folder / "built.json").write_text(json.dumps(info, indent=1))


def measure(
    source_profile: Path,
    scale: Scale,
    idle_repeats: int,
    scaling_profiles: Sequence[Path] = (),
) -> list[Figure]:
    """The first-sync figures (value, PouchDB, floors, open jobs, scaling) and idle sync.

    ``scaling_profiles`` are smaller profiles whose technicians' first syncs, against
    the same head office, give the cost per page as a profile grows.
    """
    db_file = database_path(source_profile)
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as temp_name:
        temp = Path(temp_name)
        office = _head_office(source_profile, scaling_profiles, temp / "head-office.sqlite3")
        url = f"sqlite:///{temp / 'head-office.sqlite3'}"
        counts = office.counts
        smaller = [(name, c["jobs"]) for name, c in counts.items() if name.startswith("scaling")]
        base_rows = profile_rows(db_file)  # the measured technician's, for the floors
        with served(url) as base:
            _warm_up(base)
            scaling = []
            # Smallest first: each on a profile of its own, closed before the next.
            for name, jobs in sorted(smaller, key=lambda item: item[1]):
                run, (small_store, _, _) = _first_sync(
                    base, name, jobs, sum(counts[name].values()), temp / name
                )
                small_store.close()
                scaling.append(run)
            main, (store, blobs, client) = _first_sync(
                base, TECHNICIAN, scale.jobs, sum(counts[TECHNICIAN].values()), temp / "client"
            )
            idle = sync_idle.measure(store, blobs, client, base, idle_repeats)
            store.close()
        floors = _floors(base_rows, db_file, main.report.pages, temp)
    ok, why = pouchdb.available()
    baseline, how = _pouchdb_baseline(db_file) if ok else _raw_http_baseline(db_file, why)
    report = main.report
    held = (
        f"head office: {len(counts)} technicians, {office.jobs:,} jobs, {office.records:,} "
        f"records (the measured one and {len(counts) - 1} colleagues, interleaved); "
        f"{office.how}"
    )
    first = Figure(
        name=f"first sync, {scale.jobs:,} jobs with their records (loopback)",
        value=main.seconds,
        baseline=baseline,
        unit="s",
        target=f"≥ {FASTER_TARGET:g}× faster than PouchDB",
        met=main.seconds * FASTER_TARGET <= baseline if ok else None,
        note=f"{report.pulled:,} records in {report.pages} pages ({main.page_ms:.0f} ms a "
        f"page) into an empty profile; baseline: {how}; {held}",
    )
    floor = Figure(
        name=f"first sync, {scale.jobs:,} jobs, against its floor",
        value=main.seconds,
        baseline=floors.sequential,
        unit="s",
        target=f"≤ {FLOOR_TARGET:g}× the floor",
        met=main.seconds <= FLOOR_TARGET * floors.sequential,
        note=floors.note(),
    )
    figures = [first, floor, _open_figure(main)]
    if scaling:
        figures.append(_scaling_figure([*scaling, main]))
    return [*figures, idle]


def _open_figure(main: FirstSync) -> Figure:
    seconds = main.open_seconds if main.open_seconds is not None else main.seconds
    came = (
        f"{main.report.early:,} records with {main.open_jobs:,} open jobs stored before the "
        "first history page"
        if main.open_seconds is not None
        else "no records came before the history: the open jobs arrived with the full sync"
    )
    return Figure(
        name="first sync: sync start → open jobs in the local store",
        value=seconds,
        baseline=None,
        unit="s",
        target=f"≤ {OPEN_JOBS_TARGET_S:g} s",
        met=main.open_seconds is not None and seconds <= OPEN_JOBS_TARGET_S,
        note=f"{came}; login before it {main.login_seconds * 1000:.0f} ms; "
        f"the whole first sync {main.seconds:.1f} s",
    )


def _scaling_figure(runs: Sequence[FirstSync]) -> Figure:
    """Cost per page of the largest profile's first sync against the smallest's."""
    runs = sorted(runs, key=lambda run: run.jobs)
    sizes = " / ".join(f"{run.jobs:,}" for run in runs)
    each = "; ".join(
        f"{run.jobs:,} jobs: {run.seconds:.1f} s, {run.report.pulled:,} records in "
        f"{run.report.pages} pages, {run.page_ms:.0f} ms a page"
        for run in runs
    )
    return Figure(
        name=f"first sync cost per page, {sizes} jobs",
        value=runs[-1].page_ms,
        baseline=runs[0].page_ms,
        unit="ms",
        target=f"≤ {PAGE_GROWTH_TARGET:g}× (pages of constant cost)",
        met=runs[-1].page_ms <= PAGE_GROWTH_TARGET * runs[0].page_ms,
        note=f"{each}; same head office, one technician each",
    )
