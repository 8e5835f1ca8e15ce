"""``tech-app demo``: an embedded head office, a demo profile logged in as liu, a first sync.

Only the demo reaches for the server package (``sync.server.embedded``), and only
inside ``start_demo``, so the app itself runs without the server extras.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sync.client import SyncReport, sync_once
from sync.client.login import log_in
from tech_app.blobs import BlobStore
from tech_app.profile import blob_dir, database_path
from tech_app.store.local import open_store

DEMO_TECHNICIAN = "liu"
DEMO_PASSWORD = "demo"


@dataclass
class DemoSession:
    url: str
    office_db: str  # the head office's database URL, for ``tech-app office … --db``
    data_dir: Path
    first_sync: SyncReport
    stop: Callable[[], None]  # stops the head office and removes the temp folders


def start_demo(data_dir: Path | None = None) -> DemoSession:
    """Start a seeded head office on 127.0.0.1, log liu in on a profile and sync it once."""
    from sync.server.embedded import start_embedded_server

    work = tempfile.TemporaryDirectory(prefix="tech-app-demo-")
    office = Path(work.name) / "head-office"
    url, stop_server = start_embedded_server(office)
    profile = data_dir or Path(work.name) / "profile"
    try:
        store = open_store(database_path(profile))
        try:
            log_in(store, url, DEMO_TECHNICIAN, DEMO_PASSWORD)
            report = sync_once(store, BlobStore(blob_dir(profile)))
        finally:
            store.close()
    except BaseException:
        stop_server()
        work.cleanup()
        raise

    def stop() -> None:
        stop_server()
        work.cleanup()

    # start_embedded_server keeps its SQLite file in the folder it is given, under this name.
    office_db = f"sqlite:///{office / 'head-office.sqlite3'}"
    return DemoSession(url, office_db, profile, report, stop)
