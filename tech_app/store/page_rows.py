"""The local rows a pull page names, read up front in a few statements.

Applying a page asked SQLite, for every record in it, whether the row is already here
and whether another local row holds its natural key: two statements a record, most of
a first sync's time. ``PageRows`` reads both for the whole page at once (per table,
500 ids a statement) and keeps them current as the page inserts and updates rows. Any
delete (a tombstone, a collision cleared) makes it forget everything and answer from
SQLite for the rest of the page, so it never answers from a stale copy.

New rows wait in a queue, one ``executemany`` per table and column set, until the page
ends or anything else is about to read or change the tables (an update, a delete, a
fallback read): the local schema's foreign keys are checked at commit, so the order of
inserts across tables does not matter within the page's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from tech_app.store.local import LocalStore
from tech_app.store.plain import in_chunks

Key = tuple[str | None, ...]


def _key_of(values: Iterable[object]) -> Key:
    # Compared as text: SQLite's `IS ?` on a TEXT column converts the value the same way.
    return tuple([None if v is None else str(v) for v in values])


class PageRows:
    def __init__(
        self,
        store: LocalStore,
        wanted: Mapping[str, set[str]],
        natural_keys: Mapping[str, tuple[str, ...]],
        key_values: Mapping[str, set[object]],
    ) -> None:
        """``wanted``: the ids per table the page writes; ``key_values``: per table with
        a natural key, the values of its key's first column among the page's rows."""
        self._store = store
        self._db = db = store.db
        self._natural_keys = natural_keys
        self._valid = True
        self._rows: dict[tuple[str, str], dict[str, Any] | None] = {}
        self._holders: dict[str, dict[Key, set[str]]] = {}
        self._first_values: dict[str, set[str]] = {}  # key[0] values the holders cover
        self._queued: dict[str, list[tuple[Any, ...]]] = {}  # INSERT statement: its rows
        self._statements: dict[tuple[str, tuple[str, ...]], str] = {}
        for table, ids in wanted.items():
            for record_id in ids:
                self._rows[(table, record_id)] = None
            for chunk in in_chunks(sorted(ids)):
                cursor = db.execute(
                    f"SELECT * FROM [{table}] WHERE id IN ({','.join('?' * len(chunk))})", chunk
                )
                names = [c[0] for c in cursor.description]
                for found in cursor.fetchall():
                    row = dict(zip(names, found, strict=True))
                    self._rows[(table, str(row["id"]))] = row
        for table, values in key_values.items():
            key = natural_keys[table]
            holders: dict[Key, set[str]] = {}
            columns = ", ".join(f"[{k}]" for k in key)
            for values_chunk in in_chunks(sorted((v for v in values if v is not None), key=str)):
                for record_id, *found in db.execute(
                    f"SELECT id, {columns} FROM [{table}] "
                    f"WHERE [{key[0]}] IN ({','.join('?' * len(values_chunk))})",
                    values_chunk,
                ).fetchall():
                    holders.setdefault(_key_of(found), set()).add(str(record_id))
            self._holders[table] = holders
            self._first_values[table] = {str(v) for v in values if v is not None}

    def row(self, table: str, record_id: str) -> dict[str, Any] | None:
        """The local row, as ``LocalStore.row`` would read it now."""
        if self._valid and (table, record_id) in self._rows:
            return self._rows[(table, record_id)]
        self.flush()
        return self._store.row(table, record_id)

    def others_holding(self, table: str, key_values: Iterable[object], record_id: str) -> list[str]:
        """Ids of other local rows whose natural key is ``key_values``."""
        values = list(key_values)
        holders = self._holders.get(table) if self._valid else None
        covered = values[0] is not None and str(values[0]) in self._first_values.get(table, ())
        if holders is not None and covered:
            found = holders.get(_key_of(values))
            return sorted(found - {record_id}) if found else []
        self.flush()
        key = self._natural_keys[table]
        where = " AND ".join(f"[{k}] IS ?" for k in key)  # IS: NULL-safe and index-friendly
        return [
            str(r[0])
            for r in self._db.execute(
                f"SELECT id FROM [{table}] WHERE {where} AND id != ?", [*values, record_id]
            ).fetchall()
        ]

    def insert(self, table: str, values: Mapping[str, Any]) -> None:
        """Insert a new row (queued: see the module docstring)."""
        shape = (table, tuple(values))
        statement = self._statements.get(shape)
        if statement is None:  # once per table and column set, not per row
            names = ", ".join(f"[{n}]" for n in values)
            marks = ", ".join("?" * len(values))
            statement = self._statements[shape] = (
                f"INSERT INTO [{table}] ({names}) VALUES ({marks})"
            )
        self._queued.setdefault(statement, []).append(tuple(values.values()))
        self._inserted(table, values)

    def flush(self) -> None:
        """Write the queued rows: before anything else touches the tables."""
        for statement, rows in self._queued.items():
            self._db.conn.executemany(statement, rows)
        self._queued.clear()

    def _inserted(self, table: str, values: Mapping[str, Any]) -> None:
        record_id = str(values["id"])
        if (table, record_id) in self._rows:
            self._rows[(table, record_id)] = dict(values)
        self._note_holder(table, values, record_id)

    def updated(self, table: str, record_id: str, changed: Mapping[str, Any]) -> None:
        """``changed`` was written to the row (after a ``flush``)."""
        row = self._rows.get((table, record_id))
        if self._key_moved(table, row, changed):
            self.forget()  # simpler to read afresh than to track it
            return
        if row is not None:
            row.update(changed)

    def _key_moved(
        self, table: str, row: Mapping[str, Any] | None, changed: Mapping[str, Any]
    ) -> bool:
        """Whether ``changed`` moves the row's natural key (a row sent again usually
        carries the key it had)."""
        key = self._natural_keys.get(table, ())
        if not any(k in changed for k in key):
            return False
        if row is None:
            return True
        return _key_of(row.get(k) for k in key) != _key_of(changed.get(k, row.get(k)) for k in key)

    def forget(self) -> None:
        """Rows are about to be deleted: write what waits, and answer from SQLite for the
        rest of the page."""
        self.flush()
        self._valid = False

    def _note_holder(self, table: str, values: Mapping[str, Any], record_id: str) -> None:
        key = self._natural_keys.get(table)
        holders = self._holders.get(table)
        if key is None or holders is None:
            return
        if all(k in values for k in key):
            holders.setdefault(_key_of(values[k] for k in key), set()).add(record_id)
        else:
            self.forget()
