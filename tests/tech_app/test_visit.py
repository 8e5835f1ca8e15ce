"""A visit through the core: status machine, checklists, parts and time, frozen after signing."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from tech_app.checklist import answers_of, missing_required, record_answer
from tech_app.demo import demo_id
from tech_app.errors import FrozenJobError, TransitionError, ValidationError
from tech_app.lifecycle import amend, change_status
from tech_app.records import Job, Signature, VanStock
from tech_app.store.local import LocalStore
from tech_app.timesheet import correct_entry, minutes_by_kind, start_timer, stop_timer
from tech_app.van import NegativeStockError, record_part_usage, stock_of
from tech_app.vocab import JobStatus, TimeKind

HEATER = demo_id("job:heater-in")
HEATER_ASSET = demo_id("asset:heater-in")
FLEET = demo_id("job:fleet")
NOON = datetime(2026, 11, 28, 4, 0, tzinfo=UTC)


def on_site(store: LocalStore, job_id: str) -> None:
    change_status(store, job_id, "en_route")
    change_status(store, job_id, "on_site")


def answer_heater(store: LocalStore) -> None:
    record_answer(store, HEATER, "tank_leak", "yes")
    record_answer(store, HEATER, "tubes_intact", "是")
    record_answer(store, HEATER, "water_pressure", "0.35")


def sign(store: LocalStore, job_id: str) -> None:
    store.save(
        Signature(job_id=job_id, signer_name="王建国", signed_at=NOON, image_sha256="b" * 64)
    )
    change_status(store, job_id, "signed")


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], "on_site"),  # assigned cannot jump to on site
        ([], "completed"),
        (["en_route"], "signed"),
        (["en_route", "on_site"], "assigned"),
        (["cancelled"], "en_route"),
    ],
)
def test_illegal_transitions_are_refused_with_a_message(
    demo_store: LocalStore, path: list[str], refused: str
) -> None:
    for step in path:
        change_status(demo_store, HEATER, step)
    before = demo_store.get(Job, HEATER).status
    with pytest.raises(TransitionError) as caught:
        change_status(demo_store, HEATER, refused)
    assert caught.value.field == "status"
    assert refused in str(caught.value) or "cancelled" in str(caught.value)
    assert demo_store.get(Job, HEATER).status == before


def test_completion_is_blocked_while_required_items_are_unanswered(demo_store: LocalStore) -> None:
    on_site(demo_store, HEATER)
    record_answer(demo_store, HEATER, "tank_leak", "yes")
    with pytest.raises(TransitionError) as caught:
        change_status(demo_store, HEATER, "completed")
    assert "Collector tubes intact" in str(caught.value)
    assert "Supply water pressure" in str(caught.value)
    assert "Tank leaking" not in str(caught.value)
    assert demo_store.get(Job, HEATER).status is JobStatus.ON_SITE


def test_out_of_range_reading_is_saved_flagged(demo_store: LocalStore) -> None:
    record_answer(demo_store, HEATER, "water_pressure", "0.9")
    answer = answers_of(demo_store, HEATER)[(HEATER_ASSET, "water_pressure")]
    assert answer.value == "0.9" and answer.out_of_range


def test_answering_again_replaces_the_answer(demo_store: LocalStore) -> None:
    record_answer(demo_store, HEATER, "water_pressure", "0.9")
    record_answer(demo_store, HEATER, "water_pressure", "0.4")
    answers = answers_of(demo_store, HEATER)
    assert len(answers) == 1 and not answers[(HEATER_ASSET, "water_pressure")].out_of_range


def test_answer_to_an_item_not_in_the_template_is_refused(demo_store: LocalStore) -> None:
    with pytest.raises(ValidationError, match=r"checklist_answer\.item_key"):
        record_answer(demo_store, HEATER, "hour_meter", "10")


def test_fleet_job_has_one_checklist_per_truck(demo_store: LocalStore) -> None:
    truck1, truck2 = demo_id("asset:truck1"), demo_id("asset:truck2")
    record_answer(demo_store, FLEET, "hour_meter", "1960", asset_id=truck1)
    record_answer(demo_store, FLEET, "hour_meter", "2115", asset_id=truck2)
    missing = missing_required(demo_store, FLEET)
    # 6 trucks × 4 required items, minus the 2 hour meters answered
    assert len(missing) == 22
    assert "HL-CPCD30-2301: Hour meter" not in missing
    assert "HL-CPCD30-2303: Hour meter" in missing
    with pytest.raises(ValidationError, match="no checklist"):
        record_answer(demo_store, FLEET, "hour_meter", "1", asset_id=None)


def test_signed_job_is_frozen_and_only_amended(demo_store: LocalStore) -> None:
    on_site(demo_store, HEATER)
    answer_heater(demo_store)
    change_status(demo_store, HEATER, "completed", outcome="repaired")
    sign(demo_store, HEATER)
    job = demo_store.get(Job, HEATER)
    assert job.status is JobStatus.SIGNED and job.outcome == "repaired"
    with pytest.raises(FrozenJobError):
        record_answer(demo_store, HEATER, "water_pressure", "0.2")
    with pytest.raises(FrozenJobError):
        demo_store.save(dataclasses.replace(job, work_done="changed later"))
    with pytest.raises(FrozenJobError):
        record_part_usage(demo_store, HEATER, "SH-FIT-20", 1, "warranty", "liu")
    with pytest.raises(TransitionError):
        change_status(demo_store, HEATER, "cancelled")
    amendment = amend(demo_store, HEATER, "wrong pressure typed", "water pressure was 0.25 MPa")
    assert amendment.revision == 2


def test_signing_needs_the_customer_signature(demo_store: LocalStore) -> None:
    on_site(demo_store, HEATER)
    answer_heater(demo_store)
    change_status(demo_store, HEATER, "completed")
    with pytest.raises(TransitionError, match="not signed"):
        change_status(demo_store, HEATER, "signed")


def test_part_usage_takes_stock_from_the_van_in_one_step(demo_store: LocalStore) -> None:
    usage = record_part_usage(
        demo_store,
        HEATER,
        "SH-FIT-20",
        "2",
        "warranty",
        "liu",
        serial_out="OLD-1",
        serial_in="NEW-1",
    )
    assert stock_of(demo_store, "liu", usage.part_id).quantity == Decimal(8)
    assert not usage.stock_override


def test_stock_may_not_go_below_zero_without_confirmation(demo_store: LocalStore) -> None:
    pending = demo_store.pending_count()
    with pytest.raises(NegativeStockError) as caught:
        record_part_usage(demo_store, HEATER, "SH-VALVE", 2, "charged", "liu")
    assert caught.value.available == Decimal(1)
    assert "only 1 pc of SH-VALVE" in str(caught.value)
    assert demo_store.pending_count() == pending  # nothing written
    usage = record_part_usage(
        demo_store, HEATER, "SH-VALVE", 2, "charged", "liu", confirm_negative=True
    )
    assert usage.stock_override
    assert stock_of(demo_store, "liu", usage.part_id).quantity == Decimal(-1)


def test_unknown_part_is_refused(demo_store: LocalStore) -> None:
    with pytest.raises(ValidationError, match="unknown part 'XX-404'"):
        record_part_usage(demo_store, HEATER, "XX-404", 1, "charged", "liu")


def test_a_part_for_a_technician_without_stock_starts_from_zero(demo_store: LocalStore) -> None:
    stock = stock_of(demo_store, "tom", demo_id("part:BAT-D"))
    assert (stock.technician, stock.quantity) == ("tom", Decimal(0))
    assert demo_store.select(VanStock, "technician = 'tom'") == []


def test_timers_record_minutes_and_can_be_corrected(demo_store: LocalStore) -> None:
    start_timer(demo_store, HEATER, "travel", "liu", now=NOON)
    start_timer(demo_store, HEATER, "labour", "liu", now=NOON + timedelta(minutes=25))
    labour = stop_timer(demo_store, HEATER, now=NOON + timedelta(minutes=115))
    assert minutes_by_kind(demo_store, HEATER)[TimeKind.TRAVEL] == 25
    assert minutes_by_kind(demo_store, HEATER)[TimeKind.LABOUR] == 90
    assert labour is not None
    correct_entry(
        demo_store, labour.id, NOON + timedelta(minutes=30), NOON + timedelta(minutes=100)
    )
    assert minutes_by_kind(demo_store, HEATER)[TimeKind.LABOUR] == 70
    with pytest.raises(ValidationError, match="before it starts"):
        correct_entry(demo_store, labour.id, NOON, NOON - timedelta(minutes=1))
