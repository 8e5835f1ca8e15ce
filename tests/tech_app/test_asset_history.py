"""A unit's history on site: earlier visits, parts replaced, readings against the last visit."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from tech_app.asset_history import (
    compared_readings,
    last_readings,
    previous_visits,
    reading_change,
)
from tech_app.checklist import record_answer
from tech_app.coverage import job_assets
from tech_app.demo_templates import FORKLIFT_QUARTERLY
from tech_app.store.local import LocalStore
from tech_app.van import record_part_usage
from tech_app.vocab import Coverage
from tests.tech_app.fleet_history import (
    FLEET_JOB,
    PREVIOUS_VISIT,
    TRUCKS,
    add_previous_visit,
)

NOW = datetime(2026, 11, 29, 1, 0, tzinfo=UTC)
FORK_WEAR = FORKLIFT_QUARTERLY.item("fork_wear")  # tolerance 3 %
HOUR_METER = FORKLIFT_QUARTERLY.item("hour_meter")  # tolerance 600 h


def test_change_within_tolerance_is_not_flagged() -> None:
    change = reading_change(FORK_WEAR, "2", "5")
    assert change is not None
    assert change.change == Decimal(3)
    assert not change.beyond_tolerance


def test_change_beyond_tolerance_either_way_is_flagged() -> None:
    up = reading_change(FORK_WEAR, "2", "5.5")
    down = reading_change(HOUR_METER, "1950", "1200")  # a meter that ran backwards
    assert up is not None and up.beyond_tolerance
    assert down is not None and down.beyond_tolerance and down.change == Decimal(-750)


def test_nothing_to_compare_without_two_numbers() -> None:
    assert reading_change(FORK_WEAR, None, "4") is None
    assert reading_change(FORK_WEAR, "2", "worn") is None
    assert reading_change(FORKLIFT_QUARTERLY.item("brake_test"), "pass", "fail") is None


def test_item_without_tolerance_is_never_flagged() -> None:
    change = reading_change(FORKLIFT_QUARTERLY.item("tyre_tread"), "18", "6")
    assert change is not None and change.tolerance is None and not change.beyond_tolerance


def test_previous_visit_shows_its_readings_and_parts(demo_store: LocalStore) -> None:
    previous = add_previous_visit(demo_store)
    record_part_usage(
        demo_store,
        previous.id,
        "FL-BRK-PAD",
        1,
        Coverage.CHARGED,
        "liu",
        asset_id=TRUCKS[0],
        serial_out="PAD-OLD-1",
        serial_in="PAD-NEW-1",
        now=PREVIOUS_VISIT,
    )
    visits = previous_visits(demo_store, TRUCKS[0], current_job_id=FLEET_JOB)
    assert [v.job_number for v in visits] == [previous.number]
    visit = visits[0]
    assert visit.hour_meter == 1950  # the meter reading also went on the unit link
    assert {r.item_key: r.value for r in visit.readings} == {
        "fork_wear": "2",
        "hour_meter": "1950",
        "tyre_tread": "18",
    }
    assert [(p.part_number, p.serial_out, p.serial_in) for p in visit.parts] == [
        ("FL-BRK-PAD", "PAD-OLD-1", "PAD-NEW-1")
    ]
    # The pad was fitted to truck 1 only.
    assert previous_visits(demo_store, TRUCKS[1], current_job_id=FLEET_JOB)[0].parts == ()


def test_last_readings_take_the_newest_earlier_visit(demo_store: LocalStore) -> None:
    older = add_previous_visit(
        demo_store, number="SV-260520-01", at=datetime(2026, 5, 20, 2, 0, tzinfo=UTC)
    )
    record_answer(demo_store, older.id, "fork_wear", "9", asset_id=TRUCKS[0])
    newer = add_previous_visit(demo_store)
    record_answer(demo_store, newer.id, "fork_wear", "4", asset_id=TRUCKS[0])
    readings = last_readings(demo_store, TRUCKS[0], current_job_id=FLEET_JOB)
    assert readings["fork_wear"].value == "4"
    assert readings["fork_wear"].job_number == newer.number
    visits = previous_visits(demo_store, TRUCKS[0], current_job_id=FLEET_JOB)
    assert [v.job_number for v in visits] == [newer.number, older.number]


def test_unfinished_and_current_jobs_are_not_history(demo_store: LocalStore) -> None:
    assert previous_visits(demo_store, TRUCKS[0], current_job_id=FLEET_JOB) == []
    assert [a.id for a in job_assets(demo_store, FLEET_JOB)] == TRUCKS


def test_compared_readings_flag_a_jump_on_the_current_visit(demo_store: LocalStore) -> None:
    add_previous_visit(demo_store)
    record_answer(demo_store, FLEET_JOB, "fork_wear", "7", asset_id=TRUCKS[0], now=NOW)
    record_answer(demo_store, FLEET_JOB, "fork_wear", "3", asset_id=TRUCKS[1], now=NOW)
    compared = compared_readings(demo_store, FLEET_JOB)
    jump = compared[(TRUCKS[0], "fork_wear")]
    assert jump.previous.value == "2"
    assert jump.change is not None and jump.change.beyond_tolerance
    steady = compared[(TRUCKS[1], "fork_wear")]
    assert steady.change is not None and not steady.change.beyond_tolerance
    unread = compared[(TRUCKS[2], "fork_wear")]
    assert unread.previous.value == "2" and unread.change is None
