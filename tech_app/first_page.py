"""The first screen's reads, on a read-only ``sqlite3`` connection, before the store opens.

Opening the full store imports sqlite-utils (with click, pluggy, dateutil), the
migrations and every record class: about a third of the app's start-up, as measured
before this reader. The window and the first page of the job list need none of it,
only the list's SQL (``tech_app.job_list``), two settings and the pending count. So the
app reads them here and opens the full store right after the first paint
(``ui/context.py``), closing this connection.

Only a profile the full store would open as it is gets read here: the schema version
is this app's, the search index is current, the profile has its client id and can be
written. Anything else (no file yet, a read-only file or folder, a migration pending, a
newer tech-app's profile, a stale index, a file SQLite cannot read: locked, damaged)
gives ``None``, and the app opens the full store first, which migrates, re-indexes or
raises its typed error as before; nothing is ever read here from an old schema.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from tech_app.store.plain import (
    INDEX_VERSION,
    INDEX_VERSION_SETTING,
    SCHEMA_VERSION,
    count_pending,
    read_setting,
)


class FirstPageReader:
    """Answers ``tech_app.job_list`` and the first screen's settings until the store opens.

    It never writes: the connection is opened read-only, so the store's write
    connections stay the only ones.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    @property
    def db(self) -> Any:
        return self._db

    def setting(self, key: str, default: str | None = None) -> str | None:
        return read_setting(self._db, key, default)

    def pending_count(self) -> int:
        return count_pending(self._db)

    def close(self) -> None:
        self._db.close()


def open_first_page(path: Path) -> FirstPageReader | None:
    """A reader on the profile at ``path``, or None when the full store must open first."""
    if not path.is_file() or not _writable(path):
        return None  # new, or read-only: the store creates it, or says it cannot write
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        # No waiting here: a profile locked by another process is the store's to wait
        # for and report (its busy timeout), not something to wait for twice.
        db.execute("PRAGMA busy_timeout = 0")
        if _ready(db):
            return FirstPageReader(db)
    except sqlite3.Error:
        pass  # locked, damaged, not a database: the full store says which
    db.close()
    return None


def _writable(path: Path) -> bool:
    """The store will be able to write the file and its WAL beside it (effective ids,
    so a process without root's override is judged as the kernel will judge it)."""
    effective = os.access in os.supports_effective_ids
    return all(os.access(p, os.W_OK, effective_ids=effective) for p in (path, path.parent))


def _ready(db: sqlite3.Connection) -> bool:
    """The profile is as the full store would leave it on opening: nothing to change."""
    if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        return False
    return (
        read_setting(db, INDEX_VERSION_SETTING) == INDEX_VERSION
        and read_setting(db, "client_id") is not None
    )


__all__ = ["FirstPageReader", "open_first_page"]
