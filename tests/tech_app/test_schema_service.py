"""Local schema 11 (the service systems): a schema-10 database opens with every record.

m011 adds columns with defaults to customers and contracts and four new tables; every
row written by schema 10 comes back as it was (new fields at their defaults), the cursor
is reset so rows head office sent that schema 10 had no place for are pulled again, and
the new tables take their records.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tech_app.demo import demo_id
from tech_app.records import Attendance, Complaint, Contract, Customer, Loan, Refund
from tech_app.store.local import open_store
from tech_app.vocab import ComplaintType, PaymentMethod
from tests.conftest import DEMO_DAY
from tests.tech_app.old_schema import (
    assert_every_record,
    demo_before_11,
    insert_before_11,
    old_database,
)

T0 = datetime(2026, 11, 28, 3, tzinfo=UTC)


def test_a_schema_10_database_opens_with_every_record(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = old_database(path, "m011_service_systems", 10)
    kept = demo_before_11(DEMO_DAY)
    insert_before_11(db, kept, T0.isoformat())
    assert not db["complaints"].exists()
    db.execute("INSERT INTO settings (key, value) VALUES ('sync.cursor', '977')")
    db.conn.commit()
    db.close()

    store = open_store(path)
    try:
        assert_every_record(store, kept)
        assert store.setting("sync.cursor") == "0"
        fleet = store.get(Contract, demo_id("contract:fleet"))
        assert (fleet.visit_type, fleet.spare_share_percent, fleet.trainings_per_year) == (
            "maintenance",
            15,
            0,
        )
        store.save(dataclasses.replace(fleet, trainings_per_year=1))
        wang = store.get(Customer, demo_id("customer:wang"))
        store.save(dataclasses.replace(wang, purchase_reason="旧热水器坏了", promises="三包"))
        job = demo_id("job:heater-in")
        for new in (
            Complaint(
                job_id=job,
                complaint_type=ComplaintType.VENTING,
                key_points="等了三天",
                plan="明天上午到",
                deadline=T0 + timedelta(hours=20),
                recorded_at=T0,
            ),
            Loan(job_id=job, unit="备用热水器", lent_at=T0),
            Attendance(job_id=job, attendee="王建国", recorded_at=T0),
            Refund(
                job_id=job,
                amount=5000,
                method=PaymentMethod.WECHAT,
                refunded_by="office",
                refunded_at=T0,
            ),
        ):
            store.save(new)
            assert store.get(type(new), new.id) == new
    finally:
        store.close()
