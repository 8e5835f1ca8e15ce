"""The condition report compares each reading with the unit's last visit."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reports import build_condition_data, write_condition_report
from tech_app.blobs import BlobStore
from tech_app.checklist import record_answer
from tech_app.demo import demo_id
from tech_app.store.local import LocalStore
from tests.reports.conftest import FLEET_READINGS
from tests.reports.helpers import pdf_pages, squash
from tests.tech_app.fleet_history import PREVIOUS_VISIT, add_previous_visit


def last_quarter(store: LocalStore) -> None:
    """August's visit: each truck read 100 h earlier with the same wear, except truck 2,
    whose forks have worn 5 % since then (the template allows 3 %)."""
    previous = add_previous_visit(store)
    for truck, (meter, wear) in FLEET_READINGS.items():
        asset = demo_id(f"asset:truck{truck}")
        earlier_wear = "1" if truck == 2 else wear
        for key, value in (("hour_meter", str(int(meter) - 100)), ("fork_wear", earlier_wear)):
            record_answer(store, previous.id, key, value, asset_id=asset, now=PREVIOUS_VISIT)


def test_report_data_flags_the_jump_against_the_last_visit(
    store: LocalStore, signed_fleet: str
) -> None:
    last_quarter(store)
    data = build_condition_data(store, signed_fleet, "en")
    truck2 = data.units[1]
    changed = [f for f in truck2.flags if f.kind == "changed"]
    assert [f.row.item_key for f in changed] == ["fork_wear"]
    assert changed[0].previous is not None
    assert changed[0].previous.change == Decimal(5)
    assert changed[0].previous.tolerance == Decimal(3)
    # Truck 1 moved 100 h and 0 %: within tolerance, so nothing is flagged.
    assert data.units[0].flags == ()
    assert {p.item_key: p.value for p in data.units[0].previous} == {
        "hour_meter": "1868",
        "fork_wear": "4",
        "tyre_tread": "18",
    }
    assert [u.position for u in data.units if u.flags] == [2, 3]


def test_report_without_history_flags_no_change(store: LocalStore, signed_fleet: str) -> None:
    data = build_condition_data(store, signed_fleet, "en")
    assert all(f.kind != "changed" for u in data.units for f in u.flags)
    assert all(u.previous == () for u in data.units)


def test_pdf_shows_the_previous_reading_and_the_flag(
    store: LocalStore, blobs: BlobStore, signed_fleet: str, tmp_path: Path
) -> None:
    last_quarter(store)
    out = write_condition_report(store, blobs, signed_fleet, tmp_path / "fleet.pdf")
    text = squash("".join(pdf_pages(out)))
    assert squash("Last visit") in text
    assert squash("Fork heel wear: 1 % → 6 % since 2026-08-20 (change +5 %, allowed ±3 %)") in text
    assert squash("2 of 6 units flagged") in text


def test_pdf_flag_in_chinese(
    store: LocalStore, blobs: BlobStore, signed_fleet: str, tmp_path: Path
) -> None:
    last_quarter(store)
    out = write_condition_report(store, blobs, signed_fleet, tmp_path / "fleet.pdf", lang="zh_CN")
    text = squash("".join(pdf_pages(out)))
    assert "上次读数" in text
    assert squash("货叉根部磨损：2026-08-20 为 1 %，现为 6 %（变化 +5 %，允许 ±3 %）") in text
