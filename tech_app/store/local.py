"""The local store: one SQLite file per technician profile.

``LocalStore.save`` is the one place a local change is written. In the same
transaction it bumps the record's version, appends the outbox mutation that
sync will push, and refreshes the search index, so a crash can never leave a
change without its mutation or a mutation without its change.
"""

from __future__ import annotations

import errno
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlite_utils import Database

from tech_app.clock import utc_now
from tech_app.errors import (
    FrozenJobError,
    NotFoundError,
    RecordedOnceError,
    StoreError,
    StoreProblem,
)
from tech_app.records import Job
from tech_app.records.codec import RECORD_SCHEMA, from_row, table_of, to_row
from tech_app.records.validate import new_id
from tech_app.store import search
from tech_app.store.plain import count_pending, read_setting, store_error
from tech_app.store.schema import SCHEMA_VERSION, migrations
from tech_app.write_rules import CHANGEABLE_FIELDS, Refusal, refusal

R = TypeVar("R")

__all__ = ["LocalStore", "open_store", "store_error", "utc_now"]


# Records whose rapid edits fold into one outbox mutation (``LocalStore._coalesce``):
# answers typed key by key, and a job's findings and work done.
COALESCED_TABLES = frozenset({"checklist_answers", "jobs"})

# How many parsed records ``get_parsed_once`` keeps: a day's templates, many times over.
_PARSED_KEPT = 256


def _storable(value: object) -> object:
    return int(value) if isinstance(value, bool) else value


class LocalStore:
    def __init__(self, db: Database, path: Path | None = None) -> None:
        self.db = db
        self.path = path
        # Parsed records that are read far more often than they change (a checklist
        # template of 30 items is read on every answer), keyed by their version.
        self._parsed: dict[tuple[str, str, int, str], Any] = {}

    # -- transactions -------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Group several saves into one all-or-nothing change (nests as a savepoint)."""
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.OperationalError as exc:
            raise store_error(exc, self.path) from exc

    # -- reads --------------------------------------------------------------
    def row(self, table: str, record_id: str) -> dict[str, Any] | None:
        cursor = self.db.execute(f"SELECT * FROM [{table}] WHERE id = ?", [record_id])
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip([c[0] for c in cursor.description], found, strict=True))

    def get(self, cls: type[R], record_id: str) -> R:
        table = _table_for(cls)
        found = self.row(table, record_id)
        if found is None:
            raise NotFoundError(table.rstrip("s").replace("_", " "), record_id)
        return from_row(cls, found)

    def get_parsed_once(self, cls: type[R], record_id: str) -> R:
        """``get``, parsed once per version of the row: for big records that rarely change.

        Records are frozen, so one parsed copy is shared safely; a row that changed (a
        pull, a save) has a new version or ``updated_at`` and is parsed again.
        """
        table = _table_for(cls)
        stamp = self.db.execute(
            f"SELECT version, updated_at FROM [{table}] WHERE id = ?", [record_id]
        ).fetchone()
        if stamp is None:
            raise NotFoundError(table.rstrip("s").replace("_", " "), record_id)
        key = (table, record_id, int(stamp[0]), str(stamp[1]))
        found = self._parsed.get(key)
        if found is None:
            if len(self._parsed) >= _PARSED_KEPT:
                self._parsed.clear()
            found = self._parsed[key] = self.get(cls, record_id)
        return cast(R, found)

    def select(
        self,
        cls: type[R],
        where: str = "1",
        params: list[Any] | tuple[Any, ...] = (),
        order_by: str = "rowid",
    ) -> list[R]:
        table = _table_for(cls)
        # Straight to SQLite: sqlite-utils' rows_where first lists every table and view
        # to check this one exists, on every call (a slip makes dozens).
        cursor = self.db.execute(
            f"SELECT * FROM [{table}] WHERE {where} ORDER BY {order_by}", list(params)
        )
        names = [c[0] for c in cursor.description]
        return [from_row(cls, dict(zip(names, r, strict=True))) for r in cursor.fetchall()]

    def find_job(self, key: str) -> Job:
        """A job by its number (what people say) or its id (what links carry)."""
        found = self.db.execute(
            "SELECT * FROM jobs WHERE number = ? OR id = ?", [key.strip(), key.strip()]
        )
        row = found.fetchone()
        if row is None:
            raise NotFoundError("job", key)
        return from_row(Job, dict(zip([c[0] for c in found.description], row, strict=True)))

    def setting(self, key: str, default: str | None = None) -> str | None:
        return read_setting(self.db, key, default)

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    @property
    def client_id(self) -> str:
        value = self.setting("client_id")
        assert value is not None, "set when the store was created"
        return value

    # -- the one local write path ------------------------------------------
    def save(self, record: R, *, now: datetime | None = None) -> R:
        """Write a record and its outbox mutation in one transaction.

        A save that changes nothing writes nothing and queues nothing.
        """
        table = table_of(record)
        row = {k: _storable(v) for k, v in to_row(record).items()}
        stamp = (now or utc_now()).isoformat()
        with self.transaction():
            old = self.row(table, str(row["id"]))
            self._refuse_if_frozen(table, row, exists=old is not None)
            if old is None:
                changed = row
                base_version = 0
                columns = [*row, "version", "updated_at"]
                self.db.execute(
                    f"INSERT INTO [{table}] ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})",
                    [*row.values(), 1, stamp],
                )
            else:
                changed = {k: v for k, v in row.items() if old.get(k) != v}
                if not changed:
                    return record
                if set(changed) - CHANGEABLE_FIELDS.get(table, set(changed)):
                    raise RecordedOnceError(table, str(row["id"]))
                base_version = int(old["version"])
                assignments = ", ".join(f"{k} = ?" for k in changed)
                self.db.execute(
                    f"UPDATE [{table}] SET {assignments}, version = ?, updated_at = ? WHERE id = ?",
                    [*changed.values(), base_version + 1, stamp, row["id"]],
                )
            if old is None or not self._coalesce(table, str(row["id"]), changed):
                self.db.execute(
                    "INSERT INTO outbox (table_name, record_id, op, fields, base_version, "
                    "schema_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        table,
                        row["id"],
                        "insert" if old is None else "update",
                        json.dumps(changed, ensure_ascii=False),
                        base_version,
                        RECORD_SCHEMA,  # what the fields hold, not the profile's layout
                        stamp,
                    ],
                )
            for job_id in search.jobs_touched_by(self.db, table, str(row["id"])):
                search.reindex_job(self.db, job_id)
        return record

    def _coalesce(self, table: str, record_id: str, changed: dict[str, Any]) -> bool:
        """Fold an edit into the outbox's last mutation when that is an unsent edit of the
        same fields of the same record: typing a finding or a reading queues one mutation,
        not one a keystroke.

        Only a ``pending`` mutation takes the fold: one a push has taken (``sending``) is
        on the wire as it was, and the UPDATE's state condition makes that check and the
        fold one step, so a push taking the row meanwhile can never lose the edit (the
        edit then gets a mutation of its own). The folded mutation keeps its base version,
        the version this device saw before its first edit, so conflicts are judged as
        before; a status step is never folded (head office checks each step).
        """
        if table not in COALESCED_TABLES or "status" in changed:
            return False
        last = self.db.execute(
            "SELECT mutation_id, table_name, record_id, fields, state FROM outbox "
            "ORDER BY mutation_id DESC LIMIT 1"
        ).fetchone()
        if last is None or (last[1], last[2], last[4]) != (table, record_id, "pending"):
            return False
        fields = json.loads(last[3])
        if "status" in fields or not set(changed) <= set(fields):
            # Only the same fields again: head office accepts or refuses a mutation whole,
            # so folding in another field could take a good edit down with a refused one.
            return False
        merged = json.dumps({**fields, **changed}, ensure_ascii=False)
        return bool(
            self.db.execute(
                "UPDATE outbox SET fields = ? WHERE mutation_id = ? AND state = 'pending'",
                [merged, last[0]],
            ).rowcount
        )

    def _refuse_if_frozen(self, table: str, row: dict[str, Any], *, exists: bool) -> None:
        """The same rule head office's write gate applies (``tech_app.write_rules``)."""
        job_id = row["id"] if table == "jobs" else row.get("job_id")
        job = (
            self.db.execute("SELECT number, status FROM jobs WHERE id = ?", [job_id]).fetchone()
            if job_id
            else None
        )
        refused = refusal(table, job_signed=job is not None and job[1] == "signed", exists=exists)
        if refused is Refusal.INSERT_ONLY:
            raise RecordedOnceError(table, str(row["id"]))
        if refused is Refusal.SIGNED and job is not None:
            raise FrozenJobError(job[0])

    # -- outbox ----------------------------------------------------------------
    def pending_mutations(self) -> list[dict[str, Any]]:
        """Mutations head office has not answered yet (waiting, or on the wire)."""
        return list(
            self.db["outbox"].rows_where("state IN ('pending', 'sending')", order_by="mutation_id")
        )

    def pending_count(self) -> int:
        return count_pending(self.db)

    def close(self) -> None:
        self.db.close()


