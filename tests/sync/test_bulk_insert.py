"""``bulk_insert.insert_rows`` stores what SQLAlchemy's own insert stores: every column
type the record tables use (decimal text with its scale, calendar days, booleans, big
integers, NULL, Chinese text), on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from sync.server import tables as t
from sync.server.bulk_insert import insert_rows
from sync.server.record_tables import fields_of
from tests.sync.conftest import Server


def _usage(n: int) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "job_id": f"J-{n}",
        "asset_id": None,
        "part_id": "P-滤芯",
        "quantity": ["1", "0.50", "12.125", "-3"][n % 4],
        "unit_price": 3800,  # cents
        "coverage": "warranty",
        "technician": "王师傅",
        "serial_out": "",
        "removed_at": None,
        "serial_in": "SN-\u4e2d-1",
        "stock_override": n % 2 == 0,
        "used_at": "2026-11-28T09:30:00+08:00",
    }


def _contract(n: int) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "customer_id": f"C-{n}",
        "name": f"保养合同 {n}",
        "visits_per_year": 4,
        "interval_hours": None,
        "visit_fee": 0,
        "out_of_scope_per_hour": 8000,
        "waiting_per_hour": 4000,
        "starts_on": "2026-01-01",
        "term_months": 12,
        "notice_days": 30,
        "ended_on": None if n % 2 else "2026-12-31",
        "visit_type": "maintenance",
        "trainings_per_year": 0,
        "delivered_quantity": 2**40 + n,  # beyond 32 bits
        "spare_share_percent": 5,
        "spare_part_id": None,
        "spare_holder": "",
    }


def _bookkeeping(n: int) -> dict[str, Any]:
    return {
        "table_name": "time_entries",
        "id": str(uuid.uuid4()),
        "owner": "王师傅",
        "job_id": None,
        "blob_sha": None,
        "version": 1,
        "seq": (1 << 62) + n,  # a provisional number (db.PROVISIONAL_FLOOR and up)
        "deleted": False,
        "writers": '{"ended_at": ["c-1", 7]}',
        "updated_at": 1764300000.125 + n,
    }


def _shifted(row: dict[str, Any], sign: int = 1) -> dict[str, Any]:
    return {"seq": row["seq"] + sign * 1000} if "seq" in row else {}


def _by_id(conn: sa.Connection, table: sa.Table, ids: list[str]) -> dict[str, dict[str, Any]]:
    rows = conn.execute(sa.select(table).where(table.c.id.in_(ids))).mappings()
    return {row["id"]: {k: v for k, v in row.items() if k != "id"} for row in rows}


def _same_rows(server: Server, table: sa.Table, make: Any) -> None:
    columns = [c for c in fields_of(table) if c in make(0)]
    ours = [make(n) for n in range(25)]
    # A second copy under other ids (and, for bookkeeping, other unique numbers).
    theirs = [{**row, "id": str(uuid.uuid4()), **_shifted(row)} for row in ours]
    with server.engine.connect() as conn, conn.begin() as transaction:
        insert_rows(conn, table, [{c: row[c] for c in columns} for row in ours])
        conn.execute(table.insert(), [{c: row[c] for c in columns} for row in theirs])
        mine = _by_id(conn, table, [row["id"] for row in ours])
        reference = _by_id(conn, table, [row["id"] for row in theirs])
        transaction.rollback()  # the rows name jobs and customers that do not exist
    assert [mine[a["id"]] for a in ours] == [
        {**reference[b["id"]], **_shifted(reference[b["id"]], -1)} for b in theirs
    ]
    assert len(mine) == 25


def test_typed_fields_are_stored_as_sqlalchemy_stores_them(server: Server) -> None:
    _same_rows(server, t.kinds["part_usage"], _usage)
    _same_rows(server, t.kinds["contracts"], _contract)


def test_bookkeeping_rows_keep_big_numbers_and_exact_times(server: Server) -> None:
    _same_rows(server, t.records, _bookkeeping)


def test_no_rows_is_no_statement(server: Server) -> None:
    with server.engine.connect() as conn:
        insert_rows(conn, t.mutation_log, [])
        assert not conn.in_transaction()
