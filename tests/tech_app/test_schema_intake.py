"""Local schema 10 (jewellery intake): a database written by schema 9 opens with every record.

m010 only adds the intake tables, so every row of a schema-9 file must come back as it
was, the new tables start empty and take a form, and the cursor is reset so rows head
office sent that schema 9 had no table for are pulled again.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tech_app.demo import demo_id
from tech_app.records import IntakeStep, JewelleryIntake, PartUsage
from tech_app.records.codec import table_of, to_row
from tech_app.store.local import open_store
from tech_app.vocab import Coverage, IntakeState
from tests.conftest import DEMO_DAY
from tests.tech_app.old_schema import (
    NEW_COLUMNS_11,
    assert_every_record,
    demo_before_11,
    old_database,
)

NEW_IN_10 = (JewelleryIntake, IntakeStep)
T0 = datetime(2026, 11, 28, 3, tzinfo=UTC)


def test_a_schema_9_database_opens_with_every_record(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = old_database(path, "m010_jewellery_intake", 9)
    records = demo_before_11(DEMO_DAY, leave_out=NEW_IN_10)
    removed = PartUsage(
        job_id=demo_id("job:ring"),
        part_id=demo_id("part:JW-SIZE-AU"),
        quantity="0.5",
        unit_price=52000,
        coverage=Coverage.CHARGED,
        technician="liu",
        used_at=T0,
        removed_at=T0,
    )
    records.append(removed)
    for record in records:
        table = table_of(record)
        columns = {c.name for c in db[table].columns}  # type: ignore[union-attr]
        assert set(to_row(record)) - NEW_COLUMNS_11 <= columns, table  # schema 9 held the rest
        row = {k: v for k, v in to_row(record).items() if k in columns}
        row |= {"version": 1, "updated_at": "2026-11-28T00:00:00+00:00"}
        db[table].insert(row)  # type: ignore[union-attr]
    assert not db["jewellery_intakes"].exists()
    db.execute("INSERT INTO settings (key, value) VALUES ('sync.cursor', '412')")
    db.conn.commit()
    db.close()

    store = open_store(path)
    try:
        assert_every_record(store, records)
        assert store.select(JewelleryIntake) == [] and store.select(IntakeStep) == []
        assert store.setting("sync.cursor") == "0"
        # The new tables work: a form and a step on the old demo ring job.
        form = JewelleryIntake(
            job_id=demo_id("job:ring"),
            counterfoil_number="AX-0A0B0C-C000001",
            product="18K金钻石戒指",
            material="gold_18k",
            services=("resizing",),
            signer_name="陈静",
            signature_sha256="0" * 64,
            handed_in_at=T0,
        )
        store.save(form)
        store.save(
            IntakeStep(
                intake_id=form.id, job_id=form.job_id, state=IntakeState.READY, stepped_at=T0
            )
        )
        assert store.get(JewelleryIntake, form.id) == form
    finally:
        store.close()
