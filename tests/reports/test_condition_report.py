"""The condition report of the demo fleet visit: one section per truck."""

from __future__ import annotations

from pathlib import Path

from reports import build_condition_data, write_condition_report
from tech_app.blobs import BlobStore
from tech_app.store.local import LocalStore
from tests.reports.helpers import pdf_pages, squash


def test_fleet_report_has_six_unit_sections_and_marks_the_worn_forks(
    store: LocalStore, blobs: BlobStore, signed_fleet: str, tmp_path: Path
) -> None:
    out = write_condition_report(store, blobs, signed_fleet, tmp_path / "fleet.pdf")
    text = squash("".join(pdf_pages(out)))
    for n in range(1, 7):
        assert squash(f"Unit {n} of 6") in text
        assert f"HL-CPCD30-23{n:02d}" in text
    assert "▲outofrange" in text
    assert squash("Fork heel wear 12 %") in text
    assert squash("1 of 6 units flagged") in text
    assert "Replacetheforkpair." in text
    # Quarterly agreement: three months after the visit of 2026-11-29 (no 29 Feb in 2027).
    assert "2027-02-28" in text
    # Or 500 operating hours after truck 1's reading of 1968 h.
    assert "2468h" in text


def test_fleet_report_data_flags_only_the_out_of_range_unit(
    store: LocalStore, signed_fleet: str
) -> None:
    data = build_condition_data(store, signed_fleet, "en")
    assert len(data.units) == 6
    flagged = [u.position for u in data.units if u.flags]
    assert flagged == [3]
    (flag,) = data.units[2].flags
    assert flag.kind == "out_of_range" and flag.row.item_key == "fork_wear"
    assert all(u.next_due is not None and u.next_due.months == 3 for u in data.units)


def test_condition_report_in_chinese(
    store: LocalStore, blobs: BlobStore, signed_fleet: str, tmp_path: Path
) -> None:
    out = write_condition_report(store, blobs, signed_fleet, tmp_path / "fleet.pdf", lang="zh_CN")
    text = squash("".join(pdf_pages(out)))
    assert "设备状况报告" in text and "第1台，共6台" in text and "▲超出范围" in text
