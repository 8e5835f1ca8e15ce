"""Every local write leaves exactly one outbox mutation, in the same transaction."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tech_app.errors import StoreError
from tech_app.records import Customer, Site
from tech_app.records.codec import RECORD_SCHEMA
from tech_app.store import search
from tech_app.store.local import LocalStore, open_store
from tech_app.store.schema import SCHEMA_VERSION


def outbox(store: LocalStore) -> list[dict[str, object]]:
    return list(store.db["outbox"].rows_where(order_by="mutation_id"))


def test_insert_and_update_each_leave_one_numbered_mutation(store: LocalStore) -> None:
    customer = store.save(Customer(name="王建国", phone="138 0013 5521"))
    store.save(dataclasses.replace(customer, phone="138 0013 5522"))
    mutations = outbox(store)
    assert [m["mutation_id"] for m in mutations] == [1, 2]
    assert [m["op"] for m in mutations] == ["insert", "update"]
    assert json.loads(str(mutations[1]["fields"])) == {"phone": "138 0013 5522"}
    assert [m["base_version"] for m in mutations] == [0, 1]
    assert all(m["schema_version"] == RECORD_SCHEMA for m in mutations)
    row = store.row("customers", customer.id)
    assert row is not None and row["version"] == 2 and row["updated_at"]


def test_a_save_that_changes_nothing_queues_nothing(store: LocalStore) -> None:
    customer = store.save(Customer(name="Emily Carter", phone="+86 139 1122 3344"))
    store.save(customer)
    assert len(outbox(store)) == 1


def test_a_failing_write_leaves_neither_record_nor_mutation(store: LocalStore) -> None:
    # A site whose customer does not exist fails the (deferred) foreign key at commit.
    with pytest.raises(sqlite3.IntegrityError):
        store.save(Site(customer_id="5b1c0c4e-0000-4000-8000-000000000000", address="上海"))
    assert store.db.execute("SELECT count(*) FROM sites").fetchone()[0] == 0
    assert outbox(store) == []


def test_a_failure_after_the_record_is_written_rolls_back_both(
    store: LocalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_index(db: object, job_id: str) -> None:
        raise RuntimeError("disk pulled out")

    customer = store.save(Customer(name="李梅", phone="186 2100 4477"))
    monkeypatch.setattr(search, "jobs_touched_by", lambda db, table, rid: ["x"])
    monkeypatch.setattr(search, "reindex_job", broken_index)
    with pytest.raises(RuntimeError):
        store.save(dataclasses.replace(customer, name="李梅梅"))
    assert store.get(Customer, customer.id).name == "李梅"
    assert len(outbox(store)) == 1


def test_a_group_of_saves_is_all_or_nothing(store: LocalStore) -> None:
    with pytest.raises(ZeroDivisionError), store.transaction():
        customer = store.save(Customer(name="张伟", phone="135 5566 7788"))
        store.save(Site(customer_id=customer.id, address="深圳市南山区"))
        1 / 0  # noqa: B018
    assert store.db.execute("SELECT count(*) FROM customers").fetchone()[0] == 0
    assert outbox(store) == []


def test_database_uses_wal_and_foreign_keys(store: LocalStore) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_keeps_data_and_client_id(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    first = open_store(path)
    client_id = first.client_id
    first.save(Customer(name="陈静", phone="137 0101 2323"))
    first.close()
    again = open_store(path)
    assert again.client_id == client_id
    assert again.db.execute("SELECT name FROM customers").fetchone()[0] == "陈静"


def test_an_older_app_refuses_a_newer_database_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    open_store(path).close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer tech-app"):
        open_store(path)


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"this is a photo, not a database" * 100)
    with pytest.raises(StoreError, match="not a tech-app database"):
        open_store(path)
