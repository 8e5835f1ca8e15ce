"""``tech-app demo``: an embedded head office, a demo profile logged in as liu, a first sync.

The head office runs as its own process (``sync.demo_office``): the app reaches it
over the protocol only, as it would reach a real one, and never imports the server.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sync.client import SyncReport, sync_once
from sync.client.login import log_in
from sync.demo_office import start_demo_office
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
    work = tempfile.TemporaryDirectory(prefix="tech-app-demo-")
    try:
        office = start_demo_office(Path(work.name) / "head-office")
    except BaseException:
        work.cleanup()
        raise
    url, stop_server = office.url, office.stop
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

    return DemoSession(url, office.db_url, profile, report, stop)
