"""Van stock in the console: what a van holds, a restock, a correction, and a transfer
that moves stock from one van to another on the ledger (one row on each)."""

from __future__ import annotations

from decimal import Decimal

from sync.server.db import read_transaction
from sync.server.record_rows import live_rows
from sync.server.van_stock import on_hand
from tech_app.demo import PARTS
from tests.sync.conftest import Server
from tests.sync.console_client import office_console

PART = PARTS[0]


def _held(server: Server, technician: str) -> Decimal:
    with read_transaction(server.engine) as conn:
        return on_hand(conn, technician).get(PART.id, Decimal(0))


def test_restock_correct_and_transfer_between_vans(server: Server) -> None:
    a, b = server.technician(), server.technician()
    server.dispatch_demo(a)
    server.dispatch_demo(b)
    console = office_console(server)
    start_a, start_b = _held(server, a), _held(server, b)
    page = console.get(f"/vans?technician={a}").text
    assert f'id="stock-{PART.number}"' in page and str(start_a) in page

    path = f"/vans/{a}/movements"
    assert (
        console.post(path, {"part": PART.id, "quantity": "5", "kind": "restock"}).status_code == 303
    )
    assert (
        console.post(
            path, {"part": PART.number, "quantity": "-1", "kind": "correction"}
        ).status_code
        == 303
    )
    assert _held(server, a) == start_a + 4
    # A "use" is the laptop's to record, never the office's.
    assert console.post(path, {"part": PART.id, "quantity": "-1", "kind": "use"}).status_code == 422

    moved = {"part": PART.id, "quantity": "3", "to": b, "note": "周五调拨"}
    assert console.post(f"/vans/{a}/transfers", moved).status_code == 303
    assert _held(server, a) == start_a + 1 and _held(server, b) == start_b + 3
    with read_transaction(server.engine) as conn:
        rows = [r for r in live_rows(conn, "stock_movements") if r["kind"] == "transfer"]
    mine = sorted(Decimal(r["quantity"]) for r in rows if r["technician"] in (a, b))
    assert mine == [Decimal(-3), Decimal(3)]
    for bad in ({**moved, "quantity": "-3"}, {**moved, "to": a}, {**moved, "to": "nobody-x"}):
        assert console.post(f"/vans/{a}/transfers", bad).status_code in (404, 422), bad
    assert _held(server, a) == start_a + 1 and _held(server, b) == start_b + 3
