"""The checklist tab's one read agrees with each question asked on its own."""

from __future__ import annotations

from datetime import UTC, datetime

from tech_app.asset_history import compared_readings
from tech_app.checklist import answers_of, checklists_of, record_answer, visit_progress
from tech_app.checklist_sheet import checklist_sheet
from tech_app.coverage import job_assets
from tech_app.store.local import LocalStore
from tests.tech_app.fleet_history import FLEET_JOB, GOOD_ANSWERS, TRUCKS, add_previous_visit

NOW = datetime(2026, 11, 28, 2, 30, tzinfo=UTC)


def test_the_sheet_is_what_the_form_asked_for_one_by_one(demo_store: LocalStore) -> None:
    add_previous_visit(demo_store)
    for key, value in GOOD_ANSWERS.items():
        record_answer(demo_store, FLEET_JOB, key, value, asset_id=TRUCKS[0], now=NOW)
    record_answer(demo_store, FLEET_JOB, "fork_wear", "9", asset_id=TRUCKS[1], now=NOW)
    sheet = checklist_sheet(demo_store, FLEET_JOB)
    assert list(sheet.parts) == checklists_of(demo_store, FLEET_JOB)
    assert list(sheet.assets) == job_assets(demo_store, FLEET_JOB)
    assert sheet.answers == answers_of(demo_store, FLEET_JOB)
    assert sheet.compared == compared_readings(demo_store, FLEET_JOB)
    assert sheet.compared[(TRUCKS[1], "fork_wear")].change is not None  # read against August
    assert sheet.progress == visit_progress(demo_store, FLEET_JOB)
    assert sheet.progress.done == 1
