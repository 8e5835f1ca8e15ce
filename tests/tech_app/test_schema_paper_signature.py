"""Local schema 9 (signatures on paper): a database written by schema 8 opens with every record.

m009 adds ``on_paper`` and ``paper_photo_id`` to the signatures; a pad signature written
before it must come back as it was, a pad signature (not on paper, no photo).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from tech_app.demo import build_demo, demo_id
from tech_app.records import IntakeStep, JewelleryIntake, Signature
from tech_app.records.codec import table_of, to_row
from tech_app.store.local import open_store
from tech_app.store.schema import migrations
from tests.conftest import DEMO_DAY
from tests.tech_app.old_schema import NEW_COLUMNS_11, as_schema_10, assert_every_record


def test_a_schema_8_database_opens_with_every_record(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = Database(path)
    migrations.apply(db, stop_before="m009_paper_signature")
    db.execute("PRAGMA user_version = 8")
    signature = Signature(
        job_id=demo_id("job:heater-in"),
        signer_name="王建国",
        signed_at=datetime(2026, 11, 28, 4, tzinfo=UTC),
        image_sha256="b" * 64,
        rating=5,
    )
    # The intake tables come with schema 10, after this one.
    later = (JewelleryIntake, IntakeStep)
    records = [
        *(
            as_schema_10(r)
            for r in build_demo(DEMO_DAY).records
            if not isinstance(r, later) and as_schema_10(r) is not None
        ),
        signature,
    ]
    for record in records:
        table = table_of(record)
        columns = {c.name for c in db[table].columns}  # type: ignore[union-attr]
        row = to_row(record)
        assert set(row) - columns <= {"on_paper", "paper_photo_id"} | NEW_COLUMNS_11, table
        row = {k: v for k, v in row.items() if k in columns}
        row |= {"version": 1, "updated_at": "2026-11-28T00:00:00+00:00"}
        db[table].insert(row)  # type: ignore[union-attr]
    db.conn.commit()
    db.close()

    store = open_store(path)
    try:
        assert_every_record(store, records)
        found = store.get(Signature, signature.id)
        assert (found.on_paper, found.paper_photo_id) == (False, None)
    finally:
        store.close()
