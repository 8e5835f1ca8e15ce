"""The PouchDB baseline: replicate the same JSON documents from ``pouchdb-server`` into a
local PouchDB (LevelDB), the CouchDB-style replication our protocol learned from.

npm packages go to a cache folder outside the repository (installed on first use);
``available()`` is False when npm or the install is missing, and the sync benchmark
then falls back to a raw HTTP transfer of the same bytes.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

from bench.data import cache_dir

PACKAGES = ("pouchdb-server@4", "pouchdb-node@9")
BATCH = 500  # documents per replication batch: the same as our pull page
_REPLICATE = """
const PouchDB = require('pouchdb-node');
const [source, target, batch] = process.argv.slice(1);
const local = new PouchDB(target);
const began = process.hrtime.bigint();
PouchDB.replicate(source, local, {batch_size: Number(batch)})
  .on('complete', info => {
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    console.log(JSON.stringify({seconds, docs: info.docs_written}));
  })
  .on('error', err => { console.error(err); process.exit(1); });
"""


def home() -> Path:
    return cache_dir() / "pouchdb"


def available() -> tuple[bool, str]:
    """Install pouchdb-server and pouchdb-node if needed; (ok, why not)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return False, "node/npm not installed"
    folder = home()
    if (folder / "node_modules" / "pouchdb-server").exists() and (
        folder / "node_modules" / "pouchdb-node"
    ).exists():
        return True, ""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text('{"name": "tech-app-bench-pouchdb", "private": true}')
    done = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", *PACKAGES],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        return False, f"npm install failed: {done.stderr.strip()[-300:]}"
    return True, ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def pouchdb_server() -> Iterator[str]:
    """pouchdb-server on a free loopback port with its files in a temp folder."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="bench-pouch-") as data:
        process = subprocess.Popen(
            [
                str(home() / "node_modules" / ".bin" / "pouchdb-server"),
                "--port",
                str(port),
                "--dir",
                data,
                "--no-stdout-logs",
            ],
            cwd=data,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(base, timeout=1).ok:
                        break
                except requests.ConnectionError:
                    pass
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("pouchdb-server did not start")
                time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=15)


def fill(base: str, name: str, documents: Iterable[dict[str, Any]]) -> int:
    """Create database ``name`` holding ``documents`` (via _bulk_docs); returns the count."""
    session = requests.Session()
    session.put(f"{base}/{name}").raise_for_status()
    batch: list[dict[str, Any]] = []
    count = 0

    def flush() -> None:
        body = json.dumps({"docs": batch}, ensure_ascii=False).encode()
        session.post(
            f"{base}/{name}/_bulk_docs", data=body, headers={"Content-Type": "application/json"}
        ).raise_for_status()

    for doc in documents:
        batch.append(doc)
        count += 1
        if len(batch) == 2000:
            flush()
            batch = []
    if batch:
        flush()
    return count


def replicate(source: str) -> dict[str, Any]:
    """Time PouchDB replicating ``source`` into a new local database (node, LevelDB)."""
    with tempfile.TemporaryDirectory(prefix="bench-pouch-local-") as target:
        done = subprocess.run(
            ["node", "-e", _REPLICATE, source, str(Path(target) / "local"), str(BATCH)],
            cwd=home(),
            capture_output=True,
            text=True,
            timeout=1800,
            check=True,
        )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]
