"""Real head-office processes for the sync tests: uvicorn on 127.0.0.1, SQLite and PostgreSQL.

One server per backend per test session; each test gets its own technicians (unique
names), so tests do not see each other's jobs. Office work (dispatch, expiring
tokens) goes straight to the same database, as ``tech-app office`` does.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

import json
import socket
import subprocess
import sys
import time
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests
from sqlalchemy.engine import Engine

from sync.client import SyncClient
from sync.server import auth, dispatch
from sync.server.db import make_engine, migrate, read_transaction, write_transaction
from sync.server.office import rekey
from sync.tokens import TokenStore
from tech_app.blobs import BlobStore
from tech_app.demo import build_demo, demo_id
from tech_app.records.codec import RECORD_FOR_TABLE, from_row, to_row
from tech_app.store.local import LocalStore, open_store

DAY = date(2026, 11, 28)
PASSWORD = "s3cret-pw"
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """Poll /health (a real condition) until it answers, bounded by a deadline."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if requests.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.05)
    raise RuntimeError("server did not become healthy in time")


@dataclass
class Server:
    url: str
    db_url: str
    engine: Engine
    process: subprocess.Popen[bytes]
    log: Path
    names: list[str] = field(default_factory=list)

    def technician(self, role: str = "technician") -> str:
        name = f"t{uuid.uuid4().hex[:10]}"
        with write_transaction(self.engine) as conn:
            auth.add_technician(conn, name, PASSWORD, role)
        return name

    def dispatch_demo(self, technician: str) -> dict[str, str]:
        """The demo day for one technician, with ids of its own; returns job ids by demo key."""
        records = rekey(build_demo(DAY, technician).records, technician, prefix=technician)
        with write_transaction(self.engine) as conn:
            for record in records:
                dispatch.put_record(conn, record)
        keys = (
            "fleet",
            "heater-in",
            "heater-out",
            "stove",
            "printer",
            "dispenser",
            "ring",
            "guidance",
        )
        return {k: job_id_for(technician, k) for k in keys}

    def visible(self, technician: str) -> dict[tuple[str, str], dict[str, Any]]:
        with read_transaction(self.engine) as conn:
            return dispatch.records_visible_to(conn, technician)

    def blob(self, sha256: str) -> bytes | None:
        from sync.server import blobs

        with read_transaction(self.engine) as conn:
            return blobs.get(conn, sha256)


def job_id_for(technician: str, key: str) -> str:
    import uuid as _uuid

    from sync.server.office import _NS

    return str(_uuid.uuid5(_NS, f"{technician}:{demo_id(f'job:{key}')}"))


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    name = f"tech_app_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server(db_url: str, log: Path, extra_env: dict[str, str] | None = None) -> Server:
    engine = make_engine(db_url)
    migrate(engine)
    port = _free_port()
    env = {**os.environ, "TECH_APP_DB_URL": db_url, **(extra_env or {})}
    with log.open("ab") as handle:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "sync.server.app:app_from_env",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env=env,
            stdout=handle,
            stderr=handle,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
    except RuntimeError:
        process.kill()
        raise RuntimeError(log.read_text(errors="replace")[-3000:]) from None
    return Server(url=url, db_url=db_url, engine=engine, process=process, log=log)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    server.engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp(f"server-{request.param}")
    if request.param == "sqlite":
        db_url = f"sqlite:///{folder / 'head-office.sqlite3'}"
    else:
        db_url = request.getfixturevalue("pg_database")
    running = start_server(db_url, folder / "server.log")
    yield running
    stop_server(running)


def fresh_server(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A head office of its own (its own SQLite file or PostgreSQL database), for a test
    module that fills head office with hundreds of jobs: on the shared session server
    every later test's office views (board, SLA, follow-ups, planning) would read them."""
    folder = tmp_path_factory.mktemp(f"own-server-{kind}")
    name = f"tech_app_test_{uuid.uuid4().hex[:10]}"
    if kind == "sqlite":
        db_url = f"sqlite:///{folder / 'head-office.sqlite3'}"
    else:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        db_url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    running = start_server(db_url, folder / "server.log")
    try:
        yield running
    finally:
        stop_server(running)
        if kind != "sqlite":
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Device:
    store: LocalStore
    blobs: BlobStore
    client: SyncClient
    profile: Path
    technician: str

    def sync(self) -> Any:
        from sync.client import sync_once

        return sync_once(self.store, self.blobs, self.client)


def make_device(
    folder: Path, server: Server, technician: str, session: requests.Session | None = None
) -> Device:
    from tech_app.store import remote

    store = open_store(folder / "tech-app.sqlite3")
    store.set_setting("technician", technician)
    remote.set_server_url(store, server.url)
    client = SyncClient(
        server.url, session=session, token_store=TokenStore(folder), backoff=0.01, max_backoff=0.05
    )
    client.login(technician, PASSWORD)
    return Device(store, BlobStore(folder / "blobs"), client, folder, technician)


@pytest.fixture
def device_factory(tmp_path: Path) -> Iterator[Any]:
    made: list[Device] = []

    def build(server: Server, technician: str, name: str = "laptop", **kw: Any) -> Device:
        device = make_device(tmp_path / name, server, technician, **kw)
        made.append(device)
        return device

    yield build
    for device in made:
        device.store.close()


def local_rows(store: LocalStore) -> dict[tuple[str, str], dict[str, Any]]:
    """Every local record as its codec row (normalised through the shared records)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for table, cls in RECORD_FOR_TABLE.items():
        for row in store.db[table].rows:
            found[(table, row["id"])] = json.loads(
                json.dumps(to_row(from_row(cls, row)), ensure_ascii=False)
            )
    return found


def server_rows(server: Server, technician: str) -> dict[tuple[str, str], dict[str, Any]]:
    out = {}
    for key, row in server.visible(technician).items():
        cls = RECORD_FOR_TABLE[key[0]]
        out[key] = json.loads(json.dumps(to_row(from_row(cls, row)), ensure_ascii=False))
    return out


def assert_same(server: Server, device: Device, *, ignore: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """Both sides hold the same records, field by field: nothing missing, nothing doubled."""
    local = local_rows(device.store)
    remote_ = server_rows(server, device.technician)
    assert sorted(set(remote_) - set(local)) == [], "missing on the device"
    assert sorted(set(local) - set(remote_)) == [], "on the device but not at head office"
    for key, row in remote_.items():
        mine = {k: v for k, v in local[key].items() if k not in ignore}
        theirs = {k: v for k, v in row.items() if k not in ignore}
        assert mine == theirs, key


def png_bytes(seed: int = 0) -> bytes:
    """A small real PNG (a signature pad image), different per seed."""
    width, height = 40, 20
    raw = b"".join(
        b"\x00" + bytes(((x * 7 + y * 3 + seed) % 256) for x in range(width)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + b"\x08\x00\x00\x00\x00"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