def _table_for(cls: type) -> str:
    from tech_app.records.codec import TABLES

    return TABLES[cls]


def _profile_folder_error(exc: OSError, folder: Path) -> StoreError:
    """Creating the profile folder failed: a file in the way, no permission or no space."""
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return StoreError(StoreProblem.NOT_A_FOLDER, path=_first_file(folder))
    if exc.errno == errno.ENOSPC:
        return StoreError(StoreProblem.DISK_FULL)
    return StoreError(StoreProblem.READ_ONLY, path=folder)


def _first_file(folder: Path) -> Path:
    # The part of the path that exists but is no folder, which is what the user must change.
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate
    return folder


def open_store(path: Path | str | None = None) -> LocalStore:
    """Open (creating and upgrading as needed) a profile database; None = in memory."""
    if path is not None:
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _profile_folder_error(exc, path.parent) from exc
        if path.is_dir():
            raise StoreError(StoreProblem.DAMAGED, path=path, detail="a folder is in its place")
    try:
        db = Database(memory=True) if path is None else Database(path)
        db.execute("PRAGMA busy_timeout = 5000")
        found = db.execute("PRAGMA user_version").fetchone()[0]
        if found > SCHEMA_VERSION:
            db.close()
            raise StoreError(
                StoreProblem.NEWER_VERSION, path=path, found=found, known=SCHEMA_VERSION
            )
        if path is not None:
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        if migrations.pending(db):
            migrations.apply(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        search.reindex_if_stale(db)
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc
    store = LocalStore(db, path)
    if store.setting("client_id") is None:
        store.set_setting("client_id", new_id())
    return store
