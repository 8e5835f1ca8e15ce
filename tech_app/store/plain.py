"""What reading a profile needs of the store without sqlite-utils, and SQLite's errors
as typed ones.

The app's first screen reads the job list on a bare ``sqlite3`` connection
(``tech_app.first_page``) before the full store, its migrations and the records
are imported; these few reads are shared by both, so each is written once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from tech_app.errors import StoreError, StoreProblem

T = TypeVar("T")

# The number of migrations in ``tech_app.store.schema`` (a test holds them equal), here so
# a profile's ``PRAGMA user_version`` can be checked without importing the migrations.
SCHEMA_VERSION = 12

# The search index's version (``tech_app.store.search``, whose ``job_text`` it follows:
# bump it there), kept here beside the schema's so the first page can see that a profile
# is current without importing the search code.
INDEX_VERSION = "3"  # 3: a jewellery intake's counterfoil number and product
INDEX_VERSION_SETTING = "search.index_version"


class ProfileReads(Protocol):
    """What the full store (``LocalStore``) and the first page's reader both answer."""

    @property
    def db(self) -> Any: ...  # anything with sqlite3's ``execute``

    def setting(self, key: str, default: str | None = None) -> str | None: ...

    def pending_count(self) -> int: ...


def read_setting(db: Any, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def count_pending(db: Any) -> int:
    """Mutations head office has not answered yet (waiting, or on the wire)."""
    return int(
        db.execute("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')").fetchone()[
            0
        ]
    )


def store_error(exc: sqlite3.Error, path: Path | None = None) -> StoreError:
    """The typed error for what SQLite said, so no caller shows a driver message."""
    message = str(exc).lower()
    folder = path.parent if path is not None else ""
    if "locked" in message or "busy" in message:
        return StoreError(StoreProblem.LOCKED)
    if "full" in message:
        return StoreError(StoreProblem.DISK_FULL)
    if "readonly" in message or "read-only" in message or "unable to open" in message:
        return StoreError(StoreProblem.READ_ONLY, path=folder)
    if isinstance(exc, sqlite3.OperationalError):
        return StoreError(StoreProblem.UNUSABLE, detail=exc)
    return StoreError(StoreProblem.DAMAGED, path=path or "the database", detail=exc)


# Values per IN (...) list: well under SQLite's limit of bound values in one statement.
IN_LIST = 500


def in_chunks(values: Sequence[T]) -> Iterator[list[T]]:
    """``values`` in lists short enough for one ``IN (...)`` each."""
    for start in range(0, len(values), IN_LIST):
        yield list(values[start : start + IN_LIST])
