"""Local schema 12 (search entries that wait for a sync round's last page): a schema-11
database opens with every record, its search index as it was, and nothing waiting."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tech_app.demo import build_demo
from tech_app.records.codec import table_of, to_row
from tech_app.store import search
from tech_app.store.local import open_store
from tests.conftest import DEMO_DAY
from tests.tech_app.old_schema import assert_every_record, old_database

T0 = datetime(2026, 12, 3, 9, tzinfo=UTC)


def test_a_schema_11_database_opens_with_every_record(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = old_database(path, "m012_search_pending", 11)
    records = build_demo(DEMO_DAY).records
    for record in records:
        row = to_row(record) | {"version": 1, "updated_at": T0.isoformat()}
        db[table_of(record)].insert(row)  # type: ignore[union-attr]
    assert "search_pending" not in db.table_names()
    db.conn.commit()
    db.close()

    store = open_store(path)
    try:
        assert_every_record(store, records)
        assert not search.has_pending(store.db)
        jobs = [job_id for (job_id,) in store.db.execute("SELECT id FROM jobs")]
        assert jobs and search.count_hits(store.db, "王", 100) >= 1
    finally:
        store.close()
