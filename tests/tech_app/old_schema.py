"""Demo records as a database before the service systems (local schema 11) holds them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from tech_app.demo import build_demo
from tech_app.records import Attendance, Complaint, Contract, Customer, Loan, Refund
from tech_app.records.codec import table_of, to_row
from tech_app.store.local import LocalStore
from tech_app.store.schema import SCHEMA_VERSION, migrations
from tech_app.vocab import JobType

NEW_IN_11 = (Complaint, Loan, Attendance, Refund)
# The columns m011 added to tables that were there before.
NEW_COLUMNS_11 = frozenset(
    {
        "purchase_reason",
        "promises",
        "visit_type",
        "trainings_per_year",
        "delivered_quantity",
        "spare_share_percent",
        "spare_part_id",
        "spare_holder",
    }
)


def as_schema_10(record: object) -> object | None:
    """The demo record as schema 10 could hold it: the fields and rows m011 added (the
    service systems) left at their defaults, or left out."""
    if type(record) in NEW_IN_11:
        return None
    if isinstance(record, Contract):
        return dataclasses.replace(
            record,
            visit_type=JobType.MAINTENANCE,
            trainings_per_year=0,
            delivered_quantity=0,
            spare_share_percent=15,
            spare_part_id=None,
            spare_holder="",
        )
    if isinstance(record, Customer):
        return dataclasses.replace(record, purchase_reason="", promises="")
    return record


def old_database(path: Path, stop_before: str, version: int) -> Database:
    """A profile database as the release before ``stop_before`` left it."""
    db = Database(path)
    migrations.apply(db, stop_before=stop_before)
    db.execute(f"PRAGMA user_version = {version}")
    return db


def insert_before_11(db: Database, records: list[object], stamp: str) -> None:
    """Rows of ``records`` as a schema-10 database holds them (the columns it has)."""
    for record in records:
        table = table_of(record)
        columns = {c.name for c in db[table].columns}  # type: ignore[union-attr]
        assert set(to_row(record)) - columns <= NEW_COLUMNS_11, table
        row = {k: v for k, v in to_row(record).items() if k in columns}
        db[table].insert(row | {"version": 1, "updated_at": stamp})  # type: ignore[union-attr]


def demo_before_11(day: date, *, leave_out: tuple[type, ...] = ()) -> list[object]:
    """The demo day as a schema-10 (or older) store holds it."""
    found = (as_schema_10(r) for r in build_demo(day).records if not isinstance(r, leave_out))
    return [r for r in found if r is not None]


def assert_every_record(store: LocalStore, records: Iterable[object]) -> None:
    """The migrated store is at today's schema and gives back each record as it was."""
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for record in records:
        assert store.get(type(record), record.id) == record, table_of(record)  # type: ignore[attr-defined]
