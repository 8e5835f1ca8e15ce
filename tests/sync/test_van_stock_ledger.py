"""Van stock is a ledger: uses on two laptops and an office restock add up exactly.

Before the ledger, stock was a total each device overwrote: two laptops each using
1 of 4 left 3 everywhere, and a restock of +10 while a laptop used 1 offline was lost.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from sync.server.db import read_transaction, write_transaction
from sync.server.van_stock import on_hand, record_movement
from tech_app.demo import demo_id
from tech_app.errors import RecordedOnceError
from tech_app.records import StockMovement
from tech_app.van import NegativeStockError, record_part_usage, stock_of
from tech_app.vocab import StockMove
from tests.sync.conftest import Server
from tests.sync.test_security import login, mutation, push

FILTER = demo_id("part:FL-HF-01")  # the forklift hydraulic filter, 4 in each demo van


def held_at_office(server: Server, technician: str) -> Decimal:
    with read_transaction(server.engine) as conn:
        return on_hand(conn, technician)[FILTER]


def test_two_laptops_and_a_restock_add_up(server: Server, device_factory: Any) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    first, second = device_factory(server, tech, "first"), device_factory(server, tech, "second")
    assert first.sync().ok and second.sync().ok
    start = stock_of(first.store, tech, FILTER).quantity
    assert start == held_at_office(server, tech) == Decimal(4)

    # Offline on both laptops, one filter each; meanwhile the stores put 10 in the van.
    record_part_usage(first.store, jobs["fleet"], "FL-HF-01", 1, "charged", tech)
    record_part_usage(second.store, jobs["stove"], "FL-HF-01", 1, "charged", tech)
    with write_transaction(server.engine) as conn:
        after = record_movement(
            conn, tech, "FL-HF-01", "10", StockMove.RESTOCK, by="office", at=datetime.now(UTC)
        )
    assert after == Decimal(14)

    assert first.sync().ok and second.sync().ok and first.sync().ok
    assert held_at_office(server, tech) == Decimal(12)
    assert stock_of(first.store, tech, FILTER).quantity == Decimal(12)
    assert stock_of(second.store, tech, FILTER).quantity == Decimal(12)


def test_the_ledger_refuses_what_a_laptop_may_not_write(
    server: Server, device_factory: Any
) -> None:
    tech = server.technician()
    jobs = server.dispatch_demo(tech)
    laptop = device_factory(server, tech)
    assert laptop.sync().ok
    # Taking more than the van holds still needs the technician's confirmation.
    with pytest.raises(NegativeStockError):
        record_part_usage(laptop.store, jobs["fleet"], "FL-HF-01", 5, "charged", tech)
    record_part_usage(
        laptop.store, jobs["fleet"], "FL-HF-01", 5, "charged", tech, confirm_negative=True
    )
    assert stock_of(laptop.store, tech, FILTER).quantity == Decimal(-1)
    (movement,) = laptop.store.select(StockMovement, "technician = ?", [tech])
    with pytest.raises(RecordedOnceError):
        laptop.store.save(StockMovement(**{**movement.__dict__, "quantity": Decimal(-1)}))
    assert laptop.sync().ok
    assert held_at_office(server, tech) == Decimal(-1)

    # A device may not restock its own van, nor write another technician's ledger, nor
    # set the total directly any more.
    other = server.technician()
    server.dispatch_demo(other)
    token = login(server, tech).json()["access_token"]
    row = {
        "technician": tech,
        "part_id": FILTER,
        "quantity": "50",
        "kind": "restock",
        "moved_by": tech,
        "note": "",
        "moved_at": "2026-11-28T09:00:00+08:00",
        "job_id": None,
        "part_usage_id": None,
    }
    ids = [str(uuid.uuid4()) for _ in range(3)]
    van = next(key[1] for key in server.visible(tech) if key[0] == "van_stock")
    answer = push(
        server,
        token,
        [
            mutation(1, "stock_movements", ids[0], "insert", {**row, "id": ids[0]}),
            mutation(
                2,
                "stock_movements",
                ids[1],
                "insert",
                {**row, "id": ids[1], "technician": other, "kind": "use", "quantity": "-1"},
            ),
            mutation(3, "van_stock", van, "update", {"quantity": "99"}),
        ],
        client=f"laptop-{uuid.uuid4().hex[:8]}",
    )
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["rejected"] * 3, results
    assert "head office" in results[0]["reason"]
    assert "another technician" in results[1]["reason"]
    assert "movements" in results[2]["reason"]
    assert held_at_office(server, tech) == Decimal(-1)
