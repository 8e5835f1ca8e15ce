"""First sync of a technician's jobs with their records, on loopback, against PouchDB.

Head office (the real ``tech-app server``, SQLite file, own process) holds a
generated profile's jobs with their customers, sites, units, checklist answers,
part lines, catalogue and van stock for one technician. The figure is one
``sync_once`` into an empty profile: every pull page fetched, applied to SQLite
with its search index, and the cursor stored. The baseline replicates the same
number of JSON documents (the same rows, as the server sends them) from
``pouchdb-server`` into a local PouchDB; when npm or PouchDB is missing it is the
raw HTTP transfer of the same bytes.

The incremental sync figure (``bench/sync_idle.py``) runs on the profile this
leaves behind, against the same server.
"""

from __future__ import annotations

import json
import tempfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests

from bench import pouchdb, sync_idle
from bench.figures import Figure
from bench.generate import Scale
from bench.head_office import (
    LOAD_ORDER,
    PASSWORD,
    load_profile,
    new_head_office,
    served,
    timed,
    wire_rows,
)
from sync.client.http import SyncClient
from sync.client.round import sync_once
from tech_app.blobs import BlobStore
from tech_app.profile import database_path
from tech_app.store.local import open_store

FASTER_TARGET = 2.0  # our first sync must take at most half PouchDB's time
TECHNICIAN = "liu"


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


def _raw_http_baseline(db_file: Path, why: str) -> tuple[float, str]:
    """The same bytes over one plain HTTP GET from a stdlib server (no database either side)."""
    body = json.dumps(list(_documents(db_file)), ensure_ascii=False).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        seconds, _ = timed(lambda: requests.get(f"http://127.0.0.1:{server.server_port}/").content)
    finally:
        server.shutdown()
    return seconds, f"raw HTTP transfer of the same {len(body) / 1e6:.0f} MB ({why})"


def measure(source_profile: Path, scale: Scale, idle_repeats: int) -> list[Figure]:
    db_file = database_path(source_profile)
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as temp:
        url = f"sqlite:///{Path(temp) / 'head-office.sqlite3'}"
        engine = new_head_office(url)
        from bench.head_office import add_technicians
        from sync.server.db import write_transaction

        with write_transaction(engine) as conn:
            add_technicians(conn, [TECHNICIAN])
        counts = load_profile(engine, db_file, TECHNICIAN)
        engine.dispose()
        records = sum(counts.values())
        with served(url) as base:
            client = SyncClient(base)
            client.login(TECHNICIAN, PASSWORD)
            store = open_store(database_path(Path(temp) / "client"))
            blobs = BlobStore(Path(temp) / "client" / "blobs")
            seconds, report = timed(lambda: sync_once(store, blobs, client))
            if not report.ok or report.pulled < records:
                raise RuntimeError(f"first sync incomplete: {report.summary()} {report.errors}")
            idle = sync_idle.measure(store, blobs, client, base, idle_repeats)
            store.close()
    ok, why = pouchdb.available()
    baseline, how = _pouchdb_baseline(db_file) if ok else _raw_http_baseline(db_file, why)
    first = Figure(
        name=f"first sync, {scale.jobs:,} jobs with their records (loopback)",
        value=seconds,
        baseline=baseline,
        unit="s",
        target=f"≥ {FASTER_TARGET:g}× faster than PouchDB",
        met=seconds * FASTER_TARGET <= baseline if ok else None,
        note=f"{report.pulled:,} records in {report.pages} pages into an empty profile; "
        f"baseline: {how}",
    )
    return [first, idle]
