"""A wrong part line is corrected or removed until sign-off, and the van's stock follows."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tech_app.errors import FrozenJobError, Invalid, ValidationError
from tech_app.part_lines import correct_part_line, part_lines, remove_part_line
from tech_app.records import Job, PartUsage, StockMovement
from tech_app.store.local import LocalStore
from tech_app.van import NegativeStockError, find_part, record_part_usage, stock_of
from tech_app.vocab import Coverage, JobStatus, StockMove
from tests.conftest import DEMO_DAY, job_number

NOW = datetime(DEMO_DAY.year, DEMO_DAY.month, DEMO_DAY.day, 3, 0, tzinfo=UTC)


def _job(store: LocalStore, key: str) -> str:
    return store.find_job(job_number(store, key)).id


def _stock(store: LocalStore, number: str) -> Decimal:
    return stock_of(store, "liu", find_part(store, number).id).quantity


def test_a_quantity_correction_moves_only_the_difference(demo_store: LocalStore) -> None:
    job = _job(demo_store, "heater-out")
    before = _stock(demo_store, "SH-TUBE-58")
    line = record_part_usage(demo_store, job, "SH-TUBE-58", "3", "charged", "liu", now=NOW)
    corrected = correct_part_line(demo_store, line.id, "２", "liu", now=NOW)
    assert corrected.quantity == 2
    assert _stock(demo_store, "SH-TUBE-58") == before - 2
    (kept,) = part_lines(demo_store, job)
    assert kept.id == line.id and kept.quantity == 2
    moves = demo_store.select(StockMovement, "part_usage_id = ?", [line.id], order_by="rowid")
    assert [(m.kind, m.quantity) for m in moves] == [
        (StockMove.USE, Decimal(-3)),
        (StockMove.CORRECTION, Decimal(1)),  # a new movement; the use is never rewritten
    ]


def test_coverage_can_be_corrected_without_a_stock_movement(demo_store: LocalStore) -> None:
    job = _job(demo_store, "heater-out")
    line = record_part_usage(demo_store, job, "SH-TUBE-58", 1, "charged", "liu", now=NOW)
    correct_part_line(demo_store, line.id, "1", "liu", coverage=Coverage.WARRANTY, now=NOW)
    assert demo_store.get(PartUsage, line.id).coverage is Coverage.WARRANTY
    assert len(demo_store.select(StockMovement, "part_usage_id = ?", [line.id])) == 1


def test_a_removed_line_leaves_the_visit_and_its_parts_go_back(demo_store: LocalStore) -> None:
    job = _job(demo_store, "heater-out")
    before = _stock(demo_store, "SH-TUBE-58")
    line = record_part_usage(demo_store, job, "SH-TUBE-58", 2, "charged", "liu", now=NOW)
    remove_part_line(demo_store, line.id, "liu", now=NOW)
    assert part_lines(demo_store, job) == []
    assert _stock(demo_store, "SH-TUBE-58") == before
    assert demo_store.get(PartUsage, line.id).removed_at == NOW  # kept, marked, for the ledger
    with pytest.raises(ValidationError):
        remove_part_line(demo_store, line.id, "liu", now=NOW)  # not twice
    with pytest.raises(ValidationError):
        correct_part_line(demo_store, line.id, "1", "liu", now=NOW)
    assert _stock(demo_store, "SH-TUBE-58") == before


@pytest.mark.parametrize("typed", ["-2", "0", "abc"])
def test_a_correction_to_a_bad_quantity_changes_nothing(demo_store: LocalStore, typed: str) -> None:
    job = _job(demo_store, "heater-out")
    line = record_part_usage(demo_store, job, "SH-TUBE-58", 2, "charged", "liu", now=NOW)
    stock = _stock(demo_store, "SH-TUBE-58")
    queued = demo_store.pending_count()
    with pytest.raises(ValidationError) as refused:
        correct_part_line(demo_store, line.id, typed, "liu", now=NOW)
    assert refused.value.code in (Invalid.NOT_POSITIVE, Invalid.NOT_A_NUMBER)
    assert demo_store.get(PartUsage, line.id) == line
    assert _stock(demo_store, "SH-TUBE-58") == stock and demo_store.pending_count() == queued


def test_correcting_above_the_van_stock_asks_first(demo_store: LocalStore) -> None:
    job = _job(demo_store, "heater-out")
    line = record_part_usage(demo_store, job, "SH-VALVE", 1, "charged", "liu", now=NOW)  # the last
    with pytest.raises(NegativeStockError):
        correct_part_line(demo_store, line.id, 3, "liu", now=NOW)
    corrected = correct_part_line(demo_store, line.id, 3, "liu", confirm_negative=True, now=NOW)
    assert corrected.stock_override and _stock(demo_store, "SH-VALVE") == -2


def test_a_signed_job_refuses_corrections_and_removals(demo_store: LocalStore) -> None:
    job_id = _job(demo_store, "heater-out")
    line = record_part_usage(demo_store, job_id, "SH-TUBE-58", 2, "charged", "liu", now=NOW)
    # The status as sign_job leaves it; the store's frozen rule is what is under test.
    demo_store.save(dataclasses.replace(demo_store.get(Job, job_id), status=JobStatus.SIGNED))
    stock = _stock(demo_store, "SH-TUBE-58")
    with pytest.raises(FrozenJobError):
        correct_part_line(demo_store, line.id, 1, "liu", now=NOW)
    with pytest.raises(FrozenJobError):
        remove_part_line(demo_store, line.id, "liu", now=NOW)
    assert demo_store.get(PartUsage, line.id) == line
    assert _stock(demo_store, "SH-TUBE-58") == stock


def test_a_removed_line_is_no_part_of_the_units_history(demo_store: LocalStore) -> None:
    from tech_app.asset_history import previous_visits
    from tech_app.coverage import job_assets

    job = _job(demo_store, "heater-out")
    (asset, *_) = job_assets(demo_store, job)
    record_part_usage(demo_store, job, "SH-TUBE-58", 1, "charged", "liu", now=NOW)
    wrong = record_part_usage(demo_store, job, "SH-VALVE", 1, "charged", "liu", now=NOW)
    remove_part_line(demo_store, wrong.id, "liu", now=NOW)
    demo_store.save(dataclasses.replace(demo_store.get(Job, job), status=JobStatus.COMPLETED))
    (visit, *_) = [v for v in previous_visits(demo_store, asset.id) if v.job_id == job]
    assert [p.part_number for p in visit.parts] == ["SH-TUBE-58"]


def test_a_removed_line_is_not_charged_and_not_on_the_slip(demo_store: LocalStore) -> None:
    from reports.slip_data import build_slip_data
    from tech_app.charges import job_charges

    job = _job(demo_store, "heater-out")
    before = job_charges(demo_store, job)
    line = record_part_usage(demo_store, job, "SH-TUBE-58", "3", "charged", "liu", now=NOW)
    with_line = job_charges(demo_store, job)
    assert with_line.total > before.total
    assert line.id in {charge.ref for charge in with_line.lines}
    assert "SH-TUBE-58" in str(build_slip_data(demo_store, job, "zh_CN"))
    remove_part_line(demo_store, line.id, "liu", now=NOW)
    after = job_charges(demo_store, job)
    assert after.total == before.total
    assert line.id not in {charge.ref for charge in after.lines}
    slip = build_slip_data(demo_store, job, "zh_CN")
    assert "SH-TUBE-58" not in str(slip)
