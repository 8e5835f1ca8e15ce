"""Van stock at head office: the ledger of movements, restocks, and what each van holds.

A van's stock of a part is its opening balance (the ``van_stock`` row head office
set) plus the sum of its insert-only ``stock_movements``. Technicians add uses;
the office adds restocks, transfers and corrections. None of them rewrites a total,
so writes that cross (two laptops offline, a restock meanwhile) never lose one.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.server import auth, gate
from sync.server import tables as t
from sync.server.record_rows import live_rows
from tech_app.errors import NotFoundError, ValidationError
from tech_app.records import StockMovement
from tech_app.records.codec import to_row
from tech_app.vocab import StockMove


def _rows(conn: Connection, table: str, technician: str) -> list[dict[str, Any]]:
    return live_rows(conn, table, t.kinds[table].c.technician == technician)


def on_hand(conn: Connection, technician: str) -> dict[str, Decimal]:
    """What the technician's van holds, by part id."""
    held: dict[str, Decimal] = {}
    for row in _rows(conn, "van_stock", technician):
        held[row["part_id"]] = held.get(row["part_id"], Decimal(0)) + Decimal(row["quantity"])
    for row in _rows(conn, "stock_movements", technician):
        held[row["part_id"]] = held.get(row["part_id"], Decimal(0)) + Decimal(row["quantity"])
    return held


def _part_id(conn: Connection, key: str) -> str:
    parts = t.kinds["parts"]
    found = conn.execute(
        sa.select(parts.c.id)
        .where(sa.or_(parts.c.id == key, parts.c.number == key))
        .order_by(parts.c.id != key)
    ).first()
    if found is None:
        raise NotFoundError("part", key)
    return str(found.id)


def record_movement(
    conn: Connection,
    technician: str,
    part_key: str,
    quantity: str | Decimal,
    kind: StockMove,
    *,
    by: str,
    at: datetime,
    note: str = "",
) -> Decimal:
    """Add a restock, transfer or correction to a van's ledger; returns the new stock."""
    auth.require_technician(conn, technician)
    part_id = _part_id(conn, part_key)
    try:
        amount = Decimal(str(quantity).strip())
    except InvalidOperation:
        raise ValidationError("quantity", f"{quantity!r} is not a number") from None
    movement = StockMovement(
        technician=technician,
        part_id=part_id,
        quantity=amount,
        kind=kind,
        moved_by=by,
        note=note,
        moved_at=at,
    )
    row = json.loads(json.dumps(to_row(movement), ensure_ascii=False))
    gate.write(conn, gate.OFFICE, "stock_movements", row)
    return on_hand(conn, technician).get(part_id, Decimal(0))
