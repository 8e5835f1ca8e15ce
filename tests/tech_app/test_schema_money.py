"""Local schema 7 (money as data): a database written by schema 6 opens with every record.

The laptop in the field holds schema-6 files; m007 adds the settings and card tables and
the job's visit mode, card and fault cause and the time entry's scope. Old rows must come
back as they were, priced as before (on site, no card, no cause, in scope).
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from tech_app.demo import build_demo
from tech_app.records import CompanySettings, Job, ServiceCard, TimeEntry
from tech_app.records.codec import table_of, to_row
from tech_app.store.local import open_store
from tech_app.store.schema import SCHEMA_VERSION, migrations
from tech_app.vocab import TimeKind, VisitMode
from tests.conftest import DEMO_DAY
from tests.tech_app.old_schema import as_schema_10

NEW_IN_7 = (CompanySettings, ServiceCard)


def _as_schema_6(record: object) -> object:
    """The record as schema 6 could hold it: the new fields at their defaults."""
    if isinstance(record, Job):
        return dataclasses.replace(
            record,
            visit_mode=VisitMode.ON_SITE,
            card_id=None,
            fault_cause="",
            payment_method=None,
            receipt_number="",
        )
    return record


def test_a_schema_6_database_opens_with_every_record(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = Database(path)
    migrations.apply(db, stop_before="m007_money")
    db.execute("PRAGMA user_version = 6")
    records = [
        as_schema_10(r)
        for r in build_demo(DEMO_DAY).records
        if not isinstance(r, NEW_IN_7) and as_schema_10(r) is not None
    ]
    entry = TimeEntry(
        job_id=build_demo(DEMO_DAY).of(Job)[0].id,  # type: ignore[attr-defined]
        kind=TimeKind.LABOUR,
        started_at=datetime(2026, 11, 28, 1, tzinfo=UTC),
        ended_at=datetime(2026, 11, 28, 2, tzinfo=UTC),
    )
    records.append(entry)
    for record in records:
        table = table_of(record)
        columns = {c.name for c in db[table].columns}  # type: ignore[union-attr]
        row = {k: v for k, v in to_row(record).items() if k in columns}
        row |= {"version": 1, "updated_at": "2026-11-28T00:00:00+00:00"}
        db[table].insert(row)  # type: ignore[union-attr]
    db.execute("INSERT INTO settings (key, value) VALUES ('sync.cursor', '57')")
    db.conn.commit()
    db.close()

    store = open_store(path)
    try:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        for record in records:
            found = store.get(type(record), record.id)  # type: ignore[attr-defined]
            assert found == _as_schema_6(record), table_of(record)
        assert store.get(TimeEntry, entry.id).out_of_scope is False
        assert store.select(CompanySettings) == []
        # Rows head office sent that schema 6 had no table for are pulled again.
        assert store.setting("sync.cursor") == "0"
    finally:
        store.close()
